/* unlock: the mailed link that lets the owner's browser past the per-email
 * sign-in throttle (AUTH-5, issue 14 item 3). When too many addresses have
 * failed for an email, sign-in mails its partner a single-use link, valid
 * for 15 minutes; its button marks the browser for AUTH_UNLOCK_SECONDS by a
 * signed cookie, which lifts only that rule for that email. */
#include "pages.h"
#include "db_rate_counters.h"
#include "db_sign_in_unlocks.h"
#include "form.h"
#include "http.h"
#include "mail.h"
#include "view.h"

#include <time.h>

/* One unlock mail per email in this many seconds; the refusal reads the same. */
enum { UNLOCK_MAIL_SECONDS = 15 * 60 };

/* The page of the mailed link: a button, or why there is none. */
static const struct form unlock_form = {
	.template_name = "page_unlock",
	.title = "unlock.title",
};

int unlock_offer(struct request *req, const char *email)
{
	const char *key = arena_printf(req->arena, "unlock:%s", email);
	int counted = db_rate_counters_take(req->arena, key, UNLOCK_MAIL_SECONDS, 1);
	if (counted <= 0)
		return counted < 0 ? -1 : 0;
	const char *token = auth_new_token(req->arena);
	const char *to, *lang;
	int stored = db_sign_in_unlocks_insert(req->arena, auth_token_hash(req->arena, token),
	    email, &to, &lang);
	if (stored < 0 || (stored == 1 && mail_send_link(req->arena, to, lang, "mail_unlock",
		"mail.unlock.subject", arena_printf(req->arena, "/login/unlock/%s", token)) != 0))
		return -1;
	return 0;
}

/* The link's page with its button posting back to the link, or with error
 * (a catalog key) and no button, answered with status. */
static int unlock_page(struct request *req, const char *error, int status)
{
	struct view *view = form_view(req, &unlock_form, NULL, NULL, error);
	if (error == NULL) {
		view_show(view, "CONFIRM");
		view_set(view, "ACTION", req->path);
	}
	return form_render(req, &unlock_form, view, status);
}

int unlock_show(struct request *req)
{
	int live = db_sign_in_unlocks_live(req->arena,
	    auth_token_hash(req->arena, req->params[0]));
	if (live < 0)
		return -1;
	if (live == 0)
		return unlock_page(req, "err.unlock_expired", 404);
	return unlock_page(req, NULL, 200);
}

/* Spends the link once and marks this browser for its partner's email. */
int unlock_post(struct request *req)
{
	const char *registered;
	int spent = db_sign_in_unlocks_use(req->arena, auth_token_hash(req->arena, req->params[0]),
	    &registered);
	if (spent < 0)
		return -1;
	if (spent == 0)
		return unlock_page(req, "err.unlock_expired", 404);
	const char *email = auth_email_normal(req->arena, registered);
	if (email == NULL)
		return -1;
	http_set_cookie(req, AUTH_UNLOCK_COOKIE,
	    auth_unlock_cookie(req->arena, email, (long long)time(NULL)), AUTH_UNLOCK_SECONDS);
	return form_done(req, "/login", "unlocked");
}
