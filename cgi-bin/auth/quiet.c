/* quiet: the partner's own daily quiet time (에티켓 시간, HOURS-6), when the
 * agents' workspace makes no sound and shows no desktop notification (an end
 * before the start runs past midnight; both empty: none), and whether the
 * workspace shows desktop notifications at all (issue 13). */
#include "pages.h"
#include "arena.h"
#include "db_partners.h"
#include "form.h"
#include "hours.h"
#include "http.h"
#include "page.h"
#include "session.h"
#include "view.h"

enum { QUIET_START, QUIET_END, QUIET__MAX };

static const struct param_field quiet_fields[QUIET__MAX] = {
	[QUIET_START] = { "quiet_start", PARAM_TEXT, false, 0, 5, NULL },
	[QUIET_END] = { "quiet_end", PARAM_TEXT, false, 0, 5, NULL },
};

void quiet_view(struct request *req, struct view *view, const struct param_value *values)
{
	if (values != NULL) {
		page_form(view, quiet_fields, QUIET__MAX, values);
		form_summary_add(req, view, quiet_fields, QUIET__MAX, values);
		return;
	}
	const struct session *session = req->session;
	if (session->quiet_start < 0 || session->quiet_end < 0)
		return;
	char start[6], end[6];
	hours_format_time(session->quiet_start, start);
	hours_format_time(session->quiet_end, end);
	view_set(view, "QUIET_START", start);
	view_set(view, "QUIET_END", end);
}

/* Judges the pair: both empty, or both times. Sets *start and *end (-1 for
 * none); returns the number of errors. */
static int quiet_judge(struct param_value *values, int *start, int *end)
{
	*start = *end = -1;
	int errors = (values[QUIET_START].error != NULL) + (values[QUIET_END].error != NULL);
	if (errors > 0 || (!values[QUIET_START].present && !values[QUIET_END].present))
		return errors;
	if (!values[QUIET_START].present || !values[QUIET_END].present) {
		values[values[QUIET_START].present ? QUIET_END : QUIET_START].error =
		    "hours.err.quiet_pair";
		return 1;
	}
	if (hours_parse_time(values[QUIET_START].text, false, start) != 0) {
		values[QUIET_START].error = "hours.err.time";
		errors++;
	}
	if (hours_parse_time(values[QUIET_END].text, true, end) != 0) {
		values[QUIET_END].error = "hours.err.time";
		errors++;
	}
	return errors;
}

void notify_view(struct request *req, struct view *view)
{
	bool on = false;
	if (db_partners_desktop_notify(req->arena, req->session->partner_id, &on) == 1 && on)
		view_show(view, "DESKTOP_NOTIFY_CHECKED");
}

int notify_post(struct request *req)
{
	static const struct param_field field = { "desktop_notify", PARAM_CHECKBOX, false, 0, 0,
		NULL };
	struct param_value value;
	if (param_read(req, &field, 1, &value) > 0)
		return 422;
	long long partner_id = req->session->partner_id;
	if (db_partners_set_desktop_notify(req->arena, partner_id, value.present) != 1)
		return -1;
	return form_done(req, "/settings", "notify");
}

int quiet_post(struct request *req)
{
	struct param_value values[QUIET__MAX];
	int errors = param_read(req, quiet_fields, QUIET__MAX, values);
	int start, end;
	errors += quiet_judge(values, &start, &end);
	if (errors > 0)
		return settings_page(req, values, 422);
	if (db_partners_set_quiet(req->arena, req->session->partner_id, start, end) != 1)
		return -1;
	return form_done(req, "/settings", "quiet");
}
