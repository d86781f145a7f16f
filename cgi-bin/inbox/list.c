/* list: the inbox's list of rooms with its filters, status tabs and keyset
 * pages (CHAT-10, 12), its live-update fragment, and the unread count. */
#include "account.h"
#include "arena.h"
#include "chat.h"
#include "db_accounts.h"
#include "db_friend_groups.h"
#include "db_inbox_versions.h"
#include "db_labels.h"
#include "db_members.h"
#include "db_rooms.h"
#include "form.h"
#include "http.h"
#include "pages.h"
#include "page.h"
#include "param.h"
#include "route.h"
#include "rows_cache.h"
#include "search_plan.h"
#include "session.h"
#include "text.h"
#include "view.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

static const char *const room_statuses[] = {
	"unread", "unanswered", "answered", "completed", NULL,
};
static const char *const periods[] = { "1d", "7d", "30d", "90d", NULL };
static const char *const bulk_report_actions[] = { "read", "important", "unimportant", "assign",
	"complete", "group", "leave", "block", "unblock", "restore", NULL };
static const int period_days[] = { 1, 7, 30, 90 };

/* The query's filters: the list query's own, and how the address spells them. */
struct list_filter {
	struct rooms_filter rooms;
	const char *assignee; /* "mine", "unassigned", a member's id, or NULL */
	const char *period;   /* one of periods, or NULL */
	struct param_value search; /* q as read; its error when it was refused */
};

/* The search (CHAT-12 q): one line of text of at most INBOX_SEARCH_MAX code
 * points. */
static const struct param_field search_field = { "q", PARAM_SEARCH, false, 0, INBOX_SEARCH_MAX,
	NULL };

const char *inbox_chats_path(struct request *req)
{
	return arena_printf(req->arena, "/a/%s/chats", req->account->code);
}

const char *inbox_room_path(struct request *req, long long room_id)
{
	return arena_printf(req->arena, "/a/%s/chats/%lld", req->account->code, room_id);
}

/* The index of value in choices, or -1. */
static int choice_index(const char *value, const char *const *choices)
{
	for (int i = 0; value != NULL && choices[i] != NULL; i++)
		if (strcmp(value, choices[i]) == 0)
			return i;
	return -1;
}

const char *inbox_count_text(struct request *req, const char *key, long long n)
{
	const char *pattern = view_text(req->lang, key);
	const char *at = strstr(pattern, "{n}");
	if (at == NULL)
		return pattern;
	return arena_printf(req->arena, "%.*s%lld%s", (int)(at - pattern), pattern, n, at + 3);
}

/* How long a room has waited, in the largest whole unit ("12분 대기"). */
static const char *waiting_text(struct request *req, long long minutes)
{
	if (minutes < 1)
		return view_text(req->lang, "inbox.waiting.now");
	if (minutes < 60)
		return inbox_count_text(req, "inbox.waiting.minutes", minutes);
	if (minutes < 48 * 60)
		return inbox_count_text(req, "inbox.waiting.hours", minutes / 60);
	return inbox_count_text(req, "inbox.waiting.days", minutes / (24 * 60));
}

void inbox_bulk_notice(struct request *req, struct view *view)
{
	const char *done = http_query(req, "done");
	long long n;
	int action = choice_index(http_query(req, "bulk"), bulk_report_actions);
	if (done != NULL && strcmp(done, "none") == 0) {
		view_show(view, "BULK_NONE");
		return;
	}
	if (done == NULL || strcmp(done, "bulk") != 0 || action < 0 || http_query(req, "n") == NULL
	    || text_to_int(http_query(req, "n"), 0, INBOX_BULK_MAX, &n) != 0)
		return;
	view_show(view, "BULK_REPORT");
	view_set(view, "BULK_TEXT", inbox_count_text(req, arena_printf(req->arena,
	    "inbox.report.%s", bulk_report_actions[action]), n));
}

int inbox_changed(struct request *req, long long room_id, int changed, const char *path,
    const char *done)
{
	if (changed <= 0)
		return changed < 0 ? -1 : 404;
	if (chat_notify(req, req->account->id, room_id, "room") != 0)
		return -1;
	return form_done(req, path, done);
}

static const char *id_text(struct arena *arena, long long id)
{
	return arena_printf(arena, "%lld", id);
}


/* The id in query field name, or 0 when absent or not an id. */
static long long query_id(struct request *req, const char *name)
{
	const struct param_field field = { name, PARAM_ID, false, 0, 0, NULL };
	struct param_value value;
	if (param_check(req->arena, &field, http_query(req, name), &value) != NULL)
		return 0;
	return value.number;
}

static bool query_flag(struct request *req, const char *name)
{
	const char *value = http_query(req, name);
	return value != NULL && strcmp(value, "1") == 0;
}

/* Whether label id is among choices' labels; any id when choices is NULL
 * (taken unchecked, see filter_read). */
static bool filter_known_label(const struct account_choices *choices, long long id)
{
	for (int i = 0; choices != NULL && i < choices->label_count; i++)
		if (choices->labels[i].id == id)
			return true;
	return choices == NULL && id != 0;
}

/* Whether partner id is among choices' members; any id when choices is NULL. */
static bool filter_known_member(const struct account_choices *choices, long long id)
{
	for (int i = 0; choices != NULL && i < choices->member_count; i++)
		if (choices->members[i].partner_id == id)
			return true;
	return choices == NULL && id != 0;
}

static void filter_read_assignee(struct request *req, const struct account_choices *choices,
    struct list_filter *filter)
{
	const char *assignee = http_query(req, "assignee");
	if (assignee != NULL && strcmp(assignee, "mine") == 0) {
		filter->assignee = "mine";
		filter->rooms.assignee = ROOMS_ASSIGNED_TO;
		filter->rooms.assignee_id = req->session->partner_id;
	} else if (assignee != NULL && strcmp(assignee, "unassigned") == 0) {
		filter->assignee = "unassigned";
		filter->rooms.assignee = ROOMS_UNASSIGNED;
	} else {
		long long id = query_id(req, "assignee");
		if (filter_known_member(choices, id)) {
			filter->assignee = id_text(req->arena, id);
			filter->rooms.assignee = ROOMS_ASSIGNED_TO;
			filter->rooms.assignee_id = id;
		}
	}
}

/* The keyset cursor "before=TIME_ID" of the next pages. */
static void filter_read_cursor(struct request *req, struct list_filter *filter)
{
	const char *before = http_query(req, "before");
	const char *underscore = before != NULL ? strchr(before, '_') : NULL;
	if (underscore == NULL)
		return;
	long long time, id;
	char *time_text = arena_strndup(req->arena, before, (size_t)(underscore - before));
	if (text_to_int(time_text, 0, INT64_MAX / 2, &time) == 0
	    && text_to_int(underscore + 1, 1, INT64_MAX, &id) == 0) {
		filter->rooms.cursor_time = time;
		filter->rooms.cursor_id = id;
	}
}

/* Reads the filters of the query; invalid values are ignored, and so are
 * label and member ids that are not among choices (NULL: ids are taken
 * unchecked, for an address that leads back to the list, which checks
 * them). */
static void filter_read(struct request *req, const struct account_choices *choices,
    struct list_filter *filter)
{
	memset(filter, 0, sizeof(*filter));
	int status = choice_index(http_query(req, "status"), room_statuses);
	filter->rooms.status = status >= 0 ? room_statuses[status] : NULL;
	long long label = query_id(req, "label");
	if (filter_known_label(choices, label))
		filter->rooms.label_id = label;
	filter_read_assignee(req, choices, filter);
	filter->rooms.important = query_flag(req, "important");
	filter->rooms.blocked = query_flag(req, "blocked");
	int period = choice_index(http_query(req, "period"), periods);
	filter->period = period >= 0 ? periods[period] : NULL;
	filter->rooms.days = period >= 0 ? period_days[period] : 0;
	/* A refused search (too long, not text, a tab or line break in it) is
	 * said next to the field (fill_filters), the list left unsearched,
	 * never cut short. */
	if (param_check(req->arena, &search_field, http_query(req, "q"), &filter->search) == NULL
	    && filter->search.present)
		filter->rooms.search = filter->search.text;
	filter_read_cursor(req, filter);
	const char *sort = http_query(req, "sort");
	filter->rooms.order = sort != NULL && strcmp(sort, "waiting") == 0 ? ROOMS_WAITING
	    : ROOMS_NEWEST;
	/* The left rooms have one order, the newest first. */
	filter->rooms.left = query_flag(req, "left");
	if (filter->rooms.left)
		filter->rooms.order = ROOMS_NEWEST;
}

/* The query of the list's address with filter's values, status replaced by
 * status (NULL: none), the cursor when with_cursor, and extra ("fragment=1")
 * appended: "?status=unread&q=..." (URL-encoded), or "" when there is none. */
static const char *filter_query(struct request *req, const struct list_filter *filter,
    const char *status, bool with_cursor, const char *extra)
{
	struct strbuf out;
	strbuf_init(&out, req->arena);
	const char *separator = "?";
#define ADD_PARAM(...)                                   \
	do {                                             \
		strbuf_puts(&out, separator);            \
		strbuf_printf(&out, __VA_ARGS__);        \
		separator = "&";                         \
	} while (0)
	if (status != NULL)
		ADD_PARAM("status=%s", status);
	if (filter->rooms.left)
		ADD_PARAM("left=1");
	if (filter->rooms.order == ROOMS_WAITING)
		ADD_PARAM("sort=waiting");
	if (filter->rooms.label_id != 0)
		ADD_PARAM("label=%lld", filter->rooms.label_id);
	if (filter->assignee != NULL)
		ADD_PARAM("assignee=%s", filter->assignee);
	if (filter->rooms.important)
		ADD_PARAM("important=1");
	if (filter->rooms.blocked)
		ADD_PARAM("blocked=1");
	if (filter->period != NULL)
		ADD_PARAM("period=%s", filter->period);
	if (filter->rooms.search != NULL) {
		ADD_PARAM("q=");
		text_url_encode(&out, filter->rooms.search);
	}
	if (with_cursor && filter->rooms.cursor_id != 0)
		ADD_PARAM("before=%lld_%lld", filter->rooms.cursor_time, filter->rooms.cursor_id);
	if (extra != NULL)
		ADD_PARAM("%s", extra);
#undef ADD_PARAM
	return strbuf_text(&out);
}

/* The list's address: inbox_chats_path with filter_query. */
static const char *filter_url(struct request *req, const struct list_filter *filter,
    const char *status, bool with_cursor, const char *extra)
{
	return arena_printf(req->arena, "%s%s", inbox_chats_path(req),
	    filter_query(req, filter, status, with_cursor, extra));
}

const char *inbox_list_query(struct request *req)
{
	struct list_filter filter;
	filter_read(req, NULL, &filter);
	return filter_query(req, &filter, filter.rooms.status, false, NULL);
}

const char *inbox_room_listed(struct request *req, long long room_id)
{
	return arena_printf(req->arena, "%s%s", inbox_room_path(req, room_id),
	    inbox_list_query(req));
}

/* The chips of room's labels, in the order of the account's labels (by name). */
static void fill_chips(struct request *req, struct view *row, const struct room_row *room,
    const struct account_choices *choices)
{
	for (int i = 0; i < choices->label_count; i++)
		for (int k = 0; k < room->label_count; k++)
			if (room->label_ids[k] == choices->labels[i].id) {
				view_show(row, "HAS_LABELS");
				inbox_add_label_chip(req, row, "LABELS", choices->labels[i].name,
				    choices->labels[i].color);
			}
}

/* One room of the list (part_inbox_rows) with its label chips. */
static void fill_row(struct request *req, struct view *target, const struct room_row *room,
    const struct account_choices *choices, const char *list_query)
{
	struct view *row = view_add_row(target, "ROOMS");
	view_set_int(row, "ID", room->id);
	view_set(row, "ROOM_URL", arena_printf(req->arena, "%s%s", inbox_room_path(req, room->id),
	    list_query));
	view_set(row, "CUSTOMER", chat_customer_label(req, room->display_name, room->number));
	if (room->waiting_minutes >= 0) {
		view_show(row, "WAITING");
		view_set(row, "WAITING_TEXT", waiting_text(req, room->waiting_minutes));
		view_set_int(row, "WAITING_MINUTES", room->waiting_minutes);
	}
	if (*room->name != '\0') {
		view_show(row, "RENAMED");
		view_set(row, "ROOM_NAME", room->name);
	}
	view_set(row, "LAST_TEXT", room->last_text);
	view_set(row, "TIME", room->time);
	view_set(row, "TIME_FULL", room->time_full);
	if (room->unread > 0) {
		view_show(row, "HAS_UNREAD");
		view_set_int(row, "UNREAD", room->unread);
	}
	view_set(row, "STATUS", room->status);
	view_set_text(row, "STATUS_TEXT", arena_printf(req->arena, "inbox.status.%s", room->status));
	if (room->important)
		view_show(row, "IMPORTANT");
	if (room->blocked)
		view_show(row, "BLOCKED");
	if (room->is_friend)
		view_show(row, "FRIEND");
	if (room->assignee_id != 0) {
		view_show(row, "ASSIGNED");
		view_set(row, "ASSIGNEE", room->assignee);
	}
	fill_chips(req, row, room, choices);
}

/* Fills the rows of the list (part_inbox_rows) and its page links into target. */
static void fill_rows(struct request *req, struct view *target, const struct list_filter *filter,
    const struct account_choices *choices, const struct room_row *rooms, int count)
{
	int shown = count > DB_ROOMS_PAGE_SIZE ? DB_ROOMS_PAGE_SIZE : count;
	view_set(target, "ACCOUNT_CODE", req->account->code);
	/* A room opened from the list keeps it: its pane, 목록으로 and its
	 * forms' answers show this list again (page 1). */
	const char *list_query = filter_query(req, filter, filter->rooms.status, false, NULL);
	for (int i = 0; i < shown; i++)
		fill_row(req, target, &rooms[i], choices, list_query);
	view_show(target, shown == 0 ? "EMPTY" : "HAS_ROOMS");
	if (count > DB_ROOMS_PAGE_SIZE) {
		struct list_filter next = *filter;
		next.rooms.cursor_time = rooms[shown - 1].cursor_time;
		next.rooms.cursor_id = rooms[shown - 1].id;
		view_show(target, "HAS_NEXT");
		view_set(target, "NEXT_URL", filter_url(req, &next, filter->rooms.status, true, NULL));
	}
	if (filter->rooms.cursor_id != 0) {
		view_show(target, "HAS_FIRST");
		view_set(target, "FIRST_URL", filter_url(req, filter, filter->rooms.status, false, NULL));
	}
}

/* Adds a row VALUE, TEXT (a catalog key when key) and SELECTED to section. */
static struct view *add_choice(struct view *view, const char *section, const char *value,
    const char *text, bool key, bool selected)
{
	struct view *row = view_add_row(view, section);
	view_set(row, "VALUE", value);
	if (key)
		view_set_text(row, "TEXT", text);
	else
		view_set(row, "TEXT", text);
	if (selected)
		view_show(row, "SELECTED");
	return row;
}

static bool is_status(const struct list_filter *filter, const char *status)
{
	return filter->rooms.status != NULL && strcmp(filter->rooms.status, status) == 0;
}

/* One status tab: its words (catalog key), address, count (<0: none) and
 * whether it is the current one. */
static void add_tab(struct view *view, const char *key, const char *url, const char *name,
    long long count, bool current)
{
	struct view *tab = view_add_row(view, "TABS");
	view_set_text(tab, "TAB_TEXT", key);
	view_set(tab, "TAB_URL", url);
	view_set(tab, "TAB_NAME", name);
	if (count >= 0) {
		view_show(tab, "TAB_COUNTED");
		view_set_int(tab, "TAB_COUNT", count);
	}
	if (current)
		view_show(tab, "TAB_CURRENT");
}

/* True when the list is narrowed by more than its tab: a search, a label,
 * an assignee, 중요, 차단 or a period. */
static bool filter_narrows(const struct list_filter *filter)
{
	const struct rooms_filter *rooms = &filter->rooms;
	return rooms->label_id != 0 || filter->assignee != NULL || rooms->important
	    || rooms->blocked || filter->period != NULL || rooms->search != NULL;
}

/* The status tabs (with their counts, the seed's words) and the status and
 * period choices. The counts are the account's rooms in each status: they
 * are left out while the list is narrowed, where they would not count what
 * the tabs list (a search's 읽지 않은 상담 4 above no room found). */
static void fill_tabs(struct request *req, struct view *view, const struct list_filter *filter,
    const struct rooms_counts *counts)
{
	bool counted = !filter_narrows(filter);
	struct list_filter shown = *filter;
	shown.rooms.left = false;
	add_tab(view, "inbox.status.all", filter_url(req, &shown, NULL, false, NULL), "all", -1,
	    filter->rooms.status == NULL && !filter->rooms.left);
	for (int i = 0; room_statuses[i] != NULL; i++)
		add_tab(view, arena_printf(req->arena, "inbox.tab.%s", room_statuses[i]),
		    filter_url(req, &shown, room_statuses[i], false, NULL), room_statuses[i],
		    counted ? counts->count[i] : -1,
		    is_status(filter, room_statuses[i]) && !filter->rooms.left);
	shown.rooms.left = true;
	shown.rooms.order = ROOMS_NEWEST;
	add_tab(view, "inbox.tab.left", filter_url(req, &shown, NULL, false, NULL), "left",
	    counted ? counts->count[ROOMS_COUNT_LEFT] : -1, filter->rooms.left);
	for (int i = 0; room_statuses[i] != NULL; i++)
		add_choice(view, "STATUS_CHOICES", room_statuses[i],
		    arena_printf(req->arena, "inbox.status.%s", room_statuses[i]), true,
		    is_status(filter, room_statuses[i]));
	for (int i = 0; periods[i] != NULL; i++)
		add_choice(view, "PERIOD_CHOICES", periods[i],
		    arena_printf(req->arena, "inbox.period.%s", periods[i]), true,
		    filter->period != NULL && strcmp(filter->period, periods[i]) == 0);
}

/* The filter form's and the bulk form's choices of labels, members, groups. */
static void fill_choices(struct request *req, struct view *view, const struct list_filter *filter,
    const struct account_choices *choices)
{
	struct arena *arena = req->arena;
	for (int i = 0; i < choices->label_count; i++)
		add_choice(view, "LABEL_CHOICES", id_text(arena, choices->labels[i].id),
		    choices->labels[i].name, false, filter->rooms.label_id == choices->labels[i].id);
	if (filter->assignee != NULL && strcmp(filter->assignee, "mine") == 0)
		view_show(view, "ASSIGNEE_MINE");
	if (filter->assignee != NULL && strcmp(filter->assignee, "unassigned") == 0)
		view_show(view, "ASSIGNEE_UNASSIGNED");
	for (int i = 0; i < choices->member_count; i++) {
		const struct member_name *member = &choices->members[i];
		const char *id = id_text(arena, member->partner_id);
		add_choice(view, "MEMBER_CHOICES", id, member->name, false,
		    filter->assignee != NULL && strcmp(filter->assignee, "mine") != 0
			&& filter->rooms.assignee_id == member->partner_id);
		add_choice(view, "ASSIGN_CHOICES", id, member->name, false, false);
	}
	for (int i = 0; i < choices->group_count; i++)
		add_choice(view, "GROUP_CHOICES", id_text(arena, choices->groups[i].id),
		    choices->groups[i].name, false, false);
}

/* The filter form, status tabs and the bulk form's choices. */
static void fill_filters(struct request *req, struct view *view, const struct list_filter *filter,
    const struct account_choices *choices, const struct rooms_counts *counts)
{
	fill_tabs(req, view, filter, counts);
	struct list_filter other = *filter;
	other.rooms.order = filter->rooms.order == ROOMS_WAITING ? ROOMS_NEWEST : ROOMS_WAITING;
	view_show(view, filter->rooms.order == ROOMS_WAITING ? "SORT_WAITING" : "SORT_NEWEST");
	if (!filter->rooms.left)
		view_show(view, "SORTABLE");
	view_set(view, "SORT_OTHER_URL", filter_url(req, &other, filter->rooms.status, false,
	    NULL));
	if (filter->rooms.left)
		view_show(view, "LEFT_LIST");
	fill_choices(req, view, filter, choices);
	const struct rooms_filter *rooms = &filter->rooms;
	if (rooms->important)
		view_show(view, "IMPORTANT_CHECKED");
	if (rooms->blocked)
		view_show(view, "BLOCKED_CHECKED");
	/* The panel opens by itself only to show a refused search: applied
	 * filters are named in its summary, so that on a phone the rooms
	 * found are on the first screen. */
	if (filter->search.error != NULL) {
		page_form(view, &search_field, 1, &filter->search); /* Q, Q_ERROR, Q_INVALID */
		view_show(view, "FILTERS_OPEN");
	} else {
		view_set(view, "Q", rooms->search != NULL ? rooms->search : "");
	}
	if (rooms->search != NULL)
		view_show(view, "SEARCHED");
	if (rooms->status != NULL || filter_narrows(filter) || filter->search.error != NULL) {
		view_show(view, "FILTERED");
		view_set(view, "CLEAR_URL", inbox_chats_path(req));
	}
}

/* The notice after leaving a room (?done=left&room=ID): a form to bring it
 * back. */
static void fill_left_notice(struct request *req, struct view *view)
{
	const char *done = http_query(req, "done");
	long long room = query_id(req, "room");
	if (done == NULL || strcmp(done, "left") != 0 || room == 0)
		return;
	view_show(view, "LEFT_NOTICE");
	view_set(view, "RESTORE_URL", arena_printf(req->arena, "%s/restore%s",
	    inbox_room_path(req, room), inbox_list_query(req)));
}

/* True when the query filters by a label or a member's id, which the
 * account's choices check (filter_read). */
static bool filter_needs_choices(struct request *req)
{
	const char *assignee = http_query(req, "assignee");
	return query_id(req, "label") != 0
	    || (assignee != NULL && strcmp(assignee, "mine") != 0
		&& strcmp(assignee, "unassigned") != 0 && query_id(req, "assignee") != 0);
}

/* The list pane between inbox_list_begin and inbox_list_fill: where each
 * of its statements' results will be (the caller's queries, or
 * req->prefetched). */
struct inbox_list {
	struct list_filter filter;
	struct account_choices choices;
	const struct db_query *choices_query; /* NULL: read before */
	const struct db_query *version_query;
	const struct db_query *rooms_query;   /* NULL: left out (cached) */
	long long since;   /* milliseconds since the epoch, before anything was read */
	const char *key;   /* the rows' key in rows_cache, NULL: not cached */
};

/* The rows' key in rows_cache (rows_cache.h): the account, language, time
 * zone, the member for assignee=mine and the list's address with its
 * cursor. NULL for a search, whose figures are its own (issue 8). */
static const char *rows_key(struct request *req, const struct list_filter *filter)
{
	if (filter->rooms.search != NULL)
		return NULL;
	bool mine = filter->assignee != NULL && strcmp(filter->assignee, "mine") == 0;
	return arena_printf(req->arena, "%lld|%s|%s|%lld|%s", req->account->id, req->lang,
	    req->account->time_zone, mine ? req->session->partner_id : 0,
	    filter_url(req, filter, filter->rooms.status, true, NULL));
}

int inbox_list_prefetch(struct request *req, long long account_id, const char *time_zone,
    struct db_query *queries)
{
	(void)time_zone;
	long long room_id = req->param_count > 1 ? req->ids[1] : 0;
	queries[0] = db_accounts_choices_query(req->arena, account_id, room_id);
	queries[1] = db_inbox_versions_get_query(req->arena, account_id);
	return INBOX_LIST_PREFETCHED;
}

int inbox_list_begin(struct request *req, long long room_id, struct inbox_list **out,
    struct db_query *queries)
{
	long long account_id = req->account->id;
	struct inbox_list *list = arena_alloc(req->arena, sizeof(*list));
	*list = (struct inbox_list) { .choices_query = NULL };
	const struct db_query *prefetched = req->prefetched_count >= INBOX_LIST_PREFETCHED
	    ? req->prefetched : NULL;
	/* ?since= of the events stream: what happens after this moment is
	 * replayed as a reload, so it is taken before anything is read */
	list->since = prefetched != NULL ? req->prefetched_at : http_since_now();
	int count = 0;
	/* The choices check a label's or a member's id of the query: then they
	 * are read before the filters (prefetched, or in a round trip of their
	 * own); else they come with the rooms. */
	const struct db_query *choices = prefetched;
	if (filter_needs_choices(req)) {
		int read = choices != NULL
		    ? db_accounts_choices_rows(req->arena, choices, &list->choices)
		    : db_accounts_choices(req->arena, account_id, room_id, &list->choices);
		if (read < 0)
			return -1;
		choices = NULL;
	} else if (choices == NULL) {
		queries[count] = db_accounts_choices_query(req->arena, account_id, room_id);
		choices = &queries[count++];
	}
	list->choices_query = choices;
	filter_read(req, &list->choices, &list->filter);
	list->key = rows_key(req, &list->filter);
	/* The version before the rows, so that rows stored under it are at
	 * least as new as it says (migration 0032). */
	if (prefetched != NULL) {
		list->version_query = &prefetched[1];
	} else {
		queries[count] = db_inbox_versions_get_query(req->arena, account_id);
		list->version_query = &queries[count++];
	}
	if (list->filter.rooms.search != NULL)
		list->filter.rooms.search_shape = search_plan_shape(req->arena,
		    list->filter.rooms.search);
	if (list->key == NULL || !rows_cache_has(list->key, list->since / 60000)) {
		queries[count] = db_rooms_list_query(req->arena, account_id,
		    req->account->time_zone, &list->filter.rooms);
		list->rooms_query = &queries[count++];
	}
	*out = list;
	return count;
}

/* Reads the account's choices when they were read with the list's other
 * statements, and gives the rendered rows of list (part_inbox_rows) and the
 * status tabs' counts: from rows_cache when current, else read (with the
 * rooms' query run with the others, or in a round trip of their own when it
 * was left out), rendered and stored. 0, or -1 error. */
static int list_rows(struct request *req, struct inbox_list *list, const char **html,
    struct rooms_counts *counts)
{
	if (list->choices_query != NULL && db_accounts_choices_rows(req->arena,
		list->choices_query, &list->choices) < 0)
		return -1;
	struct rows_stamp stamp = { .choices = rows_cache_choices(&list->choices),
		.minute = list->since / 60000 };
	size_t length;
	if (db_inbox_versions_get_rows(list->version_query, &stamp.version) < 0)
		return -1;
	if (list->key != NULL && rows_cache_get(req->arena, list->key, &stamp, html, &length,
		counts))
		return 0;
	struct db_query read;
	if (list->rooms_query != NULL) {
		read = *list->rooms_query;
	} else {
		read = db_rooms_list_query(req->arena, req->account->id, req->account->time_zone,
		    &list->filter.rooms);
		db_run_queries(req->arena, &read, 1);
	}
	struct room_row *rooms;
	int count = db_rooms_list_rows(req->arena, &read, req->account->id, &rooms, counts);
	if (count < 0)
		return -1;
	struct view *part = page_fragment_new(req);
	fill_rows(req, part, &list->filter, &list->choices, rooms, count);
	char *rendered = view_render(part, "part_inbox_rows", &length);
	if (rendered == NULL)
		return -1;
	*html = arena_strndup(req->arena, rendered, length);
	free(rendered);
	if (list->key != NULL)
		rows_cache_put(list->key, &stamp, *html, length, counts);
	return 0;
}

int inbox_list_fill(struct request *req, struct view *view, struct inbox_list *list,
    struct account_choices **choices)
{
	const char *rows;
	struct rooms_counts counts;
	if (list_rows(req, list, &rows, &counts) != 0)
		return -1;
	view_set_int(view, "SINCE", list->since);
	view_set_int(view, "PARTNER_ID", req->session->partner_id);
	view_set(view, "NOTIFY", req->session->desktop_notify ? "1" : "0");
	if (req->session->quiet_start >= 0 && req->session->quiet_end >= 0)
		view_set(view, "QUIET", arena_printf(req->arena, "%d-%d", req->session->quiet_start,
		    req->session->quiet_end));
	const struct list_filter *filter = &list->filter;
	struct view *pane = view_include(view, "LIST_PANE", "part_inbox_list");
	view_set(pane, "ROWS_HTML", rows);
	fill_filters(req, pane, filter, &list->choices, &counts);
	view_set(pane, "ACCOUNT_CODE", req->account->code);
	view_set(pane, "BACK", filter_url(req, filter, filter->rooms.status, true, NULL));
	view_set(view, "FRAGMENT_URL", filter_url(req, filter, filter->rooms.status, false,
	    "fragment=1"));
	if (filter->rooms.cursor_id == 0)
		view_show(view, "FIRST_PAGE");
	*choices = &list->choices;
	return 0;
}

int inbox_list(struct request *req)
{
	struct inbox_list *list;
	struct db_query queries[INBOX_LIST_QUERIES];
	int count = inbox_list_begin(req, 0, &list, queries);
	if (count < 0)
		return -1;
	db_run_queries(req->arena, queries, count);
	if (query_flag(req, "fragment")) {
		const char *rows;
		struct rooms_counts counts;
		if (list_rows(req, list, &rows, &counts) != 0)
			return -1;
		return page_html(req, 200, rows, strlen(rows));
	}
	struct view *view = account_page_new(req, "inbox.title", "chats");
	struct account_choices *choices;
	if (inbox_list_fill(req, view, list, &choices) != 0)
		return -1;
	inbox_bulk_notice(req, view);
	fill_left_notice(req, view);
	return page_render(req, view, "page_inbox",
	    list->filter.search.error != NULL ? 422 : 200);
}

int inbox_unread(struct request *req)
{
	long long account, all;
	if (chat_unread_totals(req, req->account->id, &account, &all) != 0)
		return -1;
	return page_json(req, 200, arena_printf(req->arena, "{\"unread\":%lld,\"all\":%lld}", account,
	    all));
}

int inbox_counts(struct request *req)
{
	struct rooms_counts c;
	if (db_rooms_counts(req->arena, req->account->id, &c) < 0)
		return -1;
	return page_json(req, 200, arena_printf(req->arena, "{\"unread\":%lld,\"unanswered\":%lld,"
	    "\"answered\":%lld,\"completed\":%lld,\"left\":%lld}",
	    c.count[ROOMS_COUNT_UNREAD], c.count[ROOMS_COUNT_UNANSWERED],
	    c.count[ROOMS_COUNT_ANSWERED], c.count[ROOMS_COUNT_COMPLETED],
	    c.count[ROOMS_COUNT_LEFT]));
}
