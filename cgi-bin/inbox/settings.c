/* settings: the inbox settings page: the chat session timeout (CHAT-17) and
 * whether a reply to an unassigned room assigns it to the replier (issue 13). */
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

enum { SETTINGS_TIMEOUT, SETTINGS_REPLY_ASSIGNS, SETTINGS__MAX };
static const struct param_field settings_fields[SETTINGS__MAX] = {
	[SETTINGS_TIMEOUT] = { "session_timeout_minutes", PARAM_INT, true, 5, 43200, NULL },
	[SETTINGS_REPLY_ASSIGNS] = { "reply_assigns", PARAM_CHECKBOX, false, 0, 0, NULL },
};

static const char *const settings_notices[] = { "saved", NULL };

static const struct form settings_form = {
	.template_name = "page_inbox_settings", .title = "inbox.settings.title", .menu = "chats",
	.fields = settings_fields, .field_count = SETTINGS__MAX, .notices = settings_notices,
};

int inbox_settings(struct request *req)
{
	long long minutes;
	bool reply_assigns;
	if (db_accounts_session_timeout(req->arena, req->account->id, &minutes) != 1
	    || db_accounts_reply_assigns(req->arena, req->account->id, &reply_assigns) != 1)
		return -1;
	struct view *view = form_view(req, &settings_form, NULL, NULL, NULL);
	view_set_int(view, "SESSION_TIMEOUT_MINUTES", minutes);
	if (reply_assigns)
		view_show(view, "REPLY_ASSIGNS_CHECKED");
	return form_render(req, &settings_form, view, 200);
}

/* Saves both settings with one history line each that changed (LOG-1). */
static int settings_store(struct request *req, const struct param_value *values)
{
	struct arena *arena = req->arena;
	long long account_id = req->account->id, minutes;
	bool before, after = values[SETTINGS_REPLY_ASSIGNS].present;
	long long new_minutes = values[SETTINGS_TIMEOUT].number;
	if (db_begin(arena) != 0)
		return -1;
	bool ok = db_accounts_session_timeout(arena, account_id, &minutes) == 1
	    && db_accounts_reply_assigns(arena, account_id, &before) == 1
	    && db_accounts_set_session_timeout(arena, account_id, new_minutes) == 1
	    && db_accounts_set_reply_assigns(arena, account_id, after) == 1
	    && (minutes == new_minutes || history_add(req, HISTORY_SETTINGS, "chat_timeout",
		NULL, arena_printf(arena, "%lld", minutes),
		arena_printf(arena, "%lld", new_minutes)) == 1)
	    && (before == after || history_add(req, HISTORY_SETTINGS, "reply_assigns", NULL,
		before ? "on" : "off", after ? "on" : "off") == 1);
	if (!ok) {
		db_rollback(arena);
		return -1;
	}
	return db_commit(arena);
}

int inbox_settings_save(struct request *req)
{
	struct param_value values[SETTINGS__MAX];
	if (form_read(req, &settings_form, values, NULL) > 0)
		return form_show(req, &settings_form, values, NULL, NULL, 422);
	if (settings_store(req, values) != 0)
		return -1;
	return form_done(req, arena_printf(req->arena, "/a/%s/chats/settings", req->account->code),
	    "saved");
}
