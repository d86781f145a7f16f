/* db_rooms: the queries of table rooms (one customer's conversation with an
 * account) and the live-update notices about them (channel sangdam). */
#ifndef SANGDAM_DB_ROOMS_H
#define SANGDAM_DB_ROOMS_H

#include <stdbool.h>

struct arena;

/* A room as an agent's reply finds it, locked until the transaction ends. */
struct db_rooms_reply {
	bool session_open;       /* the customer wrote within the account's session timeout */
	bool customer_is_friend;
};

/* Opens the room of customer_id in account_id (ref and referrer: the inflow,
 * "" when none), or finds the one there is; sets *room_id. 1, or <0. */
int db_rooms_open(struct arena *arena, long long account_id, long long customer_id,
    const char *ref, const char *referrer, long long *room_id);

/* Locks room_id of account_id FOR UPDATE (call inside a transaction) and
 * fills out. 1 found, 0 none, <0 DB_* error. */
int db_rooms_lock_for_reply(struct arena *arena, long long account_id, long long room_id,
    struct db_rooms_reply *out);

/* After a customer's message: unread, one more unread message, shown again,
 * summary (cut to 100 characters) as the last message. Rows changed, or <0. */
int db_rooms_customer_wrote(struct arena *arena, long long account_id, long long room_id,
    const char *summary);

/* After an agent's message: answered, nothing unread. Rows changed, or <0. */
int db_rooms_agent_wrote(struct arena *arena, long long account_id, long long room_id,
    const char *summary);

/* Hides the room's messages so far from its customer (CHAT-5): only rows of
 * customer_id's own room change. Rows changed (0 or 1), or <0. */
int db_rooms_clear_for_customer(struct arena *arena, long long account_id, long long room_id,
    long long customer_id);

/* Unread messages in the listed rooms of every account partner_id is a
 * member of (*all), and of account_id alone (*account; 0 when account_id is
 * 0). 1, or <0. */
int db_rooms_unread_totals(struct arena *arena, long long partner_id, long long account_id,
    long long *account, long long *all);

/* Queues NOTIFY sangdam {"a":account_id,"r":room_id,"k":kind}, sent when the
 * transaction commits (at once outside one). 1, or <0. */
int db_rooms_notify(struct arena *arena, long long account_id, long long room_id,
    const char *kind);

/* LISTEN sangdam on this thread's connection, for the events program.
 * 0, or <0. */
int db_rooms_listen(struct arena *arena);

#endif
