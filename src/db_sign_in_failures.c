/* db_sign_in_failures: failed sign-ins, counted, recorded and forgotten. */
#include "db_sign_in_failures.h"
#include "db.h"
#include "db_modules.h"

enum db_sign_in_failures_statement {
	DB_SIGN_IN_FAILURES_COUNT,
	DB_SIGN_IN_FAILURES_INSERT,
	DB_SIGN_IN_FAILURES_DELETE_OLD,
	DB_SIGN_IN_FAILURES__MAX
};

/* Columns of DB_SIGN_IN_FAILURES_COUNT. */
enum { COUNT_A, COUNT_B };

static const struct db_statement db_sign_in_failures_sql[DB_SIGN_IN_FAILURES__MAX] = {
	[DB_SIGN_IN_FAILURES_COUNT] = { "sign_in_failures_count",
	    "SELECT count(*) FILTER (WHERE key = $1), count(*) FILTER (WHERE key = $2) "
	    "FROM sign_in_failures WHERE key IN ($1, $2) "
	    "AND failed_at > now() - interval '15 minutes'" },
	[DB_SIGN_IN_FAILURES_INSERT] = { "sign_in_failures_insert",
	    "INSERT INTO sign_in_failures (key) VALUES ($1), ($2)" },
	[DB_SIGN_IN_FAILURES_DELETE_OLD] = { "sign_in_failures_delete_old",
	    "DELETE FROM sign_in_failures WHERE failed_at < now() - interval '1 day'" },
};

const struct db_module db_sign_in_failures_module = {
	"sign_in_failures", db_sign_in_failures_sql, DB_SIGN_IN_FAILURES__MAX
};

int db_sign_in_failures_count(struct arena *arena, const char *key_a, const char *key_b,
    long long *count_a, long long *count_b)
{
	struct db_rows rows;
	int found = DB_RUN(arena, &rows, &db_sign_in_failures_sql[DB_SIGN_IN_FAILURES_COUNT],
	    key_a, key_b);
	if (found <= 0)
		return found;
	*count_a = db_int(&rows, 0, COUNT_A);
	*count_b = db_int(&rows, 0, COUNT_B);
	return 1;
}

int db_sign_in_failures_insert(struct arena *arena, const char *key_a, const char *key_b)
{
	return DB_RUN(arena, NULL, &db_sign_in_failures_sql[DB_SIGN_IN_FAILURES_INSERT], key_a,
	    key_b);
}

int db_sign_in_failures_delete_old(struct arena *arena)
{
	return db_run(arena, NULL, &db_sign_in_failures_sql[DB_SIGN_IN_FAILURES_DELETE_OLD], 0,
	    NULL);
}
