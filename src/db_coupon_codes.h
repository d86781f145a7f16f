/* db_coupon_codes: the queries of tables coupon_codes (a coupon's codes,
 * each handed out once, COUP-2, COUP-4) and coupon_code_staging (an
 * upload's codes while duplicates are looked for). */
#ifndef SANGDAM_DB_COUPON_CODES_H
#define SANGDAM_DB_COUPON_CODES_H

#include <stdbool.h>

struct arena;

/* One code of a page of codes. */
struct coupon_code {
	long long id;
	const char *code;
};

/* Adds count generated codes to coupon id, skipping any the coupon has
 * already: the number added, or <0. */
int db_coupon_codes_add(struct arena *arena, long long coupon_id, const char *const *codes,
    int count);

/* The codes coupon id has: 1 with *count, or <0. */
int db_coupon_codes_count(struct arena *arena, long long coupon_id, long long *count);

/* Takes one free code of coupon id for entry_id in one statement (the first
 * free one that no other transaction holds, FOR UPDATE SKIP LOCKED): 1 with
 * *code (arena), 0 none left, <0. */
int db_coupon_codes_take(struct arena *arena, long long coupon_id, long long entry_id,
    const char **code);

/* True (1) when coupon id has a free code, 0 when not, <0. */
int db_coupon_codes_any_free(struct arena *arena, long long coupon_id);

/* Up to max codes of coupon id of account_id with ids above after, in id
 * order (the free ones alone when free_only), into *out: count or <0. */
int db_coupon_codes_page(struct arena *arena, long long account_id, long long coupon_id,
    long long after, bool free_only, int max, struct coupon_code **out);

/* ---- staging of an upload (the worker) ---- */

/* Empties coupon id's staging rows. >=0 or <0. */
int db_coupon_codes_stage_clear(struct arena *arena, long long coupon_id);

/* Stages count codes with their lines. count or <0. */
int db_coupon_codes_stage(struct arena *arena, long long coupon_id, const long long *lines,
    const char *const *codes, int count);

/* Records the first max duplicate lines of the staged codes as problems of
 * coupon id, and sets *duplicates to the number of lines whose code came on
 * an earlier line. 0 or <0. */
int db_coupon_codes_stage_duplicates(struct arena *arena, long long coupon_id, int max,
    long long *duplicates);

/* Moves the staged codes into coupon_codes in line order and empties the
 * staging: the number moved, or <0. */
int db_coupon_codes_stage_commit(struct arena *arena, long long coupon_id);

#endif
