/* db_inbox_versions: the inbox list's version of an account, the sum of the
 * slots that triggers on rooms, room_labels and customers bump (migration
 * 0032). */
#include "db_inbox_versions.h"
#include "arena.h"
#include "db_modules.h"

enum db_inbox_versions_statement {
	DB_INBOX_VERSIONS_GET,
	DB_INBOX_VERSIONS__MAX
};

static const struct db_statement db_inbox_versions_sql[DB_INBOX_VERSIONS__MAX] = {
	[DB_INBOX_VERSIONS_GET] = { "inbox_versions_get",
	    "SELECT coalesce(sum(version), 0) FROM inbox_versions WHERE account_id = $1" },
};

const struct db_module db_inbox_versions_module = { "inbox_versions", db_inbox_versions_sql,
	DB_INBOX_VERSIONS__MAX };

struct db_query db_inbox_versions_get_query(struct arena *arena, long long account_id)
{
	return DB_QUERY(&db_inbox_versions_sql[DB_INBOX_VERSIONS_GET],
	    db_param_int(arena, account_id));
}

int db_inbox_versions_get_rows(const struct db_query *query, long long *version)
{
	if (query->result < 0)
		return query->result;
	if (query->result == 0)
		return DB_ERROR; /* an aggregate always has its one row */
	*version = db_int(&query->rows, 0, 0);
	return 1;
}
