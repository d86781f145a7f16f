/* events: live updates (CHAT-16) as Server-Sent Events: a few request
 * threads check access and hand each stream to one epoll loop, fed by one
 * LISTEN connection per worker process; no thread and no database
 * connection per open stream.
 *
 * Shape, per worker process (`events_workers`, default 1, so that the caps
 * below count for the whole host):
 *  - a listener thread with its own connection runs LISTEN sangdam and waits
 *    in poll(); each notice {"a":ACCOUNT,"r":ROOM,"k":KIND} (chat_notify) is
 *    parsed strictly and appended to the small queue of every registered
 *    client whose filter matches (agents: the account; customers: their
 *    room), which then goes on the loop's ready list;
 *  - request threads (fcgi_main, `events_threads`, default 4) check access
 *    with the database (each thread keeps one connection between requests,
 *    as every program's worker does; a stream holds none), register the client
 *    (caps.c: places per role, caps per customer cookie, partner session and
 *    address), write the headers and the opening block, and detach the
 *    FastCGI connection from libfcgi (http_detach) to hand it to the loop;
 *  - the loop thread (loop.c) writes events, keep-alives and the end of each
 *    stream as FastCGI records on the detached sockets, without blocking,
 *    and notices at once a client that leaves (EPOLLRDHUP).
 *
 * Capacity: events_agent_streams and events_customer_streams per process,
 * about 1 KB of memory each and one file descriptor (bin/sangdamctl start
 * raises the limit); streams opening at once wait in the socket's queue,
 * events_listen_backlog (4096) deep; config events_keepalive_seconds (15) and
 * events_stream_seconds (600) set the keep-alive and the stream's length.
 *
 * Stream format: `retry: 3000` and an `id:` first; then per notice
 * `event: KIND`, `id: STAMP`, `data: {"a":A,"r":R,"k":"KIND"}` with `"p":P`
 * when the notice is about member P (kind `unread` goes to member P's
 * agent streams of every account, for the header total); a comment with
 * a fresh `id:` as keep-alive every 15 s; the response ends after 10 min and
 * the browser reconnects by itself. STAMP is the server's clock in ms up to
 * which this stream has delivered everything. A browser reconnecting sends it
 * back as Last-Event-ID (a page may pass `?since=MS` on its first connection,
 * its render time): when something for that client happened since then, or
 * the listener was not listening then, the new stream starts with one
 * `event: reload` (data {"k":"reload"}), meaning "fetch your state again".
 * A client whose queue overflows, and every client after the listener lost
 * its connection, also gets a single reload instead of the lost events.
 *
 * Access changes: a notice of kind `access` is not delivered; it ends the
 * streams it names (room 0: every stream of the account; else the customer's
 * stream of that room), so that their browsers reconnect and access is
 * checked again: whoever removes a member or blocks a customer sends it.
 * A notice of kind `member` (MEM-5) likewise ends only the agents' streams
 * of the account whose partner is the notice's "r" (a partner id there):
 * the member who was removed or left, whose reconnection then gets 404.
 * Every stream also ends after events_stream_seconds, which bounds how long
 * an expired session keeps its stream.
 *
 * Answers: /events/a/CODE: members of the account (route: others 404, signed
 * out 303 to /login). /events/talk/CODE: the account must exist and be
 * approved (else 404); a customer without cookie, without a room yet, or
 * blocked, gets 204 No Content (EventSource then stops; the page opens the
 * stream again once its first message made the room); else the events of the
 * customer's own room only. When the role's places are taken, or a cap is
 * reached, the answer is an empty stream with `retry:` 5-15 s and the comment
 * `: busy` or `: limit`, so the browser comes back by itself. */
#include "pages.h"
#include "arena.h"
#include "config.h"
#include "db.h"
#include "db_rooms.h"
#include "log.h"

#include <errno.h>
#include <poll.h>
#include <pthread.h>
#include <signal.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

pthread_mutex_t events_lock = PTHREAD_MUTEX_INITIALIZER;
static struct events_client *events_clients[EVENTS_BUCKETS]; /* guarded: by account */
static struct events_client *events_partners[EVENTS_BUCKETS]; /* guarded: agents by partner */
static struct events_client *events_ready;   /* guarded: the loop's ready list */
static long long events_listen_since_ms;     /* guarded: when LISTEN last (re)started; 0 never */
static long long events_account_ms[EVENTS_BUCKETS]; /* guarded: last notice per account bucket */
static long long events_room_ms[EVENTS_BUCKETS];    /* guarded: last notice per room bucket */

/* Settings, fixed before the threads start. */
int events_keepalive_ms = 15000;
int events_stream_ms = 600000;

static long long events_clock_ms(clockid_t clock)
{
	struct timespec now;
	clock_gettime(clock, &now);
	return (long long)now.tv_sec * 1000 + now.tv_nsec / 1000000;
}

long long events_stamp_now(void)
{
	return events_clock_ms(CLOCK_REALTIME);
}

long long events_monotonic_now(void)
{
	return events_clock_ms(CLOCK_MONOTONIC);
}

static size_t events_bucket(long long id)
{
	return (size_t)(((uint64_t)id * 11400714819323198485u) >> 52) % EVENTS_BUCKETS;
}

/* ---- the notice payload ---------------------------------------------- */

static void events_skip_space(const char **p)
{
	while (**p == ' ' || **p == '\t' || **p == '\n' || **p == '\r')
		(*p)++;
}

static bool events_take(const char **p, char c)
{
	if (**p != c)
		return false;
	(*p)++;
	return true;
}

bool events_take_id(const char **p, long long *out)
{
	const char *s = *p;
	if (*s < '0' || *s > '9' || (*s == '0' && s[1] >= '0' && s[1] <= '9'))
		return false;
	long long value = 0;
	int digits = 0;
	while (*s >= '0' && *s <= '9') {
		if (++digits > 18)
			return false;
		value = value * 10 + (*s++ - '0');
	}
	*p = s;
	*out = value;
	return true;
}

/* A JSON string of 1..EVENTS_KIND_MAX characters from [a-z_]. */
static bool events_take_kind(const char **p, char *out)
{
	if (!events_take(p, '"'))
		return false;
	int length = 0;
	while ((**p >= 'a' && **p <= 'z') || **p == '_') {
		if (length == EVENTS_KIND_MAX)
			return false;
		out[length++] = *(*p)++;
	}
	out[length] = '\0';
	return length > 0 && events_take(p, '"');
}

/* Parses exactly {"a":ACCOUNT,"r":ROOM,"k":"KIND"} with an optional
 * "p":PARTNER: each key once, in any order, nothing else, JSON white space
 * between tokens (PostgreSQL's json_build_object writes `{"a" : 1, ...}`).
 * ACCOUNT > 0, ROOM >= 0 (0: the account as a whole), PARTNER >= 0. 0, or
 * -1 for anything else. */
static int events_parse(const char *text, struct events_event *out)
{
	const char *p = text;
	unsigned seen = 0;
	out->partner_id = 0;
	events_skip_space(&p);
	if (!events_take(&p, '{'))
		return -1;
	for (;;) {
		events_skip_space(&p);
		if (!events_take(&p, '"') || *p == '\0')
			return -1;
		char key = *p++;
		if (!events_take(&p, '"'))
			return -1;
		events_skip_space(&p);
		if (!events_take(&p, ':'))
			return -1;
		events_skip_space(&p);
		unsigned bit;
		bool ok;
		if (key == 'a') {
			bit = 1;
			ok = events_take_id(&p, &out->account_id) && out->account_id > 0;
		} else if (key == 'r') {
			bit = 2;
			ok = events_take_id(&p, &out->room_id);
		} else if (key == 'k') {
			bit = 4;
			ok = events_take_kind(&p, out->kind);
		} else if (key == 'p') {
			bit = 8;
			ok = events_take_id(&p, &out->partner_id);
		} else {
			return -1;
		}
		if (!ok || (seen & bit) != 0)
			return -1;
		seen |= bit;
		events_skip_space(&p);
		if (events_take(&p, ','))
			continue;
		if (events_take(&p, '}'))
			break;
		return -1;
	}
	events_skip_space(&p);
	return *p == '\0' && (seen & 7) == 7 ? 0 : -1;
}

/* ---- handing notices to clients (listener side) -------------------------- */

/* Puts a handed client on the ready list; called with events_lock held.
 * Returns whether the list was empty (the loop then needs a wake-up). */
static bool events_make_ready_locked(struct events_client *client)
{
	if (client->ready || !client->handed)
		return false;
	bool first = events_ready == NULL;
	client->ready = true;
	client->ready_next = events_ready;
	events_ready = client;
	return first;
}

/* Whether event ends streams (kinds `access` and `member`) instead of being
 * delivered. */
static bool events_ends(const struct events_event *event)
{
	return strcmp(event->kind, "access") == 0 || strcmp(event->kind, "member") == 0;
}

static bool events_matches(const struct events_client *client, const struct events_event *event)
{
	if (client->account_id != event->account_id)
		return false;
	if (strcmp(event->kind, "member") == 0)
		return client->role == EVENTS_AGENT && client->partner_id == event->room_id;
	if (strcmp(event->kind, "access") == 0)
		return event->room_id == 0 || client->room_id == event->room_id;
	return client->room_id == 0 || client->room_id == event->room_id;
}

/* Queues event on client (one reload instead when its queue is full);
 * called with events_lock held. Returns whether to wake the loop. */
static bool events_queue_locked(struct events_client *client, const struct events_event *event)
{
	if (!client->reload) {
		if (client->count == EVENTS_QUEUE) {
			client->reload = true; /* fell behind: one reload replaces the queue */
			client->count = 0;
		} else {
			client->queue[client->count++] = *event;
		}
	}
	return events_make_ready_locked(client);
}

/* `unread` with "p": to that partner's agent streams of every account (the
 * header's total across accounts), not to the account's other members. */
static bool events_dispatch_partner_locked(const struct events_event *event)
{
	bool wake = false;
	struct events_client *client = events_partners[events_bucket(event->partner_id)];
	for (; client != NULL; client = client->partner_next)
		if (client->partner_id == event->partner_id)
			wake |= events_queue_locked(client, event);
	return wake;
}

/* Queues event for every matching client (or ends their streams, for
 * `access` and `member`); called with events_lock held. Returns whether to
 * wake the loop. */
static bool events_dispatch_locked(const struct events_event *event)
{
	if (strcmp(event->kind, "unread") == 0)
		return event->partner_id != 0 && events_dispatch_partner_locked(event);
	bool access = events_ends(event), wake = false;
	if (!access) {
		long long now = events_stamp_now();
		events_account_ms[events_bucket(event->account_id)] = now;
		events_room_ms[events_bucket(event->room_id)] = now;
	}
	struct events_client *client = events_clients[events_bucket(event->account_id)];
	for (; client != NULL; client = client->next) {
		if (!events_matches(client, event))
			continue;
		if (access) {
			client->ending = true;
			wake |= events_make_ready_locked(client);
		} else {
			wake |= events_queue_locked(client, event);
		}
	}
	return wake;
}

static void events_on_notice(const char *channel, const char *payload, void *unused)
{
	(void)unused;
	struct events_event event;
	if (strcmp(channel, "sangdam") != 0)
		return;
	if (events_parse(payload, &event) != 0) {
		log_error("events: ignored a notice that is not {\"a\":N,\"r\":N,\"k\":\"word\"}: %.80s",
		    payload);
		return;
	}
	pthread_mutex_lock(&events_lock);
	bool wake = events_dispatch_locked(&event);
	pthread_mutex_unlock(&events_lock);
	if (wake)
		events_loop_wake();
}

/* After (re)starting LISTEN: notices may have been missed meanwhile, so
 * every client reloads, and reconnecting browsers older than now will too. */
static void events_listening(void)
{
	bool wake = false;
	pthread_mutex_lock(&events_lock);
	events_listen_since_ms = events_stamp_now();
	for (size_t bucket = 0; bucket < EVENTS_BUCKETS; bucket++)
		for (struct events_client *client = events_clients[bucket]; client != NULL;
		     client = client->next) {
			client->reload = true;
			client->count = 0;
			wake |= events_make_ready_locked(client);
		}
	pthread_mutex_unlock(&events_lock);
	if (wake)
		events_loop_wake();
}

/* Hands on notices from the current connection until it fails
 * (db_wait_notify drains what libpq already read before it waits). */
static void events_listen_loop(void)
{
	for (;;) {
		int delivered = db_wait_notify(EVENTS_PING_MS, events_on_notice, NULL);
		if (delivered < 0)
			return;
		if (delivered == 0 && !db_ping())
			return; /* silent too long and not answering: reconnect */
	}
}

/* The listener thread: connects, LISTENs and dispatches, forever,
 * reconnecting with a growing pause when the database goes away. */
static void *events_listener(void *unused)
{
	(void)unused;
	struct arena *arena = arena_new();
	int pause = 1;
	bool lost = false;
	for (;;) {
		if (db_connect() == 0 && db_rooms_listen(arena) >= 0) {
			arena_reset(arena);
			if (lost)
				log_info("events: listening again");
			events_listening();
			pause = 1;
			events_listen_loop();
			log_error("events: lost the database connection; reconnecting");
		}
		arena_reset(arena);
		db_disconnect();
		lost = true;
		sleep((unsigned)pause);
		pause = pause * 2 > EVENTS_BACKOFF_MAX_S ? EVENTS_BACKOFF_MAX_S : pause * 2;
	}
	return NULL;
}

/* A stream holds no state worth finishing: on SIGTERM the worker ends at once
 * (browsers reconnect to the next worker). */
static void events_terminate(int signal_number)
{
	(void)signal_number;
	_exit(0);
}

int events_worker_start(void)
{
	signal(SIGTERM, events_terminate);
	/* fcgi_main connected this (main) thread, which only waits for the
	 * others: give the connection back. */
	db_disconnect();
	events_keepalive_ms = (int)config_num("events_keepalive_seconds") * 1000;
	events_stream_ms = (int)config_num("events_stream_seconds") * 1000;
	events_caps_init();
	if (events_loop_start() != 0)
		return -1;
	pthread_attr_t attributes;
	pthread_attr_init(&attributes);
	pthread_attr_setstacksize(&attributes, 256 * 1024);
	pthread_attr_setdetachstate(&attributes, PTHREAD_CREATE_DETACHED);
	pthread_t listener;
	int failed = pthread_create(&listener, &attributes, events_listener, NULL);
	pthread_attr_destroy(&attributes);
	if (failed != 0) {
		log_error("events: cannot start the listener thread: %s", strerror(failed));
		return -1;
	}
	return 0;
}

/* ---- the registry of streams ---------------------------------------------- */

/* Whether a client that was up to date at since (ms) may have missed
 * something of its filter; called with events_lock held. */
static bool events_missed_locked(const struct events_client *client, long long since)
{
	if (since < 0 || events_listen_since_ms == 0 || since < events_listen_since_ms)
		return true;
	long long last = client->room_id != 0 ? events_room_ms[events_bucket(client->room_id)]
					      : events_account_ms[events_bucket(client->account_id)];
	return last > since - EVENTS_MARGIN_MS;
}

enum events_admission events_register(struct events_client *client,
    const char *const keys[EVENTS_CAP__MAX], long long since, long long *stamp)
{
	pthread_mutex_lock(&events_lock);
	enum events_admission admission = events_caps_take_locked(client, keys);
	if (admission == EVENTS_ADMITTED) {
		struct events_client **head = &events_clients[events_bucket(client->account_id)];
		client->previous = NULL;
		client->next = *head;
		if (*head != NULL)
			(*head)->previous = client;
		*head = client;
		if (client->partner_id != 0) {
			head = &events_partners[events_bucket(client->partner_id)];
			client->partner_previous = NULL;
			client->partner_next = *head;
			if (*head != NULL)
				(*head)->partner_previous = client;
			*head = client;
		}
		client->reload = since != 0 && events_missed_locked(client, since);
		*stamp = events_stamp_now();
	}
	pthread_mutex_unlock(&events_lock);
	return admission;
}

void events_hand(struct events_client *client)
{
	pthread_mutex_lock(&events_lock);
	client->handed = true;
	bool wake = events_make_ready_locked(client); /* the loop takes it in from the list */
	pthread_mutex_unlock(&events_lock);
	if (wake)
		events_loop_wake();
}

/* Takes client out of its account's list and gives its counts back. */
static void events_unlink_locked(struct events_client *client)
{
	if (client->previous != NULL)
		client->previous->next = client->next;
	else
		events_clients[events_bucket(client->account_id)] = client->next;
	if (client->next != NULL)
		client->next->previous = client->previous;
	if (client->partner_id != 0) {
		if (client->partner_previous != NULL)
			client->partner_previous->partner_next = client->partner_next;
		else
			events_partners[events_bucket(client->partner_id)] = client->partner_next;
		if (client->partner_next != NULL)
			client->partner_next->partner_previous = client->partner_previous;
	}
	events_caps_give_locked(client);
}

void events_unregister(struct events_client *client)
{
	pthread_mutex_lock(&events_lock);
	events_unlink_locked(client);
	pthread_mutex_unlock(&events_lock);
	events_client_free(client);
}

void events_unregister_closed(struct events_client *client)
{
	pthread_mutex_lock(&events_lock);
	events_unlink_locked(client);
	client->closed = true;
	bool listed = client->ready;
	pthread_mutex_unlock(&events_lock);
	if (!listed)
		events_client_free(client);
}

struct events_client **events_take_ready(size_t *count)
{
	static struct events_client **taken; /* the loop's only */
	static size_t capacity;
	size_t n = 0;
	pthread_mutex_lock(&events_lock);
	while (events_ready != NULL) {
		if (n == capacity) {
			size_t grown = capacity == 0 ? 256 : capacity * 2;
			struct events_client **more = realloc(taken, grown * sizeof(*more));
			if (more == NULL)
				break; /* the rest waits for the next turn */
			taken = more;
			capacity = grown;
		}
		struct events_client *client = events_ready;
		events_ready = client->ready_next;
		client->ready = false;
		taken[n++] = client;
	}
	pthread_mutex_unlock(&events_lock);
	*count = n;
	return taken;
}

void events_client_free(struct events_client *client)
{
	free(client->unsent);
	free(client);
}
