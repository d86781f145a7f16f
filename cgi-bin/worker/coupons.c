/* worker: loading a coupon's codes (COUP-2): generated ones straight into
 * coupon_codes in batches (unique per coupon, a retry goes on where it
 * stopped), uploaded ones into a staging area where SQL looks for
 * duplicates, and into coupon_codes only when every line was good (all or
 * nothing). The coupon is usable once its codes_state is 'ready'. */
#include "jobs.h"
#include "arena.h"
#include "codes.h"
#include "config.h"
#include "db.h"
#include "db_coupon_codes.h"
#include "db_coupons.h"
#include "history.h"
#include "log.h"
#include "upload.h"

#include <stdbool.h>
#include <string.h>

enum {
	BATCH = 10000,      /* codes per statement */
	PROBLEMS_MAX = 100, /* problem lines kept of each kind */
};

/* Marks the coupon ready with total codes, and the history, in one
 * transaction (moving the staged codes first when staged). 0 or -1. */
static int codes_ready(struct arena *arena, const struct coupon *coupon, bool staged)
{
	if (db_begin(arena) != 0)
		return -1;
	long long total = coupon->codes_wanted;
	int moved = staged ? db_coupon_codes_stage_commit(arena, coupon->id) : 0;
	if (staged)
		total = moved;
	if (moved < 0 || db_coupons_ready(arena, coupon->id, total) != 1
	    || history_add_for(arena, coupon->account_id, 0, HISTORY_COUPONS, "codes_ready",
		coupon->title, NULL, arena_printf(arena, "%lld", total)) != 1
	    || db_commit(arena) != 0) {
		db_rollback(arena);
		return -1;
	}
	return 0;
}

/* Makes the codes the coupon still lacks, BATCH at a time. 0 or -1. */
static int codes_generate_all(struct arena *arena, const struct coupon *coupon)
{
	long long have = 0;
	if (db_coupon_codes_count(arena, coupon->id, &have) < 0)
		return -1;
	struct arena *batch = arena_new();
	const char **codes = arena_alloc(arena, BATCH * sizeof(*codes));
	char (*texts)[25] = arena_alloc(arena, BATCH * sizeof(*texts));
	int result = 0;
	while (result == 0 && have < coupon->codes_wanted) {
		long long left = coupon->codes_wanted - have;
		int count = left < BATCH ? (int)left : BATCH;
		for (int i = 0; i < count; i++) {
			codes_generate(texts[i], 12);
			codes[i] = texts[i];
		}
		int added = db_coupon_codes_add(batch, coupon->id, codes, count);
		if (added < 0 || db_coupons_progress(batch, coupon->id, have + added) != 1)
			result = -1;
		else
			have += added;
		arena_reset(batch);
	}
	arena_free(batch);
	return result == 0 ? codes_ready(arena, coupon, false) : -1;
}

/* The staging of an upload: codes gathered into a batch, sent when full. */
struct stage {
	struct arena *arena;
	long long coupon_id;
	long long lines[BATCH];
	const char *codes[BATCH];
	char texts[BATCH][97];  /* 24 code points of up to 4 bytes */
	int count;
	long long staged;
	bool failed;            /* the database failed: retry the job later */
};

static int stage_flush(struct stage *stage)
{
	if (stage->count == 0)
		return 0;
	int sent = db_coupon_codes_stage(stage->arena, stage->coupon_id, stage->lines,
	    stage->codes, stage->count);
	if (sent < 0) {
		stage->failed = true;
		return -1;
	}
	stage->staged += stage->count;
	stage->count = 0;
	int progress = db_coupons_progress(stage->arena, stage->coupon_id, stage->staged);
	arena_reset(stage->arena);
	stage->failed = progress != 1;
	return progress == 1 ? 0 : -1;
}

/* codes_sink: one code of the file into the batch. */
static int stage_code(void *ctx, const char *code, size_t length, long long line)
{
	struct stage *stage = ctx;
	if (length >= sizeof(stage->texts[0]))
		return -1;
	memcpy(stage->texts[stage->count], code, length);
	stage->texts[stage->count][length] = '\0';
	stage->codes[stage->count] = stage->texts[stage->count];
	stage->lines[stage->count] = line;
	return ++stage->count == BATCH ? stage_flush(stage) : 0;
}

/* The word stored for an error of codes_read_file. */
static const char *read_error_word(int error)
{
	switch (error) {
	case CODES_ETYPE:
		return "type";
	case CODES_EBOMB:
		return "bomb";
	case CODES_ETOO_MANY:
		return "too_many";
	default:
		return "unreadable";
	}
}

/* Fails the load in one transaction: no code is kept, the first problem
 * lines are, and the history says so. 0 or -1. */
static int codes_fail(struct arena *arena, const struct coupon *coupon, const char *error,
    const struct codes_report *report, bool duplicates_found)
{
	if (db_begin(arena) != 0)
		return -1;
	long long duplicates = 0;
	int result = duplicates_found ? db_coupon_codes_stage_duplicates(arena, coupon->id,
	    PROBLEMS_MAX, &duplicates) : 0;
	for (int i = 0; result >= 0 && i < report->first_count; i++)
		result = db_coupons_problem_add(arena, coupon->id, report->first[i].line,
		    report->first[i].kind == CODES_TOO_LONG ? "too_long"
		    : report->first[i].kind == CODES_BAD_CHAR ? "bad_char" : "other", 0);
	if (result < 0 || db_coupon_codes_stage_clear(arena, coupon->id) < 0
	    || db_coupons_fail(arena, coupon->id, error, report->bad, duplicates) != 1
	    || history_add_for(arena, coupon->account_id, 0, HISTORY_COUPONS, "codes_failed",
		coupon->title, NULL, error) != 1
	    || db_commit(arena) != 0) {
		db_rollback(arena);
		return -1;
	}
	return 0;
}

/* True when the staged codes repeat a code (counted in SQL). */
static int codes_have_duplicates(struct arena *arena, long long coupon_id)
{
	if (db_begin(arena) != 0)
		return -1;
	long long duplicates = 0;
	/* counted in a transaction that is rolled back: the problems are
	 * recorded by codes_fail, in the transaction that fails the load */
	int result = db_coupon_codes_stage_duplicates(arena, coupon_id, 0, &duplicates);
	db_rollback(arena);
	return result < 0 ? -1 : duplicates > 0;
}

/* Reads the uploaded file into the staging area, then stores all or nothing. */
static int codes_read_all(struct arena *arena, const struct coupon *coupon)
{
	if (coupon->code_file == NULL || !upload_name_valid(coupon->code_file))
		return -1;
	const char *path = arena_printf(arena, "%s/%s", config_str("upload_dir"),
	    coupon->code_file);
	struct stage *stage = arena_alloc(arena, sizeof(*stage));
	*stage = (struct stage) { .arena = arena_new(), .coupon_id = coupon->id };
	struct codes_report report;
	if (db_coupon_codes_stage_clear(arena, coupon->id) < 0)
		return -1;
	int read = codes_read_file(path, stage_code, stage, &report);
	if (read == 0)
		stage_flush(stage);
	arena_free(stage->arena);
	if (stage->failed)
		return -1;
	int result;
	if (read < 0)
		result = codes_fail(arena, coupon, read_error_word(read), &report, false);
	else if (report.bad > 0)
		result = codes_fail(arena, coupon, "problems", &report, true);
	else if (report.codes == 0)
		result = codes_fail(arena, coupon, "empty", &report, false);
	else {
		int duplicates = codes_have_duplicates(arena, coupon->id);
		result = duplicates < 0 ? -1 : duplicates ? codes_fail(arena, coupon, "problems",
		    &report, true) : codes_ready(arena, coupon, true);
	}
	if (result == 0)
		upload_remove(coupon->code_file);
	return result;
}

int coupon_codes_run(struct arena *arena, const char *account_id, const char *payload)
{
	(void)account_id;
	struct coupon coupon;
	int found = db_coupons_of_job(arena, payload, &coupon);
	if (found <= 0)
		return found < 0 ? -1 : 0;
	if (strcmp(coupon.codes_state, "loading") != 0)
		return 0;
	int result = strcmp(coupon.codes_source, "generate") == 0
	    ? codes_generate_all(arena, &coupon) : codes_read_all(arena, &coupon);
	if (result != 0)
		log_error("worker: the codes of coupon %lld did not load; tried again later",
		    coupon.id);
	return result;
}
