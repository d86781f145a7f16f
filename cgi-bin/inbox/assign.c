/* assign: the chat settings' automatic assignment (CHAT-18): on or off and
 * the limit of open rooms per member; each change is written to the
 * account's history in its transaction. The assigning itself is chat.c's,
 * when a customer opens a room. */
#include "account.h"
#include "arena.h"
#include "db.h"
#include "db_accounts.h"
#include "form.h"
#include "history.h"
#include "http.h"
#include "pages.h"
#include "param.h"
#include "view.h"

enum { ASSIGN_ON, ASSIGN_LIMIT, ASSIGN__MAX };

static const struct param_field assign_fields[ASSIGN__MAX] = {
	[ASSIGN_ON] = { "auto_assign", PARAM_CHECKBOX, false, 0, 0, NULL },
	[ASSIGN_LIMIT] = { "assign_limit", PARAM_INT, true, 1, 1000, NULL },
};

static const struct form assign_form = {
	.template_name = "page_inbox_settings", .title = "inbox.settings.title", .menu = "chats",
	.fields = assign_fields, .field_count = ASSIGN__MAX,
};

int inbox_assign_view(struct request *req, struct view *view)
{
	bool on;
	long long limit;
	if (db_accounts_assign_get(req->arena, req->account->id, &on, &limit) != 1)
		return -1;
	if (on)
		view_show(view, "AUTO_ASSIGN_CHECKED");
	view_set_int(view, "ASSIGN_LIMIT", limit);
	return 0;
}

/* The history's words for a setting: "on · 10" or "off · 10". */
static const char *assign_words(struct request *req, bool on, long long limit)
{
	return arena_printf(req->arena, "%s · %lld", on ? "on" : "off", limit);
}

/* Saves the setting and its history entry in one transaction: 1, or <0. */
static int assign_store(struct request *req, bool on, long long limit)
{
	bool was_on;
	long long was_limit;
	if (db_begin(req->arena) != 0)
		return DB_ERROR;
	int result = db_accounts_assign_get(req->arena, req->account->id, &was_on, &was_limit);
	if (result == 1)
		result = db_accounts_set_assign(req->arena, req->account->id, on, limit);
	if (result == 1 && (was_on != on || was_limit != limit))
		result = history_add(req, HISTORY_SETTINGS, "auto_assign", NULL,
		    assign_words(req, was_on, was_limit), assign_words(req, on, limit));
	if (result != 1 || db_commit(req->arena) != 0) {
		db_rollback(req->arena);
		return DB_ERROR;
	}
	return 1;
}

int inbox_assign_save(struct request *req)
{
	struct param_value values[ASSIGN__MAX];
	if (form_read(req, &assign_form, values, NULL) > 0) {
		long long minutes;
		if (db_accounts_session_timeout(req->arena, req->account->id, &minutes) != 1)
			return -1;
		struct view *view = form_view(req, &assign_form, values, NULL, NULL);
		view_set_int(view, "SESSION_TIMEOUT_MINUTES", minutes);
		return form_render(req, &assign_form, view, 422);
	}
	if (assign_store(req, values[ASSIGN_ON].present, values[ASSIGN_LIMIT].number) != 1)
		return -1;
	return form_done(req, arena_printf(req->arena, "/a/%s/chats/settings", req->account->code),
	    "saved");
}
