/* events: what the listener (listen.c) and the streams (stream.c) of the
 * live-updates program share: the notice, the registered client and the lock
 * that guards them. */
#ifndef SANGDAM_EVENTS_PAGES_H
#define SANGDAM_EVENTS_PAGES_H

#include <pthread.h>
#include <stdbool.h>

struct request;

enum {
	EVENTS_QUEUE = 64,          /* pending notices per client before it gets a reload */
	EVENTS_KIND_MAX = 15,       /* longest kind word */
	EVENTS_BUCKETS = 4096,      /* last-notice times, hashed by account and by room */
	EVENTS_MARGIN_MS = 2000,    /* clock and delivery skew allowed between workers */
	EVENTS_PING_MS = 30000,     /* listener: check a silent connection this often */
	EVENTS_BACKOFF_MAX_S = 30,  /* listener: longest pause between reconnection tries */
};

struct events_event {
	long long account_id;
	long long room_id;
	char kind[EVENTS_KIND_MAX + 1];
};

/* One open stream, registered while it waits. Its fields but wake_fd are
 * guarded by events_lock. */
struct events_client {
	struct events_client *previous, *next;
	long long account_id;
	long long room_id;  /* 0: every room of the account (agents); else only that room */
	int wake_fd;        /* eventfd the listener signals */
	bool reload;        /* send one reload instead of the queue */
	int count;
	struct events_event queue[EVENTS_QUEUE];
};

/* Guards every registered client's fields but wake_fd, and listen.c's state. */
extern pthread_mutex_t events_lock;

/* Settings, fixed before the threads start. */
extern int events_threads;      /* request threads per worker process */
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

/* Starts the listener thread of a worker process (struct program's
 * worker_start); 0, or -1 (logged). */
int events_worker_start(void);

/* Registers client (account_id, room_id and wake_fd set) unless every
 * thread but one is streaming; decides whether it starts with a reload (a
 * browser up to date at since ms, 0: new, -1: unknown) and sets *stamp.
 * Returns 0, or -1 when full. */
int events_register(struct events_client *client, long long since, long long *stamp);
void events_unregister(struct events_client *client);

/* stream.c: the handlers */
int events_agent(struct request *req);
int events_customer(struct request *req);

#endif
