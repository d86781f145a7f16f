/* signup: a new partner, signed in at once (AUTH-1). */
#include "pages.h"
#include "db.h"
#include "db_partners.h"
#include "form.h"
#include "http.h"
#include "session.h"

enum { SIGNUP_EMAIL, SIGNUP_PASSWORD, SIGNUP_NAME, SIGNUP_AGREE_TERMS, SIGNUP_AGREE_AGE,
	SIGNUP__MAX };

static const struct param_field signup_fields[SIGNUP__MAX] = {
	[SIGNUP_EMAIL] = { "email", PARAM_EMAIL, true, 0, 0, NULL },
	[SIGNUP_PASSWORD] = { "password", PARAM_PASSWORD, true, 0, 0, NULL },
	[SIGNUP_NAME] = { "name", PARAM_NAME, true, 1, 40, NULL },
	[SIGNUP_AGREE_TERMS] = { "agree_terms", PARAM_CHECKBOX, true, 0, 0, NULL },
	[SIGNUP_AGREE_AGE] = { "agree_age", PARAM_CHECKBOX, true, 0, 0, NULL },
};

static const struct form signup_form = {
	.template_name = "page_signup",
	.title = "signup.title",
	.fields = signup_fields,
	.field_count = SIGNUP__MAX,
};

int signup_show(struct request *req)
{
	if (req->session != NULL)
		return http_redirect(req, "/accounts");
	return form_show(req, &signup_form, NULL, NULL, NULL, 200);
}

int signup_post(struct request *req)
{
	struct param_value values[SIGNUP__MAX];
	if (form_read(req, &signup_form, values, NULL) > 0)
		return form_show(req, &signup_form, values, NULL, NULL, 422);
	char hash[AUTH_HASH_LENGTH];
	if (auth_hash_password(values[SIGNUP_PASSWORD].text, hash) != 0)
		return -1;
	long long partner;
	int created = db_partners_insert(req->arena, values[SIGNUP_EMAIL].text,
	    values[SIGNUP_NAME].text, hash, &partner);
	if (created == DB_UNIQUE_VIOLATION) {
		values[SIGNUP_EMAIL].error = "err.email_taken";
		return form_show(req, &signup_form, values, NULL, NULL, 422);
	}
	if (created != 1 || session_start(req, partner) != 0)
		return -1;
	return form_done(req, "/accounts", NULL);
}
