/* db_coupons: the queries of table coupons (COUP-1, 3, 5..8), of the per-day
 * views and shares (coupon_days) and of the problems of a failed code load
 * (coupon_code_problems). Every query a program makes carries the account id. */
#ifndef SANGDAM_DB_COUPONS_H
#define SANGDAM_DB_COUPONS_H

#include <stdbool.h>

struct arena;

/* One coupon; strings in the arena. Dates are YYYY-MM-DD, local to the
 * account's time zone. */
struct coupon {
	long long id;
	long long account_id;
	const char *title;        /* 1..30 code points */
	const char *details;      /* 0..600 */
	const char *image_name;   /* stored name (upload.h), or NULL */
	const char *image_mime;
	const char *entry_start;
	const char *entry_end;
	const char *use_by;       /* after entry_end */
	const char *place;        /* "online" or "offline" */
	const char *redeem_url;   /* http(s) URL when online, else "" */
	bool share;
	long long probability;    /* 1e-7 percent: 1..1,000,000,000 (COUP-3) */
	const char *codes_source; /* "generate" or "upload" */
	long long codes_wanted;   /* generate: 1..3,000,000 */
	const char *code_file;    /* upload: the stored file until it is read, else NULL */
	/* Read only (set by the worker, the stop and the clock). */
	const char *codes_state;  /* loading, ready, failed */
	long long codes_done;     /* codes read or made so far */
	long long codes_total;    /* codes stored once ready */
	const char *codes_error;  /* "" or a short word: too_many, type, bomb, unreadable, problems */
	long long problem_lines;  /* bad lines of a failed upload */
	long long duplicate_lines;
	const char *status;       /* scheduled, running, ended, stopped (COUP-5) */
	long long issued;         /* codes handed out */
	const char *created;      /* YYYY-MM-DD HH:MM local */
	const char *time_zone;    /* the account's */
};

/* The list's filter (COUP-6): status "" for all; from and to "" or dates of
 * registration; query "" or text searched in titles. */
struct coupon_filter {
	const char *status;
	const char *from;
	const char *to;
	const char *query;
	long long after; /* keyset paging: only coupons listed after this one; 0 none */
};

/* One day of a coupon's statistics (COUP-7). */
struct coupon_day {
	const char *day;
	long long views, entries, wins, shares;
};

/* A problem line of a failed upload. */
struct coupon_problem {
	long long line;
	const char *kind;       /* too_long, bad_char, duplicate, other */
	long long duplicate_of; /* the earlier line of a duplicate, else 0 */
};

/* Lists up to max coupons of account_id matching filter, newest first
 * (created, then id), after filter->after when it is not 0 (keyset: an id of
 * another account or unknown lists none), into *out (arena): the count or <0. */
int db_coupons_list(struct arena *arena, long long account_id, const struct coupon_filter *filter,
    int max, struct coupon **out);

/* Coupon id of account_id into out: 1, 0 none, <0 error. */
int db_coupons_get(struct arena *arena, long long account_id, long long id, struct coupon *out);

/* Scheduled or running coupons of account_id whose codes did not fail
 * (COUP-5): the count (in *count) ; 0 or <0. */
int db_coupons_count_active(struct arena *arena, long long account_id, long long *count);

/* Creates coupon (account_id, the fields of COUP-1..3) with its codes
 * loading, and queues the worker's job "coupon_codes" for it (NOTIFY
 * sangdam_jobs at commit). Sets *id. 1 or <0. */
int db_coupons_insert(struct arena *arena, const struct coupon *coupon, long long *id);

/* Saves what COUP-8 lets change (share, image when set_image, title,
 * details, entry_start, entry_end, use_by, probability, redeem_url) of
 * coupon->id; *old_image gets the replaced image (NULL: none). Rows
 * changed, or <0 (DB_CHECK_VIOLATION when the dates do not fit). */
int db_coupons_update(struct arena *arena, const struct coupon *coupon, bool set_image,
    const char **old_image);

/* Stops coupon id now (즉시 종료): 1 stopped, 0 none or stopped already, <0. */
int db_coupons_stop(struct arena *arena, long long account_id, long long id);

/* The per-day statistics of coupon id, newest day first, up to 400 days,
 * into *out (arena): the count or <0. */
int db_coupons_days(struct arena *arena, long long account_id, long long id,
    struct coupon_day **out);

/* The first 100 problems of coupon id's failed load, by line: count or <0. */
int db_coupons_problems(struct arena *arena, long long account_id, long long id,
    struct coupon_problem **out);

/* Adds one page view (or one share when share) to today's row of coupon id
 * of account_id: 1, or <0. */
int db_coupons_count_day(struct arena *arena, long long account_id, long long id, bool share);

/* ---- for the worker ---- */

/* The coupon of a "coupon_codes" job's payload ({"coupon": ID}) into out:
 * 1, 0 gone, <0. */
int db_coupons_of_job(struct arena *arena, const char *payload, struct coupon *out);

/* Records progress: codes read or made so far (for the progress bar). 1, <0. */
int db_coupons_progress(struct arena *arena, long long id, long long done);

/* Marks the codes of coupon id loaded (total of them): usable from now. */
int db_coupons_ready(struct arena *arena, long long id, long long total);

/* Marks the load failed with error (a short word), the counts of bad and
 * duplicate lines, and forgets the code file. 1 or <0. */
int db_coupons_fail(struct arena *arena, long long id, const char *error, long long bad,
    long long duplicates);

/* Records one problem line of coupon id. 1 or <0. */
int db_coupons_problem_add(struct arena *arena, long long id, long long line, const char *kind,
    long long duplicate_of);

#endif
