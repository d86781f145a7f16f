/* db_modules: the list of every db_TABLE module's statements. */
#include "db_modules.h"

#include <stddef.h>

const struct db_module *const db_modules[] = {
	&db_account_codes_module,
	&db_account_history_module,
	&db_account_hours_module,
	&db_account_reviews_module,
	&db_accounts_module,
	&db_attachments_module,
	&db_backups_module,
	&db_canned_replies_module,
	&db_chat_menu_module,
	&db_customers_module,
	&db_exports_module,
	&db_faq_entries_module,
	&db_faq_published_module,
	&db_friend_groups_module,
	&db_holidays_module,
	&db_jobs_module,
	&db_labels_module,
	&db_members_module,
	&db_messages_module,
	&db_partners_module,
	&db_password_resets_module,
	&db_rate_counters_module,
	&db_request_forms_module,
	&db_restore_module,
	&db_room_labels_module,
	&db_rooms_module,
	&db_sessions_module,
	&db_sign_in_failures_module,
	&db_sign_in_unlocks_module,
	&db_signups_module,
	NULL,
};

