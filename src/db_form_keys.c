/* db_form_keys: form keys, taken once, with their first post's answer. */
#include "db_form_keys.h"
#include "db.h"
#include "db_modules.h"

#include <stddef.h>

enum db_form_keys_statement {
	DB_FORM_KEYS_TAKE,
	DB_FORM_KEYS_ANSWER,
	DB_FORM_KEYS_SETTLE,
	DB_FORM_KEYS_RELEASE,
	DB_FORM_KEYS_DELETE_OLD,
	DB_FORM_KEYS__MAX
};

static const struct db_statement db_form_keys_sql[DB_FORM_KEYS__MAX] = {
	[DB_FORM_KEYS_TAKE] = { "form_keys_take",
	    "INSERT INTO form_keys (key, path) VALUES ($1, $2) ON CONFLICT DO NOTHING" },
	[DB_FORM_KEYS_ANSWER] = { "form_keys_answer",
	    "SELECT location FROM form_keys WHERE key = $1 AND path = $2" },
	[DB_FORM_KEYS_SETTLE] = { "form_keys_settle",
	    "UPDATE form_keys SET location = $3 WHERE key = $1 AND path = $2" },
	[DB_FORM_KEYS_RELEASE] = { "form_keys_release",
	    "DELETE FROM form_keys WHERE key = $1 AND path = $2" },
	[DB_FORM_KEYS_DELETE_OLD] = { "form_keys_delete_old",
	    "DELETE FROM form_keys WHERE created_at < now() - interval '1 day'" },
};

const struct db_module db_form_keys_module = {
	"form_keys", db_form_keys_sql, DB_FORM_KEYS__MAX
};

int db_form_keys_take(struct arena *arena, const char *key, const char *path)
{
	return DB_RUN(arena, NULL, &db_form_keys_sql[DB_FORM_KEYS_TAKE], key, path);
}

int db_form_keys_answer(struct arena *arena, const char *key, const char *path,
    const char **location)
{
	struct db_rows rows;
	int found = DB_RUN(arena, &rows, &db_form_keys_sql[DB_FORM_KEYS_ANSWER], key, path);
	if (found == 1)
		*location = db_is_null(&rows, 0, 0) ? NULL : db_value(&rows, 0, 0);
	return found;
}

int db_form_keys_settle(struct arena *arena, const char *key, const char *path,
    const char *location)
{
	return DB_RUN(arena, NULL, &db_form_keys_sql[DB_FORM_KEYS_SETTLE], key, path, location);
}

int db_form_keys_release(struct arena *arena, const char *key, const char *path)
{
	return DB_RUN(arena, NULL, &db_form_keys_sql[DB_FORM_KEYS_RELEASE], key, path);
}

int db_form_keys_delete_old(struct arena *arena)
{
	return db_run(arena, NULL, &db_form_keys_sql[DB_FORM_KEYS_DELETE_OLD], 0, NULL);
}
