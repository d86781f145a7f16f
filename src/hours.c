/* hours: open or closed at a local moment, the next opening and the closed
 * period's key, over weekly hours, holidays and the away switch (hours.h). */
#include "hours.h"

#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define HOURS_ZONE_DIR "/usr/share/zoneinfo/"

/* Days looked at by hours_next_open (two years and a bit) and backwards by
 * hours_period_key (a week, plus the night before it). */
enum { HOURS_NEXT_DAYS = 2 * 366 + HOURS_DAYS, HOURS_BACK_DAYS = 8 };

void hours_always_open(struct hours_account *account)
{
	for (int i = 0; i < HOURS_DAYS; i++)
		account->days[i] = (struct hours_day) { true, 0, HOURS_DAY_MINUTES };
}

int hours_weekday(long long day)
{
	/* 1970-01-01 was a Thursday (3 when Monday is 0) */
	long long weekday = (day + 3) % HOURS_DAYS;
	return (int)(weekday < 0 ? weekday + HOURS_DAYS : weekday);
}

/* Days from civil (H. Hinnant's algorithm), proleptic Gregorian. */
static long long hours_civil_days(long long year, int month, int day)
{
	year -= month <= 2;
	long long era = year / 400;
	long long year_of_era = year - era * 400;
	long long day_of_year = (153 * (month + (month > 2 ? -3 : 9)) + 2) / 5 + day - 1;
	long long day_of_era = year_of_era * 365 + year_of_era / 4 - year_of_era / 100 + day_of_year;
	return era * 146097 + day_of_era - 719468;
}

long long hours_day_of(int year, int month, int day)
{
	static const int lengths[] = { 31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31 };
	if (year < 1970 || year > 9999 || month < 1 || month > 12 || day < 1)
		return -1;
	bool leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
	if (day > lengths[month - 1] + (month == 2 && leap))
		return -1;
	return hours_civil_days(year, month, day);
}

/* Civil date of a day number (the inverse of hours_civil_days). */
static void hours_civil_from_days(long long days, int *year, int *month, int *day)
{
	days += 719468;
	long long era = days / 146097;
	long long day_of_era = days - era * 146097;
	long long year_of_era = (day_of_era - day_of_era / 1460 + day_of_era / 36524
	    - day_of_era / 146096) / 365;
	long long day_of_year = day_of_era - (365 * year_of_era + year_of_era / 4
	    - year_of_era / 100);
	long long month_index = (5 * day_of_year + 2) / 153;
	*day = (int)(day_of_year - (153 * month_index + 2) / 5 + 1);
	*month = (int)(month_index < 10 ? month_index + 3 : month_index - 9);
	*year = (int)(year_of_era + era * 400 + (*month <= 2));
}

/* Reads exactly count digits from text: the number, or -1. */
static int hours_digits(const char *text, int count)
{
	int value = 0;
	for (int i = 0; i < count; i++) {
		if (text[i] < '0' || text[i] > '9')
			return -1;
		value = value * 10 + (text[i] - '0');
	}
	return value;
}

int hours_parse_date(const char *text, long long *day)
{
	if (strlen(text) != 10 || text[4] != '-' || text[7] != '-')
		return -1;
	int year = hours_digits(text, 4), month = hours_digits(text + 5, 2);
	int day_of_month = hours_digits(text + 8, 2);
	if (year < 0 || month < 0 || day_of_month < 0)
		return -1;
	long long value = hours_day_of(year, month, day_of_month);
	if (value < 0)
		return -1;
	*day = value;
	return 0;
}

/* Writes value's last count decimal digits at out. */
static void hours_put_digits(char *out, int value, int count)
{
	for (int i = count - 1; i >= 0; i--, value /= 10)
		out[i] = (char)('0' + value % 10);
}

void hours_format_date(long long day, char out[11])
{
	int year, month, day_of_month;
	hours_civil_from_days(day, &year, &month, &day_of_month);
	hours_put_digits(out, year, 4);
	out[4] = '-';
	hours_put_digits(out + 5, month, 2);
	out[7] = '-';
	hours_put_digits(out + 8, day_of_month, 2);
	out[10] = '\0';
}

int hours_parse_time(const char *text, bool allow_24, int *minute)
{
	size_t length = strlen(text);
	const char *colon = strchr(text, ':');
	/* the hour's digits: before the colon, else all but the last two */
	size_t hour_length = colon != NULL ? (size_t)(colon - text) : length - 2;
	if (length < 3 || length > 5 || hour_length < 1 || hour_length > 2
	    || length != hour_length + (colon != NULL ? 3 : 2))
		return -1;
	int hour = hours_digits(text, (int)hour_length), minutes = hours_digits(text + length - 2, 2);
	if (hour < 0 || minutes < 0 || minutes > 59 || minutes % HOURS_STEP != 0)
		return -1;
	int value = hour * 60 + minutes;
	if (value > HOURS_DAY_MINUTES || (value == HOURS_DAY_MINUTES && !allow_24))
		return -1;
	*minute = value;
	return 0;
}

void hours_format_time(int minute, char out[6])
{
	hours_put_digits(out, minute / 60, 2);
	out[2] = ':';
	hours_put_digits(out + 3, minute % 60, 2);
	out[5] = '\0';
}

bool hours_zone_valid(const char *zone)
{
	size_t length = strlen(zone);
	if (length == 0 || length > HOURS_ZONE_MAX || zone[0] == '/' || strstr(zone, "..") != NULL
	    || strspn(zone, "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789/_+-")
		!= length)
		return false;
	char path[sizeof(HOURS_ZONE_DIR) + HOURS_ZONE_MAX];
	snprintf(path, sizeof(path), "%s%s", HOURS_ZONE_DIR, zone);
	FILE *file = fopen(path, "rb");
	if (file == NULL)
		return false;
	char magic[4];
	bool tzif = fread(magic, 1, sizeof(magic), file) == sizeof(magic)
	    && memcmp(magic, "TZif", sizeof(magic)) == 0;
	fclose(file);
	return tzif;
}

static pthread_mutex_t hours_zone_lock = PTHREAD_MUTEX_INITIALIZER;

int hours_local_at(const char *zone, time_t t, struct hours_local *out)
{
	if (!hours_zone_valid(zone))
		return -1;
	struct tm tm;
	pthread_mutex_lock(&hours_zone_lock);
	/* ":" makes glibc read the file of that name, never a POSIX TZ rule */
	char value[HOURS_ZONE_MAX + 2];
	snprintf(value, sizeof(value), ":%s", zone);
	bool converted = setenv("TZ", value, 1) == 0 && (tzset(), localtime_r(&t, &tm) != NULL);
	pthread_mutex_unlock(&hours_zone_lock);
	if (!converted)
		return -1;
	out->day = hours_civil_days(tm.tm_year + 1900LL, tm.tm_mon + 1, tm.tm_mday);
	out->minute = tm.tm_hour * 60 + tm.tm_min;
	return 0;
}

bool hours_is_holiday(const struct hours_account *account, long long day)
{
	for (size_t i = 0; i < account->holiday_count; i++)
		if (account->holidays[i].first <= day && day <= account->holidays[i].last)
			return true;
	return false;
}

/* True when day has hours at all (open, and end != start). */
static bool hours_day_has_hours(const struct hours_day *hours)
{
	return hours->open && hours->start != hours->end;
}

/* The weekly hours alone (no holidays, no away switch) at minute of day. */
static bool hours_week_covers(const struct hours_account *account, long long day, int minute)
{
	const struct hours_day *today = &account->days[hours_weekday(day)];
	const struct hours_day *yesterday = &account->days[hours_weekday(day - 1)];
	if (hours_day_has_hours(today) && minute >= today->start
	    && (today->end < today->start || minute < today->end))
		return true;
	return hours_day_has_hours(yesterday) && yesterday->end < yesterday->start
	    && minute < yesterday->end;
}

/* Open at minute of day, ignoring the away switch. */
static bool hours_open_at(const struct hours_account *account, long long day, int minute)
{
	return !hours_is_holiday(account, day) && hours_week_covers(account, day, minute);
}

enum hours_state hours_state_at(const struct hours_account *account,
    const struct hours_local *now)
{
	if (account->away)
		return HOURS_AWAY;
	if (hours_is_holiday(account, now->day))
		return HOURS_HOLIDAY;
	return hours_week_covers(account, now->day, now->minute) ? HOURS_OPEN : HOURS_CLOSED;
}

/* Answers may start only at a day's start or at 00:00 (after a holiday,
 * the previous night's hours go on): the earliest such moment after now at
 * which the account is open. */
int hours_next_open(const struct hours_account *account, const struct hours_local *now,
    struct hours_local *next)
{
	if (account->away)
		return 0;
	for (long long day = now->day; day <= now->day + HOURS_NEXT_DAYS; day++) {
		const struct hours_day *hours = &account->days[hours_weekday(day)];
		int candidates[2] = { 0, hours->start };
		for (int i = 0; i < 2; i++) {
			if (day == now->day && candidates[i] <= now->minute)
				continue;
			if (hours_open_at(account, day, candidates[i])) {
				*next = (struct hours_local) { day, candidates[i] };
				return 1;
			}
		}
	}
	return 0;
}

/* The first date of the run of holiday dates that contains day. */
static long long hours_holiday_run_start(const struct hours_account *account, long long day)
{
	while (hours_is_holiday(account, day - 1))
		day--;
	return day;
}

/* Writes "closed:DATETHH:MM" of minute of day (1440: the next day's 00:00). */
static const char *hours_closed_key(long long day, int minute, char out[HOURS_KEY_SIZE])
{
	if (minute == HOURS_DAY_MINUTES) {
		day++;
		minute = 0;
	}
	char date[11], time[6];
	hours_format_date(day, date);
	hours_format_time(minute, time);
	snprintf(out, HOURS_KEY_SIZE, "closed:%sT%s", date, time);
	return out;
}

const char *hours_period_key(const struct hours_account *account,
    const struct hours_local *now, char out[HOURS_KEY_SIZE])
{
	char date[11];
	switch (hours_state_at(account, now)) {
	case HOURS_OPEN:
		return NULL;
	case HOURS_AWAY:
		snprintf(out, HOURS_KEY_SIZE, "away:%lld", account->away_since);
		return out;
	case HOURS_HOLIDAY:
		hours_format_date(hours_holiday_run_start(account, now->day), date);
		snprintf(out, HOURS_KEY_SIZE, "holiday:%s", date);
		return out;
	case HOURS_CLOSED:
		break;
	}
	/* Walk back minute by minute to the last open minute or holiday date. */
	long long day = now->day;
	for (int minute = now->minute - 1; day >= now->day - HOURS_BACK_DAYS; minute--) {
		if (minute < 0) {
			day--;
			minute = HOURS_DAY_MINUTES - 1;
		}
		if (hours_is_holiday(account, day))
			return hours_closed_key(day, HOURS_DAY_MINUTES, out);
		if (hours_week_covers(account, day, minute))
			return hours_closed_key(day, minute + 1, out);
	}
	snprintf(out, HOURS_KEY_SIZE, "closed:never");
	return out;
}

/* Equal for the hours line: both without hours, or the same times. */
static bool hours_same(const struct hours_day *a, const struct hours_day *b)
{
	if (!hours_day_has_hours(a) || !hours_day_has_hours(b))
		return hours_day_has_hours(a) == hours_day_has_hours(b);
	return a->start == b->start && a->end == b->end;
}

int hours_groups(const struct hours_account *account, struct hours_group out[HOURS_DAYS])
{
	int count = 0;
	for (int day = 0; day < HOURS_DAYS; day++) {
		if (count > 0 && hours_same(&out[count - 1].hours, &account->days[day])) {
			out[count - 1].last_day = day;
			continue;
		}
		out[count++] = (struct hours_group) { day, day, account->days[day] };
	}
	return count;
}
