/* talk: what the chat page shows besides the conversation for FAQ-1, 2 and
 * 4: the published FAQ as a banner of questions, the chat menu's buttons
 * under the input box, and the request form before the first message. */
#include "pages.h"
#include "arena.h"
#include "db_chat_menu.h"
#include "db_faq_published.h"
#include "db_request_forms.h"
#include "http.h"
#include "view.h"

#include <string.h>

/* The FAQ banner: a form per published question. */
static int talk_add_faq(struct request *req, struct view *view,
    const struct chat_account *account)
{
	struct faq_entry *entries;
	int count = db_faq_published_list(req->arena, account->id, &entries);
	for (int i = 0; i < count; i++) {
		struct view *row = view_add_row(view, "FAQ_ENTRIES");
		view_set_int(row, "FAQ_ID", entries[i].id);
		view_set(row, "FAQ_QUESTION", entries[i].question);
	}
	if (count > 0)
		view_show(view, "HAS_FAQ");
	return count < 0 ? -1 : 0;
}

/* The chat menu: a form per button. */
static int talk_add_menu(struct request *req, struct view *view,
    const struct chat_account *account)
{
	struct menu_button *buttons;
	int count = db_chat_menu_list(req->arena, account->id, account->time_zone, &buttons);
	for (int i = 0; i < count; i++) {
		struct view *row = view_add_row(view, "MENU_BUTTONS");
		view_set_int(row, "BUTTON_ID", buttons[i].id);
		view_set(row, "BUTTON_LABEL", buttons[i].label);
	}
	if (count > 0)
		view_show(view, "HAS_MENU");
	return count < 0 ? -1 : 0;
}

/* One question of the request form, its choices as radio buttons. */
static void talk_add_question(struct request *req, struct view *view,
    const struct request_question *question)
{
	struct view *row = view_add_row(view, "REQUEST_QUESTIONS");
	view_set(row, "PROMPT", question->prompt);
	view_set(row, "FIELD", arena_printf(req->arena, "q%lld", question->id));
	if (!question->is_choice) {
		view_show(row, "FREE_ANSWER");
		return;
	}
	for (const char *line = question->choices; *line != '\0';) {
		const char *end = strchr(line, '\n');
		size_t length = end != NULL ? (size_t)(end - line) : strlen(line);
		struct view *choice = view_add_row(row, "CHOICES");
		view_set(choice, "CHOICE", arena_strndup(req->arena, line, length));
		view_set(choice, "FIELD", arena_printf(req->arena, "q%lld", question->id));
		line += length + (end != NULL);
	}
}

/* The request form, when on and the customer has neither a room nor
 * answers yet: 1 shown (it takes the input box's place), 0 not, <0. */
static int talk_add_request(struct request *req, struct view *view,
    const struct chat_account *account, const struct chat_customer *customer)
{
	if (customer->room_id != 0)
		return 0;
	int on = db_request_forms_is_on(req->arena, account->id);
	if (on <= 0)
		return on;
	if (customer->id != 0) {
		int answered = db_request_forms_answered(req->arena, account->id, customer->id);
		if (answered != 0)
			return answered < 0 ? answered : 0;
	}
	struct request_question *questions;
	int count = db_request_forms_questions(req->arena, account->id, &questions);
	for (int i = 0; i < count; i++)
		talk_add_question(req, view, &questions[i]);
	if (count > 0)
		view_show(view, "REQUEST_FORM");
	return count < 0 ? count : count > 0;
}

int talk_render_extras(struct request *req, struct view *view,
    const struct chat_account *account, const struct chat_customer *customer)
{
	if (talk_add_faq(req, view, account) != 0 || talk_add_menu(req, view, account) != 0)
		return -1;
	return talk_add_request(req, view, account, customer);
}
