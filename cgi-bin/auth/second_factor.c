/* second_factor: setting up the second factor from "my account" (AUTH-6):
 * a pending secret shown as a QR code of its otpauth URI and as text, a
 * typed code that turns it on and shows ten recovery codes once, ten new
 * recovery codes in place of the old ones for a current code, and turning
 * it off with a current code. The partner's own, not an account's: nothing
 * goes to any account history. Turning it on or off makes every session of
 * the partner but this one pass it again; renewing the codes does not. */
#include "pages.h"
#include "arena.h"
#include "db.h"
#include "db_recovery_codes.h"
#include "db_sessions.h"
#include "db_totp_secrets.h"
#include "form.h"
#include "http.h"
#include "qr.h"
#include "session.h"
#include "totp.h"
#include "view.h"

#include <sodium.h>
#include <stdlib.h>

enum { CODE_CODE, CODE__MAX };

static const struct param_field code_fields[CODE__MAX] = {
	[CODE_CODE] = { "code", PARAM_TEXT, true, 1, 40, NULL },
};

/* The renewal's form has a field of its own name, so that a refusal shows
 * next to its field and not the turn-off form's. */
static const struct param_field renew_fields[CODE__MAX] = {
	[CODE_CODE] = { "renew_code", PARAM_TEXT, true, 1, 40, NULL },
};

static const char *const second_factor_notices[] = { "off", NULL };

static const struct form second_factor_form = {
	.template_name = "page_second_factor",
	.title = "totp.title",
	.fields = code_fields,
	.field_count = CODE__MAX,
	.notices = second_factor_notices,
};

static const struct form renew_form = {
	.template_name = "page_second_factor",
	.title = "totp.title",
	.fields = renew_fields,
	.field_count = CODE__MAX,
	.notices = second_factor_notices,
};

enum { SECOND_FACTOR_QR_PIXELS = 300 };

/* The pending secret's base32 and otpauth URI, in the arena; -1 when
 * partner has no pending secret, -2 on error. */
static int second_factor_pending(struct request *req, const char **base32, const char **uri)
{
	const char *box;
	bool enabled;
	unsigned char secret[TOTP_SECRET_BYTES];
	int found = db_totp_secrets_get(req->arena, req->session->partner_id, &box, &enabled);
	if (found < 0)
		return -2;
	if (found == 0 || enabled || totp_open(box, secret) != 0)
		return -1;
	*base32 = totp_base32(req->arena, secret);
	sodium_memzero(secret, sizeof(secret));
	if (*base32 == NULL)
		return -2;
	*uri = totp_uri(req->arena, view_text(req->lang, "app.name"),
	    req->session->partner_email, *base32);
	return 0;
}

/* The page in its state: off, pending (QR code, secret, code form) or on
 * (recovery codes left, the forms that renew them and turn it off), with
 * the values that form (one of this file's) refused. */
static int second_factor_page(struct request *req, const struct form *form,
    const struct param_value *values, int status)
{
	struct view *view = form_view(req, form, values, NULL, NULL);
	const char *base32, *uri;
	int pending = second_factor_pending(req, &base32, &uri);
	if (pending == -2)
		return -1;
	if (pending == 0) {
		view_show(view, "TOTP_PENDING");
		view_set(view, "SECRET", base32);
		view_set(view, "URI", uri);
		return form_render(req, &second_factor_form, view, status);
	}
	if (!req->session->totp_on) {
		view_show(view, "TOTP_OFF");
		return form_render(req, &second_factor_form, view, status);
	}
	int left = db_recovery_codes_count_left(req->arena, req->session->partner_id);
	if (left < 0)
		return -1;
	view_show(view, "TOTP_ON");
	view_set_int(view, "RECOVERY_LEFT", left);
	return form_render(req, &second_factor_form, view, status);
}

int second_factor_show(struct request *req)
{
	return second_factor_page(req, &second_factor_form, NULL, 200);
}

int second_factor_start(struct request *req)
{
	const char *box;
	if (totp_new_secret(req->arena, &box) != 0
	    || db_totp_secrets_start(req->arena, req->session->partner_id, box) < 0)
		return -1;
	return form_done(req, "/settings/second-factor", NULL);
}

int second_factor_qr(struct request *req)
{
	const char *base32, *uri;
	int pending = second_factor_pending(req, &base32, &uri);
	if (pending == -1) /* nothing to scan: the page says why */
		return http_redirect(req, "/settings/second-factor");
	if (pending != 0)
		return -1;
	unsigned char *png;
	size_t length;
	if (qr_png(uri, SECOND_FACTOR_QR_PIXELS, &png, &length) != 0)
		return -1;
	req->content_type = "image/png";
	strbuf_append(&req->body, (const char *)png, length);
	free(png);
	return 200;
}

/* Inside the open transaction: TOTP_RECOVERY_COUNT new recovery codes
 * into codes (in the arena) in place of every old one. 0 or <0. */
static int second_factor_new_codes(struct request *req, const char **codes)
{
	long long partner_id = req->session->partner_id;
	if (db_recovery_codes_delete_partner(req->arena, partner_id) < 0)
		return DB_ERROR;
	for (int i = 0; i < TOTP_RECOVERY_COUNT; i++) {
		codes[i] = totp_recovery_new(req->arena);
		if (db_recovery_codes_insert(req->arena, partner_id,
			totp_recovery_hash(req->arena, codes[i])) != 1)
			return DB_ERROR;
	}
	return 0;
}

/* Inside the open transaction: new recovery codes into codes, and only this
 * session counted as having passed. 0 or <0. */
static int second_factor_enable(struct request *req, const char **codes)
{
	long long partner_id = req->session->partner_id;
	if (second_factor_new_codes(req, codes) != 0
	    || db_sessions_clear_totp(req->arena, partner_id) < 0
	    || db_sessions_set_totp(req->arena, req->session->id) != 1)
		return DB_ERROR;
	return 0;
}

/* The page that shows the recovery codes, the only time they are shown,
 * under the notice of catalog key done. */
static int second_factor_codes_page(struct request *req, const char *const *codes,
    const char *done)
{
	struct view *view = form_view(req, &second_factor_form, NULL, NULL, NULL);
	view_show(view, "TOTP_CODES");
	view_set_text(view, "CODES_DONE", done);
	for (int i = 0; i < TOTP_RECOVERY_COUNT; i++)
		view_set(view_add_row(view, "RECOVERY"), "CODE", codes[i]);
	return form_render(req, &second_factor_form, view, 200);
}

/* Reads the code field of form (second_factor_form or renew_form) and
 * judges it (second_factor_judge); on refusal answers the page again and
 * returns that status in *status. */
static int second_factor_read(struct request *req, const struct form *form, bool pending,
    int *status)
{
	struct param_value values[CODE__MAX];
	if (form_read(req, form, values, NULL) > 0) {
		*status = second_factor_page(req, form, values, 422);
		return SECOND_FACTOR_WRONG;
	}
	int judged = second_factor_judge(req, values[CODE_CODE].text, pending, !pending);
	if (judged < 0) {
		*status = -1;
		return judged;
	}
	if (judged != SECOND_FACTOR_OK) {
		second_factor_refused(&values[CODE_CODE], judged);
		*status = second_factor_page(req, form, values,
		    judged == SECOND_FACTOR_THROTTLED ? 429 : 422);
	}
	return judged;
}

int second_factor_confirm(struct request *req)
{
	int status;
	if (second_factor_read(req, &second_factor_form, true, &status) != SECOND_FACTOR_OK)
		return status;
	const char *codes[TOTP_RECOVERY_COUNT];
	if (second_factor_enable(req, codes) != 0) {
		db_rollback(req->arena);
		return -1;
	}
	if (second_factor_commit(req) != 0)
		return -1;
	return second_factor_codes_page(req, codes, "totp.done_on");
}

int second_factor_renew(struct request *req)
{
	int status;
	if (second_factor_read(req, &renew_form, false, &status) != SECOND_FACTOR_OK)
		return status;
	const char *codes[TOTP_RECOVERY_COUNT];
	if (second_factor_new_codes(req, codes) != 0) {
		db_rollback(req->arena);
		return -1;
	}
	if (second_factor_commit(req) != 0)
		return -1;
	return second_factor_codes_page(req, codes, "totp.done_renew");
}

int second_factor_off(struct request *req)
{
	int status;
	if (second_factor_read(req, &second_factor_form, false, &status) != SECOND_FACTOR_OK)
		return status;
	long long partner_id = req->session->partner_id;
	if (db_totp_secrets_delete(req->arena, partner_id) != 1
	    || db_recovery_codes_delete_partner(req->arena, partner_id) < 0
	    || db_sessions_clear_totp(req->arena, partner_id) < 0) {
		db_rollback(req->arena);
		return -1;
	}
	if (second_factor_commit(req) != 0)
		return -1;
	return form_done(req, "/settings/second-factor", "off");
}
