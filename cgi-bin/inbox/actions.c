/* actions: what an agent does to one room from its page beyond writing
 * (issue 13): leave and block behind a confirmation (a page without
 * JavaScript, a dialog with it), bringing a left room back, saving name,
 * memo and labels together, and telling the others who views or types. */
#include "account.h"
#include "arena.h"
#include "chat.h"
#include "db.h"
#include "db_customers.h"
#include "db_labels.h"
#include "db_rate_counters.h"
#include "db_room_labels.h"
#include "db_rooms.h"
#include "form.h"
#include "history.h"
#include "http.h"
#include "pages.h"
#include "page.h"
#include "param.h"
#include "session.h"
#include "view.h"

#include <string.h>

/* The confirmation page of leave or block for one room (GET, 200). */
static int room_confirm(struct request *req, const char *action)
{
	long long room_id = req->ids[1];
	struct room_detail room;
	int found = db_rooms_get(req->arena, req->account->id, room_id, &room);
	if (found <= 0)
		return found < 0 ? -1 : 404;
	struct view *view = account_page_new(req, "inbox.confirm.title", "chats");
	view_set(view, "ACTION", action);
	view_set_text(view, "QUESTION", arena_printf(req->arena, "inbox.confirm.%s", action));
	/* the room as its header names it: its name, then the customer */
	const char *customer = chat_customer_label(req, room.display_name, room.number);
	view_set(view, "COUNT_TEXT", *room.name != '\0'
	    ? arena_printf(req->arena, "%s (%s)", room.name, customer) : customer);
	const char *room_path = inbox_room_path(req, room_id), *query = inbox_list_query(req);
	view_set(view, "BACK", arena_printf(req->arena, "%s%s", room_path, query));
	view_set(view, "FORM_ACTION", arena_printf(req->arena, "%s/%s%s", room_path, action, query));
	return page_render(req, view, "page_inbox_confirm", 200);
}

int inbox_leave_confirm(struct request *req)
{
	return room_confirm(req, "leave");
}

int inbox_block_confirm(struct request *req)
{
	return room_confirm(req, "block");
}

/* Runs change on the room in one transaction with its history line and
 * the notice to open pages (kind); 1 changed, 0 not (missing or already
 * so), <0 error. */
static int room_act(struct request *req, int (*change)(struct request *req, long long room_id),
    const char *history_word, const char *notice_kind)
{
	long long room_id = req->ids[1];
	struct room_detail room;
	int found = inbox_room_begin(req, room_id, &room);
	if (found <= 0)
		return found;
	int changed = change(req, room_id);
	/* the history names the room as its header does, not by its number */
	if (changed > 0 && (history_add(req, HISTORY_CHAT, history_word,
		inbox_room_name(req, &room), NULL, NULL) < 0
	    || chat_notify(req, req->account->id, room_id, notice_kind) != 0
	    || chat_notify(req, req->account->id, 0, "room") != 0))
		changed = -1;
	if (changed < 0) {
		db_rollback(req->arena);
		return -1;
	}
	return db_commit(req->arena) == 0 ? changed : -1;
}

static int change_leave(struct request *req, long long room_id)
{
	return db_rooms_hide_many(req->arena, req->account->id, &room_id, 1);
}

static int change_restore(struct request *req, long long room_id)
{
	return db_rooms_restore_many(req->arena, req->account->id, &room_id, 1);
}

static int change_block(struct request *req, long long room_id)
{
	return db_customers_block_rooms(req->arena, req->account->id, &room_id, 1, true);
}

/* 404 for another account's room; else the action, then where to go. */
static int room_finish(struct request *req, int changed, const char *path, const char *done)
{
	if (changed < 0)
		return -1;
	int exists = changed > 0 ? 1 : db_rooms_exists(req->arena, req->account->id, req->ids[1]);
	if (exists <= 0)
		return exists < 0 ? -1 : 404;
	if (page_wants_json(req))
		return page_json(req, 200, "{\"ok\":true}");
	return form_done(req, path, done);
}

int inbox_leave(struct request *req)
{
	int changed = room_act(req, change_leave, "room_leave", "room");
	const char *query = inbox_list_query(req);
	const char *list = arena_printf(req->arena, "%s%s%sroom=%lld", inbox_chats_path(req), query,
	    *query != '\0' ? "&" : "?", req->ids[1]);
	return room_finish(req, changed, list, "left");
}

int inbox_restore(struct request *req)
{
	int changed = room_act(req, change_restore, "room_restore", "room");
	return room_finish(req, changed, inbox_room_listed(req, req->ids[1]), "restored");
}

int inbox_block(struct request *req)
{
	/* "access" ends the customer's open stream (see bulk.c) */
	int changed = room_act(req, change_block, "room_block", "access");
	return room_finish(req, changed, inbox_room_listed(req, req->ids[1]), "blocked");
}

/* The details form also sends what it showed (was=1 with name_was, memo_was
 * and label_was): a save then changes only what this member changed, so a
 * label ticked on a page opened before another member's memo keeps that memo. */
enum { DETAILS_NAME, DETAILS_MEMO, DETAILS_LABEL, DETAILS_WAS, DETAILS_NAME_WAS,
	DETAILS_MEMO_WAS, DETAILS_LABEL_WAS, DETAILS__MAX };
static const struct param_field details_fields[DETAILS__MAX] = {
	[DETAILS_NAME] = { "name", PARAM_NAME, false, 0, 30, NULL },
	[DETAILS_MEMO] = { "memo", PARAM_LINES, false, 0, 1000, NULL },
	[DETAILS_LABEL] = { "label", PARAM_ID_LIST, false, 0, INBOX_LABELS_MAX, NULL },
	[DETAILS_WAS] = { "was", PARAM_CHECKBOX, false, 0, 0, NULL },
	[DETAILS_NAME_WAS] = { "name_was", PARAM_NAME, false, 0, 30, NULL },
	[DETAILS_MEMO_WAS] = { "memo_was", PARAM_LINES, false, 0, 1000, NULL },
	[DETAILS_LABEL_WAS] = { "label_was", PARAM_ID_LIST, false, 0, INBOX_LABELS_MAX, NULL },
};

const struct form inbox_details_form = {
	.template_name = "page_inbox_room", .title = "inbox.room.title", .menu = "chats",
	.fields = details_fields, .field_count = DETAILS__MAX,
};

/* The text of field v, "" when empty or not sent. */
static const char *details_text(const struct param_value *v)
{
	return v->present ? v->text : "";
}

/* The new value of a text field: NULL (keep the stored one) when the form
 * showed its value and this member left it as shown. */
static const char *details_changed(const struct param_value *v, const struct param_value *was,
    bool merge)
{
	return merge && strcmp(details_text(v), details_text(was)) == 0 ? NULL : details_text(v);
}

/* The ids of a that are not in b, in the arena; *count is set. */
static long long *details_minus(struct arena *arena, const struct param_value *a,
    const struct param_value *b, size_t *count)
{
	long long *out = arena_alloc(arena, sizeof(*out) * (a->id_count + 1));
	*count = 0;
	for (size_t i = 0; i < a->id_count; i++) {
		bool found = false;
		for (size_t j = 0; j < b->id_count && !found; j++)
			found = a->ids[i] == b->ids[j];
		if (!found)
			out[(*count)++] = a->ids[i];
	}
	return out;
}

/* The room's labels as the form sets them: with what it showed, the ones
 * ticked and unticked here are added and taken off; without, the room gets
 * exactly the ticked ones. Rows changed (0: none), or <0. */
static int details_labels(struct request *req, long long room_id, const struct param_value *v,
    bool merge)
{
	long long account_id = req->account->id;
	const struct param_value *labels = &v[DETAILS_LABEL], *was = &v[DETAILS_LABEL_WAS];
	if (!merge) {
		int cleared = db_room_labels_clear(req->arena, account_id, room_id);
		int added = cleared < 0 ? cleared
		    : db_room_labels_add(req->arena, account_id, room_id, labels->ids,
			labels->id_count);
		return added < 0 ? added : cleared + added;
	}
	size_t add_count, remove_count;
	long long *add = details_minus(req->arena, labels, was, &add_count);
	long long *remove = details_minus(req->arena, was, labels, &remove_count);
	int removed = remove_count == 0 ? 0
	    : db_room_labels_remove(req->arena, account_id, room_id, remove, remove_count);
	int added = removed < 0 || add_count == 0 ? 0
	    : db_room_labels_add(req->arena, account_id, room_id, add, add_count);
	return removed < 0 ? removed : added < 0 ? added : removed + added;
}

/* Saves name, memo and labels in one transaction; a save that changes
 * nothing writes nothing (no history line, no notice). 1, 0 no such room,
 * or <0 error. */
static int details_save(struct request *req, long long room_id, const struct param_value *v)
{
	long long account_id = req->account->id;
	bool merge = v[DETAILS_WAS].number == 1;
	struct room_detail stored;
	int found = inbox_room_begin(req, room_id, &stored);
	if (found <= 0)
		return found;
	const char *memo = details_changed(&v[DETAILS_MEMO], &v[DETAILS_MEMO_WAS], merge);
	int room = db_rooms_set_details(req->arena, account_id, room_id,
	    details_changed(&v[DETAILS_NAME], &v[DETAILS_NAME_WAS], merge), memo);
	int labels = room < 0 ? room : details_labels(req, room_id, v, merge);
	/* the history names the room, with the memo before and after when it changed */
	bool memo_changed = memo != NULL && strcmp(memo, stored.memo) != 0;
	if (room < 0 || labels < 0 || (room + labels > 0
	    && (history_add(req, HISTORY_CHAT, "room_details", inbox_room_name(req, &stored),
		memo_changed ? stored.memo : NULL, memo_changed ? memo : NULL) < 0
		|| chat_notify(req, account_id, room_id, "room") != 0))) {
		db_rollback(req->arena);
		return -1;
	}
	return db_commit(req->arena) == 0 ? 1 : -1;
}

int inbox_details(struct request *req)
{
	long long room_id = req->ids[1];
	int exists = db_rooms_exists(req->arena, req->account->id, room_id);
	if (exists <= 0)
		return exists < 0 ? -1 : 404;
	struct param_value values[DETAILS__MAX];
	const struct param_value *labels = &values[DETAILS_LABEL];
	int errors = form_read(req, &inbox_details_form, values, NULL);
	int known = errors > 0 ? 1 : db_labels_all_known(req->arena, req->account->id, labels->ids,
	    labels->id_count);
	if (known < 0)
		return -1;
	if (errors > 0 || known == 0) {
		if (page_wants_json(req))
			return page_json_error(req, 422, view_text(req->lang, known == 0
			    ? "inbox.err.labels" : "inbox.err.details"));
		return inbox_room_refused(req, room_id, &inbox_details_form, values,
		    known == 0 ? "inbox.err.labels" : NULL);
	}
	int saved = details_save(req, room_id, values);
	if (saved <= 0)
		return saved < 0 ? -1 : 404;
	if (page_wants_json(req))
		return page_json(req, 200, "{\"ok\":true}");
	return form_done(req, inbox_room_listed(req, room_id), "details");
}

/* POST .../presence state=viewing|typing: tells the account's other open
 * pages, at most once per 3 s per session, room and state (204 either way). */
int inbox_presence(struct request *req)
{
	long long room_id = req->ids[1];
	const char *state = http_form(req, "state");
	if (state == NULL || (strcmp(state, "viewing") != 0 && strcmp(state, "typing") != 0))
		return 422;
	int exists = db_rooms_exists(req->arena, req->account->id, room_id);
	if (exists <= 0)
		return exists < 0 ? -1 : 404;
	const char *key = arena_printf(req->arena, "presence:%lld:%lld:%s", req->session->id,
	    room_id, state);
	int counted = db_rate_counters_take(req->arena, key, 3, 1);
	long long partner_id = req->session->partner_id;
	if (counted < 0 || (counted > 0
		&& chat_notify_partner(req, req->account->id, room_id, state, partner_id) != 0))
		return -1;
	req->status = 204;
	req->body.length = 0;
	return 204;
}
