/* db_modules: the list of every db_TABLE module's statements. */
#include "db_modules.h"

#include <stddef.h>

const struct db_module *const db_modules[] = {
	&db_accounts_module,
	&db_attachments_module,
	&db_customers_module,
	&db_messages_module,
	&db_rate_counters_module,
	&db_rooms_module,
	&db_sessions_module,
	NULL,
};
