/* db_sessions: the queries of table sessions (who is signed in, AUTH-4). */
#ifndef SANGDAM_DB_SESSIONS_H
#define SANGDAM_DB_SESSIONS_H

#include <stdbool.h>

struct arena;
struct session;

/* Finds the live session whose token hashes to token_hash, not idle for more
 * than idle_minutes, and refreshes its last-seen time (at most once a minute).
 * Fills out (strings in arena). 1 found, 0 none, <0 DB_* error. */
int db_sessions_get(struct arena *arena, const char *token_hash, long long idle_minutes,
    struct session *out);

/* Inserts a session of partner_id lasting hours from now. 1, or <0 error. */
int db_sessions_insert(struct arena *arena, long long partner_id, const char *token_hash,
    long long hours, const char *remote_addr);

/* Deletes session id. Rows deleted (0 or 1), or <0 error. */
int db_sessions_delete(struct arena *arena, long long id);

/* Deletes every session of partner_id but keep_id (0 keeps none). Rows
 * deleted, or <0 error. */
int db_sessions_delete_partner(struct arena *arena, long long partner_id, long long keep_id);

/* The number of sessions not expired yet (>= 0), or <0 error (ops home). */
int db_sessions_count_live(struct arena *arena);

/* Deletes the sessions past their absolute end (the worker's sweep; an index
 * of migration 0006 serves it). Rows deleted, or <0 error. */
int db_sessions_delete_expired(struct arena *arena);

#endif
