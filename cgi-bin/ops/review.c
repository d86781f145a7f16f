/* review: the operator's review of new accounts (ACC-3): the pending list,
 * approval, and rejection with a reason the partner sees. */
#include "arena.h"
#include "db.h"
#include "db_account_reviews.h"
#include "db_accounts.h"
#include "form.h"
#include "http.h"
#include "notify.h"
#include "page.h"
#include "pages.h"
#include "session.h"
#include "view.h"

#include <string.h>

enum { REJECT_REASON, REJECT__MAX };

static const struct param_field reject_fields[REJECT__MAX] = {
	[REJECT_REASON] = { "reason", PARAM_LINES, true, 1, 500, NULL },
};

static const struct form reject_form = {
	.template_name = "page_ops_accounts",
	.title = "ops_accounts.title",
	.fields = reject_fields,
	.field_count = REJECT__MAX,
};

/* A 10-digit registration number as it is written, 123-45-67890 (ACC-2);
 * anything else as it is. */
static const char *review_number(struct request *req, const char *digits)
{
	if (strlen(digits) != 10 || strspn(digits, "0123456789") != 10)
		return digits;
	return arena_printf(req->arena, "%.3s-%.2s-%.5s", digits, digits + 3, digits + 5);
}

/* One row of section PENDING; the refused reason beside it when given. */
static void review_row(struct request *req, struct view *view,
    const struct account_pending *pending, const struct param_value *reason)
{
	const struct account_registration *account = &pending->registration;
	struct view *row = view_add_row(view, "PENDING");
	view_set(row, "CODE", account->code);
	view_set(row, "NAME", account->name);
	view_set(row, "KIND", account->kind);
	view_set_text(row, "CATEGORY", arena_printf(req->arena, "category.%s",
	    account->category1));
	view_set(row, "BRN", review_number(req, account->brn));
	view_set(row, "COMPANY", account->company);
	view_set(row, "REPRESENTATIVE", account->representative);
	view_set(row, "CREATED", pending->created);
	view_set(row, "MASTER_EMAIL", pending->master_email);
	view_set_text(row, "KIND_TEXT", arena_printf(req->arena, "kind.%s", account->kind));
	if (reason != NULL) {
		view_show(row, "REASON_INVALID");
		view_set(row, "REASON", reason->text);
		view_set(row, "REASON_ERROR", page_field_message(req, &reject_fields[REJECT_REASON],
		    reason->error));
	}
}

/* Lists pending accounts (oldest first); refused_code names the account whose
 * rejection reason (reason) was refused, or is NULL. */
static int review_show(struct request *req, const char *refused_code,
    const struct param_value *reason, int status)
{
	struct account_pending *accounts;
	int count = db_accounts_list_pending(req->arena, &accounts);
	if (count < 0)
		return -1;
	struct view *view = form_view(req, &reject_form, NULL, NULL, NULL);
	for (int i = 0; i < count; i++) {
		bool refused = refused_code != NULL && strcmp(refused_code, accounts[i].registration.code) == 0;
		review_row(req, view, &accounts[i], refused ? reason : NULL);
	}
	if (count == 0)
		view_show(view, "NO_PENDING");
	return form_render(req, &reject_form, view, status);
}

int review_list(struct request *req)
{
	return review_show(req, NULL, NULL, 200);
}

/* Records the decision (status "approved" or "rejected") on the pending
 * account of the route and tells its members (LOG-3, "review_approved" or
 * "review_rejected"); 404 when it is not pending. */
static int review_decide(struct request *req, const char *status, const char *reason)
{
	if (db_begin(req->arena) != 0)
		return -1;
	long long id;
	int changed = db_accounts_decide(req->arena, req->params[0], status, &id);
	if (changed <= 0)
		return changed < 0 ? -1 : 404;
	if (db_account_reviews_insert(req->arena, id, status, reason, req->session->partner_id) != 1
	    || notify_members(req->arena, id, 0, arena_printf(req->arena, "review_%s", status),
		NULL) < 0
	    || db_commit(req->arena) != 0)
		return -1;
	return form_done(req, "/ops/accounts", NULL);
}

int review_approve(struct request *req)
{
	return review_decide(req, "approved", "");
}

int review_reject(struct request *req)
{
	struct param_value values[REJECT__MAX];
	if (form_read(req, &reject_form, values, NULL) > 0)
		return review_show(req, req->params[0], &values[REJECT_REASON], 422);
	return review_decide(req, "rejected", values[REJECT_REASON].text);
}
