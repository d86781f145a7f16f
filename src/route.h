/* route: the route table of a program and dispatch, with sign-in, role and
 * CSRF checks made here once for every route. */
#ifndef SANGDAM_ROUTE_H
#define SANGDAM_ROUTE_H

#include <stddef.h>

struct request;

/* The number of entries of a fixed array (route and field tables). */
#define COUNT(array) (sizeof(array) / sizeof((array)[0]))

enum route_method {
	ROUTE_GET = 1,  /* HEAD is answered by GET handlers */
	ROUTE_POST = 2,
};

enum route_access {
	ROUTE_PUBLIC,    /* anyone */
	ROUTE_SIGNED_IN, /* a partner; others are sent to /login */
	ROUTE_OPERATOR,  /* an operator; everyone else gets 404 */
	ROUTE_MEMBER,    /* a member of the account named by the first * of the pattern */
	ROUTE_MASTER,    /* the master of that account */
	ROUTE_ACCESS__MAX
};

/* A handler returns the response status (it has filled req's response), or a
 * status >= 400 with no body for the error page, or -1 for a 500. */
typedef int (*route_handler)(struct request *req);

struct route {
	unsigned methods;          /* ROUTE_GET | ROUTE_POST */
	const char *pattern;       /* "/a/ * /profile" without spaces: * is one path segment */
	enum route_access access;
	route_handler handler;
};

/* Matches req->path against a pattern; fills req->params on success. Pure. */
int route_match(struct request *req, const char *pattern);

/* Finds the route, runs the checks and the handler, and leaves a complete
 * response in req; returns the final status. */
int route_dispatch(struct request *req, const struct route *routes, size_t count);

#endif
