/* settings: the inbox settings page, the chat session timeout (CHAT-17). */
#include "account.h"
#include "arena.h"
#include "db.h"
#include "db_accounts.h"
#include "history.h"
#include "form.h"
#include "http.h"
#include "pages.h"
#include "param.h"
#include "view.h"

enum { SETTINGS_TIMEOUT, SETTINGS__MAX };
static const struct param_field settings_fields[SETTINGS__MAX] = {
	[SETTINGS_TIMEOUT] = { "session_timeout_minutes", PARAM_INT, true, 5, 43200, NULL },
};

static const char *const settings_notices[] = { "saved", NULL };

static const struct form settings_form = {
	.template_name = "page_inbox_settings", .title = "inbox.settings.title", .menu = "chats",
	.fields = settings_fields, .field_count = SETTINGS__MAX, .notices = settings_notices,
};

int inbox_settings(struct request *req)
{
	long long minutes;
	if (db_accounts_session_timeout(req->arena, req->account->id, &minutes) != 1)
		return -1;
	struct view *view = form_view(req, &settings_form, NULL, NULL, NULL);
	view_set_int(view, "SESSION_TIMEOUT_MINUTES", minutes);
	if (inbox_assign_view(req, view) != 0)
		return -1;
	return form_render(req, &settings_form, view, 200);
}

int inbox_settings_save(struct request *req)
{
	struct param_value values[SETTINGS__MAX];
	if (form_read(req, &settings_form, values, NULL) > 0)
		return form_show(req, &settings_form, values, NULL, NULL, 422);
	long long minutes;
	long long account_id = req->account->id;
	if (db_begin(req->arena) != 0
	    || db_accounts_session_timeout(req->arena, account_id, &minutes) != 1
	    || history_commit(req, db_accounts_set_session_timeout(req->arena, account_id,
		values[SETTINGS_TIMEOUT].number), HISTORY_SETTINGS, "session_timeout",
		view_text(req->lang, "inbox.settings.timeout"),
		arena_printf(req->arena, "%lld", minutes),
		arena_printf(req->arena, "%lld", values[SETTINGS_TIMEOUT].number)) != 1)
		return -1;
	return form_done(req, arena_printf(req->arena, "/a/%s/chats/settings", req->account->code),
	    "saved");
}
