/* week: the weekly hours per day (5-minute steps, an end before the start
 * running past midnight), the time zone, the away switch and whether input
 * is refused outside hours (HOURS-1, 2, 4), saved in one transaction. */
#include "pages.h"
#include "account.h"
#include "arena.h"
#include "db.h"
#include "db_account_hours.h"
#include "form.h"
#include "history.h"
#include "hours.h"
#include "http.h"
#include "opening.h"
#include "page.h"
#include "view.h"

#include <string.h>

/* Three fields per day (open, start, end), Monday first, then the rest. */
enum { WEEK_OPEN, WEEK_START, WEEK_END, WEEK_PER_DAY };
enum {
	WEEK_TIMEZONE = HOURS_DAYS * WEEK_PER_DAY,
	WEEK_AWAY,
	WEEK_OUTSIDE_HOURS,
	WEEK__MAX
};

#define WEEK_DAY(d, name)                                                                      \
	[(d) * WEEK_PER_DAY + WEEK_OPEN] = { name "_open", PARAM_CHECKBOX, false, 0, 0, NULL },  \
	[(d) * WEEK_PER_DAY + WEEK_START] = { name "_start", PARAM_TEXT, false, 0, 5, NULL },    \
	[(d) * WEEK_PER_DAY + WEEK_END] = { name "_end", PARAM_TEXT, false, 0, 5, NULL }

static const char *const outside_hours_choices[] = { "accept", "refuse", NULL };

static const struct param_field week_fields[WEEK__MAX] = {
	WEEK_DAY(0, "mon"), WEEK_DAY(1, "tue"), WEEK_DAY(2, "wed"), WEEK_DAY(3, "thu"),
	WEEK_DAY(4, "fri"), WEEK_DAY(5, "sat"), WEEK_DAY(6, "sun"),
	[WEEK_TIMEZONE] = { "timezone", PARAM_TEXT, true, 1, HOURS_ZONE_MAX, NULL },
	[WEEK_AWAY] = { "away", PARAM_CHECKBOX, false, 0, 0, NULL },
	[WEEK_OUTSIDE_HOURS] = { "outside_hours", PARAM_CHOICE, true, 0, 0, outside_hours_choices },
};

static const char *const day_names[HOURS_DAYS] = { "mon", "tue", "wed", "thu", "fri", "sat",
	"sun" };

static const char *const week_notices[] = { "saved", "holiday_added", "holiday_deleted", NULL };

static const struct form week_form = {
	.template_name = "page_hours",
	.title = "hours.title",
	.menu = "hours",
	.fields = week_fields,
	.field_count = WEEK__MAX,
	.notices = week_notices,
};

/* Times shown for a day that never had any. */
enum { WEEK_DEFAULT_START = 9 * 60, WEEK_DEFAULT_END = 18 * 60 };

/* The stored hours as form values. */
static void week_values(struct request *req, const struct account_hours *hours,
    struct param_value *values)
{
	memset(values, 0, WEEK__MAX * sizeof(*values));
	for (int d = 0; d < HOURS_DAYS; d++) {
		struct param_value *day = &values[d * WEEK_PER_DAY];
		char *start = arena_alloc(req->arena, 6), *end = arena_alloc(req->arena, 6);
		hours_format_time(hours->days[d].start, start);
		hours_format_time(hours->days[d].end, end);
		day[WEEK_OPEN] = (struct param_value) { .text = hours->days[d].open ? "1" : "",
			.present = hours->days[d].open, .number = hours->days[d].open };
		day[WEEK_START] = (struct param_value) { .text = start, .present = true };
		day[WEEK_END] = (struct param_value) { .text = end, .present = true };
	}
	values[WEEK_TIMEZONE] = (struct param_value) { .text = hours->time_zone, .present = true };
	values[WEEK_AWAY] = (struct param_value) { .text = hours->away ? "1" : "",
		.present = hours->away };
	values[WEEK_OUTSIDE_HOURS] = (struct param_value) {
		.text = hours->refuse ? "refuse" : "accept", .present = true };
}

/* One row of section DAYS per weekday, with its values and errors. */
static void week_view_days(struct request *req, struct view *view,
    const struct param_value *values)
{
	for (int d = 0; d < HOURS_DAYS; d++) {
		const struct param_value *day = &values[d * WEEK_PER_DAY];
		struct view *row = view_add_row(view, "DAYS");
		view_set(row, "DAY", day_names[d]);
		view_set_text(row, "DAY_LABEL", arena_printf(req->arena, "hours.day.%d", d));
		if (day[WEEK_OPEN].present)
			view_show(row, "OPEN_CHECKED");
		/* DAY_START, not START: a row's section not shown is looked up
		 * in the page, where START_INVALID is the holiday form's */
		view_set(row, "DAY_START", day[WEEK_START].text);
		view_set(row, "DAY_END", day[WEEK_END].text);
		for (int f = WEEK_START; f <= WEEK_END; f++) {
			if (day[f].error == NULL)
				continue;
			const char *name = f == WEEK_START ? "DAY_START" : "DAY_END";
			view_show(row, arena_printf(req->arena, "%s_INVALID", name));
			/* the message with the field's limits ({max}), as page_form says it */
			const char *message = page_field_message(req,
			    &week_fields[d * WEEK_PER_DAY + f], day[f].error);
			view_set(row, arena_printf(req->arena, "%s_ERROR", name), message);
		}
	}
}

int week_show(struct request *req, const struct param_value *values,
    const struct week_extra *extra, int status)
{
	struct opening opening;
	int loaded = opening_load(req, req->account->id, &opening);
	if (loaded != 0)
		return loaded;
	struct param_value stored[WEEK__MAX];
	if (values == NULL) {
		week_values(req, &opening.settings, stored);
		values = stored;
	}
	struct view *view = form_view(req, &week_form, values, NULL, NULL);
	week_view_days(req, view, values);
	opening_view(req, view, &opening);
	if (extra->holiday_values != NULL) {
		page_form(view, holiday_fields, HOLIDAY__MAX, extra->holiday_values);
		form_summary_add(req, view, holiday_fields, HOLIDAY__MAX, extra->holiday_values);
	}
	char today[11];
	hours_format_date(opening.now.day, today);
	view_set(view, "TODAY", today);
	if (holidays_view(req, view, extra) < 0)
		return -1;
	return form_render(req, &week_form, view, status);
}

int week_page(struct request *req)
{
	const struct week_extra extra = { 0 };
	return week_show(req, NULL, &extra, 200);
}

/* Judges one day's times into *out; an open day needs both, a closed day
 * keeps what it had (or 09:00-18:00). Returns the number of errors. */
static int week_judge_day(struct param_value *day, struct hours_day *out)
{
	int errors = 0;
	out->open = day[WEEK_OPEN].present;
	int *minutes[] = { [WEEK_START] = &out->start, [WEEK_END] = &out->end };
	const int defaults[] = { [WEEK_START] = WEEK_DEFAULT_START, [WEEK_END] = WEEK_DEFAULT_END };
	for (int f = WEEK_START; f <= WEEK_END; f++) {
		*minutes[f] = defaults[f];
		if (day[f].error != NULL) {
			errors++;
		} else if (!day[f].present) {
			if (out->open) {
				day[f].error = "err.required";
				errors++;
			}
		} else if (hours_parse_time(day[f].text, f == WEEK_END, minutes[f]) != 0) {
			day[f].error = "hours.err.time";
			errors++;
		}
	}
	return errors;
}

/* One day of hours as the history shows it ("09:00-18:00", or closed). */
static const char *week_day_text(struct request *req, const struct hours_day *day)
{
	if (!day->open)
		return view_text(req->lang, "hours.closed_day");
	char start[6], end[6];
	hours_format_time(day->start, start);
	hours_format_time(day->end, end);
	return arena_printf(req->arena, "%s-%s", start, end);
}

/* Saves hours with the history entry of what changed, in one transaction:
 * as db_account_hours_save. */
static int week_save(struct request *req, const struct account_hours *hours)
{
	struct account_hours stored;
	if (db_begin(req->arena) != 0)
		return DB_ERROR;
	if (db_account_hours_get(req->arena, req->account->id, &stored) != 1) {
		db_rollback(req->arena);
		return DB_ERROR;
	}
	struct history_field fields[HOURS_DAYS + 3];
	for (int d = 0; d < HOURS_DAYS; d++)
		fields[d] = (struct history_field) { arena_printf(req->arena, "hours.day.%d", d),
		    week_day_text(req, &stored.days[d]), week_day_text(req, &hours->days[d]) };
	fields[HOURS_DAYS] = (struct history_field) { "hours.timezone", stored.time_zone,
	    hours->time_zone };
	fields[HOURS_DAYS + 1] = (struct history_field) { "hours.away",
	    history_on_off(req, stored.away), history_on_off(req, hours->away) };
	fields[HOURS_DAYS + 2] = (struct history_field) { "hours.outside_hours",
	    view_text(req->lang, stored.refuse ? "hours.outside_refuse" : "hours.outside_accept"),
	    view_text(req->lang, hours->refuse ? "hours.outside_refuse" : "hours.outside_accept") };
	const char *before, *after;
	history_diff(req, fields, HOURS_DAYS + 3, &before, &after);
	return history_commit(req, db_account_hours_save(req->arena, req->account->id, hours),
	    HISTORY_HOURS, "hours", view_text(req->lang, "hours.title"), before, after);
}

int week_post(struct request *req)
{
	struct param_value values[WEEK__MAX];
	int errors = form_read(req, &week_form, values, NULL);
	struct account_hours hours = { 0 };
	for (int d = 0; d < HOURS_DAYS; d++)
		errors += week_judge_day(&values[d * WEEK_PER_DAY], &hours.days[d]);
	if (values[WEEK_TIMEZONE].error == NULL && !hours_zone_valid(values[WEEK_TIMEZONE].text)) {
		values[WEEK_TIMEZONE].error = "hours.err.timezone";
		errors++;
	}
	const struct week_extra extra = { 0 };
	if (errors > 0)
		return week_show(req, values, &extra, 422);
	hours.time_zone = values[WEEK_TIMEZONE].text;
	hours.away = values[WEEK_AWAY].present;
	hours.refuse = strcmp(values[WEEK_OUTSIDE_HOURS].text, "refuse") == 0;
	if (week_save(req, &hours) != 1)
		return -1;
	return form_done(req, arena_printf(req->arena, "/a/%s/hours", req->account->code), "saved");
}
