/* reset: a forgotten password, set again through a one-time link sent by
 * mail (AUTH-5). */
#include "pages.h"
#include "db.h"
#include "db_partners.h"
#include "db_password_resets.h"
#include "form.h"
#include "http.h"
#include "mail.h"
#include "session.h"


enum { FORGOT_EMAIL, FORGOT__MAX };

static const struct param_field forgot_fields[FORGOT__MAX] = {
	[FORGOT_EMAIL] = { "email", PARAM_EMAIL, true, 0, 0, NULL },
};

static const char *const forgot_notices[] = { "sent", NULL };

static const struct form forgot_form = {
	.template_name = "page_forgot",
	.title = "forgot.title",
	.fields = forgot_fields,
	.field_count = FORGOT__MAX,
	.notices = forgot_notices,
};

enum { RESET_TOKEN, RESET_PASSWORD, RESET__MAX };

static const struct param_field reset_fields[RESET__MAX] = {
	[RESET_TOKEN] = { "token", PARAM_TOKEN, true, 0, 0, NULL },
	[RESET_PASSWORD] = { "password", PARAM_PASSWORD, true, 0, 0, NULL },
};

static const struct form reset_form = {
	.template_name = "page_reset",
	.title = "reset.title",
	.fields = reset_fields,
	.field_count = RESET__MAX,
};

int reset_forgot_show(struct request *req)
{
	return form_show(req, &forgot_form, NULL, NULL, NULL, 200);
}

/* Mails a reset link when the email is known and has not asked too often;
 * the answer is the same either way. */
int reset_forgot_post(struct request *req)
{
	struct param_value values[FORGOT__MAX];
	if (form_read(req, &forgot_form, values, NULL) > 0)
		return form_show(req, &forgot_form, values, NULL, NULL, 422);
	const char *email = values[FORGOT_EMAIL].text;
	const char *token = auth_new_token(req->arena);
	const char *lang;
	int created = db_password_resets_insert(req->arena, auth_token_hash(req->arena, token),
	    email, &lang);
	if (created < 0 || (created == 1 && mail_send_link(req->arena, email, lang, "mail_reset",
		"mail.reset.subject", arena_printf(req->arena, "/password/reset?token=%s", token)) != 0))
		return -1;
	return form_done(req, "/password/forgot", "sent");
}

int reset_show(struct request *req)
{
	struct param_value values[RESET__MAX] = {
		[RESET_PASSWORD] = { .text = "" },
	};
	if (param_check(req->arena, &reset_fields[RESET_TOKEN], http_query(req, "token"),
		&values[RESET_TOKEN]) != NULL)
		return 404;
	/* Say at once when the link is spent, before a password is chosen. */
	int live = db_password_resets_live(req->arena,
	    auth_token_hash(req->arena, values[RESET_TOKEN].text));
	if (live < 0)
		return -1;
	if (live == 0)
		values[RESET_TOKEN].error = "err.reset_expired";
	return form_show(req, &reset_form, values, NULL, NULL, live == 1 ? 200 : 404);
}

int reset_post(struct request *req)
{
	struct param_value values[RESET__MAX];
	if (form_read(req, &reset_form, values, NULL) > 0) {
		if (values[RESET_TOKEN].error != NULL)
			return 404;
		return form_show(req, &reset_form, values, NULL, NULL, 422);
	}
	char hash[AUTH_HASH_LENGTH];
	if (auth_hash_password(values[RESET_PASSWORD].text, hash) != 0 || db_begin(req->arena) != 0)
		return -1;
	long long partner;
	int used = db_password_resets_use(req->arena,
	    auth_token_hash(req->arena, values[RESET_TOKEN].text), &partner);
	if (used < 0)
		return -1;
	if (used == 0) {
		values[RESET_TOKEN].error = "err.reset_expired";
		return form_show(req, &reset_form, values, NULL, NULL, 422);
	}
	if (db_partners_set_password(req->arena, partner, hash) != 1
	    || session_end_others(req, partner, false) != 0 || db_commit(req->arena) != 0)
		return -1;
	return form_done(req, "/login", "reset");
}
