/* events: the streams (request threads): access checks, the Server-Sent
 * Events themselves, keep-alives and the answer of a busy worker. */
#include "pages.h"
#include "account.h"
#include "chat.h"
#include "db.h"
#include "db_accounts.h"
#include "http.h"
#include "log.h"

#include <errno.h>
#include <poll.h>
#include <sodium.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/eventfd.h>
#include <unistd.h>

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
int events_agent(struct request *req)
{
	return events_serve(req, req->account->id, 0);
}

/* GET /events/talk/CODE: the notices of the customer's own room. */
int events_customer(struct request *req)
{
	long long account_id;
	int found = db_accounts_find_approved(req->arena, req->params[0], &account_id);
	if (found < 0)
		return -1;
	if (found == 0) {
		db_disconnect(); /* see events_serve */
		return 404;
	}
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
