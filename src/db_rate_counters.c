/* db_rate_counters: one upsert that counts an event in its key's window. */
#include "db_rate_counters.h"
#include "db.h"
#include "db_modules.h"

enum db_rate_counters_statement {
	DB_RATE_COUNTERS_HIT,
	DB_RATE_COUNTERS_DELETE_OLD,
	DB_RATE_COUNTERS__MAX
};

static const struct db_statement db_rate_counters_sql[DB_RATE_COUNTERS__MAX] = {
	[DB_RATE_COUNTERS_HIT] = { "rate_counters_hit",
	    "INSERT INTO rate_counters AS c (key, window_start, count) VALUES ($1, now(), 1) "
	    "ON CONFLICT (key) DO UPDATE SET "
	    "count = CASE WHEN c.window_start < now() - make_interval(secs => $2::int) "
	    "THEN 1 ELSE c.count + 1 END, "
	    "window_start = CASE WHEN c.window_start < now() - make_interval(secs => $2::int) "
	    "THEN now() ELSE c.window_start END RETURNING count" },
	[DB_RATE_COUNTERS_DELETE_OLD] = { "rate_counters_delete_old",
	    "DELETE FROM rate_counters WHERE window_start < now() - interval '1 day'" },
};

const struct db_module db_rate_counters_module = { "rate_counters", db_rate_counters_sql,
	DB_RATE_COUNTERS__MAX };

int db_rate_counters_hit(struct arena *arena, const char *key, int window_seconds,
    long long *count)
{
	int found = DB_RUN_INT(arena, &db_rate_counters_sql[DB_RATE_COUNTERS_HIT], count, key,
	    db_param_int(arena, window_seconds));
	return found == 0 ? DB_ERROR : found;
}

int db_rate_counters_delete_old(struct arena *arena)
{
	return db_run(arena, NULL, &db_rate_counters_sql[DB_RATE_COUNTERS_DELETE_OLD], 0, NULL);
}
