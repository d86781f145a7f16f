/* db_messages: the queries of table messages (what customers and agents
 * wrote in a room). */
#ifndef SANGDAM_DB_MESSAGES_H
#define SANGDAM_DB_MESSAGES_H

#include "db.h"
#include <stdbool.h>

struct arena;
struct chat_message;

/* A message to store. */
struct db_messages_new {
	long long account_id;
	long long room_id;
	const char *sender;       /* customer, agent, system (the account's automatic messages) */
	long long partner_id;     /* the agent; 0 for customers */
	const char *kind;         /* text, image, file, friend_request, notice (a timeline
	                           * line: body is left, returned or friend) */
	const char *body;
	long long attachment_id;  /* 0: none */
	const char *client_id;    /* idempotency key (8..64 characters) or NULL */
};

/* Inserts message. 1 stored, 0 when the room already has its client_id, or <0. */
int db_messages_insert(struct arena *arena, const struct db_messages_new *message);
/* The same as a query, for other statements in one round trip
 * (db_run_queries); its result is db_messages_insert's. */
struct db_query db_messages_insert_query(struct arena *arena,
    const struct db_messages_new *message);

/* The delivered messages of room_id (of account_id) with id > after that its
 * customer still sees (after leaving, only newer ones), the newest 300, in
 * *out newest first (arena), times in time_zone. The count, or <0. */
int db_messages_list_for_customer(struct arena *arena, long long account_id, long long room_id,
    const char *time_zone, long long after, struct chat_message **out);

/* Message id of room_id as its customer sees it: fills out's sender and day
 * only. 1 found, 0 none (or hidden by leaving), <0 error. */
int db_messages_get_for_customer(struct arena *arena, long long account_id, long long room_id,
    const char *time_zone, long long id, struct chat_message *out);

/* A message as the agents' room shows it; strings in the arena. */
struct message_item {
	long long id;
	const char *sender;       /* customer, agent, system */
	const char *kind;         /* text, image, file, friend_request ... */
	const char *body;         /* "" when none */
	long long attachment_id;  /* 0 when none (or the file is gone) */
	const char *file_name;
	bool is_image;
	long long file_size;      /* bytes */
	const char *at;           /* YYYY-MM-DD HH24:MI in the account's time zone */
	const char *agent_name;   /* the sending member's name, "" when none */
	bool agent_gone;          /* no partner row: a former member */
	bool delivered;
	int width, height;        /* an image's pixels, 0 when unknown */
};

/* The query of at most limit messages of room_id (of account_id) older
 * than before_id (0: the newest), newest first, times in time_zone, to run
 * with a page's other statements in one round trip (db_run_queries);
 * db_messages_items_rows lists its messages in *out (arena) and returns
 * their count or <0 DB_* error. */
struct db_query db_messages_before_query(struct arena *arena, long long account_id,
    long long room_id, const char *time_zone, long long before_id, long long limit);
int db_messages_items_rows(struct arena *arena, const struct db_query *query,
    struct message_item **out);

/* Like db_messages_before_query for at most limit messages newer than after_id,
 * oldest first. */
int db_messages_after(struct arena *arena, long long account_id, long long room_id,
    const char *time_zone, long long after_id, long long limit, struct message_item **out);

/* Stores the timeline line "returned" in room_id (of account_id) when its
 * customer left the room and has not written since (CHAT-5, CHAT-23: it
 * never answers the room); the room is then locked to the end of the
 * transaction, so that two messages at once store it once. 1 stored, 0 not
 * due, <0 error. */
int db_messages_returned(struct arena *arena, long long account_id, long long room_id);
/* The same as a query (db_run_queries); its result is db_messages_returned's. */
struct db_query db_messages_returned_query(struct arena *arena, long long account_id,
    long long room_id);

#endif
