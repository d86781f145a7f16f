/* db_password_resets: reset links, asked for, checked and spent once. */
#include "db_password_resets.h"
#include "db.h"
#include "db_modules.h"

enum db_password_resets_statement {
	DB_PASSWORD_RESETS_INSERT,
	DB_PASSWORD_RESETS_LIVE,
	DB_PASSWORD_RESETS_USE,
	DB_PASSWORD_RESETS_DELETE_EXPIRED,
	DB_PASSWORD_RESETS__MAX
};

static const struct db_statement db_password_resets_sql[DB_PASSWORD_RESETS__MAX] = {
	/* Returns the partner's lang. */
	[DB_PASSWORD_RESETS_INSERT] = { "password_resets_insert",
	    "INSERT INTO password_resets (token_hash, partner_id, expires_at) "
	    "SELECT $1, p.id, now() + interval '1 hour' FROM partners p "
	    "WHERE lower(p.email) = lower($2) AND (SELECT count(*) FROM password_resets r "
	    "WHERE r.partner_id = p.id AND r.created_at > now() - interval '1 hour') < 5 "
	    "RETURNING (SELECT lang FROM partners WHERE id = partner_id)" },
	[DB_PASSWORD_RESETS_LIVE] = { "password_resets_live",
	    "SELECT 1 FROM password_resets WHERE token_hash = $1 AND used_at IS NULL "
	    "AND expires_at > now()" },
	/* Returns partner_id. */
	[DB_PASSWORD_RESETS_USE] = { "password_resets_use",
	    "UPDATE password_resets SET used_at = now() WHERE token_hash = $1 AND used_at IS NULL "
	    "AND expires_at > now() RETURNING partner_id" },
	[DB_PASSWORD_RESETS_DELETE_EXPIRED] = { "password_resets_delete_expired",
	    "DELETE FROM password_resets WHERE expires_at < now()" },
};

const struct db_module db_password_resets_module = {
	"password_resets", db_password_resets_sql, DB_PASSWORD_RESETS__MAX
};

int db_password_resets_insert(struct arena *arena, const char *token_hash, const char *email,
    const char **lang)
{
	struct db_rows rows;
	int created = DB_RUN(arena, &rows, &db_password_resets_sql[DB_PASSWORD_RESETS_INSERT],
	    token_hash, email);
	if (created == 1)
		*lang = db_value(&rows, 0, 0);
	return created;
}

int db_password_resets_live(struct arena *arena, const char *token_hash)
{
	return DB_RUN(arena, NULL, &db_password_resets_sql[DB_PASSWORD_RESETS_LIVE], token_hash);
}

int db_password_resets_use(struct arena *arena, const char *token_hash, long long *partner_id)
{
	return DB_RUN_INT(arena, &db_password_resets_sql[DB_PASSWORD_RESETS_USE], partner_id,
	    token_hash);
}

int db_password_resets_delete_expired(struct arena *arena)
{
	return db_run(arena, NULL, &db_password_resets_sql[DB_PASSWORD_RESETS_DELETE_EXPIRED], 0,
	    NULL);
}
