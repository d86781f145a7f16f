/* inbox: the agents' side of consultations (CHAT-10..17, 20): the list of
 * chat rooms with filters and bulk actions, one room with its messages and
 * tools, labels, friend groups and the session timeout. Every query carries
 * the account id, so another account's ids answer 404 like missing ones. */
#include "account.h"
#include "arena.h"
#include "auth.h"
#include "chat.h"
#include "db.h"
#include "fcgi_main.h"
#include "http.h"
#include "page.h"
#include "param.h"
#include "route.h"
#include "session.h"
#include "text.h"
#include "upload.h"
#include "view.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

enum {
	INBOX_PAGE_SIZE = 30,      /* rooms per page of the list */
	INBOX_BULK_MAX = 100,      /* rooms in one bulk action */
	INBOX_MESSAGES_SHOWN = 100, /* messages per page of a room */
	INBOX_MESSAGES_AFTER = 200, /* messages in one live-update fragment */
	INBOX_LABELS_MAX = 100,    /* labels of one account */
	INBOX_GROUPS_MAX = 200,    /* friend groups of one account */
	INBOX_SEARCH_MAX = 100,    /* code points of a search */
};

static const char *const room_statuses[] = { "unread", "unanswered", "answered", "completed", NULL };
static const char *const periods[] = { "1d", "7d", "30d", "90d", NULL };
static const int period_days[] = { 1, 7, 30, 90 };

/* The fixed label palette; a colour's chip is the CSS class "lc-RRGGBB". */
static const char *const label_colors[] = {
	"#e53935", "#fb8c00", "#f9a825", "#43a047", "#00897b", "#1e88e5", "#3949ab",
	"#8e24aa", "#d81b60", "#6d4c41", "#546e7a", NULL,
};

static const struct param_field message_fields[] = {
	{ "text", PARAM_LINES, false, 0, 1000, NULL },
};

static const struct param_field rename_fields[] = {
	{ "name", PARAM_TEXT, false, 0, 30, NULL },
};

static const struct param_field memo_fields[] = {
	{ "memo", PARAM_LINES, false, 0, 1000, NULL },
};

static const struct param_field label_fields[] = {
	{ "name", PARAM_TEXT, true, 1, 20, NULL },
	{ "color", PARAM_CHOICE, true, 0, 0, label_colors },
};
enum { LABEL_NAME, LABEL_COLOR };

static const struct param_field group_fields[] = {
	{ "name", PARAM_TEXT, true, 1, 30, NULL },
	{ "description", PARAM_LINES, false, 0, 200, NULL },
};
enum { GROUP_NAME, GROUP_DESCRIPTION };

static const struct param_field new_group_fields[] = {
	{ "new_group", PARAM_TEXT, false, 1, 30, NULL },
};

static const struct param_field settings_fields[] = {
	{ "session_timeout_minutes", PARAM_INT, true, 5, 43200, NULL },
};

static const char *const bulk_actions[] = {
	"read", "important", "unimportant", "assign", "complete", "group", "leave", "block",
	"unblock", NULL,
};

static const struct param_field bulk_fields[] = {
	{ "action", PARAM_CHOICE, true, 0, 0, bulk_actions },
	{ "confirm", PARAM_CHECKBOX, false, 0, 0, NULL },
};
enum { BULK_ACTION, BULK_CONFIRM };

/* ---------------------------------------------------------------------------
 * small helpers */

static const char *account_param(struct request *req)
{
	return db_param_int(req->arena, req->account->id);
}

/* A positive id from a path segment or a field; 0 when it is not one. */
static long long parse_id(const char *text)
{
	long long id;
	if (text == NULL || text_to_int(text, 1, INT64_MAX, &id) != 0)
		return 0;
	return id;
}

static bool wants_json(const struct request *req)
{
	const char *accept = http_env(req, "HTTP_ACCEPT");
	return accept != NULL && strstr(accept, "application/json") != NULL;
}

static void json_string(struct strbuf *out, const char *text)
{
	strbuf_puts(out, "\"");
	for (const unsigned char *p = (const unsigned char *)text; *p != '\0'; p++) {
		if (*p == '"' || *p == '\\')
			strbuf_printf(out, "\\%c", *p);
		else if (*p < 0x20)
			strbuf_printf(out, "\\u%04x", *p);
		else
			strbuf_append(out, (const char *)p, 1);
	}
	strbuf_puts(out, "\"");
}

static int json_reply(struct request *req, int status, const char *body)
{
	req->status = status;
	req->content_type = "application/json; charset=utf-8";
	req->body.length = 0;
	strbuf_puts(&req->body, body);
	return status;
}

/* {"error": TEXT} with status; text is already in the partner's language. */
static int json_error(struct request *req, int status, const char *text)
{
	struct strbuf out;
	strbuf_init(&out, req->arena);
	strbuf_puts(&out, "{\"error\":");
	json_string(&out, text);
	strbuf_puts(&out, "}");
	return json_reply(req, status, strbuf_text(&out));
}

/* The catalog text of key with {min} and {max} replaced by the field's limits. */
static const char *field_error_text(struct request *req, const struct param_field *field,
    const char *key)
{
	const char *text = view_text(req->lang, key);
	struct strbuf out;
	strbuf_init(&out, req->arena);
	for (const char *p = text; *p != '\0'; p++) {
		if (field != NULL && strncmp(p, "{min}", 5) == 0) {
			strbuf_printf(&out, "%lld", field->min);
			p += 4;
		} else if (field != NULL && strncmp(p, "{max}", 5) == 0) {
			strbuf_printf(&out, "%lld", field->max);
			p += 4;
		} else {
			strbuf_append(&out, p, 1);
		}
	}
	return strbuf_text(&out);
}

/* Percent-encodes text for a query value. */
static void url_encode(struct strbuf *out, const char *text)
{
	static const char hex[] = "0123456789ABCDEF";
	for (const unsigned char *p = (const unsigned char *)text; *p != '\0'; p++) {
		if ((*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z') || (*p >= '0' && *p <= '9')
		    || *p == '-' || *p == '_' || *p == '.' || *p == '~') {
			strbuf_append(out, (const char *)p, 1);
		} else {
			char escaped[3] = { '%', hex[*p >> 4], hex[*p & 15] };
			strbuf_append(out, escaped, 3);
		}
	}
}

/* "%text%" for ILIKE with \, % and _ of text taken literally. */
static const char *like_pattern(struct arena *arena, const char *text)
{
	struct strbuf out;
	strbuf_init(&out, arena);
	strbuf_puts(&out, "%");
	for (const char *p = text; *p != '\0'; p++) {
		if (*p == '\\' || *p == '%' || *p == '_')
			strbuf_puts(&out, "\\");
		strbuf_append(&out, p, 1);
	}
	strbuf_puts(&out, "%");
	return strbuf_text(&out);
}

/* A PostgreSQL array literal "{1,2,3}" of ids. */
static const char *id_array(struct arena *arena, const long long *ids, size_t count)
{
	struct strbuf out;
	strbuf_init(&out, arena);
	strbuf_puts(&out, "{");
	for (size_t i = 0; i < count; i++)
		strbuf_printf(&out, i == 0 ? "%lld" : ",%lld", ids[i]);
	strbuf_puts(&out, "}");
	return strbuf_text(&out);
}

/* "1.2 MB"-style size of a file. */
static const char *file_size_text(struct arena *arena, long long bytes)
{
	if (bytes < 1024)
		return arena_printf(arena, "%lld B", bytes);
	if (bytes < 1024 * 1024)
		return arena_printf(arena, "%.1f KB", (double)bytes / 1024.0);
	return arena_printf(arena, "%.1f MB", (double)bytes / (1024.0 * 1024.0));
}

/* Only http(s) addresses become links; anything else is shown as text. */
static bool is_web_address(const char *text)
{
	if (strncmp(text, "http://", 7) != 0 && strncmp(text, "https://", 8) != 0)
		return false;
	for (const unsigned char *p = (const unsigned char *)text; *p != '\0'; p++)
		if (*p <= 0x20 || *p == 0x7f || *p == '"' || *p == '<' || *p == '>' || *p == '\\')
			return false;
	return true;
}

static bool client_id_valid(const char *text)
{
	size_t length = text != NULL ? strlen(text) : 0;
	if (length < 8 || length > 64)
		return false;
	for (const char *p = text; *p != '\0'; p++)
		if (!((*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z') || (*p >= '0' && *p <= '9')
			|| *p == '-' || *p == '_'))
			return false;
	return true;
}

static void free_view(void *view)
{
	view_free(view);
}

/* A view without the layout, for HTML fragments (live updates). */
static struct view *fragment_new(struct request *req)
{
	struct view *view = view_new(req->lang);
	if (view == NULL)
		abort();
	arena_on_free(req->arena, free_view, view);
	view_set(view, "ACCOUNT_CODE", req->account->code);
	return view;
}

static const char *chats_path(struct request *req)
{
	return arena_printf(req->arena, "/a/%s/chats", req->account->code);
}

static const char *room_path(struct request *req, long long room_id)
{
	return arena_printf(req->arena, "/a/%s/chats/%lld", req->account->code, room_id);
}

/* Where to go after a bulk action: back when it is a local path of this
 * account's inbox (the list with its filters, or a room), else the list. */
static const char *safe_back(struct request *req, const char *back)
{
	const char *list = chats_path(req);
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

/* The account's members (partner id, name), masters first. */
static int load_members(struct request *req, struct db_rows *rows)
{
	return DB_EXEC(req->arena, rows,
	    "SELECT m.partner_id, p.name FROM members m JOIN partners p ON p.id = m.partner_id "
	    "WHERE m.account_id = $1 ORDER BY m.role = 'master' DESC, lower(p.name), p.id",
	    account_param(req));
}

/* The account's labels (id, name, color) by name. */
static int load_labels(struct request *req, struct db_rows *rows)
{
	return DB_EXEC(req->arena, rows,
	    "SELECT id, name, color FROM labels WHERE account_id = $1 ORDER BY lower(name), id",
	    account_param(req));
}

/* The account's friend groups (id, name) by name. */
static int load_groups(struct request *req, struct db_rows *rows)
{
	return DB_EXEC(req->arena, rows,
	    "SELECT id, name FROM friend_groups WHERE account_id = $1 ORDER BY lower(name), id",
	    account_param(req));
}

static bool rows_have_id(const struct db_rows *rows, int count, long long id)
{
	for (int i = 0; i < count; i++)
		if (db_int(rows, i, 0) == id)
			return true;
	return false;
}

/* The CSS class of a label colour ("#1e88e5" → "lc-1e88e5"); colours are
 * checked by the database as # and six lower-case hex digits. */
static const char *color_class(struct request *req, const char *color)
{
	return arena_printf(req->arena, "lc-%s", *color == '#' ? color + 1 : color);
}

static void add_label_chip(struct request *req, struct view *row, const char *section,
    const char *name, const char *color)
{
	struct view *chip = view_add_row(row, section);
	view_set(chip, "LABEL_NAME", name);
	view_set(chip, "LABEL_CLASS", color_class(req, color));
}

/* ---------------------------------------------------------------------------
 * the list (CHAT-10, 12) */

struct inbox_filter {
	const char *status;     /* one of room_statuses, or NULL */
	long long label;        /* a label of the account, or 0 */
	const char *assignee;   /* "mine", "unassigned", a member's id, or NULL */
	long long assignee_id;  /* the partner for "mine" or an id */
	bool important;
	bool blocked;
	const char *period;     /* one of periods, or NULL */
	int days;
	const char *q;          /* the search as typed (trimmed), or NULL */
	long long cursor_time;  /* epoch microseconds of the last row shown; with cursor_id */
	long long cursor_id;    /* 0 on the first page */
};

static const char *choice_of(const char *value, const char *const *choices, int *index)
{
	for (int i = 0; value != NULL && choices[i] != NULL; i++)
		if (strcmp(value, choices[i]) == 0) {
			if (index != NULL)
				*index = i;
			return choices[i];
		}
	return NULL;
}

/* Reads the filters of the query; invalid values are ignored. */
static void filter_read(struct request *req, const struct db_rows *labels, int label_count,
    const struct db_rows *members, int member_count, struct inbox_filter *filter)
{
	memset(filter, 0, sizeof(*filter));
	filter->status = choice_of(http_query(req, "status"), room_statuses, NULL);
	long long label = parse_id(http_query(req, "label"));
	if (label != 0 && rows_have_id(labels, label_count, label))
		filter->label = label;
	const char *assignee = http_query(req, "assignee");
	if (assignee != NULL && strcmp(assignee, "mine") == 0) {
		filter->assignee = "mine";
		filter->assignee_id = req->session->partner_id;
	} else if (assignee != NULL && strcmp(assignee, "unassigned") == 0) {
		filter->assignee = "unassigned";
	} else {
		long long id = parse_id(assignee);
		if (id != 0 && rows_have_id(members, member_count, id)) {
			filter->assignee = db_param_int(req->arena, id);
			filter->assignee_id = id;
		}
	}
	const char *important = http_query(req, "important");
	filter->important = important != NULL && strcmp(important, "1") == 0;
	const char *blocked = http_query(req, "blocked");
	filter->blocked = blocked != NULL && strcmp(blocked, "1") == 0;
	int period = 0;
	filter->period = choice_of(http_query(req, "period"), periods, &period);
	filter->days = filter->period != NULL ? period_days[period] : 0;
	static const struct param_field search_field = { "q", PARAM_TEXT, false, 0, INBOX_SEARCH_MAX,
		NULL };
	struct param_value search;
	if (param_check(req->arena, &search_field, http_query(req, "q"), &search) == NULL
	    && search.present)
		filter->q = search.text;
	const char *before = http_query(req, "before");
	const char *underscore = before != NULL ? strchr(before, '_') : NULL;
	if (underscore != NULL) {
		long long time, id;
		char *time_text = arena_strndup(req->arena, before, (size_t)(underscore - before));
		if (text_to_int(time_text, 0, INT64_MAX / 2, &time) == 0
		    && text_to_int(underscore + 1, 1, INT64_MAX, &id) == 0) {
			filter->cursor_time = time;
			filter->cursor_id = id;
		}
	}
}

/* The list's address with filter's values, status replaced by status (NULL:
 * none), the cursor when with_cursor, and extra ("fragment=1") appended. */
static const char *filter_url(struct request *req, const struct inbox_filter *filter,
    const char *status, bool with_cursor, const char *extra)
{
	struct strbuf out;
	strbuf_init(&out, req->arena);
	strbuf_puts(&out, chats_path(req));
	const char *separator = "?";
#define ADD_PARAM(...)                                   \
	do {                                             \
		strbuf_puts(&out, separator);            \
		strbuf_printf(&out, __VA_ARGS__);        \
		separator = "&";                         \
	} while (0)
	if (status != NULL)
		ADD_PARAM("status=%s", status);
	if (filter->label != 0)
		ADD_PARAM("label=%lld", filter->label);
	if (filter->assignee != NULL)
		ADD_PARAM("assignee=%s", filter->assignee);
	if (filter->important)
		ADD_PARAM("important=1");
	if (filter->blocked)
		ADD_PARAM("blocked=1");
	if (filter->period != NULL)
		ADD_PARAM("period=%s", filter->period);
	if (filter->q != NULL) {
		ADD_PARAM("q=");
		url_encode(&out, filter->q);
	}
	if (with_cursor && filter->cursor_id != 0)
		ADD_PARAM("before=%lld_%lld", filter->cursor_time, filter->cursor_id);
	if (extra != NULL)
		ADD_PARAM("%s", extra);
#undef ADD_PARAM
	return strbuf_text(&out);
}

/* One statement for the list with and one without a status, so that each
 * walks its own index (rooms_status, rooms_inbox) newest first; the cursor
 * is always a condition on the index (the first page starts at infinity). */
#define LIST_SELECT                                                                              \
	"SELECT r.id, c.display_name, c.number, r.name, r.last_message_text, "                      \
	"to_char(r.last_message_at AT TIME ZONE $2, CASE WHEN (r.last_message_at AT TIME ZONE $2)::date " \
	"= (now() AT TIME ZONE $2)::date THEN 'HH24:MI' ELSE 'YYYY-MM-DD' END), "                   \
	"to_char(r.last_message_at AT TIME ZONE $2, 'YYYY-MM-DD HH24:MI'), r.unread_count, r.status, " \
	"r.important, c.blocked, coalesce(p.name, ''), "                                            \
	"(extract(epoch FROM r.last_message_at) * 1000000)::bigint, c.is_friend, r.assignee_id "     \
	"FROM rooms r JOIN customers c ON c.id = r.customer_id AND c.account_id = r.account_id "    \
	"LEFT JOIN partners p ON p.id = r.assignee_id "                                              \
	"WHERE r.account_id = $1 AND NOT r.hidden "                                                  \
	"AND (r.last_message_at, r.id) < (coalesce(timestamptz 'epoch' + $3::bigint * interval '1 microsecond', " \
	"'infinity'), coalesce($4::bigint, 9223372036854775807)) "
#define LIST_FILTERS                                                                             \
	"AND ($6::bigint IS NULL OR EXISTS (SELECT 1 FROM room_labels rl "                           \
	"WHERE rl.room_id = r.id AND rl.label_id = $6::bigint)) "                                    \
	"AND ($7::text IS NULL OR ($7::text = 'unassigned' AND r.assignee_id IS NULL) "             \
	"OR ($7::text = 'partner' AND r.assignee_id = $8::bigint)) "                                 \
	"AND ($9::boolean IS NULL OR r.important) AND ($10::boolean IS NULL OR c.blocked) "          \
	"AND ($11::int IS NULL OR r.last_message_at >= now() - make_interval(days => $11::int)) "    \
	"AND ($12::text IS NULL OR c.display_name ILIKE $12::text OR r.name ILIKE $12::text "        \
	"OR r.memo ILIKE $12::text OR EXISTS (SELECT 1 FROM messages m WHERE m.room_id = r.id "      \
	"AND m.account_id = $1 AND m.body ILIKE $12::text)) "                                        \
	"ORDER BY r.last_message_at DESC, r.id DESC LIMIT $13::int"

static const char list_sql[] = LIST_SELECT "AND $5::text IS NULL " LIST_FILTERS;
static const char list_status_sql[] = LIST_SELECT "AND r.status = $5::text " LIST_FILTERS;

enum { LIST_ID, LIST_DISPLAY_NAME, LIST_NUMBER, LIST_ROOM_NAME, LIST_LAST_TEXT, LIST_TIME,
	LIST_TIME_FULL, LIST_UNREAD, LIST_STATUS, LIST_IMPORTANT, LIST_BLOCKED, LIST_ASSIGNEE,
	LIST_CURSOR, LIST_FRIEND, LIST_ASSIGNEE_ID };

static int list_query(struct request *req, const struct inbox_filter *filter, struct db_rows *rows)
{
	struct arena *arena = req->arena;
	const char *params[13] = {
		account_param(req),
		req->account->time_zone,
		filter->cursor_id != 0 ? db_param_int(arena, filter->cursor_time) : NULL,
		filter->cursor_id != 0 ? db_param_int(arena, filter->cursor_id) : NULL,
		filter->status,
		filter->label != 0 ? db_param_int(arena, filter->label) : NULL,
		filter->assignee == NULL ? NULL
		    : strcmp(filter->assignee, "unassigned") == 0 ? "unassigned" : "partner",
		filter->assignee_id != 0 ? db_param_int(arena, filter->assignee_id) : NULL,
		filter->important ? "true" : NULL,
		filter->blocked ? "true" : NULL,
		filter->days != 0 ? db_param_int(arena, filter->days) : NULL,
		filter->q != NULL ? like_pattern(arena, filter->q) : NULL,
		db_param_int(arena, INBOX_PAGE_SIZE + 1),
	};
	/* With its optional filters the statement's generic plan cannot use the
	 * cursor on the index (it sorts every room of the account): keep the
	 * plans custom, where the absent filters fold away. */
	if (db_exec(arena, NULL, "SET plan_cache_mode = force_custom_plan", 0, NULL) < 0)
		return DB_ERROR;
	return db_exec(arena, rows, filter->status != NULL ? list_status_sql : list_sql, 13, params);
}

/* Fills the rows of the list (part_inbox_rows) into target. */
static int fill_rows(struct request *req, struct view *target, const struct inbox_filter *filter,
    const struct db_rows *rows, int count)
{
	int shown = count > INBOX_PAGE_SIZE ? INBOX_PAGE_SIZE : count;
	long long ids[INBOX_PAGE_SIZE];
	for (int i = 0; i < shown; i++)
		ids[i] = db_int(rows, i, LIST_ID);
	struct db_rows chips;
	int chip_count = 0;
	if (shown > 0) {
		chip_count = DB_EXEC(req->arena, &chips,
		    "SELECT rl.room_id, l.name, l.color FROM room_labels rl "
		    "JOIN labels l ON l.id = rl.label_id AND l.account_id = $1 "
		    "WHERE rl.room_id = ANY($2::bigint[]) ORDER BY lower(l.name), l.id",
		    account_param(req), id_array(req->arena, ids, (size_t)shown));
		if (chip_count < 0)
			return -1;
	}
	view_set(target, "ACCOUNT_CODE", req->account->code);
	for (int i = 0; i < shown; i++) {
		struct view *row = view_add_row(target, "ROOMS");
		view_set_int(row, "ID", ids[i]);
		view_set(row, "ROOM_URL", room_path(req, ids[i]));
		view_set(row, "CUSTOMER", chat_customer_label(req, db_value(rows, i, LIST_DISPLAY_NAME),
		    db_int(rows, i, LIST_NUMBER)));
		const char *room_name = db_value(rows, i, LIST_ROOM_NAME);
		if (*room_name != '\0') {
			view_show(row, "RENAMED");
			view_set(row, "ROOM_NAME", room_name);
		}
		view_set(row, "LAST_TEXT", db_value(rows, i, LIST_LAST_TEXT));
		view_set(row, "TIME", db_value(rows, i, LIST_TIME));
		view_set(row, "TIME_FULL", db_value(rows, i, LIST_TIME_FULL));
		long long unread = db_int(rows, i, LIST_UNREAD);
		if (unread > 0) {
			view_show(row, "HAS_UNREAD");
			view_set_int(row, "UNREAD", unread);
		}
		const char *status = db_value(rows, i, LIST_STATUS);
		view_set(row, "STATUS", status);
		view_set_text(row, "STATUS_TEXT", arena_printf(req->arena, "inbox.status.%s", status));
		if (db_bool(rows, i, LIST_IMPORTANT))
			view_show(row, "IMPORTANT");
		if (db_bool(rows, i, LIST_BLOCKED))
			view_show(row, "BLOCKED");
		if (db_bool(rows, i, LIST_FRIEND))
			view_show(row, "FRIEND");
		if (!db_is_null(rows, i, LIST_ASSIGNEE_ID)) {
			view_show(row, "ASSIGNED");
			view_set(row, "ASSIGNEE", db_value(rows, i, LIST_ASSIGNEE));
		}
		for (int k = 0; k < chip_count; k++)
			if (db_int(&chips, k, 0) == ids[i]) {
				view_show(row, "HAS_LABELS");
				add_label_chip(req, row, "LABELS", db_value(&chips, k, 1), db_value(&chips, k, 2));
			}
	}
	if (shown == 0)
		view_show(target, "EMPTY");
	else
		view_show(target, "HAS_ROOMS");
	if (count > INBOX_PAGE_SIZE) {
		struct inbox_filter next = *filter;
		next.cursor_time = db_int(rows, shown - 1, LIST_CURSOR);
		next.cursor_id = ids[shown - 1];
		view_show(target, "HAS_NEXT");
		view_set(target, "NEXT_URL", filter_url(req, &next, filter->status, true, NULL));
	}
	if (filter->cursor_id != 0) {
		view_show(target, "HAS_FIRST");
		view_set(target, "FIRST_URL", filter_url(req, filter, filter->status, false, NULL));
	}
	return 0;
}

/* The filter form, status tabs and the bulk form's choices. */
static void fill_filters(struct request *req, struct view *view, const struct inbox_filter *filter,
    const struct db_rows *labels, int label_count, const struct db_rows *members, int member_count,
    const struct db_rows *groups, int group_count)
{
	struct view *tab = view_add_row(view, "TABS");
	view_set_text(tab, "TAB_TEXT", "inbox.status.all");
	view_set(tab, "TAB_URL", filter_url(req, filter, NULL, false, NULL));
	if (filter->status == NULL)
		view_show(tab, "TAB_CURRENT");
	for (int i = 0; room_statuses[i] != NULL; i++) {
		tab = view_add_row(view, "TABS");
		view_set_text(tab, "TAB_TEXT", arena_printf(req->arena, "inbox.status.%s", room_statuses[i]));
		view_set(tab, "TAB_URL", filter_url(req, filter, room_statuses[i], false, NULL));
		if (filter->status != NULL && strcmp(filter->status, room_statuses[i]) == 0)
			view_show(tab, "TAB_CURRENT");
	}
	for (int i = 0; room_statuses[i] != NULL; i++) {
		struct view *row = view_add_row(view, "STATUS_CHOICES");
		view_set(row, "VALUE", room_statuses[i]);
		view_set_text(row, "TEXT", arena_printf(req->arena, "inbox.status.%s", room_statuses[i]));
		if (filter->status != NULL && strcmp(filter->status, room_statuses[i]) == 0)
			view_show(row, "SELECTED");
	}
	for (int i = 0; i < label_count; i++) {
		struct view *row = view_add_row(view, "LABEL_CHOICES");
		view_set(row, "VALUE", db_value(labels, i, 0));
		view_set(row, "TEXT", db_value(labels, i, 1));
		if (filter->label == db_int(labels, i, 0))
			view_show(row, "SELECTED");
	}
	if (filter->assignee != NULL && strcmp(filter->assignee, "mine") == 0)
		view_show(view, "ASSIGNEE_MINE");
	if (filter->assignee != NULL && strcmp(filter->assignee, "unassigned") == 0)
		view_show(view, "ASSIGNEE_UNASSIGNED");
	for (int i = 0; i < member_count; i++) {
		struct view *row = view_add_row(view, "MEMBER_CHOICES");
		view_set(row, "VALUE", db_value(members, i, 0));
		view_set(row, "TEXT", db_value(members, i, 1));
		if (filter->assignee != NULL && strcmp(filter->assignee, "mine") != 0
		    && filter->assignee_id == db_int(members, i, 0))
			view_show(row, "SELECTED");
		struct view *option = view_add_row(view, "ASSIGN_CHOICES");
		view_set(option, "VALUE", db_value(members, i, 0));
		view_set(option, "TEXT", db_value(members, i, 1));
	}
	for (int i = 0; periods[i] != NULL; i++) {
		struct view *row = view_add_row(view, "PERIOD_CHOICES");
		view_set(row, "VALUE", periods[i]);
		view_set_text(row, "TEXT", arena_printf(req->arena, "inbox.period.%s", periods[i]));
		if (filter->period != NULL && strcmp(filter->period, periods[i]) == 0)
			view_show(row, "SELECTED");
	}
	for (int i = 0; i < group_count; i++) {
		struct view *row = view_add_row(view, "GROUP_CHOICES");
		view_set(row, "VALUE", db_value(groups, i, 0));
		view_set(row, "TEXT", db_value(groups, i, 1));
	}
	if (filter->important)
		view_show(view, "IMPORTANT_CHECKED");
	if (filter->blocked)
		view_show(view, "BLOCKED_CHECKED");
	view_set(view, "Q", filter->q != NULL ? filter->q : "");
	bool any = filter->status != NULL || filter->label != 0 || filter->assignee != NULL
	    || filter->important || filter->blocked || filter->period != NULL || filter->q != NULL;
	if (any) {
		view_show(view, "FILTERED");
		view_set(view, "CLEAR_URL", chats_path(req));
	}
}

static int list_page(struct request *req)
{
	struct db_rows labels, members, groups, rows;
	int label_count = load_labels(req, &labels);
	int member_count = load_members(req, &members);
	if (label_count < 0 || member_count < 0)
		return -1;
	struct inbox_filter filter;
	filter_read(req, &labels, label_count, &members, member_count, &filter);
	int count = list_query(req, &filter, &rows);
	if (count < 0)
		return -1;
	const char *fragment = http_query(req, "fragment");
	if (fragment != NULL && strcmp(fragment, "1") == 0) {
		struct view *view = fragment_new(req);
		if (fill_rows(req, view, &filter, &rows, count) != 0)
			return -1;
		return page_render(req, view, "part_inbox_rows", 200);
	}
	int group_count = load_groups(req, &groups);
	if (group_count < 0)
		return -1;
	struct view *view = account_page_new(req, "inbox.title", "chats");
	struct view *part = view_include(view, "ROWS", "part_inbox_rows");
	if (fill_rows(req, part, &filter, &rows, count) != 0)
		return -1;
	fill_filters(req, view, &filter, &labels, label_count, &members, member_count, &groups,
	    group_count);
	view_set(view, "BACK", filter_url(req, &filter, filter.status, true, NULL));
	view_set(view, "FRAGMENT_URL", filter_url(req, &filter, filter.status, false, "fragment=1"));
	if (filter.cursor_id == 0)
		view_show(view, "FIRST_PAGE");
	static const char *const notices[] = { "bulk", NULL };
	const char *done = http_query(req, "done");
	if (choice_of(done, notices, NULL) != NULL)
		view_show(view, arena_printf(req->arena, "DONE_%s", done));
	return page_render(req, view, "page_inbox", 200);
}

static int unread_count(struct request *req)
{
	long long account, all;
	if (chat_unread_totals(req, req->account->id, &account, &all) != 0)
		return -1;
	return json_reply(req, 200, arena_printf(req->arena, "{\"unread\":%lld,\"all\":%lld}", account,
	    all));
}

/* ---------------------------------------------------------------------------
 * bulk actions (CHAT-13) */

/* The 422 page of a refused bulk action; with confirm_leave, a form that
 * repeats the action with confirm=1. */
static int bulk_refused(struct request *req, const char *message_key, const char *back,
    const long long *ids, size_t count, bool confirm_leave)
{
	struct view *view = account_page_new(req, "inbox.bulk.title", "chats");
	view_set_text(view, "MESSAGE", message_key);
	view_set(view, "BACK", back);
	if (confirm_leave) {
		view_show(view, "CONFIRM_LEAVE");
		for (size_t i = 0; i < count; i++) {
			struct view *row = view_add_row(view, "ROOMS");
			view_set_int(row, "ID", ids[i]);
		}
	}
	return page_render(req, view, "page_inbox_notice", 422);
}

/* Reads the repeated room fields: the count (≥ 0), or -1 when one is not an id
 * or there are more than INBOX_BULK_MAX. Duplicates are dropped. */
static int read_room_ids(struct request *req, long long *ids)
{
	int count = 0;
	for (size_t i = 0; i < req->form.count; i++) {
		if (strcmp(req->form.items[i].name, "room") != 0)
			continue;
		long long id = parse_id(req->form.items[i].value);
		if (id == 0)
			return -1;
		bool seen = false;
		for (int k = 0; k < count && !seen; k++)
			seen = ids[k] == id;
		if (seen)
			continue;
		if (count == INBOX_BULK_MAX)
			return -1;
		ids[count++] = id;
	}
	return count;
}

/* The friend group of a bulk "group" action: the chosen group of the
 * account, or the one named new_group (made when missing). 0 when neither
 * is valid, <0 on error. */
static long long bulk_group(struct request *req)
{
	long long id = parse_id(http_form(req, "group"));
	struct db_rows rows;
	if (id != 0) {
		int found = DB_EXEC(req->arena, &rows,
		    "SELECT id FROM friend_groups WHERE id = $1 AND account_id = $2",
		    db_param_int(req->arena, id), account_param(req));
		return found < 0 ? found : found == 1 ? id : 0;
	}
	struct param_value name;
	if (param_check(req->arena, new_group_fields, http_form(req, "new_group"), &name) != NULL
	    || !name.present)
		return 0;
	int found = DB_EXEC(req->arena, &rows,
	    "WITH made AS (INSERT INTO friend_groups (account_id, name) "
	    "SELECT $1, $2 WHERE (SELECT count(*) FROM friend_groups WHERE account_id = $1) < $3 "
	    "ON CONFLICT (account_id, lower(name)) DO NOTHING RETURNING id) "
	    "SELECT id FROM made UNION ALL "
	    "SELECT id FROM friend_groups WHERE account_id = $1 AND lower(name) = lower($2)",
	    account_param(req), name.text, db_param_int(req->arena, INBOX_GROUPS_MAX));
	return found < 0 ? found : found >= 1 ? db_int(&rows, 0, 0) : 0;
}

static int bulk(struct request *req)
{
	const char *back = safe_back(req, http_form(req, "back"));
	long long ids[INBOX_BULK_MAX];
	int count = read_room_ids(req, ids);
	if (count < 0)
		return bulk_refused(req, "inbox.bulk.bad_rooms", back, NULL, 0, false);
	if (count == 0)
		return bulk_refused(req, "inbox.bulk.none", back, NULL, 0, false);
	struct param_value values[COUNT(bulk_fields)];
	if (param_read(req, bulk_fields, COUNT(bulk_fields), values) > 0)
		return bulk_refused(req, "inbox.bulk.bad_action", back, NULL, 0, false);
	const char *action = values[BULK_ACTION].text;
	const char *account = account_param(req);
	const char *array = id_array(req->arena, ids, (size_t)count);
	int result;
	if (strcmp(action, "read") == 0) {
		result = DB_EXEC(req->arena, NULL,
		    "UPDATE rooms SET unread_count = 0, status = CASE WHEN status = 'unread' "
		    "THEN 'unanswered' ELSE status END WHERE account_id = $1 AND id = ANY($2::bigint[])",
		    account, array);
	} else if (strcmp(action, "important") == 0 || strcmp(action, "unimportant") == 0) {
		result = DB_EXEC(req->arena, NULL,
		    "UPDATE rooms SET important = $3 WHERE account_id = $1 AND id = ANY($2::bigint[])",
		    account, array, strcmp(action, "important") == 0 ? "true" : "false");
	} else if (strcmp(action, "assign") == 0) {
		const char *assignee = http_form(req, "assignee");
		long long partner = parse_id(assignee);
		int member = partner == 0 ? 0 : DB_EXEC(req->arena, NULL,
		    "SELECT 1 FROM members WHERE account_id = $1 AND partner_id = $2",
		    account, db_param_int(req->arena, partner));
		if (member < 0)
			return -1;
		if (member == 0 && !(assignee != NULL && strcmp(assignee, "none") == 0))
			return bulk_refused(req, "inbox.bulk.bad_assignee", back, NULL, 0, false);
		/* The member check is repeated in the statement, against a member
		 * removed in between. */
		result = DB_EXEC(req->arena, NULL,
		    "UPDATE rooms SET assignee_id = $3::bigint WHERE account_id = $1 "
		    "AND id = ANY($2::bigint[]) AND ($3::bigint IS NULL OR EXISTS "
		    "(SELECT 1 FROM members WHERE account_id = $1 AND partner_id = $3::bigint))",
		    account, array, partner != 0 ? db_param_int(req->arena, partner) : NULL);
	} else if (strcmp(action, "complete") == 0) {
		result = DB_EXEC(req->arena, NULL,
		    "UPDATE rooms SET status = 'completed', unread_count = 0 "
		    "WHERE account_id = $1 AND id = ANY($2::bigint[])",
		    account, array);
	} else if (strcmp(action, "group") == 0) {
		long long group = bulk_group(req);
		if (group < 0)
			return -1;
		if (group == 0)
			return bulk_refused(req, "inbox.bulk.bad_group", back, NULL, 0, false);
		result = DB_EXEC(req->arena, NULL,
		    "INSERT INTO friend_group_members (group_id, customer_id) "
		    "SELECT g.id, r.customer_id FROM friend_groups g JOIN rooms r "
		    "ON r.account_id = g.account_id WHERE g.id = $3 AND g.account_id = $1 "
		    "AND r.id = ANY($2::bigint[]) ON CONFLICT DO NOTHING",
		    account, array, db_param_int(req->arena, group));
	} else if (strcmp(action, "leave") == 0) {
		if (!values[BULK_CONFIRM].present) {
			struct db_rows rows;
			int blocked = DB_EXEC(req->arena, &rows,
			    "SELECT 1 FROM rooms r JOIN customers c ON c.id = r.customer_id "
			    "AND c.account_id = r.account_id WHERE r.account_id = $1 "
			    "AND r.id = ANY($2::bigint[]) AND c.blocked LIMIT 1",
			    account, array);
			if (blocked < 0)
				return -1;
			if (blocked > 0)
				return bulk_refused(req, "inbox.bulk.leave_blocked", back, ids,
				    (size_t)count, true);
		}
		result = DB_EXEC(req->arena, NULL,
		    "UPDATE rooms SET hidden = true WHERE account_id = $1 AND id = ANY($2::bigint[])",
		    account, array);
	} else {
		bool block = strcmp(action, "block") == 0;
		/* Blocking also clears "important" (CHAT-13), in the same statement. */
		result = DB_EXEC(req->arena, NULL,
		    "WITH changed AS (UPDATE customers c SET blocked = $3::boolean FROM rooms r "
		    "WHERE r.account_id = $1 AND r.id = ANY($2::bigint[]) AND c.id = r.customer_id "
		    "AND c.account_id = $1 RETURNING c.id) "
		    "UPDATE rooms SET important = important AND NOT $3::boolean "
		    "WHERE account_id = $1 AND id = ANY($2::bigint[])",
		    account, array, block ? "true" : "false");
	}
	if (result < 0 || chat_notify(req, req->account->id, 0, "room") != 0)
		return -1;
	return http_redirect(req, back);
}

/* ---------------------------------------------------------------------------
 * one room (CHAT-14, 15, 17) */

/* What a room page shows next to its forms after a refused post. */
struct room_state {
	const struct param_field *fields; /* the refused form's fields (or NULL) */
	const struct param_value *values;
	size_t count;
	const char *file_error;     /* catalog key next to the file input */
	const char *message_error;  /* catalog key above the send form */
	const char *labels_error;
	long long *label_ids;       /* the labels as sent, when refused */
	size_t label_count;
};

enum { ROOM_ID, ROOM_NAME, ROOM_MEMO, ROOM_REF, ROOM_REFERRER, ROOM_STATUS, ROOM_IMPORTANT,
	ROOM_ASSIGNEE_ID, ROOM_CREATED, ROOM_DISPLAY_NAME, ROOM_NUMBER, ROOM_FRIEND, ROOM_BLOCKED,
	ROOM_UNREAD, ROOM_ASSIGNEE, ROOM_OPEN, ROOM_HIDDEN, ROOM_LAST_CUSTOMER, ROOM_TIMEOUT };

/* Loads one room of the account with its customer: 1, 0 not found, <0. */
static int load_room(struct request *req, long long room_id, struct db_rows *rows)
{
	return DB_EXEC(req->arena, rows,
	    "SELECT r.id, r.name, r.memo, r.ref, r.referrer, r.status, r.important, r.assignee_id, "
	    "to_char(r.created_at AT TIME ZONE a.time_zone, 'YYYY-MM-DD HH24:MI'), c.display_name, "
	    "c.number, c.is_friend, c.blocked, r.unread_count, coalesce(p.name, ''), "
	    "r.last_customer_message_at > now() - make_interval(mins => a.session_timeout_minutes), "
	    "r.hidden, to_char(r.last_customer_message_at AT TIME ZONE a.time_zone, "
	    "'YYYY-MM-DD HH24:MI'), a.session_timeout_minutes "
	    "FROM rooms r JOIN accounts a ON a.id = r.account_id "
	    "JOIN customers c ON c.id = r.customer_id AND c.account_id = r.account_id "
	    "LEFT JOIN partners p ON p.id = r.assignee_id "
	    "WHERE r.id = $2 AND r.account_id = $1",
	    account_param(req), db_param_int(req->arena, room_id));
}

static int room_exists(struct request *req, long long room_id)
{
	return DB_EXEC(req->arena, NULL, "SELECT 1 FROM rooms WHERE id = $2 AND account_id = $1",
	    account_param(req), db_param_int(req->arena, room_id));
}

enum { MESSAGE_ID, MESSAGE_SENDER, MESSAGE_KIND, MESSAGE_BODY, MESSAGE_ATTACHMENT,
	MESSAGE_FILE_NAME, MESSAGE_IS_IMAGE, MESSAGE_FILE_SIZE, MESSAGE_AT, MESSAGE_AGENT,
	MESSAGE_NO_AGENT, MESSAGE_DELIVERED };

#define MESSAGE_SELECT                                                                          \
	"SELECT m.id, m.sender, m.kind, m.body, a.id, coalesce(a.display_name, ''), "              \
	"coalesce(a.is_image, false), coalesce(a.size, 0), "                                       \
	"to_char(m.created_at AT TIME ZONE $3, 'YYYY-MM-DD HH24:MI'), coalesce(p.name, ''), "      \
	"p.id IS NULL, m.delivered FROM messages m "                                               \
	"LEFT JOIN attachments a ON a.id = m.attachment_id AND a.account_id = m.account_id "       \
	"AND a.room_id = m.room_id LEFT JOIN partners p ON p.id = m.partner_id "                   \
	"WHERE m.account_id = $1 AND m.room_id = $2 "

/* The newest messages before before_id (0: the newest of all), newest first. */
static int load_messages_before(struct request *req, long long room_id, long long before_id,
    struct db_rows *rows)
{
	return DB_EXEC(req->arena, rows,
	    MESSAGE_SELECT "AND m.id < coalesce($4::bigint, 9223372036854775807) "
	    "ORDER BY m.id DESC LIMIT $5::int",
	    account_param(req), db_param_int(req->arena, room_id), req->account->time_zone,
	    before_id != 0 ? db_param_int(req->arena, before_id) : NULL,
	    db_param_int(req->arena, INBOX_MESSAGES_SHOWN + 1));
}

/* The messages after after_id, oldest first. */
static int load_messages_after(struct request *req, long long room_id, long long after_id,
    struct db_rows *rows)
{
	return DB_EXEC(req->arena, rows,
	    MESSAGE_SELECT "AND m.id > $4::bigint ORDER BY m.id LIMIT $5::int",
	    account_param(req), db_param_int(req->arena, room_id), req->account->time_zone,
	    db_param_int(req->arena, after_id), db_param_int(req->arena, INBOX_MESSAGES_AFTER));
}

/* Adds message i of rows to target's MESSAGES. */
static void add_message(struct request *req, struct view *target, const struct db_rows *rows,
    int i, long long room_id, const char *customer)
{
	struct view *row = view_add_row(target, "MESSAGES");
	long long id = db_int(rows, i, MESSAGE_ID);
	view_set_int(row, "MESSAGE_ID", id);
	const char *sender = db_value(rows, i, MESSAGE_SENDER);
	view_set(row, "SENDER", sender);
	if (strcmp(sender, "agent") == 0) {
		view_show(row, "FROM_AGENT");
		if (db_bool(rows, i, MESSAGE_NO_AGENT))
			view_set_text(row, "AGENT_NAME", "inbox.msg.former_member");
		else
			view_set(row, "AGENT_NAME", db_value(rows, i, MESSAGE_AGENT));
	} else if (strcmp(sender, "customer") == 0) {
		view_show(row, "FROM_CUSTOMER");
		view_set(row, "CUSTOMER", customer);
	} else {
		view_show(row, "FROM_SYSTEM");
	}
	const char *kind = db_value(rows, i, MESSAGE_KIND);
	if (strcmp(kind, "friend_request") == 0)
		view_show(row, "FRIEND_REQUEST");
	const char *body = db_value(rows, i, MESSAGE_BODY);
	if (*body != '\0') {
		view_show(row, "HAS_TEXT");
		view_set(row, "BODY", body);
	}
	if (!db_is_null(rows, i, MESSAGE_ATTACHMENT)) {
		view_set(row, "FILE_URL", arena_printf(req->arena, "%s/files/%s", room_path(req, room_id),
		    db_value(rows, i, MESSAGE_ATTACHMENT)));
		view_set(row, "FILE_NAME", db_value(rows, i, MESSAGE_FILE_NAME));
		view_set(row, "FILE_SIZE", file_size_text(req->arena, db_int(rows, i, MESSAGE_FILE_SIZE)));
		view_show(row, db_bool(rows, i, MESSAGE_IS_IMAGE) ? "IMAGE" : "FILE");
	} else if (strcmp(kind, "image") == 0 || strcmp(kind, "file") == 0) {
		view_show(row, "FILE_GONE");
	}
	view_set(row, "AT", db_value(rows, i, MESSAGE_AT));
	if (!db_bool(rows, i, MESSAGE_DELIVERED))
		view_show(row, "UNDELIVERED");
}

/* Marks the room read (CHAT-11: unread → unanswered) and tells the others. */
static int mark_read(struct request *req, long long room_id)
{
	int changed = DB_EXEC(req->arena, NULL,
	    "UPDATE rooms SET unread_count = 0, status = CASE WHEN status = 'unread' THEN "
	    "'unanswered' ELSE status END WHERE id = $2 AND account_id = $1 "
	    "AND (status = 'unread' OR unread_count > 0)",
	    account_param(req), db_param_int(req->arena, room_id));
	if (changed < 0)
		return changed;
	if (changed > 0 && chat_notify(req, req->account->id, room_id, "read") != 0)
		return DB_ERROR;
	return 0;
}

static void fill_summary(struct request *req, struct view *view, const struct db_rows *room)
{
	const char *customer = chat_customer_label(req, db_value(room, 0, ROOM_DISPLAY_NAME),
	    db_int(room, 0, ROOM_NUMBER));
	view_set(view, "CUSTOMER", customer);
	const char *name = db_value(room, 0, ROOM_NAME);
	view_set(view, "ROOM_TITLE", *name != '\0' ? name : customer);
	if (*name != '\0')
		view_show(view, "RENAMED");
	view_show(view, db_bool(room, 0, ROOM_FRIEND) ? "FRIEND" : "NOT_FRIEND");
	view_show(view, db_bool(room, 0, ROOM_BLOCKED) ? "BLOCKED" : "NOT_BLOCKED");
	view_show(view, db_bool(room, 0, ROOM_IMPORTANT) ? "IMPORTANT" : "NOT_IMPORTANT");
	if (db_bool(room, 0, ROOM_HIDDEN))
		view_show(view, "HIDDEN");
	const char *ref = db_value(room, 0, ROOM_REF);
	view_set(view, "REF", ref);
	view_show(view, *ref != '\0' ? "HAS_REF" : "NO_REF");
	const char *referrer = db_value(room, 0, ROOM_REFERRER);
	view_set(view, "REFERRER", referrer);
	if (*referrer == '\0')
		view_show(view, "NO_REFERRER");
	else
		view_show(view, is_web_address(referrer) ? "REFERRER_LINK" : "REFERRER_TEXT");
	view_set(view, "FIRST_CONTACT", db_value(room, 0, ROOM_CREATED));
	view_set(view, "LAST_CUSTOMER", db_value(room, 0, ROOM_LAST_CUSTOMER));
	const char *status = db_value(room, 0, ROOM_STATUS);
	view_set(view, "STATUS", status);
	view_set_text(view, "STATUS_TEXT", arena_printf(req->arena, "inbox.status.%s", status));
	if (strcmp(status, "completed") != 0)
		view_show(view, "CAN_COMPLETE");
	if (!db_is_null(room, 0, ROOM_ASSIGNEE_ID)) {
		view_show(view, "ASSIGNED");
		view_set(view, "ASSIGNEE", db_value(room, 0, ROOM_ASSIGNEE));
	} else {
		view_show(view, "UNASSIGNED");
	}
	view_show(view, db_bool(room, 0, ROOM_OPEN) ? "SESSION_OPEN" : "SESSION_ENDED");
	view_set(view, "TIMEOUT", db_value(room, 0, ROOM_TIMEOUT));
}

/* The room's labels as checkboxes (checked: on the room, or as sent). */
static int fill_room_labels(struct request *req, struct view *view, long long room_id,
    const struct room_state *state)
{
	struct db_rows rows;
	int count = DB_EXEC(req->arena, &rows,
	    "SELECT l.id, l.name, l.color, rl.room_id IS NOT NULL FROM labels l "
	    "LEFT JOIN room_labels rl ON rl.label_id = l.id AND rl.room_id = $2 "
	    "WHERE l.account_id = $1 ORDER BY lower(l.name), l.id",
	    account_param(req), db_param_int(req->arena, room_id));
	if (count < 0)
		return -1;
	for (int i = 0; i < count; i++) {
		struct view *row = view_add_row(view, "LABEL_CHOICES");
		long long id = db_int(&rows, i, 0);
		view_set_int(row, "VALUE", id);
		view_set(row, "TEXT", db_value(&rows, i, 1));
		view_set(row, "LABEL_CLASS", color_class(req, db_value(&rows, i, 2)));
		bool checked = db_bool(&rows, i, 3);
		if (state != NULL && state->label_ids != NULL) {
			checked = false;
			for (size_t k = 0; k < state->label_count; k++)
				checked = checked || state->label_ids[k] == id;
		}
		if (checked) {
			view_show(row, "CHECKED");
			add_label_chip(req, view, "ROOM_LABELS", db_value(&rows, i, 1), db_value(&rows, i, 2));
		}
	}
	view_show(view, count > 0 ? "HAS_LABELS" : "NO_LABELS");
	return 0;
}

static int room_page(struct request *req, long long room_id, const struct room_state *state,
    int status)
{
	struct db_rows room, messages, members, groups;
	int found = load_room(req, room_id, &room);
	if (found <= 0)
		return found < 0 ? -1 : 404;
	if (status == 200 && !req->is_head && (db_int(&room, 0, ROOM_UNREAD) > 0
		|| strcmp(db_value(&room, 0, ROOM_STATUS), "unread") == 0)) {
		if (mark_read(req, room_id) != 0)
			return -1;
		if (load_room(req, room_id, &room) != 1)
			return -1;
	}
	long long before = parse_id(http_query(req, "before"));
	int count = load_messages_before(req, room_id, before, &messages);
	int member_count = load_members(req, &members);
	int group_count = load_groups(req, &groups);
	if (count < 0 || member_count < 0 || group_count < 0)
		return -1;
	struct view *view = account_page_new(req, "inbox.room.title", "chats");
	fill_summary(req, view, &room);
	view_set_int(view, "ROOM_ID", room_id);
	view_set(view, "ROOM_URL", room_path(req, room_id));
	view_set(view, "LIST_URL", chats_path(req));
	const char *customer = chat_customer_label(req, db_value(&room, 0, ROOM_DISPLAY_NAME),
	    db_int(&room, 0, ROOM_NUMBER));
	int shown = count > INBOX_MESSAGES_SHOWN ? INBOX_MESSAGES_SHOWN : count;
	struct view *part = view_include(view, "MESSAGES_PART", "part_inbox_messages");
	for (int i = shown - 1; i >= 0; i--)
		add_message(req, part, &messages, i, room_id, customer);
	view_set_int(view, "LAST_ID", shown > 0 && before == 0 ? db_int(&messages, 0, MESSAGE_ID) : 0);
	if (before == 0)
		view_show(view, "LIVE");
	else
		view_show(view, "OLDER_SHOWN");
	if (count > INBOX_MESSAGES_SHOWN) {
		view_show(view, "HAS_OLDER");
		view_set(view, "OLDER_URL", arena_printf(req->arena, "%s?before=%lld",
		    room_path(req, room_id), db_int(&messages, shown - 1, MESSAGE_ID)));
	}
	if (shown == 0)
		view_show(view, "NO_MESSAGES");
	for (int i = 0; i < member_count; i++) {
		struct view *row = view_add_row(view, "ASSIGN_CHOICES");
		view_set(row, "VALUE", db_value(&members, i, 0));
		view_set(row, "TEXT", db_value(&members, i, 1));
		if (!db_is_null(&room, 0, ROOM_ASSIGNEE_ID)
		    && db_int(&room, 0, ROOM_ASSIGNEE_ID) == db_int(&members, i, 0))
			view_show(row, "SELECTED");
	}
	for (int i = 0; i < group_count; i++) {
		struct view *row = view_add_row(view, "GROUP_CHOICES");
		view_set(row, "VALUE", db_value(&groups, i, 0));
		view_set(row, "TEXT", db_value(&groups, i, 1));
	}
	if (fill_room_labels(req, view, room_id, state) != 0)
		return -1;
	view_set(view, "NAME", db_value(&room, 0, ROOM_NAME));
	view_set(view, "MEMO", db_value(&room, 0, ROOM_MEMO));
	view_set(view, "TEXT", "");
	view_set(view, "CLIENT_ID", auth_new_token(req->arena));
	if (state != NULL) {
		if (state->fields != NULL)
			page_form(view, state->fields, state->count, state->values);
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
	static const char *const notices[] = { "sent", "renamed", "memo", "labels", "completed",
		"friend_request", "already_friend", NULL };
	const char *done = http_query(req, "done");
	if (choice_of(done, notices, NULL) != NULL)
		view_show(view, arena_printf(req->arena, "DONE_%s", done));
	return page_render(req, view, "page_inbox_room", status);
}

static int room(struct request *req)
{
	long long room_id = parse_id(req->params[1]);
	if (room_id == 0)
		return 404;
	return room_page(req, room_id, NULL, 200);
}

/* GET .../messages?after=ID: the newer messages as list items, 204 when none. */
static int messages_after(struct request *req)
{
	long long room_id = parse_id(req->params[1]);
	if (room_id == 0)
		return 404;
	struct db_rows room, rows;
	int found = load_room(req, room_id, &room);
	if (found <= 0)
		return found < 0 ? -1 : 404;
	long long after;
	const char *after_text = http_query(req, "after");
	if (after_text == NULL || text_to_int(after_text, 0, INT64_MAX, &after) != 0)
		after = 0;
	int count = load_messages_after(req, room_id, after, &rows);
	if (count < 0)
		return -1;
	if (count == 0) {
		req->status = 204;
		req->body.length = 0;
		return 204;
	}
	/* The agent has the room open: what the customer wrote is now read. */
	if (!req->is_head && (db_int(&room, 0, ROOM_UNREAD) > 0
		|| strcmp(db_value(&room, 0, ROOM_STATUS), "unread") == 0)
	    && mark_read(req, room_id) != 0)
		return -1;
	const char *customer = chat_customer_label(req, db_value(&room, 0, ROOM_DISPLAY_NAME),
	    db_int(&room, 0, ROOM_NUMBER));
	struct view *view = fragment_new(req);
	for (int i = 0; i < count; i++)
		add_message(req, view, &rows, i, room_id, customer);
	return page_render(req, view, "part_inbox_messages", 200);
}

/* Answers a refused message: JSON {"error"} or the room page with the reason. */
static int message_refused(struct request *req, long long room_id, int status,
    struct room_state *state, const char *json_text)
{
	if (wants_json(req))
		return json_error(req, status, json_text);
	return room_page(req, room_id, state, status);
}

/* The result of chat_post_agent (or the friend request) as a response. */
static int message_result(struct request *req, long long room_id, int result,
    struct room_state *state, const char *done)
{
	if (result == CHAT_OK || result == CHAT_DUPLICATE) {
		if (wants_json(req))
			return json_reply(req, 200, "{\"ok\":true}");
		return http_redirect(req, arena_printf(req->arena, "%s?done=%s", room_path(req, room_id),
		    done));
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

static int post_message(struct request *req)
{
	long long room_id = parse_id(req->params[1]);
	if (room_id == 0)
		return 404;
	int exists = room_exists(req, room_id);
	if (exists <= 0)
		return exists < 0 ? -1 : 404;
	struct param_value values[COUNT(message_fields)];
	int errors = param_read(req, message_fields, COUNT(message_fields), values);
	struct room_state state = { message_fields, values, COUNT(message_fields), NULL, NULL, NULL,
		NULL, 0 };
	const struct http_file *file = http_file(req, "file");
	if (errors > 0)
		return message_refused(req, room_id, 422, &state,
		    field_error_text(req, &message_fields[0], values[0].error));
	if (!values[0].present && file == NULL) {
		values[0].error = "inbox.err.empty_message";
		return message_refused(req, room_id, 422, &state,
		    view_text(req->lang, "inbox.err.empty_message"));
	}
	const char *mime = NULL;
	if (file != NULL) {
		const char *error = upload_check(req->arena, file, &upload_chat_image, &mime);
		if (error != NULL && strcmp(error, "err.file_type") == 0)
			error = upload_check(req->arena, file, &upload_chat_file, &mime);
		if (error != NULL) {
			state.file_error = strcmp(error, "err.file_type") == 0 ? "inbox.err.file_type" : error;
			return message_refused(req, room_id,
			    strcmp(error, "err.file_too_large") == 0 ? 413 : 422, &state,
			    view_text(req->lang, state.file_error));
		}
	}
	const char *client_id = http_form(req, "client_id");
	struct chat_input input = {
		.text = values[0].text,
		.file = file,
		.mime = mime,
		.client_id = client_id_valid(client_id) ? client_id : NULL,
	};
	int result = chat_post_agent(req, req->account->id, room_id, &input);
	return message_result(req, room_id, result, &state, "sent");
}

static int friend_request(struct request *req)
{
	long long room_id = parse_id(req->params[1]);
	if (room_id == 0)
		return 404;
	const char *client_id = http_form(req, "client_id");
	struct chat_input input = {
		.text = view_text(req->lang, "inbox.friend_request.body"),
		.client_id = client_id_valid(client_id) ? client_id : NULL,
		.friend_request = true,
	};
	int result = chat_post_agent(req, req->account->id, room_id, &input);
	if (result == CHAT_ALREADY_FRIEND)
		return http_redirect(req, arena_printf(req->arena, "%s?done=already_friend",
		    room_path(req, room_id)));
	struct room_state state = { 0 };
	return message_result(req, room_id, result, &state, "friend_request");
}

/* Runs one room update with the room's id and account and one field; the
 * field form is re-shown with its error on 422. */
static int room_update(struct request *req, const struct param_field *fields, const char *sql,
    const char *done)
{
	long long room_id = parse_id(req->params[1]);
	if (room_id == 0)
		return 404;
	struct param_value value;
	if (param_read(req, fields, 1, &value) > 0) {
		struct room_state state = { fields, &value, 1, NULL, NULL, NULL, NULL, 0 };
		return room_page(req, room_id, &state, 422);
	}
	int changed = db_exec(req->arena, NULL, sql, 3, (const char *[]) {
		account_param(req), db_param_int(req->arena, room_id), value.text });
	if (changed <= 0)
		return changed < 0 ? -1 : 404;
	if (chat_notify(req, req->account->id, room_id, "room") != 0)
		return -1;
	return http_redirect(req, arena_printf(req->arena, "%s?done=%s", room_path(req, room_id),
	    done));
}

static int rename_room(struct request *req)
{
	return room_update(req, rename_fields,
	    "UPDATE rooms SET name = $3 WHERE id = $2 AND account_id = $1", "renamed");
}

static int save_memo(struct request *req)
{
	return room_update(req, memo_fields,
	    "UPDATE rooms SET memo = $3 WHERE id = $2 AND account_id = $1", "memo");
}

static int complete(struct request *req)
{
	long long room_id = parse_id(req->params[1]);
	if (room_id == 0)
		return 404;
	int changed = DB_EXEC(req->arena, NULL,
	    "UPDATE rooms SET status = 'completed', unread_count = 0 WHERE id = $2 AND account_id = $1",
	    account_param(req), db_param_int(req->arena, room_id));
	if (changed <= 0)
		return changed < 0 ? -1 : 404;
	if (chat_notify(req, req->account->id, room_id, "room") != 0)
		return -1;
	return http_redirect(req, arena_printf(req->arena, "%s?done=completed",
	    room_path(req, room_id)));
}

static int set_labels(struct request *req)
{
	long long room_id = parse_id(req->params[1]);
	if (room_id == 0)
		return 404;
	int exists = room_exists(req, room_id);
	if (exists <= 0)
		return exists < 0 ? -1 : 404;
	long long ids[INBOX_LABELS_MAX] = { 0 };
	size_t count = 0;
	bool bad = false;
	for (size_t i = 0; i < req->form.count && !bad; i++) {
		if (strcmp(req->form.items[i].name, "label") != 0)
			continue;
		long long id = parse_id(req->form.items[i].value);
		bad = id == 0 || count == INBOX_LABELS_MAX;
		if (!bad)
			ids[count++] = id;
	}
	const char *array = id_array(req->arena, ids, count);
	if (!bad && count > 0) {
		struct db_rows rows;
		int known = DB_EXEC(req->arena, &rows,
		    "SELECT count(*) FROM labels WHERE account_id = $1 AND id = ANY($2::bigint[])",
		    account_param(req), array);
		if (known != 1)
			return -1;
		/* Every id must be one of this account's labels (repeats count once). */
		int distinct = 0;
		for (size_t i = 0; i < count; i++) {
			bool repeat = false;
			for (size_t k = 0; k < i; k++)
				repeat = repeat || ids[k] == ids[i];
			distinct += !repeat;
		}
		bad = db_int(&rows, 0, 0) != distinct;
	}
	if (bad) {
		struct room_state state = { NULL, NULL, 0, NULL, NULL, "inbox.err.labels", NULL, 0 };
		return room_page(req, room_id, &state, 422);
	}
	if (db_begin(req->arena) != 0
	    || DB_EXEC(req->arena, NULL,
		   "DELETE FROM room_labels rl USING rooms r WHERE rl.room_id = r.id "
		   "AND r.id = $2 AND r.account_id = $1",
		   account_param(req), db_param_int(req->arena, room_id)) < 0
	    || DB_EXEC(req->arena, NULL,
		   "INSERT INTO room_labels (room_id, label_id) SELECT r.id, l.id FROM rooms r "
		   "JOIN labels l ON l.account_id = r.account_id WHERE r.id = $2 AND r.account_id = $1 "
		   "AND l.id = ANY($3::bigint[]) ON CONFLICT DO NOTHING",
		   account_param(req), db_param_int(req->arena, room_id), array) < 0
	    || chat_notify(req, req->account->id, room_id, "room") != 0
	    || db_commit(req->arena) != 0)
		return -1;
	return http_redirect(req, arena_printf(req->arena, "%s?done=labels", room_path(req, room_id)));
}

static int attachment(struct request *req)
{
	long long room_id = parse_id(req->params[1]);
	long long file_id = parse_id(req->params[2]);
	if (room_id == 0 || file_id == 0)
		return 404;
	struct db_rows rows;
	int found = DB_EXEC(req->arena, &rows,
	    "SELECT stored_name, mime, display_name FROM attachments "
	    "WHERE id = $3 AND room_id = $2 AND account_id = $1",
	    account_param(req), db_param_int(req->arena, room_id), db_param_int(req->arena, file_id));
	if (found <= 0)
		return found < 0 ? -1 : 404;
	return upload_serve(req, db_value(&rows, 0, 0), db_value(&rows, 0, 1), db_value(&rows, 0, 2),
	    false);
}

/* ---------------------------------------------------------------------------
 * labels (CHAT-20) */

static void add_palette(struct request *req, struct view *view, const char *section, const char *chosen)
{
	for (int i = 0; label_colors[i] != NULL; i++) {
		struct view *row = view_add_row(view, section);
		view_set(row, "COLOR", label_colors[i]);
		view_set(row, "COLOR_CLASS", color_class(req, label_colors[i]));
		view_set_text(row, "COLOR_NAME", arena_printf(req->arena, "inbox.color.%d", i));
		if (chosen != NULL ? strcmp(chosen, label_colors[i]) == 0 : i == 0)
			view_show(row, "CHECKED");
	}
}

/* The labels page; values (create form) or edit_id with edit_values (one
 * label's form) carry a refused post. */
static int labels_page(struct request *req, const struct param_value *values, long long edit_id,
    const struct param_value *edit_values, int status)
{
	struct db_rows rows;
	int count = DB_EXEC(req->arena, &rows,
	    "SELECT l.id, l.name, l.color, (SELECT count(*) FROM room_labels rl JOIN rooms r "
	    "ON r.id = rl.room_id AND r.account_id = l.account_id WHERE rl.label_id = l.id) "
	    "FROM labels l WHERE l.account_id = $1 ORDER BY lower(l.name), l.id",
	    account_param(req));
	if (count < 0)
		return -1;
	struct view *view = account_page_new(req, "inbox.labels.title", "labels");
	for (int i = 0; i < count; i++) {
		struct view *row = view_add_row(view, "LABELS");
		long long id = db_int(&rows, i, 0);
		view_set_int(row, "LABEL_ID", id);
		const char *name = db_value(&rows, i, 1), *color = db_value(&rows, i, 2);
		view_set(row, "LABEL_NAME", name);
		view_set(row, "LABEL_CLASS", color_class(req, color));
		view_set(row, "ROOM_COUNT", db_value(&rows, i, 3));
		view_set(row, "FILTER_URL", arena_printf(req->arena, "%s?label=%lld", chats_path(req), id));
		view_set(row, "EDIT_NAME", name);
		if (edit_id == id && edit_values != NULL) {
			view_set(row, "EDIT_NAME", edit_values[LABEL_NAME].text);
			if (edit_values[LABEL_COLOR].error == NULL)
				color = edit_values[LABEL_COLOR].text;
			for (int k = 0; k < 2; k++)
				if (edit_values[k].error != NULL) {
					view_show(row, "EDIT_INVALID");
					view_set(row, "EDIT_ERROR", field_error_text(req, &label_fields[k],
					    edit_values[k].error));
				}
			view_show(row, "EDIT_OPEN");
		}
		add_palette(req, row, "EDIT_COLORS", color);
	}
	if (count == 0)
		view_show(view, "NO_LABELS");
	if (count >= INBOX_LABELS_MAX)
		view_show(view, "AT_LIMIT");
	if (values != NULL)
		page_form(view, label_fields, COUNT(label_fields), values);
	else
		view_set(view, "NAME", "");
	add_palette(req, view, "COLORS", values != NULL && values[LABEL_COLOR].error == NULL
	    ? values[LABEL_COLOR].text : NULL);
	static const char *const notices[] = { "created", "saved", "deleted", NULL };
	const char *done = http_query(req, "done");
	if (choice_of(done, notices, NULL) != NULL)
		view_show(view, arena_printf(req->arena, "DONE_%s", done));
	return page_render(req, view, "page_labels", status);
}

static int labels_list(struct request *req)
{
	return labels_page(req, NULL, 0, NULL, 200);
}

static const char *labels_done(struct request *req, const char *done)
{
	return arena_printf(req->arena, "/a/%s/labels?done=%s", req->account->code, done);
}

static int label_create(struct request *req)
{
	struct param_value values[COUNT(label_fields)];
	if (param_read(req, label_fields, COUNT(label_fields), values) > 0)
		return labels_page(req, values, 0, NULL, 422);
	int created = DB_EXEC(req->arena, NULL,
	    "INSERT INTO labels (account_id, name, color) SELECT $1, $2, $3 "
	    "WHERE (SELECT count(*) FROM labels WHERE account_id = $1) < $4",
	    account_param(req), values[LABEL_NAME].text, values[LABEL_COLOR].text,
	    db_param_int(req->arena, INBOX_LABELS_MAX));
	if (created == DB_UNIQUE_VIOLATION || created == 0) {
		values[LABEL_NAME].error = created == 0 ? "inbox.err.labels_full" : "inbox.err.label_taken";
		return labels_page(req, values, 0, NULL, 422);
	}
	if (created < 0)
		return -1;
	return http_redirect(req, labels_done(req, "created"));
}

/* After a label was changed or deleted (changed rows, or <0): tells open
 * inboxes, whose chips show labels, and goes back to the labels page. */
static int labels_changed(struct request *req, int changed, const char *done)
{
	if (changed <= 0)
		return changed < 0 ? -1 : 404;
	if (chat_notify(req, req->account->id, 0, "room") != 0)
		return -1;
	return http_redirect(req, labels_done(req, done));
}

static int label_update(struct request *req)
{
	long long id = parse_id(req->params[1]);
	if (id == 0)
		return 404;
	int exists = DB_EXEC(req->arena, NULL, "SELECT 1 FROM labels WHERE id = $2 AND account_id = $1",
	    account_param(req), db_param_int(req->arena, id));
	if (exists <= 0)
		return exists < 0 ? -1 : 404;
	struct param_value values[COUNT(label_fields)];
	if (param_read(req, label_fields, COUNT(label_fields), values) > 0)
		return labels_page(req, NULL, id, values, 422);
	int changed = DB_EXEC(req->arena, NULL,
	    "UPDATE labels SET name = $3, color = $4 WHERE id = $2 AND account_id = $1",
	    account_param(req), db_param_int(req->arena, id), values[LABEL_NAME].text,
	    values[LABEL_COLOR].text);
	if (changed == DB_UNIQUE_VIOLATION) {
		values[LABEL_NAME].error = "inbox.err.label_taken";
		return labels_page(req, NULL, id, values, 422);
	}
	return labels_changed(req, changed, "saved");
}

static int label_delete(struct request *req)
{
	long long id = parse_id(req->params[1]);
	if (id == 0)
		return 404;
	int deleted = DB_EXEC(req->arena, NULL, "DELETE FROM labels WHERE id = $2 AND account_id = $1",
	    account_param(req), db_param_int(req->arena, id));
	return labels_changed(req, deleted, "deleted");
}

/* ---------------------------------------------------------------------------
 * friend groups */

static int groups_page(struct request *req, const struct param_value *values, int status)
{
	struct db_rows rows;
	int count = DB_EXEC(req->arena, &rows,
	    "SELECT g.id, g.name, g.description, (SELECT count(*) FROM friend_group_members fm "
	    "JOIN customers c ON c.id = fm.customer_id AND c.account_id = g.account_id "
	    "WHERE fm.group_id = g.id), "
	    "(SELECT count(*) FROM friend_group_members fm JOIN customers c ON c.id = fm.customer_id "
	    "AND c.account_id = g.account_id WHERE fm.group_id = g.id AND c.is_friend) "
	    "FROM friend_groups g WHERE g.account_id = $1 ORDER BY lower(g.name), g.id",
	    account_param(req));
	if (count < 0)
		return -1;
	struct view *view = account_page_new(req, "inbox.groups.title", "groups");
	for (int i = 0; i < count; i++) {
		struct view *row = view_add_row(view, "GROUPS");
		view_set(row, "GROUP_ID", db_value(&rows, i, 0));
		view_set(row, "GROUP_NAME", db_value(&rows, i, 1));
		const char *description = db_value(&rows, i, 2);
		if (*description != '\0') {
			view_show(row, "HAS_DESCRIPTION");
			view_set(row, "GROUP_DESCRIPTION", description);
		}
		view_set(row, "MEMBER_COUNT", db_value(&rows, i, 3));
		view_set(row, "FRIEND_COUNT", db_value(&rows, i, 4));
	}
	if (count == 0)
		view_show(view, "NO_GROUPS");
	if (values != NULL) {
		page_form(view, group_fields, COUNT(group_fields), values);
	} else {
		view_set(view, "NAME", "");
		view_set(view, "DESCRIPTION", "");
	}
	static const char *const notices[] = { "created", "deleted", NULL };
	const char *done = http_query(req, "done");
	if (choice_of(done, notices, NULL) != NULL)
		view_show(view, arena_printf(req->arena, "DONE_%s", done));
	return page_render(req, view, "page_groups", status);
}

static int groups_list(struct request *req)
{
	return groups_page(req, NULL, 200);
}

static int group_create(struct request *req)
{
	struct param_value values[COUNT(group_fields)];
	if (param_read(req, group_fields, COUNT(group_fields), values) > 0)
		return groups_page(req, values, 422);
	int created = DB_EXEC(req->arena, NULL,
	    "INSERT INTO friend_groups (account_id, name, description) SELECT $1, $2, $3 "
	    "WHERE (SELECT count(*) FROM friend_groups WHERE account_id = $1) < $4",
	    account_param(req), values[GROUP_NAME].text, values[GROUP_DESCRIPTION].text,
	    db_param_int(req->arena, INBOX_GROUPS_MAX));
	if (created == DB_UNIQUE_VIOLATION || created == 0) {
		values[GROUP_NAME].error = created == 0 ? "inbox.err.groups_full" : "inbox.err.group_taken";
		return groups_page(req, values, 422);
	}
	if (created < 0)
		return -1;
	return http_redirect(req, arena_printf(req->arena, "/a/%s/groups?done=created",
	    req->account->code));
}

static int group_delete(struct request *req)
{
	long long id = parse_id(req->params[1]);
	if (id == 0)
		return 404;
	int deleted = DB_EXEC(req->arena, NULL,
	    "DELETE FROM friend_groups WHERE id = $2 AND account_id = $1",
	    account_param(req), db_param_int(req->arena, id));
	if (deleted <= 0)
		return deleted < 0 ? -1 : 404;
	return http_redirect(req, arena_printf(req->arena, "/a/%s/groups?done=deleted",
	    req->account->code));
}

/* ---------------------------------------------------------------------------
 * settings (CHAT-17) */

static int settings_page(struct request *req, const struct param_value *values, int status)
{
	struct view *view = account_page_new(req, "inbox.settings.title", "chats");
	if (values != NULL) {
		page_form(view, settings_fields, COUNT(settings_fields), values);
	} else {
		struct db_rows rows;
		if (DB_EXEC(req->arena, &rows,
			"SELECT session_timeout_minutes FROM accounts WHERE id = $1",
			account_param(req)) != 1)
			return -1;
		view_set(view, "SESSION_TIMEOUT_MINUTES", db_value(&rows, 0, 0));
	}
	const char *done = http_query(req, "done");
	if (done != NULL && strcmp(done, "saved") == 0)
		view_show(view, "DONE_saved");
	return page_render(req, view, "page_inbox_settings", status);
}

static int settings_form(struct request *req)
{
	return settings_page(req, NULL, 200);
}

static int settings_save(struct request *req)
{
	struct param_value values[COUNT(settings_fields)];
	if (param_read(req, settings_fields, COUNT(settings_fields), values) > 0)
		return settings_page(req, values, 422);
	if (DB_EXEC(req->arena, NULL, "UPDATE accounts SET session_timeout_minutes = $2 WHERE id = $1",
		account_param(req), db_param_int(req->arena, values[0].number)) != 1)
		return -1;
	return http_redirect(req, arena_printf(req->arena, "/a/%s/chats/settings?done=saved",
	    req->account->code));
}

static const struct route routes[] = {
	{ ROUTE_GET, "/a/{code}/chats", ROUTE_MEMBER, list_page },
	{ ROUTE_GET, "/a/{code}/chats/unread", ROUTE_MEMBER, unread_count },
	{ ROUTE_POST, "/a/{code}/chats/bulk", ROUTE_MEMBER, bulk },
	{ ROUTE_GET, "/a/{code}/chats/settings", ROUTE_MEMBER, settings_form },
	{ ROUTE_POST, "/a/{code}/chats/settings", ROUTE_MEMBER, settings_save },
	{ ROUTE_GET, "/a/{code}/chats/{id}", ROUTE_MEMBER, room },
	{ ROUTE_GET, "/a/{code}/chats/{id}/messages", ROUTE_MEMBER, messages_after },
	{ ROUTE_POST, "/a/{code}/chats/{id}/messages", ROUTE_MEMBER, post_message, ROUTE_BODY_FILES, true },
	{ ROUTE_GET, "/a/{code}/chats/{id}/files/{id}", ROUTE_MEMBER, attachment },
	{ ROUTE_POST, "/a/{code}/chats/{id}/rename", ROUTE_MEMBER, rename_room },
	{ ROUTE_POST, "/a/{code}/chats/{id}/memo", ROUTE_MEMBER, save_memo },
	{ ROUTE_POST, "/a/{code}/chats/{id}/labels", ROUTE_MEMBER, set_labels },
	{ ROUTE_POST, "/a/{code}/chats/{id}/friend-request", ROUTE_MEMBER, friend_request },
	{ ROUTE_POST, "/a/{code}/chats/{id}/complete", ROUTE_MEMBER, complete },
	{ ROUTE_GET, "/a/{code}/labels", ROUTE_MEMBER, labels_list },
	{ ROUTE_POST, "/a/{code}/labels", ROUTE_MEMBER, label_create },
	{ ROUTE_POST, "/a/{code}/labels/{id}", ROUTE_MEMBER, label_update },
	{ ROUTE_POST, "/a/{code}/labels/{id}/delete", ROUTE_MEMBER, label_delete },
	{ ROUTE_GET, "/a/{code}/groups", ROUTE_MEMBER, groups_list },
	{ ROUTE_POST, "/a/{code}/groups", ROUTE_MEMBER, group_create },
	{ ROUTE_POST, "/a/{code}/groups/{id}/delete", ROUTE_MEMBER, group_delete },
};


int main(int argc, char **argv)
{
	static const struct program program = {
		.name = "inbox", .routes = routes, .route_count = COUNT(routes), .uploads = true,
	};
	return fcgi_main(argc, argv, &program);
}
