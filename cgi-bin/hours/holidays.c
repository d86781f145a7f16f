/* holidays: an account's holidays, from today on, added and removed (the
 * removal asks first, as the account's deletion does) (HOURS-3). */
#include "pages.h"
#include "account.h"
#include "arena.h"
#include "db.h"
#include "db_holidays.h"
#include "form.h"
#include "history.h"
#include "hours.h"
#include "http.h"
#include "view.h"

#include <string.h>
#include <time.h>

const struct param_field holiday_fields[HOLIDAY__MAX] = {
	[HOLIDAY_START] = { "start", PARAM_TEXT, true, 10, 10, NULL },
	[HOLIDAY_END] = { "end", PARAM_TEXT, true, 10, 10, NULL },
};

enum { CONFIRM, CONFIRM__MAX };

static const struct param_field confirm_fields[CONFIRM__MAX] = {
	[CONFIRM] = { "confirm", PARAM_CHECKBOX, true, 0, 0, NULL },
};

/* Today in the account's time zone (its stored zone is checked on save). */
static long long holidays_today(struct request *req)
{
	struct hours_local now;
	if (hours_local_at(req->account->time_zone, time(NULL), &now) != 0
	    && hours_local_at("Asia/Seoul", time(NULL), &now) != 0)
		return 0;
	return now.day;
}

int holidays_view(struct request *req, struct view *view, const struct week_extra *extra)
{
	char today[11];
	hours_format_date(holidays_today(req), today);
	struct holiday *holidays;
	int count = db_holidays_list(req->arena, req->account->id, today, &holidays);
	for (int i = 0; i < count; i++) {
		struct view *row = view_add_row(view, "HOLIDAYS");
		view_set_int(row, "ID", holidays[i].id);
		view_set(row, "FIRST", holidays[i].first);
		view_set(row, "LAST", holidays[i].last);
		if (strcmp(holidays[i].first, holidays[i].last) != 0)
			view_show(row, "RANGE");
		if (holidays[i].id == extra->unconfirmed_id) {
			view_show(row, "CONFIRM_INVALID");
			view_set_text(row, "CONFIRM_ERROR", "hours.holiday_confirm_required");
		}
	}
	if (count == 0)
		view_show(view, "NO_HOLIDAYS");
	return count;
}

/* Judges the dates: both real, the first from today on, the last not before
 * it. Returns the number of errors; sets *first and *last. */
static int holidays_judge(struct request *req, struct param_value *values, long long *first,
    long long *last)
{
	int errors = 0;
	long long *days[] = { [HOLIDAY_START] = first, [HOLIDAY_END] = last };
	for (int f = 0; f < HOLIDAY__MAX; f++) {
		if (values[f].error == NULL && hours_parse_date(values[f].text, days[f]) != 0)
			values[f].error = "hours.err.date";
		errors += values[f].error != NULL;
	}
	if (errors > 0)
		return errors;
	if (*first < holidays_today(req)) {
		values[HOLIDAY_START].error = "hours.err.date_past";
		errors++;
	}
	if (*last < *first) {
		values[HOLIDAY_END].error = "hours.err.date_order";
		errors++;
	}
	return errors;
}

/* A holiday as the history names it ("2026-12-24 ~ 2026-12-26"). */
static const char *holidays_text(struct request *req, const char *first, const char *last)
{
	return arena_printf(req->arena, "%s ~ %s", first, last);
}

/* Deletes holiday id (of the account, from today on) with its history entry:
 * as db_holidays_delete. */
static int holidays_remove(struct request *req, long long id)
{
	char today[11];
	hours_format_date(holidays_today(req), today);
	struct holiday *holidays;
	if (db_begin(req->arena) != 0)
		return DB_ERROR;
	int count = db_holidays_list(req->arena, req->account->id, today, &holidays);
	const char *target = NULL;
	for (int i = 0; i < count; i++)
		if (holidays[i].id == id)
			target = holidays_text(req, holidays[i].first, holidays[i].last);
	if (count < 0 || target == NULL) {
		db_rollback(req->arena);
		return count < 0 ? count : 0;
	}
	return history_commit(req, db_holidays_delete(req->arena, req->account->id, id),
	    HISTORY_HOURS, "holiday_delete", target, NULL, NULL);
}

int holidays_add(struct request *req)
{
	struct param_value values[HOLIDAY__MAX];
	int errors = param_read(req, holiday_fields, HOLIDAY__MAX, values);
	long long first_day = 0, last_day = 0;
	errors += holidays_judge(req, values, &first_day, &last_day);
	if (errors > 0) {
		const struct week_extra extra = { .holiday_values = values };
		return week_show(req, NULL, &extra, 422);
	}
	const char *first = values[HOLIDAY_START].text, *last = values[HOLIDAY_END].text;
	if (db_begin(req->arena) != 0
	    || history_commit(req, db_holidays_insert(req->arena, req->account->id, first, last),
		HISTORY_HOURS, "holiday_add", holidays_text(req, first, last), NULL, NULL) != 1)
		return -1;
	return form_done(req, arena_printf(req->arena, "/a/%s/hours", req->account->code),
	    "holiday_added");
}

/* Without the confirmation box ticked, the page again with the question
 * next to that holiday (422); another account's or a past holiday is 404. */
int holidays_delete(struct request *req)
{
	long long id = req->ids[1];
	struct param_value values[CONFIRM__MAX];
	if (param_read(req, confirm_fields, CONFIRM__MAX, values) > 0) {
		char today[11];
		hours_format_date(holidays_today(req), today);
		struct holiday *holidays;
		int count = db_holidays_list(req->arena, req->account->id, today, &holidays);
		if (count < 0)
			return -1;
		for (int i = 0; i < count; i++)
			if (holidays[i].id == id) {
				const struct week_extra extra = { .unconfirmed_id = id };
				return week_show(req, NULL, &extra, 422);
			}
		return 404;
	}
	int deleted = holidays_remove(req, id);
	if (deleted <= 0)
		return deleted < 0 ? -1 : 404;
	return form_done(req, arena_printf(req->arena, "/a/%s/hours", req->account->code),
	    "holiday_deleted");
}
