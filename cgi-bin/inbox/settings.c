/* settings: the inbox settings page: the chat session timeout (CHAT-17), the
 * retention of the consultation history in years (CHAT-19) and whether a
 * reply to an unassigned room assigns it to the replier (issue 13). */
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

#include <string.h>

enum { SETTINGS_TIMEOUT, SETTINGS_RETENTION, SETTINGS_REPLY_ASSIGNS, SETTINGS__MAX };
static const struct param_field settings_fields[SETTINGS__MAX] = {
	[SETTINGS_TIMEOUT] = { "session_timeout_minutes", PARAM_INT, true, 5, 43200, NULL },
	[SETTINGS_RETENTION] = { "retention_years", PARAM_INT, false, 1, 10, NULL },
	[SETTINGS_REPLY_ASSIGNS] = { "reply_assigns", PARAM_CHECKBOX, false, 0, 0, NULL },
};

static const char *const settings_notices[] = { "saved", NULL };

static const struct form settings_form = {
	.template_name = "page_inbox_settings", .title = "inbox.settings.title", .menu = "chats",
	.fields = settings_fields, .field_count = SETTINGS__MAX, .notices = settings_notices,
};

/* The settings as stored. */
struct settings {
	long long minutes;
	long long years;
	bool reply_assigns;
};

/* Reads account_id's settings into out: 1, or <=0 when a read failed. */
static int settings_read(struct arena *arena, long long account_id, struct settings *out)
{
	return db_accounts_session_timeout(arena, account_id, &out->minutes) == 1
	    && db_accounts_retention(arena, account_id, &out->years) == 1
	    && db_accounts_reply_assigns(arena, account_id, &out->reply_assigns) == 1 ? 1 : -1;
}

int inbox_settings(struct request *req)
{
	struct settings now;
	if (settings_read(req->arena, req->account->id, &now) != 1)
		return -1;
	struct view *view = form_view(req, &settings_form, NULL, NULL, NULL);
	view_set_int(view, "SESSION_TIMEOUT_MINUTES", now.minutes);
	view_set_int(view, "RETENTION_YEARS", now.years);
	if (now.reply_assigns)
		view_show(view, "REPLY_ASSIGNS_CHECKED");
	if (inbox_assign_view(req, view) != 0)
		return -1;
	return form_render(req, &settings_form, view, 200);
}

/* Writes one history line when before and after differ: 1, or <0. */
static int settings_record(struct request *req, const char *action, const char *target,
    const char *before, const char *after)
{
	if (strcmp(before, after) == 0)
		return 1;
	return history_add(req, HISTORY_SETTINGS, action, target, before, after);
}

/* Saves the settings with one history line for each that changed (LOG-1),
 * all in one transaction: 0, or <0. */
static int settings_store(struct request *req, const struct param_value *values)
{
	struct arena *arena = req->arena;
	long long account_id = req->account->id;
	struct settings was, will;
	if (db_begin(arena) != 0)
		return -1;
	bool ok = settings_read(arena, account_id, &was) == 1;
	will = (struct settings) {
		.minutes = values[SETTINGS_TIMEOUT].number,
		/* a form without the field (an older page) keeps the retention */
		.years = values[SETTINGS_RETENTION].present ? values[SETTINGS_RETENTION].number
		    : was.years,
		.reply_assigns = values[SETTINGS_REPLY_ASSIGNS].present,
	};
	ok = ok && db_accounts_set_session_timeout(arena, account_id, will.minutes) == 1
	    && db_accounts_set_retention(arena, account_id, will.years) == 1
	    && db_accounts_set_reply_assigns(arena, account_id, will.reply_assigns) == 1
	    && settings_record(req, "session_timeout", view_text(req->lang,
		"inbox.settings.timeout"), arena_printf(arena, "%lld", was.minutes),
		arena_printf(arena, "%lld", will.minutes)) == 1
	    && settings_record(req, "retention", NULL, arena_printf(arena, "%lld", was.years),
		arena_printf(arena, "%lld", will.years)) == 1
	    && settings_record(req, "reply_assigns", NULL, was.reply_assigns ? "on" : "off",
		will.reply_assigns ? "on" : "off") == 1;
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
