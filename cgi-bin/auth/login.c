/* login: signing in (throttled, one answer for every failure, an unlock
 * mail when only the per-email rule refused) and out. */
#include "pages.h"
#include "db_partners.h"
#include "form.h"
#include "http.h"
#include "session.h"
#include "view.h"

#include <time.h>

enum { LOGIN_EMAIL, LOGIN_PASSWORD, LOGIN_NEXT, LOGIN__MAX };

static const struct param_field login_fields[LOGIN__MAX] = {
	[LOGIN_EMAIL] = { "email", PARAM_TEXT, true, 1, 254, NULL },
	[LOGIN_PASSWORD] = { "password", PARAM_PASSWORD, true, 0, 0, NULL },
	/* where to go after signing in (a local path, auth_local_path) */
	[LOGIN_NEXT] = { "next", PARAM_TEXT, false, 0, 1000, NULL },
};

static const char *const login_notices[] = { "reset", "unlocked", NULL };

static const struct form login_form = {
	.template_name = "page_login",
	.title = "login.title",
	.fields = login_fields,
	.field_count = LOGIN__MAX,
	.notices = login_notices,
};

int login_home(struct request *req)
{
	return http_redirect(req, req->session == NULL ? "/login" : "/accounts");
}

int login_show(struct request *req)
{
	const char *next = auth_local_path(http_query(req, "next"));
	if (req->session != NULL)
		return http_redirect(req, next != NULL ? next : "/accounts");
	struct view *view = form_view(req, &login_form, NULL, NULL, NULL);
	view_set(view, "NEXT", next != NULL ? next : "");
	return form_render(req, &login_form, view, 200);
}

/* Re-shows the form with one message for every kind of failure, so that
 * nobody learns which emails are registered. */
static int login_refused(struct request *req, struct param_value *values, const char *error,
    int status)
{
	values[LOGIN_EMAIL].error = NULL;
	values[LOGIN_PASSWORD].error = NULL;
	return form_show(req, &login_form, values, NULL, error, status);
}

int login_post(struct request *req)
{
	struct param_value values[LOGIN__MAX];
	form_read(req, &login_form, values, NULL);
	const char *email = auth_email_normal(req->arena, values[LOGIN_EMAIL].text);
	if (email == NULL)
		return -1;
	bool trusted = auth_unlock_valid(email, http_cookie(req, AUTH_UNLOCK_COOKIE),
	    (long long)time(NULL));
	int throttled = auth_sign_in_throttled(req->arena, email, req->remote_addr, trusted);
	if (throttled < 0 || (throttled == AUTH_SIGN_IN_LOCKED && unlock_offer(req, email) != 0))
		return -1;
	if (throttled == AUTH_SIGN_IN_LOCKED)
		return login_refused(req, values, "login.locked", 429);
	if (throttled == AUTH_SIGN_IN_THROTTLED)
		return login_refused(req, values, "login.throttled", 429);
	struct partner_login partner;
	int found = db_partners_get_login(req->arena, email, &partner);
	if (found < 0)
		return -1;
	bool ok = auth_verify_password(found == 1 ? partner.password_hash : NULL,
	    values[LOGIN_PASSWORD].text);
	if (!ok || values[LOGIN_PASSWORD].error != NULL)
		return login_refused(req, values, "login.failed", 422);
	if (auth_sign_in_passed(req->arena, email, req->remote_addr) != 0
	    || session_start(req, partner.id) != 0)
		return -1;
	const char *next = values[LOGIN_NEXT].error == NULL && values[LOGIN_NEXT].present
	    ? auth_local_path(values[LOGIN_NEXT].text) : NULL;
	return form_done(req, next != NULL ? next : "/accounts", NULL);
}

const char *auth_local_path(const char *path)
{
	if (path == NULL || path[0] != '/' || path[1] == '/' || path[1] == '\\')
		return NULL;
	for (const unsigned char *p = (const unsigned char *)path; *p != '\0'; p++)
		if (*p <= 0x20 || *p == 0x7f || *p == '\\')
			return NULL;
	return path;
}

int login_logout(struct request *req)
{
	if (session_end(req) != 0)
		return -1;
	return form_done(req, "/login", NULL);
}
