/* talk: what customers tap instead of typing (FAQ-1, FAQ-2, FAQ-4): a FAQ
 * question (POST /talk/CODE/faq/ID) or a chat menu button (POST
 * /talk/CODE/menu/ID) posts the question and its automatic answer; the
 * request form (POST /talk/CODE/request) stores the answers before the
 * first message. Each is counted against the customer's message limits. */
#include "pages.h"
#include "arena.h"
#include "db.h"
#include "db_chat_menu.h"
#include "db_faq_published.h"
#include "db_request_forms.h"
#include "http.h"
#include "page.h"
#include "param.h"
#include "text.h"

#include <string.h>

/* The customer of this browser (made now if new), counted against the
 * message limits: 0, or the status of a refusal (blocked, rate). */
static int talk_tap_customer(struct request *req, const struct chat_account *account,
    struct chat_customer *customer)
{
	struct talk_form form = { .ref = "", .referrer = "" };
	const char *key = chat_customer_key(req, true);
	*customer = (struct chat_customer) { 0 };
	if (chat_customer_find(req, account->id, key, customer) < 0)
		return -1;
	if (customer->blocked) {
		form.blocked = true;
		return talk_refuse(req, account, &form, 403, "talk.blocked", 0);
	}
	int allowed = talk_limit_take(req, TALK_LIMIT_POST, account, key, customer);
	if (allowed <= 0)
		return allowed < 0 ? -1 : talk_refuse_rate(req, account, &form, "talk.err.rate");
	return 0;
}

/* Loads the account and refuses when nobody may write: 0 or a status. */
static int talk_tap_account(struct request *req, struct chat_account *account)
{
	int status = talk_account_load(req, account);
	if (status != 0)
		return status;
	const char *closed = talk_closed_reason(account);
	if (closed == NULL)
		return 0;
	struct talk_form form = { .ref = "", .referrer = "" };
	return talk_refuse(req, account, &form, 403, closed, 0);
}

/* Posts tap for customer and answers the browser: JSON or 303. */
static int talk_tap_post(struct request *req, const struct chat_account *account,
    struct chat_customer *customer, const struct chat_tap *tap)
{
	int result = chat_post_tap(req, account->id, customer, tap);
	if (result == CHAT_BLOCKED) {
		struct talk_form form = { .ref = "", .referrer = "", .blocked = true };
		return talk_refuse(req, account, &form, 403, "talk.blocked", 0);
	}
	if (result != CHAT_OK)
		return -1;
	if (page_wants_json(req))
		return page_json(req, 200, "{\"ok\":true}");
	return talk_back(req, account);
}

int talk_faq_tap(struct request *req)
{
	struct chat_account account;
	int status = talk_tap_account(req, &account);
	if (status != 0)
		return status;
	struct faq_entry entry;
	int found = db_faq_published_get(req->arena, account.id, req->ids[1], &entry);
	if (found <= 0)
		return found < 0 ? -1 : 404;
	struct chat_customer customer;
	if ((status = talk_tap_customer(req, &account, &customer)) != 0)
		return status;
	struct chat_tap tap = {
		.question = entry.question,
		.answer = *entry.link != '\0' ? arena_printf(req->arena, "%s\n%s", entry.answer,
		    entry.link) : entry.answer,
		.image_name = entry.image_name,
		.image_mime = entry.image_mime,
		.image_size = entry.image_size,
	};
	return talk_tap_post(req, &account, &customer, &tap);
}

int talk_menu_tap(struct request *req)
{
	struct chat_account account;
	int status = talk_tap_account(req, &account);
	if (status != 0)
		return status;
	struct menu_button button;
	int found = db_chat_menu_get(req->arena, account.id, req->ids[1], &button);
	if (found <= 0)
		return found < 0 ? -1 : 404;
	struct chat_customer customer;
	if ((status = talk_tap_customer(req, &account, &customer)) != 0)
		return status;
	const struct chat_tap tap = { .question = button.label, .answer = button.response };
	status = talk_tap_post(req, &account, &customer, &tap);
	/* counted for the statistics once the messages are stored */
	if (status == 303 || status == 200)
		db_chat_menu_count(req->arena, account.id, button.id, account.time_zone);
	return status;
}

/* Judges the answer to question typed as raw: NULL and *answer set, or the
 * catalog key of what is wrong. A choice must be one of the choices. */
static const char *talk_request_judge(struct request *req,
    const struct request_question *question, const char *raw, const char **answer)
{
	static const struct param_field text_field = { "answer", PARAM_TEXT, true, 1, 100, NULL };
	struct param_value value;
	const char *error = param_check(req->arena, &text_field, raw, &value);
	if (error != NULL)
		return error;
	*answer = value.text;
	if (!question->is_choice)
		return NULL;
	size_t length = strlen(value.text);
	for (const char *line = question->choices; *line != '\0';) {
		const char *end = strchr(line, '\n');
		size_t line_length = end != NULL ? (size_t)(end - line) : strlen(line);
		if (line_length == length && strncmp(line, value.text, length) == 0)
			return NULL;
		line += line_length + (end != NULL);
	}
	return "err.choice";
}

/* Stores the answers of questions (count) in one transaction: 1, or <0. */
static int talk_request_store(struct request *req, long long account_id,
    long long customer_id, const struct request_answer *answers, int count)
{
	if (db_begin(req->arena) != 0)
		return -1;
	int stored = db_request_forms_answered(req->arena, account_id, customer_id) == 0 ? 1 : -1;
	for (int i = 0; stored == 1 && i < count; i++)
		stored = db_request_forms_answer(req->arena, account_id, customer_id, i + 1,
		    &answers[i]);
	if (stored == 1 && db_commit(req->arena) == 0)
		return 1;
	db_rollback(req->arena);
	return -1;
}

int talk_request_answer(struct request *req)
{
	struct chat_account account;
	int status = talk_tap_account(req, &account);
	if (status != 0)
		return status;
	struct request_question *questions;
	int on = db_request_forms_is_on(req->arena, account.id);
	int count = on <= 0 ? on : db_request_forms_questions(req->arena, account.id, &questions);
	if (count <= 0)
		return count < 0 ? -1 : 404;
	struct request_answer *answers = arena_alloc(req->arena, (size_t)count * sizeof(*answers));
	struct talk_form form = { .ref = "", .referrer = "" };
	for (int i = 0; i < count; i++) {
		answers[i].prompt = questions[i].prompt;
		const char *field = arena_printf(req->arena, "q%lld", questions[i].id);
		const char *raw = http_form(req, field);
		if (talk_request_judge(req, &questions[i], raw, &answers[i].answer) != NULL) {
			form.form_error = "faq.talk.err.answer";
			return talk_refuse(req, &account, &form, 422, form.form_error, 0);
		}
	}
	struct chat_customer customer;
	if ((status = talk_tap_customer(req, &account, &customer)) != 0)
		return status;
	int answered = db_request_forms_answered(req->arena, account.id, customer.id);
	if (answered == 0)
		answered = talk_request_store(req, account.id, customer.id, answers, count);
	if (answered < 0)
		return -1;
	if (page_wants_json(req))
		return page_json(req, 200, "{\"ok\":true}");
	return talk_back(req, &account);
}
