/* db_labels: the queries of table labels, an account's coloured tags for
 * rooms (CHAT-20). */
#ifndef SANGDAM_DB_LABELS_H
#define SANGDAM_DB_LABELS_H

#include <stdbool.h>
#include <stddef.h>

struct arena;

struct label {
	long long id;
	const char *name;
	const char *color;    /* "#" and six lower-case hex digits */
	long long room_count; /* rooms carrying it: db_labels_list_counted only */
	bool on_room;         /* on the room asked about: db_accounts_choices only */
};

/* Lists in *out (arena) the labels of account_id by name with each one's
 * room_count; returns the count (≥ 0) or <0 DB_* error (db_accounts_choices
 * gives them without counts). */
int db_labels_list_counted(struct arena *arena, long long account_id, struct label **out);

/* 1 when every one of count ids (repeats allowed) is a label of account_id,
 * 0 when one is not, <0 error. */
int db_labels_all_known(struct arena *arena, long long account_id, const long long *ids,
    size_t count);

/* 1 when label id belongs to account_id, 0 not, <0 error. */
int db_labels_exists(struct arena *arena, long long account_id, long long id);

/* Creates a label unless the account has max already: 1 created, 0 at the
 * limit, DB_UNIQUE_VIOLATION when the name is taken, <0 error.
 * Call inside account_lock, or concurrent calls can pass max (NF-7). */
int db_labels_insert(struct arena *arena, long long account_id, const char *name,
    const char *color, long long max);

/* Renames and recolours label id: rows changed (0 or 1), DB_UNIQUE_VIOLATION
 * when the name is taken, <0 error. */
int db_labels_update(struct arena *arena, long long account_id, long long id, const char *name,
    const char *color);

/* Deletes label id (its room_labels go with it): rows deleted, or <0. */
int db_labels_delete(struct arena *arena, long long account_id, long long id);

/* Deletes every label of account_id (ACC-9 reset; their room links go with
 * them). Labels deleted, or <0 error. */
int db_labels_delete_account(struct arena *arena, long long account_id);

#endif
