/* db_restore: the writes of `sangdamctl restore-account` (EXP-5): an
 * account's labels, customers, rooms, attachments and messages from a
 * backup, inside one transaction. Rooms and attachments find their room by
 * the customer's key (one room per customer and account); ids are the new
 * server's own. */
#ifndef SANGDAM_DB_RESTORE_H
#define SANGDAM_DB_RESTORE_H

#include <stdbool.h>

struct arena;

/* The partner with email in *id: 1, 0 none, <0. */
int db_restore_partner(struct arena *arena, const char *email, long long *id);

/* 1 when an account is named name (any case), 0 when not, <0. */
int db_restore_name_taken(struct arena *arena, const char *name);

/* Locks the account code when it has no customers, rooms or messages and
 * sets *id: 1, 0 when it is missing or not empty, <0. */
int db_restore_empty_account(struct arena *arena, const char *code, long long *id);

/* Adds label name with color to account_id unless it has one so named: >=0,
 * or <0. */
int db_restore_label(struct arena *arena, long long account_id, const char *name,
    const char *color);

/* One customer of a backup; times are timestamptz texts ("" for none). */
struct restore_customer {
	const char *key, *number, *display_name, *friend_since, *created;
	bool is_friend, blocked;
};

int db_restore_customer(struct arena *arena, long long account_id,
    const struct restore_customer *customer);

struct restore_room {
	const char *customer_key, *name, *memo, *status, *inflow, *referrer, *created;
	bool important;
};

/* Inserts the room of customer_key, setting *id: 1, 0 when the backup has
 * no such customer, <0. */
int db_restore_room(struct arena *arena, long long account_id, const struct restore_room *room,
    long long *id);

/* Puts label name on room_id: >=0, <0. */
int db_restore_room_label(struct arena *arena, long long account_id, long long room_id,
    const char *name);

struct restore_attachment {
	const char *customer_key, *stored_name, *mime, *display_name, *created;
	long long size;
};

/* Inserts the attachment in customer_key's room, setting *id: 1, 0, <0. */
int db_restore_attachment(struct arena *arena, long long account_id,
    const struct restore_attachment *attachment, long long *id);

/* One message; sender "customer", "system" or "agent"; member_email and
 * member_name "" unless a member wrote it; attachment_id 0 for none. */
struct restore_message {
	const char *customer_key, *sender, *member_email, *member_name, *kind, *text, *created;
	long long attachment_id;
};

/* Inserts the message in customer_key's room (its member the partner of
 * that email on this server, when there is one; the name and email kept
 * anyway): 1, 0 when the room is missing, <0. */
int db_restore_message(struct arena *arena, long long account_id,
    const struct restore_message *message);

/* Pauses, for the open transaction, what each room or message inserted
 * would write of its account's status counts (migration 0028) and its
 * room's search terms (0034): 0, or <0. */
int db_restore_pause(struct arena *arena);

/* Sets the rooms' last-message fields, their search terms, the customer
 * counter and the status counts from what was restored, ending the pauses
 * of db_restore_pause: >=0, <0. */
int db_restore_finish(struct arena *arena, long long account_id);

#endif
