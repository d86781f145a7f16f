/* home: the account home (status, chat URL, review history) and its two switches. */
#include "pages.h"
#include "account.h"
#include "arena.h"
#include "db_account_reviews.h"
#include "db_accounts.h"
#include "db.h"
#include "form.h"
#include "history.h"
#include "http.h"
#include "opening.h"
#include "view.h"

#include <string.h>

enum { SWITCH_HOME_PUBLIC, SWITCH_CHAT_ON, SWITCH__MAX };

static const struct param_field switch_fields[SWITCH__MAX] = {
	[SWITCH_HOME_PUBLIC] = { "home_public", PARAM_CHECKBOX, false, 0, 0, NULL },
	[SWITCH_CHAT_ON] = { "chat_on", PARAM_CHECKBOX, false, 0, 0, NULL },
};

static const char *const home_notices[] = { "switches", "created", "profile", "cancelled",
	"resubmitted", NULL };

static const struct form home_form = {
	.template_name = "page_account_home",
	.title = "account_home.title",
	.menu = "home",
	.fields = switch_fields,
	.field_count = SWITCH__MAX,
	.notices = home_notices,
};

/* Rows of section REVIEWS, newest first; the count or <0 error. */
static int home_reviews(struct request *req, struct view *view)
{
	struct account_review *reviews;
	int count = db_account_reviews_list(req->arena, req->account->id, req->account->time_zone,
	    &reviews);
	for (int i = 0; i < count; i++) {
		struct view *row = view_add_row(view, "REVIEWS");
		view_set_text(row, "ACTION_TEXT", arena_printf(req->arena, "review.%s", reviews[i].action));
		if (*reviews[i].reason != '\0' && strcmp(reviews[i].reason, "auto") != 0) {
			view_show(row, "HAS_REASON");
			view_set(row, "REASON", reviews[i].reason);
		}
		view_set(row, "AT", reviews[i].at);
	}
	return count;
}

int home_page(struct request *req)
{
	const struct account_access *account = req->account;
	struct view *view = form_view(req, &home_form, NULL, NULL, NULL);
	if (home_reviews(req, view) < 0)
		return -1;
	struct opening opening;
	if (opening_load(req, account->id, &opening) != 0)
		return -1;
	opening_view(req, view, &opening);
	view_show(view, arena_printf(req->arena, "STATUS_%s", account->status));
	if (account->home_public)
		view_show(view, "HOME_PUBLIC_CHECKED");
	if (account->chat_on)
		view_show(view, "CHAT_ON_CHECKED");
	view_set(view, "CHAT_URL", account_chat_url(req, account->code));
	view_set(view, "DELETE_AFTER", account->delete_after);
	return form_render(req, &home_form, view, 200);
}

/* The two switches as the history shows them ("홈 공개: 켜짐, 채팅 ON: 꺼짐"). */
static const char *home_switches_text(struct request *req, bool home_public, bool chat_on)
{
	return arena_printf(req->arena, "%s: %s, %s: %s",
	    view_text(req->lang, "account_home.home_public"), history_on_off(req, home_public),
	    view_text(req->lang, "account_home.chat_on"), history_on_off(req, chat_on));
}

int home_switches(struct request *req)
{
	struct param_value values[SWITCH__MAX];
	if (form_read(req, &home_form, values, NULL) > 0)
		return 422;
	const struct account_access *account = req->account;
	bool home_public = values[SWITCH_HOME_PUBLIC].present;
	bool chat_on = values[SWITCH_CHAT_ON].present;
	if (db_begin(req->arena) != 0
	    || history_commit(req, db_accounts_set_switches(req->arena, account->id, home_public,
		chat_on), HISTORY_SETTINGS, "switches", account->name,
		home_switches_text(req, account->home_public, account->chat_on),
		home_switches_text(req, home_public, chat_on)) != 1)
		return -1;
	return form_done(req, arena_printf(req->arena, "/a/%s/", req->account->code), "switches");
}
