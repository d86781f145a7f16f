/* signup: a new partner, finished by a mailed link that signs in (AUTH-1,
 * AUTH-9). The form answers the same for new and registered addresses: a new
 * one gets the link, a registered one's owner a warning. A same-origin next
 * (an invitation) rides along in the link and is where the partner lands. */
#include "pages.h"
#include "db.h"
#include "db_rate_counters.h"
#include "db_signups.h"
#include "form.h"
#include "http.h"
#include "mail.h"
#include "session.h"
#include "text.h"
#include "view.h"

#include <string.h>


/* Sign-up mails one address may be sent in an hour; beyond it the form
 * still answers the same and nothing is mailed or stored. */
enum { SIGNUP_MAILS_PER_HOUR = 5 };

enum { SIGNUP_EMAIL, SIGNUP_PASSWORD, SIGNUP_NAME, SIGNUP_AGREE_TERMS, SIGNUP_AGREE_AGE,
	SIGNUP_NEXT, SIGNUP__MAX };

static const struct param_field signup_fields[SIGNUP__MAX] = {
	[SIGNUP_EMAIL] = { "email", PARAM_EMAIL, true, 0, 0, NULL },
	[SIGNUP_PASSWORD] = { "password", PARAM_PASSWORD, true, 0, 0, NULL },
	[SIGNUP_NAME] = { "name", PARAM_NAME, true, 1, 40, NULL },
	[SIGNUP_AGREE_TERMS] = { "agree_terms", PARAM_CHECKBOX, true, 0, 0, NULL },
	[SIGNUP_AGREE_AGE] = { "agree_age", PARAM_CHECKBOX, true, 0, 0, NULL },
	[SIGNUP_NEXT] = { "next", PARAM_TEXT, false, 0, 500, NULL },
};

static const char *const signup_notices[] = { "sent", NULL };

static const struct form signup_form = {
	.template_name = "page_signup",
	.title = "signup.title",
	.fields = signup_fields,
	.field_count = SIGNUP__MAX,
	.notices = signup_notices,
};

/* The page of the mailed link: a button, or why there is none. */
static const struct form confirm_form = {
	.template_name = "page_signup_confirm",
	.title = "signup.confirm.title",
};

/* The form (values NULL: empty) with the path to land on afterwards; after
 * a sign-up (?done=sent) the notice to open the mail, without the form. */
static int signup_page(struct request *req, const struct param_value *values, int status)
{
	struct view *view = form_view(req, &signup_form, values, NULL, NULL);
	login_next_view(req, view, login_next(req));
	const char *done = http_query(req, "done");
	if (values != NULL || done == NULL || strcmp(done, "sent") != 0)
		view_show(view, "FORM");
	return form_render(req, &signup_form, view, status);
}

int signup_show(struct request *req)
{
	if (req->session != NULL)
		return http_redirect(req, login_next(req));
	return signup_page(req, NULL, 200);
}

/* Stores the pending sign-up of values and mails its link, or, when the
 * address is registered, mails its owner that someone tried. 0 or -1. */
static int signup_start(struct request *req, const struct param_value *values,
    const char *password_hash)
{
	const char *email = values[SIGNUP_EMAIL].text;
	const char *token = auth_new_token(req->arena);
	const char *owner_lang;
	int stored = db_signups_insert(req->arena, auth_token_hash(req->arena, token), email,
	    values[SIGNUP_NAME].text, password_hash, &owner_lang);
	if (stored < 0)
		return -1;
	if (stored == 0)
		return mail_send_link(req->arena, email, owner_lang, "mail_signup_taken",
		    "mail.signup_taken.subject", "/login");
	return mail_send_link(req->arena, email, req->lang, "mail_signup", "mail.signup.subject",
	    arena_printf(req->arena, "/signup/confirm/%s%s", token,
		login_next_query(req, login_next(req))));
}

int signup_post(struct request *req)
{
	struct param_value values[SIGNUP__MAX];
	if (form_read(req, &signup_form, values, NULL) > 0)
		return signup_page(req, values, 422);
	/* Hashed whether or not it is kept: both answers take as long. */
	char hash[AUTH_HASH_LENGTH];
	if (auth_hash_password(values[SIGNUP_PASSWORD].text, hash) != 0)
		return -1;
	const char *key = arena_printf(req->arena, "signup:%s",
	    auth_email_normal(req->arena, values[SIGNUP_EMAIL].text));
	int counted = db_rate_counters_take(req->arena, key, 3600, SIGNUP_MAILS_PER_HOUR);
	if (counted < 0 || (counted == 1 && signup_start(req, values, hash) != 0))
		return -1;
	return form_done(req, "/signup", "sent");
}

/* The confirmation page with its button posting back to the link, or with
 * error (a catalog key) and no button, answered with status. */
static int signup_confirm_page(struct request *req, const char *error, int status)
{
	struct view *view = form_view(req, &confirm_form, NULL, NULL, error);
	if (error == NULL) {
		view_show(view, "CONFIRM");
		view_set(view, "ACTION", req->path);
		login_next_view(req, view, login_next(req));
	}
	return form_render(req, &confirm_form, view, status);
}

int signup_confirm_show(struct request *req)
{
	int live = db_signups_live(req->arena, auth_token_hash(req->arena, req->params[0]));
	if (live < 0)
		return -1;
	if (live == 0)
		return signup_confirm_page(req, "err.signup_expired", 404);
	return signup_confirm_page(req, NULL, 200);
}

/* Spends the link once: makes the partner and signs in (AUTH-9). */
int signup_confirm_post(struct request *req)
{
	if (db_begin(req->arena) != 0)
		return -1;
	long long partner;
	int made = db_signups_use(req->arena, auth_token_hash(req->arena, req->params[0]),
	    &partner);
	if (made == 0 || made == DB_UNIQUE_VIOLATION) {
		if (db_commit(req->arena) != 0)
			return -1;
		return made == 0 ? signup_confirm_page(req, "err.signup_expired", 404)
		    : signup_confirm_page(req, "err.email_taken", 409);
	}
	if (made != 1 || session_start(req, partner) != 0 || db_commit(req->arena) != 0)
		return -1;
	return form_done(req, login_next(req), NULL);
}
