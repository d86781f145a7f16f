/* messages: the automatic messages (away, holiday, welcome, chat notice for
 * non-friends with its switch, friend-thanks), each <= 500 characters, shown
 * with the built-in text until edited (HOURS-4, HOURS-5). A message left
 * empty, or saved equal to the built-in text, goes back to the built-in text
 * (which then follows the reader's language). */
#include "pages.h"
#include "account.h"
#include "arena.h"
#include "db.h"
#include "db_account_hours.h"
#include "form.h"
#include "history.h"
#include "http.h"
#include "opening.h"
#include "view.h"

#include <string.h>

enum { MESSAGES_NOTICE_ON = ACCOUNT_MESSAGE__MAX, MESSAGES__MAX };

#define MESSAGES_TEXT(name) { name, PARAM_LINES, false, 0, ACCOUNT_MESSAGE_MAX_LENGTH, NULL }

static const struct param_field messages_fields[MESSAGES__MAX] = {
	[ACCOUNT_MESSAGE_AWAY] = MESSAGES_TEXT("away_message"),
	[ACCOUNT_MESSAGE_HOLIDAY] = MESSAGES_TEXT("holiday_message"),
	[ACCOUNT_MESSAGE_WELCOME] = MESSAGES_TEXT("welcome_message"),
	[ACCOUNT_MESSAGE_NOTICE] = MESSAGES_TEXT("notice_message"),
	[ACCOUNT_MESSAGE_FRIEND_THANKS] = MESSAGES_TEXT("friend_thanks_message"),
	[MESSAGES_NOTICE_ON] = { "notice_on", PARAM_CHECKBOX, false, 0, 0, NULL },
};

static const char *const messages_notices[] = { "saved", NULL };

static const struct form messages_form = {
	.template_name = "page_hours_messages",
	.title = "hours.messages.title",
	.menu = "hours",
	.fields = messages_fields,
	.field_count = MESSAGES__MAX,
	.notices = messages_notices,
};

int messages_page(struct request *req)
{
	struct opening opening;
	int loaded = opening_load(req, req->account->id, &opening);
	if (loaded != 0)
		return loaded;
	struct param_value values[MESSAGES__MAX];
	for (int i = 0; i < ACCOUNT_MESSAGE__MAX; i++)
		values[i] = (struct param_value) { .text = opening_message(req, &opening, i),
			.present = true };
	values[MESSAGES_NOTICE_ON] = (struct param_value) {
		.text = opening.settings.notice_on ? "1" : "", .present = opening.settings.notice_on };
	return form_show(req, &messages_form, values, NULL, NULL, 200);
}

/* A message as the history shows it: its text, or the built-in one. */
static const char *messages_text(struct request *req, const struct account_hours *hours,
    int which)
{
	if (hours->messages[which] != NULL)
		return hours->messages[which];
	return view_text(req->lang, opening_default_key(which));
}

/* Saves the messages with the history entry of what changed, in one
 * transaction: as db_account_hours_save_messages. */
static int messages_save(struct request *req, const struct account_hours *hours)
{
	struct account_hours stored;
	if (db_begin(req->arena) != 0)
		return DB_ERROR;
	int found = db_account_hours_get(req->arena, req->account->id, &stored);
	if (found != 1) {
		db_rollback(req->arena);
		return found;
	}
	struct history_field fields[MESSAGES__MAX];
	for (int i = 0; i < ACCOUNT_MESSAGE__MAX; i++)
		fields[i] = (struct history_field) {
			arena_printf(req->arena, "hours.%s", messages_fields[i].name),
			messages_text(req, &stored, i), messages_text(req, hours, i) };
	fields[MESSAGES_NOTICE_ON] = (struct history_field) { "hours.notice_on",
	    history_on_off(req, stored.notice_on), history_on_off(req, hours->notice_on) };
	const char *before, *after;
	history_diff(req, fields, MESSAGES__MAX, &before, &after);
	return history_commit(req, db_account_hours_save_messages(req->arena, req->account->id,
	    hours), HISTORY_HOURS, "messages", view_text(req->lang, "hours.messages.title"), before,
	    after);
}

int messages_post(struct request *req)
{
	struct param_value values[MESSAGES__MAX];
	if (form_read(req, &messages_form, values, NULL) > 0)
		return form_show(req, &messages_form, values, NULL, NULL, 422);
	struct account_hours hours = { .notice_on = values[MESSAGES_NOTICE_ON].present };
	for (int i = 0; i < ACCOUNT_MESSAGE__MAX; i++) {
		const char *builtin = view_text(req->lang, opening_default_key(i));
		if (values[i].present && strcmp(values[i].text, builtin) != 0)
			hours.messages[i] = values[i].text;
	}
	int saved = messages_save(req, &hours);
	if (saved <= 0)
		return saved < 0 ? -1 : 404;
	return form_done(req, arena_printf(req->arena, "/a/%s/hours/messages", req->account->code),
	    "saved");
}
