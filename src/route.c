/* route: matching, then the checks in a fixed order: CSRF, sign-in, role. */
#include "route.h"
#include "account.h"
#include "csrf.h"
#include "db.h"
#include "http.h"
#include "log.h"
#include "page.h"
#include "session.h"

#include <string.h>

int route_match(struct request *req, const char *pattern)
{
	const char *p = pattern, *s = req->path;
	int count = 0;
	while (*p != '\0' && *s != '\0') {
		if (*p == '*') {
			size_t length = strcspn(s, "/");
			if (length == 0 || count == 4)
				return 0;
			req->params[count++] = arena_strndup(req->arena, s, length);
			s += length;
			p++;
		} else if (*p++ != *s++) {
			return 0;
		}
	}
	if (*p != '\0' || *s != '\0')
		return 0;
	req->param_count = count;
	return 1;
}

static unsigned route_method_bit(const struct request *req)
{
	if (http_is_safe_method(req))
		return ROUTE_GET;
	if (strcmp(req->method, "POST") == 0)
		return ROUTE_POST;
	return 0;
}

static void route_set_allow(struct request *req, unsigned methods)
{
	const char *allow = methods == (ROUTE_GET | ROUTE_POST) ? "GET, HEAD, POST"
	    : methods == ROUTE_POST ? "POST" : "GET, HEAD";
	http_header(req, "Allow", allow);
}

/* The language of a signed-out visitor: the sd_lang cookie, else Korean. */
static void route_visitor_lang(struct request *req)
{
	const char *cookie = http_cookie(req, "sd_lang");
	req->lang = cookie != NULL && strcmp(cookie, "en") == 0 ? "en" : "ko";
}

/* Returns 0 when the access rule lets the request through, else its status. */
static int route_check_access(struct request *req, const struct route *route)
{
	switch (route->access) {
	case ROUTE_PUBLIC:
		return 0;
	case ROUTE_SIGNED_IN:
		if (req->session != NULL)
			return 0;
		if (!http_is_safe_method(req))
			return 403;
		return http_redirect(req, "/login");
	case ROUTE_OPERATOR:
		return req->session != NULL && req->session->is_operator ? 0 : 404;
	case ROUTE_MEMBER:
	case ROUTE_MASTER: {
		if (req->session == NULL)
			return http_is_safe_method(req) ? http_redirect(req, "/login") : 403;
		if (req->param_count < 1)
			return 404;
		int member = account_load(req, req->params[0]);
		if (member < 0)
			return 500;
		if (member == 0)
			return 404;
		return route->access == ROUTE_MASTER && !req->account->is_master ? 404 : 0;
	}
	case ROUTE_ACCESS__MAX:
		break;
	}
	return 404;
}

/* Runs the handler of the matched route; returns its status. */
static int route_run(struct request *req, const struct route *route)
{
	if (!http_is_safe_method(req) && !csrf_request_valid(req))
		return 403;
	int status = route_check_access(req, route);
	if (status != 0)
		return status;
	status = route->handler(req);
	return status < 0 ? 500 : status;
}

int route_dispatch(struct request *req, const struct route *routes, size_t count)
{
	unsigned allowed = 0, method = route_method_bit(req);
	const struct route *found = NULL;
	for (size_t i = 0; i < count && found == NULL; i++) {
		if (!route_match(req, routes[i].pattern))
			continue;
		allowed |= routes[i].methods;
		if (routes[i].methods & method)
			found = &routes[i];
	}
	int loaded = session_load(req);
	if (req->session == NULL)
		route_visitor_lang(req);
	int status;
	if (loaded < 0) {
		status = 500;
	} else if (found != NULL) {
		status = route_run(req, found);
	} else if (allowed != 0) {
		route_set_allow(req, allowed);
		status = 405;
	} else {
		status = 404;
	}
	db_end_request(req->arena);
	if (status >= 500)
		req->body.length = 0; /* never show half a page */
	if (status >= 400 && req->body.length == 0)
		status = page_error(req, status);
	req->status = status;
	return status;
}
