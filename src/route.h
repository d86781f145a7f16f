/* route: the route table of a program and dispatch, with sign-in, role and
 * CSRF checks made here once for every route. */
#ifndef SANGDAM_ROUTE_H
#define SANGDAM_ROUTE_H

#include "session.h"

#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>

struct request;

/* The number of entries of a fixed array (route and field tables). */
#define COUNT(array) (sizeof(array) / sizeof((array)[0]))

enum route_method {
	ROUTE_GET = 1,  /* HEAD is answered by GET handlers */
	ROUTE_POST = 2,
};

/* Who may use a route; checked by route_dispatch before the handler runs. */
enum route_access {
	ROUTE_PUBLIC,    /* anyone */
	ROUTE_SIGNED_IN, /* a partner; others are sent to /login */
	ROUTE_OPERATOR,  /* an operator; everyone else gets 404 */
	ROUTE_MEMBER,    /* a member (master or manager) of the account named by {code} */
	ROUTE_MASTER,    /* the master of that account; a manager gets 403 (MEM-3) */
	ROUTE_SIGN_IN,   /* anyone, by a form that may be older than the browser's session
			  * (sign-in, sign-up): its pre-session CSRF token passes too */
	ROUTE_CHAT,      /* a member, as ROUTE_MEMBER, who also passed the second factor
			  * lately when the partner has it on (AUTH-6, totp_route_check) */
	ROUTE_ACCESS__MAX
};

/* Body limits in bytes: a form without files, and one that carries files. */
enum {
	ROUTE_BODY_FORM = 64 * 1024,
	ROUTE_BODY_FILES = 21 * 1024 * 1024,
};

/* A handler returns the response status (it has filled req's response), or a
 * status >= 400 with no body for the error page, or -1 for a 500. */
typedef int (*route_handler)(struct request *req);

/* One route. Patterns are literal bytes and whole typed segments, each
 * checked by the matcher before any handler sees it:
 *   {code}   an account's public code: 6 of a-z 0-9
 *   {id}     a row id: 1 to 18 digits, no leading zero (req->ids[i] holds it)
 *   {name}   a file or size name: 1 to 100 of A-Z a-z 0-9 . _ -, not starting with .
 *   {token}  a base64url token: 20 to 100 of A-Z a-z 0-9 _ -
 *   *        any bytes but a slash (at least one)
 * The first segment parameter of a ROUTE_MEMBER, ROUTE_MASTER or ROUTE_CHAT route is the
 * account code. The body is read after matching, within body_limit (0: the
 * ROUTE_BODY_FORM default), and may carry files only when files is set.
 * A cached route (issue 8) is a GET of a public file that never changes for
 * its URL: its handler answers with cache_answer (cache.h), which keeps the
 * file under var_dir/cache/pages at the URL's path, and nginx sends that
 * file itself once it is there (with ETag and 304), asking the program only
 * when it is not; so a cached route must be ROUTE_GET, ROUTE_PUBLIC, and
 * alone on its pattern (sangdamctl refuses other tables). */
struct route {
	unsigned methods;          /* ROUTE_GET | ROUTE_POST */
	const char *pattern;
	enum route_access access;
	route_handler handler;
	size_t body_limit;
	bool files;
	bool cached;
	/* An account's page whose own statements may go with the session's
	 * (session_load): the handler finds their results in req->prefetched
	 * when they ran for its account, and runs them itself otherwise. */
	session_prefetch prefetch;
};

/* Matches req->path against a pattern; fills req->params (and req->ids for
 * {id}) on success. Returns 1 or 0. Pure. */
int route_match(struct request *req, const char *pattern);

/* Finds the route, reads the body within its limits, runs the checks and the
 * handler, and leaves a complete response in req; returns the final status. */
int route_dispatch(struct request *req, const struct route *routes, size_t count);

/* Writes one line per route: "METHODS PATTERN ACCESS BODY_LIMIT FILES CACHED",
 * e.g. "GET,POST /a/{code}/profile member 22020096 files -" or "GET
 * /a/{code}/qr/{name} public 65536 - cached" (for `PROGRAM -routes`, read by
 * sangdamctl to write nginx's locations and by the HTTP tests). */
void route_print(FILE *out, const struct route *routes, size_t count);

/* The name of an access rule as route_print writes it ("member" ...). */
const char *route_access_name(enum route_access access);

#endif
