/* new: the account creation wizard (ACC-1, ACC-2): terms, kind, name, category
 * and, for businesses and organizations, the registration details; and the
 * same form again to correct a rejected account and resubmit it (ACC-3). */
#include "pages.h"
#include "account.h"
#include "arena.h"
#include "config.h"
#include "db.h"
#include "db_account_codes.h"
#include "db_account_reviews.h"
#include "db_accounts.h"
#include "db_members.h"
#include "db_partners.h"
#include "form.h"
#include "history.h"
#include "http.h"
#include "session.h"
#include "view.h"

#include <string.h>

static const char *const kinds[] = { "personal", "business", "organization", NULL };

enum { NEW_AGREE_TERMS, NEW_KIND, NEW_NAME, NEW_CATEGORY1, NEW_BRN, NEW_COMPANY,
	NEW_REPRESENTATIVE, NEW__MAX };

static const struct param_field new_fields[NEW__MAX] = {
	[NEW_AGREE_TERMS] = { "agree_terms", PARAM_CHECKBOX, true, 0, 0, NULL },
	[NEW_KIND] = { "kind", PARAM_CHOICE, true, 0, 0, kinds },
	[NEW_NAME] = { "name", PARAM_ACCOUNT_NAME, true, 1, 20, NULL },
	[NEW_CATEGORY1] = { "category1", PARAM_CHOICE, true, 0, 0, account_categories },
	[NEW_BRN] = { "brn", PARAM_BRN, false, 0, 0, NULL },
	[NEW_COMPANY] = { "company", PARAM_NAME, false, 1, 50, NULL },
	[NEW_REPRESENTATIVE] = { "representative", PARAM_NAME, false, 1, 30, NULL },
};

static const struct form new_account_form = {
	.template_name = "page_account_new",
	.title = "account_new.title",
	.fields = new_fields,
	.field_count = NEW__MAX,
};

static const struct form resubmit_form = {
	.template_name = "page_account_new",
	.title = "account_resubmit.title",
	.menu = "home",
	.fields = new_fields,
	.field_count = NEW__MAX,
};

/* The wizard (or, for the account of the request, the resubmission) with
 * what was typed (values NULL: a fresh one, personal chosen). */
static int new_show(struct request *req, const struct param_value *values, const char *error,
    int status)
{
	bool again = req->account != NULL;
	const struct form *form = again ? &resubmit_form : &new_account_form;
	struct view *view = form_view(req, form, values, NULL, error);
	if (values == NULL)
		view_show(view, "KIND_IS_PERSONAL");
	view_show(view, again ? "RESUBMIT" : "CREATE");
	/* what happens after: a review, or (approve_accounts = auto) nothing */
	view_show(view, strcmp(config_str("approve_accounts"), "auto") == 0 ? "REVIEW_AUTO"
	    : "REVIEW_MANUAL");
	view_set(view, "FORM_ACTION", again
	    ? arena_printf(req->arena, "/a/%s/review", req->account->code) : "/accounts/new");
	account_view_categories(view, "CATEGORIES", values != NULL ? values[NEW_CATEGORY1].text : NULL);
	return form_render(req, form, view, status);
}

int new_form(struct request *req)
{
	return new_show(req, NULL, NULL, 200);
}

/* Marks field required when it was left empty without another error; 1 if marked. */
static int new_require(struct param_value *value)
{
	if (value->present || value->error != NULL)
		return 0;
	value->error = "err.required";
	return 1;
}

/* Business and organization accounts need the number and the company name;
 * a business also needs its representative. Returns how many are missing. */
static int new_check_business(struct param_value *values)
{
	const char *kind = values[NEW_KIND].text;
	if (values[NEW_KIND].error != NULL || strcmp(kind, "personal") == 0)
		return 0;
	int errors = new_require(&values[NEW_BRN]) + new_require(&values[NEW_COMPANY]);
	if (strcmp(kind, "business") == 0)
		errors += new_require(&values[NEW_REPRESENTATIVE]);
	return errors;
}

/* The registration the form's values give (code NULL). */
static struct account_registration new_registration(const struct param_value *values)
{
	bool personal = strcmp(values[NEW_KIND].text, "personal") == 0;
	return (struct account_registration) {
		.kind = values[NEW_KIND].text,
		.name = values[NEW_NAME].text,
		.category1 = values[NEW_CATEGORY1].text,
		.brn = personal ? "" : values[NEW_BRN].text,
		.company = personal ? "" : values[NEW_COMPANY].text,
		.representative = personal ? "" : values[NEW_REPRESENTATIVE].text,
	};
}

/* With approve_accounts = auto, approves the pending account code at once
 * and records it (ACC-3): 0 or <0. */
static int new_auto_approve(struct request *req, const char *code)
{
	long long id;
	if (strcmp(config_str("approve_accounts"), "auto") != 0)
		return 0;
	return db_accounts_decide(req->arena, code, "approved", &id) == 1
	    && db_account_reviews_insert(req->arena, id, "approved", "auto", 0) == 1 ? 0 : DB_ERROR;
}

/* Inserts the account, its master and its review entries in the open
 * transaction and sets *code. 1, 0 when the name is taken, <0 error. */
static int new_insert(struct request *req, const struct param_value *values, const char **code)
{
	struct account_registration account = new_registration(values);
	account.code = db_account_codes_reserve(req->arena);
	if (account.code == NULL)
		return DB_ERROR;
	long long id;
	int created = db_accounts_insert(req->arena, &account, &id);
	if (created == DB_UNIQUE_VIOLATION)
		return 0;
	if (created != 1
	    || db_members_insert(req->arena, id, req->session->partner_id, "master") != 1
	    || db_account_reviews_insert(req->arena, id, "submitted", "", 0) != 1
	    || new_auto_approve(req, account.code) != 0)
		return DB_ERROR;
	*code = account.code;
	return 1;
}

int new_post(struct request *req)
{
	struct param_value values[NEW__MAX];
	int errors = form_read(req, &new_account_form, values, NULL);
	errors += new_check_business(values);
	if (errors > 0)
		return new_show(req, values, NULL, 422);
	/* The partner's row serialises concurrent creations against the limit;
	 * the count is taken after the lock, so it sees the others' commits. */
	long long partner_id = req->session->partner_id;
	if (db_begin(req->arena) != 0 || db_partners_lock(req->arena, partner_id) != 1)
		return -1;
	int owned = db_members_count_master(req->arena, partner_id);
	if (owned < 0)
		return -1;
	if (owned >= account_limit())
		return new_show(req, values, "accounts.limit_reached", 422);
	const char *code;
	int created = new_insert(req, values, &code);
	if (created < 0)
		return -1;
	if (created == 0) {
		db_rollback(req->arena);
		values[NEW_NAME].error = "err.name_taken";
		return new_show(req, values, NULL, 422);
	}
	if (db_commit(req->arena) != 0)
		return -1;
	return form_done(req, arena_printf(req->arena, "/a/%s/", code), NULL);
}

/* The registration as one line for the history (LOG-1). */
static const char *new_registration_text(struct request *req,
    const struct account_registration *account)
{
	return arena_printf(req->arena, "%s / %s / %s / %s / %s / %s", account->kind, account->name,
	    account->category1, account->brn, account->company, account->representative);
}

/* GET /a/CODE/review: the form filled with the rejected registration;
 * an account that is not rejected has nothing to correct. */
int resubmit_form_page(struct request *req)
{
	if (strcmp(req->account->status, "rejected") != 0)
		return form_done(req, arena_printf(req->arena, "/a/%s/", req->account->code), NULL);
	struct account_registration account;
	if (db_accounts_get_registration(req->arena, req->account->id, &account) != 1)
		return -1;
	struct param_value values[NEW__MAX] = { 0 };
	const char *texts[NEW__MAX] = {
		[NEW_AGREE_TERMS] = "1", [NEW_KIND] = account.kind, [NEW_NAME] = account.name,
		[NEW_CATEGORY1] = account.category1, [NEW_BRN] = account.brn,
		[NEW_COMPANY] = account.company, [NEW_REPRESENTATIVE] = account.representative,
	};
	for (int i = 0; i < NEW__MAX; i++) {
		values[i].text = texts[i];
		values[i].present = *texts[i] != '\0';
	}
	return new_show(req, values, NULL, 200);
}

/* Stores the corrected registration, the review entry and the history
 * entry in one transaction: 1, 0 name taken, 2 not rejected, <0 error. */
static int resubmit_store(struct request *req, const struct param_value *values)
{
	struct account_registration before, after = new_registration(values);
	if (db_begin(req->arena) != 0
	    || db_accounts_get_registration(req->arena, req->account->id, &before) != 1)
		return DB_ERROR;
	int changed = db_accounts_resubmit(req->arena, req->account->id, &after);
	if (changed == 1
	    && (db_account_reviews_insert(req->arena, req->account->id, "submitted", "", 0) != 1
		|| new_auto_approve(req, req->account->code) != 0
		|| history_add(req, HISTORY_PROFILE, "resubmit", after.name,
		    new_registration_text(req, &before), new_registration_text(req, &after)) != 1))
		changed = DB_ERROR;
	if (changed != 1) {
		db_rollback(req->arena);
		return changed == DB_UNIQUE_VIOLATION ? 0 : changed == 0 ? 2 : changed;
	}
	return db_commit(req->arena) == 0 ? 1 : DB_ERROR;
}

/* POST /a/CODE/review: the corrected registration goes back to review;
 * the review history keeps the rejection and the new submission (ACC-3). */
int resubmit_post(struct request *req)
{
	struct param_value values[NEW__MAX];
	int errors = form_read(req, &resubmit_form, values, NULL);
	errors += new_check_business(values);
	if (errors > 0)
		return new_show(req, values, NULL, 422);
	int stored = resubmit_store(req, values);
	if (stored < 0)
		return -1;
	if (stored == 0) {
		values[NEW_NAME].error = "err.name_taken";
		return new_show(req, values, NULL, 422);
	}
	return form_done(req, arena_printf(req->arena, "/a/%s/", req->account->code),
	    stored == 1 ? "resubmitted" : NULL);
}
