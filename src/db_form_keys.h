/* db_form_keys: the queries of table form_keys (a rendered form's key,
 * taken by its first post, with that post's answer; migration 0037). */
#ifndef SANGDAM_DB_FORM_KEYS_H
#define SANGDAM_DB_FORM_KEYS_H

struct arena;

/* Takes key for path, its Location unknown yet: 1 taken, 0 taken before
 * (by another post), <0 error. */
int db_form_keys_take(struct arena *arena, const char *key, const char *path);

/* Sets *location (in the arena) to the Location of the first post of key to
 * path, or to NULL while that post runs: 1 found, 0 no such row (the post
 * gave it up), <0 error. */
int db_form_keys_answer(struct arena *arena, const char *key, const char *path,
    const char **location);

/* Keeps location as the answer of the post that took key for path. Rows
 * changed (1), or <0 error. */
int db_form_keys_settle(struct arena *arena, const char *key, const char *path,
    const char *location);

/* Gives key for path up, so that it can be sent again. Rows deleted, or <0
 * error. */
int db_form_keys_release(struct arena *arena, const char *key, const char *path);

/* Deletes keys older than a day (the worker's sweep). Rows deleted, or <0
 * error. */
int db_form_keys_delete_old(struct arena *arena);

#endif
