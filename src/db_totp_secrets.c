/* db_totp_secrets: a partner's TOTP secret, pending or on, and its last step. */
#include "db_totp_secrets.h"
#include "db.h"
#include "db_modules.h"

enum db_totp_secrets_statement {
	DB_TOTP_SECRETS_GET,
	DB_TOTP_SECRETS_LOCK,
	DB_TOTP_SECRETS_START,
	DB_TOTP_SECRETS_USE_STEP,
	DB_TOTP_SECRETS_DELETE,
	DB_TOTP_SECRETS__MAX
};

/* Columns of DB_TOTP_SECRETS_GET and DB_TOTP_SECRETS_LOCK. */
enum { GET_SECRET, GET_ENABLED };

static const struct db_statement db_totp_secrets_sql[DB_TOTP_SECRETS__MAX] = {
	[DB_TOTP_SECRETS_GET] = { "totp_secrets_get",
	    "SELECT secret, enabled FROM totp_secrets WHERE partner_id = $1" },
	[DB_TOTP_SECRETS_LOCK] = { "totp_secrets_lock",
	    "SELECT secret, enabled FROM totp_secrets WHERE partner_id = $1 FOR UPDATE" },
	[DB_TOTP_SECRETS_START] = { "totp_secrets_start",
	    "INSERT INTO totp_secrets (partner_id, secret) VALUES ($1, $2) "
	    "ON CONFLICT (partner_id) DO UPDATE SET secret = EXCLUDED.secret, last_step = 0, "
	    "created_at = now() WHERE NOT totp_secrets.enabled" },
	[DB_TOTP_SECRETS_USE_STEP] = { "totp_secrets_use_step",
	    "UPDATE totp_secrets SET last_step = $2, enabled = true "
	    "WHERE partner_id = $1 AND enabled = $3::boolean AND last_step < $2" },
	[DB_TOTP_SECRETS_DELETE] = { "totp_secrets_delete",
	    "DELETE FROM totp_secrets WHERE partner_id = $1" },
};

const struct db_module db_totp_secrets_module = {
	"totp_secrets", db_totp_secrets_sql, DB_TOTP_SECRETS__MAX
};

/* The secret of partner_id read by statement (GET or LOCK). 1, 0, <0. */
static int db_totp_secrets_read(struct arena *arena, enum db_totp_secrets_statement statement,
    long long partner_id, const char **box, bool *enabled)
{
	struct db_rows rows;
	int found = DB_RUN(arena, &rows, &db_totp_secrets_sql[statement],
	    db_param_int(arena, partner_id));
	if (found <= 0)
		return found;
	*box = db_value(&rows, 0, GET_SECRET);
	*enabled = db_bool(&rows, 0, GET_ENABLED);
	return 1;
}

int db_totp_secrets_get(struct arena *arena, long long partner_id, const char **box,
    bool *enabled)
{
	return db_totp_secrets_read(arena, DB_TOTP_SECRETS_GET, partner_id, box, enabled);
}

int db_totp_secrets_lock(struct arena *arena, long long partner_id, const char **box,
    bool *enabled)
{
	return db_totp_secrets_read(arena, DB_TOTP_SECRETS_LOCK, partner_id, box, enabled);
}

int db_totp_secrets_start(struct arena *arena, long long partner_id, const char *box)
{
	return DB_RUN(arena, NULL, &db_totp_secrets_sql[DB_TOTP_SECRETS_START],
	    db_param_int(arena, partner_id), box);
}

int db_totp_secrets_use_step(struct arena *arena, long long partner_id, long long step,
    bool was_enabled)
{
	return DB_RUN(arena, NULL, &db_totp_secrets_sql[DB_TOTP_SECRETS_USE_STEP],
	    db_param_int(arena, partner_id), db_param_int(arena, step),
	    db_param_bool(was_enabled));
}

int db_totp_secrets_delete(struct arena *arena, long long partner_id)
{
	return DB_RUN(arena, NULL, &db_totp_secrets_sql[DB_TOTP_SECRETS_DELETE],
	    db_param_int(arena, partner_id));
}
