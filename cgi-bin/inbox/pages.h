/* inbox: what the files of the agents' inbox program share (limits, paths,
 * label chips, ?done= notices) and the handlers its route table names. */
#ifndef SANGDAM_INBOX_PAGES_H
#define SANGDAM_INBOX_PAGES_H

struct account_choices;
struct db_query;
struct request;
struct room_detail;
struct view;

enum {
	INBOX_BULK_MAX = 100,       /* rooms in one bulk action */
	INBOX_MESSAGES_SHOWN = 100, /* messages per page of a room */
	INBOX_MESSAGES_AFTER = 200, /* messages in one live-update fragment */
	INBOX_LABELS_MAX = 100,     /* labels of one account */
	INBOX_GROUPS_MAX = 200,     /* friend groups of one account */
	INBOX_SEARCH_MAX = 100,     /* code points of a search */
};

/* "/a/CODE/chats" and "/a/CODE/chats/ROOM" of the request's account (arena). */
const char *inbox_chats_path(struct request *req);
const char *inbox_room_path(struct request *req, long long room_id);

/* The list a room was opened from (CHAT-12): the list's filters in req's
 * query (status, left, sort, label, assignee, important, blocked, period and
 * q; ids unchecked, no page cursor) as "?status=unread&q=...", or "" when
 * there are none. The list's rows give it to the rooms' addresses, and the
 * room page to 목록으로 and to its forms' addresses, so that the room's pane
 * and the answers of its forms show that list again. Arena string. */
const char *inbox_list_query(struct request *req);
/* inbox_room_path with inbox_list_query: where a room's form answers. */
const char *inbox_room_listed(struct request *req, long long room_id);

/* After a change (changed: rows changed, or <0): 404 when nothing changed,
 * else tells open inboxes that room_id (0: every room, as for a label)
 * changed and sends the browser to path with notice done. */
int inbox_changed(struct request *req, long long room_id, int changed, const char *path,
    const char *done);


/* The catalog text key with "{n}" replaced by n (arena). */
const char *inbox_count_text(struct request *req, const char *key, long long n);

/* The notice of a bulk action's report (?done=bulk&bulk=ACTION&n=N:
 * BULK_REPORT, BULK_TEXT) or of nothing ticked (?done=none: BULK_NONE). */
void inbox_bulk_notice(struct request *req, struct view *view);

/* The CSS class of a label colour ("#1e88e5" → "lc-1e88e5"), in the arena. */
const char *inbox_color_class(struct request *req, const char *color);

/* Adds a label chip (LABEL_NAME, LABEL_CLASS) as a row of section. */
void inbox_add_label_chip(struct request *req, struct view *view, const char *section,
    const char *name, const char *color);

/* list.c: the list of rooms (CHAT-10, 12) and the unread count as JSON. */
int inbox_list(struct request *req);
int inbox_unread(struct request *req);
/* The status tabs' counts as JSON {"unread":N,...,"left":N} (issue 13). */
int inbox_counts(struct request *req);

/* bulk.c: an action on the rooms ticked in the list (CHAT-13). */
int inbox_bulk(struct request *req);

/* room.c: one room (CHAT-14, 15, 17) and what agents do in it. */
int inbox_room(struct request *req);
/* The room route's prefetch (session.h): inbox_list_prefetch's statements,
 * then the room, its messages and its request form's answers. */
int inbox_room_prefetch(struct request *req, long long account_id, const char *time_zone,
    struct db_query *queries);
int inbox_messages_after(struct request *req);
int inbox_post_message(struct request *req);
int inbox_attachment(struct request *req);
int inbox_rename(struct request *req);
int inbox_memo(struct request *req);
int inbox_room_labels(struct request *req);
int inbox_friend_request(struct request *req);
int inbox_complete(struct request *req);

/* The room page again with a refused form (its values and errors, 422);
 * labels_error: a catalog key beside the labels, or NULL. */
struct form;
struct param_value;
int inbox_room_refused(struct request *req, long long room_id, const struct form *form,
    const struct param_value *values, const char *labels_error);

/* The list pane of the inbox and the room page (the status tabs, the order,
 * the filters and bulk form's choices and the first rows, part_inbox_list),
 * read from the query, in two halves so that a page reads it in one round
 * trip with its own statements (issue 8). inbox_list_begin reads the
 * filters, notes the moment before anything is read (the live updates'
 * start) and puts the pane's statements into queries (room for
 * INBOX_LIST_QUERIES: the choices and the inbox version unless they were
 * prefetched, and the rooms unless rows_cache holds this list's rows of this
 * minute): it returns their count (<0 error) and *list, which
 * inbox_list_fill takes once the caller has run them (db_run_queries); it
 * reads the rooms in a round trip of their own when they were left out and
 * the cached rows are not current. inbox_list_fill fills view with the pane
 * and the page's live-update values (0 or -1) and points *choices at the
 * account's choices (arena), their labels marked on_room for room_id (0:
 * none), so that the room page reads them once.
 *
 * inbox_list_prefetch is the list routes' prefetch (session.h): the choices
 * (on_room for the room of the address, if any) and the inbox version,
 * INBOX_LIST_PREFETCHED queries, which inbox_list_begin then takes from
 * req->prefetched. */
enum { INBOX_LIST_QUERIES = 3, INBOX_LIST_PREFETCHED = 2 };
struct inbox_list;
int inbox_list_prefetch(struct request *req, long long account_id, const char *time_zone,
    struct db_query *queries);
int inbox_list_begin(struct request *req, long long room_id, struct inbox_list **list,
    struct db_query *queries);
int inbox_list_fill(struct request *req, struct view *view, struct inbox_list *list,
    struct account_choices **choices);

/* actions.c: leave and block with a confirmation, restore, name, memo and
 * labels together, who views or types (issue 13). */
extern const struct form inbox_details_form;
int inbox_leave_confirm(struct request *req);
int inbox_leave(struct request *req);
int inbox_block_confirm(struct request *req);
int inbox_block(struct request *req);
int inbox_restore(struct request *req);
int inbox_details(struct request *req);
int inbox_presence(struct request *req);

/* labels.c: the account's labels (CHAT-20). */
int inbox_labels(struct request *req);
int inbox_label_create(struct request *req);
int inbox_label_update(struct request *req);
int inbox_label_delete(struct request *req);

/* groups.c: the account's friend groups. */
int inbox_groups(struct request *req);
int inbox_group_create(struct request *req);
int inbox_group_delete(struct request *req);

/* history.c: names for the entries of the account history (LOG-1). */

/* The room's name as the list shows it: its given name, else the customer's. */
const char *inbox_room_name(struct request *req, const struct room_detail *room);

/* Begins a change of room_id and reads it into room: 1 (the transaction
 * open), 0 not in the account or <0 error (the transaction rolled back). */
int inbox_room_begin(struct request *req, long long room_id, struct room_detail *room);

/* The name of a label, friend group or member in choices by id ("" when
 * none). */
const char *inbox_label_name(const struct account_choices *choices, long long id);
const char *inbox_group_name(const struct account_choices *choices, long long id);
const char *inbox_member_name(const struct account_choices *choices, long long partner_id);

/* The names of the labels on choices' room, comma-separated (arena). */
const char *inbox_room_label_names(struct request *req, const struct account_choices *choices);

/* settings.c: the chat session timeout (CHAT-17). */
int inbox_settings(struct request *req);
int inbox_settings_save(struct request *req);

/* assign.c: POST /a/CODE/chats/settings/assign, automatic assignment
 * (CHAT-18), and its part of the settings page (0, or -1 on error). */
int inbox_assign_save(struct request *req);
int inbox_assign_view(struct request *req, struct view *view);

#endif
