/* list: the history page (LOG-2): the filter form, the entries newest first
 * and the link to the next (older) page, keyset-paged on (at, id). */
#include "pages.h"
#include "account.h"
#include "arena.h"
#include "db_account_history.h"
#include "db_accounts.h"
#include "db_members.h"
#include "history.h"
#include "http.h"
#include "page.h"
#include "view.h"

#include <string.h>

/* The filter form's choices: every menu and the account's members, with
 * those of filter selected, and its dates. <0 on error. */
static int list_choices(struct request *req, struct view *view,
    const struct history_filter *filter)
{
	for (int i = 0; history_menu_words[i] != NULL; i++) {
		struct view *row = view_add_row(view, "MENUS");
		view_set(row, "VALUE", history_menu_words[i]);
		view_set(row, "TEXT", history_menu_text(req, history_menu_words[i]));
		if (filter->menu != NULL && strcmp(filter->menu, history_menu_words[i]) == 0)
			view_show(row, "SELECTED");
	}
	struct account_choices choices;
	if (db_accounts_choices(req->arena, req->account->id, 0, &choices) < 0)
		return -1;
	for (int i = 0; i < choices.member_count; i++) {
		struct view *row = view_add_row(view, "MEMBERS");
		view_set_int(row, "VALUE", choices.members[i].partner_id);
		view_set(row, "TEXT", choices.members[i].name);
		if (filter->partner_id == choices.members[i].partner_id)
			view_show(row, "SELECTED");
	}
	view_set(view, "FROM", filter->from != NULL ? filter->from : "");
	view_set(view, "TO", filter->to != NULL ? filter->to : "");
	return 0;
}

/* One entry as a row of ENTRIES. */
static void list_entry(struct request *req, struct view *view, const struct history_row *entry)
{
	struct view *row = view_add_row(view, "ENTRIES");
	view_set_int(row, "ID", entry->id);
	view_set(row, "AT", entry->at);
	view_set(row, "WHO", history_who_text(req, entry));
	view_set(row, "MENU_TEXT", history_menu_text(req, entry->menu));
	view_set(row, "ACTION_TEXT", history_action_text(req, entry->action));
	if (*entry->target != '\0') {
		view_show(row, "HAS_TARGET");
		view_set(row, "TARGET", entry->target);
	}
	if (*entry->before != '\0') {
		view_show(row, "HAS_BEFORE");
		view_set(row, "BEFORE", entry->before);
	}
	if (*entry->after != '\0') {
		view_show(row, "HAS_AFTER");
		view_set(row, "AFTER", entry->after);
	}
}

/* "/a/CODE/history" + suffix + "?" + the filter's query + extra (arena). */
static const char *list_link(struct request *req, const char *suffix,
    const struct history_filter *filter, const char *extra)
{
	struct strbuf query;
	strbuf_init(&query, req->arena);
	history_filter_query(filter, &query);
	if (extra != NULL)
		strbuf_printf(&query, "%s%s", query.length > 0 ? "&" : "", extra);
	return arena_printf(req->arena, "/a/%s/history%s%s%s", req->account->code, suffix,
	    query.length > 0 ? "?" : "", strbuf_text(&query));
}

int history_page(struct request *req)
{
	struct history_filter filter;
	history_filter_read(req, &filter);
	struct history_row *entries;
	int count = db_account_history_list(req->arena, &filter, HISTORY_PAGE_ROWS + 1, &entries);
	if (count < 0)
		return -1;
	struct view *view = account_page_new(req, "history.title", "history");
	if (list_choices(req, view, &filter) != 0)
		return -1;
	int shown = count > HISTORY_PAGE_ROWS ? HISTORY_PAGE_ROWS : count;
	for (int i = 0; i < shown; i++)
		list_entry(req, view, &entries[i]);
	if (count == 0)
		view_show(view, "NO_ENTRIES");
	if (filter.before_at != 0) {
		view_show(view, "HAS_FIRST");
		view_set(view, "FIRST_URL", list_link(req, "", &filter, NULL));
	}
	if (count > HISTORY_PAGE_ROWS) {
		const struct history_row *last = &entries[shown - 1];
		view_show(view, "HAS_NEXT");
		view_set(view, "NEXT_URL", list_link(req, "", &filter, arena_printf(req->arena,
		    "before_at=%lld&before_id=%lld", last->at_micros, last->id)));
	}
	view_set(view, "CSV_URL", list_link(req, ".csv", &filter, NULL));
	view_set(view, "TIME_ZONE", req->account->time_zone);
	return page_render(req, view, "page_history", 200);
}
