/* auth: sign-up, log-in, log-out, password change and reset, language, and
 * the health check: everything about a partner's login (AUTH-1..5, 7, 8). */
#include "auth.h"
#include "config.h"
#include "db.h"
#include "fcgi_main.h"
#include "http.h"
#include "mail.h"
#include "page.h"
#include "param.h"
#include "route.h"
#include "session.h"
#include "view.h"

#include <stdlib.h>
#include <string.h>

static const char *const languages[] = { "ko", "en", NULL };

static const struct param_field signup_fields[] = {
	{ "email", PARAM_EMAIL, true, 0, 0, NULL },
	{ "password", PARAM_PASSWORD, true, 0, 0, NULL },
	{ "name", PARAM_TEXT, true, 1, 40, NULL },
	{ "agree_terms", PARAM_CHECKBOX, true, 0, 0, NULL },
	{ "agree_age", PARAM_CHECKBOX, true, 0, 0, NULL },
};
enum { SIGNUP_EMAIL, SIGNUP_PASSWORD, SIGNUP_NAME, SIGNUP__MAX };

static const struct param_field login_fields[] = {
	{ "email", PARAM_TEXT, true, 1, 254, NULL },
	{ "password", PARAM_PASSWORD, true, 0, 0, NULL },
};
enum { LOGIN_EMAIL, LOGIN_PASSWORD };

static const struct param_field password_fields[] = {
	{ "current_password", PARAM_PASSWORD, true, 0, 0, NULL },
	{ "new_password", PARAM_PASSWORD, true, 0, 0, NULL },
};
enum { PASSWORD_CURRENT, PASSWORD_NEW };

static const struct param_field forgot_fields[] = {
	{ "email", PARAM_EMAIL, true, 0, 0, NULL },
};

static const struct param_field reset_fields[] = {
	{ "token", PARAM_TOKEN, true, 0, 0, NULL },
	{ "password", PARAM_PASSWORD, true, 0, 0, NULL },
};
enum { RESET_TOKEN, RESET_PASSWORD };

static const struct param_field language_fields[] = {
	{ "lang", PARAM_CHOICE, true, 0, 0, languages },
	{ "next", PARAM_TEXT, false, 0, 500, NULL },
};
enum { LANGUAGE_LANG, LANGUAGE_NEXT };

/* Shows the section named by an allowed ?done= value: the notice after a redirect. */
static void show_notice(struct request *req, struct view *view, const char *const *allowed)
{
	const char *done = http_query(req, "done");
	for (; done != NULL && *allowed != NULL; allowed++)
		if (strcmp(done, *allowed) == 0)
			view_show(view, arena_printf(req->arena, "DONE_%s", *allowed));
}

static int form_page(struct request *req, const char *title, const char *template_name,
    const struct param_field *fields, size_t count, const struct param_value *values, int status)
{
	struct view *view = page_new(req, title);
	if (values != NULL)
		page_form(view, fields, count, values);
	static const char *const notices[] = { "reset", "sent", NULL };
	show_notice(req, view, notices);
	return page_render(req, view, template_name, status);
}

static int healthz(struct request *req)
{
	return db_ping() ? http_text(req, 200, "ok") : http_text(req, 503, "unavailable");
}

static int hello(struct request *req)
{
	req->cacheable = true;
	return http_text(req, 200, "hello");
}

static int home(struct request *req)
{
	if (req->session == NULL)
		return http_redirect(req, "/login");
	return http_redirect(req, "/accounts");
}

static int signup_form(struct request *req)
{
	if (req->session != NULL)
		return http_redirect(req, "/accounts");
	return form_page(req, "signup.title", "page_signup", NULL, 0, NULL, 200);
}

static int signup(struct request *req)
{
	struct param_value values[COUNT(signup_fields)];
	if (param_read(req, signup_fields, COUNT(signup_fields), values) > 0)
		return form_page(req, "signup.title", "page_signup", signup_fields,
		    COUNT(signup_fields), values, 422);
	char hash[AUTH_HASH_LENGTH];
	if (auth_hash_password(values[SIGNUP_PASSWORD].text, hash) != 0)
		return -1;
	struct db_rows rows;
	int created = DB_EXEC(req->arena, &rows,
	    "INSERT INTO partners (email, name, password_hash) VALUES ($1, $2, $3) RETURNING id",
	    values[SIGNUP_EMAIL].text, values[SIGNUP_NAME].text, hash);
	if (created == DB_UNIQUE_VIOLATION) {
		values[SIGNUP_EMAIL].error = "err.email_taken";
		return form_page(req, "signup.title", "page_signup", signup_fields,
		    COUNT(signup_fields), values, 422);
	}
	if (created != 1 || session_start(req, db_int(&rows, 0, 0)) != 0)
		return -1;
	return http_redirect(req, "/accounts");
}

static int login_form(struct request *req)
{
	if (req->session != NULL)
		return http_redirect(req, "/accounts");
	return form_page(req, "login.title", "page_login", NULL, 0, NULL, 200);
}

/* Re-shows the log-in form with one message for every kind of failure. */
static int login_refused(struct request *req, struct param_value *values, const char *error,
    int status)
{
	values[LOGIN_EMAIL].error = NULL;
	values[LOGIN_PASSWORD].error = NULL;
	struct view *view = page_new(req, "login.title");
	page_form(view, login_fields, COUNT(login_fields), values);
	page_form_error(view, error);
	return page_render(req, view, "page_login", status);
}

static int login(struct request *req)
{
	struct param_value values[COUNT(login_fields)];
	param_read(req, login_fields, COUNT(login_fields), values);
	const char *email = values[LOGIN_EMAIL].text;
	int throttled = auth_throttled(req->arena, email, req->remote_addr);
	if (throttled < 0)
		return -1;
	if (throttled)
		return login_refused(req, values, "login.throttled", 429);
	struct db_rows rows;
	int found = DB_EXEC(req->arena, &rows,
	    "SELECT id, password_hash FROM partners WHERE lower(email) = lower($1)", email);
	if (found < 0)
		return -1;
	bool ok = auth_verify_password(found == 1 ? db_value(&rows, 0, 1) : NULL,
	    values[LOGIN_PASSWORD].text);
	if (!ok || values[LOGIN_PASSWORD].error != NULL) {
		if (auth_record_failure(req->arena, email, req->remote_addr) != 0)
			return -1;
		return login_refused(req, values, "login.failed", 422);
	}
	if (session_start(req, db_int(&rows, 0, 0)) != 0)
		return -1;
	return http_redirect(req, "/accounts");
}

static int logout(struct request *req)
{
	if (session_end(req) != 0)
		return -1;
	return http_redirect(req, "/login");
}

static int settings(struct request *req)
{
	struct view *view = page_new(req, "settings.title");
	static const char *const notices[] = { "password", "logout_all", "language", NULL };
	show_notice(req, view, notices);
	view_show(view, strcmp(req->lang, "en") == 0 ? "LANG_IS_EN" : "LANG_IS_KO");
	return page_render(req, view, "page_settings", 200);
}

static int logout_all(struct request *req)
{
	if (session_end_others(req, req->session->partner_id, true) != 0)
		return -1;
	return http_redirect(req, "/settings?done=logout_all");
}

static int password_form(struct request *req)
{
	return form_page(req, "password.title", "page_password", NULL, 0, NULL, 200);
}

static int password_change(struct request *req)
{
	struct param_value values[COUNT(password_fields)];
	int errors = param_read(req, password_fields, COUNT(password_fields), values);
	struct db_rows rows;
	if (DB_EXEC(req->arena, &rows, "SELECT password_hash FROM partners WHERE id = $1",
		db_param_int(req->arena, req->session->partner_id)) != 1)
		return -1;
	if (values[PASSWORD_CURRENT].error == NULL
	    && !auth_verify_password(db_value(&rows, 0, 0), values[PASSWORD_CURRENT].text)) {
		values[PASSWORD_CURRENT].error = "err.current_password";
		errors++;
	} else if (values[PASSWORD_CURRENT].error != NULL) {
		values[PASSWORD_CURRENT].error = "err.current_password";
	}
	if (errors > 0)
		return form_page(req, "password.title", "page_password", password_fields,
		    COUNT(password_fields), values, 422);
	char hash[AUTH_HASH_LENGTH];
	if (auth_hash_password(values[PASSWORD_NEW].text, hash) != 0)
		return -1;
	if (DB_EXEC(req->arena, NULL, "UPDATE partners SET password_hash = $2 WHERE id = $1",
		db_param_int(req->arena, req->session->partner_id), hash) != 1
	    || session_end_others(req, req->session->partner_id, true) != 0)
		return -1;
	return http_redirect(req, "/settings?done=password");
}

static int forgot_form(struct request *req)
{
	return form_page(req, "forgot.title", "page_forgot", NULL, 0, NULL, 200);
}

/* Mails a reset link when the email is known and has not asked too often;
 * the answer is the same either way. */
static int forgot(struct request *req)
{
	struct param_value values[COUNT(forgot_fields)];
	if (param_read(req, forgot_fields, COUNT(forgot_fields), values) > 0)
		return form_page(req, "forgot.title", "page_forgot", forgot_fields,
		    COUNT(forgot_fields), values, 422);
	const char *token = auth_new_token(req->arena);
	struct db_rows rows;
	int created = DB_EXEC(req->arena, &rows,
	    "INSERT INTO password_resets (token_hash, partner_id, expires_at) "
	    "SELECT $1, p.id, now() + interval '1 hour' FROM partners p "
	    "WHERE lower(p.email) = lower($2) AND (SELECT count(*) FROM password_resets r "
	    "WHERE r.partner_id = p.id AND r.created_at > now() - interval '1 hour') < 5 "
	    "RETURNING (SELECT lang FROM partners WHERE id = partner_id)",
	    auth_token_hash(req->arena, token), values[0].text);
	if (created < 0)
		return -1;
	if (created == 1) {
		const char *lang = db_value(&rows, 0, 0);
		struct view *mail = view_new(lang);
		view_set(mail, "LINK", arena_printf(req->arena, "%s/password/reset?token=%s",
		    config_get("base_url", ""), token));
		size_t length;
		char *body = view_render(mail, "mail_reset", &length);
		view_free(mail);
		if (body == NULL)
			return -1;
		int sent = mail_send(req->arena, values[0].text, view_text(lang, "mail.reset.subject"), body);
		free(body);
		if (sent != 0)
			return -1;
	}
	return http_redirect(req, "/password/forgot?done=sent");
}

static int reset_form(struct request *req)
{
	struct param_value values[COUNT(reset_fields)];
	if (param_check(req->arena, &reset_fields[RESET_TOKEN], http_query(req, "token"),
		&values[RESET_TOKEN]) != NULL)
		return 404;
	values[RESET_PASSWORD].text = "";
	values[RESET_PASSWORD].error = NULL;
	/* Say at once when the link is spent, before a password is chosen. */
	int live = DB_EXEC(req->arena, NULL,
	    "SELECT 1 FROM password_resets WHERE token_hash = $1 AND used_at IS NULL "
	    "AND expires_at > now()", auth_token_hash(req->arena, values[RESET_TOKEN].text));
	if (live < 0)
		return -1;
	if (live == 0)
		values[RESET_TOKEN].error = "err.reset_expired";
	return form_page(req, "reset.title", "page_reset", reset_fields, COUNT(reset_fields),
	    values, live == 1 ? 200 : 404);
}

static int reset(struct request *req)
{
	struct param_value values[COUNT(reset_fields)];
	if (param_read(req, reset_fields, COUNT(reset_fields), values) > 0) {
		if (values[RESET_TOKEN].error != NULL)
			return 404;
		return form_page(req, "reset.title", "page_reset", reset_fields,
		    COUNT(reset_fields), values, 422);
	}
	char hash[AUTH_HASH_LENGTH];
	if (auth_hash_password(values[RESET_PASSWORD].text, hash) != 0 || db_begin(req->arena) != 0)
		return -1;
	struct db_rows rows;
	int used = DB_EXEC(req->arena, &rows,
	    "UPDATE password_resets SET used_at = now() WHERE token_hash = $1 AND used_at IS NULL "
	    "AND expires_at > now() RETURNING partner_id",
	    auth_token_hash(req->arena, values[RESET_TOKEN].text));
	if (used < 0)
		return -1;
	if (used == 0) {
		values[RESET_TOKEN].error = "err.reset_expired";
		return form_page(req, "reset.title", "page_reset", reset_fields,
		    COUNT(reset_fields), values, 422);
	}
	const char *partner = db_value(&rows, 0, 0);
	if (DB_EXEC(req->arena, NULL, "UPDATE partners SET password_hash = $2 WHERE id = $1",
		partner, hash) != 1
	    || DB_EXEC(req->arena, NULL, "DELETE FROM sessions WHERE partner_id = $1", partner) < 0
	    || db_commit(req->arena) != 0)
		return -1;
	return http_redirect(req, "/login?done=reset");
}

static int language_form(struct request *req)
{
	return settings(req);
}

/* Only a local path is a safe place to go back to. */
static const char *local_path(const char *next)
{
	if (next == NULL || next[0] != '/' || next[1] == '/' || next[1] == '\\'
	    || strpbrk(next, "\r\n") != NULL)
		return "/";
	return next;
}

static int language(struct request *req)
{
	struct param_value values[COUNT(language_fields)];
	if (param_read(req, language_fields, COUNT(language_fields), values) > 0)
		return 422;
	const char *lang = values[LANGUAGE_LANG].text;
	if (req->session != NULL
	    && DB_EXEC(req->arena, NULL, "UPDATE partners SET lang = $2 WHERE id = $1",
		   db_param_int(req->arena, req->session->partner_id), lang) != 1)
		return -1;
	http_set_cookie(req, "sd_lang", lang, 365L * 24 * 3600);
	const char *next = values[LANGUAGE_NEXT].present ? values[LANGUAGE_NEXT].text : NULL;
	return http_redirect(req, local_path(next));
}

static const struct route routes[] = {
	{ ROUTE_GET, "/", ROUTE_PUBLIC, home },
	{ ROUTE_GET, "/healthz", ROUTE_PUBLIC, healthz },
	{ ROUTE_GET, "/hello", ROUTE_PUBLIC, hello },
	{ ROUTE_GET, "/signup", ROUTE_PUBLIC, signup_form },
	{ ROUTE_POST, "/signup", ROUTE_PUBLIC, signup },
	{ ROUTE_GET, "/login", ROUTE_PUBLIC, login_form },
	{ ROUTE_POST, "/login", ROUTE_PUBLIC, login },
	{ ROUTE_POST, "/logout", ROUTE_PUBLIC, logout },
	{ ROUTE_GET, "/settings", ROUTE_SIGNED_IN, settings },
	{ ROUTE_POST, "/settings/logout-all", ROUTE_SIGNED_IN, logout_all },
	{ ROUTE_GET, "/settings/password", ROUTE_SIGNED_IN, password_form },
	{ ROUTE_POST, "/settings/password", ROUTE_SIGNED_IN, password_change },
	{ ROUTE_GET, "/settings/language", ROUTE_SIGNED_IN, language_form },
	{ ROUTE_POST, "/settings/language", ROUTE_PUBLIC, language },
	{ ROUTE_GET, "/password/forgot", ROUTE_PUBLIC, forgot_form },
	{ ROUTE_POST, "/password/forgot", ROUTE_PUBLIC, forgot },
	{ ROUTE_GET, "/password/reset", ROUTE_PUBLIC, reset_form },
	{ ROUTE_POST, "/password/reset", ROUTE_PUBLIC, reset },
};

int main(int argc, char **argv)
{
	static const struct program program = {
		.name = "auth", .routes = routes, .route_count = COUNT(routes),
	};
	return fcgi_main(argc, argv, &program);
}
