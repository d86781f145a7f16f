/* db_account_history: entries of the account history written inside the
 * transaction of the change they record. */
#include "db_account_history.h"
#include "arena.h"
#include "db.h"
#include "db_modules.h"

enum db_account_history_statement {
	DB_ACCOUNT_HISTORY_INSERT,
	DB_ACCOUNT_HISTORY_LIST,
	DB_ACCOUNT_HISTORY__MAX
};

static const struct db_statement db_account_history_sql[DB_ACCOUNT_HISTORY__MAX] = {
	[DB_ACCOUNT_HISTORY_INSERT] = { "account_history_insert",
	    "INSERT INTO account_history "
	    "(account_id, partner_id, partner_name, menu, action, target, before, after) "
	    "SELECT $1, NULLIF($2::bigint, 0), coalesce((SELECT name FROM partners WHERE id = $2::bigint), ''), "
	    "$3, $4, $5, $6, $7" },
	/* Planned for each run's values, so that the filters left NULL fall out
	 * and the index of the chosen filter serves the keyset (at, id). */
	[DB_ACCOUNT_HISTORY_LIST] = { "account_history_list",
	    "SELECT id, (extract(epoch FROM at) * 1000000)::bigint, "
	    "to_char(at AT TIME ZONE $2, 'YYYY-MM-DD HH24:MI:SS'), coalesce(partner_id, 0), "
	    "partner_name, menu, action, target, before, after "
	    "FROM account_history "
	    "WHERE account_id = $1 AND ($3::text IS NULL OR menu = $3) "
	    "AND ($4::bigint IS NULL OR partner_id = $4) "
	    "AND ($5::date IS NULL OR at >= $5::date::timestamp AT TIME ZONE $2) "
	    "AND ($6::date IS NULL OR at < ($6::date + 1)::timestamp AT TIME ZONE $2) "
	    "AND ($7::bigint IS NULL OR (at, id) < "
	    "('epoch'::timestamptz + $7::bigint * interval '1 microsecond', $8::bigint)) "
	    "ORDER BY at DESC, id DESC LIMIT $9", .plan = DB_PLAN_CUSTOM },
};

/* The columns of account_history_list. */
enum { LIST_ID, LIST_AT_MICROS, LIST_AT, LIST_PARTNER_ID, LIST_PARTNER_NAME, LIST_MENU,
	LIST_ACTION, LIST_TARGET, LIST_BEFORE, LIST_AFTER };

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

/* The parameter of an optional id: NULL for 0. */
static const char *optional_id(struct arena *arena, long long id)
{
	return id != 0 ? db_param_int(arena, id) : NULL;
}

int db_account_history_list(struct arena *arena, const struct history_filter *filter, int limit,
    struct history_row **out)
{
	struct db_rows rows;
	int count = DB_RUN(arena, &rows, &db_account_history_sql[DB_ACCOUNT_HISTORY_LIST],
	    db_param_int(arena, filter->account_id), filter->time_zone, filter->menu,
	    optional_id(arena, filter->partner_id), filter->from, filter->to,
	    optional_id(arena, filter->before_at), db_param_int(arena, filter->before_id),
	    db_param_int(arena, limit));
	if (count <= 0)
		return count;
	struct history_row *list = arena_alloc(arena, sizeof(*list) * (size_t)count);
	for (int i = 0; i < count; i++)
		list[i] = (struct history_row) {
			.id = db_int(&rows, i, LIST_ID),
			.at_micros = db_int(&rows, i, LIST_AT_MICROS),
			.at = db_value(&rows, i, LIST_AT),
			.partner_id = db_int(&rows, i, LIST_PARTNER_ID),
			.partner_name = db_value(&rows, i, LIST_PARTNER_NAME),
			.menu = db_value(&rows, i, LIST_MENU),
			.action = db_value(&rows, i, LIST_ACTION),
			.target = db_value(&rows, i, LIST_TARGET),
			.before = db_value(&rows, i, LIST_BEFORE),
			.after = db_value(&rows, i, LIST_AFTER),
		};
	*out = list;
	return count;
}
