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
#include "account.h"
#include "arena.h"
#include "chat.h"
#include "config.h"
#include "db.h"
#include "fcgi_main.h"
#include "http.h"
#include "log.h"
#include "route.h"

#include <errno.h>
#include <poll.h>
#include <sodium.h>
#include <pthread.h>
#include <signal.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/eventfd.h>
#include <time.h>
#include <unistd.h>

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

static pthread_mutex_t events_lock = PTHREAD_MUTEX_INITIALIZER;
static struct events_client *events_clients; /* guarded by events_lock */
static int events_streaming;                 /* guarded by events_lock */
static long long events_listen_since_ms;     /* guarded: when LISTEN last (re)started; 0 never */
static long long events_account_ms[EVENTS_BUCKETS]; /* guarded: last notice per account bucket */
static long long events_room_ms[EVENTS_BUCKETS];    /* guarded: last notice per room bucket */

/* Settings, fixed before the threads start. */
static int events_threads = 64;
static int events_keepalive_ms = 15000;
static int events_stream_ms = 600000;

static long long events_clock_ms(clockid_t clock)
{
	struct timespec now;
	clock_gettime(clock, &now);
	return (long long)now.tv_sec * 1000 + now.tv_nsec / 1000000;
}

/* Wall-clock ms: comparable between workers and hosts (stamps). */
static long long events_stamp_now(void)
{
	return events_clock_ms(CLOCK_REALTIME);
}

/* Monotonic ms: for deadlines. */
static long long events_monotonic_now(void)
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

/* A JSON integer 0..10^18-1 without sign, fraction or leading zeros. */
static bool events_take_id(const char **p, long long *out)
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
		if (db_connect() == 0 && db_exec(arena, NULL, "LISTEN sangdam", 0, NULL) >= 0) {
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

static int events_worker_start(void)
{
	signal(SIGTERM, events_terminate);
	/* fcgi_main connected this (main) thread, which only waits for the
	 * others: give the connection back. */
	db_disconnect();
	events_keepalive_ms = (int)config_int("events_keepalive_seconds", 15, 1, 300) * 1000;
	events_stream_ms = (int)config_int("events_stream_seconds", 600, 5, 3600) * 1000;
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

/* ---- streams (request threads) ------------------------------------------- */

/* The time the browser says it is up to date with: Last-Event-ID when it
 * reconnects, else ?since= from the page. 0 when neither is given, -1 when
 * one is given but is not a plain number (treated as "long ago"). */
static long long events_client_since(const struct request *req)
{
	const char *text = http_env(req, "HTTP_LAST_EVENT_ID");
	if (text == NULL || *text == '\0')
		text = http_query(req, "since");
	if (text == NULL || *text == '\0')
		return 0;
	long long value;
	const char *p = text;
	if (!events_take_id(&p, &value) || *p != '\0' || value == 0)
		return -1;
	return value;
}

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

/* Registers client unless every thread but one is streaming; sets *stamp.
 * Returns 0, or -1 when full. */
static int events_register(struct events_client *client, long long since, long long *stamp)
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

static void events_unregister(struct events_client *client)
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

/* Writes text (a complete block) and flushes; -1 when the client left. */
static int events_send(struct request *req, const char *text, int length)
{
	if (length < 0)
		return -1;
	if (http_write(req, text, (size_t)length) != 0 || http_flush(req) != 0)
		return -1;
	return 0;
}

/* Writes the pending events of client (taken under the lock) with a fresh
 * stamp, or a keep-alive with it when there are none and keepalive is set.
 * Returns 1 when something was written, 0 when not, -1 when the client left. */
static int events_deliver(struct request *req, struct events_client *client, bool keepalive)
{
	struct events_event taken[EVENTS_QUEUE];
	pthread_mutex_lock(&events_lock);
	bool reload = client->reload;
	int count = reload ? 0 : client->count;
	memcpy(taken, client->queue, (size_t)count * sizeof(taken[0]));
	client->count = 0;
	client->reload = false;
	long long stamp = events_stamp_now();
	pthread_mutex_unlock(&events_lock);

	char block[256];
	int length;
	if (reload) {
		length = snprintf(block, sizeof(block),
		    "event: reload\nid: %lld\ndata: {\"k\":\"reload\"}\n\n", stamp);
		return events_send(req, block, length) == 0 ? 1 : -1;
	}
	for (int i = 0; i < count; i++) {
		length = snprintf(block, sizeof(block),
		    "event: %s\nid: %lld\ndata: {\"a\":%lld,\"r\":%lld,\"k\":\"%s\"}\n\n",
		    taken[i].kind, stamp, taken[i].account_id, taken[i].room_id, taken[i].kind);
		if (length < 0 || (size_t)length >= sizeof(block)
		    || http_write(req, block, (size_t)length) != 0)
			return -1;
	}
	if (count > 0)
		return http_flush(req) == 0 ? 1 : -1;
	if (!keepalive)
		return 0;
	length = snprintf(block, sizeof(block), ": keepalive\nid: %lld\n\n", stamp);
	return events_send(req, block, length) == 0 ? 1 : -1;
}

/* Streams to req until the time limit or until the client leaves. */
static void events_stream(struct request *req, struct events_client *client, long long stamp)
{
	char block[128];
	int length = snprintf(block, sizeof(block), "retry: 3000\nid: %lld\n\n", stamp);
	if (events_send(req, block, length) != 0)
		return;
	long long now = events_monotonic_now();
	long long end = now + events_stream_ms;
	long long next_keepalive = now + events_keepalive_ms;
	struct pollfd waiting[2] = {
		{ .fd = http_socket(req), .events = POLLRDHUP },
		{ .fd = client->wake_fd, .events = POLLIN },
	};
	/* a reload decided at registration goes out at once */
	bool pending = client->reload;
	for (;;) {
		if (!pending) {
			long long until = next_keepalive < end ? next_keepalive : end;
			int ready = poll(waiting, 2, (int)(until > now ? until - now : 0));
			if (ready < 0 && errno != EINTR)
				return;
			if (waiting[0].revents & (POLLRDHUP | POLLHUP | POLLERR | POLLNVAL))
				return; /* the browser left */
			if (waiting[1].revents & POLLIN) {
				uint64_t counter;
				ssize_t got = read(client->wake_fd, &counter, sizeof(counter));
				(void)got;
			}
		}
		pending = false;
		now = events_monotonic_now();
		bool last = now >= end;
		int sent = events_deliver(req, client, now >= next_keepalive || last);
		if (sent < 0)
			return;
		if (sent > 0)
			next_keepalive = now + events_keepalive_ms;
		if (last)
			return; /* the browser reconnects after `retry` with Last-Event-ID */
	}
}

/* The answer of a worker whose threads all stream but this one: an empty
 * stream that asks the browser to come back in 5 to 15 s (bursts spread over
 * the workers, and a refusal would make EventSource give up for good). The
 * id keeps the browser's place (or marks it as behind), so the stream it
 * gets later starts with a reload if something happened meanwhile. */
static void events_busy(struct request *req, long long since)
{
	static _Atomic unsigned busy_count;
	unsigned count = ++busy_count;
	if (count == 1 || count % 100 == 0)
		log_error("events: all %d threads of this worker are streaming; asked a browser to "
			  "retry (%u times so far); raise events_threads?", events_threads, count);
	char block[128];
	int length = snprintf(block, sizeof(block), "retry: %u\nid: %lld\n: busy\n\n",
	    5000 + randombytes_uniform(10001), since > 0 ? since : 1);
	events_send(req, block, length);
}

/* Everything after the access checks: releasing the database connection,
 * capacity, headers, the stream. */
static int events_serve(struct request *req, long long account_id, long long room_id)
{
	/* A waiting stream must not hold a PostgreSQL connection, and neither
	 * may an idle thread of this program, which has many (the thread's next
	 * request connects again: a few ms, once per page view or reconnection). */
	db_disconnect();
	if (req->is_head) {
		req->content_type = "text/event-stream";
		return 200;
	}
	struct events_client *client = calloc(1, sizeof(*client));
	if (client == NULL)
		return -1;
	client->account_id = account_id;
	client->room_id = room_id;
	client->wake_fd = eventfd(0, EFD_NONBLOCK | EFD_CLOEXEC);
	if (client->wake_fd < 0) {
		log_error("events: eventfd: %s", strerror(errno));
		free(client);
		return -1;
	}
	long long since = events_client_since(req), stamp;
	bool busy = events_register(client, since, &stamp) != 0;
	req->status = 200;
	req->content_type = "text/event-stream; charset=utf-8";
	http_header(req, "X-Accel-Buffering", "no");
	http_send_headers(req);
	if (busy) {
		events_busy(req, since);
	} else {
		events_stream(req, client, stamp);
		events_unregister(client);
	}
	close(client->wake_fd);
	free(client);
	return 200;
}

/* GET /events/a/CODE: every notice of the account, for its members. */
static int events_agent(struct request *req)
{
	return events_serve(req, req->account->id, 0);
}

/* GET /events/talk/CODE: the notices of the customer's own room. */
static int events_customer(struct request *req)
{
	const char *code = req->params[0];
	if (strlen(code) != 6 || strspn(code, "abcdefghijklmnopqrstuvwxyz0123456789") != 6)
		return 404;
	struct db_rows rows;
	int found = DB_EXEC(req->arena, &rows,
	    "SELECT id FROM accounts WHERE code = $1 AND status = 'approved'", code);
	if (found < 0)
		return -1;
	if (found == 0) {
		db_disconnect(); /* see events_serve */
		return 404;
	}
	long long account_id = db_int(&rows, 0, 0);
	const char *key = chat_customer_key(req, false);
	struct chat_customer customer = { 0 };
	found = key != NULL ? chat_customer_find(req, account_id, key, &customer) : 0;
	if (found < 0)
		return -1;
	if (found == 0 || customer.room_id == 0) {
		db_disconnect(); /* see events_serve */
		req->status = 204; /* nothing to follow yet; the page reopens after its first message */
		return 204;
	}
	return events_serve(req, account_id, customer.room_id);
}

static const struct route routes[] = {
	{ ROUTE_GET, "/events/a/{code}", ROUTE_MEMBER, events_agent },
	{ ROUTE_GET, "/events/talk/{code}", ROUTE_PUBLIC, events_customer },
};

int main(int argc, char **argv)
{
	static struct program program = {
		.name = "events", .routes = routes, .route_count = COUNT(routes), .threads = 64,
		.worker_start = events_worker_start, .release_db = true,
	};
	/* The thread count is fixed before fcgi_main forks, so read it here;
	 * fcgi_main loads the same file again (later lines win, as always). */
	if (argc == 3 && strcmp(argv[1], "-c") == 0 && config_load(argv[2]) == 0)
		program.threads = (int)config_int("events_threads", 64, 2, 1024);
	events_threads = program.threads;
	return fcgi_main(argc, argv, &program);
}
