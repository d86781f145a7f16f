/* events: the request threads' part of a stream: access checks, places and
 * caps, the opening block, the hand-off to the loop, and the refusals. */
#include "pages.h"
#include "account.h"
#include "arena.h"
#include "chat.h"
#include "db_accounts.h"
#include "http.h"
#include "log.h"
#include "session.h"

#include <sodium.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

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
static int events_send_now(struct request *req, const char *text, int length)
{
	if (length < 0)
		return -1;
	if (http_write(req, text, (size_t)length) != 0 || http_flush(req) != 0)
		return -1;
	return 0;
}

/* The answer when the role's places are taken (`: busy`) or a cap is
 * reached (`: limit`): an empty stream that asks the browser to come back in
 * 5 to 15 s (a refusal would make EventSource give up for good). The id
 * keeps the browser's place (or marks it as behind), so the stream it gets
 * later starts with a reload if something happened meanwhile. */
static void events_refuse(struct request *req, enum events_admission why, long long since)
{
	char block[128];
	int length = snprintf(block, sizeof(block), "retry: %u\nid: %lld\n: %s\n\n",
	    5000 + randombytes_uniform(10001), since > 0 ? since : 1,
	    why == EVENTS_LIMIT ? "limit" : "busy");
	events_send_now(req, block, length);
}

/* Everything after the access checks: places and caps, headers, the opening
 * block and the hand-off to the loop. A stream holds no PostgreSQL
 * connection: the request thread keeps its own for the next request, so
 * that a burst of (re)connecting browsers costs each a few prepared
 * statements, not a new server process (issue 8). */
static int events_serve(struct request *req, struct events_client *client,
    const char *const keys[EVENTS_CAP__MAX])
{
	if (req->is_head) {
		free(client);
		req->content_type = "text/event-stream";
		return 200;
	}
	long long since = events_client_since(req), stamp = 0;
	enum events_admission admission = events_register(client, keys, since, &stamp);
	req->status = 200;
	req->content_type = "text/event-stream; charset=utf-8";
	http_header(req, "X-Accel-Buffering", "no");
	http_send_headers(req);
	if (admission != EVENTS_ADMITTED) {
		free(client);
		events_refuse(req, admission, since);
		return 200;
	}
	char block[128];
	int length = snprintf(block, sizeof(block), "retry: 3000\nid: %lld\n\n", stamp);
	struct http_detached detached;
	if (length < 0 || http_write(req, block, (size_t)length) != 0
	    || http_detach(req, &detached) != 0) {
		events_unregister(client);
		return 200;
	}
	client->fd = detached.fd;
	client->request_id = detached.request_id;
	events_hand(client);
	return 200;
}

/* A client of role for account_id (and room_id, 0 for all); NULL when memory is out. */
static struct events_client *events_client_new(enum events_role role, long long account_id,
    long long room_id)
{
	struct events_client *client = calloc(1, sizeof(*client));
	if (client == NULL)
		return NULL;
	client->role = role;
	client->account_id = account_id;
	client->room_id = room_id;
	client->fd = -1;
	return client;
}

/* GET /events/a/CODE: every notice of the account, for its members. */
int events_agent(struct request *req)
{
	struct events_client *client = events_client_new(EVENTS_AGENT, req->account->id, 0);
	if (client == NULL)
		return -1;
	client->partner_id = req->session->partner_id;
	const char *keys[EVENTS_CAP__MAX] = {
		[EVENTS_CAP_WHO] = arena_printf(req->arena, "s%lld", req->session->id),
		[EVENTS_CAP_ADDRESS] = arena_printf(req->arena, "A%.*s", EVENTS_KEY_MAX - 1,
		    req->remote_addr),
	};
	return events_serve(req, client, keys);
}

/* GET /events/talk/CODE: the notices of the customer's own room. */
int events_customer(struct request *req)
{
	long long account_id;
	int found = db_accounts_find_approved(req->arena, req->params[0], &account_id);
	if (found < 0)
		return -1;
	if (found == 0)
		return 404;
	const char *key = chat_customer_key(req, false);
	struct chat_customer customer = { 0 };
	found = key != NULL ? chat_customer_find(req, account_id, key, &customer) : 0;
	if (found < 0)
		return -1;
	if (found == 0 || customer.room_id == 0 || customer.blocked) {
		/* nothing to follow (yet): the page reopens after its first message */
		req->status = 204;
		return 204;
	}
	struct events_client *client = events_client_new(EVENTS_CUSTOMER, account_id,
	    customer.room_id);
	if (client == NULL)
		return -1;
	const char *keys[EVENTS_CAP__MAX] = {
		[EVENTS_CAP_WHO] = arena_printf(req->arena, "c%s", key),
		[EVENTS_CAP_ADDRESS] = arena_printf(req->arena, "a%.*s", EVENTS_KEY_MAX - 1,
		    req->remote_addr),
	};
	return events_serve(req, client, keys);
}
