/* room: one room of the inbox (CHAT-14, 15, 17): its page and live-update
 * fragment, posting, attachments, and the tools beside it (rename, memo,
 * labels, friend request, complete). */
#include "account.h"
#include "arena.h"
#include "auth.h"
#include "chat.h"
#include "db.h"
#include "db_accounts.h"
#include "db_attachments.h"
#include "db_canned_replies.h"
#include "db_friend_groups.h"
#include "db_labels.h"
#include "db_members.h"
#include "db_messages.h"
#include "db_request_forms.h"
#include "db_room_labels.h"
#include "db_rooms.h"
#include "form.h"
#include "history.h"
#include "http.h"
#include "pages.h"
#include "page.h"
#include "param.h"
#include "route.h"
#include "session.h"
#include "text.h"
#include "upload.h"
#include "view.h"

#include <stdint.h>
#include <string.h>

/* The ?done= notices of the room page. */
static const char *const room_notices[] = { "sent", "renamed", "memo", "labels", "completed",
	"friend_request", "already_friend", "details", "restored", "blocked", "coupon_sent", NULL };

enum { MESSAGE_TEXT, MESSAGE__MAX };
static const struct param_field message_fields[MESSAGE__MAX] = {
	[MESSAGE_TEXT] = { "text", PARAM_LINES, false, 0, 1000, NULL },
};

enum { RENAME_NAME, RENAME__MAX };
static const struct param_field rename_fields[RENAME__MAX] = {
	[RENAME_NAME] = { "name", PARAM_NAME, false, 0, 30, NULL },
};

enum { MEMO_MEMO, MEMO__MAX };
static const struct param_field memo_fields[MEMO__MAX] = {
	[MEMO_MEMO] = { "memo", PARAM_LINES, false, 0, 1000, NULL },
};

enum { LABELS_LABEL, LABELS__MAX };
static const struct param_field labels_fields[LABELS__MAX] = {
	[LABELS_LABEL] = { "label", PARAM_ID_LIST, false, 0, INBOX_LABELS_MAX, NULL },
};

/* An optional idempotency key; an invalid one is ignored, not refused. */
static const struct param_field client_id_field = { "client_id", PARAM_CLIENT_ID, false, 0, 0,
	NULL };

#define ROOM_FORM(table, count)                                                              \
	{ .template_name = "page_inbox_room", .title = "inbox.room.title", .menu = "chats",    \
	  .fields = (table), .field_count = (count), .notices = room_notices }

static const struct form message_form = ROOM_FORM(message_fields, MESSAGE__MAX);
static const struct form rename_form = ROOM_FORM(rename_fields, RENAME__MAX);
static const struct form memo_form = ROOM_FORM(memo_fields, MEMO__MAX);
static const struct form labels_form = ROOM_FORM(labels_fields, LABELS__MAX);

/* What a room page shows next to its forms after a refused post. */
struct room_state {
	const struct form *form;           /* the refused form (NULL: none) */
	const struct param_value *values;  /* its values, shown with their errors */
	const char *file_error;            /* catalog key next to the file input */
	const char *message_error;         /* catalog key above the send form */
	const char *labels_error;
};

/* Adds message to target's MESSAGES. */
static void add_message(struct request *req, struct view *target,
    const struct message_item *message, long long room_id, const char *customer)
{
	struct view *row = view_add_row(target, "MESSAGES");
	view_set_int(row, "MESSAGE_ID", message->id);
	view_set(row, "AT", message->at);
	if (strcmp(message->kind, "notice") == 0) { /* a timeline line (chat_timeline) */
		view_show(row, "TIMELINE");
		view_set_text(row, "TIMELINE_TEXT", arena_printf(req->arena, "timeline.%s",
		    message->body));
		return;
	}
	view_show(row, "BUBBLE");
	view_set(row, "SENDER", message->sender);
	if (strcmp(message->sender, "agent") == 0) {
		view_show(row, "FROM_AGENT");
		if (message->agent_gone) {
			view_set_text(row, "AGENT_NAME", "inbox.msg.former_member");
		} else {
			view_set(row, "AGENT_NAME", message->agent_name);
		}
	} else if (strcmp(message->sender, "customer") == 0) {
		view_show(row, "FROM_CUSTOMER");
		view_set(row, "CUSTOMER", customer);
	} else {
		view_show(row, "FROM_SYSTEM");
	}
	if (strcmp(message->kind, "friend_request") == 0)
		view_show(row, "FRIEND_REQUEST");
	if (*message->body != '\0') {
		view_show(row, "HAS_TEXT");
		view_set(row, "BODY", message->body);
		chat_view_body(req, row, message->body);
	}
	if (message->attachment_id != 0) {
		view_set(row, "FILE_URL", arena_printf(req->arena, "%s/files/%lld",
		    inbox_room_path(req, room_id), message->attachment_id));
		view_set(row, "FILE_NAME", message->file_name);
		view_set(row, "FILE_SIZE", upload_size_text(req->arena, message->file_size));
		view_show(row, message->is_image ? "IMAGE" : "FILE");
		if (message->width > 0) {
			view_show(row, "SIZED");
			view_set_int(row, "WIDTH", message->width);
			view_set_int(row, "HEIGHT", message->height);
		}
	} else if (strcmp(message->kind, "image") == 0 || strcmp(message->kind, "file") == 0) {
		view_show(row, "FILE_GONE");
	}
	if (!message->delivered)
		view_show(row, "UNDELIVERED");
}

/* Marks the room read when it has unread messages (CHAT-11: unread →
 * unanswered) and tells the others. 1 marked, 0 nothing to do, <0 error. */
static int mark_read(struct request *req, const struct room_detail *room)
{
	if (req->is_head || (room->unread == 0 && strcmp(room->status, "unread") != 0))
		return 0;
	int changed = db_rooms_mark_read(req->arena, req->account->id, room->id);
	if (changed < 0)
		return changed;
	/* the header's badges, read with the session, count these no more */
	if (changed > 0 && (chat_notify(req, req->account->id, room->id, "read") != 0
		|| chat_unread_totals(req, req->account->id, &req->session->unread_account,
		    &req->session->unread_all) != 0))
		return DB_ERROR;
	return changed > 0;
}

static void fill_summary(struct request *req, struct view *view, const struct room_detail *room)
{
	const char *customer = chat_customer_label(req, room->display_name, room->number);
	view_set(view, "CUSTOMER", customer);
	view_set(view, "ROOM_TITLE", *room->name != '\0' ? room->name : customer);
	if (*room->name != '\0')
		view_show(view, "RENAMED");
	view_show(view, room->is_friend ? "FRIEND" : "NOT_FRIEND");
	view_show(view, room->blocked ? "BLOCKED" : "NOT_BLOCKED");
	view_show(view, room->important ? "IMPORTANT" : "NOT_IMPORTANT");
	if (room->hidden)
		view_show(view, "HIDDEN");
	view_set(view, "INFLOW", chat_inflow_text(req, room->ref));
	view_set(view, "REFERRER", room->referrer);
	if (*room->referrer == '\0')
		view_show(view, "NO_REFERRER");
	else
		view_show(view, text_is_web_address(room->referrer) ? "REFERRER_LINK" : "REFERRER_TEXT");
	view_set(view, "FIRST_CONTACT", room->created);
	view_set(view, "LAST_CUSTOMER", room->last_customer);
	view_set(view, "STATUS", room->status);
	view_set_text(view, "STATUS_TEXT", arena_printf(req->arena, "inbox.status.%s", room->status));
	if (strcmp(room->status, "completed") != 0)
		view_show(view, "CAN_COMPLETE");
	if (room->assignee_id != 0) {
		view_show(view, "ASSIGNED");
		view_set(view, "ASSIGNEE", room->assignee);
	} else {
		view_show(view, "UNASSIGNED");
	}
	view_show(view, room->session_open ? "SESSION_OPEN" : "SESSION_ENDED");
	view_set_int(view, "TIMEOUT", room->timeout_minutes);
}

/* The room's labels as checkboxes, checked when on the room. */
static void fill_room_labels(struct request *req, struct view *view,
    const struct account_choices *choices)
{
	const struct label *labels = choices->labels;
	int count = choices->label_count;
	for (int i = 0; i < count; i++) {
		struct view *row = view_add_row(view, "LABEL_CHOICES");
		view_set_int(row, "VALUE", labels[i].id);
		view_set(row, "TEXT", labels[i].name);
		view_set(row, "LABEL_CLASS", inbox_color_class(req, labels[i].color));
		if (labels[i].on_room) {
			view_show(row, "CHECKED");
			view_show(row, "ON_ROOM"); /* what the form showed, for its save */
			inbox_add_label_chip(req, view, "ROOM_LABELS", labels[i].name, labels[i].color);
		}
	}
	view_show(view, count > 0 ? "HAS_LABELS" : "NO_LABELS");
}

/* The ?before=ID of the page (older messages), 0 when none. */
static long long messages_before(struct request *req)
{
	static const struct param_field before_field = { "before", PARAM_ID, false, 0, 0, NULL };
	struct param_value before;
	if (param_check(req->arena, &before_field, http_query(req, "before"), &before) != NULL)
		return 0;
	return before.number;
}

/* The room page's own statements into queries: the room, its messages
 * (fill_messages reads them; times in time_zone) and its request form's
 * answers. Returns their count, ROOM_QUERIES. */
enum { ROOM_QUERIES = 3 };
static int room_queries(struct request *req, long long account_id, const char *time_zone,
    long long room_id, struct db_query *queries)
{
	queries[0] = db_rooms_get_query(req->arena, account_id, room_id);
	queries[1] = db_messages_before_query(req->arena, account_id, room_id, time_zone,
	    messages_before(req), INBOX_MESSAGES_SHOWN + 1);
	queries[2] = db_request_forms_answers_query(req->arena, account_id, room_id);
	return ROOM_QUERIES;
}

/* The messages of the page (?before=ID for older ones, read by query) and
 * their links. */
static int fill_messages(struct request *req, struct view *view, const struct room_detail *room,
    const struct db_query *query)
{
	long long before = messages_before(req);
	struct message_item *messages;
	int count = db_messages_items_rows(req->arena, query, &messages);
	if (count < 0)
		return -1;
	const char *customer = chat_customer_label(req, room->display_name, room->number);
	int shown = count > INBOX_MESSAGES_SHOWN ? INBOX_MESSAGES_SHOWN : count;
	struct view *part = view_include(view, "MESSAGES_PART", "part_inbox_messages");
	for (int i = shown - 1; i >= 0; i--)
		add_message(req, part, &messages[i], room->id, customer);
	view_set_int(view, "LAST_ID", shown > 0 && before == 0 ? messages[0].id : 0);
	view_show(view, before == 0 ? "LIVE" : "OLDER_SHOWN");
	if (count > INBOX_MESSAGES_SHOWN) {
		view_show(view, "HAS_OLDER");
		const char *listed = inbox_room_listed(req, room->id);
		view_set(view, "OLDER_URL", arena_printf(req->arena, "%s%sbefore=%lld", listed,
		    strchr(listed, '?') != NULL ? "&" : "?", messages[shown - 1].id));
	}
	if (shown == 0)
		view_show(view, "NO_MESSAGES");
	return 0;
}

/* The assign, friend group and label choices of the room's tools. */
static void fill_choices(struct request *req, struct view *view, const struct room_detail *room,
    const struct account_choices *choices)
{
	const struct member_name *members = choices->members;
	const struct friend_group *groups = choices->groups;
	for (int i = 0; i < choices->member_count; i++) {
		struct view *row = view_add_row(view, "ASSIGN_CHOICES");
		view_set_int(row, "VALUE", members[i].partner_id);
		view_set(row, "TEXT", members[i].name);
		if (room->assignee_id == members[i].partner_id)
			view_show(row, "SELECTED");
	}
	for (int i = 0; i < choices->group_count; i++) {
		struct view *row = view_add_row(view, "GROUP_CHOICES");
		view_set_int(row, "VALUE", groups[i].id);
		view_set(row, "TEXT", groups[i].name);
	}
	fill_room_labels(req, view, choices);
}

/* The refused post's messages beside its form. */
static void fill_state(struct view *view, const struct room_state *state)
{
	if (state->file_error != NULL) {
		view_show(view, "FILE_INVALID");
		view_set_text(view, "FILE_ERROR", state->file_error);
	}
	if (state->message_error != NULL) {
		view_show(view, "MESSAGE_REFUSED");
		view_set_text(view, "MESSAGE_ERROR", state->message_error);
	}
	if (state->labels_error != NULL) {
		view_show(view, "LABELS_INVALID");
		view_set_text(view, "LABELS_ERROR", state->labels_error);
	}
}

/* The customer's answers to the request form (FAQ-4, read by query), at the
 * top. */
static int fill_request_answers(struct request *req, struct view *view,
    const struct db_query *query)
{
	struct request_answer *answers;
	int count = db_request_forms_answers_rows(req->arena, query, &answers);
	for (int i = 0; i < count; i++) {
		struct view *row = view_add_row(view, "REQUEST_ANSWERS");
		view_set(row, "PROMPT", answers[i].prompt);
		view_set(row, "ANSWER", answers[i].answer);
	}
	if (count > 0)
		view_show(view, "HAS_REQUEST_ANSWERS");
	return count < 0 ? -1 : 0;
}

/* ?reply=ID puts that canned reply into the message box, to be edited and
 * sent (FAQ-3 without JavaScript); another account's id puts nothing. */
static int fill_reply(struct request *req, struct view *view)
{
	static const struct param_field reply_field = { "reply", PARAM_ID, false, 0, 0, NULL };
	struct param_value reply_id;
	if (param_check(req->arena, &reply_field, http_query(req, "reply"), &reply_id) != NULL
	    || reply_id.number == 0)
		return 0;
	struct canned_reply reply;
	int found = db_canned_replies_get(req->arena, req->account->id, reply_id.number, &reply);
	if (found > 0)
		view_set(view, "TEXT", reply.text);
	return found < 0 ? -1 : 0;
}

/* The room route's prefetch (session.h): the list pane's statements, then
 * the room, its messages and its request form's answers, as room_page reads
 * them (INBOX_ROOM_PREFETCHED queries). */
enum { INBOX_ROOM_PREFETCHED = INBOX_LIST_PREFETCHED + ROOM_QUERIES };
int inbox_room_prefetch(struct request *req, long long account_id, const char *time_zone,
    struct db_query *queries)
{
	int count = inbox_list_prefetch(req, account_id, time_zone, queries);
	return count + room_queries(req, account_id, time_zone, req->ids[1], queries + count);
}

/* The room page with status 200, or 413/422 with a refused post (state). */
static int room_page(struct request *req, long long room_id, const struct room_state *state,
    int status)
{
	/* The room, the list pane, the messages and the request form's answers
	 * in one round trip (issue 8), or with the session's when they were
	 * prefetched. A room with unread messages is marked read once it was
	 * found, and then everything is read again, after the change: the list
	 * shows the room read, the live updates' moment (inbox_list_begin)
	 * comes after the page's own notice, and the page, made after it, has
	 * the header's badges as mark_read left them. */
	struct room_detail room;
	struct inbox_list *list;
	struct db_query queries[INBOX_LIST_QUERIES + ROOM_QUERIES];
	const struct db_query *get, *messages, *answers;
	for (int pass = 0;; pass++) {
		if (pass > 0 || req->prefetched_count != INBOX_ROOM_PREFETCHED) {
			req->prefetched = NULL; /* a second pass reads everything again */
			req->prefetched_count = 0;
		}
		int count = inbox_list_begin(req, room_id, &list, queries);
		if (count < 0)
			return -1;
		if (req->prefetched != NULL) {
			get = &req->prefetched[INBOX_LIST_PREFETCHED];
		} else {
			get = &queries[count];
			count += room_queries(req, req->account->id, req->account->time_zone,
			    room_id, &queries[count]);
		}
		messages = get + 1;
		answers = get + 2;
		db_run_queries(req->arena, queries, count);
		int found = db_rooms_get_rows(get, &room);
		if (found <= 0)
			return found < 0 ? -1 : 404;
		int marked = status == 200 && pass == 0 ? mark_read(req, &room) : 0;
		if (marked < 0)
			return -1;
		if (marked == 0)
			break;
	}
	const struct form *form = state != NULL && state->form != NULL ? state->form : &message_form;
	struct view *view = form_view(req, form, NULL, NULL, NULL);
	struct account_choices *choices;
	if (inbox_list_fill(req, view, list, &choices) != 0)
		return -1;
	inbox_bulk_notice(req, view);
	fill_summary(req, view, &room);
	view_set_int(view, "ROOM_ID", room_id);
	view_set(view, "ROOM_URL", inbox_room_path(req, room_id));
	/* The list the room was opened from, for 목록으로 and the forms; a
	 * room left and opened without one belongs to the left rooms. */
	const char *list_query = inbox_list_query(req);
	view_set(view, "LIST_QUERY", list_query);
	view_set(view, "COUPONS_URL", arena_printf(req->arena, "%s/coupons%s",
	    inbox_room_path(req, room_id), page_list_param(req, list_query, '?')));
	view_set(view, "REPLIES_URL", arena_printf(req->arena, "/a/%s/replies?room=%lld%s",
	    req->account->code, room_id, page_list_param(req, list_query, '&')));
	view_set(view, "LIST_URL", *list_query == '\0' && room.hidden
	    ? arena_printf(req->arena, "%s?left=1", inbox_chats_path(req))
	    : arena_printf(req->arena, "%s%s", inbox_chats_path(req), list_query));
	if (fill_messages(req, view, &room, messages) != 0)
		return -1;
	fill_choices(req, view, &room, choices);
	view_set(view, "NAME", room.name);
	view_set(view, "MEMO", room.memo);
	view_set(view, "STORED_NAME", room.name);
	view_set(view, "STORED_MEMO", room.memo);
	view_set(view, "TEXT", "");
	if (fill_request_answers(req, view, answers) != 0
	    || (status == 200 && fill_reply(req, view) != 0))
		return -1;
	view_set(view, "CLIENT_ID", auth_new_token(req->arena));
	if (state != NULL && state->values != NULL)
		page_form(view, state->form->fields, state->form->field_count, state->values);
	if (state != NULL)
		fill_state(view, state);
	return form_render(req, form, view, status);
}

int inbox_room_refused(struct request *req, long long room_id, const struct form *form,
    const struct param_value *values, const char *labels_error)
{
	struct room_state state = { .form = form, .values = values, .labels_error = labels_error };
	return room_page(req, room_id, &state, 422);
}

int inbox_room(struct request *req)
{
	return room_page(req, req->ids[1], NULL, 200);
}

/* GET .../messages?after=ID: the newer messages as list items, 204 when none. */
int inbox_messages_after(struct request *req)
{
	long long room_id = req->ids[1];
	struct room_detail room;
	int found = db_rooms_get(req->arena, req->account->id, room_id, &room);
	if (found <= 0)
		return found < 0 ? -1 : 404;
	long long after;
	const char *after_text = http_query(req, "after");
	if (after_text == NULL || text_to_int(after_text, 0, INT64_MAX, &after) != 0)
		after = 0;
	struct message_item *messages;
	int count = db_messages_after(req->arena, req->account->id, room_id, req->account->time_zone,
	    after, INBOX_MESSAGES_AFTER, &messages);
	if (count < 0)
		return -1;
	if (count == 0) {
		req->status = 204;
		req->body.length = 0;
		return 204;
	}
	/* The agent has the room open: what the customer wrote is now read. */
	if (mark_read(req, &room) < 0)
		return -1;
	const char *customer = chat_customer_label(req, room.display_name, room.number);
	struct view *view = page_fragment_new(req);
	view_set(view, "ACCOUNT_CODE", req->account->code);
	for (int i = 0; i < count; i++)
		add_message(req, view, &messages[i], room_id, customer);
	return page_render(req, view, "part_inbox_messages", 200);
}

/* Answers a refused message: JSON {"error"} or the room page with the reason. */
static int message_refused(struct request *req, long long room_id, int status,
    const struct room_state *state, const char *json_text)
{
	if (page_wants_json(req))
		return page_json_error(req, status, json_text);
	return room_page(req, room_id, state, status);
}

/* The result of chat_post_agent (or the friend request) as a response; a
 * reply's JSON also gives the room's status after it (answered, CHAT-17)
 * for the room's header. */
static int message_result(struct request *req, long long room_id, int result,
    struct room_state *state, const char *done, bool reply)
{
	if (result == CHAT_OK || result == CHAT_DUPLICATE) {
		if (page_wants_json(req) && reply) {
			struct strbuf out;
			strbuf_init(&out, req->arena);
			strbuf_puts(&out, "{\"ok\":true,\"status\":\"answered\",\"status_text\":");
			page_json_string(&out, view_text(req->lang, "inbox.status.answered"));
			strbuf_puts(&out, "}");
			return page_json(req, 200, strbuf_text(&out));
		}
		if (page_wants_json(req))
			return page_json(req, 200, "{\"ok\":true}");
		return form_done(req, inbox_room_listed(req, room_id), done);
	}
	if (result == CHAT_SESSION_ENDED) {
		state->message_error = "inbox.err.session_ended";
		return message_refused(req, room_id, 422, state,
		    view_text(req->lang, "inbox.err.session_ended"));
	}
	if (result == CHAT_NOT_FOUND)
		return 404;
	return -1;
}

/* The sent client_id when it is a valid one, else NULL. */
static const char *client_id(struct request *req)
{
	struct param_value value;
	if (param_check(req->arena, &client_id_field, http_form(req, "client_id"), &value) != NULL
	    || !value.present)
		return NULL;
	return value.text;
}

/* Judges the attached file as an image, else as a document: NULL with *mime,
 * or the catalog key of the problem. */
static const char *check_file(struct request *req, const struct http_file *file,
    const char **mime)
{
	const char *error = upload_check(req->arena, file, &upload_chat_image, mime);
	if (error != NULL && strcmp(error, "err.file_type") == 0)
		error = upload_check(req->arena, file, &upload_chat_file, mime);
	if (error != NULL && strcmp(error, "err.file_type") == 0)
		return "inbox.err.file_type";
	return error;
}

int inbox_post_message(struct request *req)
{
	long long room_id = req->ids[1];
	int exists = db_rooms_exists(req->arena, req->account->id, room_id);
	if (exists <= 0)
		return exists < 0 ? -1 : 404;
	struct param_value values[MESSAGE__MAX];
	int errors = form_read(req, &message_form, values, NULL);
	struct room_state state = { .form = &message_form, .values = values };
	struct param_value *text = &values[MESSAGE_TEXT];
	const struct http_file *file = http_file(req, "file");
	if (errors > 0)
		return message_refused(req, room_id, 422, &state,
		    page_field_message(req, &message_fields[MESSAGE_TEXT], text->error));
	if (!text->present && file == NULL) {
		text->error = "inbox.err.empty_message";
		return message_refused(req, room_id, 422, &state,
		    view_text(req->lang, text->error));
	}
	const char *mime = NULL;
	state.file_error = file != NULL ? check_file(req, file, &mime) : NULL;
	if (state.file_error != NULL)
		return message_refused(req, room_id,
		    strcmp(state.file_error, "err.file_too_large") == 0 ? 413 : 422, &state,
		    view_text(req->lang, state.file_error));
	struct chat_input input = {
		.text = text->text, .file = file, .mime = mime, .client_id = client_id(req),
	};
	int result = chat_post_agent(req, req->account->id, room_id, &input);
	return message_result(req, room_id, result, &state, "sent", true);
}

int inbox_friend_request(struct request *req)
{
	long long room_id = req->ids[1];
	struct chat_input input = {
		.text = view_text(req->lang, "inbox.friend_request.body"),
		.client_id = client_id(req),
		.friend_request = true,
	};
	int result = chat_post_agent(req, req->account->id, room_id, &input);
	if (result == CHAT_ALREADY_FRIEND)
		return form_done(req, inbox_room_listed(req, room_id), "already_friend");
	struct room_state state = { 0 };
	return message_result(req, room_id, result, &state, "friend_request", false);
}

/* A one-field form of the room page, the change it saves, its notice and
 * its history action (the stored value before it: the name or the memo). */
struct room_edit {
	const struct form *form; /* of one field */
	int (*save)(struct arena *arena, long long account_id, long long room_id, const char *text);
	const char *done;
	const char *action;
	bool memo;
};

static int room_edit(struct request *req, const struct room_edit *edit)
{
	long long room_id = req->ids[1];
	struct param_value values[1];
	if (form_read(req, edit->form, values, NULL) > 0) {
		struct room_state state = { .form = edit->form, .values = values };
		return room_page(req, room_id, &state, 422);
	}
	struct room_detail room;
	int changed = inbox_room_begin(req, room_id, &room);
	if (changed == 1)
		changed = history_commit(req, edit->save(req->arena, req->account->id, room_id,
		    values[0].text), HISTORY_CHAT, edit->action, inbox_room_name(req, &room),
		    edit->memo ? room.memo : room.name, values[0].text);
	return inbox_changed(req, room_id, changed, inbox_room_listed(req, room_id), edit->done);
}

int inbox_rename(struct request *req)
{
	static const struct room_edit rename = { &rename_form, db_rooms_set_name, "renamed",
		"rename", false };
	return room_edit(req, &rename);
}

int inbox_memo(struct request *req)
{
	static const struct room_edit memo = { &memo_form, db_rooms_set_memo, "memo", "memo",
		true };
	return room_edit(req, &memo);
}

int inbox_complete(struct request *req)
{
	long long room_id = req->ids[1];
	struct room_detail room;
	int changed = inbox_room_begin(req, room_id, &room);
	if (changed == 1)
		changed = history_commit(req, db_rooms_complete(req->arena, req->account->id,
		    room_id), HISTORY_CHAT, "complete", inbox_room_name(req, &room), NULL, NULL);
	return inbox_changed(req, room_id, changed, inbox_room_listed(req, room_id), "completed");
}

/* Puts the count labels ids (of the account) on room_id instead of its
 * labels, with the history entry, in one transaction: 1, 0 no such room, <0. */
static int room_labels_save(struct request *req, long long room_id, const long long *ids,
    size_t count)
{
	long long account_id = req->account->id;
	struct room_detail room;
	int found = inbox_room_begin(req, room_id, &room);
	if (found <= 0)
		return found;
	struct account_choices choices;
	if (db_accounts_choices(req->arena, account_id, room_id, &choices) < 0
	    || db_room_labels_clear(req->arena, account_id, room_id) < 0
	    || db_room_labels_add(req->arena, account_id, room_id, ids, count) < 0
	    || chat_notify(req, account_id, room_id, "room") != 0) {
		db_rollback(req->arena);
		return DB_ERROR;
	}
	const char *before = inbox_room_label_names(req, &choices);
	for (int i = 0; i < choices.label_count; i++) {
		choices.labels[i].on_room = false;
		for (size_t k = 0; k < count; k++)
			choices.labels[i].on_room |= choices.labels[i].id == ids[k];
	}
	return history_commit(req, 1, HISTORY_CHAT, "labels", inbox_room_name(req, &room), before,
	    inbox_room_label_names(req, &choices));
}

int inbox_room_labels(struct request *req)
{
	long long room_id = req->ids[1];
	long long account_id = req->account->id;
	int exists = db_rooms_exists(req->arena, account_id, room_id);
	if (exists <= 0)
		return exists < 0 ? -1 : 404;
	struct param_value values[LABELS__MAX];
	const struct param_value *sent = &values[LABELS_LABEL];
	int known = form_read(req, &labels_form, values, NULL) > 0 ? 0
	    : db_labels_all_known(req->arena, account_id, sent->ids, sent->id_count);
	if (known < 0)
		return -1;
	if (known == 0) {
		struct room_state state = { .labels_error = "inbox.err.labels" };
		return room_page(req, room_id, &state, 422);
	}
	int saved = room_labels_save(req, room_id, sent->ids, sent->id_count);
	if (saved <= 0)
		return saved < 0 ? -1 : 404;
	return form_done(req, inbox_room_listed(req, room_id), "labels");
}

int inbox_attachment(struct request *req)
{
	struct chat_attachment file;
	int found = db_attachments_get(req->arena, req->account->id, req->ids[1], req->ids[2], &file);
	if (found <= 0)
		return found < 0 ? -1 : 404;
	return upload_serve(req, file.stored_name, file.mime, file.display_name, false);
}
