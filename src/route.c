/* route: matching, then the checks in a fixed order: CSRF, sign-in, role. */
#include "route.h"
#include "account.h"
#include "csrf.h"
#include "db.h"
#include "form_once.h"
#include "http.h"
#include "log.h"
#include "page.h"
#include "session.h"
#include "totp.h"
#include "text.h"
#include "view.h"

#include <stdlib.h>
#include <string.h>

/* The typed segments: a name in braces and the rule its text must meet. */
static const struct route_segment {
	const char *name;
	size_t min, max;
	const char *first; /* characters allowed first (NULL: as the rest) */
	const char *rest;
} route_segments[] = {
	{ "{code}", 6, 6, NULL, "abcdefghijklmnopqrstuvwxyz0123456789" },
	{ "{id}", 1, 18, "123456789", "0123456789" },
	{ "{name}", 1, 100,
	    "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_-",
	    "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789._-" },
	{ "{token}", 20, 100, NULL,
	    "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_-" },
};

/* The typed segment that pattern starts with, or NULL. */
static const struct route_segment *route_segment_at(const char *pattern)
{
	if (*pattern != '{')
		return NULL;
	for (size_t i = 0; i < COUNT(route_segments); i++)
		if (strncmp(pattern, route_segments[i].name, strlen(route_segments[i].name)) == 0)
			return &route_segments[i];
	return NULL;
}

/* True when the length bytes at text meet the segment's rule. */
static bool route_segment_valid(const struct route_segment *segment, const char *text,
    size_t length)
{
	if (length < segment->min || length > segment->max)
		return false;
	const char *first = segment->first != NULL ? segment->first : segment->rest;
	if (strchr(first, text[0]) == NULL)
		return false;
	for (size_t i = 1; i < length; i++)
		if (strchr(segment->rest, text[i]) == NULL)
			return false;
	return true;
}

int route_match(struct request *req, const char *pattern)
{
	const char *p = pattern, *s = req->path;
	int count = 0;
	while (*p != '\0' && *s != '\0') {
		const struct route_segment *segment = route_segment_at(p);
		if (*p == '*' || segment != NULL) {
			size_t length = strcspn(s, "/");
			if (length == 0 || count == 4)
				return 0;
			if (segment != NULL && !route_segment_valid(segment, s, length))
				return 0;
			req->ids[count] = 0;
			if (segment != NULL && strcmp(segment->name, "{id}") == 0)
				req->ids[count] = strtoll(s, NULL, 10); /* checked: 1..18 digits */
			req->params[count++] = arena_strndup(req->arena, s, length);
			s += length;
			p += segment != NULL ? strlen(segment->name) : 1;
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

/* Whether a script asked (fetch with Accept: application/json or an
 * X-Requested-With header) rather than a browser's page load. */
static bool route_from_script(const struct request *req)
{
	return page_wants_json(req) || http_env(req, "HTTP_X_REQUESTED_WITH") != NULL;
}

/* The answer to a request that needs a sign-in and has none (issue 13): a
 * script gets 401 {"error": TEXT, "signed_out": true} (the page keeps its
 * draft and says so); a page load goes to /login?next=PATH?QUERY; another
 * form post is refused (403). */
static int route_signed_out(struct request *req)
{
	if (route_from_script(req)) {
		struct strbuf out;
		strbuf_init(&out, req->arena);
		strbuf_puts(&out, "{\"signed_out\":true,\"error\":");
		page_json_string(&out, view_text(req->lang, "session.signed_out"));
		strbuf_puts(&out, "}");
		return page_json(req, 401, strbuf_text(&out));
	}
	if (!http_is_safe_method(req))
		return 403;
	const char *query = http_env(req, "QUERY_STRING");
	struct strbuf next;
	strbuf_init(&next, req->arena);
	strbuf_puts(&next, "/login?next=");
	text_url_encode(&next, query != NULL && *query != '\0'
	    ? arena_printf(req->arena, "%s?%s", req->path, query) : req->path);
	return http_redirect(req, strbuf_text(&next));
}

/* Returns 0 when the access rule lets the request through, else its status. */
static int route_check_access(struct request *req, const struct route *route)
{
	switch (route->access) {
	case ROUTE_PUBLIC:
	case ROUTE_SIGN_IN:
		return 0;
	case ROUTE_SIGNED_IN:
		if (req->session != NULL)
			return 0;
		return route_signed_out(req);
	case ROUTE_OPERATOR:
		return req->session != NULL && req->session->is_operator ? 0 : 404;
	case ROUTE_MEMBER:
	case ROUTE_MASTER:
	case ROUTE_CHAT: {
		if (req->session == NULL)
			return route_signed_out(req);
		/* session_load looked the membership up with the session */
		if (req->account == NULL)
			return 404;
		if (route->access == ROUTE_CHAT)
			return totp_route_check(req);
		return route->access == ROUTE_MASTER && !req->account->is_master ? 403 : 0;
	}
	case ROUTE_ACCESS__MAX:
		break;
	}
	return 404;
}

/* Reads the body, then runs the checks and the handler of the matched
 * route; returns its status. */
static int route_run(struct request *req, const struct route *route)
{
	if (!http_is_safe_method(req)) {
		int status = http_read_form(req,
		    route->body_limit != 0 ? route->body_limit : ROUTE_BODY_FORM, route->files);
		if (status != 0)
			return status;
		/* an ended sign-in is said as such, not as a CSRF failure */
		if (req->session == NULL && (route->access == ROUTE_SIGNED_IN
			|| route->access == ROUTE_MEMBER || route->access == ROUTE_MASTER
			|| route->access == ROUTE_CHAT))
			return route_signed_out(req);
		if (!csrf_request_valid(req, route->access == ROUTE_SIGN_IN))
			return 403;
	}
	int status = route_check_access(req, route);
	if (status != 0)
		return status;
	if (!http_is_safe_method(req)) {
		int once = form_once_take(req);
		if (once <= 0)
			return once < 0 ? 500 : req->status;
	}
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
	/* An account's routes name it first ({code}): its membership comes with
	 * the session, in one statement. */
	bool in_account = found != NULL && req->param_count > 0
	    && (found->access == ROUTE_MEMBER || found->access == ROUTE_MASTER
		|| found->access == ROUTE_CHAT);
	int loaded = session_load(req, in_account ? req->params[0] : NULL,
	    in_account ? found->prefetch : NULL);
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
	form_once_settle(req, status);
	if (status >= 500)
		req->body.length = 0; /* never show half a page */
	if (status >= 400 && req->body.length == 0)
		status = page_error(req, status);
	req->status = status;
	return status;
}

const char *route_access_name(enum route_access access)
{
	static const char *const names[ROUTE_ACCESS__MAX] = {
		[ROUTE_PUBLIC] = "public",
		[ROUTE_SIGNED_IN] = "signed_in",
		[ROUTE_OPERATOR] = "operator",
		[ROUTE_MEMBER] = "member",
		[ROUTE_MASTER] = "master",
		[ROUTE_SIGN_IN] = "public", /* as public but for CSRF, which is not listed */
		[ROUTE_CHAT] = "member",    /* as member but for the second factor */
	};
	return access < ROUTE_ACCESS__MAX ? names[access] : "?";
}

void route_print(FILE *out, const struct route *routes, size_t count)
{
	for (size_t i = 0; i < count; i++) {
		const struct route *route = &routes[i];
		const char *methods = route->methods == (ROUTE_GET | ROUTE_POST) ? "GET,POST"
		    : route->methods == ROUTE_POST ? "POST" : "GET";
		fprintf(out, "%s %s %s %zu %s %s\n", methods, route->pattern,
		    route_access_name(route->access),
		    route->body_limit != 0 ? route->body_limit : (size_t)ROUTE_BODY_FORM,
		    route->files ? "files" : "-", route->cached ? "cached" : "-");
	}
}
