/* db_messages: the queries of table messages (what customers and agents
 * wrote in a room). */
#ifndef SANGDAM_DB_MESSAGES_H
#define SANGDAM_DB_MESSAGES_H

struct arena;
struct chat_message;

/* A message to store. */
struct db_messages_new {
	long long account_id;
	long long room_id;
	const char *sender;       /* customer, agent */
	long long partner_id;     /* the agent; 0 for customers */
	const char *kind;         /* text, image, file, friend_request */
	const char *body;
	long long attachment_id;  /* 0: none */
	const char *client_id;    /* idempotency key (8..64 characters) or NULL */
};

/* Inserts message. 1 stored, 0 when the room already has its client_id, or <0. */
int db_messages_insert(struct arena *arena, const struct db_messages_new *message);

/* The delivered messages of room_id (of account_id) with id > after that its
 * customer still sees (after leaving, only newer ones), the newest 300, in
 * *out newest first (arena), times in time_zone. The count, or <0. */
int db_messages_list_for_customer(struct arena *arena, long long account_id, long long room_id,
    const char *time_zone, long long after, struct chat_message **out);

/* Message id of room_id as its customer sees it: fills out's sender and day
 * only. 1 found, 0 none (or hidden by leaving), <0 error. */
int db_messages_get_for_customer(struct arena *arena, long long account_id, long long room_id,
    const char *time_zone, long long id, struct chat_message *out);

#endif
