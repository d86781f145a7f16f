/* db_coupon_codes: a coupon's codes, handed out once each, and the staging
 * of an upload's codes. Batches travel as array parameters: one statement
 * per batch of thousands of rows. */
#include "db_coupon_codes.h"
#include "arena.h"
#include "db.h"
#include "db_modules.h"

enum db_coupon_codes_statement {
	DB_COUPON_CODES_ADD,
	DB_COUPON_CODES_COUNT,
	DB_COUPON_CODES_TAKE,
	DB_COUPON_CODES_ANY_FREE,
	DB_COUPON_CODES_PAGE,
	DB_COUPON_CODES_STAGE_CLEAR,
	DB_COUPON_CODES_STAGE,
	DB_COUPON_CODES_STAGE_DUPLICATES,
	DB_COUPON_CODES_STAGE_COMMIT,
	DB_COUPON_CODES__MAX
};

static const struct db_statement db_coupon_codes_sql[DB_COUPON_CODES__MAX] = {
	[DB_COUPON_CODES_ADD] = { "coupon_codes_add",
	    "INSERT INTO coupon_codes (coupon_id, code) SELECT $1, unnest($2::text[]) "
	    "ON CONFLICT (coupon_id, code) DO NOTHING" },
	[DB_COUPON_CODES_COUNT] = { "coupon_codes_count",
	    "SELECT count(*) FROM coupon_codes WHERE coupon_id = $1" },
	/* The one statement that hands a code out (DESIGN.md section 6): a free
	 * code no other transaction holds, marked taken at once; the unique
	 * entry_id refuses a second code for the same entry. */
	[DB_COUPON_CODES_TAKE] = { "coupon_codes_take",
	    "UPDATE coupon_codes k SET entry_id = $2, taken_at = now() WHERE k.id = ("
	    "SELECT f.id FROM coupon_codes f WHERE f.coupon_id = $1 AND f.taken_at IS NULL "
	    "ORDER BY f.id LIMIT 1 FOR UPDATE SKIP LOCKED) RETURNING k.code" },
	[DB_COUPON_CODES_ANY_FREE] = { "coupon_codes_any_free",
	    "SELECT count(*) FROM (SELECT 1 FROM coupon_codes WHERE coupon_id = $1 "
	    "AND taken_at IS NULL LIMIT 1) f" },
	[DB_COUPON_CODES_PAGE] = { "coupon_codes_page",
	    "SELECT k.id, k.code FROM coupon_codes k JOIN coupons c ON c.id = k.coupon_id "
	    "WHERE c.account_id = $1 AND k.coupon_id = $2 AND k.id > $3 "
	    "AND (NOT $4 OR k.taken_at IS NULL) ORDER BY k.id LIMIT $5" },
	[DB_COUPON_CODES_STAGE_CLEAR] = { "coupon_codes_stage_clear",
	    "DELETE FROM coupon_code_staging WHERE coupon_id = $1" },
	[DB_COUPON_CODES_STAGE] = { "coupon_codes_stage",
	    "INSERT INTO coupon_code_staging (coupon_id, line, code) "
	    "SELECT $1, unnest($2::bigint[]), unnest($3::text[])" },
	/* Every line whose code came on an earlier line: the first $2 become
	 * problems (with that earlier line), and the count is returned. */
	[DB_COUPON_CODES_STAGE_DUPLICATES] = { "coupon_codes_stage_duplicates",
	    "WITH d AS (SELECT line, first FROM (SELECT line, "
	    "min(line) OVER (PARTITION BY code) AS first FROM coupon_code_staging "
	    "WHERE coupon_id = $1) s WHERE line <> first), "
	    "p AS (INSERT INTO coupon_code_problems (coupon_id, line, kind, duplicate_of) "
	    "SELECT $1, line, 'duplicate', first FROM d ORDER BY line LIMIT $2) "
	    "SELECT count(*) FROM d" },
	[DB_COUPON_CODES_STAGE_COMMIT] = { "coupon_codes_stage_commit",
	    "WITH s AS (DELETE FROM coupon_code_staging WHERE coupon_id = $1 RETURNING line, code) "
	    "INSERT INTO coupon_codes (coupon_id, code) SELECT $1, code FROM s ORDER BY line" },
};

const struct db_module db_coupon_codes_module = { "coupon_codes", db_coupon_codes_sql,
	DB_COUPON_CODES__MAX };

/* count texts as a PostgreSQL array literal, each element quoted. */
static const char *text_array(struct arena *arena, const char *const *texts, int count)
{
	struct strbuf out;
	strbuf_init(&out, arena);
	strbuf_puts(&out, "{");
	for (int i = 0; i < count; i++) {
		strbuf_puts(&out, i > 0 ? ",\"" : "\"");
		for (const char *p = texts[i]; *p != '\0'; p++) {
			if (*p == '"' || *p == '\\')
				strbuf_append(&out, "\\", 1);
			strbuf_append(&out, p, 1);
		}
		strbuf_puts(&out, "\"");
	}
	strbuf_puts(&out, "}");
	return strbuf_text(&out);
}

int db_coupon_codes_add(struct arena *arena, long long coupon_id, const char *const *codes,
    int count)
{
	return DB_RUN(arena, NULL, &db_coupon_codes_sql[DB_COUPON_CODES_ADD],
	    db_param_int(arena, coupon_id), text_array(arena, codes, count));
}

int db_coupon_codes_count(struct arena *arena, long long coupon_id, long long *count)
{
	return DB_RUN_INT(arena, &db_coupon_codes_sql[DB_COUPON_CODES_COUNT], count,
	    db_param_int(arena, coupon_id));
}

int db_coupon_codes_take(struct arena *arena, long long coupon_id, long long entry_id,
    const char **code)
{
	struct db_rows rows;
	int taken = DB_RUN(arena, &rows, &db_coupon_codes_sql[DB_COUPON_CODES_TAKE],
	    db_param_int(arena, coupon_id), db_param_int(arena, entry_id));
	if (taken > 0)
		*code = db_value(&rows, 0, 0);
	return taken;
}

int db_coupon_codes_any_free(struct arena *arena, long long coupon_id)
{
	long long count = 0;
	int found = DB_RUN_INT(arena, &db_coupon_codes_sql[DB_COUPON_CODES_ANY_FREE], &count,
	    db_param_int(arena, coupon_id));
	return found < 0 ? found : count > 0;
}

int db_coupon_codes_page(struct arena *arena, long long account_id, long long coupon_id,
    long long after, bool free_only, int max, struct coupon_code **out)
{
	struct db_rows rows;
	int count = DB_RUN(arena, &rows, &db_coupon_codes_sql[DB_COUPON_CODES_PAGE],
	    db_param_int(arena, account_id), db_param_int(arena, coupon_id),
	    db_param_int(arena, after), db_param_bool(free_only), db_param_int(arena, max));
	if (count < 0)
		return count;
	struct coupon_code *codes = arena_alloc(arena, ((size_t)count + 1) * sizeof(*codes));
	for (int i = 0; i < count; i++)
		codes[i] = (struct coupon_code) { db_int(&rows, i, 0), db_value(&rows, i, 1) };
	*out = codes;
	return count;
}

int db_coupon_codes_stage_clear(struct arena *arena, long long coupon_id)
{
	return DB_RUN(arena, NULL, &db_coupon_codes_sql[DB_COUPON_CODES_STAGE_CLEAR],
	    db_param_int(arena, coupon_id));
}

int db_coupon_codes_stage(struct arena *arena, long long coupon_id, const long long *lines,
    const char *const *codes, int count)
{
	return DB_RUN(arena, NULL, &db_coupon_codes_sql[DB_COUPON_CODES_STAGE],
	    db_param_int(arena, coupon_id), db_param_ids(arena, lines, (size_t)count),
	    text_array(arena, codes, count));
}

int db_coupon_codes_stage_duplicates(struct arena *arena, long long coupon_id, int max,
    long long *duplicates)
{
	int found = DB_RUN_INT(arena, &db_coupon_codes_sql[DB_COUPON_CODES_STAGE_DUPLICATES],
	    duplicates, db_param_int(arena, coupon_id), db_param_int(arena, max));
	return found < 0 ? found : 0;
}

int db_coupon_codes_stage_commit(struct arena *arena, long long coupon_id)
{
	return DB_RUN(arena, NULL, &db_coupon_codes_sql[DB_COUPON_CODES_STAGE_COMMIT],
	    db_param_int(arena, coupon_id));
}
