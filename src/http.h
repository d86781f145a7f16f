/* http: the only user of libfcgi: request environment, query, urlencoded and
 * multipart bodies under hard limits, cookies, and the response. */
#ifndef SANGDAM_HTTP_H
#define SANGDAM_HTTP_H

#include "arena.h"

#include <stdbool.h>
#include <stddef.h>

/* Hard limits on what a client may send; past them the request is refused
 * (400 or 413) before any handler runs. */
enum {
	HTTP_MAX_FIELDS = 200,          /* fields in a query or a body */
	HTTP_MAX_FIELD_BYTES = 64 * 1024, /* one text field */
	HTTP_MAX_NAME_BYTES = 256,      /* one field name */
	HTTP_MAX_FILES = 4,             /* files in one multipart body */
	HTTP_MAX_FILE_BYTES = 20 * 1024 * 1024,
	HTTP_MAX_BODY_BYTES = 21 * 1024 * 1024, /* both unless a route declares a larger limit */
	HTTP_MAX_HEADER_BYTES = 8 * 1024, /* one header such as Cookie */
	HTTP_MAX_COOKIES = 50,
};

struct http_field {
	const char *name;
	const char *value; /* NUL-terminated; never contains NUL (refused at parse) */
	size_t length;
};

struct http_file {
	const char *field;
	const char *filename; /* as the client sent it in NFC (param_nfc), untrusted */
	const unsigned char *data;
	size_t size;
};

struct http_fields {
	struct http_field *items;
	size_t count;
};

struct session;
struct account_access;
struct db_query;
struct FCGX_Request;

struct request {
	struct arena *arena;
	struct FCGX_Request *fcgi;
	char id[20];
	const char *method;
	const char *path;
	const char *remote_addr;
	const char *host;
	const char *referer;
	bool is_head;

	struct http_fields query;
	struct http_fields form;
	struct http_fields cookies;
	struct http_file *files;
	size_t file_count;

	/* Filled by route before the handler runs. */
	const char *params[4];
	long long ids[4];  /* the value of an {id} segment at the same position */
	int param_count;
	struct session *session;         /* NULL when signed out */
	struct account_access *account;  /* for /a/CODE/ routes */
	/* The route's prefetched statements, run with the session's (session_load),
	 * for req->account; NULL when none. */
	struct db_query *prefetched;
	int prefetched_count;
	long long prefetched_at; /* ms since the epoch, before they ran */
	const char *lang;                /* "ko" or "en" */
	const char *csrf_cookie;         /* the visitor's CSRF cookie, made on first need */
	const char *form_key;            /* a post's form key, taken (form_once_take) */

	/* The response. */
	int status;
	const char *content_type;
	struct strbuf headers; /* extra header lines, each ending in \r\n */
	const char *location;  /* a redirect's Location (http_redirect), or NULL */
	struct strbuf body;
	bool cacheable;  /* default: Cache-Control: no-store */
	bool framable;   /* default: frame-ancestors 'none' */
	bool sent;
};

/* Pure parsers, used by http_begin and by the unit tests. Each returns 0, or
 * the HTTP status to answer (400 malformed, 413 too large). */
int http_parse_urlencoded(struct arena *arena, const char *data, size_t length,
    struct http_fields *out);
int http_parse_cookies(struct arena *arena, const char *header, struct http_fields *out);
int http_parse_multipart(struct arena *arena, const char *content_type,
    const unsigned char *data, size_t length, struct http_fields *fields,
    struct http_file **files, size_t *file_count);

/* Fills req from the FastCGI request and parses query and cookies (the body
 * waits for http_read_form). Returns 0, or the error status to answer
 * without running a handler. */
int http_begin(struct request *req, struct FCGX_Request *fcgi, struct arena *arena);

/* Reads and parses the body (urlencoded or multipart) once the route is
 * known: at most limit bytes, and files only when files_allowed. Returns 0,
 * or 400 (malformed, or a file where none is taken), 413 (too large) or 415. */
int http_read_form(struct request *req, size_t limit, bool files_allowed);

/* A FastCGI parameter such as HTTP_USER_AGENT, or NULL. */
const char *http_env(const struct request *req, const char *name);

/* Look-ups: the value of the first field called name, or NULL. */
const char *http_query(const struct request *req, const char *name);
const char *http_form(const struct request *req, const char *name);
const char *http_cookie(const struct request *req, const char *name);
const struct http_file *http_file(const struct request *req, const char *name);
bool http_is_safe_method(const struct request *req);

/* Response building. */
void http_header(struct request *req, const char *name, const char *value);
void http_set_cookie(struct request *req, const char *name, const char *value,
    long max_age_seconds);
/* Sets 303 See Other to location; returns 303 for the handler to return. */
int http_redirect(struct request *req, const char *location);
/* A plain-text response; returns status. */
int http_text(struct request *req, int status, const char *text);

/* Writes status, security headers, extra headers and body (no body for HEAD).
 * Safe to call twice: the second call does nothing. */
void http_send(struct request *req);
/* For streaming responses (events): writes the headers now, then raw chunks. */
void http_send_headers(struct request *req);
/* Now as the live-update streams' ?since= takes it: milliseconds since the
 * epoch (CLOCK_REALTIME), the clock the events program stamps its notices
 * with (events_stamp_now). */
long long http_since_now(void);

int http_write(struct request *req, const char *data, size_t length);
int http_flush(struct request *req);
/* The connection to nginx, for streams that watch for the client leaving; -1 if none. */
int http_socket(const struct request *req);

/* ---- detached streams (events): the answer goes on after the request ends ----
 * http_detach flushes what was written (headers and first bytes), takes the
 * connection away from libfcgi and gives it to the caller: fcgi_main then
 * finishes the request without writing its end or closing the socket. The
 * caller writes FastCGI records itself with the two functions below, and
 * closes the socket after the end records. The socket is made non-blocking
 * and close-on-exec. 0, or -1 when the flush failed (nothing is detached). */
struct http_detached {
	int fd;
	int request_id;
};
int http_detach(struct request *req, struct http_detached *out);

enum {
	HTTP_RECORD_HEADER = 8,   /* bytes before each record's content */
	HTTP_RECORD_MAX = 65535,  /* content bytes of one record */
	HTTP_RECORD_END = 24,     /* bytes of the end records */
};
/* Writes the header of a stdout record of length (<= HTTP_RECORD_MAX)
 * content bytes, which follow it, into out[HTTP_RECORD_HEADER]. */
void http_record_header(int request_id, size_t length, unsigned char *out);
/* Writes the records that end the answer (empty stdout, end of request with
 * status 0) into out[HTTP_RECORD_END]. */
void http_record_end(int request_id, unsigned char *out);

#endif
