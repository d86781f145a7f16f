/* bulk: one action on the rooms ticked in the list (CHAT-13): read,
 * important, assign, complete, add to a friend group, leave, block. */
#include "account.h"
#include "arena.h"
#include "chat.h"
#include "db.h"
#include "db_accounts.h"
#include "db_customers.h"
#include "db_friend_groups.h"
#include "db_members.h"
#include "db_rooms.h"
#include "form.h"
#include "history.h"
#include "http.h"
#include "notify.h"
#include "pages.h"
#include "page.h"
#include "param.h"
#include "session.h"
#include "view.h"

#include <string.h>

enum bulk_action { BULK_READ, BULK_IMPORTANT, BULK_UNIMPORTANT, BULK_ASSIGN, BULK_COMPLETE,
	BULK_GROUP, BULK_LEAVE, BULK_BLOCK, BULK_UNBLOCK, BULK_RESTORE, BULK_ACTION__MAX };

static const char *const bulk_actions[BULK_ACTION__MAX + 1] = {
	[BULK_READ] = "read", [BULK_IMPORTANT] = "important", [BULK_UNIMPORTANT] = "unimportant",
	[BULK_ASSIGN] = "assign", [BULK_COMPLETE] = "complete", [BULK_GROUP] = "group",
	[BULK_LEAVE] = "leave", [BULK_BLOCK] = "block", [BULK_UNBLOCK] = "unblock",
	[BULK_RESTORE] = "restore",
};

/* ask=1 comes from the pages' own forms (a person choosing): leave and
 * block then wait for confirm=1 (a confirmation page; the script asks in a
 * dialog and sends confirm=1), nothing ticked is a notice on the list, and
 * the page says what was done (?bulk=ACTION&n=ROOMS&done=bulk). */
enum { BULK_FIELD_ACTION, BULK_FIELD_CONFIRM, BULK_FIELD_ROOMS, BULK_FIELD_ASK, BULK_FIELD__MAX };
static const struct param_field bulk_fields[BULK_FIELD__MAX] = {
	[BULK_FIELD_ACTION] = { "action", PARAM_CHOICE, true, 0, 0, bulk_actions },
	[BULK_FIELD_CONFIRM] = { "confirm", PARAM_CHECKBOX, false, 0, 0, NULL },
	[BULK_FIELD_ASK] = { "ask", PARAM_CHECKBOX, false, 0, 0, NULL },
	/* repeats are dropped before the limit is applied (bulk_rooms) */
	[BULK_FIELD_ROOMS] = { "room", PARAM_ID_LIST, false, 0, 0, NULL },
};

/* The optional fields of the "group" and "assign" actions. */
enum { TARGET_GROUP, TARGET_NEW_GROUP, TARGET__MAX };
static const struct param_field group_fields[TARGET__MAX] = {
	[TARGET_GROUP] = { "group", PARAM_ID, false, 0, 0, NULL },
	[TARGET_NEW_GROUP] = { "new_group", PARAM_NAME, false, 1, 30, NULL },
};

/* Blocks the customers of the rooms and ends their open live-update
 * streams (the events program checks again when they reconnect, and a
 * blocked customer gets none). As db_customers_block_rooms. */
static int bulk_block(struct request *req, const long long *ids, size_t count)
{
	int changed = db_customers_block_rooms(req->arena, req->account->id, ids, count, true);
	for (size_t i = 0; changed > 0 && i < count; i++)
		if (chat_notify(req, req->account->id, ids[i], "access") != 0)
			return DB_ERROR;
	return changed;
}

/* The rooms of one action, without repeats. */
struct bulk_rooms {
	long long ids[INBOX_BULK_MAX];
	size_t count;
};

/* Where to go after a bulk action: back when it is a local path of this
 * account's inbox (the list with its filters, or a room), else the list. */
static const char *safe_back(struct request *req, const char *back)
{
	const char *list = inbox_chats_path(req);
	size_t length = strlen(list);
	if (back == NULL || strncmp(back, list, length) != 0)
		return list;
	char next = back[length];
	if (next != '\0' && next != '?' && next != '/')
		return list;
	if (strstr(back, "//") != NULL || strstr(back, "/.") != NULL)
		return list;
	for (const unsigned char *p = (const unsigned char *)back; *p != '\0'; p++)
		if (*p <= 0x20 || *p >= 0x7f || *p == '\\')
			return list;
	return back;
}

/* The 422 page of a refused bulk action; with rooms, a form that repeats
 * the "leave" action with confirm=1. */
static int bulk_refused(struct request *req, const char *message_key, const char *back,
    const struct bulk_rooms *rooms)
{
	struct view *view = account_page_new(req, "inbox.bulk.title", "chats");
	view_set_text(view, "MESSAGE", message_key);
	view_set(view, "BACK", back);
	if (rooms != NULL) {
		view_show(view, "CONFIRM_LEAVE");
		for (size_t i = 0; i < rooms->count; i++)
			view_set_int(view_add_row(view, "ROOMS"), "ID", rooms->ids[i]);
	}
	return page_render(req, view, "page_inbox_notice", 422);
}

/* Copies the sent room ids without repeats; false when there are more than
 * INBOX_BULK_MAX. */
static bool bulk_rooms(const struct param_value *value, struct bulk_rooms *rooms)
{
	rooms->count = 0;
	for (size_t i = 0; i < value->id_count; i++) {
		bool seen = false;
		for (size_t k = 0; k < rooms->count && !seen; k++)
			seen = rooms->ids[k] == value->ids[i];
		if (seen)
			continue;
		if (rooms->count == INBOX_BULK_MAX)
			return false;
		rooms->ids[rooms->count++] = value->ids[i];
	}
	return true;
}

/* The friend group of a "group" action: the chosen group of the account, or
 * the one named new_group (made when missing, inside the caller's
 * transaction). 0 when neither is valid, <0 on error. */
static long long bulk_group(struct request *req)
{
	struct param_value values[TARGET__MAX];
	param_read(req, group_fields, TARGET__MAX, values);
	long long account_id = req->account->id;
	if (values[TARGET_GROUP].present && values[TARGET_GROUP].error == NULL) {
		long long id = values[TARGET_GROUP].number;
		int found = db_friend_groups_exists(req->arena, account_id, id);
		return found < 0 ? found : found == 1 ? id : 0;
	}
	if (values[TARGET_NEW_GROUP].error != NULL || !values[TARGET_NEW_GROUP].present)
		return 0;
	long long id = 0;
	int found = db_accounts_lock(req->arena, account_id);
	if (found == 1)
		found = db_friend_groups_ensure(req->arena, account_id,
		    values[TARGET_NEW_GROUP].text, INBOX_GROUPS_MAX, &id);
	return found < 0 ? found : found == 1 ? id : 0;
}

/* The member of an "assign" action: 1 with *partner_id (0 for "none"), 0 when
 * not a member of the account, <0 error. */
static int bulk_assignee(struct request *req, long long *partner_id)
{
	const char *assignee = http_form(req, "assignee");
	*partner_id = 0;
	if (assignee != NULL && strcmp(assignee, "none") == 0)
		return 1;
	static const struct param_field field = { "assignee", PARAM_ID, true, 0, 0, NULL };
	struct param_value value;
	if (param_check(req->arena, &field, assignee, &value) != NULL)
		return 0;
	*partner_id = value.number;
	return db_members_exists(req->arena, req->account->id, value.number);
}

/* Runs action on rooms: rooms changed (≥ 0), <0 error, or a status ≥ 400
 * already answered (a refusal page) through *status; *chosen is set to the
 * member of "assign" and the group of "group". */
static int bulk_run(struct request *req, enum bulk_action action, bool confirmed,
    const struct bulk_rooms *rooms, const char *back, int *status, long long *chosen)
{
	struct arena *arena = req->arena;
	long long account_id = req->account->id;
	const long long *ids = rooms->ids;
	size_t count = rooms->count;
	switch (action) {
	case BULK_READ: return db_rooms_read_many(arena, account_id, ids, count);
	case BULK_IMPORTANT:
	case BULK_UNIMPORTANT:
		return db_rooms_set_important_many(arena, account_id, ids, count,
		    action == BULK_IMPORTANT);
	case BULK_ASSIGN: {
		long long partner_id;
		int member = bulk_assignee(req, &partner_id);
		*chosen = partner_id;
		if (member == 0)
			*status = bulk_refused(req, "inbox.bulk.bad_assignee", back, NULL);
		if (member <= 0)
			return member < 0 ? member : 0;
		return db_rooms_assign_many(arena, account_id, ids, count, partner_id);
	}
	case BULK_COMPLETE: return db_rooms_complete_many(arena, account_id, ids, count);
	case BULK_GROUP: {
		long long group = bulk_group(req);
		*chosen = group;
		if (group == 0)
			*status = bulk_refused(req, "inbox.bulk.bad_group", back, NULL);
		if (group <= 0)
			return group < 0 ? (int)group : 0;
		return db_friend_groups_add_rooms(arena, account_id, group, ids, count);
	}
	case BULK_LEAVE: {
		int blocked = confirmed ? 0 : db_rooms_any_blocked(arena, account_id, ids, count);
		if (blocked > 0)
			*status = bulk_refused(req, "inbox.bulk.leave_blocked", back, rooms);
		if (blocked != 0)
			return blocked < 0 ? blocked : 0;
		return db_rooms_hide_many(arena, account_id, ids, count);
	}
	case BULK_BLOCK:
		return bulk_block(req, ids, count);
	case BULK_UNBLOCK:
		return db_customers_block_rooms(arena, account_id, ids, count, false);
	case BULK_RESTORE:
		return db_rooms_restore_many(arena, account_id, ids, count);
	case BULK_ACTION__MAX: break;
	}
	return DB_ERROR;
}

/* The rooms of an action as they were before it, for its history entries. */
struct bulk_before {
	struct room_detail rooms[INBOX_BULK_MAX];
	bool found[INBOX_BULK_MAX];
	long long chosen; /* the member of "assign", the group of "group": set by bulk_run */
};

/* Reads the rooms of the account among rooms into before: 0 or <0. */
static int bulk_read_before(struct request *req, const struct bulk_rooms *rooms,
    struct bulk_before *before)
{
	for (size_t i = 0; i < rooms->count; i++) {
		int found = db_rooms_get(req->arena, req->account->id, rooms->ids[i],
		    &before->rooms[i]);
		if (found < 0)
			return found;
		before->found[i] = found == 1;
	}
	return 0;
}

/* Tells the member the rooms were assigned to (LOG-3: what another member
 * did), unless they assigned them to themselves: one notification naming the
 * first room, and how many more. 0 or <0. */
static int bulk_tell_assignee(struct request *req, long long assignee,
    const struct bulk_rooms *rooms, const struct bulk_before *before)
{
	if (assignee == 0 || assignee == req->session->partner_id)
		return 0;
	const char *first = NULL;
	long long more = 0;
	for (size_t i = 0; i < rooms->count; i++) {
		if (!before->found[i])
			continue;
		if (first == NULL)
			first = inbox_room_name(req, &before->rooms[i]);
		else
			more++;
	}
	if (first == NULL)
		return 0;
	const char *who = more == 0 ? first : arena_printf(req->arena, "%s %s", first,
	    inbox_count_text(req, "notification.room_assigned_more", more));
	return notify_partner(req->arena, assignee, "room_assigned", req->account->id, who) == 1
	    ? 0 : DB_ERROR;
}

/* One history entry per room of the account that action changed (LOG-1;
 * marking read is not recorded): 0 or <0. */
static int bulk_history(struct request *req, enum bulk_action action, long long chosen,
    const struct bulk_rooms *rooms, const struct bulk_before *before)
{
	if (action == BULK_READ)
		return 0;
	struct account_choices choices;
	if (db_accounts_choices(req->arena, req->account->id, 0, &choices) < 0)
		return DB_ERROR;
	for (size_t i = 0; i < rooms->count; i++) {
		if (!before->found[i])
			continue;
		const struct room_detail *room = &before->rooms[i];
		const char *was = NULL, *is = NULL;
		if (action == BULK_ASSIGN) {
			const char *none = view_text(req->lang, "history_value_none");
			was = room->assignee_id != 0 ? room->assignee : none;
			is = chosen != 0 ? inbox_member_name(&choices, chosen) : none;
		}
		if (action == BULK_GROUP)
			is = inbox_group_name(&choices, chosen);
		if (history_add(req, HISTORY_CHAT, bulk_actions[action], inbox_room_name(req, room),
		    was, is) < 0)
			return DB_ERROR;
	}
	if (action == BULK_ASSIGN)
		return bulk_tell_assignee(req, chosen, rooms, before);
	return 0;
}

/* bulk_run inside one transaction with the history entries: as bulk_run. */
static int bulk_run_recorded(struct request *req, enum bulk_action action, bool confirmed,
    const struct bulk_rooms *rooms, const char *back, int *status)
{
	struct bulk_before *before = arena_alloc(req->arena, sizeof(*before));
	if (db_begin(req->arena) != 0)
		return DB_ERROR;
	int result = bulk_read_before(req, rooms, before);
	if (result == 0)
		result = bulk_run(req, action, confirmed, rooms, back, status,
		    &before->chosen);
	if (result > 0 && *status == 0 && bulk_history(req, action, before->chosen, rooms,
	    before) != 0)
		result = DB_ERROR;
	if (result < 0 || *status != 0 || db_commit(req->arena) != 0) {
		db_rollback(req->arena);
		return result < 0 || *status != 0 ? result : DB_ERROR;
	}
	return result;
}

/* The page that asks before leaving or blocking rooms (200): a form that
 * sends the same action with confirm=1, and a way back. */
static int bulk_confirm(struct request *req, enum bulk_action action, const char *back,
    const struct bulk_rooms *rooms)
{
	struct view *view = account_page_new(req, "inbox.confirm.title", "chats");
	view_set(view, "ACTION", bulk_actions[action]);
	view_set_text(view, "QUESTION", arena_printf(req->arena, "inbox.confirm.%s",
	    bulk_actions[action]));
	view_set(view, "COUNT_TEXT", inbox_count_text(req, "inbox.confirm.count",
	    (long long)rooms->count));
	view_set(view, "BACK", back);
	view_set(view, "FORM_ACTION", arena_printf(req->arena, "%s/bulk", inbox_chats_path(req)));
	for (size_t i = 0; i < rooms->count; i++)
		view_set_int(view_add_row(view, "ROOMS"), "ID", rooms->ids[i]);
	return page_render(req, view, "page_inbox_confirm", 200);
}

/* back with the report of a done action (?bulk=ACTION&n=ROOMS&done=bulk). */
static const char *bulk_report(struct request *req, const char *back, enum bulk_action action,
    int changed)
{
	return arena_printf(req->arena, "%s%sbulk=%s&n=%d", back, strchr(back, '?') != NULL ? "&"
	    : "?", bulk_actions[action], changed);
}

int inbox_bulk(struct request *req)
{
	const char *back = safe_back(req, http_form(req, "back"));
	struct param_value values[BULK_FIELD__MAX];
	param_read(req, bulk_fields, BULK_FIELD__MAX, values);
	bool ask = values[BULK_FIELD_ASK].present && values[BULK_FIELD_ASK].error == NULL;
	struct bulk_rooms rooms;
	if (values[BULK_FIELD_ROOMS].error != NULL || !bulk_rooms(&values[BULK_FIELD_ROOMS], &rooms))
		return bulk_refused(req, "inbox.bulk.bad_rooms", back, NULL);
	if (rooms.count == 0)
		return ask ? form_done(req, back, "none")
			   : bulk_refused(req, "inbox.bulk.none", back, NULL);
	if (values[BULK_FIELD_ACTION].error != NULL || values[BULK_FIELD_CONFIRM].error != NULL)
		return bulk_refused(req, "inbox.bulk.bad_action", back, NULL);
	int action = 0;
	while (strcmp(bulk_actions[action], values[BULK_FIELD_ACTION].text) != 0)
		action++;
	bool confirmed = values[BULK_FIELD_CONFIRM].present;
	if (ask && !confirmed && (action == BULK_LEAVE || action == BULK_BLOCK))
		return bulk_confirm(req, (enum bulk_action)action, back, &rooms);
	int status = 0;
	int result = bulk_run_recorded(req, (enum bulk_action)action, confirmed, &rooms, back,
	    &status);
	if (status != 0)
		return status;
	if (result < 0 || chat_notify(req, req->account->id, 0, "room") != 0)
		return -1;
	if (!ask)
		return http_redirect(req, back);
	return form_done(req, bulk_report(req, back, (enum bulk_action)action, result), "bulk");
}
