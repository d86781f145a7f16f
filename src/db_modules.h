/* db_modules: the statement table of every db_TABLE module, so that all of
 * them can be prepared at once against a migrated schema (db_check). Each
 * module defines its `db_TABLE_module`; add a new one here and in db_modules.c. */
#ifndef SANGDAM_DB_MODULES_H
#define SANGDAM_DB_MODULES_H

#include "db.h"

extern const struct db_module db_account_codes_module;
extern const struct db_module db_account_history_module;
extern const struct db_module db_account_hours_module;
extern const struct db_module db_account_reviews_module;
extern const struct db_module db_accounts_module;
extern const struct db_module db_attachments_module;
extern const struct db_module db_backups_module;
extern const struct db_module db_canned_replies_module;
extern const struct db_module db_chat_menu_module;
extern const struct db_module db_coupon_codes_module;
extern const struct db_module db_coupon_entries_module;
extern const struct db_module db_coupons_module;
extern const struct db_module db_customers_module;
extern const struct db_module db_exports_module;
extern const struct db_module db_faq_entries_module;
extern const struct db_module db_faq_published_module;
extern const struct db_module db_form_keys_module;
extern const struct db_module db_friend_groups_module;
extern const struct db_module db_holidays_module;
extern const struct db_module db_inbox_versions_module;
extern const struct db_module db_jobs_module;
extern const struct db_module db_labels_module;
extern const struct db_module db_member_invitations_module;
extern const struct db_module db_members_module;
extern const struct db_module db_messages_module;
extern const struct db_module db_notifications_module;
extern const struct db_module db_partners_module;
extern const struct db_module db_password_resets_module;
extern const struct db_module db_rate_counters_module;
extern const struct db_module db_recovery_codes_module;
extern const struct db_module db_request_forms_module;
extern const struct db_module db_restore_module;
extern const struct db_module db_room_labels_module;
extern const struct db_module db_room_search_module;
extern const struct db_module db_rooms_module;
extern const struct db_module db_sessions_module;
extern const struct db_module db_sign_in_failures_module;
extern const struct db_module db_sign_in_unlocks_module;
extern const struct db_module db_signups_module;
extern const struct db_module db_totp_secrets_module;

#endif

