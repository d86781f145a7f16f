/* db_sessions: the queries of table sessions (who is signed in, AUTH-4). */
#ifndef SANGDAM_DB_SESSIONS_H
#define SANGDAM_DB_SESSIONS_H

#include "db.h"

#include <stdbool.h>

struct account_access;
struct arena;
struct session;

/* One of a partner's sessions as "my account" lists it; strings in the arena. */
struct session_row {
	long long id;
	const char *user_agent;  /* as the browser sent it, cut (session_start); may be "" */
	const char *remote_addr; /* may be "" */
	const char *last_seen;   /* "YYYY-MM-DD HH:MI", Korean time */
};

/* Finds the live session whose token hashes to token_hash, not idle for more
 * than idle_minutes; fills out (strings in arena), out->touch_due telling
 * that its last-seen time is due for db_sessions_touch. In the same round
 * trip, when code is not NULL, the partner's membership of the account with
 * that code: *member tells whether account was filled. 1 found, 0 no live session, <0 error. */
int db_sessions_get_in_account(struct arena *arena, const char *token_hash,
    long long idle_minutes, const char *code, struct session *out, struct account_access *account,
    bool *member);
/* db_sessions_get_in_account in two halves, for a request that runs it with
 * other statements in one round trip (db_run_queries, session_load): the
 * query, and the reading of its result, which returns as above. */
struct db_query db_sessions_get_in_account_query(struct arena *arena, const char *token_hash,
    long long idle_minutes, const char *code);
int db_sessions_get_in_account_rows(const struct db_query *query, struct session *out,
    struct account_access *account, bool *member);

/* Inserts a session of partner_id lasting hours from now, started from
 * remote_addr by user_agent (either may be NULL). 1, or <0 error. */
int db_sessions_insert(struct arena *arena, long long partner_id, const char *token_hash,
    long long hours, const char *remote_addr, const char *user_agent);

/* Refreshes session id's last-seen time, when it is a minute old or more
 * (the idle timeout's clock, AUTH-3). Rows changed (0 or 1), or <0 error. */
int db_sessions_touch(struct arena *arena, long long id);

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

/* Deletes partner_id's sessions but the keep newest, oldest first (AUTH-9).
 * Rows deleted, or <0 error. */
int db_sessions_trim(struct arena *arena, long long partner_id, long long keep);

/* Fills out (max rows) with partner_id's live sessions, not idle for more
 * than idle_minutes, most recently used first. Rows filled (0..max), or <0
 * error. */
int db_sessions_list(struct arena *arena, long long partner_id, long long idle_minutes,
    struct session_row *out, int max);

/* Deletes session id when it is partner_id's. Rows deleted (0: not found or
 * another partner's), or <0 error. */
int db_sessions_delete_own(struct arena *arena, long long id, long long partner_id);

/* Marks session id as having passed the second factor now (AUTH-6). Rows
 * changed, or <0 error. */
int db_sessions_set_totp(struct arena *arena, long long id);

/* Forgets that any session of partner_id passed the second factor (it was
 * turned on or off). Rows changed, or <0 error. */
int db_sessions_clear_totp(struct arena *arena, long long partner_id);

#endif
