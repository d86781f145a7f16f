/* db_sign_in_failures: the queries of table sign_in_failures (failed
 * sign-ins per normalised email and client address, which throttle further
 * tries, AUTH-5). */
#ifndef SANGDAM_DB_SIGN_IN_FAILURES_H
#define SANGDAM_DB_SIGN_IN_FAILURES_H

struct arena;

/* Takes the transaction-scoped locks of email and of address, in that order,
 * so that tries for either wait for each other. Inside a transaction only.
 * 1, or <0 error. */
int db_sign_in_failures_lock(struct arena *arena, const char *email, const char *address);

/* Records one failure now for email from address when, over the last 15
 * minutes, the pair has fewer than limit failures, fewer than limit distinct
 * addresses failed for email, and address has fewer than limit_address
 * failures (any email). 1 recorded, 0 over a limit (nothing recorded), or
 * <0 error. Atomic only under db_sign_in_failures_lock. */
int db_sign_in_failures_try(struct arena *arena, const char *email, const char *address,
    long long limit, long long limit_address);

/* Forgets every failure of email from address. Rows deleted, or <0 error. */
int db_sign_in_failures_forget(struct arena *arena, const char *email, const char *address);

/* Deletes the failures older than a day. Rows deleted, or <0 error. */
int db_sign_in_failures_delete_old(struct arena *arena);

#endif
