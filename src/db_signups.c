/* db_signups: pending sign-ups, stored, checked, and turned into a partner once. */
#include "db_signups.h"
#include "db.h"
#include "db_modules.h"

enum db_signups_statement {
	DB_SIGNUPS_INSERT,
	DB_SIGNUPS_LIVE,
	DB_SIGNUPS_USE,
	DB_SIGNUPS_DELETE_EXPIRED,
	DB_SIGNUPS__MAX
};

/* Columns of DB_SIGNUPS_INSERT and DB_SIGNUPS_USE. */
enum { INSERT_REGISTERED_LANG, INSERT_STORED };
enum { USE_PARTNER_ID, USE_SPENT };

static const struct db_statement db_signups_sql[DB_SIGNUPS__MAX] = {
	[DB_SIGNUPS_INSERT] = { "signups_insert",
	    "WITH p AS (SELECT lang FROM partners WHERE lower(email) = lower($2)), "
	    "stored AS (INSERT INTO signups (token_hash, email, name, password_hash, expires_at) "
	    "SELECT $1, $2, $3, $4, now() + interval '24 hours' WHERE NOT EXISTS (SELECT 1 FROM p) "
	    "RETURNING 1) "
	    "SELECT (SELECT lang FROM p), EXISTS (SELECT 1 FROM stored)" },
	[DB_SIGNUPS_LIVE] = { "signups_live",
	    "SELECT 1 FROM signups WHERE token_hash = $1 AND expires_at > now()" },
	/* The partner is made in the statement that deletes the sign-up, so that
	 * a link is spent exactly once; a taken email makes no partner. */
	[DB_SIGNUPS_USE] = { "signups_use",
	    "WITH spent AS (DELETE FROM signups WHERE token_hash = $1 AND expires_at > now() "
	    "RETURNING email, name, password_hash), "
	    "made AS (INSERT INTO partners (email, name, password_hash) "
	    "SELECT email, name, password_hash FROM spent ON CONFLICT DO NOTHING RETURNING id) "
	    "SELECT (SELECT id FROM made), EXISTS (SELECT 1 FROM spent)" },
	[DB_SIGNUPS_DELETE_EXPIRED] = { "signups_delete_expired",
	    "DELETE FROM signups WHERE expires_at < now()" },
};

const struct db_module db_signups_module = { "signups", db_signups_sql, DB_SIGNUPS__MAX };

int db_signups_insert(struct arena *arena, const char *token_hash, const char *email,
    const char *name, const char *password_hash, const char **registered_lang)
{
	struct db_rows rows;
	int found = DB_RUN(arena, &rows, &db_signups_sql[DB_SIGNUPS_INSERT], token_hash, email,
	    name, password_hash);
	if (found != 1)
		return found < 0 ? found : DB_ERROR;
	if (db_bool(&rows, 0, INSERT_STORED))
		return 1;
	*registered_lang = db_value(&rows, 0, INSERT_REGISTERED_LANG);
	return 0;
}

int db_signups_live(struct arena *arena, const char *token_hash)
{
	return DB_RUN(arena, NULL, &db_signups_sql[DB_SIGNUPS_LIVE], token_hash);
}

int db_signups_use(struct arena *arena, const char *token_hash, long long *partner_id)
{
	struct db_rows rows;
	int found = DB_RUN(arena, &rows, &db_signups_sql[DB_SIGNUPS_USE], token_hash);
	if (found != 1)
		return found < 0 ? found : DB_ERROR;
	if (!db_bool(&rows, 0, USE_SPENT))
		return 0;
	if (db_is_null(&rows, 0, USE_PARTNER_ID))
		return DB_UNIQUE_VIOLATION;
	*partner_id = db_int(&rows, 0, USE_PARTNER_ID);
	return 1;
}

int db_signups_delete_expired(struct arena *arena)
{
	return db_run(arena, NULL, &db_signups_sql[DB_SIGNUPS_DELETE_EXPIRED], 0, NULL);
}
