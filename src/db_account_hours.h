/* db_account_hours: the queries of table account_hours (weekly hours) and of
 * the accounts columns that go with them: time zone, away switch, refusal
 * outside hours and the automatic messages (HOURS-1, 2, 4, 5). */
#ifndef SANGDAM_DB_ACCOUNT_HOURS_H
#define SANGDAM_DB_ACCOUNT_HOURS_H

#include <stdbool.h>

#include "hours.h"

#include "db.h"

struct arena;

/* The automatic messages, each <= 500 code points (HOURS-4, HOURS-5). */
enum account_message {
	ACCOUNT_MESSAGE_AWAY,
	ACCOUNT_MESSAGE_HOLIDAY,
	ACCOUNT_MESSAGE_WELCOME,
	ACCOUNT_MESSAGE_NOTICE,
	ACCOUNT_MESSAGE_FRIEND_THANKS,
	ACCOUNT_MESSAGE__MAX
};

enum { ACCOUNT_MESSAGE_MAX_LENGTH = 500 };

struct account_hours {
	struct hours_day days[HOURS_DAYS]; /* every day 00:00-24:00 until set */
	const char *time_zone;             /* IANA name */
	bool away;                         /* the away switch (HOURS-2) */
	long long away_since;              /* seconds since the epoch; 0 when !away */
	bool refuse;                       /* input refused outside hours (HOURS-4) */
	const char *messages[ACCOUNT_MESSAGE__MAX]; /* NULL: the built-in text */
	bool notice_on;                    /* the chat notice for non-friends */
};

/* Loads the hours and settings of account_id into out (strings in arena):
 * 1 found, 0 no such account, <0 error. */
int db_account_hours_get(struct arena *arena, long long account_id, struct account_hours *out);

/* The same in two parts, for a page's other statements in one round trip
 * (db_run_queries): the queries (settings, days), then, once run, reading
 * them into out: as db_account_hours_get. */
enum { DB_ACCOUNT_HOURS_QUERIES = 2 };
void db_account_hours_get_queries(struct arena *arena, long long account_id,
    struct db_query queries[DB_ACCOUNT_HOURS_QUERIES]);
int db_account_hours_get_rows(const struct db_query queries[DB_ACCOUNT_HOURS_QUERIES],
    struct account_hours *out);

/* Stores days, time zone, away switch (its time kept while it stays on) and
 * refusal of account_id. Two statements: call inside a transaction.
 * 1 saved, 0 no such account, <0 error. */
int db_account_hours_save(struct arena *arena, long long account_id,
    const struct account_hours *hours);

/* Stores the messages (NULL: back to the built-in text) and notice_on of
 * account_id: rows changed (0 or 1), or <0. */
int db_account_hours_save_messages(struct arena *arena, long long account_id,
    const struct account_hours *hours);

#endif
