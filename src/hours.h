/* hours: pure functions over an account's weekly hours, holidays, away switch
 * and time zone (HOURS-1..4, HOURS-7): is the account answering at a moment,
 * when does it open next, and which closed period a moment belongs to.
 *
 * Everything but hours_local_at and hours_zone_valid works on local wall-clock
 * time (a local date as a day number and a minute of the day), so the rules
 * need no time zone: hours are what the clock on the shop's wall says. A
 * local time that a daylight-saving change skips is never "now"; one that it
 * repeats is judged twice the same way.
 *
 * Time zones come from the system's database (/usr/share/zoneinfo) through
 * the C library: hours_local_at sets TZ and calls tzset and localtime_r under
 * one process-wide mutex. That is safe because nothing else in the programs
 * reads local time (log and mail use gmtime_r, which ignores TZ); a new user
 * of local time must go through hours_local_at. */
#ifndef SANGDAM_HOURS_H
#define SANGDAM_HOURS_H

#include <stdbool.h>
#include <stddef.h>
#include <time.h>

enum {
	HOURS_DAYS = 7,           /* weekdays, 0 = Monday .. 6 = Sunday */
	HOURS_DAY_MINUTES = 1440, /* 24:00 */
	HOURS_STEP = 5,           /* minutes between the times one can choose */
	HOURS_KEY_SIZE = 48,      /* bytes of a closed period's key, with its NUL */
	HOURS_ZONE_MAX = 64,      /* bytes of a time zone's name */
};

/* One weekday's hours. start 0..1435, end 0..1440, both multiples of
 * HOURS_STEP. start < end: open start..end that day; end < start: open from
 * start to midnight and on into the next day until end (Sunday runs into
 * Monday); end == start: no hours at all, as if closed (00:00-24:00 is the
 * whole day, so an equal pair never needs to mean "all day"). */
struct hours_day {
	bool open;
	int start;
	int end;
};

/* A holiday: whole local dates first..last (day numbers, last >= first).
 * Holidays may overlap; every minute of their dates is closed, including the
 * part of the previous day's overnight hours that falls on them. */
struct hours_holiday {
	long long first;
	long long last;
};

/* What the rules look at. away_since (seconds since the epoch) is when the
 * away switch was turned on, for the key of that closed period. */
struct hours_account {
	struct hours_day days[HOURS_DAYS];
	const struct hours_holiday *holidays;
	size_t holiday_count;
	bool away;
	long long away_since;
};

/* A local moment: day is the local date as days since 1970-01-01. */
struct hours_local {
	long long day;
	int minute; /* 0..1439 */
};

enum hours_state {
	HOURS_OPEN,    /* answering now */
	HOURS_CLOSED,  /* outside the weekly hours */
	HOURS_HOLIDAY, /* a holiday is in force (HOURS-3) */
	HOURS_AWAY,    /* the away switch is on (HOURS-2) */
};

/* A run of consecutive weekdays with the same hours, for the hours line. */
struct hours_group {
	int first_day; /* 0..6 */
	int last_day;  /* first_day..6 */
	struct hours_day hours;
};

/* Every day open 00:00-24:00: the hours of an account that set none. */
void hours_always_open(struct hours_account *account);

/* The weekday (0 = Monday) of a day number. */
int hours_weekday(long long day);

/* The day number of a date; -1 when year/month/day is not a date of
 * years 1970..9999. */
long long hours_day_of(int year, int month, int day);

/* Parses "YYYY-MM-DD" into a day number: 0, or -1 when it is not one. */
int hours_parse_date(const char *text, long long *day);

/* Writes day as "YYYY-MM-DD" into out (11 bytes). */
void hours_format_date(long long day, char out[11]);

/* Parses "HH:MM" on a HOURS_STEP boundary, 00:00..23:55, or 24:00 when
 * allow_24: 0 and *minute, or -1. The hour may have one digit ("9:00"),
 * and the colon may be left out ("0900", "900"), as a phone's number pad
 * types it. */
int hours_parse_time(const char *text, bool allow_24, int *minute);

/* Writes minute (0..1440) as "HH:MM" into out (6 bytes). */
void hours_format_time(int minute, char out[6]);

/* True when zone names a time zone of the system's database: a relative
 * path of A-Z a-z 0-9 / _ + - without "..", at most HOURS_ZONE_MAX bytes,
 * naming a TZif file under /usr/share/zoneinfo. */
bool hours_zone_valid(const char *zone);

/* The local moment in zone of time t: 0, or -1 when zone is not valid. */
int hours_local_at(const char *zone, time_t t, struct hours_local *out);

/* True when a holiday of account covers day. */
bool hours_is_holiday(const struct hours_account *account, long long day);

/* The state of account at now: away, then holiday, then the weekly hours. */
enum hours_state hours_state_at(const struct hours_account *account,
    const struct hours_local *now);

/* The first moment after now at which account answers, in *next: 1 found
 * within 2 years, 0 none (away, or no open hours). */
int hours_next_open(const struct hours_account *account, const struct hours_local *now,
    struct hours_local *next);

/* The key of the closed period containing now, for the away and holiday
 * messages' "once per customer per closed period" (HOURS-4), into out;
 * returns out, or NULL when the account is open at now. Keys:
 *   "away:SECONDS"       the away switch since away_since;
 *   "holiday:YYYY-MM-DD" the first date of the run of holiday dates
 *                        (overlapping or adjacent holidays join) around now;
 *   "closed:YYYY-MM-DDTHH:MM" the local moment the account stopped
 *                        answering: the end of the last open hours, or
 *                        00:00 after the last holiday, within 8 days;
 *   "closed:never"       no open minute in the 8 days before now.
 * Changing the hours can move the last end, and so start a new period. */
const char *hours_period_key(const struct hours_account *account,
    const struct hours_local *now, char out[HOURS_KEY_SIZE]);

/* Groups the 7 days into runs of equal hours (closed days are equal to each
 * other whatever their times): the number of groups written to out. */
int hours_groups(const struct hours_account *account, struct hours_group out[HOURS_DAYS]);

#endif
