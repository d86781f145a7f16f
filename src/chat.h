/* chat: the rules of a consultation that the customer's program (talk) and the
 * agents' program (inbox) share: customers and their key, rooms, messages with
 * attachments, the status of a room and live-update notices.
 * Every function takes the account id and keeps to that account's rows. */
#ifndef SANGDAM_CHAT_H
#define SANGDAM_CHAT_H

#include <stdbool.h>

#include "db.h"

struct request;
struct http_file;

enum {
	CHAT_OK = 1,
	CHAT_DUPLICATE = 2,      /* the client id was seen before: nothing new stored */
	CHAT_BLOCKED = 3,        /* the customer is blocked: nothing stored (CHAT-7) */
	CHAT_SESSION_ENDED = 4,  /* agents wait for the customer to write (CHAT-17) */
	CHAT_ALREADY_FRIEND = 5, /* a friend request to a friend: nothing stored */
	CHAT_NOT_FOUND = 0,
};

struct chat_customer {
	long long id;
	long long number;          /* shown as 고객-NNNN when there is no name */
	const char *display_name;  /* "" when none was given */
	bool is_friend;
	bool blocked;
	long long room_id;         /* 0 before the first message */
};

/* An account as its customers see it at /talk/CODE. */
struct chat_account {
	long long id;
	const char *code;
	const char *name;
	const char *intro;
	const char *status;        /* pending, approved, rejected */
	bool approved;
	bool home_public;
	bool chat_on;
	bool has_profile_image;
	bool has_background_image;
	const char *time_zone;     /* IANA name */
};

/* A message as the customer's page shows it; times in the account's zone. */
struct chat_message {
	long long id;
	const char *sender;        /* customer, agent, system */
	const char *kind;          /* text, image, file, friend_request, ... */
	const char *body;          /* "" when none */
	const char *time;          /* HH:MM */
	const char *day;           /* YYYY-MM-DD */
	long long attachment_id;   /* 0 when none; then the three below are unset */
	const char *file_name;
	bool is_image;
	long long file_size;       /* bytes */
	int width, height;         /* an image's pixels, 0 when unknown */
};

/* A stored attachment, for serving it. */
struct chat_attachment {
	const char *stored_name;   /* under upload_dir */
	const char *mime;
	const char *display_name;
	bool is_image;
};

/* An automatic message (HOURS-4, HOURS-5): stored as the account's
 * (sender "system", which agents see marked as automatic) when the customer
 * has not had it yet: once ever, or once per closed period (period, a
 * src/hours.h key). */
struct chat_automatic {
	int once;            /* enum db_customers_once */
	const char *period;  /* for DB_CUSTOMERS_ONCE_PERIOD; else NULL */
	const char *body;
	bool after;          /* after the customer's message, else before it */
};

/* What a message carries. file is NULL for text only; when set it has
 * already passed upload_check, which gave mime. */
struct chat_input {
	const char *text;
	const struct http_file *file;
	const char *mime;
	const char *client_id; /* optional idempotency key, 8..64 characters */
	bool friend_request;   /* an agent's friend request (CHAT-14) rather than a message */
	const struct chat_automatic *automatic; /* a customer's: stored with it, in order */
	int automatic_count;
	/* an agent's: a history entry (LOG-1) written in the message's
	 * transaction when history_action is not NULL (enum history_menu) */
	int history_menu;
	const char *history_action;
	const char *history_target;
};

/* The customer key from the sd_customer cookie (a long random value); with
 * create, makes and sets one when absent. NULL when absent and !create. */
const char *chat_customer_key(struct request *req, bool create);

/* Loads the customer of key in account into out: 1 found, 0 none, <0 error. */
int chat_customer_find(struct request *req, long long account_id, const char *key,
    struct chat_customer *out);
/* The same as a query, for other statements in one round trip
 * (db_run_queries); db_customers_get_rows reads it. */
struct db_query chat_customer_find_query(struct request *req, long long account_id,
    const char *key);

/* Finds or creates that customer; 1 or <0. */
int chat_customer_ensure(struct request *req, long long account_id, const char *key,
    struct chat_customer *out);

/* Stores a customer's message in one transaction: creates the room on the
 * first message (with ref and referrer), stores the attachment and the
 * automatic messages of input that are due, moves the room to unread, and
 * notifies listeners after the commit. Returns CHAT_OK,
 * CHAT_DUPLICATE, CHAT_BLOCKED or <0. */
int chat_post_customer(struct request *req, long long account_id, struct chat_customer *customer,
    const struct chat_input *input, const char *ref, const char *referrer);

/* A customer's tap on a FAQ question or a chat menu button (FAQ-1, FAQ-2):
 * the tapped text as the customer's message, and the answer the account
 * sends at once. */
struct chat_tap {
	const char *question;   /* the customer's message (1..1000 code points) */
	const char *answer;     /* the automatic message (1..1000 code points) */
	const char *image_name; /* a stored image sent with the answer, or NULL */
	const char *image_mime; /* its type (upload rule spelling) */
	long long image_size;   /* its bytes */
};

/* Stores a tap in one transaction: opens the room on the first message,
 * stores the question as the customer's message and the answer as an
 * automatic message (sender agent, no member, automatic: it does not answer
 * the room, CHAT-23), moves the room to unread and notifies after the commit; the
 * image, if any, becomes the answer's attachment (the stored file is shared,
 * not copied). CHAT_OK, CHAT_BLOCKED or <0. */
int chat_post_tap(struct request *req, long long account_id, struct chat_customer *customer,
    const struct chat_tap *tap);
/* Stores the automatic messages of count that customer (who has a room)
 * has not had yet into the room, in one transaction, and notifies: CHAT_OK
 * (also when none was due) or <0. */
int chat_post_automatic(struct request *req, long long account_id,
    const struct chat_customer *customer, const struct chat_automatic *automatic, int count);

/* Stores a member's message (or friend request) into room (of account):
 * moves the room to answered and notifies. CHAT_OK, CHAT_DUPLICATE,
 * CHAT_SESSION_ENDED, CHAT_ALREADY_FRIEND, CHAT_NOT_FOUND or <0. */
int chat_post_agent(struct request *req, long long account_id, long long room_id,
    const struct chat_input *input);

/* Queues a live-update notice ("message", "room", "read") for listeners of
 * the account and of the room; sent after the transaction's durable commit,
 * in a transaction that does not wait for the disk (db_run_notice), so that
 * commits with notices are not flushed one by one. 0, or <0. */
int chat_notify(struct request *req, long long account_id, long long room_id, const char *kind);

/* chat_notify with the member partner_id the notice is about ("viewing",
 * "typing": who). 0, or <0 error. */
int chat_notify_partner(struct request *req, long long account_id, long long room_id,
    const char *kind, long long partner_id);

/* Unread messages in the listed rooms of every account the signed-in partner
 * is a member of (*all) and of account_id alone (*account, 0 when account_id
 * is 0), in one index scan. 0 or <0 on error. */
int chat_unread_totals(struct request *req, long long account_id, long long *account,
    long long *all);

/* "고객-0042"-style default name of a customer number, in the request's language. */
const char *chat_customer_label(struct request *req, const char *display_name, long long number);

/* Stores a timeline line (sender system, kind notice) in room of account:
 * event is "left", "returned" or "friend" (the catalog's timeline.EVENT);
 * agents see it, the customer does not, and it never answers the room
 * (CHAT-23). Notifies "room". Call inside the transaction of the change it
 * records. 0 or <0. */
int chat_timeline(struct request *req, long long account_id, long long room_id, const char *event);

/* The inflow source of a room in words (CHAT-3): ref "" is a direct visit,
 * the exposure page's codes (qr, banner_mobile, banner_pc) have catalog
 * words inflow.CODE, any other ref is shown as it is. Owned by the request
 * or the catalog. */
const char *chat_inflow_text(struct request *req, const char *ref);
struct view;

/* Adds a message's text to row as section BODY_PARTS, one row per segment
 * (text_links): PART, and IS_LINK shown for an address (a template writes it as
 * <a href="{{PART}}" rel="noopener noreferrer nofollow">), IS_PLAIN for the rest;
 * both agents' and customers' pages use it, escaping stays the template's. */
void chat_view_body(struct request *req, struct view *row, const char *text);

#endif
