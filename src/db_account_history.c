/* db_account_history: entries of the account history written inside the
 * transaction of the change they record. */
#include "db_account_history.h"
#include "arena.h"
#include "db.h"
#include "db_modules.h"

enum db_account_history_statement {
	DB_ACCOUNT_HISTORY_INSERT,
	DB_ACCOUNT_HISTORY__MAX
};

static const struct db_statement db_account_history_sql[DB_ACCOUNT_HISTORY__MAX] = {
	[DB_ACCOUNT_HISTORY_INSERT] = { "account_history_insert",
	    "INSERT INTO account_history "
	    "(account_id, partner_id, partner_name, menu, action, target, before, after) "
	    "SELECT $1, NULLIF($2::bigint, 0), coalesce((SELECT name FROM partners WHERE id = $2::bigint), ''), "
	    "$3, $4, $5, $6, $7" },
};

const struct db_module db_account_history_module = {
	"account_history", db_account_history_sql, DB_ACCOUNT_HISTORY__MAX
};

/* Empty for NULL, so that optional parts are stored as "". */
static const char *or_empty(const char *text)
{
	return text != NULL ? text : "";
}

int db_account_history_insert(struct arena *arena, const struct history_entry *entry)
{
	return DB_RUN(arena, NULL, &db_account_history_sql[DB_ACCOUNT_HISTORY_INSERT],
	    db_param_int(arena, entry->account_id), db_param_int(arena, entry->partner_id),
	    entry->menu, entry->action, or_empty(entry->target), or_empty(entry->before),
	    or_empty(entry->after));
}
