/* db_friend_groups: the queries of tables friend_groups and
 * friend_group_members, an account's named groups of customers. */
#ifndef SANGDAM_DB_FRIEND_GROUPS_H
#define SANGDAM_DB_FRIEND_GROUPS_H

#include <stddef.h>

struct arena;

struct friend_group {
	long long id;
	const char *name;
	const char *description;  /* db_friend_groups_list_counted only ("" if none) */
	long long member_count;   /* customers in it: list_counted only */
	long long friend_count;   /* of whom friends: list_counted only */
};

/* Lists in *out (arena) the groups of account_id by name with description
 * and counts; returns the count (≥ 0) or <0 DB_* error (db_accounts_choices
 * gives ids and names alone). */
int db_friend_groups_list_counted(struct arena *arena, long long account_id,
    struct friend_group **out);

/* 1 when group id belongs to account_id, 0 not, <0 error. */
int db_friend_groups_exists(struct arena *arena, long long account_id, long long id);

/* Finds the group of account_id named name (case-insensitive), or makes it
 * when the account has fewer than max; sets *id. 1 found or made, 0 at the
 * limit, <0 error.
 * Call inside account_lock, or concurrent calls can pass max (NF-7). */
int db_friend_groups_ensure(struct arena *arena, long long account_id, const char *name,
    long long max, long long *id);

/* Creates a group unless the account has max already: 1 created, 0 at the
 * limit, DB_UNIQUE_VIOLATION when the name is taken, <0 error.
 * Call inside account_lock, or concurrent calls can pass max (NF-7). */
int db_friend_groups_insert(struct arena *arena, long long account_id, const char *name,
    const char *description, long long max);

/* Deletes group id with its members: rows deleted (0 or 1), or <0. */
int db_friend_groups_delete(struct arena *arena, long long account_id, long long id);

/* Adds the customers of the count rooms ids (of account_id) to group_id:
 * customers added (those already in it are skipped), or <0. */
int db_friend_groups_add_rooms(struct arena *arena, long long account_id, long long group_id,
    const long long *ids, size_t count);

#endif
