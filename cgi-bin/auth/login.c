/* login: signing in (throttled, one answer for every failure, an unlock
 * mail when only the per-email rule refused; afterwards to the same-origin
 * path in next, as an invitation link asks) and out. */
#include "pages.h"
#include "db_partners.h"
#include "form.h"
#include "http.h"
#include "session.h"
#include "text.h"
#include "view.h"

#include <string.h>
#include <time.h>

enum { LOGIN_EMAIL, LOGIN_PASSWORD, LOGIN_NEXT, LOGIN__MAX };

static const struct param_field login_fields[LOGIN__MAX] = {
	[LOGIN_EMAIL] = { "email", PARAM_TEXT, true, 1, 254, NULL },
	[LOGIN_PASSWORD] = { "password", PARAM_PASSWORD, true, 0, 0, NULL },
	[LOGIN_NEXT] = { "next", PARAM_TEXT, false, 0, 500, NULL },
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

const char *login_next(struct request *req)
{
	struct param_value next;
	param_check(req->arena, &login_fields[LOGIN_NEXT], http_is_safe_method(req)
	    ? http_query(req, "next") : http_form(req, "next"), &next);
	if (next.error != NULL)
		return "/accounts";
	const char *path = settings_local_path(&next);
	return path[1] == '\0' ? "/accounts" : path;
}

const char *login_next_query(struct request *req, const char *next)
{
	if (strcmp(next, "/accounts") == 0)
		return "";
	struct strbuf query;
	strbuf_init(&query, req->arena);
	strbuf_puts(&query, "?next=");
	text_url_encode(&query, next);
	return strbuf_text(&query);
}

void login_next_view(struct request *req, struct view *view, const char *next)
{
	view_set(view, "NEXT", strcmp(next, "/accounts") == 0 ? "" : next);
	view_set(view, "NEXT_QUERY", login_next_query(req, next));
}

/* The form (values NULL: empty) with the path to go back to afterwards. */
static int login_page(struct request *req, const struct param_value *values, const char *error,
    int status)
{
	struct view *view = form_view(req, &login_form, values, NULL, error);
	login_next_view(req, view, login_next(req));
	return form_render(req, &login_form, view, status);
}

int login_show(struct request *req)
{
	if (req->session != NULL)
		return http_redirect(req, login_next(req));
	return login_page(req, NULL, NULL, 200);
}

/* Re-shows the form with one message for every kind of failure, so that
 * nobody learns which emails are registered. */
static int login_refused(struct request *req, struct param_value *values, const char *error,
    int status)
{
	values[LOGIN_EMAIL].error = NULL;
	values[LOGIN_PASSWORD].error = NULL;
	values[LOGIN_NEXT].error = NULL;
	return login_page(req, values, error, status);
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
	return form_done(req, login_next(req), NULL);
}

int login_logout(struct request *req)
{
	if (session_end(req) != 0)
		return -1;
	return form_done(req, "/login", NULL);
}
