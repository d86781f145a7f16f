/* db_holidays: an account's holidays, listed, added and removed. */
#include "db_holidays.h"
#include "arena.h"
#include "db.h"
#include "db_modules.h"

enum db_holidays_statement {
	DB_HOLIDAYS_LIST,
	DB_HOLIDAYS_INSERT,
	DB_HOLIDAYS_DELETE,
	DB_HOLIDAYS__MAX
};

/* Columns of DB_HOLIDAYS_LIST. */
enum { LIST_ID, LIST_FIRST, LIST_LAST };

static const struct db_statement db_holidays_sql[DB_HOLIDAYS__MAX] = {
	[DB_HOLIDAYS_LIST] = { "holidays_list",
	    "SELECT id, to_char(first_day, 'YYYY-MM-DD'), to_char(last_day, 'YYYY-MM-DD') "
	    "FROM holidays WHERE account_id = $1 AND last_day >= $2::date "
	    "ORDER BY first_day, last_day, id" },
	[DB_HOLIDAYS_INSERT] = { "holidays_insert",
	    "INSERT INTO holidays (account_id, first_day, last_day) VALUES ($1, $2, $3)" },
	[DB_HOLIDAYS_DELETE] = { "holidays_delete",
	    "DELETE FROM holidays WHERE id = $2 AND account_id = $1" },
};

const struct db_module db_holidays_module = { "holidays", db_holidays_sql, DB_HOLIDAYS__MAX };

struct db_query db_holidays_list_query(struct arena *arena, long long account_id,
    const char *from)
{
	return DB_QUERY(&db_holidays_sql[DB_HOLIDAYS_LIST], db_param_int(arena, account_id), from);
}

int db_holidays_list_rows(struct arena *arena, const struct db_query *query,
    struct holiday **out)
{
	int count = query->result;
	if (count < 0)
		return count;
	struct holiday *holidays = arena_alloc(arena, ((size_t)count + 1) * sizeof(*holidays));
	for (int i = 0; i < count; i++)
		holidays[i] = (struct holiday) {
			.id = db_int(&query->rows, i, LIST_ID),
			.first = db_value(&query->rows, i, LIST_FIRST),
			.last = db_value(&query->rows, i, LIST_LAST),
		};
	*out = holidays;
	return count;
}

int db_holidays_list(struct arena *arena, long long account_id, const char *from,
    struct holiday **out)
{
	struct db_query query = db_holidays_list_query(arena, account_id, from);
	db_run_queries(arena, &query, 1);
	return db_holidays_list_rows(arena, &query, out);
}

int db_holidays_insert(struct arena *arena, long long account_id, const char *first,
    const char *last)
{
	return DB_RUN(arena, NULL, &db_holidays_sql[DB_HOLIDAYS_INSERT],
	    db_param_int(arena, account_id), first, last);
}

int db_holidays_delete(struct arena *arena, long long account_id, long long id)
{
	return DB_RUN(arena, NULL, &db_holidays_sql[DB_HOLIDAYS_DELETE],
	    db_param_int(arena, account_id), db_param_int(arena, id));
}
