/* page: the layout every HTML page shares (header, account menu, language),
 * form re-display with per-field messages, and the one error page. */
#ifndef SANGDAM_PAGE_H
#define SANGDAM_PAGE_H

#include <stdbool.h>
#include <stddef.h>

struct request;
struct strbuf;
struct view;
struct param_field;
struct param_value;

/* A view for a page of this request, with the layout values set: language,
 * CSRF token, the signed-in partner, and the title from catalog key title_key.
 * The view belongs to the request (freed at its end). */
struct view *page_new(struct request *req, const char *title_key);

/* Renders template_name into the response with status; returns status, or
 * 500 when the template could not be expanded. */
int page_render(struct request *req, struct view *view, const char *template_name, int status);

/* Answers length bytes of html (rendered before, e.g. kept in a cache) with
 * status; returns status. */
int page_html(struct request *req, int status, const char *html, size_t length);

/* The error page for status (404, 403, 405, 413, 429, 500 ...); returns status. */
int page_error(struct request *req, int status);

/* Shows a message about the whole form (section FORM_ERROR) from catalog key. */
void page_form_error(struct view *view, const char *key);

/* The catalog text of error (a key from param) in the request's language,
 * with {min} and {max} replaced by field's limits (field may be NULL); in the
 * request's arena. For messages outside a form view (JSON answers). */
const char *page_field_message(struct request *req, const struct param_field *field,
    const char *error);

/* Puts each field's typed value and error message into view as NAME and
 * NAME_ERROR (upper-case field name); passwords are never echoed. Shows
 * section NAME_CHECKED for a ticked checkbox and NAME_IS_VALUE (upper case)
 * for the chosen value of a choice, so templates can mark it selected. */
void page_form(struct view *view, const struct param_field *fields, size_t count,
    const struct param_value *values);

/* True when the client asked for JSON (Accept: application/json): the
 * scripts' path; forms without JavaScript get pages and redirects. */
bool page_wants_json(const struct request *req);

/* Appends text to out as a JSON string with its quotes (RFC 8259); also
 * escapes < > & and DEL as \u00XX so that the answer is inert if something
 * renders it as HTML. The one JSON escaper of the project. */
void page_json_string(struct strbuf *out, const char *text);

/* Answers body (a complete JSON text the caller built with
 * page_json_string) with status, as application/json; returns status. */
int page_json(struct request *req, int status, const char *body);

/* {"error": TEXT} with status; text is already in the reader's language. */
int page_json_error(struct request *req, int status, const char *text);

/* A view without the layout, for HTML fragments (live updates), in the
 * request's language; owned by the request. Render it with page_render. */
struct view *page_fragment_new(struct request *req);

/* The inbox list a room was opened from ("?status=unread&q=...", as the
 * inbox's inbox_list_query gives it), carried through another program's
 * page about that room (the coupons to send, the canned-reply picker) as
 * the one query parameter list, so that going back to the room keeps it.
 * page_list_query: the value of req's list when it is such a query (it
 * starts with '?', holds only the characters of an encoded query, at most
 * PAGE_LIST_MAX bytes), else "": any other value is ignored, never
 * followed. page_list_param: separator ('?' or '&'), "list=" and
 * list_query encoded as one value; "" when list_query is "". Arena
 * strings. */
enum { PAGE_LIST_MAX = 2048 };
const char *page_list_query(struct request *req);
const char *page_list_param(struct request *req, const char *list_query, char separator);

#endif
