/* db_sign_in_failures: failed sign-ins per email and address, counted, recorded and forgotten. */
#include "db_sign_in_failures.h"
#include "db.h"
#include "db_modules.h"

enum db_sign_in_failures_statement {
	DB_SIGN_IN_FAILURES_LOCK,
	DB_SIGN_IN_FAILURES_TRY,
	DB_SIGN_IN_FAILURES_FORGET,
	DB_SIGN_IN_FAILURES_DELETE_OLD,
	DB_SIGN_IN_FAILURES__MAX
};

/* Columns of DB_SIGN_IN_FAILURES_TRY. */
enum { TRY_ADDED, TRY_PAIR_AND_ADDRESS_UNDER };

/*
 * TRY counts the last 15 minutes' failures of the pair, the distinct
 * addresses that failed for the email and the failures from the address,
 * and records one more only when all are under their limits ($3 for the
 * first two, $4 for the address; $5 true skips the addresses' limit). Its
 * answer is the number of rows added and whether the pair and the address
 * were under their limits.
 */
static const struct db_statement db_sign_in_failures_sql[DB_SIGN_IN_FAILURES__MAX] = {
	[DB_SIGN_IN_FAILURES_LOCK] = { "sign_in_failures_lock",
	    "SELECT pg_advisory_xact_lock(hashtext('sign_in_failures'), hashtext('e ' || $1)), "
	    "pg_advisory_xact_lock(hashtext('sign_in_failures'), hashtext('a ' || $2))" },
	[DB_SIGN_IN_FAILURES_TRY] = { "sign_in_failures_try",
	    "WITH recent AS (SELECT email, address FROM sign_in_failures "
	    "WHERE (email = $1 OR address = $2) AND failed_at > now() - interval '15 minutes'), "
	    "counts AS (SELECT count(*) FILTER (WHERE email = $1 AND address = $2) AS pair, "
	    "count(DISTINCT address) FILTER (WHERE email = $1) AS addresses, "
	    "count(*) FILTER (WHERE address = $2) AS from_address FROM recent), "
	    "added AS (INSERT INTO sign_in_failures (email, address) SELECT $1, $2 FROM counts "
	    "WHERE pair < $3::bigint AND (addresses < $3::bigint OR $5::boolean) "
	    "AND from_address < $4::bigint RETURNING 1) "
	    "SELECT (SELECT count(*) FROM added), pair < $3::bigint AND from_address < $4::bigint "
	    "FROM counts" },
	[DB_SIGN_IN_FAILURES_FORGET] = { "sign_in_failures_forget",
	    "DELETE FROM sign_in_failures WHERE email = $1 AND address = $2" },
	[DB_SIGN_IN_FAILURES_DELETE_OLD] = { "sign_in_failures_delete_old",
	    "DELETE FROM sign_in_failures WHERE failed_at < now() - interval '1 day'" },
};

const struct db_module db_sign_in_failures_module = {
	"sign_in_failures", db_sign_in_failures_sql, DB_SIGN_IN_FAILURES__MAX
};

int db_sign_in_failures_lock(struct arena *arena, const char *email, const char *address)
{
	return DB_RUN(arena, NULL, &db_sign_in_failures_sql[DB_SIGN_IN_FAILURES_LOCK], email,
	    address);
}

int db_sign_in_failures_try(struct arena *arena, const char *email, const char *address,
    const struct sign_in_limits *limits, bool *email_only)
{
	struct db_rows rows;
	int found = DB_RUN(arena, &rows, &db_sign_in_failures_sql[DB_SIGN_IN_FAILURES_TRY], email,
	    address, db_param_int(arena, limits->pair), db_param_int(arena, limits->address),
	    db_param_bool(limits->trusted));
	if (found != 1)
		return found < 0 ? found : DB_ERROR;
	if (db_int(&rows, 0, TRY_ADDED) == 1)
		return 1;
	*email_only = db_bool(&rows, 0, TRY_PAIR_AND_ADDRESS_UNDER);
	return 0;
}

int db_sign_in_failures_forget(struct arena *arena, const char *email, const char *address)
{
	return DB_RUN(arena, NULL, &db_sign_in_failures_sql[DB_SIGN_IN_FAILURES_FORGET], email,
	    address);
}

int db_sign_in_failures_delete_old(struct arena *arena)
{
	return db_run(arena, NULL, &db_sign_in_failures_sql[DB_SIGN_IN_FAILURES_DELETE_OLD], 0,
	    NULL);
}
