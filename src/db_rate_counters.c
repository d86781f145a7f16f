/* db_rate_counters: one upsert that counts an event in its key's window while
 * the window has room for it. */
#include "db_rate_counters.h"
#include "db.h"
#include "db_modules.h"

enum db_rate_counters_statement {
	DB_RATE_COUNTERS_TAKE,
	DB_RATE_COUNTERS_DELETE_OLD,
	DB_RATE_COUNTERS__MAX
};

static const struct db_statement db_rate_counters_sql[DB_RATE_COUNTERS__MAX] = {
	/* A refused event changes nothing: the row is neither made nor updated.
	 * The upsert locks the row, so parallel events cannot pass the limit. */
	[DB_RATE_COUNTERS_TAKE] = { "rate_counters_take",
	    "INSERT INTO rate_counters AS c (key, window_start, count) VALUES ($1, now(), 1) "
	    "ON CONFLICT (key) DO UPDATE SET "
	    "count = CASE WHEN c.window_start < now() - make_interval(secs => $2::int) "
	    "THEN 1 ELSE c.count + 1 END, "
	    "window_start = CASE WHEN c.window_start < now() - make_interval(secs => $2::int) "
	    "THEN now() ELSE c.window_start END "
	    "WHERE c.window_start < now() - make_interval(secs => $2::int) OR c.count < $3::int" },
	[DB_RATE_COUNTERS_DELETE_OLD] = { "rate_counters_delete_old",
	    "DELETE FROM rate_counters WHERE window_start < now() - interval '1 day'" },
};

const struct db_module db_rate_counters_module = { "rate_counters", db_rate_counters_sql,
	DB_RATE_COUNTERS__MAX };

struct db_query db_rate_counters_take_query(struct arena *arena, const char *key,
    int window_seconds, int limit)
{
	return DB_QUERY(&db_rate_counters_sql[DB_RATE_COUNTERS_TAKE], key,
	    db_param_int(arena, window_seconds), db_param_int(arena, limit));
}

int db_rate_counters_take(struct arena *arena, const char *key, int window_seconds, int limit)
{
	struct db_query query = db_rate_counters_take_query(arena, key, window_seconds, limit);
	db_run_queries(arena, &query, 1);
	return query.result;
}

int db_rate_counters_delete_old(struct arena *arena)
{
	return db_run(arena, NULL, &db_rate_counters_sql[DB_RATE_COUNTERS_DELETE_OLD], 0, NULL);
}
