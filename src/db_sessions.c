/* db_sessions: sessions, looked up once per request by token hash. */
#include "db_sessions.h"
#include "db.h"
#include "db_accounts.h"
#include "db_modules.h"
#include "session.h"

enum db_sessions_statement {
	DB_SESSIONS_GET_IN_ACCOUNT,
	DB_SESSIONS_TOUCH,
	DB_SESSIONS_INSERT,
	DB_SESSIONS_DELETE,
	DB_SESSIONS_DELETE_PARTNER,
	DB_SESSIONS_COUNT_LIVE,
	DB_SESSIONS_DELETE_EXPIRED,
	DB_SESSIONS_TRIM,
	DB_SESSIONS_LIST,
	DB_SESSIONS_DELETE_OWN,
	DB_SESSIONS_SET_TOTP,
	DB_SESSIONS_CLEAR_TOTP,
	DB_SESSIONS__MAX
};

/* Columns of DB_SESSIONS_GET_IN_ACCOUNT: the session's, then the account's
 * (DB_ACCOUNTS_ACCESS_COLUMNS) from GET_NOTICES + 1. */
enum { GET_ID, GET_PARTNER_ID, GET_NAME, GET_EMAIL, GET_LANG, GET_IS_OPERATOR, GET_QUIET_START,
	GET_QUIET_END, GET_TOTP_ON, GET_TOTP_AGE, GET_NOTICES, GET_DESKTOP_NOTIFY,
	GET_UNREAD_ACCOUNT, GET_UNREAD_ALL, GET_TOUCH_DUE, GET__ACCOUNT };

static const struct db_statement db_sessions_sql[DB_SESSIONS__MAX] = {
	/* The live session of token hash $1 (not idle for more than $2 minutes;
	 * whether its last-seen time is a minute old, for DB_SESSIONS_TOUCH)
	 * and, in the same round trip, the partner's membership of the account
	 * with code $3 (NULL: none looked up), which every /a/CODE/ request
	 * needs; also the partner's unread notifications for the header (LOG-3,
	 * an index of migration 0019 holds only the unread ones), the header's
	 * unread messages of that account and of all the partner's accounts (the
	 * sums of table unread_counts, as DB_ROOMS_UNREAD_TOTALS) and the
	 * desktop notification setting: two statements fewer on every page
	 * (issue 8). */
	[DB_SESSIONS_GET_IN_ACCOUNT] = { "sessions_get_in_account",
	    "WITH live AS (SELECT s.id, p.id AS partner_id, p.name, p.email, p.lang, "
	    "p.is_operator, p.quiet_start, p.quiet_end, s.last_seen_at, s.totp_at, "
	    "p.desktop_notify, "
	    "EXISTS (SELECT 1 FROM totp_secrets t WHERE t.partner_id = p.id AND t.enabled) AS totp_on "
	    "FROM sessions s JOIN partners p ON p.id = s.partner_id "
	    "WHERE s.token_hash = $1 AND s.expires_at > now() "
	    "AND s.last_seen_at > now() - make_interval(mins => $2::int)) "
	    "SELECT l.id, l.partner_id, l.name, l.email, l.lang, l.is_operator, l.quiet_start, "
	    "l.quiet_end, l.totp_on, floor(extract(epoch FROM now() - l.totp_at))::bigint, "
	    "(SELECT count(*) FROM notifications n WHERE n.partner_id = l.partner_id "
	    "AND n.read_at IS NULL), l.desktop_notify, coalesce(u.account, 0), "
	    "coalesce(u.total, 0), l.last_seen_at < now() - interval '1 minute', "
	    DB_ACCOUNTS_ACCESS_COLUMNS " FROM live l "
	    "LEFT JOIN (accounts a JOIN members m ON m.account_id = a.id) "
	    "ON a.code = $3 AND m.partner_id = l.partner_id "
	    "CROSS JOIN LATERAL (SELECT sum(c.total) FILTER (WHERE c.account_id = a.id) "
	    "AS account, "
	    "sum(c.total) AS total FROM unread_counts c JOIN members cm "
	    "ON cm.account_id = c.account_id AND cm.partner_id = l.partner_id) u" },
	/* Apart from the read above, which every page runs: a statement that
	 * may write is planned and started with the table's indexes opened
	 * and locked, about a fifth of that read's cost (issue 8). */
	[DB_SESSIONS_TOUCH] = { "sessions_touch",
	    "UPDATE sessions SET last_seen_at = now() "
	    "WHERE id = $1 AND last_seen_at < now() - interval '1 minute'" },
	[DB_SESSIONS_INSERT] = { "sessions_insert",
	    "INSERT INTO sessions (partner_id, token_hash, expires_at, remote_addr, user_agent) "
	    "VALUES ($1, $2, now() + make_interval(hours => $3::int), $4, $5)" },
	[DB_SESSIONS_DELETE] = { "sessions_delete", "DELETE FROM sessions WHERE id = $1" },
	[DB_SESSIONS_DELETE_PARTNER] = { "sessions_delete_partner",
	    "DELETE FROM sessions WHERE partner_id = $1 AND id <> $2" },
	[DB_SESSIONS_COUNT_LIVE] = { "sessions_count_live",
	    "SELECT count(*) FROM sessions WHERE expires_at > now()" },
	[DB_SESSIONS_DELETE_EXPIRED] = { "sessions_delete_expired",
	    "DELETE FROM sessions WHERE expires_at < now()" },
	/* Newest first by id, which grows with created_at. */
	[DB_SESSIONS_TRIM] = { "sessions_trim",
	    "DELETE FROM sessions WHERE id IN (SELECT id FROM sessions WHERE partner_id = $1 "
	    "ORDER BY id DESC OFFSET $2)" },
	[DB_SESSIONS_LIST] = { "sessions_list",
	    "SELECT id, coalesce(user_agent, ''), coalesce(remote_addr, ''), "
	    "to_char(last_seen_at AT TIME ZONE 'Asia/Seoul', 'YYYY-MM-DD HH24:MI') "
	    "FROM sessions WHERE partner_id = $1 AND expires_at > now() "
	    "AND last_seen_at > now() - make_interval(mins => $2::int) "
	    "ORDER BY last_seen_at DESC, id DESC LIMIT $3" },
	[DB_SESSIONS_DELETE_OWN] = { "sessions_delete_own",
	    "DELETE FROM sessions WHERE id = $1 AND partner_id = $2" },
	[DB_SESSIONS_SET_TOTP] = { "sessions_set_totp",
	    "UPDATE sessions SET totp_at = now() WHERE id = $1" },
	[DB_SESSIONS_CLEAR_TOTP] = { "sessions_clear_totp",
	    "UPDATE sessions SET totp_at = NULL WHERE partner_id = $1" },
};

/* Columns of DB_SESSIONS_LIST. */
enum { LIST_ID, LIST_USER_AGENT, LIST_REMOTE_ADDR, LIST_LAST_SEEN };

const struct db_module db_sessions_module = { "sessions", db_sessions_sql, DB_SESSIONS__MAX };

/* Fills out from the session columns of row 0. */
static void db_sessions_row(const struct db_rows *rows, struct session *out)
{
	out->id = db_int(rows, 0, GET_ID);
	out->partner_id = db_int(rows, 0, GET_PARTNER_ID);
	out->partner_name = db_value(rows, 0, GET_NAME);
	out->partner_email = db_value(rows, 0, GET_EMAIL);
	out->lang = db_value(rows, 0, GET_LANG);
	out->is_operator = db_bool(rows, 0, GET_IS_OPERATOR);
	out->quiet_start = db_is_null(rows, 0, GET_QUIET_START) ? -1
	    : (int)db_int(rows, 0, GET_QUIET_START);
	out->quiet_end = db_is_null(rows, 0, GET_QUIET_END) ? -1
	    : (int)db_int(rows, 0, GET_QUIET_END);
	out->totp_on = db_bool(rows, 0, GET_TOTP_ON);
	out->totp_age = db_is_null(rows, 0, GET_TOTP_AGE) ? -1 : db_int(rows, 0, GET_TOTP_AGE);
	out->notices_unread = db_int(rows, 0, GET_NOTICES);
	out->desktop_notify = db_bool(rows, 0, GET_DESKTOP_NOTIFY);
	out->unread_account = db_int(rows, 0, GET_UNREAD_ACCOUNT);
	out->unread_all = db_int(rows, 0, GET_UNREAD_ALL);
	out->touch_due = db_bool(rows, 0, GET_TOUCH_DUE);
}

struct db_query db_sessions_get_in_account_query(struct arena *arena, const char *token_hash,
    long long idle_minutes, const char *code)
{
	return DB_QUERY(&db_sessions_sql[DB_SESSIONS_GET_IN_ACCOUNT], token_hash,
	    db_param_int(arena, idle_minutes), code);
}

int db_sessions_get_in_account_rows(const struct db_query *query, struct session *out,
    struct account_access *account, bool *member)
{
	int found = query->result;
	*member = false;
	if (found <= 0)
		return found;
	db_sessions_row(&query->rows, out);
	*member = db_accounts_access_row(&query->rows, 0, GET__ACCOUNT, account) == 1;
	return 1;
}

int db_sessions_get_in_account(struct arena *arena, const char *token_hash,
    long long idle_minutes, const char *code, struct session *out, struct account_access *account,
    bool *member)
{
	struct db_query query = db_sessions_get_in_account_query(arena, token_hash, idle_minutes,
	    code);
	db_run_queries(arena, &query, 1);
	return db_sessions_get_in_account_rows(&query, out, account, member);
}

int db_sessions_insert(struct arena *arena, long long partner_id, const char *token_hash,
    long long hours, const char *remote_addr, const char *user_agent)
{
	return DB_RUN(arena, NULL, &db_sessions_sql[DB_SESSIONS_INSERT],
	    db_param_int(arena, partner_id), token_hash, db_param_int(arena, hours), remote_addr,
	    user_agent);
}

int db_sessions_touch(struct arena *arena, long long id)
{
	return DB_RUN(arena, NULL, &db_sessions_sql[DB_SESSIONS_TOUCH], db_param_int(arena, id));
}

int db_sessions_delete(struct arena *arena, long long id)
{
	return DB_RUN(arena, NULL, &db_sessions_sql[DB_SESSIONS_DELETE], db_param_int(arena, id));
}

int db_sessions_delete_partner(struct arena *arena, long long partner_id, long long keep_id)
{
	return DB_RUN(arena, NULL, &db_sessions_sql[DB_SESSIONS_DELETE_PARTNER],
	    db_param_int(arena, partner_id), db_param_int(arena, keep_id));
}

int db_sessions_count_live(struct arena *arena)
{
	long long count;
	int found = db_run_int(arena, &db_sessions_sql[DB_SESSIONS_COUNT_LIVE], &count, 0, NULL);
	return found == 1 ? (int)count : found < 0 ? found : DB_ERROR;
}

int db_sessions_delete_expired(struct arena *arena)
{
	return db_run(arena, NULL, &db_sessions_sql[DB_SESSIONS_DELETE_EXPIRED], 0, NULL);
}

int db_sessions_trim(struct arena *arena, long long partner_id, long long keep)
{
	return DB_RUN(arena, NULL, &db_sessions_sql[DB_SESSIONS_TRIM],
	    db_param_int(arena, partner_id), db_param_int(arena, keep));
}

int db_sessions_list(struct arena *arena, long long partner_id, long long idle_minutes,
    struct session_row *out, int max)
{
	struct db_rows rows;
	int count = DB_RUN(arena, &rows, &db_sessions_sql[DB_SESSIONS_LIST],
	    db_param_int(arena, partner_id), db_param_int(arena, idle_minutes),
	    db_param_int(arena, max));
	for (int i = 0; i < count; i++) {
		out[i].id = db_int(&rows, i, LIST_ID);
		out[i].user_agent = db_value(&rows, i, LIST_USER_AGENT);
		out[i].remote_addr = db_value(&rows, i, LIST_REMOTE_ADDR);
		out[i].last_seen = db_value(&rows, i, LIST_LAST_SEEN);
	}
	return count;
}

int db_sessions_delete_own(struct arena *arena, long long id, long long partner_id)
{
	return DB_RUN(arena, NULL, &db_sessions_sql[DB_SESSIONS_DELETE_OWN],
	    db_param_int(arena, id), db_param_int(arena, partner_id));
}

int db_sessions_set_totp(struct arena *arena, long long id)
{
	return DB_RUN(arena, NULL, &db_sessions_sql[DB_SESSIONS_SET_TOTP], db_param_int(arena, id));
}

int db_sessions_clear_totp(struct arena *arena, long long partner_id)
{
	return DB_RUN(arena, NULL, &db_sessions_sql[DB_SESSIONS_CLEAR_TOTP],
	    db_param_int(arena, partner_id));
}
