/* db_coupons: coupons, their per-day counters and the problems of a failed
 * code load. */
#include "db_coupons.h"
#include "arena.h"
#include "db.h"
#include "db_modules.h"

enum db_coupons_statement {
	DB_COUPONS_LIST,
	DB_COUPONS_GET,
	DB_COUPONS_COUNT_ACTIVE,
	DB_COUPONS_INSERT,
	DB_COUPONS_UPDATE,
	DB_COUPONS_STOP,
	DB_COUPONS_DAYS,
	DB_COUPONS_PROBLEMS,
	DB_COUPONS_COUNT_DAY,
	DB_COUPONS_OF_JOB,
	DB_COUPONS_PROGRESS,
	DB_COUPONS_READY,
	DB_COUPONS_FAIL,
	DB_COUPONS_PROBLEM_ADD,
	DB_COUPONS__MAX
};

/* Columns of every statement that reads a whole coupon (COUPON_COLUMNS). */
enum {
	COL_ID, COL_ACCOUNT_ID, COL_TITLE, COL_DETAILS, COL_IMAGE_NAME, COL_IMAGE_MIME,
	COL_ENTRY_START, COL_ENTRY_END, COL_USE_BY, COL_PLACE, COL_REDEEM_URL, COL_SHARE,
	COL_PROBABILITY, COL_CODES_SOURCE, COL_CODES_WANTED, COL_CODE_FILE, COL_CODES_STATE,
	COL_CODES_DONE, COL_CODES_TOTAL, COL_CODES_ERROR, COL_PROBLEM_LINES,
	COL_DUPLICATE_LINES, COL_STATUS, COL_ISSUED, COL_CREATED, COL_TIME_ZONE,
};

/* The local day of the coupon's account. */
#define TODAY "(now() AT TIME ZONE a.time_zone)::date"
/* COUP-5: stopped by the partner, else by the dates. */
#define STATUS "CASE WHEN c.stopped_at IS NOT NULL THEN 'stopped' " \
	"WHEN " TODAY " < c.entry_start THEN 'scheduled' " \
	"WHEN " TODAY " > c.entry_end THEN 'ended' ELSE 'running' END"
#define COUPON_COLUMNS \
	"c.id, c.account_id, c.title, c.details, c.image_name, c.image_mime, " \
	"to_char(c.entry_start, 'YYYY-MM-DD'), to_char(c.entry_end, 'YYYY-MM-DD'), " \
	"to_char(c.use_by, 'YYYY-MM-DD'), c.place, c.redeem_url, c.share, c.probability, " \
	"c.codes_source, c.codes_wanted, c.code_file, c.codes_state, c.codes_done, " \
	"c.codes_total, c.codes_error, c.problem_lines, c.duplicate_lines, " STATUS ", " \
	"(SELECT count(*) FROM coupon_entries e WHERE e.coupon_id = c.id AND e.won), " \
	"to_char(c.created_at AT TIME ZONE a.time_zone, 'YYYY-MM-DD HH24:MI'), a.time_zone " \
	"FROM coupons c JOIN accounts a ON a.id = c.account_id "

static const struct db_statement db_coupons_sql[DB_COUPONS__MAX] = {
	[DB_COUPONS_LIST] = { "coupons_list",
	    "SELECT " COUPON_COLUMNS "WHERE c.account_id = $1 "
	    "AND ($2 = '' OR " STATUS " = $2) "
	    "AND ($3 = '' OR (c.created_at AT TIME ZONE a.time_zone)::date >= nullif($3, '')::date) "
	    "AND ($4 = '' OR (c.created_at AT TIME ZONE a.time_zone)::date <= nullif($4, '')::date) "
	    "AND ($5 = '' OR strpos(lower(c.title), lower($5)) > 0) "
	    "AND ($7::bigint = 0 OR (c.created_at, c.id) < (SELECT k.created_at, k.id "
	    "FROM coupons k WHERE k.account_id = $1 AND k.id = $7::bigint)) "
	    "ORDER BY c.created_at DESC, c.id DESC LIMIT $6" },
	[DB_COUPONS_GET] = { "coupons_get",
	    "SELECT " COUPON_COLUMNS "WHERE c.account_id = $1 AND c.id = $2" },
	[DB_COUPONS_COUNT_ACTIVE] = { "coupons_count_active",
	    "SELECT count(*) FROM coupons c JOIN accounts a ON a.id = c.account_id "
	    "WHERE c.account_id = $1 AND c.stopped_at IS NULL AND c.codes_state <> 'failed' "
	    "AND c.entry_end >= " TODAY },
	[DB_COUPONS_INSERT] = { "coupons_insert",
	    "WITH c AS (INSERT INTO coupons (account_id, title, details, image_name, image_mime, "
	    "entry_start, entry_end, use_by, place, redeem_url, share, probability, codes_source, "
	    "codes_wanted, code_file) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, "
	    "$13, $14, $15) RETURNING id), "
	    "j AS (INSERT INTO jobs (kind, account_id, payload) "
	    "SELECT 'coupon_codes', $1, jsonb_build_object('coupon', id) FROM c) "
	    "SELECT c.id FROM c, (SELECT pg_notify('sangdam_jobs', 'coupon_codes')) n" },
	[DB_COUPONS_UPDATE] = { "coupons_update",
	    "UPDATE coupons c SET title = $3, details = $4, share = $5, probability = $6, "
	    "entry_start = $7, entry_end = $8, use_by = $9, "
	    "redeem_url = CASE WHEN c.place = 'online' THEN $10 ELSE '' END, "
	    "image_name = CASE WHEN $11 THEN $12 ELSE c.image_name END, "
	    "image_mime = CASE WHEN $11 THEN $13 ELSE c.image_mime END "
	    "FROM coupons old WHERE old.id = c.id AND c.account_id = $1 AND c.id = $2 "
	    "RETURNING CASE WHEN $11 THEN old.image_name END" },
	[DB_COUPONS_STOP] = { "coupons_stop",
	    "UPDATE coupons SET stopped_at = now() "
	    "WHERE account_id = $1 AND id = $2 AND stopped_at IS NULL" },
	[DB_COUPONS_DAYS] = { "coupons_days",
	    "WITH c AS (SELECT c.id, a.time_zone FROM coupons c JOIN accounts a "
	    "ON a.id = c.account_id WHERE c.account_id = $1 AND c.id = $2), "
	    "e AS (SELECT (e.created_at AT TIME ZONE c.time_zone)::date AS day, count(*) AS n, "
	    "count(*) FILTER (WHERE e.won) AS wins FROM coupon_entries e JOIN c "
	    "ON c.id = e.coupon_id GROUP BY 1), "
	    "d AS (SELECT d.day, d.views, d.shares FROM coupon_days d JOIN c ON c.id = d.coupon_id) "
	    "SELECT to_char(coalesce(d.day, e.day), 'YYYY-MM-DD'), coalesce(d.views, 0), "
	    "coalesce(e.n, 0), coalesce(e.wins, 0), coalesce(d.shares, 0) "
	    "FROM d FULL JOIN e ON e.day = d.day ORDER BY 1 DESC LIMIT 400" },
	[DB_COUPONS_PROBLEMS] = { "coupons_problems",
	    "SELECT p.line, p.kind, coalesce(p.duplicate_of, 0) FROM coupon_code_problems p "
	    "JOIN coupons c ON c.id = p.coupon_id WHERE c.account_id = $1 AND c.id = $2 "
	    "ORDER BY p.line LIMIT 100" },
	[DB_COUPONS_COUNT_DAY] = { "coupons_count_day",
	    "INSERT INTO coupon_days (coupon_id, day, views, shares) "
	    "SELECT c.id, " TODAY ", CASE WHEN $3 THEN 0 ELSE 1 END, CASE WHEN $3 THEN 1 ELSE 0 END "
	    "FROM coupons c JOIN accounts a ON a.id = c.account_id "
	    "WHERE c.account_id = $1 AND c.id = $2 "
	    "ON CONFLICT (coupon_id, day) DO UPDATE SET views = coupon_days.views + EXCLUDED.views, "
	    "shares = coupon_days.shares + EXCLUDED.shares" },
	[DB_COUPONS_OF_JOB] = { "coupons_of_job",
	    "SELECT " COUPON_COLUMNS "WHERE c.id = ($1::jsonb ->> 'coupon')::bigint" },
	[DB_COUPONS_PROGRESS] = { "coupons_progress",
	    "UPDATE coupons SET codes_done = $2 WHERE id = $1" },
	[DB_COUPONS_READY] = { "coupons_ready",
	    "UPDATE coupons SET codes_state = 'ready', codes_done = $2, codes_total = $2, "
	    "code_file = NULL WHERE id = $1" },
	[DB_COUPONS_FAIL] = { "coupons_fail",
	    "UPDATE coupons SET codes_state = 'failed', codes_error = $2, problem_lines = $3, "
	    "duplicate_lines = $4, code_file = NULL WHERE id = $1" },
	[DB_COUPONS_PROBLEM_ADD] = { "coupons_problem_add",
	    "INSERT INTO coupon_code_problems (coupon_id, line, kind, duplicate_of) "
	    "VALUES ($1, $2, $3, nullif($4::bigint, 0))" },
};

const struct db_module db_coupons_module = { "coupons", db_coupons_sql, DB_COUPONS__MAX };

static const char *nullable(const struct db_rows *rows, int row, int column)
{
	return db_is_null(rows, row, column) ? NULL : db_value(rows, row, column);
}

static void coupon_from(const struct db_rows *rows, int i, struct coupon *out)
{
	*out = (struct coupon) {
		.id = db_int(rows, i, COL_ID),
		.account_id = db_int(rows, i, COL_ACCOUNT_ID),
		.title = db_value(rows, i, COL_TITLE),
		.details = db_value(rows, i, COL_DETAILS),
		.image_name = nullable(rows, i, COL_IMAGE_NAME),
		.image_mime = nullable(rows, i, COL_IMAGE_MIME),
		.entry_start = db_value(rows, i, COL_ENTRY_START),
		.entry_end = db_value(rows, i, COL_ENTRY_END),
		.use_by = db_value(rows, i, COL_USE_BY),
		.place = db_value(rows, i, COL_PLACE),
		.redeem_url = db_value(rows, i, COL_REDEEM_URL),
		.share = db_bool(rows, i, COL_SHARE),
		.probability = db_int(rows, i, COL_PROBABILITY),
		.codes_source = db_value(rows, i, COL_CODES_SOURCE),
		.codes_wanted = db_int(rows, i, COL_CODES_WANTED),
		.code_file = nullable(rows, i, COL_CODE_FILE),
		.codes_state = db_value(rows, i, COL_CODES_STATE),
		.codes_done = db_int(rows, i, COL_CODES_DONE),
		.codes_total = db_int(rows, i, COL_CODES_TOTAL),
		.codes_error = db_value(rows, i, COL_CODES_ERROR),
		.problem_lines = db_int(rows, i, COL_PROBLEM_LINES),
		.duplicate_lines = db_int(rows, i, COL_DUPLICATE_LINES),
		.status = db_value(rows, i, COL_STATUS),
		.issued = db_int(rows, i, COL_ISSUED),
		.created = db_value(rows, i, COL_CREATED),
		.time_zone = db_value(rows, i, COL_TIME_ZONE),
	};
}

int db_coupons_list(struct arena *arena, long long account_id, const struct coupon_filter *filter,
    int max, struct coupon **out)
{
	struct db_rows rows;
	int count = DB_RUN(arena, &rows, &db_coupons_sql[DB_COUPONS_LIST],
	    db_param_int(arena, account_id), filter->status, filter->from, filter->to,
	    filter->query, db_param_int(arena, max), db_param_int(arena, filter->after));
	if (count < 0)
		return count;
	struct coupon *coupons = arena_alloc(arena, ((size_t)count + 1) * sizeof(*coupons));
	for (int i = 0; i < count; i++)
		coupon_from(&rows, i, &coupons[i]);
	*out = coupons;
	return count;
}

int db_coupons_get(struct arena *arena, long long account_id, long long id, struct coupon *out)
{
	struct db_rows rows;
	int found = DB_RUN(arena, &rows, &db_coupons_sql[DB_COUPONS_GET],
	    db_param_int(arena, account_id), db_param_int(arena, id));
	if (found > 0)
		coupon_from(&rows, 0, out);
	return found;
}

int db_coupons_count_active(struct arena *arena, long long account_id, long long *count)
{
	int found = DB_RUN_INT(arena, &db_coupons_sql[DB_COUPONS_COUNT_ACTIVE], count,
	    db_param_int(arena, account_id));
	return found < 0 ? found : 0;
}

int db_coupons_insert(struct arena *arena, const struct coupon *coupon, long long *id)
{
	return DB_RUN_INT(arena, &db_coupons_sql[DB_COUPONS_INSERT], id,
	    db_param_int(arena, coupon->account_id), coupon->title, coupon->details,
	    coupon->image_name, coupon->image_mime, coupon->entry_start, coupon->entry_end,
	    coupon->use_by, coupon->place, coupon->redeem_url, db_param_bool(coupon->share),
	    db_param_int(arena, coupon->probability), coupon->codes_source,
	    db_param_int(arena, coupon->codes_wanted), coupon->code_file);
}

int db_coupons_update(struct arena *arena, const struct coupon *coupon, bool set_image,
    const char **old_image)
{
	struct db_rows rows;
	int changed = DB_RUN(arena, &rows, &db_coupons_sql[DB_COUPONS_UPDATE],
	    db_param_int(arena, coupon->account_id), db_param_int(arena, coupon->id),
	    coupon->title, coupon->details, db_param_bool(coupon->share),
	    db_param_int(arena, coupon->probability), coupon->entry_start, coupon->entry_end,
	    coupon->use_by, coupon->redeem_url, db_param_bool(set_image), coupon->image_name,
	    coupon->image_mime);
	*old_image = changed > 0 ? nullable(&rows, 0, 0) : NULL;
	return changed;
}

int db_coupons_stop(struct arena *arena, long long account_id, long long id)
{
	return DB_RUN(arena, NULL, &db_coupons_sql[DB_COUPONS_STOP],
	    db_param_int(arena, account_id), db_param_int(arena, id));
}

int db_coupons_days(struct arena *arena, long long account_id, long long id,
    struct coupon_day **out)
{
	struct db_rows rows;
	int count = DB_RUN(arena, &rows, &db_coupons_sql[DB_COUPONS_DAYS],
	    db_param_int(arena, account_id), db_param_int(arena, id));
	if (count < 0)
		return count;
	struct coupon_day *days = arena_alloc(arena, ((size_t)count + 1) * sizeof(*days));
	for (int i = 0; i < count; i++)
		days[i] = (struct coupon_day) {
			.day = db_value(&rows, i, 0),
			.views = db_int(&rows, i, 1),
			.entries = db_int(&rows, i, 2),
			.wins = db_int(&rows, i, 3),
			.shares = db_int(&rows, i, 4),
		};
	*out = days;
	return count;
}

int db_coupons_problems(struct arena *arena, long long account_id, long long id,
    struct coupon_problem **out)
{
	struct db_rows rows;
	int count = DB_RUN(arena, &rows, &db_coupons_sql[DB_COUPONS_PROBLEMS],
	    db_param_int(arena, account_id), db_param_int(arena, id));
	if (count < 0)
		return count;
	struct coupon_problem *problems = arena_alloc(arena,
	    ((size_t)count + 1) * sizeof(*problems));
	for (int i = 0; i < count; i++)
		problems[i] = (struct coupon_problem) {
			.line = db_int(&rows, i, 0),
			.kind = db_value(&rows, i, 1),
			.duplicate_of = db_int(&rows, i, 2),
		};
	*out = problems;
	return count;
}

int db_coupons_count_day(struct arena *arena, long long account_id, long long id, bool share)
{
	return DB_RUN(arena, NULL, &db_coupons_sql[DB_COUPONS_COUNT_DAY],
	    db_param_int(arena, account_id), db_param_int(arena, id), db_param_bool(share));
}

int db_coupons_of_job(struct arena *arena, const char *payload, struct coupon *out)
{
	struct db_rows rows;
	int found = DB_RUN(arena, &rows, &db_coupons_sql[DB_COUPONS_OF_JOB], payload);
	if (found > 0)
		coupon_from(&rows, 0, out);
	return found;
}

int db_coupons_progress(struct arena *arena, long long id, long long done)
{
	return DB_RUN(arena, NULL, &db_coupons_sql[DB_COUPONS_PROGRESS], db_param_int(arena, id),
	    db_param_int(arena, done));
}

int db_coupons_ready(struct arena *arena, long long id, long long total)
{
	return DB_RUN(arena, NULL, &db_coupons_sql[DB_COUPONS_READY], db_param_int(arena, id),
	    db_param_int(arena, total));
}

int db_coupons_fail(struct arena *arena, long long id, const char *error, long long bad,
    long long duplicates)
{
	return DB_RUN(arena, NULL, &db_coupons_sql[DB_COUPONS_FAIL], db_param_int(arena, id),
	    error, db_param_int(arena, bad), db_param_int(arena, duplicates));
}

int db_coupons_problem_add(struct arena *arena, long long id, long long line, const char *kind,
    long long duplicate_of)
{
	return DB_RUN(arena, NULL, &db_coupons_sql[DB_COUPONS_PROBLEM_ADD], db_param_int(arena, id),
	    db_param_int(arena, line), kind, db_param_int(arena, duplicate_of));
}
