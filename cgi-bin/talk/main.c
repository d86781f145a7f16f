/* talk: the customers' chat page (SPEC CHAT-1..7): one account's profile and
 * the customer's conversation with it, sending text, images and files,
 * leaving the room and adding the account as a friend. Works with forms and
 * reloads; static/talk.js makes it live. Every route is public: the customer
 * is whoever holds the sd_customer cookie, and every query keeps to the
 * account named by the code and to that customer's own room. */
#include "arena.h"
#include "auth.h"
#include "chat.h"
#include "config.h"
#include "db.h"
#include "fcgi_main.h"
#include "http.h"
#include "page.h"
#include "param.h"
#include "route.h"
#include "text.h"
#include "upload.h"
#include "view.h"

#include <stdbool.h>
#include <string.h>
#include <strings.h>
#include <time.h>

enum {
	TALK_REF_MAX = 100,
	TALK_REFERRER_MAX = 1000,
	TALK_CLIENT_ID_MAX = 64,  /* messages.client_id allows 8..64 characters */
	TALK_RATE_WINDOW = 60,    /* seconds */
};

/* The account of /talk/CODE as customers see it. */
struct talk_account {
	long long id;
	const char *code;
	const char *name;
	const char *intro;
	const char *status;
	bool approved;
	bool home_public;
	bool chat_on;
	bool has_profile_image;
	bool has_background_image;
	const char *time_zone;
};

static const struct param_field message_fields[] = {
	{ "text", PARAM_LINES, false, 0, 1000, NULL },
	{ "name", PARAM_TEXT, false, 0, 20, NULL },
	{ "client_id", PARAM_TOKEN, false, 0, 0, NULL },
	{ "ref", PARAM_TEXT, false, 0, TALK_REF_MAX, NULL },
	{ "referrer", PARAM_URL, false, 0, TALK_REFERRER_MAX, NULL },
};
enum { MESSAGE_TEXT, MESSAGE_NAME, MESSAGE_CLIENT_ID, MESSAGE_REF, MESSAGE_REFERRER };

/* What a page shows beyond the account and the conversation: the inflow to
 * carry, and after a refused post what was typed and what went wrong. */
struct talk_form {
	const char *ref;
	const char *referrer;
	const struct param_value *values; /* NULL on a plain GET */
	const char *file_error;           /* catalog key, next to the file input */
	const char *form_error;           /* catalog key, above the input box */
	bool blocked;                     /* refused as blocked (CHAT-7) */
};

/* 1 and fills out when the code names an account, 0 when not, <0 on error. */
static int talk_account_load(struct request *req, struct talk_account *out)
{
	struct db_rows rows;
	int found = DB_EXEC(req->arena, &rows,
	    "SELECT id, code, name, intro, status, home_public, chat_on, profile_image IS NOT NULL, "
	    "background_image IS NOT NULL, time_zone FROM accounts WHERE code = $1",
	    req->params[0]);
	if (found != 1)
		return found;
	out->id = db_int(&rows, 0, 0);
	out->code = db_value(&rows, 0, 1);
	out->name = db_value(&rows, 0, 2);
	out->intro = db_value(&rows, 0, 3);
	out->status = db_value(&rows, 0, 4);
	out->approved = strcmp(out->status, "approved") == 0;
	out->home_public = db_bool(&rows, 0, 5);
	out->chat_on = db_bool(&rows, 0, 6);
	out->has_profile_image = db_bool(&rows, 0, 7);
	out->has_background_image = db_bool(&rows, 0, 8);
	out->time_zone = db_value(&rows, 0, 9);
	return 1;
}

/* Customers see the profile and their conversation only when the account is
 * approved and its home is public (ACC-3, ACC-6). */
static bool talk_is_open(const struct talk_account *account)
{
	return account->approved && account->home_public;
}

/* The catalog key of why nobody can write now, or NULL when they can. */
static const char *talk_closed_reason(const struct talk_account *account)
{
	if (strcmp(account->status, "pending") == 0)
		return "talk.not_open";
	if (!account->approved || !account->home_public)
		return "talk.unavailable";
	if (!account->chat_on)
		return "talk.chat_off";
	return NULL;
}

/* True for a ref: 1..100 of [A-Za-z0-9_.-]. */
static bool talk_ref_valid(const char *ref)
{
	size_t length = ref != NULL ? strlen(ref) : 0;
	if (length == 0 || length > TALK_REF_MAX)
		return false;
	return strspn(ref, "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_.-")
	    == length;
}

/* The value when it is an http(s) URL of at most 1000 bytes, else NULL. */
static const char *talk_url_or_null(struct request *req, const char *url)
{
	static const struct param_field field = { "referrer", PARAM_URL, false, 0,
		TALK_REFERRER_MAX, NULL };
	struct param_value value;
	if (url == NULL || param_check(req->arena, &field, url, &value) != NULL || !value.present)
		return NULL;
	return value.text;
}

/* The length of the host name in an authority of length bytes, without
 * the port ("[::1]:80" and "example.com:80" lose ":80"). */
static size_t talk_host_length(const char *authority, size_t length)
{
	if (length > 0 && authority[0] == '[') {
		const char *close = memchr(authority, ']', length);
		return close != NULL ? (size_t)(close - authority) + 1 : length;
	}
	const char *colon = memchr(authority, ':', length);
	return colon != NULL ? (size_t)(colon - authority) : length;
}

/* True when url's host differs from the one this request came to (nginx
 * passes the host name without the port). */
static bool talk_is_other_site(const struct request *req, const char *url)
{
	const char *host = strstr(url, "://");
	if (host == NULL)
		return false;
	host += 3;
	size_t length = strcspn(host, "/?#");
	const char *at = memchr(host, '@', length); /* user:password@host */
	if (at != NULL) {
		length -= (size_t)(at + 1 - host);
		host = at + 1;
	}
	length = talk_host_length(host, length);
	if (req->host == NULL)
		return true;
	size_t own = talk_host_length(req->host, strlen(req->host));
	return own != length || strncasecmp(req->host, host, length) != 0;
}

/* The inflow of a GET (CHAT-3): ref and from from the query, else the
 * Referer when it is another site's page. Bad values are dropped. */
static void talk_inflow(struct request *req, struct talk_form *form)
{
	const char *ref = http_query(req, "ref");
	form->ref = talk_ref_valid(ref) ? ref : "";
	const char *from = http_query(req, "from");
	const char *referrer = NULL;
	if (from != NULL)
		referrer = talk_url_or_null(req, from);
	else if (req->referer != NULL && talk_is_other_site(req, req->referer))
		referrer = talk_url_or_null(req, req->referer);
	form->referrer = referrer != NULL ? referrer : "";
}

/* A fresh idempotency key for the next message of this page. */
static const char *talk_new_client_id(struct request *req)
{
	return auth_new_token(req->arena);
}

/* The catalog text of key with {max} and {{ACCOUNT_NAME}} filled in, for
 * answers built outside templates (JSON). */
static const char *talk_text(struct request *req, const char *key, long long max,
    const char *account_name)
{
	const char *text = view_text(req->lang, key);
	struct strbuf out;
	strbuf_init(&out, req->arena);
	for (const char *p = text; *p != '\0'; p++) {
		if (strncmp(p, "{max}", 5) == 0) {
			strbuf_printf(&out, "%lld", max);
			p += 4;
		} else if (strncmp(p, "{{ACCOUNT_NAME}}", 16) == 0) {
			strbuf_puts(&out, account_name);
			p += 15;
		} else {
			strbuf_append(&out, p, 1);
		}
	}
	return strbuf_text(&out);
}

/* True when the client asked for JSON (the script's path). */
static bool talk_wants_json(const struct request *req)
{
	const char *accept = http_env(req, "HTTP_ACCEPT");
	return accept != NULL && strstr(accept, "application/json") != NULL;
}

/* Appends text to out as the inside of a JSON string; also escapes < > &
 * so that the answer is inert even if something renders it as HTML. */
static void talk_json_escape(struct strbuf *out, const char *text)
{
	for (const unsigned char *p = (const unsigned char *)text; *p != '\0'; p++) {
		if (*p == '"' || *p == '\\') {
			char pair[2] = { '\\', (char)*p };
			strbuf_append(out, pair, 2);
		} else if (*p < 0x20 || *p == '<' || *p == '>' || *p == '&' || *p == 0x7f) {
			strbuf_printf(out, "\\u%04x", *p);
		} else {
			strbuf_append(out, (const char *)p, 1);
		}
	}
}

static int talk_json(struct request *req, int status, const char *error_text)
{
	req->status = status;
	req->content_type = "application/json";
	req->body.length = 0;
	if (error_text == NULL) {
		strbuf_puts(&req->body, "{\"ok\":true}");
	} else {
		strbuf_puts(&req->body, "{\"error\":\"");
		talk_json_escape(&req->body, error_text);
		strbuf_puts(&req->body, "\"}");
	}
	return status;
}

/* Adds the room's visible messages with id > after (the newest 300, oldest
 * first) to view's section MESSAGES. Agents' messages carry the account's
 * name only (CHAT-15), never a member's; a day line and the sender's name
 * appear where they change, judged against message `after` for a fragment.
 * Returns the number of rows and sets *last_id (when > 0), or <0. */
static int talk_add_messages(struct request *req, struct view *view,
    const struct talk_account *account, long long room_id, long long after, long long *last_id)
{
	struct db_rows rows;
	const char *account_id = db_param_int(req->arena, account->id);
	const char *room = db_param_int(req->arena, room_id);
	int count = DB_EXEC(req->arena, &rows,
	    "SELECT m.id, m.sender, m.kind, m.body, "
	    "to_char(m.created_at AT TIME ZONE $3::text, 'HH24:MI'), "
	    "to_char(m.created_at AT TIME ZONE $3::text, 'YYYY-MM-DD'), "
	    "att.id, att.display_name, att.is_image, pg_size_pretty(att.size) "
	    "FROM messages m JOIN rooms r ON r.id = m.room_id AND r.account_id = m.account_id "
	    "LEFT JOIN attachments att ON att.id = m.attachment_id AND att.account_id = m.account_id "
	    "WHERE m.account_id = $1 AND m.room_id = $2 AND m.id > $4 AND m.delivered "
	    "AND (r.customer_cleared_at IS NULL OR m.created_at > r.customer_cleared_at) "
	    "ORDER BY m.id DESC LIMIT 300", /* the newest 300 on a page or in a fragment */
	    account_id, room, account->time_zone, db_param_int(req->arena, after));
	if (count <= 0)
		return count;
	const char *prev_sender = "", *prev_day = "";
	if (after > 0) {
		struct db_rows before;
		int found = DB_EXEC(req->arena, &before,
		    "SELECT m.sender, to_char(m.created_at AT TIME ZONE $3::text, 'YYYY-MM-DD') "
		    "FROM messages m JOIN rooms r ON r.id = m.room_id AND r.account_id = m.account_id "
		    "WHERE m.account_id = $1 AND m.room_id = $2 AND m.id = $4 "
		    "AND (r.customer_cleared_at IS NULL OR m.created_at > r.customer_cleared_at)",
		    account_id, room, account->time_zone, db_param_int(req->arena, after));
		if (found < 0)
			return found;
		if (found == 1) {
			prev_sender = db_value(&before, 0, 0);
			prev_day = db_value(&before, 0, 1);
		}
	}
	for (int i = count - 1; i >= 0; i--) {
		const char *sender = db_value(&rows, i, 1);
		const char *kind = db_value(&rows, i, 2);
		const char *day = db_value(&rows, i, 5);
		struct view *row = view_add_row(view, "MESSAGES");
		view_set(row, "ID", db_value(&rows, i, 0));
		view_set(row, "BODY", db_value(&rows, i, 3));
		view_set(row, "TIME", db_value(&rows, i, 4));
		view_set(row, "DAY", day);
		if (strcmp(day, prev_day) != 0)
			view_show(row, "NEW_DAY");
		if (strcmp(sender, "customer") == 0) {
			view_show(row, "MINE");
			view_set(row, "SIDE", "mine");
		} else if (strcmp(sender, "agent") == 0) {
			view_show(row, "THEIRS");
			view_set(row, "SIDE", "theirs");
			if (strcmp(prev_sender, "agent") != 0 || strcmp(day, prev_day) != 0)
				view_show(row, "SHOW_SENDER");
		} else {
			view_show(row, "SYSTEM");
			view_set(row, "SIDE", "system");
		}
		if (*db_value(&rows, i, 3) != '\0')
			view_show(row, "HAS_BODY");
		if (!db_is_null(&rows, i, 6)) {
			bool image = db_bool(&rows, i, 8);
			view_show(row, image ? "IMAGE" : "FILE");
			view_set(row, "FILE_ID", db_value(&rows, i, 6));
			view_set(row, "FILE_NAME", db_value(&rows, i, 7));
			view_set(row, "FILE_SIZE", db_value(&rows, i, 9));
		}
		if (strcmp(kind, "friend_request") == 0)
			view_show(row, "FRIEND_REQUEST");
		prev_sender = sender;
		prev_day = day;
	}
	*last_id = db_int(&rows, 0, 0);
	return count;
}

/* The catalog key's text into view as NAME_ERROR with NAME_INVALID shown. */
static void talk_set_error(struct request *req, struct view *view, const char *name,
    const char *key)
{
	view_set(view, arena_printf(req->arena, "%s_ERROR", name), talk_text(req, key, 0, ""));
	view_show(view, arena_printf(req->arena, "%s_INVALID", name));
}

/* Renders the chat page with status: the profile, the conversation and,
 * when the customer may write, the input box (with form's values). */
static int talk_render(struct request *req, const struct talk_account *account,
    const struct talk_form *form, int status)
{
	const char *key = chat_customer_key(req, true);
	struct chat_customer customer;
	int found = chat_customer_find(req, account->id, key, &customer);
	if (found < 0)
		return -1;
	struct view *view = page_new(req, "talk.title");
	req->framable = true; /* the page may sit in a frame on the account's own site */
	view_set(view, "TITLE", account->name);
	view_set(view, "CODE", account->code);
	view_set(view, "ACCOUNT_NAME", account->name);
	/* The first character of the name stands in for a missing profile image. */
	size_t initial = *account->name != '\0' ? 1 : 0;
	while (initial > 0 && initial < 4 && ((unsigned char)account->name[initial] & 0xC0) == 0x80)
		initial++;
	view_set(view, "INITIAL", arena_strndup(req->arena, account->name, initial));

	/* The events stream replays what happened after this moment, taken
	 * before the messages are read (?since= of /events/talk/CODE). */
	struct timespec now;
	clock_gettime(CLOCK_REALTIME, &now);
	view_set_int(view, "SINCE", (long long)now.tv_sec * 1000 + now.tv_nsec / 1000000);

	bool open = talk_is_open(account);
	const char *closed = talk_closed_reason(account);
	bool blocked = form->blocked || (found == 1 && customer.blocked);
	long long last_id = 0;
	int messages = 0;
	if (open) {
		if (*account->intro != '\0') {
			view_show(view, "HAS_INTRO");
			view_set(view, "ACCOUNT_INTRO", account->intro);
		}
		view_show(view, account->has_profile_image ? "HAS_PROFILE_IMAGE" : "NO_PROFILE_IMAGE");
		if (account->has_background_image)
			view_show(view, "HAS_BACKGROUND_IMAGE");
		struct view *list = view_include(view, "MESSAGE_LIST", "part_talk_messages");
		if (found == 1 && customer.room_id != 0) {
			messages = talk_add_messages(req, list, account, customer.room_id, 0, &last_id);
			if (messages < 0)
				return -1;
			view_show(view, "CAN_LEAVE");
			view_show(view, "HAS_ROOM");
		}
		if (found == 1 && customer.is_friend)
			view_show(view, "FRIEND_REMOVE");
		else if (!blocked)
			view_show(view, "FRIEND_ADD");
		view_show(view, "LIVE");
	} else {
		view_show(view, "NO_PROFILE_IMAGE");
	}
	if (messages == 0 && open)
		view_show(view, "EMPTY");
	view_set_int(view, "LAST_ID", last_id);

	if (blocked && open) {
		view_show(view, "BLOCKED");
	} else if (closed != NULL) {
		view_show(view, "CLOSED");
		view_set_text(view, "CLOSED_TEXT", closed);
	} else {
		view_show(view, "COMPOSER");
		view_set(view, "CLIENT_ID", talk_new_client_id(req));
		view_set(view, "REF", form->ref);
		view_set(view, "REFERRER", form->referrer);
		if (found != 1 || customer.room_id == 0) {
			view_show(view, "ASK_NAME");
			view_set(view, "NAME_PLACEHOLDER", found == 1
			    ? chat_customer_label(req, "", customer.number) : "");
		}
		if (form->values != NULL) {
			const struct param_value *values = form->values;
			view_set(view, "TEXT", values[MESSAGE_TEXT].text);
			view_set(view, "NAME", values[MESSAGE_NAME].text);
			if (values[MESSAGE_TEXT].error != NULL) {
				view_set(view, "TEXT_ERROR", talk_text(req, values[MESSAGE_TEXT].error,
				    message_fields[MESSAGE_TEXT].max, ""));
				view_show(view, "TEXT_INVALID");
			}
			if (values[MESSAGE_NAME].error != NULL) {
				view_set(view, "NAME_ERROR", talk_text(req, values[MESSAGE_NAME].error,
				    message_fields[MESSAGE_NAME].max, ""));
				view_show(view, "NAME_INVALID");
			}
		}
		if (form->file_error != NULL)
			talk_set_error(req, view, "FILE", form->file_error);
		if (form->form_error != NULL) {
			view_show(view, "FORM_ERROR");
			view_set_text(view, "FORM_ERROR_TEXT", form->form_error);
		}
	}
	return page_render(req, view, "page_talk", status);
}

static int talk_page(struct request *req)
{
	struct talk_account account;
	int found = talk_account_load(req, &account);
	if (found <= 0)
		return found == 0 ? 404 : -1;
	struct talk_form form = { 0 };
	talk_inflow(req, &form);
	return talk_render(req, &account, &form, 200);
}

/* Answers a refused post: JSON for the script, else the page again. */
static int talk_refuse(struct request *req, const struct talk_account *account,
    struct talk_form *form, int status, const char *error_key, long long max)
{
	if (talk_wants_json(req))
		return talk_json(req, status, talk_text(req, error_key, max, account->name));
	return talk_render(req, account, form, status);
}

/* Browsers send a textarea's line breaks as CRLF; a limit counts each as one
 * character, as the box did while typing. Rewrites the field in place. */
static void talk_normalize_lines(struct request *req, const char *name)
{
	for (size_t i = 0; i < req->form.count; i++) {
		struct http_field *field = &req->form.items[i];
		if (strcmp(field->name, name) != 0 || strchr(field->value, '\r') == NULL)
			continue;
		char *copy = arena_strdup(req->arena, field->value), *out = copy;
		for (const char *p = field->value; *p != '\0'; p++)
			if (!(p[0] == '\r' && p[1] == '\n'))
				*out++ = *p == '\r' ? '\n' : *p;
		*out = '\0';
		field->value = copy;
		field->length = (size_t)(out - copy);
	}
}

/* Judges the attached file (if any) as an image, else as a file (CHAT-4).
 * Returns NULL and sets *mime, or the catalog key of the refusal. */
static const char *talk_check_file(struct request *req, const struct http_file *file,
    const char **mime)
{
	const char *error = upload_check(req->arena, file, &upload_chat_image, mime);
	if (error != NULL && strcmp(error, "err.file_type") == 0)
		error = upload_check(req->arena, file, &upload_chat_file, mime);
	if (error == NULL)
		return NULL;
	if (strcmp(error, "err.file_too_large") == 0)
		return "talk.err.file_too_large";
	if (strcmp(error, "err.file_empty") == 0)
		return "talk.err.file_empty";
	return "talk.err.file_type";
}

/* Counts this post against the customer's and the address's limits:
 * 1 allowed, 0 over a limit, <0 error. */
static int talk_rate_allow(struct request *req, long long customer_id)
{
	int per_address = (int)config_int("talk_rate_address", 120, 1, 1000000);
	int allowed = chat_rate_allow(req, arena_printf(req->arena, "talk:a:%s", req->remote_addr),
	    per_address, TALK_RATE_WINDOW);
	if (allowed <= 0)
		return allowed;
	int per_customer = (int)config_int("talk_rate_customer", 20, 1, 1000000);
	return chat_rate_allow(req, arena_printf(req->arena, "talk:c:%lld", customer_id),
	    per_customer, TALK_RATE_WINDOW);
}

static int post_message(struct request *req)
{
	struct talk_account account;
	int found = talk_account_load(req, &account);
	if (found <= 0)
		return found == 0 ? 404 : -1;
	struct talk_form form = { "", "", NULL, NULL, NULL, false };
	const char *closed = talk_closed_reason(&account);
	if (closed != NULL)
		return talk_refuse(req, &account, &form, 403, closed, 0);

	talk_normalize_lines(req, "text");
	struct param_value values[COUNT(message_fields)];
	param_read(req, message_fields, COUNT(message_fields), values);
	form.values = values;
	/* Hidden fields from our own page: a bad value is dropped, not shown. */
	const char *client_id = values[MESSAGE_CLIENT_ID].error == NULL
	    && values[MESSAGE_CLIENT_ID].present
	    && strlen(values[MESSAGE_CLIENT_ID].text) <= TALK_CLIENT_ID_MAX
	    ? values[MESSAGE_CLIENT_ID].text : NULL;
	form.ref = talk_ref_valid(values[MESSAGE_REF].text) ? values[MESSAGE_REF].text : "";
	form.referrer = values[MESSAGE_REFERRER].error == NULL ? values[MESSAGE_REFERRER].text : "";

	const struct http_file *file = http_file(req, "file");
	const char *mime = NULL;
	if (file != NULL)
		form.file_error = talk_check_file(req, file, &mime);
	if (values[MESSAGE_TEXT].error == NULL && !values[MESSAGE_TEXT].present && file == NULL)
		values[MESSAGE_TEXT].error = "talk.err.empty";
	const char *error = values[MESSAGE_TEXT].error != NULL ? values[MESSAGE_TEXT].error
	    : values[MESSAGE_NAME].error != NULL ? values[MESSAGE_NAME].error : form.file_error;
	if (error != NULL) {
		long long max = error == values[MESSAGE_NAME].error ? message_fields[MESSAGE_NAME].max
			: message_fields[MESSAGE_TEXT].max;
		int status = error == form.file_error && strcmp(error, "talk.err.file_too_large") == 0
		    ? 413 : 422;
		return talk_refuse(req, &account, &form, status, error, max);
	}

	struct chat_customer customer;
	if (chat_customer_ensure(req, account.id, chat_customer_key(req, true), &customer) != 1)
		return -1;
	int allowed = talk_rate_allow(req, customer.id);
	if (allowed < 0)
		return -1;
	if (allowed == 0) {
		form.form_error = "talk.err.rate";
		return talk_refuse(req, &account, &form, 429, form.form_error, 0);
	}
	if (customer.blocked) {
		form.blocked = true;
		return talk_refuse(req, &account, &form, 403, "talk.blocked", 0);
	}
	if (customer.room_id == 0 && values[MESSAGE_NAME].present
	    && DB_EXEC(req->arena, NULL,
		   "UPDATE customers SET display_name = $3 WHERE id = $1 AND account_id = $2",
		   db_param_int(req->arena, customer.id), db_param_int(req->arena, account.id),
		   values[MESSAGE_NAME].text) < 0)
		return -1;

	struct chat_input input = {
		.text = values[MESSAGE_TEXT].text, .file = file, .mime = mime, .client_id = client_id,
	};
	int result = chat_post_customer(req, account.id, &customer, &input, form.ref, form.referrer);
	if (result == CHAT_BLOCKED) {
		form.blocked = true;
		return talk_refuse(req, &account, &form, 403, "talk.blocked", 0);
	}
	if (result != CHAT_OK && result != CHAT_DUPLICATE)
		return -1;
	if (talk_wants_json(req))
		return talk_json(req, 200, NULL);
	return http_redirect(req, arena_printf(req->arena, "/talk/%s", account.code));
}

/* GET /talk/CODE/messages?after=ID: the customer's newer messages as list
 * items for the script; 204 when there are none. */
static int messages_fragment(struct request *req)
{
	struct talk_account account;
	int found = talk_account_load(req, &account);
	if (found <= 0)
		return found == 0 ? 404 : -1;
	long long after = 0;
	const char *after_text = http_query(req, "after");
	if (after_text != NULL && *after_text != '\0'
	    && text_to_int(after_text, 0, 9223372036854775807LL, &after) != 0)
		return 400;
	const char *key = chat_customer_key(req, false);
	struct chat_customer customer;
	found = key != NULL ? chat_customer_find(req, account.id, key, &customer) : 0;
	if (found < 0)
		return -1;
	if (found == 0 || customer.room_id == 0 || !talk_is_open(&account)) {
		req->status = 204;
		return 204;
	}
	struct view *view = page_new(req, "talk.title");
	view_set(view, "CODE", account.code);
	view_set(view, "ACCOUNT_NAME", account.name);
	long long last_id = 0;
	int count = talk_add_messages(req, view, &account, customer.room_id, after, &last_id);
	if (count < 0)
		return -1;
	if (count == 0) {
		req->status = 204;
		return 204;
	}
	return page_render(req, view, "part_talk_messages", 200);
}

/* GET /talk/CODE/files/ID: an attachment of the customer's own room. */
static int attachment(struct request *req)
{
	struct talk_account account;
	int found = talk_account_load(req, &account);
	if (found <= 0)
		return found == 0 ? 404 : -1;
	long long id;
	if (text_to_int(req->params[1], 1, 9223372036854775807LL, &id) != 0)
		return 404;
	const char *key = chat_customer_key(req, false);
	struct chat_customer customer;
	found = key != NULL ? chat_customer_find(req, account.id, key, &customer) : 0;
	if (found <= 0)
		return found == 0 ? 404 : -1;
	struct db_rows rows;
	found = DB_EXEC(req->arena, &rows,
	    "SELECT att.stored_name, att.mime, att.display_name, att.is_image FROM attachments att "
	    "JOIN rooms r ON r.id = att.room_id AND r.account_id = att.account_id "
	    "WHERE att.id = $1 AND att.account_id = $2 AND r.customer_id = $3",
	    db_param_int(req->arena, id), db_param_int(req->arena, account.id),
	    db_param_int(req->arena, customer.id));
	if (found <= 0)
		return found == 0 ? 404 : -1;
	return upload_serve(req, db_value(&rows, 0, 0), db_value(&rows, 0, 1), db_value(&rows, 0, 2),
	    !db_bool(&rows, 0, 3));
}

/* GET /talk/CODE/images/profile and /background, while the home is public. */
static int image(struct request *req)
{
	const char *which = req->params[1];
	if (strcmp(which, "profile") != 0 && strcmp(which, "background") != 0)
		return 404;
	struct talk_account account;
	int found = talk_account_load(req, &account);
	if (found <= 0)
		return found == 0 ? 404 : -1;
	if (!talk_is_open(&account))
		return 404;
	struct db_rows rows;
	found = DB_EXEC(req->arena, &rows,
	    "SELECT CASE WHEN $2 = 'profile' THEN profile_image ELSE background_image END, "
	    "CASE WHEN $2 = 'profile' THEN profile_image_type ELSE background_image_type END "
	    "FROM accounts WHERE id = $1",
	    db_param_int(req->arena, account.id), which);
	if (found < 0)
		return -1;
	if (found == 0 || db_is_null(&rows, 0, 0))
		return 404;
	return upload_serve(req, db_value(&rows, 0, 0), db_value(&rows, 0, 1), which, false);
}

/* POST /talk/CODE/friend and /unfriend (CHAT-6): not while the home is
 * hidden, and a blocked customer cannot add the account. */
static int set_friend(struct request *req, bool friend)
{
	struct talk_account account;
	int found = talk_account_load(req, &account);
	if (found <= 0)
		return found == 0 ? 404 : -1;
	struct talk_form form = { "", "", NULL, NULL, NULL, false };
	if (!talk_is_open(&account))
		return talk_render(req, &account, &form, 403);
	struct chat_customer customer;
	if (chat_customer_ensure(req, account.id, chat_customer_key(req, true), &customer) != 1)
		return -1;
	if (friend && customer.blocked) {
		form.blocked = true;
		return talk_render(req, &account, &form, 403);
	}
	if (DB_EXEC(req->arena, NULL,
		"UPDATE customers SET is_friend = $3, "
		"friend_since = CASE WHEN $3 THEN coalesce(friend_since, now()) END "
		"WHERE id = $1 AND account_id = $2",
		db_param_int(req->arena, customer.id), db_param_int(req->arena, account.id),
		friend ? "true" : "false") != 1)
		return -1;
	return http_redirect(req, arena_printf(req->arena, "/talk/%s", account.code));
}

static int friend_add(struct request *req)
{
	return set_friend(req, true);
}

static int friend_remove(struct request *req)
{
	return set_friend(req, false);
}

/* POST /talk/CODE/leave (CHAT-5): empties the customer's view of the room;
 * the account keeps the history, and new messages show again. */
static int leave(struct request *req)
{
	struct talk_account account;
	int found = talk_account_load(req, &account);
	if (found <= 0)
		return found == 0 ? 404 : -1;
	const char *key = chat_customer_key(req, false);
	struct chat_customer customer;
	found = key != NULL ? chat_customer_find(req, account.id, key, &customer) : 0;
	if (found < 0)
		return -1;
	if (found == 1 && customer.room_id != 0
	    && DB_EXEC(req->arena, NULL,
		   "UPDATE rooms SET customer_cleared_at = now() "
		   "WHERE id = $1 AND account_id = $2 AND customer_id = $3",
		   db_param_int(req->arena, customer.room_id), db_param_int(req->arena, account.id),
		   db_param_int(req->arena, customer.id)) < 0)
		return -1;
	return http_redirect(req, arena_printf(req->arena, "/talk/%s", account.code));
}

static const struct route routes[] = {
	{ ROUTE_GET, "/talk/{code}", ROUTE_PUBLIC, talk_page },
	{ ROUTE_GET, "/talk/{code}/messages", ROUTE_PUBLIC, messages_fragment },
	{ ROUTE_POST, "/talk/{code}/messages", ROUTE_PUBLIC, post_message, ROUTE_BODY_FILES, true },
	{ ROUTE_POST, "/talk/{code}/friend", ROUTE_PUBLIC, friend_add },
	{ ROUTE_POST, "/talk/{code}/unfriend", ROUTE_PUBLIC, friend_remove },
	{ ROUTE_POST, "/talk/{code}/leave", ROUTE_PUBLIC, leave },
	{ ROUTE_GET, "/talk/{code}/files/{id}", ROUTE_PUBLIC, attachment },
	{ ROUTE_GET, "/talk/{code}/images/{name}", ROUTE_PUBLIC, image },
};

int main(int argc, char **argv)
{
	static const struct program program = {
		.name = "talk", .routes = routes, .route_count = COUNT(routes), .uploads = true,
	};
	return fcgi_main(argc, argv, &program);
}
