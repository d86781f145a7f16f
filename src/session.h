/* session: who is signed in. The browser holds a random 256-bit token; the
 * database holds only its hash, with idle and absolute expiry. */
#ifndef SANGDAM_SESSION_H
#define SANGDAM_SESSION_H

#include <stdbool.h>

struct request;

struct session {
	long long id;
	const char *token_hash;  /* of the cookie's token: what CSRF tokens are bound to */
	long long partner_id;
	const char *partner_name;
	const char *partner_email;
	const char *lang;
	bool is_operator;
	int quiet_start;         /* quiet time (HOURS-6): minutes 0..1435, -1 when none */
	int quiet_end;           /* minutes 0..1440 (before start: past midnight), -1 when none */
	bool totp_on;            /* the partner's second factor is on (AUTH-6) */
	long long totp_age;      /* seconds since this session passed it; -1 never */
	long long notices_unread; /* unread notifications (LOG-3), 0..100 */
	bool desktop_notify;     /* the partner has desktop notifications on */
	long long unread_account; /* unread messages (CHAT-10) of the request's account (0:
				   * none), as the request began */
	long long unread_all;    /* and of all the partner's accounts */
	bool touch_due;          /* its last-seen time is a minute old (session_load) */
};

/* A page's statements that need only its account, the account's time zone
 * and the request's address (a route's prefetch, route.h): puts at most
 * SESSION_PREFETCH_MAX queries into queries and returns their count. */
enum { SESSION_PREFETCH_MAX = 8 };
struct db_query;
typedef int (*session_prefetch)(struct request *req, long long account_id,
    const char *time_zone, struct db_query *queries);

/* Loads req->session from the cookie when it names a live session and, when
 * code is not NULL, req->account when the partner is a member of the
 * account with that code (else req->account stays NULL: the caller answers
 * 404, the same as for a missing account). Both are owned by the request.
 * Returns 1 signed in, 0 not, DB_ERROR on failure. Also refreshes the
 * last-seen time when it is a minute old, in a round trip of its own.
 *
 * With prefetch (NULL: none) and code, when this worker has seen the
 * account of code and this session live before (kept per process), the
 * page's statements go in the session's round trip (issue 8: a round trip
 * costs the database more CPU than the small statements in it). They run
 * before the membership is known; their results are kept for the handler
 * (req->prefetched) only when all of them ran and the partner is a member
 * of that same account with that same time zone, and are dropped
 * otherwise. */
int session_load(struct request *req, const char *code, session_prefetch prefetch);

/* Starts a session for partner_id, ending the request's current one (the
 * token rotates at every sign-in), and sets the cookie. The User-Agent is
 * kept with it; the partner's oldest sessions beyond config
 * session_max_count end (AUTH-9). 0 or DB_ERROR. */
int session_start(struct request *req, long long partner_id);

/* Ends the request's session on the server and clears the cookie. */
int session_end(struct request *req);

/* Ends every session of partner_id but the request's own (when keep_current). */
int session_end_others(struct request *req, long long partner_id, bool keep_current);

#endif
