/* db_chat_menu: an account's chat menu buttons and their daily tap counts. */
#include "db_chat_menu.h"
#include "arena.h"
#include "db.h"
#include "db_modules.h"

enum db_chat_menu_statement {
	DB_CHAT_MENU_LIST,
	DB_CHAT_MENU_GET,
	DB_CHAT_MENU_INSERT,
	DB_CHAT_MENU_UPDATE,
	DB_CHAT_MENU_DELETE,
	DB_CHAT_MENU_DELETE_ACCOUNT,
	DB_CHAT_MENU_COUNT,
	DB_CHAT_MENU__MAX
};

enum { COL_ID, COL_LABEL, COL_RESPONSE, COL_TAPS };

static const struct db_statement db_chat_menu_sql[DB_CHAT_MENU__MAX] = {
	[DB_CHAT_MENU_LIST] = { "chat_menu_list",
	    "SELECT b.id, b.label, b.response, coalesce(c.taps, 0) FROM chat_menu_buttons b "
	    "LEFT JOIN chat_menu_counts c ON c.button_id = b.id "
	    "AND c.day = (now() AT TIME ZONE $2::text)::date "
	    "WHERE b.account_id = $1 ORDER BY b.id" },
	[DB_CHAT_MENU_GET] = { "chat_menu_get",
	    "SELECT id, label, response FROM chat_menu_buttons WHERE id = $2 AND account_id = $1" },
	[DB_CHAT_MENU_INSERT] = { "chat_menu_insert",
	    "INSERT INTO chat_menu_buttons (account_id, label, response) SELECT $1, $2, $3 "
	    "WHERE (SELECT count(*) FROM chat_menu_buttons WHERE account_id = $1) < $4" },
	[DB_CHAT_MENU_UPDATE] = { "chat_menu_update",
	    "UPDATE chat_menu_buttons SET label = $3, response = $4 "
	    "WHERE id = $2 AND account_id = $1" },
	[DB_CHAT_MENU_DELETE] = { "chat_menu_delete",
	    "DELETE FROM chat_menu_buttons WHERE id = $2 AND account_id = $1" },
	[DB_CHAT_MENU_DELETE_ACCOUNT] = { "chat_menu_delete_account",
	    "DELETE FROM chat_menu_buttons WHERE account_id = $1" },
	[DB_CHAT_MENU_COUNT] = { "chat_menu_count",
	    "INSERT INTO chat_menu_counts (button_id, account_id, day, taps) "
	    "SELECT id, account_id, (now() AT TIME ZONE $3::text)::date, 1 FROM chat_menu_buttons "
	    "WHERE id = $2 AND account_id = $1 "
	    "ON CONFLICT (button_id, day) DO UPDATE SET taps = chat_menu_counts.taps + 1" },
};

const struct db_module db_chat_menu_module = { "chat_menu", db_chat_menu_sql, DB_CHAT_MENU__MAX };

int db_chat_menu_list(struct arena *arena, long long account_id, const char *time_zone,
    struct menu_button **out)
{
	struct db_rows rows;
	int count = DB_RUN(arena, &rows, &db_chat_menu_sql[DB_CHAT_MENU_LIST],
	    db_param_int(arena, account_id), time_zone);
	if (count < 0)
		return count;
	struct menu_button *list = arena_alloc(arena, ((size_t)count + 1) * sizeof(*list));
	for (int i = 0; i < count; i++)
		list[i] = (struct menu_button) {
			.id = db_int(&rows, i, COL_ID),
			.label = db_value(&rows, i, COL_LABEL),
			.response = db_value(&rows, i, COL_RESPONSE),
			.taps_today = db_int(&rows, i, COL_TAPS),
		};
	*out = list;
	return count;
}

int db_chat_menu_get(struct arena *arena, long long account_id, long long id,
    struct menu_button *out)
{
	struct db_rows rows;
	int found = DB_RUN(arena, &rows, &db_chat_menu_sql[DB_CHAT_MENU_GET],
	    db_param_int(arena, account_id), db_param_int(arena, id));
	if (found > 0)
		*out = (struct menu_button) {
			.id = db_int(&rows, 0, COL_ID),
			.label = db_value(&rows, 0, COL_LABEL),
			.response = db_value(&rows, 0, COL_RESPONSE),
		};
	return found;
}

int db_chat_menu_insert(struct arena *arena, long long account_id, const char *label,
    const char *response, long long max)
{
	return DB_RUN(arena, NULL, &db_chat_menu_sql[DB_CHAT_MENU_INSERT],
	    db_param_int(arena, account_id), label, response, db_param_int(arena, max));
}

int db_chat_menu_update(struct arena *arena, long long account_id, long long id,
    const char *label, const char *response)
{
	return DB_RUN(arena, NULL, &db_chat_menu_sql[DB_CHAT_MENU_UPDATE],
	    db_param_int(arena, account_id), db_param_int(arena, id), label, response);
}

int db_chat_menu_delete(struct arena *arena, long long account_id, long long id)
{
	return DB_RUN(arena, NULL, &db_chat_menu_sql[DB_CHAT_MENU_DELETE],
	    db_param_int(arena, account_id), db_param_int(arena, id));
}

int db_chat_menu_delete_account(struct arena *arena, long long account_id)
{
	return DB_RUN(arena, NULL, &db_chat_menu_sql[DB_CHAT_MENU_DELETE_ACCOUNT],
	    db_param_int(arena, account_id));
}

int db_chat_menu_count(struct arena *arena, long long account_id, long long id,
    const char *time_zone)
{
	return DB_RUN(arena, NULL, &db_chat_menu_sql[DB_CHAT_MENU_COUNT],
	    db_param_int(arena, account_id), db_param_int(arena, id), time_zone);
}
