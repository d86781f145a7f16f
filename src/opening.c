/* opening: the hours line and the automatic messages' texts, from the
 * stored hours judged by src/hours at the present moment. */
#include "opening.h"
#include "arena.h"
#include "db_holidays.h"
#include "http.h"
#include "view.h"

#include <string.h>
#include <time.h>

/* Holidays that ended this many days ago still matter: the closed period's
 * key looks back up to 8 days (hours.h). */
enum { OPENING_PAST_DAYS = 9 };

static const char *const opening_default_keys[ACCOUNT_MESSAGE__MAX] = {
	[ACCOUNT_MESSAGE_AWAY] = "hours.default.away",
	[ACCOUNT_MESSAGE_HOLIDAY] = "hours.default.holiday",
	[ACCOUNT_MESSAGE_WELCOME] = "hours.default.welcome",
	[ACCOUNT_MESSAGE_NOTICE] = "hours.default.notice",
	[ACCOUNT_MESSAGE_FRIEND_THANKS] = "hours.default.friend_thanks",
};

const char *opening_default_key(enum account_message what)
{
	return opening_default_keys[what];
}

/* Reads the holidays of query into rules. */
static int opening_holidays(struct request *req, const struct db_query *query,
    struct opening *out)
{
	struct holiday *stored;
	int count = db_holidays_list_rows(req->arena, query, &stored);
	if (count < 0)
		return -1;
	struct hours_holiday *holidays = arena_alloc(req->arena,
	    ((size_t)count + 1) * sizeof(*holidays));
	size_t used = 0;
	for (int i = 0; i < count; i++)
		if (hours_parse_date(stored[i].first, &holidays[used].first) == 0
		    && hours_parse_date(stored[i].last, &holidays[used].last) == 0)
			used++;
	out->rules.holidays = holidays;
	out->rules.holiday_count = used;
	return 0;
}

/* The settings, days and holidays are read in one round trip (issue 8), so
 * the holidays' first day cannot wait for the account's time zone: it is
 * OPENING_PAST_DAYS before the UTC date, a day earlier still, since a local
 * date is at most a day before the UTC one; an extra holiday that ended
 * long ago changes nothing. */
int opening_load(struct request *req, long long account_id, struct opening *out)
{
	return opening_load_with(req, account_id, out, NULL, 0);
}

int opening_load_with(struct request *req, long long account_id, struct opening *out,
    struct db_query *extra, int extra_count)
{
	memset(out, 0, sizeof(*out));
	if (extra_count < 0 || extra_count > OPENING_EXTRA_MAX)
		return -1;
	time_t now = time(NULL);
	char from[11];
	hours_format_date((long long)(now / 86400) - OPENING_PAST_DAYS - 1, from); /* UTC date */
	struct db_query queries[DB_ACCOUNT_HOURS_QUERIES + 1 + OPENING_EXTRA_MAX];
	db_account_hours_get_queries(req->arena, account_id, queries);
	queries[DB_ACCOUNT_HOURS_QUERIES] = db_holidays_list_query(req->arena, account_id, from);
	for (int i = 0; i < extra_count; i++)
		queries[DB_ACCOUNT_HOURS_QUERIES + 1 + i] = extra[i];
	db_run_queries(req->arena, queries, DB_ACCOUNT_HOURS_QUERIES + 1 + extra_count);
	for (int i = 0; i < extra_count; i++)
		extra[i] = queries[DB_ACCOUNT_HOURS_QUERIES + 1 + i];
	int found = db_account_hours_get_rows(queries, &out->settings);
	if (found <= 0)
		return found < 0 ? -1 : 404;
	if (hours_local_at(out->settings.time_zone, now, &out->now) != 0
	    && hours_local_at("Asia/Seoul", now, &out->now) != 0)
		return -1;
	memcpy(out->rules.days, out->settings.days, sizeof(out->rules.days));
	out->rules.away = out->settings.away;
	out->rules.away_since = out->settings.away_since;
	if (opening_holidays(req, &queries[DB_ACCOUNT_HOURS_QUERIES], out) != 0)
		return -1;
	out->state = hours_state_at(&out->rules, &out->now);
	out->has_next = out->state != HOURS_OPEN
	    && hours_next_open(&out->rules, &out->now, &out->next) == 1;
	return 0;
}

bool opening_is_open(const struct opening *opening)
{
	return opening->state == HOURS_OPEN;
}

/* "월", or "월–금", from catalog hours.day.N. */
static const char *opening_days(struct request *req, const struct hours_group *group)
{
	const char *first = view_text(req->lang, arena_printf(req->arena, "hours.day.%d",
	    group->first_day));
	if (group->first_day == group->last_day)
		return first;
	return arena_printf(req->arena, "%s–%s", first, view_text(req->lang,
	    arena_printf(req->arena, "hours.day.%d", group->last_day)));
}

/* "09:00–18:00", "22:00–02:00 (next day)", "24 hours" or "closed". */
static const char *opening_times(struct request *req, const struct hours_day *day)
{
	if (!day->open || day->start == day->end)
		return view_text(req->lang, "hours.closed_day");
	if (day->start == 0 && day->end == HOURS_DAY_MINUTES)
		return view_text(req->lang, "hours.whole_day");
	char start[6], end[6];
	hours_format_time(day->start, start);
	hours_format_time(day->end, end);
	if (day->end < day->start)
		return arena_printf(req->arena, "%s–%s %s", start, end,
		    view_text(req->lang, "hours.next_day"));
	return arena_printf(req->arena, "%s–%s", start, end);
}

/* "오늘 09:00", "내일 09:00" or "2024-03-11 (월) 09:00". */
static const char *opening_when(struct request *req, const struct opening *opening)
{
	char time[6], date[11];
	hours_format_time(opening->next.minute, time);
	long long days = opening->next.day - opening->now.day;
	if (days <= 1)
		return arena_printf(req->arena, "%s %s", view_text(req->lang,
		    days == 0 ? "hours.today" : "hours.tomorrow"), time);
	hours_format_date(opening->next.day, date);
	return arena_printf(req->arena, "%s (%s) %s", date, view_text(req->lang,
	    arena_printf(req->arena, "hours.day.%d", hours_weekday(opening->next.day))), time);
}

void opening_view(struct request *req, struct view *view, const struct opening *opening)
{
	static const char *const states[] = {
		[HOURS_OPEN] = "hours.state.open", [HOURS_CLOSED] = "hours.state.closed",
		[HOURS_HOLIDAY] = "hours.state.holiday", [HOURS_AWAY] = "hours.state.away",
	};
	struct view *line = view_include(view, "HOURS_LINE", "part_hours_line");
	view_set_int(line, "HOURS_OPEN", opening_is_open(opening));
	view_set_text(line, "HOURS_STATE", states[opening->state]);
	struct hours_group groups[HOURS_DAYS];
	int count = hours_groups(&opening->rules, groups);
	for (int i = 0; i < count; i++) {
		struct view *row = view_add_row(line, "HOURS_GROUPS");
		view_set(row, "DAYS", opening_days(req, &groups[i]));
		view_set(row, "TIMES", opening_times(req, &groups[i].hours));
	}
	if (opening->has_next) {
		view_show(line, "HAS_NEXT");
		view_set(line, "NEXT", opening_when(req, opening));
	}
}

const char *opening_message(struct request *req, const struct opening *opening,
    enum account_message what)
{
	const char *own = opening->settings.messages[what];
	return own != NULL ? own : view_text(req->lang, opening_default_keys[what]);
}
