/* db_room_labels: the queries of table room_labels, which labels a room
 * carries (CHAT-20). */
#ifndef SANGDAM_DB_ROOM_LABELS_H
#define SANGDAM_DB_ROOM_LABELS_H

#include <stddef.h>

struct arena;

/* Removes every label from room_id of account_id: rows deleted, or <0. */
int db_room_labels_clear(struct arena *arena, long long account_id, long long room_id);

/* Puts the count labels ids of account_id on room_id (ids of other
 * accounts and repeats are skipped): rows added, or <0. */
int db_room_labels_add(struct arena *arena, long long account_id, long long room_id,
    const long long *ids, size_t count);

/* Takes the count labels ids off room_id of account_id: rows deleted, or <0. */
int db_room_labels_remove(struct arena *arena, long long account_id, long long room_id,
    const long long *ids, size_t count);

#endif
