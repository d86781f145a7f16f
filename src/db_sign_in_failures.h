/* db_sign_in_failures: the queries of table sign_in_failures (failed
 * sign-ins per normalised email and client address, which throttle further
 * tries, AUTH-5). */
#ifndef SANGDAM_DB_SIGN_IN_FAILURES_H
#define SANGDAM_DB_SIGN_IN_FAILURES_H

#include <stdbool.h>

struct arena;

/* Takes the transaction-scoped locks of email and of address, in that order,
 * so that tries for either wait for each other. Inside a transaction only.
 * 1, or <0 error. */
int db_sign_in_failures_lock(struct arena *arena, const char *email, const char *address);

/* The limits of db_sign_in_failures_try: failures of one pair and distinct
 * addresses failed for one email (pair), failures from one address for any
 * emails (address), and whether the email's limit is lifted for this try
 * (trusted: a browser unlocked by mail). */
struct sign_in_limits {
	long long pair;
	long long address;
	bool trusted;
};

/* Records one failure now for email from address when, over the last 15
 * minutes, the pair has fewer than limits->pair failures, fewer than
 * limits->pair distinct addresses failed for email (unless limits->trusted),
 * and address has fewer than limits->address failures (any email). 1
 * recorded; 0 over a limit (nothing recorded), with *email_only set when
 * only the email's distinct addresses were over; or <0 error. Atomic only
 * under db_sign_in_failures_lock. */
int db_sign_in_failures_try(struct arena *arena, const char *email, const char *address,
    const struct sign_in_limits *limits, bool *email_only);

/* Forgets every failure of email from address. Rows deleted, or <0 error. */
int db_sign_in_failures_forget(struct arena *arena, const char *email, const char *address);

/* Deletes the failures older than a day. Rows deleted, or <0 error. */
int db_sign_in_failures_delete_old(struct arena *arena);

#endif
