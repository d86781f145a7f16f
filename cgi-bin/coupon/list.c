/* coupon: the list of an account's coupons (COUP-6): filtered by status and
 * registration period, searched by title; registered, title with thumbnail,
 * remaining / issued, entry start, use-by and status; COUPON_LIST_MAX a page,
 * the next page after the last one shown (keyset: ?after=ID, no offset). */
#include "account.h"
#include "arena.h"
#include "db_coupons.h"
#include "form.h"
#include "hours.h"
#include "http.h"
#include "page.h"
#include "pages.h"
#include "text.h"
#include "view.h"

#include <stdbool.h>

static const char *const status_choices[] = { "scheduled", "running", "ended", "stopped",
	NULL };

enum { FILTER_STATUS, FILTER_FROM, FILTER_TO, FILTER_QUERY, FILTER_AFTER, FILTER__MAX };
static const struct param_field filter_fields[FILTER__MAX] = {
	[FILTER_STATUS] = { "status", PARAM_CHOICE, false, 0, 0, status_choices },
	[FILTER_FROM] = { "from", PARAM_TEXT, false, 0, 10, NULL },
	[FILTER_TO] = { "to", PARAM_TEXT, false, 0, 10, NULL },
	[FILTER_QUERY] = { "q", PARAM_SEARCH, false, 0, 30, NULL },
	[FILTER_AFTER] = { "after", PARAM_ID, false, 0, 0, NULL },
};

static const char *const list_notices[] = { "created", NULL };

/* A filter value, or "" when it was refused (and marked on the form). */
static const char *filter_value(struct param_value *values, int f)
{
	long long day;
	if (values[f].error == NULL && (f == FILTER_FROM || f == FILTER_TO) && values[f].present
	    && hours_parse_date(values[f].text, &day) != 0)
		values[f].error = "coupon.err.date";
	return values[f].error == NULL ? values[f].text : "";
}

/* The query of the page after the coupon last (the filters kept). */
static const char *next_query(struct request *req, const struct coupon_filter *filter,
    long long last)
{
	static const char *const names[] = { "status", "from", "to", "q" };
	const char *values[] = { filter->status, filter->from, filter->to, filter->query };
	struct strbuf query;
	strbuf_init(&query, req->arena);
	for (size_t i = 0; i < sizeof(names) / sizeof(names[0]); i++) {
		if (*values[i] == '\0')
			continue;
		strbuf_printf(&query, "%s=", names[i]);
		text_url_encode(&query, values[i]);
		strbuf_puts(&query, "&");
	}
	strbuf_printf(&query, "after=%lld", last);
	return strbuf_text(&query);
}

/* The links to the first and the next page; returns the rows to show of
 * the count fetched (one more than a page when there is a next). */
static int list_pager(struct request *req, struct view *view, const struct coupon_filter *filter,
    const struct coupon *coupons, int count)
{
	bool more = count > COUPON_LIST_MAX;
	if (more) {
		count = COUPON_LIST_MAX;
		view_show(view, "MORE");
		view_set(view, "NEXT_QUERY", next_query(req, filter, coupons[count - 1].id));
	}
	if (filter->after != 0)
		view_show(view, "PAGED");
	if (filter->after != 0 || more)
		view_show(view, "PAGER");
	return count;
}

int coupon_list(struct request *req)
{
	struct param_value values[FILTER__MAX];
	param_read(req, filter_fields, FILTER__MAX, values);
	struct coupon_filter filter = {
		.status = filter_value(values, FILTER_STATUS),
		.from = filter_value(values, FILTER_FROM),
		.to = filter_value(values, FILTER_TO),
		.query = filter_value(values, FILTER_QUERY),
		.after = values[FILTER_AFTER].error == NULL ? values[FILTER_AFTER].number : 0,
	};
	struct coupon *coupons;
	int count = db_coupons_list(req->arena, req->account->id, &filter, COUPON_LIST_MAX + 1,
	    &coupons);
	long long active = 0;
	if (count < 0 || db_coupons_count_active(req->arena, req->account->id, &active) < 0)
		return -1;
	struct view *view = account_page_new(req, "coupon.list.title", "coupons");
	form_notice(req, view, list_notices);
	page_form(view, filter_fields, FILTER__MAX, values);
	count = list_pager(req, view, &filter, coupons, count);
	for (int i = 0; i < count; i++)
		coupon_view(req, view_add_row(view, "COUPONS"), &coupons[i]);
	view_show(view, count == 0 ? "NO_COUPONS" : "HAS_COUPONS");
	view_set_int(view, "ACTIVE", active);
	view_set_int(view, "ACTIVE_MAX", COUPON_ACTIVE_MAX);
	if (active >= COUPON_ACTIVE_MAX)
		view_show(view, "AT_LIMIT");
	return page_render(req, view, "page_coupons", 200);
}
