/* db_labels: labels of an account, by name, with their use on rooms. */
#include "db_labels.h"
#include "arena.h"
#include "db.h"
#include "db_modules.h"

enum db_labels_statement {
	DB_LABELS_LIST_COUNTED,
	DB_LABELS_ALL_KNOWN,
	DB_LABELS_EXISTS,
	DB_LABELS_INSERT,
	DB_LABELS_UPDATE,
	DB_LABELS_DELETE,
	DB_LABELS_DELETE_ACCOUNT,
	DB_LABELS__MAX
};

/* Columns of DB_LABELS_LIST_COUNTED. */
enum { LIST_ID, LIST_NAME, LIST_COLOR, LIST_ROOM_COUNT };

static const struct db_statement db_labels_sql[DB_LABELS__MAX] = {
	[DB_LABELS_LIST_COUNTED] = { "labels_list_counted",
	    "SELECT l.id, l.name, l.color, (SELECT count(*) FROM room_labels rl JOIN rooms r "
	    "ON r.id = rl.room_id AND r.account_id = l.account_id WHERE rl.label_id = l.id) "
	    "FROM labels l WHERE l.account_id = $1 ORDER BY lower(l.name), l.id" },
	[DB_LABELS_ALL_KNOWN] = { "labels_all_known",
	    "SELECT count(*) = (SELECT count(DISTINCT id) FROM unnest($2::bigint[]) id) "
	    "FROM labels WHERE account_id = $1 AND id = ANY($2::bigint[])" },
	[DB_LABELS_EXISTS] = { "labels_exists",
	    "SELECT 1 FROM labels WHERE id = $2 AND account_id = $1" },
	[DB_LABELS_INSERT] = { "labels_insert",
	    "INSERT INTO labels (account_id, name, color) SELECT $1, $2, $3 "
	    "WHERE (SELECT count(*) FROM labels WHERE account_id = $1) < $4" },
	[DB_LABELS_UPDATE] = { "labels_update",
	    "UPDATE labels SET name = $3, color = $4 WHERE id = $2 AND account_id = $1" },
	[DB_LABELS_DELETE] = { "labels_delete",
	    "DELETE FROM labels WHERE id = $2 AND account_id = $1" },
	[DB_LABELS_DELETE_ACCOUNT] = { "labels_delete_account",
	    "DELETE FROM labels WHERE account_id = $1" },
};

const struct db_module db_labels_module = { "labels", db_labels_sql, DB_LABELS__MAX };

int db_labels_list_counted(struct arena *arena, long long account_id, struct label **out)
{
	struct db_rows rows;
	int count = DB_RUN(arena, &rows, &db_labels_sql[DB_LABELS_LIST_COUNTED],
	    db_param_int(arena, account_id));
	if (count < 0)
		return count;
	struct label *labels = arena_alloc(arena, ((size_t)count + 1) * sizeof(*labels));
	for (int i = 0; i < count; i++)
		labels[i] = (struct label) {
			.id = db_int(&rows, i, LIST_ID),
			.name = db_value(&rows, i, LIST_NAME),
			.color = db_value(&rows, i, LIST_COLOR),
			.room_count = db_int(&rows, i, LIST_ROOM_COUNT),
		};
	*out = labels;
	return count;
}

int db_labels_all_known(struct arena *arena, long long account_id, const long long *ids,
    size_t count)
{
	struct db_rows rows;
	int found = DB_RUN(arena, &rows, &db_labels_sql[DB_LABELS_ALL_KNOWN],
	    db_param_int(arena, account_id), db_param_ids(arena, ids, count));
	if (found <= 0)
		return found < 0 ? found : DB_ERROR;
	return db_bool(&rows, 0, 0) ? 1 : 0;
}

int db_labels_exists(struct arena *arena, long long account_id, long long id)
{
	return DB_RUN(arena, NULL, &db_labels_sql[DB_LABELS_EXISTS], db_param_int(arena, account_id),
	    db_param_int(arena, id));
}

int db_labels_insert(struct arena *arena, long long account_id, const char *name,
    const char *color, long long max)
{
	return DB_RUN(arena, NULL, &db_labels_sql[DB_LABELS_INSERT], db_param_int(arena, account_id),
	    name, color, db_param_int(arena, max));
}

int db_labels_update(struct arena *arena, long long account_id, long long id, const char *name,
    const char *color)
{
	return DB_RUN(arena, NULL, &db_labels_sql[DB_LABELS_UPDATE], db_param_int(arena, account_id),
	    db_param_int(arena, id), name, color);
}

int db_labels_delete(struct arena *arena, long long account_id, long long id)
{
	return DB_RUN(arena, NULL, &db_labels_sql[DB_LABELS_DELETE], db_param_int(arena, account_id),
	    db_param_int(arena, id));
}

int db_labels_delete_account(struct arena *arena, long long account_id)
{
	return DB_RUN(arena, NULL, &db_labels_sql[DB_LABELS_DELETE_ACCOUNT],
	    db_param_int(arena, account_id));
}
