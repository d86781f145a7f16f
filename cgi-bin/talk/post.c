/* talk: a customer's message (POST /talk/CODE/messages, CHAT-2, CHAT-4):
 * text and an optional file, judged, rate-limited and stored; JSON for the
 * script, else a 303 back to the page or the page again with the errors. */
#include "pages.h"
#include "arena.h"
#include "config.h"
#include "db_customers.h"
#include "http.h"
#include "page.h"
#include "upload.h"
#include "view.h"

#include <string.h>

enum { TALK_RATE_WINDOW = 60 }; /* seconds */

static const struct param_field message_fields[MESSAGE__MAX] = {
	[MESSAGE_TEXT] = { "text", PARAM_LINES, false, 0, 1000 },
	[MESSAGE_NAME] = { "name", PARAM_NAME, false, 0, 20 },
	[MESSAGE_CLIENT_ID] = { "client_id", PARAM_CLIENT_ID, false, 0, 0 },
	[MESSAGE_REF] = { "ref", PARAM_TEXT, false, 0, TALK_REF_MAX },
	[MESSAGE_REFERRER] = { "referrer", PARAM_URL, false, 0, TALK_REFERRER_MAX },
};

const struct form talk_message_form = {
	.template_name = "page_talk",
	.title = "talk.title",
	.fields = message_fields,
	.field_count = MESSAGE__MAX,
};

/* The catalog text of key with {max} and {{ACCOUNT_NAME}} filled in, for
 * the JSON answers (templates fill them in pages). */
static const char *talk_error_text(struct request *req, const char *key, long long max,
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

/* Answers a refused post: JSON for the script, else the page again. */
static int talk_refuse(struct request *req, const struct chat_account *account,
    const struct talk_form *form, int status, const char *error_key, long long max)
{
	if (page_wants_json(req))
		return page_json_error(req, status, talk_error_text(req, error_key, max, account->name));
	return talk_render(req, account, form, status);
}

/* Judges the attached file as an image, else as a file (CHAT-4). Returns
 * NULL and sets *mime, or the catalog key of the refusal. */
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

/* Refuses what was typed or attached, if anything is wrong with it:
 * the refusal's status, or 0 when the message may go. */
static int talk_judge(struct request *req, const struct chat_account *account,
    struct talk_form *form, struct param_value *values, bool has_file)
{
	if (values[MESSAGE_TEXT].error == NULL && !values[MESSAGE_TEXT].present && !has_file)
		values[MESSAGE_TEXT].error = "talk.err.empty";
	int field = values[MESSAGE_TEXT].error != NULL ? MESSAGE_TEXT
	    : values[MESSAGE_NAME].error != NULL ? MESSAGE_NAME : -1;
	if (field >= 0)
		return talk_refuse(req, account, form, 422, values[field].error,
		    message_fields[field].max);
	if (form->file_error == NULL)
		return 0;
	int status = strcmp(form->file_error, "talk.err.file_too_large") == 0 ? 413 : 422;
	return talk_refuse(req, account, form, status, form->file_error, 0);
}

/* Counts this post against the address's and the customer's limits:
 * 1 allowed, 0 over a limit, <0 error. */
static int talk_rate_allow(struct request *req, long long customer_id)
{
	int per_address = (int)config_num("talk_rate_address");
	int allowed = chat_rate_allow(req, arena_printf(req->arena, "talk:a:%s", req->remote_addr),
	    per_address, TALK_RATE_WINDOW);
	if (allowed <= 0)
		return allowed;
	int per_customer = (int)config_num("talk_rate_customer");
	return chat_rate_allow(req, arena_printf(req->arena, "talk:c:%lld", customer_id),
	    per_customer, TALK_RATE_WINDOW);
}

/* Stores the judged message for the customer of this browser: the status
 * of a refusal (rate, blocked), or 0 when stored (or a retry of one). */
static int talk_store(struct request *req, const struct chat_account *account,
    struct talk_form *form, const struct chat_input *input)
{
	struct chat_customer customer;
	if (chat_customer_ensure(req, account->id, chat_customer_key(req, true), &customer) != 1)
		return -1;
	int allowed = talk_rate_allow(req, customer.id);
	if (allowed < 0)
		return -1;
	if (allowed == 0) {
		form->form_error = "talk.err.rate";
		return talk_refuse(req, account, form, 429, form->form_error, 0);
	}
	const struct param_value *name = &form->values[MESSAGE_NAME];
	if (!customer.blocked && customer.room_id == 0 && name->present
	    && db_customers_set_name(req->arena, account->id, customer.id, name->text) < 0)
		return -1;
	int result = chat_post_customer(req, account->id, &customer, input, form->ref,
	    form->referrer);
	if (result == CHAT_BLOCKED) {
		form->blocked = true;
		return talk_refuse(req, account, form, 403, "talk.blocked", 0);
	}
	return result == CHAT_OK || result == CHAT_DUPLICATE ? 0 : -1;
}

int talk_post(struct request *req)
{
	struct chat_account account;
	int status = talk_account_load(req, &account);
	if (status != 0)
		return status;
	struct talk_form form = { .ref = "", .referrer = "" };
	const char *closed = talk_closed_reason(&account);
	if (closed != NULL)
		return talk_refuse(req, &account, &form, 403, closed, 0);

	struct param_value values[MESSAGE__MAX];
	form_read(req, &talk_message_form, values, NULL);
	form.values = values;
	/* Hidden fields from our own page: a bad value is dropped, not shown. */
	form.ref = talk_ref_valid(values[MESSAGE_REF].text) ? values[MESSAGE_REF].text : "";
	form.referrer = values[MESSAGE_REFERRER].error == NULL ? values[MESSAGE_REFERRER].text : "";
	const struct http_file *file = http_file(req, "file");
	struct chat_input input = {
		.text = values[MESSAGE_TEXT].text,
		.file = file,
		.client_id = values[MESSAGE_CLIENT_ID].error == NULL
		    && values[MESSAGE_CLIENT_ID].present ? values[MESSAGE_CLIENT_ID].text : NULL,
	};
	if (file != NULL)
		form.file_error = talk_check_file(req, file, &input.mime);
	status = talk_judge(req, &account, &form, values, file != NULL);
	if (status == 0)
		status = talk_store(req, &account, &form, &input);
	if (status != 0)
		return status;
	if (page_wants_json(req))
		return page_json(req, 200, "{\"ok\":true}");
	return talk_back(req, &account);
}
