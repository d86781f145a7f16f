/* db_account_reviews: the queries of table account_reviews (the history of an
 * account's review: submitted, approved, rejected, ACC-3). */
#ifndef SANGDAM_DB_ACCOUNT_REVIEWS_H
#define SANGDAM_DB_ACCOUNT_REVIEWS_H

struct arena;

/* One entry of an account's review history. */
struct account_review {
	const char *action; /* submitted, approved, rejected */
	const char *reason; /* "" for none, "auto" for an automatic approval */
	const char *at;     /* "YYYY-MM-DD HH:MI" in the account's time zone */
};

/* Records action ("submitted", "approved", "rejected") on account_id with
 * reason ("" for none, at most 500 code points) by operator_id (0: nobody).
 * 1, or <0 error. */
int db_account_reviews_insert(struct arena *arena, long long account_id, const char *action,
    const char *reason, long long operator_id);

/* The history of account_id, newest first, times in time_zone (IANA): the
 * count and *out (arena array), or <0 error. */
int db_account_reviews_list(struct arena *arena, long long account_id, const char *time_zone,
    struct account_review **out);

#endif
