/* db_backups: backups started, listed, cancelled, and driven by the worker. */
#include "db_backups.h"
#include "arena.h"
#include "db.h"
#include "db_modules.h"

#include <string.h>

enum db_backups_statement {
	DB_BACKUPS_START,
	DB_BACKUPS_LIST,
	DB_BACKUPS_ACTIVE,
	DB_BACKUPS_LIST_OPERATOR,
	DB_BACKUPS_GET,
	DB_BACKUPS_GET_OPERATOR,
	DB_BACKUPS_CANCEL,
	DB_BACKUPS_CANCEL_OPERATOR,
	DB_BACKUPS_BEGIN,
	DB_BACKUPS_PROGRESS,
	DB_BACKUPS_FINISH,
	DB_BACKUPS_FAIL,
	DB_BACKUPS_EXPIRE_DUE,
	DB_BACKUPS_FAIL_STALE,
	DB_BACKUPS_RETENTION_DUE,
	DB_BACKUPS_RETENTION_DELETE,
	DB_BACKUPS_DELETION_DUE,
	DB_BACKUPS__MAX
};

/* Columns of DB_BACKUPS_LIST* and DB_BACKUPS_GET*. */
enum {
	LIST_ID, LIST_CODE, LIST_REASON, LIST_FORMAT, LIST_STATUS, LIST_DONE, LIST_TOTAL, LIST_SIZE,
	LIST_FILE, LIST_FROM, LIST_TO, LIST_CREATED, LIST_EXPIRES
};

/* Columns of DB_BACKUPS_RETENTION_DUE. */
enum { DUE_ACCOUNT, DUE_BEFORE, DUE_OLD };

/* Columns of DB_BACKUPS_BEGIN. */
enum { BEGIN_ID, BEGIN_ACCOUNT, BEGIN_SCOPE, BEGIN_REASON, BEGIN_FORMAT, BEGIN_FROM, BEGIN_TO,
    BEGIN_LANG };

#define BACKUPS_COLUMNS                                                                  \
	"SELECT b.id, b.account_code, b.reason, b.format, b.status, b.done, b.total, "     \
	"coalesce(b.size, 0), coalesce(b.file_name, ''), "                                 \
	"coalesce(to_char(b.period_from AT TIME ZONE z.tz, 'YYYY-MM-DD'), ''), "           \
	"coalesce(to_char((b.period_to AT TIME ZONE z.tz) - interval '1 microsecond', "    \
	"'YYYY-MM-DD'), ''), to_char(b.created_at AT TIME ZONE z.tz, 'YYYY-MM-DD HH24:MI'), " \
	"coalesce(to_char(b.expires_at AT TIME ZONE z.tz, 'YYYY-MM-DD HH24:MI'), '') "     \
	"FROM backups b LEFT JOIN accounts a ON a.id = b.account_id "                      \
	"CROSS JOIN LATERAL (SELECT coalesce(a.time_zone, 'UTC') AS tz) z "

static const struct db_statement db_backups_sql[DB_BACKUPS__MAX] = {
	[DB_BACKUPS_START] = { "backups_start",
	    "WITH b AS (INSERT INTO backups (account_id, account_code, scope, reason, format, "
	    "period_from, period_to, started_by) "
	    "SELECT a.id, coalesce(a.code, ''), $2, $3, $4, "
	    "($5::date)::timestamp AT TIME ZONE coalesce(a.time_zone, 'UTC'), "
	    "coalesce($7::timestamptz, "
	    "($6::date + 1)::timestamp AT TIME ZONE coalesce(a.time_zone, 'UTC')), $8 "
	    "FROM (SELECT 1) one LEFT JOIN accounts a ON a.id = $1 "
	    "RETURNING id, account_id), "
	    "j AS (INSERT INTO jobs (kind, account_id, payload) "
	    "SELECT 'backup', account_id, jsonb_build_object('backup', id) FROM b WHERE $9) "
	    "SELECT id, CASE WHEN $9 THEN pg_notify('sangdam_jobs', 'job') END FROM b" },
	[DB_BACKUPS_ACTIVE] = { "backups_active",
	    "SELECT count(*) FROM backups WHERE account_id = $1 AND reason = 'member' "
	    "AND status IN ('queued', 'running')" },
	[DB_BACKUPS_LIST] = { "backups_list",
	    BACKUPS_COLUMNS "WHERE b.account_id = $1 AND b.scope = 'account' "
	    "ORDER BY b.created_at DESC, b.id DESC LIMIT 30" },
	[DB_BACKUPS_LIST_OPERATOR] = { "backups_list_operator",
	    BACKUPS_COLUMNS "ORDER BY b.created_at DESC, b.id DESC LIMIT 30" },
	[DB_BACKUPS_GET] = { "backups_get",
	    BACKUPS_COLUMNS "WHERE b.id = $2 AND b.account_id = $1 AND b.scope = 'account'" },
	[DB_BACKUPS_GET_OPERATOR] = { "backups_get_operator",
	    BACKUPS_COLUMNS "WHERE b.id = $1" },
	[DB_BACKUPS_CANCEL] = { "backups_cancel",
	    "UPDATE backups SET status = 'cancelled', finished_at = now() "
	    "WHERE id = $2 AND account_id = $1 AND scope = 'account' "
	    "AND status IN ('queued', 'running')" },
	[DB_BACKUPS_CANCEL_OPERATOR] = { "backups_cancel_operator",
	    "UPDATE backups SET status = 'cancelled', finished_at = now() "
	    "WHERE id = $1 AND status IN ('queued', 'running')" },
	[DB_BACKUPS_BEGIN] = { "backups_begin",
	    "UPDATE backups SET status = 'running', heartbeat_at = now(), done = 0, total = 0, "
	    "error = NULL, finished_at = NULL "
	    "WHERE id = $1 AND status IN ('queued', 'running', 'failed') "
	    "RETURNING id, coalesce(account_id, 0), scope, reason, format, "
	    "period_from::text, period_to::text, "
	    "coalesce((SELECT lang FROM partners WHERE id = started_by), 'ko')" },
	[DB_BACKUPS_PROGRESS] = { "backups_progress",
	    "UPDATE backups SET done = $2, total = $3, heartbeat_at = now() "
	    "WHERE id = $1 AND status = 'running'" },
	[DB_BACKUPS_FINISH] = { "backups_finish",
	    "UPDATE backups SET status = 'ready', file_name = $2, size = $3, done = total, "
	    "finished_at = now(), "
	    "expires_at = CASE WHEN $4::boolean THEN NULL ELSE now() + interval '7 days' END "
	    "WHERE id = $1 AND status = 'running'" },
	[DB_BACKUPS_FAIL] = { "backups_fail",
	    "UPDATE backups SET status = 'failed', error = $2, finished_at = now() "
	    "WHERE id = $1 AND status = 'running'" },
	[DB_BACKUPS_EXPIRE_DUE] = { "backups_expire_due",
	    "UPDATE backups SET status = 'expired' WHERE id IN (SELECT id FROM backups "
	    "WHERE status = 'ready' AND expires_at <= now() ORDER BY expires_at LIMIT 100 "
	    "FOR UPDATE SKIP LOCKED) RETURNING file_name" },
	[DB_BACKUPS_FAIL_STALE] = { "backups_fail_stale",
	    "WITH s AS (UPDATE backups SET status = 'failed', error = 'worker stopped', "
	    "finished_at = now() WHERE status = 'running' "
	    "AND heartbeat_at < now() - interval '2 minutes' RETURNING id), "
	    "j AS (UPDATE jobs SET started_at = NULL, run_at = now() WHERE kind = 'backup' "
	    "AND finished_at IS NULL AND (payload->>'backup')::bigint IN (SELECT id FROM s)) "
	    "SELECT id FROM s" },
	/* Marks up to 20 accounts not looked at for a day as looked at now. */
	[DB_BACKUPS_RETENTION_DUE] = { "backups_retention_due",
	    "WITH due AS (SELECT id FROM accounts WHERE retention_checked_at IS NULL "
	    "OR retention_checked_at < now() - interval '1 day' ORDER BY id LIMIT 20 "
	    "FOR UPDATE SKIP LOCKED) "
	    "UPDATE accounts a SET retention_checked_at = now() FROM due WHERE a.id = due.id "
	    "RETURNING a.id, (now() - make_interval(years => a.retention_years))::text, "
	    "EXISTS (SELECT 1 FROM messages m WHERE m.account_id = a.id "
	    "AND m.created_at < now() - make_interval(years => a.retention_years))" },
	[DB_BACKUPS_RETENTION_DELETE] = { "backups_retention_delete",
	    "SELECT retention_delete($1, $2::timestamptz, $3)" },
	[DB_BACKUPS_DELETION_DUE] = { "backups_deletion_due",
	    "SELECT a.id FROM accounts a WHERE a.delete_after < now() AND NOT EXISTS ("
	    "SELECT 1 FROM backups b WHERE b.account_id = a.id AND b.reason = 'deletion' "
	    "AND b.status = 'ready') ORDER BY a.delete_after LIMIT 20" },
};

const struct db_module db_backups_module = { "backups", db_backups_sql, DB_BACKUPS__MAX };

static const char *db_backups_id_or_null(struct arena *arena, long long id)
{
	return id > 0 ? db_param_int(arena, id) : NULL;
}

int db_backups_start(struct arena *arena, const struct backup_request *request, long long *id)
{
	/* the worker writes retention and deletion backups itself, at once */
	bool queue = strcmp(request->reason, "member") == 0 || strcmp(request->reason, "operator") == 0;
	return DB_RUN_INT(arena, &db_backups_sql[DB_BACKUPS_START], id,
	    db_backups_id_or_null(arena, request->account_id), request->scope, request->reason,
	    request->format, request->from, request->to, request->before,
	    db_backups_id_or_null(arena, request->partner_id), queue ? "t" : "f");
}

static void db_backups_row(const struct db_rows *rows, int i, struct backup *out)
{
	*out = (struct backup) {
		.id = db_int(rows, i, LIST_ID),
		.account_code = db_value(rows, i, LIST_CODE),
		.reason = db_value(rows, i, LIST_REASON),
		.format = db_value(rows, i, LIST_FORMAT),
		.status = db_value(rows, i, LIST_STATUS),
		.done = db_int(rows, i, LIST_DONE),
		.total = db_int(rows, i, LIST_TOTAL),
		.size = db_int(rows, i, LIST_SIZE),
		.file_name = db_value(rows, i, LIST_FILE),
		.period_from = db_value(rows, i, LIST_FROM),
		.period_to = db_value(rows, i, LIST_TO),
		.created = db_value(rows, i, LIST_CREATED),
		.expires = db_value(rows, i, LIST_EXPIRES),
	};
}

int db_backups_active(struct arena *arena, long long account_id, long long *count)
{
	int found = DB_RUN_INT(arena, &db_backups_sql[DB_BACKUPS_ACTIVE], count,
	    db_param_int(arena, account_id));
	return found < 0 ? found : 0;
}

int db_backups_list(struct arena *arena, long long account_id, struct backup **out)
{
	struct db_rows rows;
	int count = account_id > 0
	    ? DB_RUN(arena, &rows, &db_backups_sql[DB_BACKUPS_LIST], db_param_int(arena, account_id))
	    : db_run(arena, &rows, &db_backups_sql[DB_BACKUPS_LIST_OPERATOR], 0, NULL);
	if (count < 0)
		return count;
	struct backup *backups = arena_alloc(arena, ((size_t)count + 1) * sizeof(*backups));
	for (int i = 0; i < count; i++)
		db_backups_row(&rows, i, &backups[i]);
	*out = backups;
	return count;
}

int db_backups_get(struct arena *arena, long long account_id, long long id, struct backup *out)
{
	struct db_rows rows;
	int found = account_id > 0
	    ? DB_RUN(arena, &rows, &db_backups_sql[DB_BACKUPS_GET], db_param_int(arena, account_id),
		db_param_int(arena, id))
	    : DB_RUN(arena, &rows, &db_backups_sql[DB_BACKUPS_GET_OPERATOR], db_param_int(arena, id));
	if (found > 0)
		db_backups_row(&rows, 0, out);
	return found;
}

int db_backups_cancel(struct arena *arena, long long account_id, long long id)
{
	if (account_id > 0)
		return DB_RUN(arena, NULL, &db_backups_sql[DB_BACKUPS_CANCEL],
		    db_param_int(arena, account_id), db_param_int(arena, id));
	return DB_RUN(arena, NULL, &db_backups_sql[DB_BACKUPS_CANCEL_OPERATOR],
	    db_param_int(arena, id));
}

int db_backups_begin(struct arena *arena, long long id, struct backup_job *out)
{
	struct db_rows rows;
	int found = DB_RUN(arena, &rows, &db_backups_sql[DB_BACKUPS_BEGIN], db_param_int(arena, id));
	if (found <= 0)
		return found;
	*out = (struct backup_job) {
		.id = db_int(&rows, 0, BEGIN_ID),
		.account_id = db_int(&rows, 0, BEGIN_ACCOUNT),
		.scope = db_value(&rows, 0, BEGIN_SCOPE),
		.reason = db_value(&rows, 0, BEGIN_REASON),
		.format = db_value(&rows, 0, BEGIN_FORMAT),
		.period_from = db_is_null(&rows, 0, BEGIN_FROM) ? NULL : db_value(&rows, 0, BEGIN_FROM),
		.period_to = db_is_null(&rows, 0, BEGIN_TO) ? NULL : db_value(&rows, 0, BEGIN_TO),
		.lang = db_value(&rows, 0, BEGIN_LANG),
	};
	return 1;
}

int db_backups_progress(struct arena *arena, long long id, long long done, long long total)
{
	return DB_RUN(arena, NULL, &db_backups_sql[DB_BACKUPS_PROGRESS], db_param_int(arena, id),
	    db_param_int(arena, done), db_param_int(arena, total));
}

int db_backups_finish(struct arena *arena, long long id, const char *file_name, long long size,
    bool keep)
{
	return DB_RUN(arena, NULL, &db_backups_sql[DB_BACKUPS_FINISH], db_param_int(arena, id),
	    file_name, db_param_int(arena, size), keep ? "t" : "f");
}

int db_backups_fail(struct arena *arena, long long id, const char *error)
{
	return DB_RUN(arena, NULL, &db_backups_sql[DB_BACKUPS_FAIL], db_param_int(arena, id), error);
}

/* The first column of count rows (count < 0: an error, passed on) as file
 * names in *files, allocated in arena. Returns count. */
static int db_backups_names(struct arena *arena, const struct db_rows *rows, int count,
    const char ***files)
{
	if (count < 0)
		return count;
	const char **names = arena_alloc(arena, ((size_t)count + 1) * sizeof(*names));
	for (int i = 0; i < count; i++)
		names[i] = db_value(rows, i, 0);
	*files = names;
	return count;
}

/* The ids of the rows statement returns (no parameters) in *ids, allocated
 * in arena. Returns how many, or <0. */
static int db_backups_ids(struct arena *arena, enum db_backups_statement statement,
    long long **ids)
{
	struct db_rows rows;
	int count = db_run(arena, &rows, &db_backups_sql[statement], 0, NULL);
	if (count < 0)
		return count;
	long long *found = arena_alloc(arena, ((size_t)count + 1) * sizeof(*found));
	for (int i = 0; i < count; i++)
		found[i] = db_int(&rows, i, 0);
	*ids = found;
	return count;
}

int db_backups_expire_due(struct arena *arena, const char ***files)
{
	struct db_rows rows;
	int count = db_run(arena, &rows, &db_backups_sql[DB_BACKUPS_EXPIRE_DUE], 0, NULL);
	return db_backups_names(arena, &rows, count, files);
}

int db_backups_fail_stale(struct arena *arena, long long **ids)
{
	return db_backups_ids(arena, DB_BACKUPS_FAIL_STALE, ids);
}

int db_backups_retention_due(struct arena *arena, struct retention_due **out)
{
	struct db_rows rows;
	int count = db_run(arena, &rows, &db_backups_sql[DB_BACKUPS_RETENTION_DUE], 0, NULL);
	if (count < 0)
		return count;
	struct retention_due *due = arena_alloc(arena, ((size_t)count + 1) * sizeof(*due));
	for (int i = 0; i < count; i++)
		due[i] = (struct retention_due) {
			.account_id = db_int(&rows, i, DUE_ACCOUNT),
			.before = db_value(&rows, i, DUE_BEFORE),
			.has_old = db_bool(&rows, i, DUE_OLD),
		};
	*out = due;
	return count;
}

int db_backups_retention_delete(struct arena *arena, long long account_id, const char *before,
    long long backup_id, const char ***files)
{
	struct db_rows rows;
	int count = DB_RUN(arena, &rows, &db_backups_sql[DB_BACKUPS_RETENTION_DELETE],
	    db_param_int(arena, account_id), before, db_param_int(arena, backup_id));
	return db_backups_names(arena, &rows, count, files);
}

int db_backups_deletion_due(struct arena *arena, long long **ids)
{
	return db_backups_ids(arena, DB_BACKUPS_DELETION_DUE, ids);
}
