/* settings: the inbox settings page, the chat session timeout (CHAT-17) and
 * the retention of the consultation history in years (CHAT-19). */
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

enum { SETTINGS_TIMEOUT, SETTINGS_RETENTION, SETTINGS__MAX };
static const struct param_field settings_fields[SETTINGS__MAX] = {
	[SETTINGS_TIMEOUT] = { "session_timeout_minutes", PARAM_INT, true, 5, 43200, NULL },
	[SETTINGS_RETENTION] = { "retention_years", PARAM_INT, false, 1, 10, NULL },
};

static const char *const settings_notices[] = { "saved", NULL };

static const struct form settings_form = {
	.template_name = "page_inbox_settings", .title = "inbox.settings.title", .menu = "chats",
	.fields = settings_fields, .field_count = SETTINGS__MAX, .notices = settings_notices,
};

int inbox_settings(struct request *req)
{
	long long minutes, years;
	if (db_accounts_session_timeout(req->arena, req->account->id, &minutes) != 1
	    || db_accounts_retention(req->arena, req->account->id, &years) != 1)
		return -1;
	struct view *view = form_view(req, &settings_form, NULL, NULL, NULL);
	view_set_int(view, "SESSION_TIMEOUT_MINUTES", minutes);
	view_set_int(view, "RETENTION_YEARS", years);
	if (inbox_assign_view(req, view) != 0)
		return -1;
	return form_render(req, &settings_form, view, 200);
}

int inbox_settings_save(struct request *req)
{
	struct param_value values[SETTINGS__MAX];
	if (form_read(req, &settings_form, values, NULL) > 0)
		return form_show(req, &settings_form, values, NULL, NULL, 422);
	long long minutes, years;
	long long account_id = req->account->id;
	/* an open transaction is rolled back when the request ends */
	if (db_begin(req->arena) != 0
	    || db_accounts_session_timeout(req->arena, account_id, &minutes) != 1
	    || db_accounts_retention(req->arena, account_id, &years) != 1)
		return -1;
	/* a form without the field (an older page) keeps the retention */
	long long new_years = values[SETTINGS_RETENTION].present
	    ? values[SETTINGS_RETENTION].number : years;
	if (db_accounts_set_retention(req->arena, account_id, new_years) != 1
	    || (new_years != years && history_add(req, HISTORY_SETTINGS, "retention", NULL,
		arena_printf(req->arena, "%lld", years),
		arena_printf(req->arena, "%lld", new_years)) != 1)
	    || history_commit(req, db_accounts_set_session_timeout(req->arena, account_id,
		values[SETTINGS_TIMEOUT].number), HISTORY_SETTINGS, "session_timeout",
		view_text(req->lang, "inbox.settings.timeout"),
		arena_printf(req->arena, "%lld", minutes),
		arena_printf(req->arena, "%lld", values[SETTINGS_TIMEOUT].number)) != 1)
		return -1;
	return form_done(req, arena_printf(req->arena, "/a/%s/chats/settings", req->account->code),
	    "saved");
}
