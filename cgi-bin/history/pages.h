/* history pages: what the files of the history program share (the filter
 * read from the query, the words an entry is shown with) and the handlers
 * its route table names. Every handler returns an HTTP status, or -1 for a
 * 500 (route.h). */
#ifndef SANGDAM_HISTORY_PAGES_H
#define SANGDAM_HISTORY_PAGES_H

#include "db_account_history.h"

struct request;
struct strbuf;

enum {
	HISTORY_PAGE_ROWS = 50,  /* entries on one page */
	HISTORY_CSV_ROWS = 500,  /* entries read at a time for the download */
};

/* filter.c */

/* Reads the filter of the query (menu, member, from, to, and the cursor
 * before_at/before_id) into filter for the request's account; values that
 * are not valid are left out, as if absent. */
void history_filter_read(struct request *req, struct history_filter *filter);

/* Appends to out the filter's query ("menu=..&member=..", without the
 * cursor), percent-encoded; nothing when no filter is set. */
void history_filter_query(const struct history_filter *filter, struct strbuf *out);

/* The words of an entry in the request's language: its menu, action and
 * author (the catalog's history_menu_<word>, history_action_<word>, else the
 * word itself; the worker's name for an entry of nobody in particular). */
const char *history_menu_text(struct request *req, const char *menu);
const char *history_action_text(struct request *req, const char *action);
const char *history_who_text(struct request *req, const struct history_row *row);

/* list.c: the page (LOG-2). */
int history_page(struct request *req);

/* csv.c: the download of the filtered entries (LOG-2). */
int history_csv(struct request *req);

#endif
