/* coupon: the detail of a coupon (COUP-7): its fields and status, the
 * loading of its codes with a progress bar (static/coupon.js asks
 * .../progress), the problems of a refused upload by line, per-day
 * statistics as a table and an SVG chart, the winner look-up by phone,
 * the downloads, and stop now, asked first (its GET is the confirmation
 * page, whose form is the POST; static/coupon.js asks in a dialog). */
#include "account.h"
#include "arena.h"
#include "config.h"
#include "coupon.h"
#include "db.h"
#include "db_coupon_entries.h"
#include "db_coupons.h"
#include "form.h"
#include "history.h"
#include "http.h"
#include "page.h"
#include "pages.h"
#include "view.h"

#include <string.h>

static const char *const detail_notices[] = { "created", "saved", "stopped", NULL };

static const struct param_field phone_field = { "phone", PARAM_PHONE, false, 0, 0, NULL };

/* The look-up of ?phone= (COUP-7): rows of LOOKUP. 0 or -1. */
static int detail_lookup(struct request *req, struct view *view, const struct coupon *coupon)
{
	struct param_value phone;
	param_read(req, &phone_field, 1, &phone);
	page_form(view, &phone_field, 1, &phone);
	if (phone.error != NULL || !phone.present)
		return 0;
	struct coupon_entry *entries;
	int count = db_coupon_entries_by_phone(req->arena, req->account->id, coupon->id,
	    coupon_phone_digits(req->arena, phone.text), coupon->time_zone, &entries);
	if (count < 0)
		return -1;
	view_show(view, count == 0 ? "LOOKUP_NONE" : "LOOKUP_FOUND");
	for (int i = 0; i < count; i++) {
		struct view *row = view_add_row(view, "LOOKUP");
		view_set(row, "ENTRY_TIME", entries[i].time);
		view_set_text(row, "RESULT", entries[i].won ? "coupon.result.won"
		    : entries[i].ran_out ? "coupon.result.ran_out" : "coupon.result.lost");
		view_set(row, "ENTRY_CODE", entries[i].code != NULL ? entries[i].code : "");
		view_set(row, "USED", entries[i].used != NULL ? entries[i].used : "");
	}
	return 0;
}

/* The per-day statistics: table rows and the chart. 0 or -1. */
static int detail_days(struct request *req, struct view *view, const struct coupon *coupon)
{
	struct coupon_day *days;
	int count = db_coupons_days(req->arena, req->account->id, coupon->id, &days);
	if (count < 0)
		return -1;
	for (int i = 0; i < count; i++) {
		struct view *row = view_add_row(view, "DAYS");
		view_set(row, "DAY", days[i].day);
		view_set_int(row, "VIEWS", days[i].views);
		view_set_int(row, "ENTRIES", days[i].entries);
		view_set_int(row, "WINS", days[i].wins);
		view_set_int(row, "SHARES", days[i].shares);
	}
	view_show(view, count == 0 ? "NO_DAYS" : "HAS_DAYS");
	/* :none in the template: markup built by coupon_chart_svg of numbers
	 * and fixed strings only */
	view_set(view, "CHART", coupon_chart_svg(req, days, count));
	return 0;
}

/* The problem lines of a refused upload. 0 or -1. */
static int detail_problems(struct request *req, struct view *view, const struct coupon *coupon)
{
	struct coupon_problem *problems;
	int count = db_coupons_problems(req->arena, req->account->id, coupon->id, &problems);
	if (count < 0)
		return -1;
	view_set_text(view, "CODES_ERROR", arena_printf(req->arena, "coupon.codes_error.%s",
	    coupon->codes_error));
	view_set_int(view, "PROBLEM_LINES", coupon->problem_lines);
	view_set_int(view, "DUPLICATE_LINES", coupon->duplicate_lines);
	for (int i = 0; i < count; i++) {
		struct view *row = view_add_row(view, "PROBLEMS");
		view_set_int(row, "LINE", problems[i].line);
		view_set_text(row, "KIND", arena_printf(req->arena, "coupon.problem.%s",
		    problems[i].kind));
		if (problems[i].duplicate_of > 0) {
			view_show(row, "DUPLICATE");
			view_set_int(row, "FIRST_LINE", problems[i].duplicate_of);
		}
	}
	return 0;
}

int coupon_detail(struct request *req)
{
	struct coupon coupon;
	int status = coupon_load(req, &coupon);
	if (status != 0)
		return status;
	struct view *view = account_page_new(req, "coupon.detail.title", "coupons");
	form_notice(req, view, detail_notices);
	coupon_view(req, view, &coupon);
	view_set_int(view, "CODES_DONE", coupon.codes_done);
	view_set_int(view, "CODES_WANTED", coupon.codes_wanted);
	if (strcmp(coupon.codes_source, "generate") == 0)
		view_show(view, "GENERATED");
	view_set(view, "ENTRY_URL", arena_printf(req->arena, "%s/talk/%s/coupons/%lld",
	    config_str("base_url"), req->account->code, coupon.id));
	bool over = strcmp(coupon.status, "ended") == 0 || strcmp(coupon.status, "stopped") == 0;
	if (over && strcmp(coupon.codes_state, "ready") == 0)
		view_show(view, "CAN_REMAINING");
	if (strcmp(coupon.status, "stopped") != 0 && strcmp(coupon.codes_state, "failed") != 0)
		view_show(view, "CAN_STOP");
	if (detail_lookup(req, view, &coupon) != 0 || detail_days(req, view, &coupon) != 0
	    || (strcmp(coupon.codes_state, "failed") == 0
		&& detail_problems(req, view, &coupon) != 0))
		return -1;
	return page_render(req, view, "page_coupon", 200);
}

int coupon_progress(struct request *req)
{
	struct coupon coupon;
	int status = coupon_load(req, &coupon);
	if (status != 0)
		return status;
	return page_json(req, 200, arena_printf(req->arena,
	    "{\"state\":\"%s\",\"done\":%lld,\"wanted\":%lld}", coupon.codes_state,
	    coupon.codes_done, coupon.codes_wanted));
}

/* GET .../stop: the question first, as other destructive actions ask. */
int coupon_stop_page(struct request *req)
{
	struct coupon coupon;
	int status = coupon_load(req, &coupon);
	if (status != 0)
		return status;
	if (strcmp(coupon.status, "stopped") == 0 || strcmp(coupon.codes_state, "failed") == 0)
		return form_done(req, coupon_path(req, arena_printf(req->arena, "/%lld",
		    coupon.id)), "stopped");
	struct view *view = account_page_new(req, "coupon.stop_confirm.title", "coupons");
	coupon_view(req, view, &coupon);
	return page_render(req, view, "page_coupon_confirm", 200);
}

int coupon_stop(struct request *req)
{
	struct coupon coupon;
	int status = coupon_load(req, &coupon);
	if (status != 0)
		return status;
	if (db_begin(req->arena) != 0)
		return -1;
	int stopped = db_coupons_stop(req->arena, req->account->id, coupon.id);
	/* the statuses in the member's words, as history_on_off keeps them */
	const char *was = view_text(req->lang, arena_printf(req->arena, "coupon.status.%s",
	    coupon.status));
	if (stopped > 0)
		stopped = history_add(req, HISTORY_COUPONS, "coupon_stop", coupon.title, was,
		    view_text(req->lang, "coupon.status.stopped"));
	if (stopped <= 0 || db_commit(req->arena) != 0) {
		db_rollback(req->arena);
		if (stopped < 0)
			return -1;
	}
	return form_done(req, coupon_path(req, arena_printf(req->arena, "/%lld", coupon.id)),
	    "stopped");
}
