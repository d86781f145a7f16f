/* request: the consultation request form (상담요청배너, FAQ-4): on or off,
 * and an ordered list of questions, each with 2..10 choices or a short free
 * answer; customers answer it before their first message (talk/taps.c). The
 * switch and a new question are saved together, in one transaction. */
#include "account.h"
#include "arena.h"
#include "db.h"
#include "db_request_forms.h"
#include "form.h"
#include "history.h"
#include "http.h"
#include "pages.h"
#include "page.h"
#include "param.h"
#include "text.h"
#include "view.h"

#include <string.h>

enum { CHOICES_MIN = 2, CHOICES_MAX = 10, CHOICE_LENGTH = 50 };

static const char *const question_kinds[] = { "choice", "text", NULL };

enum { FORM_ON, FORM_QUESTION, FORM_KIND, FORM_CHOICES, FORM__MAX };
static const struct param_field request_fields[FORM__MAX] = {
	[FORM_ON] = { "on", PARAM_CHECKBOX, false, 0, 0, NULL },
	[FORM_QUESTION] = { "question", PARAM_TEXT, false, 0, 100, NULL },
	[FORM_KIND] = { "kind", PARAM_CHOICE, false, 0, 0, question_kinds },
	[FORM_CHOICES] = { "choices", PARAM_LINES, false, 0, 600, NULL },
};

static const char *const request_notices[] = { "saved", "deleted", "moved", NULL };

static const struct form request_form = {
	.template_name = "page_faq_request", .title = "faq.request.title", .menu = "request",
	.fields = request_fields, .field_count = FORM__MAX, .notices = request_notices,
};

/* Adds question's choices as rows of CHOICES. */
static void add_choices(struct request *req, struct view *row, const char *choices)
{
	const char *line = choices;
	while (*line != '\0') {
		const char *end = strchr(line, '\n');
		size_t length = end != NULL ? (size_t)(end - line) : strlen(line);
		view_set(view_add_row(row, "CHOICES"), "CHOICE",
		    arena_strndup(req->arena, line, length));
		line += length + (end != NULL);
	}
}

static int request_show(struct request *req, const struct param_value *values, int status)
{
	int on = db_request_forms_is_on(req->arena, req->account->id);
	struct request_question *questions;
	int count = on < 0 ? on : db_request_forms_questions(req->arena, req->account->id,
	    &questions);
	if (count < 0)
		return -1;
	struct view *view = form_view(req, &request_form, values, NULL, NULL);
	if (values == NULL && on == 1)
		view_show(view, "ON_CHECKED");
	if (values == NULL)
		view_show(view, "KIND_IS_CHOICE");
	for (int i = 0; i < count; i++) {
		struct view *row = view_add_row(view, "QUESTIONS");
		view_set_int(row, "QUESTION_ID", questions[i].id);
		view_set(row, "PROMPT", questions[i].prompt);
		view_show(row, questions[i].is_choice ? "IS_CHOICE" : "IS_TEXT");
		add_choices(req, row, questions[i].choices);
		if (i > 0)
			view_show(row, "CAN_UP");
		if (i < count - 1)
			view_show(row, "CAN_DOWN");
	}
	view_show(view, count == 0 ? "NO_QUESTIONS" : "HAS_QUESTIONS");
	if (count >= FAQ_QUESTIONS_MAX)
		view_show(view, "AT_LIMIT");
	return form_render(req, &request_form, view, status);
}

int request_form_page(struct request *req)
{
	return request_show(req, NULL, 200);
}

/* The choices typed one per line, blank lines dropped, each trimmed and
 * judged: NULL with *joined set (LF between them), or the error's key. */
static const char *request_choices(struct request *req, const char *typed, const char **joined)
{
	struct strbuf out;
	strbuf_init(&out, req->arena);
	int count = 0;
	char *copy = arena_strdup(req->arena, typed);
	for (char *line = strtok(copy, "\n"); line != NULL; line = strtok(NULL, "\n")) {
		line = text_trim(line);
		if (*line == '\0')
			continue;
		if (text_utf8_length(line, strlen(line)) > CHOICE_LENGTH)
			return "faq.err.choice_long";
		strbuf_printf(&out, "%s%s", count > 0 ? "\n" : "", line);
		count++;
	}
	if (count < CHOICES_MIN || count > CHOICES_MAX)
		return "faq.err.choice_count";
	*joined = strbuf_text(&out);
	return NULL;
}

/* Judges the new question: the question is needed for choices, and a
 * choice question needs 2..10 choices. Fills *question when one is given. */
static bool request_judge(struct request *req, struct param_value *values,
    struct request_question *question)
{
	*question = (struct request_question) { .prompt = values[FORM_QUESTION].text,
		.is_choice = strcmp(values[FORM_KIND].text, "text") != 0, .choices = "" };
	if (!values[FORM_QUESTION].present) {
		if (values[FORM_CHOICES].present && values[FORM_CHOICES].error == NULL)
			values[FORM_QUESTION].error = "err.required";
		return values[FORM_QUESTION].error == NULL;
	}
	if (question->is_choice && values[FORM_CHOICES].error == NULL)
		values[FORM_CHOICES].error = request_choices(req, values[FORM_CHOICES].text,
		    &question->choices);
	return values[FORM_CHOICES].error == NULL;
}

int request_form_save(struct request *req)
{
	struct param_value values[FORM__MAX];
	struct request_question question;
	int errors = form_read(req, &request_form, values, NULL);
	if (!request_judge(req, values, &question) || errors > 0)
		return request_show(req, values, 422);
	int saved = account_lock(req);
	if (saved != 0)
		return -1;
	bool on = values[FORM_ON].number == 1;
	int was_on = db_request_forms_is_on(req->arena, req->account->id);
	saved = was_on < 0 ? was_on : db_request_forms_set_on(req->arena, req->account->id, on);
	if (saved > 0 && values[FORM_QUESTION].present)
		saved = db_request_forms_add(req->arena, req->account->id, &question,
		    FAQ_QUESTIONS_MAX);
	const struct history_field fields[] = {
		{ "faq.request.on", history_on_off(req, was_on == 1), history_on_off(req, on) },
		{ "faq.request.question", "",
		    values[FORM_QUESTION].present ? question.prompt : "" },
	};
	const char *before, *after;
	history_diff(req, fields, 2, &before, &after);
	saved = faq_commit(req, saved, "request_form", view_text(req->lang, "menu.request_form"),
	    before, after);
	if (saved == 0) {
		values[FORM_QUESTION].error = "faq.err.questions_full";
		return request_show(req, values, 422);
	}
	return saved < 0 ? -1 : form_done(req, faq_path(req, "request-form"), "saved");
}

/* Begins a change of question id and finds its prompt: 1 (the transaction
 * open), 0 not a question of the account, <0 error (rolled back). */
static int request_begin(struct request *req, long long id, const char **prompt)
{
	struct request_question *questions;
	if (db_begin(req->arena) != 0)
		return DB_ERROR;
	int count = db_request_forms_questions(req->arena, req->account->id, &questions);
	for (int i = 0; i < count; i++)
		if (questions[i].id == id) {
			*prompt = questions[i].prompt;
			return 1;
		}
	db_rollback(req->arena);
	return count < 0 ? count : 0;
}

int request_form_move(struct request *req)
{
	int up = faq_direction(req);
	if (up < 0)
		return 400;
	const char *prompt;
	int moved = request_begin(req, req->ids[1], &prompt);
	if (moved == 1)
		moved = faq_commit(req, db_request_forms_move(req->arena, req->account->id,
		    req->ids[1], up == 1), "request_move", prompt, NULL,
		    view_text(req->lang, up == 1 ? "history_value_up" : "history_value_down"));
	if (moved < 0)
		return -1;
	return form_done(req, faq_path(req, "request-form"), "moved");
}

/* Asks first (found before asking, so another account's question is 404). */
int request_form_delete(struct request *req)
{
	const char *prompt;
	int deleted = request_begin(req, req->ids[1], &prompt);
	int asked = deleted == 1 ? faq_asked(req, "faq.confirm.delete_question", prompt,
	    "request-form") : 0;
	if (asked != 0) {
		db_rollback(req->arena);
		return asked;
	}
	if (deleted == 1)
		deleted = faq_commit(req, db_request_forms_delete(req->arena, req->account->id,
		    req->ids[1]), "request_delete", prompt, NULL, NULL);
	return faq_changed(req, deleted, faq_path(req, "request-form"), "deleted");
}
