/* db_room_labels: labels on rooms, replaced from the room page (the list
 * reads them with its rooms, db_rooms_list). */
#include "db_room_labels.h"
#include "arena.h"
#include "db.h"
#include "db_modules.h"

enum db_room_labels_statement {
	DB_ROOM_LABELS_CLEAR,
	DB_ROOM_LABELS_ADD,
	DB_ROOM_LABELS_REMOVE,
	DB_ROOM_LABELS__MAX
};

static const struct db_statement db_room_labels_sql[DB_ROOM_LABELS__MAX] = {
	[DB_ROOM_LABELS_CLEAR] = { "room_labels_clear",
	    "DELETE FROM room_labels rl USING rooms r WHERE rl.room_id = r.id "
	    "AND r.id = $2 AND r.account_id = $1" },
	[DB_ROOM_LABELS_ADD] = { "room_labels_add",
	    "INSERT INTO room_labels (room_id, label_id) SELECT r.id, l.id FROM rooms r "
	    "JOIN labels l ON l.account_id = r.account_id WHERE r.id = $2 AND r.account_id = $1 "
	    "AND l.id = ANY($3::bigint[]) ON CONFLICT DO NOTHING" },
	[DB_ROOM_LABELS_REMOVE] = { "room_labels_remove",
	    "DELETE FROM room_labels rl USING rooms r WHERE rl.room_id = r.id "
	    "AND r.id = $2 AND r.account_id = $1 AND rl.label_id = ANY($3::bigint[])" },
};

const struct db_module db_room_labels_module = { "room_labels", db_room_labels_sql,
	DB_ROOM_LABELS__MAX };

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

int db_room_labels_remove(struct arena *arena, long long account_id, long long room_id,
    const long long *ids, size_t count)
{
	return DB_RUN(arena, NULL, &db_room_labels_sql[DB_ROOM_LABELS_REMOVE],
	    db_param_int(arena, account_id), db_param_int(arena, room_id),
	    db_param_ids(arena, ids, count));
}
