/* talk: the chat page (GET /talk/CODE), its newer-messages fragment (GET
 * /talk/CODE/messages?after=ID), and the page again after a refused post. */
#include "pages.h"
#include "arena.h"
#include "auth.h"
#include "csrf.h"
#include "db_messages.h"
#include "db_rooms.h"
#include "http.h"
#include "page.h"
#include "text.h"
#include "upload.h"
#include "view.h"

#include <limits.h>
#include <string.h>

/* Adds one message to view's section MESSAGES; previous is the message shown
 * before it (sender and day), to place day lines and the sender's name. */
static void talk_add_message(struct request *req, struct view *view,
    const struct chat_message *message, const struct chat_message *previous, bool unread)
{
	struct view *row = view_add_row(view, "MESSAGES");
	bool new_day = strcmp(message->day, previous->day) != 0;
	view_set_int(row, "ID", message->id);
	view_set(row, "BODY", message->body);
	chat_view_body(req, row, message->body);
	view_set(row, "TIME", message->time);
	view_set(row, "DAY", message->day);
	if (new_day)
		view_show(row, "NEW_DAY");
	if (strcmp(message->sender, "customer") == 0) {
		view_show(row, "MINE");
		view_set(row, "SIDE", "mine");
		if (unread)
			view_show(row, "UNREAD");
	} else {
		/* A member's message or the account's automatic one ("system"): to
		 * the customer both are the account speaking (CHAT-15). */
		view_show(row, "THEIRS");
		view_set(row, "SIDE", "theirs");
		bool after_account = strcmp(previous->sender, "agent") == 0
		    || strcmp(previous->sender, "system") == 0;
		if (!after_account || new_day)
			view_show(row, "SHOW_SENDER");
	}
	if (*message->body != '\0')
		view_show(row, "HAS_BODY");
	if (message->attachment_id != 0) {
		view_show(row, message->is_image ? "IMAGE" : "FILE");
		view_set_int(row, "FILE_ID", message->attachment_id);
		view_set(row, "FILE_NAME", message->file_name);
		view_set(row, "FILE_SIZE", upload_size_text(req->arena, message->file_size));
		if (message->width > 0) {
			view_show(row, "SIZED");
			view_set_int(row, "WIDTH", message->width);
			view_set_int(row, "HEIGHT", message->height);
		}
	}
	if (strcmp(message->kind, "friend_request") == 0)
		view_show(row, "FRIEND_REQUEST");
}

/* Adds the room's visible messages with id > after (the newest 300, oldest
 * first) to view's section MESSAGES. Agents' messages carry the account's
 * name only (CHAT-15), never a member's; a day line and the sender's name
 * appear where they change, judged against message `after` for a fragment;
 * the newest unread of the customer's own carry the unread mark (CHAT-22).
 * Returns the number of messages and sets *last_id (when > 0), or <0. */
static int talk_add_messages(struct request *req, struct view *view,
    const struct chat_account *account, const struct chat_customer *customer, long long after,
    long long *last_id)
{
	long long room_id = customer->room_id, unread;
	if (db_rooms_customer_unread(req->arena, account->id, room_id, customer->id, &unread) < 0)
		return -1;
	struct chat_message *messages;
	int count = db_messages_list_for_customer(req->arena, account->id, room_id,
	    account->time_zone, after, &messages);
	if (count <= 0)
		return count;
	struct chat_message previous = { .sender = "", .day = "" };
	if (after > 0 && db_messages_get_for_customer(req->arena, account->id, room_id,
			     account->time_zone, after, &previous) < 0)
		return -1;
	int unread_from = 0; /* messages[i] with i < unread_from are the unread ones */
	for (int i = 0; i < count && unread > 0; i++) {
		unread_from = i + 1;
		unread -= strcmp(messages[i].sender, "customer") == 0;
	}
	for (int i = count - 1; i >= 0; i--) {
		talk_add_message(req, view, &messages[i], &previous, i < unread_from);
		previous = messages[i];
	}
	*last_id = messages[0].id;
	return count;
}

/* The profile, the hours and the conversation (or the greetings before
 * one), shown when the account is open. */
static int talk_render_open(struct request *req, struct view *view,
    const struct chat_account *account, const struct chat_customer *customer, bool blocked,
    const struct opening *opening)
{
	opening_view(req, view, opening);
	if (*account->intro != '\0') {
		view_show(view, "HAS_INTRO");
		view_set(view, "ACCOUNT_INTRO", account->intro);
	}
	view_show(view, account->has_profile_image ? "HAS_PROFILE_IMAGE" : "NO_PROFILE_IMAGE");
	if (account->has_background_image)
		view_show(view, "HAS_BACKGROUND_IMAGE");
	struct view *list = view_include(view, "MESSAGE_LIST", "part_talk_messages");
	long long last_id = 0;
	int messages = 0;
	if (customer->room_id != 0) {
		messages = talk_add_messages(req, list, account, customer, 0, &last_id);
		if (messages < 0)
			return -1;
		view_show(view, "CAN_LEAVE");
		view_show(view, "HAS_ROOM");
	}
	if (customer->is_friend)
		view_show(view, "FRIEND_REMOVE");
	else if (!blocked)
		view_show(view, "FRIEND_ADD");
	view_show(view, "LIVE");
	if (messages == 0 && talk_greetings(req, view, opening, customer) == 0)
		view_show(view, "EMPTY");
	view_set_int(view, "LAST_ID", last_id);
	return 0;
}

/* The input box, with what was typed and what went wrong after a refusal. */
static void talk_render_composer(struct request *req, struct view *view,
    const struct chat_customer *customer, bool found, const struct talk_form *form)
{
	view_show(view, "COMPOSER");
	if (form->values != NULL)
		page_form(view, talk_message_form.fields, talk_message_form.field_count, form->values);
	/* set after page_form: a fresh key, and the inflow as judged */
	view_set(view, "CLIENT_ID", auth_new_token(req->arena));
	view_set(view, "REF", form->ref);
	view_set(view, "REFERRER", form->referrer);
	if (customer->room_id == 0) {
		view_show(view, "ASK_NAME");
		view_set(view, "NAME_PLACEHOLDER",
		    found ? chat_customer_label(req, "", customer->number) : "");
	}
	if (form->file_error != NULL) {
		view_set_text(view, "FILE_ERROR", form->file_error);
		view_show(view, "FILE_INVALID");
	}
	if (form->form_error != NULL)
		page_form_error(view, form->form_error);
}

/* The first character of name, standing in for a missing profile image. */
static const char *talk_initial(struct request *req, const char *name)
{
	size_t length = *name != '\0' ? 1 : 0;
	while (length > 0 && length < 4 && ((unsigned char)name[length] & 0xC0) == 0x80)
		length++;
	return arena_strndup(req->arena, name, length);
}

int talk_render(struct request *req, const struct chat_account *account,
    const struct talk_form *form, int status)
{
	const char *key = chat_customer_key(req, true);
	struct chat_customer customer;
	struct opening opening;
	int found = talk_visit_load(req, account, key, &opening, &customer);
	if (found < 0)
		return -1;
	struct view *view = page_new(req, "talk.title");
	req->framable = true; /* the page may sit in a frame on the account's own site */
	view_set(view, "PAGE_TITLE", account->name);
	view_set(view, "CODE", account->code);
	view_set(view, "ACCOUNT_NAME", account->name);
	view_set(view, "INITIAL", talk_initial(req, account->name));
	/* The events stream replays what happened after this moment, taken
	 * before the messages are read (?since= of /events/talk/CODE). */
	view_set_int(view, "SINCE", http_since_now());

	bool open = talk_is_open(account);
	const char *closed = talk_closed_reason(account);
	if (closed == NULL && talk_refuses(&opening))
		closed = "hours.refused";
	bool blocked = form->blocked || customer.blocked;
	if (!open)
		view_show(view, "NO_PROFILE_IMAGE");
	else if (talk_render_open(req, view, account, &customer, blocked, &opening) != 0)
		return -1;
	if (!open)
		view_set_int(view, "LAST_ID", 0);
	if (blocked && open) {
		view_show(view, "BLOCKED");
	} else if (closed != NULL) {
		view_show(view, "CLOSED");
		view_set_text(view, "CLOSED_TEXT", closed);
	} else {
		int request = open ? talk_render_extras(req, view, account, &customer) : 0;
		if (request < 0)
			return -1;
		if (request == 0)
			talk_render_composer(req, view, &customer, found == 1, form);
		else if (form->form_error != NULL)
			page_form_error(view, form->form_error);
	}
	return page_render(req, view, "page_talk", status);
}

int talk_page(struct request *req)
{
	struct chat_account account;
	int status = talk_account_load(req, &account);
	if (status != 0)
		return status;
	struct talk_form form = { 0 };
	talk_inflow(req, &form);
	return talk_render(req, &account, &form, 200);
}

/* GET /talk/CODE/messages?after=ID: the customer's newer messages as list
 * items for the script; 204 when there are none. */
int talk_messages(struct request *req)
{
	long long after = 0;
	const char *after_text = http_query(req, "after");
	if (after_text != NULL && *after_text != '\0'
	    && text_to_int(after_text, 0, LLONG_MAX, &after) != 0)
		return 400;
	struct chat_account account;
	struct chat_customer customer;
	int status = talk_visitor_load(req, &account, &customer);
	if (status != 0)
		return status;
	req->status = 204;
	if (customer.id == 0 || customer.room_id == 0 || !talk_is_open(&account))
		return 204;
	struct view *view = page_fragment_new(req);
	view_set(view, "CSRF", csrf_token(req)); /* the friend request's form */
	view_set(view, "CODE", account.code);
	view_set(view, "ACCOUNT_NAME", account.name);
	long long last_id = 0;
	int count = talk_add_messages(req, view, &account, &customer, after, &last_id);
	if (count < 0)
		return -1;
	if (count == 0)
		return 204;
	return page_render(req, view, "part_talk_messages", 200);
}

/* GET /talk/CODE/read: {"unread": N}, how many of the customer's newest
 * messages no agent has read yet (CHAT-22), for the script to move the
 * marks when an agent opens the room (the "read" notice). */
int talk_read(struct request *req)
{
	struct chat_account account;
	struct chat_customer customer;
	int status = talk_visitor_load(req, &account, &customer);
	if (status != 0)
		return status;
	long long unread = 0;
	if (customer.id != 0 && customer.room_id != 0 && talk_is_open(&account)
	    && db_rooms_customer_unread(req->arena, account.id, customer.room_id, customer.id,
		&unread) < 0)
		return -1;
	return page_json(req, 200, arena_printf(req->arena, "{\"unread\":%lld}", unread));
}
