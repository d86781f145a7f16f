/* db_room_labels: labels on rooms, read for the list's chips and replaced
 * from the room page. */
#include "db_room_labels.h"
#include "arena.h"
#include "db.h"
#include "db_modules.h"

enum db_room_labels_statement {
	DB_ROOM_LABELS_OF_ROOMS,
	DB_ROOM_LABELS_CLEAR,
	DB_ROOM_LABELS_ADD,
	DB_ROOM_LABELS__MAX
};

/* Columns of DB_ROOM_LABELS_OF_ROOMS. */
enum { OF_ROOMS_ROOM_ID, OF_ROOMS_NAME, OF_ROOMS_COLOR };

static const struct db_statement db_room_labels_sql[DB_ROOM_LABELS__MAX] = {
	[DB_ROOM_LABELS_OF_ROOMS] = { "room_labels_of_rooms",
	    "SELECT rl.room_id, l.name, l.color FROM room_labels rl "
	    "JOIN labels l ON l.id = rl.label_id AND l.account_id = $1 "
	    "WHERE rl.room_id = ANY($2::bigint[]) ORDER BY lower(l.name), l.id" },
	[DB_ROOM_LABELS_CLEAR] = { "room_labels_clear",
	    "DELETE FROM room_labels rl USING rooms r WHERE rl.room_id = r.id "
	    "AND r.id = $2 AND r.account_id = $1" },
	[DB_ROOM_LABELS_ADD] = { "room_labels_add",
	    "INSERT INTO room_labels (room_id, label_id) SELECT r.id, l.id FROM rooms r "
	    "JOIN labels l ON l.account_id = r.account_id WHERE r.id = $2 AND r.account_id = $1 "
	    "AND l.id = ANY($3::bigint[]) ON CONFLICT DO NOTHING" },
};

const struct db_module db_room_labels_module = { "room_labels", db_room_labels_sql,
	DB_ROOM_LABELS__MAX };

int db_room_labels_of_rooms(struct arena *arena, long long account_id, const long long *ids,
    size_t count, struct room_label **out)
{
	struct db_rows rows;
	int found = DB_RUN(arena, &rows, &db_room_labels_sql[DB_ROOM_LABELS_OF_ROOMS],
	    db_param_int(arena, account_id), db_param_ids(arena, ids, count));
	if (found < 0)
		return found;
	struct room_label *labels = arena_alloc(arena, ((size_t)found + 1) * sizeof(*labels));
	for (int i = 0; i < found; i++)
		labels[i] = (struct room_label) {
			.room_id = db_int(&rows, i, OF_ROOMS_ROOM_ID),
			.name = db_value(&rows, i, OF_ROOMS_NAME),
			.color = db_value(&rows, i, OF_ROOMS_COLOR),
		};
	*out = labels;
	return found;
}

int db_room_labels_clear(struct arena *arena, long long account_id, long long room_id)
{
	return DB_RUN(arena, NULL, &db_room_labels_sql[DB_ROOM_LABELS_CLEAR],
	    db_param_int(arena, account_id), db_param_int(arena, room_id));
}

int db_room_labels_add(struct arena *arena, long long account_id, long long room_id,
    const long long *ids, size_t count)
{
	return DB_RUN(arena, NULL, &db_room_labels_sql[DB_ROOM_LABELS_ADD],
	    db_param_int(arena, account_id), db_param_int(arena, room_id),
	    db_param_ids(arena, ids, count));
}
