/* db_rooms: the queries of table rooms (one customer's conversation with an
 * account) and the live-update notices about them (channel sangdam). */
#ifndef SANGDAM_DB_ROOMS_H
#define SANGDAM_DB_ROOMS_H

#include "db.h"
#include <stdbool.h>
#include <stddef.h>

struct arena;

/* A room as an agent's reply finds it, locked until the transaction ends. */
struct db_rooms_reply {
	bool session_open;       /* the customer wrote within the account's session timeout */
	bool customer_is_friend;
};

/* Opens the room of customer_id in account_id (ref and referrer: the inflow,
 * "" when none), or finds the one there is; sets *room_id, and *created when
 * this opened it. 1, or <0. */
int db_rooms_open(struct arena *arena, long long account_id, long long customer_id,
    const char *ref, const char *referrer, long long *room_id, bool *created);

/* Locks room_id of account_id FOR UPDATE (call inside a transaction) and
 * fills out. 1 found, 0 none, <0 DB_* error. */
int db_rooms_lock_for_reply(struct arena *arena, long long account_id, long long room_id,
    struct db_rooms_reply *out);

/* After a customer's message: unread, one more unread message, shown again,
 * summary (cut to 100 characters) as the last message (the message's search
 * terms go to room_search by its trigger, migration 0029). Rows changed, or
 * <0. */
int db_rooms_customer_wrote(struct arena *arena, long long account_id, long long room_id,
    const char *summary);
/* The same as a query, for other statements in one round trip
 * (db_run_queries); its result is db_rooms_customer_wrote's. */
struct db_query db_rooms_customer_wrote_query(struct arena *arena, long long account_id,
    long long room_id, const char *summary);

/* After a member's reply to the customer: answered, nothing unread, not
 * waiting; assigned to partner_id (0: nobody) when unassigned and the
 * account's reply_assigns is on (issue 13). Rows changed, or <0. */
int db_rooms_agent_wrote(struct arena *arena, long long account_id, long long room_id,
    const char *summary, long long partner_id);

/* After a member's message that is no answer (a friend request): only the
 * last message changes, the status and the wait stay. Rows changed, or <0. */
int db_rooms_agent_noted(struct arena *arena, long long account_id, long long room_id,
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

/* Queues NOTIFY sangdam {"a":account_id,"r":room_id,"k":kind}, sent after
 * the transaction's durable commit (at once outside one) by db_run_notice,
 * as are the two below. 1, or <0. */
int db_rooms_notify(struct arena *arena, long long account_id, long long room_id,
    const char *kind);

/* The same with "p": partner_id, a member the notice is about (who views
 * or types, for kinds "viewing" and "typing"). 1, or <0. */
int db_rooms_notify_partner(struct arena *arena, long long account_id, long long room_id,
    const char *kind, long long partner_id);

/* Queues one {"a","r","k":"unread","p":MEMBER} per member of account_id:
 * the events program hands it to that member's streams of every account,
 * for the header's unread total (issue 13). 1, or <0. */
int db_rooms_notify_members(struct arena *arena, long long account_id, long long room_id);

/* LISTEN sangdam on this thread's connection, for the events program.
 * 0, or <0. */
int db_rooms_listen(struct arena *arena);

/* Rooms on one page of the inbox list; db_rooms_list answers one more when
 * there is a next page. */
enum { DB_ROOMS_PAGE_SIZE = 30 };

enum rooms_assignee {
	ROOMS_ANY_ASSIGNEE,
	ROOMS_UNASSIGNED,
	ROOMS_ASSIGNED_TO, /* assignee_id */
};

/* The list's order: newest last message first, or longest waiting first
 * (the customer's oldest unanswered message; rooms not waiting are left out). */
enum rooms_order { ROOMS_NEWEST, ROOMS_WAITING };

/* The search's shapes (db_rooms.c), which list the same rooms. */
enum rooms_search_shape {
	ROOMS_SEARCH_PLANNED, /* planned for the query's values on each run */
	ROOMS_SEARCH_WALK,    /* the newest rooms walked (a common word) */
	ROOMS_SEARCH_TERMS,   /* the terms index read (a rare word) */
};

/* The inbox list's filters (CHAT-10, 12); zero values filter nothing. */
struct rooms_filter {
	enum rooms_order order;
	bool left;                 /* the rooms the members left (hidden), newest first */
	const char *status;        /* unread, unanswered, answered, completed, or NULL */
	long long label_id;        /* a label of the account, or 0 */
	enum rooms_assignee assignee;
	long long assignee_id;     /* the member for ROOMS_ASSIGNED_TO */
	bool important;
	bool blocked;              /* customers blocked */
	int days;                  /* last message within days, or 0 */
	const char *search;        /* text (taken literally) in name, memo or a message; NULL */
	enum rooms_search_shape search_shape; /* how to search (search_plan_shape) */
	long long cursor_time;     /* epoch µs of the last row shown (its wait start in
				    * ROOMS_WAITING order), with cursor_id */
	long long cursor_id;       /* 0 on the first page */
};

/* A room as the list shows it; strings in the arena. */
struct room_row {
	long long id;
	const char *display_name;  /* the customer's, "" when none */
	long long number;          /* the customer's number */
	const char *name;          /* the room's own name, "" when none */
	const char *last_text;
	const char *time;          /* HH24:MI today, else YYYY-MM-DD */
	const char *time_full;     /* YYYY-MM-DD HH24:MI */
	long long unread;
	const char *status;
	bool important;
	bool blocked;
	bool is_friend;
	long long assignee_id;     /* 0 when unassigned */
	const char *assignee;      /* the assignee's name */
	long long cursor_time;     /* for the next page's rooms_filter */
	long long waiting_minutes; /* since the oldest unanswered message, -1: not waiting */
	long long *label_ids;      /* the labels on the room, label_count of them */
	int label_count;
};

struct rooms_counts;

/* Lists in *out (arena) the rooms of account_id matching filter, newest
 * first, at most DB_ROOMS_PAGE_SIZE + 1; times in time_zone; and, when counts
 * is not NULL, the status tabs' counts as db_rooms_counts (in the same round
 * trip when there are rows). Returns the count or <0 DB_* error. */
int db_rooms_list(struct arena *arena, long long account_id, const char *time_zone,
    const struct rooms_filter *filter, struct room_row **out, struct rooms_counts *counts);
/* db_rooms_list in two halves, for a page that runs it with other
 * statements in one round trip (db_run_queries): the query, and the reading
 * of its result (account_id as given to the query), which returns as
 * db_rooms_list. */
struct db_query db_rooms_list_query(struct arena *arena, long long account_id,
    const char *time_zone, const struct rooms_filter *filter);
int db_rooms_list_rows(struct arena *arena, const struct db_query *query, long long account_id,
    struct room_row **out, struct rooms_counts *counts);

/* One room with its customer, as the room page shows it. */
struct room_detail {
	long long id;
	const char *name;          /* "" when not renamed */
	const char *memo;
	const char *ref;           /* where the customer came from, "" when none */
	const char *referrer;
	const char *status;
	bool important;
	long long assignee_id;     /* 0 when unassigned */
	const char *assignee;      /* the assignee's name */
	const char *created;       /* YYYY-MM-DD HH24:MI in the account's time zone */
	const char *display_name;
	long long number;
	bool is_friend;
	bool blocked;
	long long unread;
	bool session_open;         /* the customer wrote within the session timeout */
	bool hidden;
	const char *last_customer; /* YYYY-MM-DD HH24:MI, "" when never */
	long long timeout_minutes;
};

/* Finds room_id of account_id: 1 (out filled), 0 none, <0 DB_* error. */
int db_rooms_get(struct arena *arena, long long account_id, long long room_id,
    struct room_detail *out);
/* db_rooms_get in two halves, for a page that runs it with other statements
 * in one round trip (db_run_queries): the query, and the reading of its
 * result, which returns as db_rooms_get. */
struct db_query db_rooms_get_query(struct arena *arena, long long account_id,
    long long room_id);
int db_rooms_get_rows(const struct db_query *query, struct room_detail *out);

/* 1 when room_id belongs to account_id, 0 not, <0 error. */
int db_rooms_exists(struct arena *arena, long long account_id, long long room_id);

/* Marks room_id read (CHAT-11: unread becomes unanswered): rows changed (0
 * when it was read already), or <0. */
int db_rooms_mark_read(struct arena *arena, long long account_id, long long room_id);

/* Sets the room's name or memo: rows changed (0 or 1), or <0. */
int db_rooms_set_name(struct arena *arena, long long account_id, long long room_id,
    const char *name);
int db_rooms_set_memo(struct arena *arena, long long account_id, long long room_id,
    const char *memo);

/* Completes room_id (read, status completed): rows changed, or <0. */
int db_rooms_complete(struct arena *arena, long long account_id, long long room_id);

/* Bulk actions (CHAT-13) on the count rooms ids of account_id (ids of other
 * accounts are skipped); each returns rooms changed, or <0. */
int db_rooms_read_many(struct arena *arena, long long account_id, const long long *ids,
    size_t count);
int db_rooms_set_important_many(struct arena *arena, long long account_id, const long long *ids,
    size_t count, bool important);
/* Assigns to member partner_id (0: nobody); a partner who is not a member of
 * the account changes nothing. */
int db_rooms_assign_many(struct arena *arena, long long account_id, const long long *ids,
    size_t count, long long partner_id);
int db_rooms_complete_many(struct arena *arena, long long account_id, const long long *ids,
    size_t count);
/* Hides the rooms from the list (the agents leave them). */
int db_rooms_hide_many(struct arena *arena, long long account_id, const long long *ids,
    size_t count);

/* 1 when one of the count rooms ids has a blocked customer, 0 not, <0. */
int db_rooms_any_blocked(struct arena *arena, long long account_id, const long long *ids,
    size_t count);

/* Brings left rooms back to the list: rooms changed, or <0. */
int db_rooms_restore_many(struct arena *arena, long long account_id, const long long *ids,
    size_t count);

/* The rooms of each status tab (not left) and the left ones. */
enum rooms_count { ROOMS_COUNT_UNREAD, ROOMS_COUNT_UNANSWERED, ROOMS_COUNT_ANSWERED,
	ROOMS_COUNT_COMPLETED, ROOMS_COUNT_LEFT, ROOMS_COUNT__MAX };
struct rooms_counts {
	long long count[ROOMS_COUNT__MAX];
};

/* Counts account_id's rooms per tab into out, from the sums a trigger keeps
 * (migration 0028): 1, or <0 error. */
int db_rooms_counts(struct arena *arena, long long account_id, struct rooms_counts *out);

/* Inside a transaction that changes many rooms of one account (thousands; a
 * restore, ACC-9's reset): db_rooms_counts_pause first stops the trigger that
 * keeps the tab counts for the rest of the transaction, and
 * db_rooms_counts_recount counts account_id's rooms afresh at the end (one
 * pass over them; it locks the account's row FOR UPDATE until the end of the
 * transaction). Both 0, or <0 error. */
int db_rooms_counts_pause(struct arena *arena);
int db_rooms_counts_recount(struct arena *arena, long long account_id);

/* Sets the room's name and memo together, each left as it is when NULL:
 * rows changed (0 when neither differs, or no such room), or <0. */
int db_rooms_set_details(struct arena *arena, long long account_id, long long room_id,
    const char *name, const char *memo);

/* ACC-9 reset: completes every room of account_id, clears its unread count
 * and takes it off the list; the messages stay. Call inside a transaction
 * (it pauses and recounts the tab counts). Rooms changed, or <0 error. */
int db_rooms_reset_account(struct arena *arena, long long account_id);

/* Automatic assignment (CHAT-18), inside the transaction that created a
 * room: takes account_id's turn lock until the transaction ends. 1 locked,
 * 0 the account has automatic assignment off (nothing to do), <0 error. */
int db_rooms_assign_lock(struct arena *arena, long long account_id);

/* After db_rooms_assign_lock: gives room_id to the available member of
 * account_id assigned least recently with fewer open rooms than the
 * account's limit. 1 assigned, 0 nobody could take it (it stays
 * unassigned), <0 error. */
int db_rooms_assign_new(struct arena *arena, long long account_id, long long room_id);
/* How many of the newest messages of customer_id in room_id (of
 * account_id) no agent has read yet (the room's unread count, CHAT-22) into
 * *unread. 1 found, 0 no such room of that customer, <0 error. */
int db_rooms_customer_unread(struct arena *arena, long long account_id, long long room_id,
    long long customer_id, long long *unread);
/* A member leaves the account (MEM-5): their rooms there go back to nobody.
 * Rooms changed, or <0 error. */
int db_rooms_unassign_partner(struct arena *arena, long long account_id, long long partner_id);

#endif
