/* auth program: the handlers its page files give main.c's route table. */
#ifndef SANGDAM_AUTH_PAGES_H
#define SANGDAM_AUTH_PAGES_H

#include "auth.h"

struct param_value;
struct request;
struct view;

/* login.c: GET / (to /login or /accounts), GET and POST /login, POST /logout. */
int login_home(struct request *req);
int login_show(struct request *req);
int login_post(struct request *req);
int login_logout(struct request *req);

/* The same-origin path of the request's next (the query of a GET, the form
 * of a POST; <= 500 code points) to go to after signing in or up, or
 * "/accounts" when there is none or it leaves the site ("//host", "/\\host",
 * "https://host"). Owned by the request. */
const char *login_next(struct request *req);

/* "?next=" and next percent-encoded, or "" when next is "/accounts"; arena. */
const char *login_next_query(struct request *req, const char *next);

/* Sets NEXT (the path, "" for "/accounts") and NEXT_QUERY (login_next_query)
 * on view for the forms' hidden field and links. */
void login_next_view(struct request *req, struct view *view, const char *next);

/* signup.c: GET and POST /signup (mails a link), GET and POST
 * /signup/confirm/{token} (the link's button, which makes the partner). */
int signup_show(struct request *req);
int signup_post(struct request *req);
int signup_confirm_show(struct request *req);
int signup_confirm_post(struct request *req);

/* legal.c: GET /terms, /privacy and /policy, the documents that sign-up
 * and an account's creation agree to. */
int legal_show(struct request *req);

/* password.c: GET and POST /settings/password, a signed-in partner's change. */
int password_show(struct request *req);
int password_post(struct request *req);

/* reset.c: GET and POST /password/forgot (mails a link), GET and POST
 * /password/reset (the link's form). */
int reset_forgot_show(struct request *req);
int reset_forgot_post(struct request *req);
int reset_show(struct request *req);
int reset_post(struct request *req);

/* unlock.c: GET and POST /login/unlock/{token} (the mailed link's button,
 * which marks the browser), and unlock_offer, which login.c calls when only
 * the per-email rule refused: it mails email's partner, if any, a link at
 * most once in 15 minutes (email in auth_email_normal form). 0 or -1. */
int unlock_show(struct request *req);
int unlock_post(struct request *req);
int unlock_offer(struct request *req, const char *email);

/* settings.c: GET /settings (and /settings/language, with the partner's
 * sessions), POST /settings/logout-all, POST /settings/sessions/{id}/revoke,
 * POST /settings/language. */
int settings_show(struct request *req);

/* The settings page with the quiet-time form's values after a refusal
 * (NULL: the stored ones) and status. */
int settings_page(struct request *req, const struct param_value *quiet_values, int status);
int settings_logout_all(struct request *req);
int settings_revoke_session(struct request *req);
int settings_language(struct request *req);

/* The path in next when it is a local one, a safe place to go back to;
 * "/" otherwise. */
const char *settings_local_path(const struct param_value *next);

/* quiet.c: POST /settings/quiet, the partner's quiet time (HOURS-6). */
int quiet_post(struct request *req);
/* POST /settings/notifications desktop_notify=1: desktop notifications on
 * or off; notify_view shows the stored choice (DESKTOP_NOTIFY_CHECKED). */
int notify_post(struct request *req);
void notify_view(struct request *req, struct view *view);

/* Sets QUIET_START and QUIET_END (and their errors) on the settings page:
 * values after a refusal, or NULL for the session's stored quiet time. */
void quiet_view(struct request *req, struct view *view, const struct param_value *values);

/* second_factor.c: the second factor in "my account" (AUTH-6): GET
 * /settings/second-factor, POST .../start (a pending secret), GET .../qr.png
 * (its otpauth URI; without one, 303 to the page), POST .../confirm (a code
 * turns it on and the recovery codes are shown once), POST .../recovery
 * (a current code replaces the recovery codes by new ones, shown once),
 * POST .../off (with a current code). */
int second_factor_show(struct request *req);
int second_factor_start(struct request *req);
int second_factor_qr(struct request *req);
int second_factor_confirm(struct request *req);
int second_factor_renew(struct request *req);
int second_factor_off(struct request *req);

/* second_check.c: GET and POST /second-factor?next=PATH, the code the chat
 * pages ask for (totp_route_check sends the browser there). */
int second_factor_check_show(struct request *req);
int second_factor_check_post(struct request *req);

/* Answers of second_factor_judge. */
enum second_factor_answer {
	SECOND_FACTOR_WRONG = 0,     /* not a code the partner may use now */
	SECOND_FACTOR_OK = 1,        /* accepted; a transaction is open */
	SECOND_FACTOR_THROTTLED = 2, /* too many failures (AUTH-5's limits) */
};

/* Judges code typed by the signed-in partner: counted as a failed sign-in
 * under "totp PARTNER_ID" and the client address until it passes
 * (auth_sign_in_throttled, so the same limits hold), then a TOTP code of
 * the partner's secret, pending (pending) or on, at a time step after the
 * last one accepted, or when recovery one of the partner's unused recovery
 * codes. On SECOND_FACTOR_OK the code is used inside a transaction left
 * open, the partner's secret row locked (codes of one partner are judged
 * one at a time): the caller makes its change and calls
 * second_factor_commit (or rolls back). Returns an enum
 * second_factor_answer, or <0 error. */
int second_factor_judge(struct request *req, const char *code, bool pending, bool recovery);

/* Commits the transaction of an accepted code and forgets the failures
 * counted for it. 0, or <0 error. */
int second_factor_commit(struct request *req);

/* Sets code's error for a refusal judged (wrong or throttled). */
void second_factor_refused(struct param_value *code, int judged);

#endif
