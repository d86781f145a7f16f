/* Unit tests of hours (HOURS-1..4, HOURS-7): each weekday, overnight hours
 * across the week's end, 00:00-24:00, closed days, end == start, holidays
 * overlapping hours and each other, New York on its daylight-saving days and
 * Seoul, the next opening days away, and the closed period's key. The week
 * used is 2024-03-04 (Monday) .. 2024-03-10 (Sunday). */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <stdio.h>
#include <string.h>

#include "hours.h"

enum { MON, TUE, WED, THU, FRI, SAT, SUN };

/* "HH:MM" as minutes, any minute (moments need not be on 5-minute steps). */
static int at(const char *text)
{
	int hour, minute;
	if (sscanf(text, "%2d:%2d", &hour, &minute) != 2)
		fail_msg("bad time %s", text);
	return hour * 60 + minute;
}

/* The local moment of weekday (of the week of 2024-03-04, SUN + 1 = the
 * next Monday, and so on) at "HH:MM". */
static struct hours_local moment(int weekday, const char *time)
{
	return (struct hours_local) { hours_day_of(2024, 3, 4) + weekday, at(time) };
}

/* An account with no hours at all. */
static struct hours_account closed_week(void)
{
	struct hours_account account = { 0 };
	for (int i = 0; i < HOURS_DAYS; i++)
		account.days[i] = (struct hours_day) { false, at("09:00"), at("18:00") };
	return account;
}

static void set_day(struct hours_account *account, int weekday, const char *start,
    const char *end)
{
	account->days[weekday] = (struct hours_day) { true, at(start), at(end) };
}

struct state_row {
	int weekday;
	const char *time;
	enum hours_state state;
};

static void check_states(const struct hours_account *account, const struct state_row *rows,
    size_t count)
{
	for (size_t i = 0; i < count; i++) {
		struct hours_local now = moment(rows[i].weekday, rows[i].time);
		if (hours_state_at(account, &now) != rows[i].state)
			fail_msg("row %zu: day %d %s: state %d, expected %d", i, rows[i].weekday,
			    rows[i].time, hours_state_at(account, &now), rows[i].state);
	}
}

/* Each weekday its own hours, 09:00+d .. 17:00+d: the edges of each. */
static void test_each_weekday(void **state)
{
	static const char *const starts[] = { "09:00", "10:00", "11:00", "12:00", "13:00",
		"14:00", "15:00" };
	static const char *const ends[] = { "17:00", "18:00", "19:00", "20:00", "21:00",
		"22:00", "23:00" };
	struct hours_account account = closed_week();
	for (int d = 0; d < HOURS_DAYS; d++)
		set_day(&account, d, starts[d], ends[d]);
	for (int d = 0; d < HOURS_DAYS; d++) {
		int start = at(starts[d]), end = at(ends[d]);
		char before[6], last[6];
		hours_format_time(start - 1, before);
		hours_format_time(end - 1, last);
		const struct state_row rows[] = {
			{ d, before, HOURS_CLOSED }, { d, starts[d], HOURS_OPEN },
			{ d, last, HOURS_OPEN }, { d, ends[d], HOURS_CLOSED },
		};
		check_states(&account, rows, sizeof(rows) / sizeof(rows[0]));
	}
	(void)state;
}

/* Sunday 22:00-02:00 runs into Monday; Friday's into Saturday. */
static void test_overnight_week_end(void **state)
{
	struct hours_account account = closed_week();
	set_day(&account, SUN, "22:00", "02:00");
	set_day(&account, FRI, "22:00", "02:00");
	static const struct state_row rows[] = {
		{ SUN, "21:55", HOURS_CLOSED }, { SUN, "22:00", HOURS_OPEN },
		{ SUN, "23:59", HOURS_OPEN }, { MON, "00:00", HOURS_OPEN },
		{ MON, "00:01", HOURS_OPEN }, { MON, "01:59", HOURS_OPEN },
		{ MON, "02:00", HOURS_CLOSED }, { MON, "22:00", HOURS_CLOSED },
		{ SUN + 1, "01:00", HOURS_OPEN }, /* the next Monday: weekdays wrap */
		{ SAT, "00:30", HOURS_OPEN }, { SAT, "02:00", HOURS_CLOSED },
		{ SAT, "23:00", HOURS_CLOSED }, { FRI, "21:00", HOURS_CLOSED },
	};
	check_states(&account, rows, sizeof(rows) / sizeof(rows[0]));
	(void)state;
}

/* 00:00-24:00 is the whole day and does not spill into the next. */
static void test_whole_day(void **state)
{
	struct hours_account account = closed_week();
	set_day(&account, WED, "00:00", "24:00");
	static const struct state_row rows[] = {
		{ TUE, "23:59", HOURS_CLOSED }, { WED, "00:00", HOURS_OPEN },
		{ WED, "12:00", HOURS_OPEN }, { WED, "23:59", HOURS_OPEN },
		{ THU, "00:00", HOURS_CLOSED },
	};
	check_states(&account, rows, sizeof(rows) / sizeof(rows[0]));
	(void)state;
}

/* A closed day keeps its times but is closed; end == start is no hours. */
static void test_closed_and_equal(void **state)
{
	struct hours_account account = closed_week();
	set_day(&account, MON, "09:00", "09:00");
	set_day(&account, TUE, "00:00", "00:00");
	account.days[WED] = (struct hours_day) { false, at("00:00"), at("24:00") };
	account.days[THU] = (struct hours_day) { false, at("22:00"), at("02:00") };
	static const struct state_row rows[] = {
		{ MON, "08:55", HOURS_CLOSED }, { MON, "09:00", HOURS_CLOSED },
		{ MON, "12:00", HOURS_CLOSED }, { TUE, "00:00", HOURS_CLOSED },
		{ TUE, "09:00", HOURS_CLOSED }, { WED, "12:00", HOURS_CLOSED },
		{ THU, "23:00", HOURS_CLOSED }, { FRI, "01:00", HOURS_CLOSED },
	};
	check_states(&account, rows, sizeof(rows) / sizeof(rows[0]));
	(void)state;
}

/* Holidays overlap each other and the hours, including the previous
 * night's; the away switch comes before them. */
static void test_holidays(void **state)
{
	struct hours_account account = closed_week();
	for (int d = 0; d < HOURS_DAYS; d++)
		set_day(&account, d, "09:00", "18:00");
	set_day(&account, MON, "22:00", "02:00");
	long long monday = hours_day_of(2024, 3, 4);
	const struct hours_holiday holidays[] = {
		{ monday + TUE, monday + WED }, { monday + WED, monday + THU },
		{ monday + SAT, monday + SAT },
	};
	account.holidays = holidays;
	account.holiday_count = 3;
	static const struct state_row rows[] = {
		{ MON, "23:00", HOURS_OPEN }, { TUE, "01:00", HOURS_HOLIDAY },
		{ TUE, "10:00", HOURS_HOLIDAY }, { WED, "10:00", HOURS_HOLIDAY },
		{ THU, "23:59", HOURS_HOLIDAY }, { FRI, "10:00", HOURS_OPEN },
		{ SAT, "10:00", HOURS_HOLIDAY }, { SUN, "10:00", HOURS_OPEN },
	};
	check_states(&account, rows, sizeof(rows) / sizeof(rows[0]));
	account.away = true;
	struct hours_local friday = moment(FRI, "10:00");
	assert_int_equal(hours_state_at(&account, &friday), HOURS_AWAY);
	(void)state;
}

struct zone_row {
	const char *zone;
	int year, month, day, hour, minute; /* UTC */
	const char *local_date;
	const char *local_time;
	enum hours_state state; /* with every day open 09:00-17:00 */
};

static time_t utc(int year, int month, int day, int hour, int minute)
{
	return (time_t)(hours_day_of(year, month, day) * 86400 + hour * 3600 + minute * 60);
}

/* New York on the days its clocks change (2024-03-10 02:00 EST -> 03:00
 * EDT, 2024-11-03 02:00 EDT -> 01:00 EST) and Seoul (no change). */
static void test_zones(void **state)
{
	static const struct zone_row rows[] = {
		{ "America/New_York", 2024, 3, 10, 6, 59, "2024-03-10", "01:59", HOURS_CLOSED },
		{ "America/New_York", 2024, 3, 10, 7, 0, "2024-03-10", "03:00", HOURS_CLOSED },
		{ "America/New_York", 2024, 3, 10, 13, 30, "2024-03-10", "09:30", HOURS_OPEN },
		{ "America/New_York", 2024, 3, 10, 21, 0, "2024-03-10", "17:00", HOURS_CLOSED },
		{ "America/New_York", 2024, 3, 9, 13, 30, "2024-03-09", "08:30", HOURS_CLOSED },
		{ "America/New_York", 2024, 11, 3, 5, 30, "2024-11-03", "01:30", HOURS_CLOSED },
		{ "America/New_York", 2024, 11, 3, 6, 30, "2024-11-03", "01:30", HOURS_CLOSED },
		{ "America/New_York", 2024, 11, 3, 13, 30, "2024-11-03", "08:30", HOURS_CLOSED },
		{ "America/New_York", 2024, 11, 3, 14, 0, "2024-11-03", "09:00", HOURS_OPEN },
		{ "America/New_York", 2024, 11, 2, 13, 30, "2024-11-02", "09:30", HOURS_OPEN },
		{ "Asia/Seoul", 2024, 3, 10, 0, 0, "2024-03-10", "09:00", HOURS_OPEN },
		{ "Asia/Seoul", 2024, 3, 9, 23, 59, "2024-03-10", "08:59", HOURS_CLOSED },
		{ "Asia/Seoul", 2024, 12, 31, 15, 0, "2025-01-01", "00:00", HOURS_CLOSED },
		{ "UTC", 2024, 3, 10, 9, 0, "2024-03-10", "09:00", HOURS_OPEN },
	};
	struct hours_account account = closed_week();
	for (int d = 0; d < HOURS_DAYS; d++)
		set_day(&account, d, "09:00", "17:00");
	for (size_t i = 0; i < sizeof(rows) / sizeof(rows[0]); i++) {
		const struct zone_row *row = &rows[i];
		struct hours_local local;
		assert_int_equal(hours_local_at(row->zone, utc(row->year, row->month, row->day,
		    row->hour, row->minute), &local), 0);
		char date[11], time[6];
		hours_format_date(local.day, date);
		hours_format_time(local.minute, time);
		if (strcmp(date, row->local_date) != 0 || strcmp(time, row->local_time) != 0)
			fail_msg("row %zu: %s %s, expected %s %s", i, date, time, row->local_date,
			    row->local_time);
		assert_int_equal(hours_state_at(&account, &local), row->state);
	}
	struct hours_local local;
	assert_int_equal(hours_local_at("Mars/Olympus", 0, &local), -1);
	(void)state;
}

static void test_zone_names(void **state)
{
	static const struct {
		const char *zone;
		bool valid;
	} rows[] = {
		{ "Asia/Seoul", true }, { "America/New_York", true }, { "UTC", true },
		{ "America/Argentina/Buenos_Aires", true }, { "Etc/GMT+9", true },
		{ "", false }, { "Mars/Olympus", false }, { "../../etc/passwd", false },
		{ "/etc/passwd", false }, { "Asia/../Asia/Seoul", false }, { "zone.tab", false },
		{ "Asia", false }, { "Asia/Seoul ", false }, { "asia/seoul\n", false },
	};
	for (size_t i = 0; i < sizeof(rows) / sizeof(rows[0]); i++)
		if (hours_zone_valid(rows[i].zone) != rows[i].valid)
			fail_msg("row %zu: %s", i, rows[i].zone);
	(void)state;
}

/* Times in 5-minute steps up to 24:00 (end only); real dates only. */
static void test_parse(void **state)
{
	static const struct {
		const char *text;
		bool allow_24;
		int minute; /* -1: refused */
	} times[] = {
		{ "00:00", false, 0 }, { "09:05", false, 545 }, { "23:55", false, 1435 },
		{ "24:00", true, 1440 }, { "24:00", false, -1 }, { "24:05", true, -1 },
		{ "09:03", false, -1 }, { "9:00", false, 540 }, { "09:60", false, -1 },
		{ "", false, -1 }, { "09:00 ", false, -1 }, { "-1:00", false, -1 },
		{ "0930", false, 570 }, { "930", false, 570 }, { "2400", true, 1440 },
		{ "0:00", false, 0 }, { "123", false, -1 }, { ":900", false, -1 }, { "12:3", false, -1 },
		{ "009:00", false, -1 }, { "1:2:0", false, -1 }, { "12", false, -1 }, { "9:0a", false, -1 },
	};
	for (size_t i = 0; i < sizeof(times) / sizeof(times[0]); i++) {
		int minute = -1;
		int parsed = hours_parse_time(times[i].text, times[i].allow_24, &minute);
		assert_int_equal(parsed, times[i].minute < 0 ? -1 : 0);
		if (parsed == 0)
			assert_int_equal(minute, times[i].minute);
	}
	static const struct {
		const char *text;
		bool valid;
	} dates[] = {
		{ "2024-02-29", true }, { "2023-02-29", false }, { "2024-13-01", false },
		{ "2024-04-31", false }, { "1969-12-31", false }, { "2024-1-01", false },
		{ "2024-01-01x", false }, { "2000-02-29", true }, { "2100-02-29", false },
	};
	for (size_t i = 0; i < sizeof(dates) / sizeof(dates[0]); i++) {
		long long day;
		assert_int_equal(hours_parse_date(dates[i].text, &day) == 0, dates[i].valid);
		char back[11];
		if (dates[i].valid) {
			hours_format_date(day, back);
			assert_string_equal(back, dates[i].text);
		}
	}
	assert_int_equal(hours_weekday(hours_day_of(2024, 3, 4)), MON);
	assert_int_equal(hours_weekday(hours_day_of(1970, 1, 1)), THU);
	(void)state;
}

struct next_row {
	int weekday;
	const char *time;
	int found;
	int next_weekday;
	const char *next_time;
};

static void check_next(const struct hours_account *account, const struct next_row *rows,
    size_t count)
{
	for (size_t i = 0; i < count; i++) {
		struct hours_local now = moment(rows[i].weekday, rows[i].time), next;
		int found = hours_next_open(account, &now, &next);
		assert_int_equal(found, rows[i].found);
		if (found == 0)
			continue;
		struct hours_local expected = moment(rows[i].next_weekday, rows[i].next_time);
		if (next.day != expected.day || next.minute != expected.minute)
			fail_msg("row %zu: %lld %d, expected %lld %d", i, next.day, next.minute,
			    expected.day, expected.minute);
	}
}

/* Open Monday 09:00-18:00 and Sunday 22:00-02:00 only. */
static void test_next_open(void **state)
{
	struct hours_account account = closed_week();
	set_day(&account, MON, "09:00", "18:00");
	static const struct next_row rows[] = {
		{ MON, "08:00", 1, MON, "09:00" }, { MON, "18:00", 1, SUN + 1, "09:00" },
		{ TUE, "10:00", 1, SUN + 1, "09:00" }, { SUN, "23:00", 1, SUN + 1, "09:00" },
	};
	check_next(&account, rows, sizeof(rows) / sizeof(rows[0]));
	/* the next Monday is a holiday: a fortnight away */
	long long monday = hours_day_of(2024, 3, 4);
	const struct hours_holiday holidays[] = { { monday + 7, monday + 7 } };
	account.holidays = holidays;
	account.holiday_count = 1;
	static const struct next_row holiday_rows[] = {
		{ TUE, "10:00", 1, SUN + 8, "09:00" },
	};
	check_next(&account, holiday_rows, 1);
	/* after a holiday Sunday, the night's hours go on from Monday 00:00 */
	set_day(&account, SUN, "22:00", "02:00");
	const struct hours_holiday sunday[] = { { monday + SUN, monday + SUN } };
	account.holidays = sunday;
	static const struct next_row sunday_rows[] = {
		{ SUN, "23:00", 1, SUN + 1, "00:00" }, { SAT, "12:00", 1, SUN + 1, "00:00" },
	};
	check_next(&account, sunday_rows, 2);
	account.away = true;
	struct hours_local now = moment(TUE, "10:00"), next;
	assert_int_equal(hours_next_open(&account, &now, &next), 0);
	struct hours_account none = closed_week();
	assert_int_equal(hours_next_open(&none, &now, &next), 0);
	(void)state;
}

struct key_row {
	int weekday;
	const char *time;
	const char *key; /* NULL: open */
};

static void check_keys(const struct hours_account *account, const struct key_row *rows,
    size_t count)
{
	for (size_t i = 0; i < count; i++) {
		struct hours_local now = moment(rows[i].weekday, rows[i].time);
		char out[HOURS_KEY_SIZE];
		const char *key = hours_period_key(account, &now, out);
		if (rows[i].key == NULL ? key != NULL : key == NULL || strcmp(key, rows[i].key) != 0)
			fail_msg("row %zu: %s, expected %s", i, key ? key : "(open)",
			    rows[i].key ? rows[i].key : "(open)");
	}
}

/* One key for one closed period, a new one for the next. */
static void test_period_key(void **state)
{
	struct hours_account account = closed_week();
	for (int d = MON; d <= FRI; d++)
		set_day(&account, d, "09:00", "18:00");
	set_day(&account, FRI, "22:00", "02:00");
	static const struct key_row rows[] = {
		{ MON, "10:00", NULL },
		{ MON, "18:00", "closed:2024-03-04T18:00" },
		{ MON, "23:59", "closed:2024-03-04T18:00" },
		{ TUE, "00:01", "closed:2024-03-04T18:00" },
		{ TUE, "08:59", "closed:2024-03-04T18:00" },
		{ TUE, "18:30", "closed:2024-03-05T18:00" },
		{ FRI, "23:59", NULL }, { SAT, "00:01", NULL },
		{ SAT, "02:00", "closed:2024-03-09T02:00" },
		{ SUN + 1, "08:00", "closed:2024-03-09T02:00" },
	};
	check_keys(&account, rows, sizeof(rows) / sizeof(rows[0]));

	long long monday = hours_day_of(2024, 3, 4);
	const struct hours_holiday holidays[] = {
		{ monday + TUE, monday + WED }, { monday + WED, monday + THU },
	};
	account.holidays = holidays;
	account.holiday_count = 2;
	static const struct key_row holiday_rows[] = {
		{ TUE, "10:00", "holiday:2024-03-05" }, { THU, "10:00", "holiday:2024-03-05" },
		{ FRI, "08:00", "closed:2024-03-08T00:00" },
		{ MON, "20:00", "closed:2024-03-04T18:00" },
	};
	check_keys(&account, holiday_rows, sizeof(holiday_rows) / sizeof(holiday_rows[0]));

	account.away = true;
	account.away_since = 1709600000;
	static const struct key_row away_rows[] = {
		{ MON, "10:00", "away:1709600000" }, { TUE, "10:00", "away:1709600000" },
	};
	check_keys(&account, away_rows, 2);

	struct hours_account whole = closed_week();
	set_day(&whole, MON, "00:00", "24:00");
	static const struct key_row whole_rows[] = {
		{ MON, "23:59", NULL }, { TUE, "05:00", "closed:2024-03-05T00:00" },
	};
	check_keys(&whole, whole_rows, 2);
	struct hours_account none = closed_week();
	static const struct key_row none_rows[] = { { WED, "12:00", "closed:never" } };
	check_keys(&none, none_rows, 1);
	(void)state;
}

/* Mon-Fri alike, Saturday and Sunday closed (whatever their times). */
static void test_groups(void **state)
{
	struct hours_account account = closed_week();
	for (int d = MON; d <= FRI; d++)
		set_day(&account, d, "09:00", "18:00");
	account.days[SUN].start = at("10:00");
	struct hours_group groups[HOURS_DAYS];
	assert_int_equal(hours_groups(&account, groups), 2);
	assert_int_equal(groups[0].first_day, MON);
	assert_int_equal(groups[0].last_day, FRI);
	assert_int_equal(groups[1].first_day, SAT);
	assert_int_equal(groups[1].last_day, SUN);
	set_day(&account, WED, "09:00", "17:00");
	assert_int_equal(hours_groups(&account, groups), 4);
	hours_always_open(&account);
	assert_int_equal(hours_groups(&account, groups), 1);
	(void)state;
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_each_weekday),
		cmocka_unit_test(test_overnight_week_end),
		cmocka_unit_test(test_whole_day),
		cmocka_unit_test(test_closed_and_equal),
		cmocka_unit_test(test_holidays),
		cmocka_unit_test(test_zones),
		cmocka_unit_test(test_zone_names),
		cmocka_unit_test(test_parse),
		cmocka_unit_test(test_next_open),
		cmocka_unit_test(test_period_key),
		cmocka_unit_test(test_groups),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
