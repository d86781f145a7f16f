/* db_partners: partners, their passwords and language. */
#include "db_partners.h"
#include "db.h"
#include "db_modules.h"

#include <stdbool.h>

enum db_partners_statement {
	DB_PARTNERS_INSERT,
	DB_PARTNERS_GET_LOGIN,
	DB_PARTNERS_GET_LOGIN_BY_ID,
	DB_PARTNERS_SET_PASSWORD,
	DB_PARTNERS_SET_LANG,
	DB_PARTNERS_UPSERT_OPERATOR,
	DB_PARTNERS_LOCK,
	DB_PARTNERS_COUNT,
	DB_PARTNERS_DATABASE_SIZE,
	DB_PARTNERS_SET_QUIET,
	DB_PARTNERS_DESKTOP_NOTIFY,
	DB_PARTNERS_SET_DESKTOP_NOTIFY,
	DB_PARTNERS__MAX
};

/* Columns of DB_PARTNERS_GET_LOGIN and DB_PARTNERS_GET_LOGIN_BY_ID. */
enum { LOGIN_ID, LOGIN_PASSWORD_HASH };

static const struct db_statement db_partners_sql[DB_PARTNERS__MAX] = {
	[DB_PARTNERS_INSERT] = { "partners_insert",
	    "INSERT INTO partners (email, name, password_hash) VALUES ($1, $2, $3) RETURNING id" },
	[DB_PARTNERS_GET_LOGIN] = { "partners_get_login",
	    "SELECT id, password_hash FROM partners WHERE lower(email) = $1" },
	[DB_PARTNERS_GET_LOGIN_BY_ID] = { "partners_get_login_by_id",
	    "SELECT id, password_hash FROM partners WHERE id = $1" },
	[DB_PARTNERS_SET_PASSWORD] = { "partners_set_password",
	    "UPDATE partners SET password_hash = $2 WHERE id = $1" },
	[DB_PARTNERS_SET_LANG] = { "partners_set_lang",
	    "UPDATE partners SET lang = $2 WHERE id = $1" },
	[DB_PARTNERS_UPSERT_OPERATOR] = { "partners_upsert_operator",
	    "INSERT INTO partners (email, name, password_hash, is_operator) "
	    "VALUES ($1, split_part($1, '@', 1), $2, true) "
	    "ON CONFLICT ((lower(email))) DO UPDATE SET password_hash = $2, is_operator = true" },
	[DB_PARTNERS_LOCK] = { "partners_lock", "SELECT 1 FROM partners WHERE id = $1 FOR UPDATE" },
	[DB_PARTNERS_COUNT] = { "partners_count", "SELECT count(*) FROM partners" },
	[DB_PARTNERS_DATABASE_SIZE] = { "partners_database_size",
	    "SELECT pg_size_pretty(pg_database_size(current_database()))" },
	[DB_PARTNERS_SET_QUIET] = { "partners_set_quiet",
	    "UPDATE partners SET quiet_start = $2, quiet_end = $3 WHERE id = $1" },
	[DB_PARTNERS_DESKTOP_NOTIFY] = { "partners_desktop_notify",
	    "SELECT desktop_notify::int FROM partners WHERE id = $1" },
	[DB_PARTNERS_SET_DESKTOP_NOTIFY] = { "partners_set_desktop_notify",
	    "UPDATE partners SET desktop_notify = $2 WHERE id = $1" },
};

const struct db_module db_partners_module = { "partners", db_partners_sql, DB_PARTNERS__MAX };

int db_partners_insert(struct arena *arena, const char *email, const char *name,
    const char *password_hash, long long *id)
{
	return DB_RUN_INT(arena, &db_partners_sql[DB_PARTNERS_INSERT], id, email, name,
	    password_hash);
}

/* Fills out from the one row of a login query. */
static int db_partners_login(const struct db_rows *rows, int found, struct partner_login *out)
{
	if (found <= 0)
		return found;
	out->id = db_int(rows, 0, LOGIN_ID);
	out->password_hash = db_value(rows, 0, LOGIN_PASSWORD_HASH);
	return 1;
}

int db_partners_get_login(struct arena *arena, const char *email, struct partner_login *out)
{
	struct db_rows rows;
	int found = DB_RUN(arena, &rows, &db_partners_sql[DB_PARTNERS_GET_LOGIN], email);
	return db_partners_login(&rows, found, out);
}

int db_partners_get_login_by_id(struct arena *arena, long long id, struct partner_login *out)
{
	struct db_rows rows;
	int found = DB_RUN(arena, &rows, &db_partners_sql[DB_PARTNERS_GET_LOGIN_BY_ID],
	    db_param_int(arena, id));
	return db_partners_login(&rows, found, out);
}

int db_partners_set_password(struct arena *arena, long long id, const char *password_hash)
{
	return DB_RUN(arena, NULL, &db_partners_sql[DB_PARTNERS_SET_PASSWORD],
	    db_param_int(arena, id), password_hash);
}

int db_partners_set_lang(struct arena *arena, long long id, const char *lang)
{
	return DB_RUN(arena, NULL, &db_partners_sql[DB_PARTNERS_SET_LANG], db_param_int(arena, id),
	    lang);
}

int db_partners_upsert_operator(struct arena *arena, const char *email,
    const char *password_hash)
{
	return DB_RUN(arena, NULL, &db_partners_sql[DB_PARTNERS_UPSERT_OPERATOR], email,
	    password_hash);
}

int db_partners_lock(struct arena *arena, long long id)
{
	return DB_RUN(arena, NULL, &db_partners_sql[DB_PARTNERS_LOCK], db_param_int(arena, id));
}

int db_partners_count(struct arena *arena)
{
	long long count;
	int found = db_run_int(arena, &db_partners_sql[DB_PARTNERS_COUNT], &count, 0, NULL);
	return found == 1 ? (int)count : found < 0 ? found : DB_ERROR;
}

int db_partners_database_size(struct arena *arena, const char **size)
{
	struct db_rows rows;
	int found = db_run(arena, &rows, &db_partners_sql[DB_PARTNERS_DATABASE_SIZE], 0, NULL);
	if (found != 1)
		return found < 0 ? found : DB_ERROR;
	*size = db_value(&rows, 0, 0);
	return 1;
}

int db_partners_set_quiet(struct arena *arena, long long id, int start, int end)
{
	bool none = start < 0 || end < 0;
	return DB_RUN(arena, NULL, &db_partners_sql[DB_PARTNERS_SET_QUIET], db_param_int(arena, id),
	    none ? NULL : db_param_int(arena, start), none ? NULL : db_param_int(arena, end));
}

int db_partners_desktop_notify(struct arena *arena, long long id, bool *on)
{
	long long value = 0;
	int found = DB_RUN_INT(arena, &db_partners_sql[DB_PARTNERS_DESKTOP_NOTIFY], &value,
	    db_param_int(arena, id));
	*on = value != 0;
	return found;
}

int db_partners_set_desktop_notify(struct arena *arena, long long id, bool on)
{
	return DB_RUN(arena, NULL, &db_partners_sql[DB_PARTNERS_SET_DESKTOP_NOTIFY],
	    db_param_int(arena, id), db_param_bool(on));
}
