/* db_sign_in_unlocks: unlock links, stored, checked and spent once. */
#include "db_sign_in_unlocks.h"
#include "db.h"
#include "db_modules.h"

enum db_sign_in_unlocks_statement {
	DB_SIGN_IN_UNLOCKS_INSERT,
	DB_SIGN_IN_UNLOCKS_LIVE,
	DB_SIGN_IN_UNLOCKS_USE,
	DB_SIGN_IN_UNLOCKS_DELETE_EXPIRED,
	DB_SIGN_IN_UNLOCKS__MAX
};

/* Columns of DB_SIGN_IN_UNLOCKS_INSERT. */
enum { INSERT_EMAIL, INSERT_LANG };

static const struct db_statement db_sign_in_unlocks_sql[DB_SIGN_IN_UNLOCKS__MAX] = {
	[DB_SIGN_IN_UNLOCKS_INSERT] = { "sign_in_unlocks_insert",
	    "WITH p AS (SELECT id, email, lang FROM partners WHERE lower(email) = $2), "
	    "stored AS (INSERT INTO sign_in_unlocks (token_hash, partner_id, expires_at) "
	    "SELECT $1, id, now() + interval '15 minutes' FROM p RETURNING 1) "
	    "SELECT email, lang FROM p WHERE EXISTS (SELECT 1 FROM stored)" },
	[DB_SIGN_IN_UNLOCKS_LIVE] = { "sign_in_unlocks_live",
	    "SELECT 1 FROM sign_in_unlocks WHERE token_hash = $1 AND expires_at > now()" },
	/* Deleting the row is what spends the link, so it works once. */
	[DB_SIGN_IN_UNLOCKS_USE] = { "sign_in_unlocks_use",
	    "DELETE FROM sign_in_unlocks u USING partners p WHERE u.token_hash = $1 "
	    "AND u.expires_at > now() AND p.id = u.partner_id RETURNING p.email" },
	[DB_SIGN_IN_UNLOCKS_DELETE_EXPIRED] = { "sign_in_unlocks_delete_expired",
	    "DELETE FROM sign_in_unlocks WHERE expires_at < now()" },
};

const struct db_module db_sign_in_unlocks_module = {
	"sign_in_unlocks", db_sign_in_unlocks_sql, DB_SIGN_IN_UNLOCKS__MAX
};

int db_sign_in_unlocks_insert(struct arena *arena, const char *token_hash, const char *email,
    const char **to, const char **lang)
{
	struct db_rows rows;
	int stored = DB_RUN(arena, &rows, &db_sign_in_unlocks_sql[DB_SIGN_IN_UNLOCKS_INSERT],
	    token_hash, email);
	if (stored == 1) {
		*to = db_value(&rows, 0, INSERT_EMAIL);
		*lang = db_value(&rows, 0, INSERT_LANG);
	}
	return stored;
}

int db_sign_in_unlocks_live(struct arena *arena, const char *token_hash)
{
	return DB_RUN(arena, NULL, &db_sign_in_unlocks_sql[DB_SIGN_IN_UNLOCKS_LIVE], token_hash);
}

int db_sign_in_unlocks_use(struct arena *arena, const char *token_hash, const char **email)
{
	struct db_rows rows;
	int spent = DB_RUN(arena, &rows, &db_sign_in_unlocks_sql[DB_SIGN_IN_UNLOCKS_USE],
	    token_hash);
	if (spent == 1)
		*email = db_value(&rows, 0, 0);
	return spent;
}

int db_sign_in_unlocks_delete_expired(struct arena *arena)
{
	return db_run(arena, NULL, &db_sign_in_unlocks_sql[DB_SIGN_IN_UNLOCKS_DELETE_EXPIRED], 0,
	    NULL);
}
