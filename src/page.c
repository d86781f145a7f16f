/* page: what every page shares, so that handlers only fill their own values. */
#include "page.h"
#include "account.h"
#include "arena.h"
#include "csrf.h"
#include "form_once.h"
#include "http.h"
#include "log.h"
#include "param.h"
#include "session.h"
#include "text.h"
#include "view.h"

#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static void page_view_free(void *view)
{
	view_free(view);
}

/* The unread badges: the partner's total in the header, and in an account's
 * pages that account's total in its menu (CHAT-10), as the session's
 * statement read them. */
static void page_unread(struct request *req, struct view *view)
{
	long long account = req->account != NULL ? req->session->unread_account : 0;
	long long all = req->session->unread_all;
	if (all > 0) {
		view_show(view, "UNREAD_ALL");
		view_set_int(view, "UNREAD_ALL_COUNT", all);
	}
	if (account > 0) {
		view_show(view, "UNREAD_TOTAL");
		view_set_int(view, "UNREAD", account);
	}
}

/* Where the forms on every page (자리 비움으로, the language) send the browser
 * back: the path with the query of a GET (a search, a list's filters), or
 * the path alone when both would pass the 500 bytes those forms take. */
static const char *page_here(struct request *req)
{
	const char *query = http_env(req, "QUERY_STRING");
	if (strcmp(req->method, "GET") != 0 || query == NULL || *query == '\0'
	    || strlen(req->path) + 1 + strlen(query) > 500)
		return req->path;
	return arena_printf(req->arena, "%s?%s", req->path, query);
}

struct view *page_new(struct request *req, const char *title_key)
{
	struct view *view = view_new(req->lang);
	if (view == NULL)
		abort();
	arena_on_free(req->arena, page_view_free, view);
	view_set(view, "LANG", req->lang);
	view_set(view, "CSRF", csrf_token(req));
	view_set(view, "FORM_KEY", form_once_new_key(req));
	view_set_text(view, "PAGE_TITLE", title_key); /* not TITLE: a form field "title" is named so */
	view_set(view, "PATH", req->path);
	view_set(view, "HERE", page_here(req));
	if (req->session != NULL) {
		view_show(view, "SIGNED_IN");
		view_set(view, "PARTNER_NAME", req->session->partner_name);
		view_set(view, "PARTNER_EMAIL", req->session->partner_email);
		if (req->session->is_operator)
			view_show(view, "OPERATOR");
		page_unread(req, view);
		if (req->session->notices_unread > 0) {
			view_show(view, "NOTICES_UNREAD");
			view_set_int(view, "NOTICES_UNREAD_COUNT", req->session->notices_unread);
		}
	} else {
		view_show(view, "SIGNED_OUT");
	}
	view_show(view, strcmp(req->lang, "en") == 0 ? "LANG_EN" : "LANG_KO");
	view_include(view, "HEAD", "part_head");
	view_include(view, "FOOT", "part_foot");
	return view;
}

int page_render(struct request *req, struct view *view, const char *template_name, int status)
{
	size_t length;
	char *html = view_render(view, template_name, &length);
	if (html == NULL) {
		log_error("page: cannot render %s", template_name);
		return http_text(req, 500, "500");
	}
	page_html(req, status, html, length);
	free(html);
	return status;
}

int page_html(struct request *req, int status, const char *html, size_t length)
{
	req->status = status;
	req->content_type = "text/html; charset=utf-8";
	req->body.length = 0;
	strbuf_append(&req->body, html, length);
	return status;
}

int page_error(struct request *req, int status)
{
	static const int known[] = { 400, 403, 404, 405, 409, 413, 415, 422, 429, 500, 503 };
	int shown = 500;
	for (size_t i = 0; i < sizeof(known) / sizeof(known[0]); i++)
		if (known[i] == status)
			shown = status;
	char key[32];
	snprintf(key, sizeof(key), "error.%d", shown);
	struct view *view = page_new(req, key);
	char detail[40];
	snprintf(detail, sizeof(detail), "error.%d.detail", shown);
	view_set_text(view, "DETAIL", detail);
	view_set_int(view, "STATUS", status);
	return page_render(req, view, "page_error", status);
}

static char *page_upper(struct arena *arena, const char *text)
{
	char *copy = arena_strdup(arena, text);
	for (char *p = copy; *p != '\0'; p++)
		*p = isalnum((unsigned char)*p) ? (char)toupper((unsigned char)*p) : '_';
	return copy;
}

/* The catalog text of error in lang with {min} and {max} replaced by the
 * field's limits. */
static const char *page_error_text_in(struct arena *arena, const char *lang,
    const struct param_field *field, const char *error)
{
	const char *text = view_text(lang, error);
	struct strbuf out;
	strbuf_init(&out, arena);
	for (const char *p = text; *p != '\0'; p++) {
		if (field == NULL) {
			strbuf_append(&out, p, 1);
		} else if (strncmp(p, "{min}", 5) == 0) {
			strbuf_printf(&out, "%lld", field->min);
			p += 4;
		} else if (strncmp(p, "{max}", 5) == 0) {
			strbuf_printf(&out, "%lld", field->max);
			p += 4;
		} else {
			strbuf_append(&out, p, 1);
		}
	}
	return strbuf_text(&out);
}

static const char *page_error_text(struct arena *arena, struct view *view,
    const struct param_field *field, const char *error)
{
	return page_error_text_in(arena, view_lang(view), field, error);
}

const char *page_field_message(struct request *req, const struct param_field *field,
    const char *error)
{
	return page_error_text_in(req->arena, req->lang, field, error);
}

void page_form_error(struct view *view, const char *key)
{
	view_show(view, "FORM_ERROR");
	view_set_text(view, "FORM_ERROR", key);
}

void page_form(struct view *view, const struct param_field *fields, size_t count,
    const struct param_value *values)
{
	struct arena *arena = arena_new();
	for (size_t i = 0; i < count; i++) {
		const char *name = page_upper(arena, fields[i].name);
		if (fields[i].type != PARAM_PASSWORD)
			view_set(view, name, values[i].text);
		if (values[i].error != NULL) {
			view_set(view, arena_printf(arena, "%s_ERROR", name),
			    page_error_text(arena, view, &fields[i], values[i].error));
			view_show(view, arena_printf(arena, "%s_INVALID", name));
		}
		if (fields[i].type == PARAM_CHECKBOX && values[i].present)
			view_show(view, arena_printf(arena, "%s_CHECKED", name));
		/* a valid choice only: a section's name is never made of input */
		if (fields[i].type == PARAM_CHOICE && values[i].present && values[i].error == NULL)
			view_show(view, arena_printf(arena, "%s_IS_%s", name,
			    page_upper(arena, values[i].text)));
	}
	arena_free(arena);
}

bool page_wants_json(const struct request *req)
{
	const char *accept = http_env(req, "HTTP_ACCEPT");
	return accept != NULL && strstr(accept, "application/json") != NULL;
}

void page_json_string(struct strbuf *out, const char *text)
{
	static const char digits[] = "0123456789abcdef";
	const unsigned char *plain = (const unsigned char *)text, *p;
	strbuf_append(out, "\"", 1);
	/* runs of bytes that need no escape are copied at once (backups write
	 * hundreds of megabytes through here) */
	for (p = plain; *p != '\0'; p++) {
		if (*p == '"' || *p == '\\') {
			char pair[2] = { '\\', (char)*p };
			strbuf_append(out, (const char *)plain, (size_t)(p - plain));
			strbuf_append(out, pair, 2);
			plain = p + 1;
		} else if (*p < 0x20 || *p == '<' || *p == '>' || *p == '&' || *p == 0x7f) {
			char escape[6] = { '\\', 'u', '0', '0', digits[*p >> 4], digits[*p & 0x0f] };
			strbuf_append(out, (const char *)plain, (size_t)(p - plain));
			strbuf_append(out, escape, sizeof(escape));
			plain = p + 1;
		}
	}
	strbuf_append(out, (const char *)plain, (size_t)(p - plain));
	strbuf_append(out, "\"", 1);
}

int page_json(struct request *req, int status, const char *body)
{
	req->status = status;
	req->content_type = "application/json; charset=utf-8";
	req->body.length = 0;
	strbuf_puts(&req->body, body);
	return status;
}

int page_json_error(struct request *req, int status, const char *text)
{
	struct strbuf out;
	strbuf_init(&out, req->arena);
	strbuf_puts(&out, "{\"error\":");
	page_json_string(&out, text);
	strbuf_puts(&out, "}");
	return page_json(req, status, strbuf_text(&out));
}

struct view *page_fragment_new(struct request *req)
{
	struct view *view = view_new(req->lang);
	if (view == NULL)
		abort();
	arena_on_free(req->arena, page_view_free, view);
	return view;
}

const char *page_list_query(struct request *req)
{
	const char *list = http_query(req, "list");
	if (list == NULL || list[0] != '?' || strlen(list) > PAGE_LIST_MAX)
		return "";
	for (const char *p = list + 1; *p != '\0'; p++)
		if (!isalnum((unsigned char)*p) && strchr("%._~=&+-", *p) == NULL)
			return "";
	return list;
}

const char *page_list_param(struct request *req, const char *list_query, char separator)
{
	if (*list_query == '\0')
		return "";
	struct strbuf out;
	strbuf_init(&out, req->arena);
	strbuf_printf(&out, "%clist=", separator);
	text_url_encode(&out, list_query);
	return strbuf_text(&out);
}
