/* db_account_hours: weekly hours, away switch, refusal and automatic messages. */
#include "db_account_hours.h"
#include "arena.h"
#include "db.h"
#include "db_modules.h"

#include <string.h>

enum db_account_hours_statement {
	DB_ACCOUNT_HOURS_GET_SETTINGS,
	DB_ACCOUNT_HOURS_GET_DAYS,
	DB_ACCOUNT_HOURS_SAVE_SETTINGS,
	DB_ACCOUNT_HOURS_SAVE_DAYS,
	DB_ACCOUNT_HOURS_SAVE_MESSAGES,
	DB_ACCOUNT_HOURS__MAX
};

/* Columns of DB_ACCOUNT_HOURS_GET_SETTINGS: the messages follow REFUSE in
 * enum account_message's order, then NOTICE_ON. */
enum { SETTINGS_TIME_ZONE, SETTINGS_AWAY_SINCE, SETTINGS_REFUSE, SETTINGS_MESSAGES,
	SETTINGS_NOTICE_ON = SETTINGS_MESSAGES + ACCOUNT_MESSAGE__MAX };

/* Columns of DB_ACCOUNT_HOURS_GET_DAYS. */
enum { DAYS_WEEKDAY, DAYS_OPEN, DAYS_START, DAYS_END };

static const struct db_statement db_account_hours_sql[DB_ACCOUNT_HOURS__MAX] = {
	[DB_ACCOUNT_HOURS_GET_SETTINGS] = { "account_hours_get_settings",
	    "SELECT time_zone, floor(extract(epoch FROM away_since))::bigint, "
	    "refuse_outside_hours, away_message, holiday_message, welcome_message, "
	    "notice_message, friend_thanks_message, notice_on FROM accounts WHERE id = $1" },
	[DB_ACCOUNT_HOURS_GET_DAYS] = { "account_hours_get_days",
	    "SELECT weekday, open, start_minute, end_minute FROM account_hours "
	    "WHERE account_id = $1" },
	[DB_ACCOUNT_HOURS_SAVE_SETTINGS] = { "account_hours_save_settings",
	    "UPDATE accounts SET time_zone = $2, "
	    "away_since = CASE WHEN $3::boolean THEN coalesce(away_since, now()) END, "
	    "refuse_outside_hours = $4 WHERE id = $1" },
	/* $2..$4: seven values each, Monday first */
	[DB_ACCOUNT_HOURS_SAVE_DAYS] = { "account_hours_save_days",
	    "INSERT INTO account_hours (account_id, weekday, open, start_minute, end_minute) "
	    "SELECT $1, d.n - 1, d.open, d.start_minute, d.end_minute FROM unnest($2::boolean[], "
	    "$3::smallint[], $4::smallint[]) WITH ORDINALITY AS d(open, start_minute, end_minute, n) "
	    "ON CONFLICT (account_id, weekday) DO UPDATE SET open = excluded.open, "
	    "start_minute = excluded.start_minute, end_minute = excluded.end_minute" },
	[DB_ACCOUNT_HOURS_SAVE_MESSAGES] = { "account_hours_save_messages",
	    "UPDATE accounts SET away_message = $2, holiday_message = $3, welcome_message = $4, "
	    "notice_message = $5, friend_thanks_message = $6, notice_on = $7 WHERE id = $1" },
};

const struct db_module db_account_hours_module = { "account_hours", db_account_hours_sql,
	DB_ACCOUNT_HOURS__MAX };

/* Fills out->days from the stored rows; days without a row stay open all day. */
static void db_account_hours_days(const struct db_rows *rows, int count,
    struct account_hours *out)
{
	struct hours_account always;
	hours_always_open(&always);
	memcpy(out->days, always.days, sizeof(out->days));
	for (int i = 0; i < count; i++) {
		long long weekday = db_int(rows, i, DAYS_WEEKDAY);
		if (weekday < 0 || weekday >= HOURS_DAYS)
			continue;
		out->days[weekday] = (struct hours_day) {
			.open = db_bool(rows, i, DAYS_OPEN),
			.start = (int)db_int(rows, i, DAYS_START),
			.end = (int)db_int(rows, i, DAYS_END),
		};
	}
}

void db_account_hours_get_queries(struct arena *arena, long long account_id,
    struct db_query queries[DB_ACCOUNT_HOURS_QUERIES])
{
	const char *id = db_param_int(arena, account_id);
	queries[0] = DB_QUERY(&db_account_hours_sql[DB_ACCOUNT_HOURS_GET_SETTINGS], id);
	queries[1] = DB_QUERY(&db_account_hours_sql[DB_ACCOUNT_HOURS_GET_DAYS], id);
}

int db_account_hours_get_rows(const struct db_query queries[DB_ACCOUNT_HOURS_QUERIES],
    struct account_hours *out)
{
	const struct db_rows *rows = &queries[0].rows;
	int found = queries[0].result;
	if (found <= 0)
		return found;
	if (queries[1].result < 0)
		return queries[1].result;
	*out = (struct account_hours) {
		.time_zone = db_value(rows, 0, SETTINGS_TIME_ZONE),
		.away = !db_is_null(rows, 0, SETTINGS_AWAY_SINCE),
		.away_since = db_int(rows, 0, SETTINGS_AWAY_SINCE),
		.refuse = db_bool(rows, 0, SETTINGS_REFUSE),
		.notice_on = db_bool(rows, 0, SETTINGS_NOTICE_ON),
	};
	for (int i = 0; i < ACCOUNT_MESSAGE__MAX; i++)
		if (!db_is_null(rows, 0, SETTINGS_MESSAGES + i))
			out->messages[i] = db_value(rows, 0, SETTINGS_MESSAGES + i);
	db_account_hours_days(&queries[1].rows, queries[1].result, out);
	return 1;
}

int db_account_hours_get(struct arena *arena, long long account_id, struct account_hours *out)
{
	struct db_query queries[DB_ACCOUNT_HOURS_QUERIES];
	db_account_hours_get_queries(arena, account_id, queries);
	db_run_queries(arena, queries, DB_ACCOUNT_HOURS_QUERIES);
	return db_account_hours_get_rows(queries, out);
}

/* The PostgreSQL array literal of the seven days' field (0 open, 1 start, 2 end). */
static const char *db_account_hours_array(struct arena *arena, const struct account_hours *hours,
    int field)
{
	struct strbuf out;
	strbuf_init(&out, arena);
	for (int i = 0; i < HOURS_DAYS; i++) {
		const struct hours_day *day = &hours->days[i];
		strbuf_puts(&out, i == 0 ? "{" : ",");
		if (field == 0)
			strbuf_puts(&out, day->open ? "t" : "f");
		else
			strbuf_printf(&out, "%d", field == 1 ? day->start : day->end);
	}
	strbuf_puts(&out, "}");
	return strbuf_text(&out);
}

int db_account_hours_save(struct arena *arena, long long account_id,
    const struct account_hours *hours)
{
	int saved = DB_RUN(arena, NULL, &db_account_hours_sql[DB_ACCOUNT_HOURS_SAVE_SETTINGS],
	    db_param_int(arena, account_id), hours->time_zone, hours->away ? "t" : "f",
	    hours->refuse ? "t" : "f");
	if (saved <= 0)
		return saved;
	int days = DB_RUN(arena, NULL, &db_account_hours_sql[DB_ACCOUNT_HOURS_SAVE_DAYS],
	    db_param_int(arena, account_id), db_account_hours_array(arena, hours, 0),
	    db_account_hours_array(arena, hours, 1), db_account_hours_array(arena, hours, 2));
	return days < 0 ? days : 1;
}

int db_account_hours_save_messages(struct arena *arena, long long account_id,
    const struct account_hours *hours)
{
	const char *const *messages = hours->messages;
	return DB_RUN(arena, NULL, &db_account_hours_sql[DB_ACCOUNT_HOURS_SAVE_MESSAGES],
	    db_param_int(arena, account_id), messages[ACCOUNT_MESSAGE_AWAY],
	    messages[ACCOUNT_MESSAGE_HOLIDAY], messages[ACCOUNT_MESSAGE_WELCOME],
	    messages[ACCOUNT_MESSAGE_NOTICE], messages[ACCOUNT_MESSAGE_FRIEND_THANKS],
	    hours->notice_on ? "t" : "f");
}
