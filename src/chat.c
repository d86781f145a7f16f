/* chat: customers, rooms and messages; each change is one transaction that
 * also queues the NOTIFY which the events program turns into live updates,
 * sent once the change is committed (db_run_notice). */
#include "chat.h"
#include "arena.h"
#include "auth.h"
#include "db.h"
#include "db_attachments.h"
#include "db_customers.h"
#include "db_messages.h"
#include "db_rooms.h"
#include "history.h"
#include "http.h"
#include "image_size.h"
#include "session.h"
#include "text.h"
#include "upload.h"
#include "view.h"

#include <string.h>

#define CHAT_CUSTOMER_COOKIE "sd_customer"

const char *chat_customer_key(struct request *req, bool create)
{
	const char *key = http_cookie(req, CHAT_CUSTOMER_COOKIE);
	if (key != NULL && strlen(key) == 43)
		return key;
	if (!create)
		return NULL;
	key = auth_new_token(req->arena);
	http_set_cookie(req, CHAT_CUSTOMER_COOKIE, key, 365L * 24 * 3600);
	return key;
}

int chat_customer_find(struct request *req, long long account_id, const char *key,
    struct chat_customer *out)
{
	return db_customers_get(req->arena, account_id, auth_token_hash(req->arena, key), out);
}

struct db_query chat_customer_find_query(struct request *req, long long account_id,
    const char *key)
{
	return db_customers_get_query(req->arena, account_id, auth_token_hash(req->arena, key));
}

int chat_customer_ensure(struct request *req, long long account_id, const char *key,
    struct chat_customer *out)
{
	int found = chat_customer_find(req, account_id, key, out);
	if (found != 0)
		return found;
	int created = db_customers_insert(req->arena, account_id, auth_token_hash(req->arena, key));
	if (created < 0)
		return created;
	return chat_customer_find(req, account_id, key, out);
}

int chat_notify(struct request *req, long long account_id, long long room_id, const char *kind)
{
	int result = db_rooms_notify(req->arena, account_id, room_id, kind);
	return result < 0 ? result : 0;
}

int chat_notify_partner(struct request *req, long long account_id, long long room_id,
    const char *kind, long long partner_id)
{
	int result = db_rooms_notify_partner(req->arena, account_id, room_id, kind, partner_id);
	return result < 0 ? result : 0;
}

/* Stores the attachment of input (if any) for room; sets *attachment_id (0
 * when none), and *stored to the file name for removal on failure. */
static int chat_store_attachment(struct request *req, long long account_id, long long room_id,
    const struct chat_input *input, long long *attachment_id, const char **stored)
{
	*attachment_id = 0;
	if (input->file == NULL)
		return 0;
	if (*stored == NULL
	    && upload_store(req->arena, input->file->data, input->file->size, stored) != 0)
		return DB_ERROR;
	int width = 0, height = 0;
	if (strncmp(input->mime, "image/", 6) == 0)
		image_size(input->file->data, input->file->size, &width, &height);
	int inserted = db_attachments_insert(req->arena, account_id, room_id, *stored, input->mime,
	    upload_typed_name(req->arena, input->file->filename, input->mime), input->file->size,
	    width, height, attachment_id);
	return inserted == 1 ? 0 : DB_ERROR;
}

/* Stores the attachment and makes *query the message's insert (its
 * result: 1 stored, 0 a retry of one stored before); 0 or <0. *stored is
 * set to the stored file's name for removal on failure. */
static int chat_message_query(struct request *req, long long account_id, long long room_id,
    const char *sender, const struct chat_input *input, const char **stored,
    struct db_query *query)
{
	long long attachment_id;
	int result = chat_store_attachment(req, account_id, room_id, input, &attachment_id, stored);
	if (result < 0)
		return result;
	const struct db_messages_new message = {
		.account_id = account_id,
		.room_id = room_id,
		.sender = sender,
		.partner_id = strcmp(sender, "agent") == 0 ? req->session->partner_id : 0,
		.kind = input->friend_request ? "friend_request" : input->file == NULL ? "text"
		    : strncmp(input->mime, "image/", 6) == 0 ? "image" : "file",
		.body = input->text,
		.attachment_id = attachment_id,
		.client_id = input->client_id,
	};
	*query = db_messages_insert_query(req->arena, &message);
	return 0;
}

/* The result of a message's insert as CHAT_OK, CHAT_DUPLICATE or <0. */
static int chat_message_result(const struct db_query *query)
{
	return query->result == 1 ? CHAT_OK : query->result == 0 ? CHAT_DUPLICATE : query->result;
}

/* Stores the attachment and the message: CHAT_OK, CHAT_DUPLICATE or <0;
 * *stored is set to the stored file's name for removal on failure. */
static int chat_store_message(struct request *req, long long account_id, long long room_id,
    const char *sender, const struct chat_input *input, const char **stored)
{
	struct db_query query;
	int result = chat_message_query(req, account_id, room_id, sender, input, stored, &query);
	if (result < 0)
		return result;
	db_run_queries(req->arena, &query, 1);
	return chat_message_result(&query);
}

enum { CHAT_AUTOMATIC_MAX = 8, CHAT_EXTRA_MAX = 2 };

/* Stores those of the count automatic messages whose after is after that
 * the customer has not had yet, in two round trips (issue 8): the lead
 * queries and which messages are due (customers_take_once each), then their
 * inserts and the trail queries, whose results the caller reads. lead and
 * trail hold at most CHAT_EXTRA_MAX each, count at most CHAT_AUTOMATIC_MAX.
 * 0 when every statement ran (whatever a lead or trail query's result), or
 * <0. */
static int chat_store_automatic_with(struct request *req, long long account_id,
    long long room_id, long long customer_id, const struct chat_automatic *automatic, int count,
    bool after, struct db_query *lead, int lead_count, struct db_query *trail, int trail_count)
{
	struct db_query takes[CHAT_EXTRA_MAX + CHAT_AUTOMATIC_MAX];
	struct db_query stores[CHAT_AUTOMATIC_MAX + CHAT_EXTRA_MAX];
	int at[CHAT_AUTOMATIC_MAX], n = 0, m = 0;
	if (count > CHAT_AUTOMATIC_MAX || lead_count > CHAT_EXTRA_MAX
	    || trail_count > CHAT_EXTRA_MAX)
		return DB_ERROR;
	for (int i = 0; i < lead_count; i++)
		takes[n++] = lead[i];
	for (int i = 0; i < count; i++) {
		at[i] = automatic[i].after == after ? n : -1;
		if (at[i] >= 0)
			takes[n++] = db_customers_take_once_query(req->arena, account_id, customer_id,
			    automatic[i].once, automatic[i].period);
	}
	if (n > 0 && db_run_queries(req->arena, takes, n) != 0)
		return DB_ERROR;
	if (lead_count > 0)
		memcpy(lead, takes, sizeof(*lead) * (size_t)lead_count);
	for (int i = 0; i < count; i++) {
		const struct db_messages_new message = {
			.account_id = account_id, .room_id = room_id, .sender = "system",
			.kind = "text", .body = automatic[i].body,
		};
		if (at[i] >= 0 && takes[at[i]].result == 1)
			stores[m++] = db_messages_insert_query(req->arena, &message);
	}
	int automatic_stores = m;
	for (int i = 0; i < trail_count; i++)
		stores[m++] = trail[i];
	if (m > 0 && db_run_queries(req->arena, stores, m) != 0)
		return DB_ERROR;
	for (int i = 0; i < automatic_stores; i++)
		if (stores[i].result != 1)
			return DB_ERROR;
	if (trail_count > 0)
		memcpy(trail, &stores[automatic_stores], sizeof(*trail) * (size_t)trail_count);
	return 0;
}

/* The same without lead or trail queries: 0 or <0. */
static int chat_store_automatic(struct request *req, long long account_id, long long room_id,
    long long customer_id, const struct chat_automatic *automatic, int count, bool after)
{
	return chat_store_automatic_with(req, account_id, room_id, customer_id, automatic, count,
	    after, NULL, 0, NULL, 0);
}

/* The text the inbox shows as the room's last message. */
static const char *chat_summary(struct request *req, const struct chat_input *input)
{
	if (input->text != NULL && *input->text != '\0')
		return input->text;
	if (input->file == NULL)
		return upload_display_name(req->arena, NULL);
	return upload_typed_name(req->arena, input->file->filename, input->mime);
}

/* Commits, or rolls back and removes the stored file; returns result or <0. */
static int chat_finish(struct request *req, int result, const char *stored)
{
	if (result == CHAT_OK && db_commit(req->arena) == 0)
		return CHAT_OK;
	db_rollback(req->arena);
	if (stored != NULL)
		upload_remove(stored);
	return result == CHAT_OK ? DB_ERROR : result;
}

int chat_post_automatic(struct request *req, long long account_id,
    const struct chat_customer *customer, const struct chat_automatic *automatic, int count)
{
	if (db_begin(req->arena) != 0)
		return DB_ERROR;
	int result = chat_store_automatic(req, account_id, customer->room_id, customer->id,
	    automatic, count, false) == 0
	    && chat_store_automatic(req, account_id, customer->room_id, customer->id, automatic,
		count, true) == 0
	    && chat_notify(req, account_id, customer->room_id, "message") == 0 ? CHAT_OK : DB_ERROR;
	return chat_finish(req, result, NULL);
}

/* Gives a room just created to a member when its account assigns new rooms
 * automatically (CHAT-18); else, or when every member is away or at the
 * limit, it stays unassigned. 1, or <0. */
static int chat_assign_new(struct request *req, long long account_id, long long room_id,
    bool created)
{
	int locked = created ? db_rooms_assign_lock(req->arena, account_id) : 0;
	if (locked <= 0)
		return locked == 0 ? 1 : locked;
	int assigned = db_rooms_assign_new(req->arena, account_id, room_id);
	return assigned < 0 ? assigned : 1;
}

/* Opens the customer's room on the first message (with ref and referrer,
 * and its automatic assignment); a room there is already is not written.
 * 1, or <0. */
static int chat_open_room(struct request *req, long long account_id,
    struct chat_customer *customer, const char *ref, const char *referrer)
{
	if (customer->room_id != 0)
		return 1;
	bool created;
	int result = db_rooms_open(req->arena, account_id, customer->id, ref, referrer,
	    &customer->room_id, &created);
	return result == 1 ? chat_assign_new(req, account_id, customer->room_id, created) : result;
}

/* chat_open_room, then the "returned" line when the customer had left the
 * room. 1, or <0. */
static int chat_enter_room(struct request *req, long long account_id,
    struct chat_customer *customer, const char *ref, const char *referrer)
{
	int result = chat_open_room(req, account_id, customer, ref, referrer);
	if (result == 1 && db_messages_returned(req->arena, account_id, customer->room_id) < 0)
		result = DB_ERROR;
	return result;
}

/* The room after a customer's message: 0 or <0. */
static int chat_customer_room_update(struct request *req, long long account_id,
    long long room_id, const char *summary)
{
	return db_rooms_customer_wrote(req->arena, account_id, room_id, summary) == 1
	    ? 0 : DB_ERROR;
}

/* The notices of a customer's message: to the room's and account's pages, and
 * the unread totals of every member. 0 or <0. */
static int chat_customer_notify(struct request *req, long long account_id, long long room_id)
{
	return chat_notify(req, account_id, room_id, "message") == 0
	    && db_rooms_notify_members(req->arena, account_id, room_id) >= 0 ? 0 : DB_ERROR;
}

/* Stores the customer's message in the room with the automatic messages
 * due before it (and the "returned" line first): two round trips, then
 * those due after it (issue 8). CHAT_OK, CHAT_DUPLICATE, or <0. */
static int chat_store_customer(struct request *req, long long account_id,
    const struct chat_customer *customer, const struct chat_input *input, const char **stored)
{
	struct db_query lead = db_messages_returned_query(req->arena, account_id,
	    customer->room_id);
	struct db_query trail[2];
	trail[0] = db_rooms_customer_wrote_query(req->arena, account_id, customer->room_id,
	    chat_summary(req, input));
	int result = chat_message_query(req, account_id, customer->room_id, "customer", input,
	    stored, &trail[1]);
	if (result < 0 || chat_store_automatic_with(req, account_id, customer->room_id,
		customer->id, input->automatic, input->automatic_count, false, &lead, 1, trail,
		2) != 0)
		return DB_ERROR;
	if (lead.result < 0 || trail[0].result != 1)
		return DB_ERROR;
	result = chat_message_result(&trail[1]);
	if (result == CHAT_OK && chat_store_automatic(req, account_id, customer->room_id,
		customer->id, input->automatic, input->automatic_count, true) != 0)
		result = DB_ERROR;
	return result;
}

int chat_post_customer(struct request *req, long long account_id, struct chat_customer *customer,
    const struct chat_input *input, const char *ref, const char *referrer)
{
	if (customer->blocked)
		return CHAT_BLOCKED;
	const char *stored = NULL;
	if (db_begin(req->arena) != 0)
		return DB_ERROR;
	int result = chat_open_room(req, account_id, customer, ref != NULL ? ref : "",
	    referrer != NULL ? referrer : "");
	if (result == 1)
		result = chat_store_customer(req, account_id, customer, input, &stored);
	if (result == CHAT_OK && chat_customer_notify(req, account_id, customer->room_id) != 0)
		result = DB_ERROR;
	return chat_finish(req, result, stored);
}

/* The automatic answer of a tap into room: its attachment, then the message. */
static int chat_store_answer(struct request *req, long long account_id, long long room_id,
    const struct chat_tap *tap)
{
	long long attachment_id = 0;
	if (tap->image_name != NULL
	    && db_attachments_insert(req->arena, account_id, room_id, tap->image_name,
		tap->image_mime, upload_typed_name(req->arena, "faq", tap->image_mime),
		(size_t)tap->image_size, 0, 0, &attachment_id) != 1)
		return DB_ERROR;
	const struct db_messages_new message = {
		.account_id = account_id,
		.room_id = room_id,
		.sender = "system",
		.kind = attachment_id != 0 ? "image" : "text",
		.body = tap->answer,
		.attachment_id = attachment_id,
	};
	return db_messages_insert(req->arena, &message) == 1 ? CHAT_OK : DB_ERROR;
}

int chat_post_tap(struct request *req, long long account_id, struct chat_customer *customer,
    const struct chat_tap *tap)
{
	if (customer->blocked)
		return CHAT_BLOCKED;
	if (db_begin(req->arena) != 0)
		return DB_ERROR;
	const struct chat_input question = { .text = tap->question };
	const char *stored = NULL; /* the question has no file */
	int result = chat_enter_room(req, account_id, customer, "", "");
	if (result == 1)
		result = chat_customer_room_update(req, account_id, customer->room_id,
		    tap->question);
	if (result == 0)
		result = chat_store_message(req, account_id, customer->room_id, "customer",
		    &question, &stored);
	if (result == CHAT_OK)
		result = chat_store_answer(req, account_id, customer->room_id, tap);
	if (result == CHAT_OK && chat_customer_notify(req, account_id, customer->room_id) != 0)
		result = DB_ERROR;
	return chat_finish(req, result, NULL);
}

/* The room after a member's message: only a reply to the customer answers
 * it (issue 13); a friend request leaves its status and wait as they were.
 * Rows changed, or <0. */
static int chat_agent_room_update(struct request *req, long long account_id, long long room_id,
    const struct chat_input *input)
{
	const char *summary = chat_summary(req, input);
	if (input->friend_request)
		return db_rooms_agent_noted(req->arena, account_id, room_id, summary);
	return db_rooms_agent_wrote(req->arena, account_id, room_id, summary,
	    req->session != NULL ? req->session->partner_id : 0);
}

int chat_post_agent(struct request *req, long long account_id, long long room_id,
    const struct chat_input *input)
{
	if (db_begin(req->arena) != 0)
		return DB_ERROR;
	struct db_rooms_reply room;
	int found = db_rooms_lock_for_reply(req->arena, account_id, room_id, &room);
	int refusal = found <= 0 ? found : !room.session_open ? CHAT_SESSION_ENDED
	    : input->friend_request && room.customer_is_friend ? CHAT_ALREADY_FRIEND : CHAT_OK;
	if (refusal != CHAT_OK) {
		db_rollback(req->arena);
		return refusal;
	}
	const char *stored = NULL;
	int result = chat_agent_room_update(req, account_id, room_id, input) == 1
	    ? CHAT_OK : DB_ERROR;
	if (result == CHAT_OK)
		result = chat_store_message(req, account_id, room_id, "agent", input, &stored);
	if (result == CHAT_OK && chat_notify(req, account_id, room_id, "message") != 0)
		result = DB_ERROR;
	if (result == CHAT_OK && input->history_action != NULL
	    && history_add(req, (enum history_menu)input->history_menu, input->history_action,
		input->history_target, NULL, NULL) < 0)
		result = DB_ERROR;
	return chat_finish(req, result, stored);
}

int chat_unread_totals(struct request *req, long long account_id, long long *account,
    long long *all)
{
	long long partner_id = req->session != NULL ? req->session->partner_id : 0;
	int found = db_rooms_unread_totals(req->arena, partner_id, account_id, account, all);
	return found < 0 ? found : 0;
}

const char *chat_customer_label(struct request *req, const char *display_name, long long number)
{
	if (display_name != NULL && *display_name != '\0')
		return display_name;
	const char *pattern = view_text(req->lang, "chat.customer_default");
	const char *at = strstr(pattern, "{number}");
	if (at == NULL)
		return arena_printf(req->arena, "%s%04lld", pattern, number);
	return arena_printf(req->arena, "%.*s%04lld%s", (int)(at - pattern), pattern, number,
	    at + strlen("{number}"));
}

int chat_timeline(struct request *req, long long account_id, long long room_id, const char *event)
{
	const struct db_messages_new line = {
		.account_id = account_id, .room_id = room_id, .sender = "system",
		.kind = "notice", .body = event,
	};
	if (db_messages_insert(req->arena, &line) != 1)
		return DB_ERROR;
	return chat_notify(req, account_id, room_id, "room");
}

const char *chat_inflow_text(struct request *req, const char *ref)
{
	static const char *const known[] = { "qr", "banner_mobile", "banner_pc", NULL };
	if (ref == NULL || *ref == '\0')
		return view_text(req->lang, "inflow.direct");
	for (const char *const *k = known; *k != NULL; k++)
		if (strcmp(ref, *k) == 0)
			return view_text(req->lang, arena_printf(req->arena, "inflow.%s", ref));
	return ref;
}

void chat_view_body(struct request *req, struct view *row, const char *text)
{
	struct text_segment *segments;
	int count = text_links(req->arena, text, &segments);
	for (int i = 0; i < count; i++) {
		struct view *part = view_add_row(row, "BODY_PARTS");
		view_set(part, "PART", segments[i].text);
		view_show(part, segments[i].is_link ? "IS_LINK" : "IS_PLAIN");
	}
}
