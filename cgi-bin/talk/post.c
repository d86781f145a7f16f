/* talk: a customer's message (POST /talk/CODE/messages, CHAT-2, CHAT-4):
 * text and an optional file, judged, rate-limited and stored; JSON for the
 * script, else a 303 back to the page or the page again with the errors. */
#include "pages.h"
#include "arena.h"
#include "db_customers.h"
#include "http.h"
#include "page.h"
#include "upload.h"
#include "view.h"

#include <string.h>

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

/* The 403 of a blocked customer (CHAT-7): nothing stored, nothing counted. */
static int talk_refuse_blocked(struct request *req, const struct chat_account *account,
    struct talk_form *form)
{
	form->blocked = true;
	return talk_refuse(req, account, form, 403, "talk.blocked", 0);
}

/* Stores the judged message for the customer of this browser (found with
 * the opening, or none yet), made now if it is the first: the status of a
 * refusal (blocked, rate), or 0 when stored (or a retry of one). */
static int talk_store(struct request *req, const struct chat_account *account,
    struct talk_form *form, struct chat_input *input, const struct opening *opening,
    struct chat_customer customer)
{
	const char *key = chat_customer_key(req, true); /* a first visit's key is new */
	if (customer.blocked)
		return talk_refuse_blocked(req, account, form);
	int allowed = talk_limit_take(req, TALK_LIMIT_POST, account, key, &customer);
	if (allowed <= 0)
		return allowed < 0 ? -1 : talk_refuse_rate(req, account, form, "talk.err.rate");
	const struct param_value *name = &form->values[MESSAGE_NAME];
	if (customer.room_id == 0 && name->present
	    && db_customers_set_name(req->arena, account->id, customer.id, name->text) < 0)
		return -1;
	struct chat_automatic automatic[TALK_AUTOMATIC_MAX];
	input->automatic = automatic;
	input->automatic_count = talk_automatic(req, opening, &customer, automatic);
	int result = chat_post_customer(req, account->id, &customer, input, form->ref,
	    form->referrer);
	if (result == CHAT_BLOCKED)
		return talk_refuse_blocked(req, account, form);
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
	struct opening opening;
	struct chat_customer customer;
	if (talk_visit_load(req, &account, chat_customer_key(req, false), &opening, &customer) < 0)
		return -1;
	if (talk_refuses(&opening))
		return talk_refuse(req, &account, &form, 403, "hours.refused", 0);

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
		status = talk_store(req, &account, &form, &input, &opening, customer);
	if (status != 0)
		return status;
	if (page_wants_json(req))
		return page_json(req, 200, "{\"ok\":true}");
	return talk_back(req, &account);
}
