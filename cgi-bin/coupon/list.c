/* coupon: the list of an account's coupons (COUP-6): filtered by status and
 * registration period, searched by title; registered, title with thumbnail,
 * remaining / issued, entry start, use-by and status. */
#include "account.h"
#include "db_coupons.h"
#include "form.h"
#include "hours.h"
#include "http.h"
#include "page.h"
#include "pages.h"
#include "view.h"

static const char *const status_choices[] = { "scheduled", "running", "ended", "stopped",
	NULL };

enum { FILTER_STATUS, FILTER_FROM, FILTER_TO, FILTER_QUERY, FILTER__MAX };
static const struct param_field filter_fields[FILTER__MAX] = {
	[FILTER_STATUS] = { "status", PARAM_CHOICE, false, 0, 0, status_choices },
	[FILTER_FROM] = { "from", PARAM_TEXT, false, 0, 10, NULL },
	[FILTER_TO] = { "to", PARAM_TEXT, false, 0, 10, NULL },
	[FILTER_QUERY] = { "q", PARAM_TEXT, false, 0, 30, NULL },
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

int coupon_list(struct request *req)
{
	struct param_value values[FILTER__MAX];
	param_read(req, filter_fields, FILTER__MAX, values);
	struct coupon_filter filter = {
		.status = filter_value(values, FILTER_STATUS),
		.from = filter_value(values, FILTER_FROM),
		.to = filter_value(values, FILTER_TO),
		.query = filter_value(values, FILTER_QUERY),
	};
	struct coupon *coupons;
	int count = db_coupons_list(req->arena, req->account->id, &filter, COUPON_LIST_MAX,
	    &coupons);
	long long active = 0;
	if (count < 0 || db_coupons_count_active(req->arena, req->account->id, &active) < 0)
		return -1;
	struct view *view = account_page_new(req, "coupon.list.title", "coupons");
	form_notice(req, view, list_notices);
	page_form(view, filter_fields, FILTER__MAX, values);
	for (int i = 0; i < count; i++)
		coupon_view(req, view_add_row(view, "COUPONS"), &coupons[i]);
	view_show(view, count == 0 ? "NO_COUPONS" : "HAS_COUPONS");
	view_set_int(view, "ACTIVE", active);
	view_set_int(view, "ACTIVE_MAX", COUPON_ACTIVE_MAX);
	if (active >= COUPON_ACTIVE_MAX)
		view_show(view, "AT_LIMIT");
	return page_render(req, view, "page_coupons", 200);
}
