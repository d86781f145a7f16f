/* second_check: the second factor asked before the chat pages (AUTH-6): the
 * code page that sends the browser back where it was going, and the judging
 * of a typed code that the settings pages share (throttled like sign-in,
 * each time step and each recovery code accepted once). */
#include "pages.h"
#include "arena.h"
#include "db.h"
#include "db_recovery_codes.h"
#include "db_sessions.h"
#include "db_totp_secrets.h"
#include "form.h"
#include "http.h"
#include "session.h"
#include "totp.h"
#include "view.h"

#include <sodium.h>
#include <time.h>

enum { CHECK_CODE, CHECK_NEXT, CHECK__MAX };

static const struct param_field check_fields[CHECK__MAX] = {
	[CHECK_CODE] = { "code", PARAM_TEXT, true, 1, 40, NULL },
	[CHECK_NEXT] = { "next", PARAM_TEXT, false, 0, 500, NULL },
};

static const struct form check_form = {
	.template_name = "page_second_factor_check",
	.title = "totp.check_title",
	.fields = check_fields,
	.field_count = CHECK__MAX,
};

/* What the failures of the partner's codes are counted under, beside the
 * client address (sign_in_failures.email; no email looks like it). */
static const char *second_factor_key(struct request *req)
{
	return arena_printf(req->arena, "totp %lld", req->session->partner_id);
}

/* Consumes code inside the open transaction: a TOTP code of box's secret at a
 * step not accepted before, or (recovery) an unused recovery code. 1, 0, <0. */
static int second_factor_use(struct request *req, const char *code, const char *box,
    bool enabled, bool recovery)
{
	long long partner_id = req->session->partner_id;
	if (totp_is_code(code)) {
		unsigned char secret[TOTP_SECRET_BYTES];
		long long step;
		if (totp_open(box, secret) != 0)
			return 0; /* made under another `secret`: set up again */
		bool match = totp_match(secret, code, (long long)time(NULL), &step);
		sodium_memzero(secret, sizeof(secret));
		return match ? db_totp_secrets_use_step(req->arena, partner_id, step, enabled) : 0;
	}
	if (!recovery)
		return 0;
	return db_recovery_codes_use(req->arena, partner_id, totp_recovery_hash(req->arena, code));
}

int second_factor_judge(struct request *req, const char *code, bool pending, bool recovery)
{
	int throttled = auth_sign_in_throttled(req->arena, second_factor_key(req), req->remote_addr,
	    false);
	if (throttled < 0)
		return throttled;
	if (throttled != AUTH_SIGN_IN_GO)
		return SECOND_FACTOR_THROTTLED;
	if (db_begin(req->arena) != 0)
		return DB_ERROR;
	/* codes of one partner are judged one after the other: two renewals
	 * with two recovery codes would otherwise wait for each other's code
	 * row (a deadlock), and the second now sees its code renewed away */
	const char *box;
	bool enabled;
	int used = db_totp_secrets_lock(req->arena, req->session->partner_id, &box, &enabled);
	if (used == 1 && enabled == pending)
		used = 0;
	else if (used == 1)
		used = second_factor_use(req, code, box, enabled, recovery);
	if (used != 1)
		db_rollback(req->arena);
	return used == 1 ? SECOND_FACTOR_OK : used < 0 ? used : SECOND_FACTOR_WRONG;
}

int second_factor_commit(struct request *req)
{
	if (db_commit(req->arena) != 0)
		return DB_ERROR;
	return auth_sign_in_passed(req->arena, second_factor_key(req), req->remote_addr);
}

void second_factor_refused(struct param_value *code, int judged)
{
	code->error = judged == SECOND_FACTOR_THROTTLED ? "totp.throttled" : "totp.wrong";
}

/* The local path in next, or the partner's accounts. */
static const char *check_next(const struct param_value *next)
{
	const char *path = settings_local_path(next);
	return path[1] == '\0' ? "/accounts" : path;
}

int second_factor_check_show(struct request *req)
{
	struct param_value next;
	param_check(req->arena, &check_fields[CHECK_NEXT], http_query(req, "next"), &next);
	if (!req->session->totp_on)
		return http_redirect(req, check_next(&next));
	struct view *view = form_view(req, &check_form, NULL, NULL, NULL);
	view_set(view, "NEXT", check_next(&next));
	return form_render(req, &check_form, view, 200);
}

int second_factor_check_post(struct request *req)
{
	struct param_value values[CHECK__MAX];
	if (form_read(req, &check_form, values, NULL) > 0)
		return form_show(req, &check_form, values, NULL, NULL, 422);
	const char *next = check_next(&values[CHECK_NEXT]);
	if (!req->session->totp_on)
		return http_redirect(req, next);
	int judged = second_factor_judge(req, values[CHECK_CODE].text, false, true);
	if (judged < 0)
		return -1;
	if (judged != SECOND_FACTOR_OK) {
		second_factor_refused(&values[CHECK_CODE], judged);
		return form_show(req, &check_form, values, NULL, NULL,
		    judged == SECOND_FACTOR_THROTTLED ? 429 : 422);
	}
	if (db_sessions_set_totp(req->arena, req->session->id) != 1) {
		db_rollback(req->arena);
		return -1;
	}
	return second_factor_commit(req) == 0 ? http_redirect(req, next) : -1;
}
