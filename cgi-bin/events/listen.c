/* events: live updates (CHAT-16) as Server-Sent Events: one thread per open
 * stream, no database connection while waiting, fed by one LISTEN connection
 * per worker process.
 *
 * Shape, per worker process:
 *  - a listener thread with its own connection runs LISTEN sangdam and waits
 *    in poll(); each notice {"a":ACCOUNT,"r":ROOM,"k":KIND} (chat_notify) is
 *    parsed strictly and appended to the small queue of every registered
 *    client whose filter matches (agents: the account; customers: their room),
 *    whose eventfd it then signals;
 *  - request threads (fcgi_main, `events_threads` per worker, default 64)
 *    check access with the database, release their connection (no thread of
 *    this program keeps one after its request), register a client and wait
 *    in poll() on their eventfd and on the FastCGI socket (so a browser that
 *    leaves frees its thread at once, not at the next write).
 *
 * Capacity: events_threads - 1 streams per worker process (`workers`), about
 * 60 KB of memory each; config events_keepalive_seconds (15) and
 * events_stream_seconds (600) set the keep-alive and the stream's length.
 *
 * Stream format: `retry: 3000` and an `id:` first; then per notice
 * `event: KIND`, `id: STAMP`, `data: {"a":A,"r":R,"k":"KIND"}`; a comment with
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
 * Answers: /events/a/CODE: members of the account (route: others 404, signed
 * out 303 to /login). /events/talk/CODE: the account must exist and be
 * approved (else 404); a customer without cookie, or without a room yet,
 * gets 204 No Content (EventSource then stops; the page opens the stream
 * again once its first message made the room); else the events of the
 * customer's own room only. When every thread of the worker but one is
 * already streaming, the last one answers an empty stream with `retry:` 5-15 s
 * (events_busy), so the browser comes back by itself. */
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
#include <string.h>
#include <time.h>
#include <unistd.h>

pthread_mutex_t events_lock = PTHREAD_MUTEX_INITIALIZER;
static struct events_client *events_clients; /* guarded by events_lock */
static int events_streaming;                 /* guarded by events_lock */
static long long events_listen_since_ms;     /* guarded: when LISTEN last (re)started; 0 never */
static long long events_account_ms[EVENTS_BUCKETS]; /* guarded: last notice per account bucket */
static long long events_room_ms[EVENTS_BUCKETS];    /* guarded: last notice per room bucket */

/* Settings, fixed before the threads start. */
int events_threads = 64;
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

/* Parses exactly {"a":ACCOUNT,"r":ROOM,"k":"KIND"}: the three keys once each
 * in any order, nothing else, JSON white space between tokens (PostgreSQL's
 * json_build_object writes `{"a" : 1, ...}`). ACCOUNT > 0, ROOM >= 0 (0: the
 * account as a whole). 0, or -1 for anything else. */
static int events_parse(const char *text, struct events_event *out)
{
	const char *p = text;
	unsigned seen = 0;
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
	return *p == '\0' && seen == 7 ? 0 : -1;
}

/* ---- handing notices to clients (listener side) -------------------------- */

static void events_wake(struct events_client *client)
{
	uint64_t one = 1;
	ssize_t written = write(client->wake_fd, &one, sizeof(one));
	(void)written; /* EAGAIN: the counter is already set, the client will wake */
}

static bool events_matches(const struct events_client *client, const struct events_event *event)
{
	if (client->account_id != event->account_id)
		return false;
	return client->room_id == 0 || client->room_id == event->room_id;
}

/* Queues event for every matching client; called with events_lock held. */
static void events_dispatch_locked(const struct events_event *event)
{
	long long now = events_stamp_now();
	events_account_ms[events_bucket(event->account_id)] = now;
	events_room_ms[events_bucket(event->room_id)] = now;
	for (struct events_client *client = events_clients; client != NULL; client = client->next) {
		if (!events_matches(client, event))
			continue;
		if (!client->reload) {
			if (client->count == EVENTS_QUEUE) {
				client->reload = true; /* fell behind: one reload replaces the queue */
				client->count = 0;
			} else {
				client->queue[client->count++] = *event;
			}
		}
		events_wake(client);
	}
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
	events_dispatch_locked(&event);
	pthread_mutex_unlock(&events_lock);
}

/* After (re)starting LISTEN: notices may have been missed meanwhile, so
 * every client reloads, and reconnecting browsers older than now will too. */
static void events_listening(void)
{
	pthread_mutex_lock(&events_lock);
	events_listen_since_ms = events_stamp_now();
	for (struct events_client *client = events_clients; client != NULL; client = client->next) {
		client->reload = true;
		client->count = 0;
		events_wake(client);
	}
	pthread_mutex_unlock(&events_lock);
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
	events_threads = (int)config_num("events_threads");
	events_keepalive_ms = (int)config_num("events_keepalive_seconds") * 1000;
	events_stream_ms = (int)config_num("events_stream_seconds") * 1000;
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

int events_register(struct events_client *client, long long since, long long *stamp)
{
	pthread_mutex_lock(&events_lock);
	if (events_streaming >= events_threads - 1) {
		pthread_mutex_unlock(&events_lock);
		return -1;
	}
	events_streaming++;
	client->previous = NULL;
	client->next = events_clients;
	if (events_clients != NULL)
		events_clients->previous = client;
	events_clients = client;
	client->reload = since != 0 && events_missed_locked(client, since);
	*stamp = events_stamp_now();
	pthread_mutex_unlock(&events_lock);
	return 0;
}

void events_unregister(struct events_client *client)
{
	pthread_mutex_lock(&events_lock);
	if (client->previous != NULL)
		client->previous->next = client->next;
	else
		events_clients = client->next;
	if (client->next != NULL)
		client->next->previous = client->previous;
	events_streaming--;
	pthread_mutex_unlock(&events_lock);
}
