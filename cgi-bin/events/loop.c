/* events: the loop thread of a worker process: one epoll set over every
 * handed stream; writes their events, keep-alives and ends as FastCGI records
 * without blocking, and closes a stream as soon as its client leaves. */
#include "pages.h"
#include "http.h"
#include "log.h"

#include <errno.h>
#include <pthread.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/epoll.h>
#include <sys/eventfd.h>
#include <unistd.h>

enum {
	EVENTS_TICK_MS = 1000,   /* how often deadlines (keep-alive, end) are looked at */
	EVENTS_BATCH = 256,      /* epoll events taken per wait */
	EVENTS_BLOCK_MAX = EVENTS_QUEUE * 192 + 128, /* one delivery's text */
};

static int events_epoll = -1;
static int events_wake_fd = -1;
static struct events_client *events_streams; /* the loop's streams */

void events_loop_wake(void)
{
	uint64_t one = 1;
	ssize_t written = write(events_wake_fd, &one, sizeof(one));
	(void)written; /* EAGAIN: the counter is already set, the loop will wake */
}

static int events_watch_mask(struct events_client *client, bool writable)
{
	struct epoll_event event = {
		.events = EPOLLIN | EPOLLRDHUP | (writable ? EPOLLOUT : 0),
		.data.ptr = client,
	};
	return epoll_ctl(events_epoll, client->watched ? EPOLL_CTL_MOD : EPOLL_CTL_ADD,
	    client->fd, &event);
}

/* Keeps the bytes the socket did not take; -1 when the client is too far behind. */
static int events_keep_unsent(struct events_client *client, const unsigned char *data,
    size_t length)
{
	if (client->unsent_length + length > EVENTS_UNSENT_MAX) {
		log_error("events: dropped a stream whose client reads too slowly");
		return -1;
	}
	char *grown = realloc(client->unsent, client->unsent_length + length);
	if (grown == NULL)
		return -1;
	memcpy(grown + client->unsent_length, data, length);
	bool was_empty = client->unsent_length == 0;
	client->unsent = grown;
	client->unsent_length += length;
	return was_empty ? events_watch_mask(client, true) : 0;
}

/* Writes what the socket takes now; 0, or -1 when the client is gone. */
static int events_write(struct events_client *client, const unsigned char *data, size_t length)
{
	if (client->unsent_length > 0)
		return events_keep_unsent(client, data, length);
	ssize_t written;
	do
		written = write(client->fd, data, length);
	while (written < 0 && errno == EINTR);
	if (written < 0 && errno != EAGAIN)
		return -1;
	size_t done = written < 0 ? 0 : (size_t)written;
	return done == length ? 0 : events_keep_unsent(client, data + done, length - done);
}

/* Writes what was kept once the socket takes more; 0, or -1 when gone. */
static int events_write_unsent(struct events_client *client)
{
	ssize_t written = write(client->fd, client->unsent, client->unsent_length);
	if (written < 0)
		return errno == EAGAIN || errno == EINTR ? 0 : -1;
	client->unsent_length -= (size_t)written;
	memmove(client->unsent, client->unsent + written, client->unsent_length);
	if (client->unsent_length > 0)
		return 0;
	free(client->unsent);
	client->unsent = NULL;
	return events_watch_mask(client, false);
}

/* Sends text as one stdout record; 0 or -1. */
static int events_send(struct events_client *client, const char *text, size_t length)
{
	unsigned char record[HTTP_RECORD_HEADER + EVENTS_BLOCK_MAX];
	if (length > EVENTS_BLOCK_MAX)
		return -1;
	http_record_header(client->request_id, length, record);
	memcpy(record + HTTP_RECORD_HEADER, text, length);
	return events_write(client, record, HTTP_RECORD_HEADER + length);
}

/* Counts one block that snprintf wrote (written bytes) at *length of a
 * buffer of EVENTS_BLOCK_MAX; false when it did not fit. */
static bool events_append(size_t *length, int written)
{
	if (written < 0 || (size_t)written >= EVENTS_BLOCK_MAX - *length)
		return false;
	*length += (size_t)written;
	return true;
}

/* Writes the pending events of client (taken under the lock) with a fresh
 * stamp, or a keep-alive with it when there are none and keepalive is set;
 * sets *ending when the stream is to end. 1 when something was written, 0
 * when not, -1 when the client left. */
static int events_deliver(struct events_client *client, bool keepalive, bool *ending)
{
	struct events_event taken[EVENTS_QUEUE];
	pthread_mutex_lock(&events_lock);
	bool reload = client->reload;
	int count = reload ? 0 : client->count;
	memcpy(taken, client->queue, (size_t)count * sizeof(taken[0]));
	client->count = 0;
	client->reload = false;
	*ending = client->ending;
	long long stamp = events_stamp_now();
	pthread_mutex_unlock(&events_lock);

	char block[EVENTS_BLOCK_MAX];
	size_t length = 0;
	bool fits = true;
	if (reload)
		fits = events_append(&length, snprintf(block, sizeof(block),
		    "event: reload\nid: %lld\ndata: {\"k\":\"reload\"}\n\n", stamp));
	for (int i = 0; i < count && fits; i++) {
		char partner[32] = "";
		if (taken[i].partner_id != 0)
			snprintf(partner, sizeof(partner), ",\"p\":%lld", taken[i].partner_id);
		fits = events_append(&length, snprintf(block + length, sizeof(block) - length,
		    "event: %s\nid: %lld\ndata: {\"a\":%lld,\"r\":%lld,\"k\":\"%s\"%s}\n\n",
		    taken[i].kind, stamp, taken[i].account_id, taken[i].room_id, taken[i].kind,
		    partner));
	}
	if (length == 0 && keepalive)
		fits = events_append(&length, snprintf(block, sizeof(block),
		    ": keepalive\nid: %lld\n\n", stamp));
	if (!fits)
		return -1;
	if (length == 0)
		return 0;
	return events_send(client, block, length) == 0 ? 1 : -1;
}

/* Ends a stream: with the end records when it ends normally (the browser
 * reconnects after `retry`), without when the client left. */
static void events_close(struct events_client *client, bool normally)
{
	if (normally && client->unsent_length == 0) {
		unsigned char end[HTTP_RECORD_END];
		http_record_end(client->request_id, end);
		ssize_t written = write(client->fd, end, sizeof(end));
		(void)written; /* a client that left meanwhile changes nothing */
	}
	close(client->fd); /* also takes it out of the epoll set */
	if (client->loop_previous != NULL)
		client->loop_previous->loop_next = client->loop_next;
	else if (events_streams == client)
		events_streams = client->loop_next;
	if (client->loop_next != NULL)
		client->loop_next->loop_previous = client->loop_previous;
	events_unregister_closed(client);
}

/* Takes a newly handed stream into the epoll set and the loop's list. */
static int events_adopt(struct events_client *client, long long now)
{
	if (events_watch_mask(client, false) != 0) {
		log_error("events: epoll_ctl: %s", strerror(errno));
		return -1;
	}
	client->watched = true;
	client->next_keepalive = now + events_keepalive_ms;
	client->end = now + events_stream_ms;
	client->loop_previous = NULL;
	client->loop_next = events_streams;
	if (events_streams != NULL)
		events_streams->loop_previous = client;
	events_streams = client;
	return 0;
}

/* Delivers to every client on the ready list, adopting new ones. */
static void events_serve_ready(void)
{
	size_t count;
	struct events_client **ready = events_take_ready(&count);
	long long now = events_monotonic_now();
	for (size_t i = 0; i < count; i++) {
		struct events_client *client = ready[i];
		if (client->closed) {
			events_client_free(client);
			continue;
		}
		if (!client->watched && events_adopt(client, now) != 0) {
			events_close(client, false);
			continue;
		}
		bool ending;
		int sent = events_deliver(client, false, &ending);
		if (sent > 0)
			client->next_keepalive = now + events_keepalive_ms;
		if (sent < 0 || ending)
			events_close(client, sent >= 0);
	}
}

/* Keep-alives that are due, and streams that reached their length. */
static void events_tick(long long now)
{
	struct events_client *client = events_streams, *next;
	for (; client != NULL; client = next) {
		next = client->loop_next;
		bool last = now >= client->end, ending;
		if (!last && now < client->next_keepalive)
			continue;
		int sent = events_deliver(client, !last, &ending);
		if (sent > 0)
			client->next_keepalive = now + events_keepalive_ms;
		if (sent < 0 || last || ending)
			events_close(client, sent >= 0);
	}
}

/* What epoll says of one stream's socket. */
static void events_on_socket(struct events_client *client, uint32_t what)
{
	if (what & (EPOLLRDHUP | EPOLLHUP | EPOLLERR)) {
		events_close(client, false); /* the browser left (nginx closed) */
		return;
	}
	if (what & EPOLLIN) {
		char ignored[512]; /* the end of the request's input: nothing more comes */
		ssize_t got;
		while ((got = read(client->fd, ignored, sizeof(ignored))) > 0)
			continue;
		if (got == 0 || (errno != EAGAIN && errno != EINTR)) {
			events_close(client, false);
			return;
		}
	}
	if ((what & EPOLLOUT) && events_write_unsent(client) != 0)
		events_close(client, false);
}

static void *events_loop(void *unused)
{
	(void)unused;
	struct epoll_event happened[EVENTS_BATCH];
	long long next_tick = events_monotonic_now() + EVENTS_TICK_MS;
	for (;;) {
		long long now = events_monotonic_now();
		int ready = epoll_wait(events_epoll, happened, EVENTS_BATCH,
		    next_tick > now ? (int)(next_tick - now) : 0);
		if (ready < 0 && errno != EINTR) {
			log_error("events: epoll_wait: %s", strerror(errno));
			sleep(1);
		}
		for (int i = 0; i < ready; i++) {
			if (happened[i].data.ptr == NULL) {
				uint64_t counter;
				ssize_t got = read(events_wake_fd, &counter, sizeof(counter));
				(void)got;
			} else {
				events_on_socket(happened[i].data.ptr, happened[i].events);
			}
		}
		events_serve_ready();
		now = events_monotonic_now();
		if (now >= next_tick) {
			events_tick(now);
			next_tick = now + EVENTS_TICK_MS;
		}
	}
	return NULL;
}

int events_loop_start(void)
{
	events_epoll = epoll_create1(EPOLL_CLOEXEC);
	events_wake_fd = eventfd(0, EFD_NONBLOCK | EFD_CLOEXEC);
	struct epoll_event wake = { .events = EPOLLIN, .data.ptr = NULL };
	if (events_epoll < 0 || events_wake_fd < 0
	    || epoll_ctl(events_epoll, EPOLL_CTL_ADD, events_wake_fd, &wake) != 0) {
		log_error("events: cannot make the loop's epoll set: %s", strerror(errno));
		return -1;
	}
	pthread_attr_t attributes;
	pthread_attr_init(&attributes);
	pthread_attr_setstacksize(&attributes, 256 * 1024);
	pthread_attr_setdetachstate(&attributes, PTHREAD_CREATE_DETACHED);
	pthread_t loop;
	int failed = pthread_create(&loop, &attributes, events_loop, NULL);
	pthread_attr_destroy(&attributes);
	if (failed != 0) {
		log_error("events: cannot start the loop thread: %s", strerror(failed));
		return -1;
	}
	return 0;
}
