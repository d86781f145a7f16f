/* events: what the listener (listen.c), the caps (caps.c), the loop (loop.c)
 * and the request handlers (stream.c) of the live-updates program share: the
 * notice, the registered client and the lock that guards them. */
#ifndef SANGDAM_EVENTS_PAGES_H
#define SANGDAM_EVENTS_PAGES_H

#include <pthread.h>
#include <stdbool.h>
#include <stddef.h>

struct request;

enum {
	EVENTS_QUEUE = 16,          /* pending notices per client before it gets a reload */
	EVENTS_KIND_MAX = 15,       /* longest kind word */
	EVENTS_BUCKETS = 4096,      /* last-notice times and client lists, hashed by id */
	EVENTS_MARGIN_MS = 2000,    /* clock and delivery skew allowed between workers */
	EVENTS_PING_MS = 30000,     /* listener: check a silent connection this often */
	EVENTS_BACKOFF_MAX_S = 30,  /* listener: longest pause between reconnection tries */
	EVENTS_UNSENT_MAX = 16384,  /* bytes a stream may leave unsent before it is dropped */
	EVENTS_KEY_MAX = 72,        /* longest cap key ("c" + cookie, "s" + id, "a" + address) */
};

/* Who a stream is for: their streams are counted and capped apart. */
enum events_role { EVENTS_AGENT, EVENTS_CUSTOMER, EVENTS_ROLE__MAX };

/* The caps one stream counts against: per customer cookie or partner
 * session, and per client address. */
enum events_cap { EVENTS_CAP_WHO, EVENTS_CAP_ADDRESS, EVENTS_CAP__MAX };

struct events_event {
	long long account_id;
	long long room_id;
	long long partner_id; /* "p": the member it is about, 0 when none */
	char kind[EVENTS_KIND_MAX + 1];
};

struct events_holder;

/* One open stream. The fields marked "guarded" are guarded by events_lock;
 * the others belong to the loop thread once the stream is handed to it. */
struct events_client {
	struct events_client *previous, *next; /* guarded: its account bucket's list */
	struct events_client *ready_next;      /* guarded: the loop's ready list */
	struct events_client *loop_previous, *loop_next; /* the loop's list of its streams */
	struct events_client *partner_previous, *partner_next; /* guarded: its partner bucket's */
	long long account_id;
	long long partner_id; /* agents: whose session it is ("unread" of every account; a
			       * "member" notice ends it); 0 for customers */
	long long room_id;  /* 0: every room of the account (agents); else only that room */
	enum events_role role;
	struct events_holder *holders[EVENTS_CAP__MAX]; /* guarded: the counts it holds */
	bool ready;         /* guarded: on the ready list */
	bool handed;        /* guarded: the loop has it (events_hand) */
	bool closed;        /* guarded: the loop closed it; freed by the ready list */
	bool reload;        /* guarded: send one reload instead of the queue */
	bool ending;        /* guarded: access may have changed: end the stream */
	int count;          /* guarded */
	struct events_event queue[EVENTS_QUEUE]; /* guarded */

	int fd;             /* the detached FastCGI connection */
	int request_id;
	bool watched;       /* in the loop's epoll set */
	long long next_keepalive, end; /* monotonic ms */
	char *unsent;       /* bytes the socket did not take yet (malloc) */
	size_t unsent_length;
};

/* Guards the client fields marked so, and listen.c's and caps.c's state. */
extern pthread_mutex_t events_lock;

/* Settings, fixed before the threads start. */
extern int events_keepalive_ms;
extern int events_stream_ms;

/* Wall-clock ms: comparable between workers and hosts (stamps). */
long long events_stamp_now(void);
/* Monotonic ms: for deadlines. */
long long events_monotonic_now(void);

/* Reads a JSON integer 0..10^18-1 without sign, fraction or leading zeros
 * at *p and moves *p past it; false (and *p unmoved) when there is none. */
bool events_take_id(const char **p, long long *out);

/* listen.c */

/* Starts the listener and loop threads of a worker process (struct
 * program's worker_start); 0, or -1 (logged). */
int events_worker_start(void);

/* The answers of events_register. */
enum events_admission { EVENTS_ADMITTED, EVENTS_FULL, EVENTS_LIMIT };

/* Registers client (account_id, room_id, role set) when its role has room
 * and no cap of keys (NULL: not counted) is reached; decides whether it
 * starts with a reload (a browser up to date at since ms, 0: new, -1:
 * unknown) and sets *stamp. Until events_hand, notices only queue. */
enum events_admission events_register(struct events_client *client,
    const char *const keys[EVENTS_CAP__MAX], long long since, long long *stamp);
/* Hands a registered client (fd and request_id set) to the loop. */
void events_hand(struct events_client *client);
/* Unregisters a client that was never handed, and frees it. */
void events_unregister(struct events_client *client);
/* Unregisters a client the loop closed; it is freed here, or by the loop
 * when it takes it from the ready list (events_take_ready). */
void events_unregister_closed(struct events_client *client);
/* Takes the ready list: the handed clients with something to deliver or to
 * end since the last call, their ready flags cleared, in an array of *count
 * that stays valid until the next call (the loop's only). Clients marked
 * closed in it are the caller's to free. */
struct events_client **events_take_ready(size_t *count);
/* Frees a client and its unsent bytes (nothing else refers to it). */
void events_client_free(struct events_client *client);

/* caps.c: counts of open streams per role and per key, guarded by events_lock */

/* Reads the capacity and cap settings (once, before the threads start). */
void events_caps_init(void);
/* Takes one place of role and one count of each key; the holders go to
 * client->holders. EVENTS_ADMITTED, EVENTS_FULL or EVENTS_LIMIT (nothing taken). */
enum events_admission events_caps_take_locked(struct events_client *client,
    const char *const keys[EVENTS_CAP__MAX]);
/* Gives back what events_caps_take_locked took. */
void events_caps_give_locked(struct events_client *client);

/* loop.c */

/* Starts the loop thread; 0, or -1 (logged). */
int events_loop_start(void);
/* Wakes the loop to look at its ready list (any thread, lock held or not). */
void events_loop_wake(void);

/* stream.c: the handlers */
int events_agent(struct request *req);
int events_customer(struct request *req);

#endif
