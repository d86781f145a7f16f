/* db_sign_in_failures: the queries of table sign_in_failures (failed
 * sign-ins per key, which throttle further tries, AUTH-3). */
#ifndef SANGDAM_DB_SIGN_IN_FAILURES_H
#define SANGDAM_DB_SIGN_IN_FAILURES_H

struct arena;

/* Counts the failures of the last 15 minutes under key_a and under key_b
 * into *count_a and *count_b. 1, or <0 error. */
int db_sign_in_failures_count(struct arena *arena, const char *key_a, const char *key_b,
    long long *count_a, long long *count_b);

/* Records one failure now under each of key_a and key_b. 2, or <0 error. */
int db_sign_in_failures_insert(struct arena *arena, const char *key_a, const char *key_b);

/* Deletes the failures older than a day. Rows deleted, or <0 error. */
int db_sign_in_failures_delete_old(struct arena *arena);

#endif
