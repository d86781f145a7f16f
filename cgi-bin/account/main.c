/* account: the partner's accounts (ACC-1..10): list, creation wizard, account
 * home with its switches, profile with images, exposure with QR codes, and
 * deletion and reset by the master. */
#include "account.h"
#include "arena.h"
#include "chat.h"
#include "config.h"
#include "db.h"
#include "fcgi_main.h"
#include "http.h"
#include "page.h"
#include "param.h"
#include "qr.h"
#include "route.h"
#include "session.h"
#include "upload.h"
#include "view.h"

#include <sodium.h>
#include <stdlib.h>
#include <string.h>

static const char *const kinds[] = { "personal", "business", "organization", NULL };

static const struct param_field create_fields[] = {
	{ "agree_terms", PARAM_CHECKBOX, true, 0, 0, NULL },
	{ "kind", PARAM_CHOICE, true, 0, 0, kinds },
	{ "name", PARAM_ACCOUNT_NAME, true, 1, 20, NULL },
	{ "category1", PARAM_CHOICE, true, 0, 0, account_categories },
	{ "brn", PARAM_BRN, false, 0, 0, NULL },
	{ "company", PARAM_TEXT, false, 1, 50, NULL },
	{ "representative", PARAM_TEXT, false, 1, 30, NULL },
};
enum { CREATE_AGREE, CREATE_KIND, CREATE_NAME, CREATE_CATEGORY1, CREATE_BRN, CREATE_COMPANY,
	CREATE_REPRESENTATIVE };

static const struct param_field profile_fields[] = {
	{ "name", PARAM_ACCOUNT_NAME, true, 1, 20, NULL },
	{ "intro", PARAM_LINES, false, 0, 200, NULL },
	{ "homepage", PARAM_URL, false, 0, 500, NULL },
	{ "phone", PARAM_PHONE, false, 0, 20, NULL },
	{ "category1", PARAM_CHOICE, true, 0, 0, account_categories },
	{ "category2", PARAM_CHOICE, false, 0, 0, account_categories },
};
enum { PROFILE_NAME, PROFILE_INTRO, PROFILE_HOMEPAGE, PROFILE_PHONE, PROFILE_CATEGORY1,
	PROFILE_CATEGORY2 };

static const struct param_field switch_fields[] = {
	{ "home_public", PARAM_CHECKBOX, false, 0, 0, NULL },
	{ "chat_on", PARAM_CHECKBOX, false, 0, 0, NULL },
};

static const struct param_field confirm_fields[] = {
	{ "confirm", PARAM_CHECKBOX, true, 0, 0, NULL },
};

/* The two images of a profile: form field, column prefix, serving name. */
static const struct profile_image {
	const char *field;
	const char *name;
} profile_images[] = {
	{ "profile_image", "profile" },
	{ "background_image", "background" },
};

/* Adds the category list (for <select>) to view as rows of section section. */
static void add_categories(struct view *view, const char *section, const char *chosen)
{
	for (const char *const *key = account_categories; *key != NULL; key++) {
		struct view *row = view_add_row(view, section);
		view_set(row, "KEY", *key);
		char catalog_key[64];
		snprintf(catalog_key, sizeof(catalog_key), "category.%s", *key);
		view_set_text(row, "LABEL", catalog_key);
		if (chosen != NULL && strcmp(chosen, *key) == 0)
			view_show(row, "SELECTED");
	}
}

static int accounts_list(struct request *req)
{
	struct db_rows rows;
	int count = DB_EXEC(req->arena, &rows,
	    "SELECT a.code, a.name, a.status, m.role, a.delete_after IS NOT NULL, a.kind "
	    "FROM members m JOIN accounts a ON a.id = m.account_id WHERE m.partner_id = $1 "
	    "ORDER BY a.created_at",
	    db_param_int(req->arena, req->session->partner_id));
	if (count < 0)
		return -1;
	struct view *view = page_new(req, "accounts.title");
	int owned = 0;
	for (int i = 0; i < count; i++) {
		struct view *row = view_add_row(view, "ACCOUNTS");
		view_set(row, "CODE", db_value(&rows, i, 0));
		view_set(row, "NAME", db_value(&rows, i, 1));
		view_set_text(row, "STATUS_TEXT",
		    arena_printf(req->arena, "account.status.%s", db_value(&rows, i, 2)));
		view_set(row, "STATUS", db_value(&rows, i, 2));
		view_set_text(row, "ROLE_TEXT", arena_printf(req->arena, "role.%s", db_value(&rows, i, 3)));
		view_set_text(row, "KIND_TEXT", arena_printf(req->arena, "kind.%s", db_value(&rows, i, 5)));
		if (db_bool(&rows, i, 4))
			view_show(row, "DELETING");
		owned += strcmp(db_value(&rows, i, 3), "master") == 0;
	}
	if (count == 0)
		view_show(view, "NO_ACCOUNTS");
	view_set_int(view, "LIMIT", config_int("max_accounts", 10, 1, 1000));
	if (owned >= config_int("max_accounts", 10, 1, 1000))
		view_show(view, "AT_LIMIT");
	else
		view_show(view, "CAN_CREATE");
	return page_render(req, view, "page_accounts", 200);
}

static int create_page(struct request *req, const struct param_value *values, const char *error,
    int status)
{
	struct view *view = page_new(req, "account_new.title");
	if (values != NULL)
		page_form(view, create_fields, COUNT(create_fields), values);
	else
		view_show(view, "KIND_IS_PERSONAL");
	if (error != NULL)
		page_form_error(view, error);
	add_categories(view, "CATEGORIES", values != NULL ? values[CREATE_CATEGORY1].text : NULL);
	return page_render(req, view, "page_account_new", status);
}

static int create_form(struct request *req)
{
	return create_page(req, NULL, NULL, 200);
}

/* Business and organization accounts need the number and the company name;
 * a business also needs its representative. Marks what is missing. */
static int check_business_fields(struct param_value *values)
{
	const char *kind = values[CREATE_KIND].text;
	if (values[CREATE_KIND].error != NULL || strcmp(kind, "personal") == 0)
		return 0;
	int errors = 0;
	if (!values[CREATE_BRN].present && values[CREATE_BRN].error == NULL) {
		values[CREATE_BRN].error = "err.required";
		errors++;
	}
	if (!values[CREATE_COMPANY].present && values[CREATE_COMPANY].error == NULL) {
		values[CREATE_COMPANY].error = "err.required";
		errors++;
	}
	if (strcmp(kind, "business") == 0 && !values[CREATE_REPRESENTATIVE].present
	    && values[CREATE_REPRESENTATIVE].error == NULL) {
		values[CREATE_REPRESENTATIVE].error = "err.required";
		errors++;
	}
	return errors;
}

/* Reserves a new random public code for good (codes are never reused). */
static const char *reserve_code(struct request *req)
{
	static const char alphabet[] = "abcdefghijklmnopqrstuvwxyz0123456789";
	for (int attempt = 0; attempt < 20; attempt++) {
		char code[7];
		for (int i = 0; i < 6; i++)
			code[i] = alphabet[randombytes_uniform(sizeof(alphabet) - 1)];
		code[6] = '\0';
		int inserted = DB_EXEC(req->arena, NULL,
		    "INSERT INTO account_codes (code) VALUES ($1) ON CONFLICT DO NOTHING", code);
		if (inserted < 0)
			return NULL;
		if (inserted == 1)
			return arena_strdup(req->arena, code);
	}
	return NULL;
}

/* Inserts the account, its master and its review entries in the open
 * transaction; returns the code, NULL on failure, or "" when the name is taken. */
static const char *insert_account(struct request *req, const struct param_value *values)
{
	const char *code = reserve_code(req);
	if (code == NULL)
		return NULL;
	bool personal = strcmp(values[CREATE_KIND].text, "personal") == 0;
	struct db_rows rows;
	int created = DB_EXEC(req->arena, &rows,
	    "INSERT INTO accounts (code, kind, name, category1, brn, company, representative) "
	    "VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING id",
	    code, values[CREATE_KIND].text, values[CREATE_NAME].text, values[CREATE_CATEGORY1].text,
	    personal ? "" : values[CREATE_BRN].text, personal ? "" : values[CREATE_COMPANY].text,
	    personal ? "" : values[CREATE_REPRESENTATIVE].text);
	if (created == DB_UNIQUE_VIOLATION)
		return "";
	if (created != 1)
		return NULL;
	const char *account_id = db_value(&rows, 0, 0);
	bool approve_now = strcmp(config_get("approve_accounts", "manual"), "auto") == 0;
	if (DB_EXEC(req->arena, NULL,
		"INSERT INTO members (account_id, partner_id, role) VALUES ($1, $2, 'master')",
		account_id, db_param_int(req->arena, req->session->partner_id)) != 1
	    || DB_EXEC(req->arena, NULL,
		   "INSERT INTO account_reviews (account_id, action) VALUES ($1, 'submitted')",
		   account_id) != 1)
		return NULL;
	if (approve_now
	    && (DB_EXEC(req->arena, NULL,
		    "UPDATE accounts SET status = 'approved' WHERE id = $1", account_id) != 1
		|| DB_EXEC(req->arena, NULL,
		       "INSERT INTO account_reviews (account_id, action, reason) "
		       "VALUES ($1, 'approved', 'auto')", account_id) != 1))
		return NULL;
	return code;
}

static int create(struct request *req)
{
	struct param_value values[COUNT(create_fields)];
	int errors = param_read(req, create_fields, COUNT(create_fields), values);
	errors += check_business_fields(values);
	if (errors > 0)
		return create_page(req, values, NULL, 422);
	if (db_begin(req->arena) != 0)
		return -1;
	/* The partner's row serialises concurrent creations against the limit;
	 * the count is taken after the lock, so it sees the others' commits. */
	const char *partner = db_param_int(req->arena, req->session->partner_id);
	struct db_rows rows;
	if (DB_EXEC(req->arena, NULL, "SELECT 1 FROM partners WHERE id = $1 FOR UPDATE", partner) != 1
	    || DB_EXEC(req->arena, &rows,
		   "SELECT count(*) FROM members WHERE partner_id = $1 AND role = 'master'", partner) != 1)
		return -1;
	if (db_int(&rows, 0, 0) >= config_int("max_accounts", 10, 1, 1000))
		return create_page(req, values, "accounts.limit_reached", 422);
	const char *code = insert_account(req, values);
	if (code == NULL)
		return -1;
	if (*code == '\0') {
		db_rollback(req->arena);
		values[CREATE_NAME].error = "err.name_taken";
		return create_page(req, values, NULL, 422);
	}
	if (db_commit(req->arena) != 0)
		return -1;
	return http_redirect(req, arena_printf(req->arena, "/a/%s/", code));
}

static int add_reviews(struct request *req, struct view *view)
{
	struct db_rows rows;
	int count = DB_EXEC(req->arena, &rows,
	    "SELECT action, reason, to_char(created_at AT TIME ZONE $2, 'YYYY-MM-DD HH24:MI') "
	    "FROM account_reviews WHERE account_id = $1 ORDER BY created_at DESC, id DESC",
	    db_param_int(req->arena, req->account->id), req->account->time_zone);
	for (int i = 0; i < count; i++) {
		struct view *row = view_add_row(view, "REVIEWS");
		view_set_text(row, "ACTION_TEXT",
		    arena_printf(req->arena, "review.%s", db_value(&rows, i, 0)));
		const char *reason = db_value(&rows, i, 1);
		if (*reason != '\0' && strcmp(reason, "auto") != 0) {
			view_show(row, "HAS_REASON");
			view_set(row, "REASON", reason);
		}
		view_set(row, "AT", db_value(&rows, i, 2));
	}
	return count;
}

static int home(struct request *req)
{
	struct view *view = account_page_new(req, "account_home.title", "home");
	if (add_reviews(req, view) < 0)
		return -1;
	const struct account_access *account = req->account;
	view_show(view, arena_printf(req->arena, "STATUS_%s", account->status));
	if (account->home_public)
		view_show(view, "HOME_PUBLIC_CHECKED");
	if (account->chat_on)
		view_show(view, "CHAT_ON_CHECKED");
	view_set(view, "CHAT_URL", account_chat_url(req, account->code));
	static const char *const notices[] = { "switches", "created", "profile", "cancelled", NULL };
	const char *done = http_query(req, "done");
	for (const char *const *notice = notices; done != NULL && *notice != NULL; notice++)
		if (strcmp(done, *notice) == 0)
			view_show(view, arena_printf(req->arena, "DONE_%s", *notice));
	if (account->deleting) {
		struct db_rows rows;
		if (DB_EXEC(req->arena, &rows,
			"SELECT to_char(delete_after AT TIME ZONE $2, 'YYYY-MM-DD HH24:MI') FROM accounts "
			"WHERE id = $1", db_param_int(req->arena, account->id), account->time_zone) != 1)
			return -1;
		view_set(view, "DELETE_AFTER", db_value(&rows, 0, 0));
	}
	return page_render(req, view, "page_account_home", 200);
}

static int switches(struct request *req)
{
	struct param_value values[COUNT(switch_fields)];
	if (param_read(req, switch_fields, COUNT(switch_fields), values) > 0)
		return 422;
	if (DB_EXEC(req->arena, NULL,
		"UPDATE accounts SET home_public = $2, chat_on = $3 WHERE id = $1",
		db_param_int(req->arena, req->account->id), values[0].present ? "true" : "false",
		values[1].present ? "true" : "false") != 1)
		return -1;
	return http_redirect(req, arena_printf(req->arena, "/a/%s/?done=switches", req->account->code));
}

/* Loads the profile columns into values (for the form) and image flags into view. */
static int load_profile(struct request *req, struct param_value *values, struct view *view)
{
	struct db_rows rows;
	if (DB_EXEC(req->arena, &rows,
		"SELECT name, intro, homepage, phone, category1, category2, "
		"profile_image IS NOT NULL, background_image IS NOT NULL FROM accounts WHERE id = $1",
		db_param_int(req->arena, req->account->id)) != 1)
		return -1;
	for (size_t i = 0; values != NULL && i < COUNT(profile_fields); i++) {
		values[i].text = db_value(&rows, 0, (int)i);
		values[i].present = *values[i].text != '\0';
		values[i].error = NULL;
	}
	if (db_bool(&rows, 0, 6))
		view_show(view, "HAS_PROFILE_IMAGE");
	if (db_bool(&rows, 0, 7))
		view_show(view, "HAS_BACKGROUND_IMAGE");
	return 0;
}

static int profile_page(struct request *req, struct param_value *values, const char **image_errors,
    int status)
{
	struct view *view = account_page_new(req, "profile.title", "profile");
	struct param_value stored[COUNT(profile_fields)];
	if (load_profile(req, values == NULL ? stored : NULL, view) != 0)
		return -1;
	if (values == NULL)
		values = stored;
	page_form(view, profile_fields, COUNT(profile_fields), values);
	add_categories(view, "CATEGORIES1", values[PROFILE_CATEGORY1].text);
	add_categories(view, "CATEGORIES2", values[PROFILE_CATEGORY2].text);
	for (size_t i = 0; image_errors != NULL && i < COUNT(profile_images); i++) {
		if (image_errors[i] == NULL)
			continue;
		const char *name = i == 0 ? "PROFILE_IMAGE" : "BACKGROUND_IMAGE";
		view_set_text(view, arena_printf(req->arena, "%s_ERROR", name), image_errors[i]);
		view_show(view, arena_printf(req->arena, "%s_INVALID", name));
	}
	if (strcmp(http_query(req, "done") != NULL ? http_query(req, "done") : "", "saved") == 0)
		view_show(view, "DONE_saved");
	return page_render(req, view, "page_profile", status);
}

static int profile_form(struct request *req)
{
	return profile_page(req, NULL, NULL, 200);
}

/* Judges both images; returns the status for the first refusal (413 for a file
 * too large, 422 otherwise) or 0, filling errors and types. */
static int check_images(struct request *req, const char **errors, const char **types)
{
	int status = 0;
	for (size_t i = 0; i < COUNT(profile_images); i++) {
		errors[i] = NULL;
		types[i] = NULL;
		const struct http_file *file = http_file(req, profile_images[i].field);
		if (file == NULL)
			continue;
		errors[i] = upload_check(req->arena, file, &upload_profile_image, &types[i]);
		if (errors[i] != NULL && status == 0)
			status = strcmp(errors[i], "err.file_too_large") == 0 ? 413 : 422;
	}
	return status;
}

/* Stores the accepted images; names[i] stays NULL for an image not sent. */
static int store_images(struct request *req, const char **names)
{
	for (size_t i = 0; i < COUNT(profile_images); i++) {
		names[i] = NULL;
		const struct http_file *file = http_file(req, profile_images[i].field);
		if (file != NULL && upload_store(req->arena, file->data, file->size, &names[i]) != 0) {
			for (size_t k = 0; k < i; k++)
				if (names[k] != NULL)
					upload_remove(names[k]);
			return -1;
		}
	}
	return 0;
}

static void remove_images(const char **names)
{
	for (size_t i = 0; i < COUNT(profile_images); i++)
		if (names[i] != NULL && *names[i] != '\0')
			upload_remove(names[i]);
}

/* Writes the profile and any new images in one statement; old image names
 * come back so they can be removed after the commit. 1, 0 name taken, <0. */
static int save_profile(struct request *req, const struct param_value *values, const char **names,
    const char **types, const char **old_names)
{
	struct db_rows rows;
	int updated = DB_EXEC(req->arena, &rows,
	    "UPDATE accounts a SET name = $2, intro = $3, homepage = $4, phone = $5, category1 = $6, "
	    "category2 = $7, profile_image = coalesce($8, a.profile_image), "
	    "profile_image_type = coalesce($9, a.profile_image_type), "
	    "background_image = coalesce($10, a.background_image), "
	    "background_image_type = coalesce($11, a.background_image_type) "
	    "FROM accounts old WHERE a.id = $1 AND old.id = a.id "
	    "RETURNING CASE WHEN $8::text IS NOT NULL THEN old.profile_image END, "
	    "CASE WHEN $10::text IS NOT NULL THEN old.background_image END",
	    db_param_int(req->arena, req->account->id), values[PROFILE_NAME].text,
	    values[PROFILE_INTRO].text, values[PROFILE_HOMEPAGE].text, values[PROFILE_PHONE].text,
	    values[PROFILE_CATEGORY1].text, values[PROFILE_CATEGORY2].text, names[0], types[0],
	    names[1], types[1]);
	if (updated == DB_UNIQUE_VIOLATION)
		return 0;
	if (updated != 1)
		return DB_ERROR;
	old_names[0] = db_is_null(&rows, 0, 0) ? NULL : db_value(&rows, 0, 0);
	old_names[1] = db_is_null(&rows, 0, 1) ? NULL : db_value(&rows, 0, 1);
	return 1;
}

static int profile(struct request *req)
{
	struct param_value values[COUNT(profile_fields)];
	int errors = param_read(req, profile_fields, COUNT(profile_fields), values);
	const char *image_errors[2], *types[2], *names[2], *old_names[2];
	int status = check_images(req, image_errors, types);
	if (errors > 0 || status != 0)
		return profile_page(req, values, image_errors, status != 0 ? status : 422);
	if (store_images(req, names) != 0)
		return -1;
	int saved = save_profile(req, values, names, types, old_names);
	if (saved <= 0) {
		remove_images(names);
		if (saved < 0)
			return -1;
		values[PROFILE_NAME].error = "err.name_taken";
		return profile_page(req, values, NULL, 422);
	}
	remove_images(old_names);
	return http_redirect(req, arena_printf(req->arena, "/a/%s/profile?done=saved",
	    req->account->code));
}

static int image(struct request *req)
{
	const char *which = req->params[1];
	if (strcmp(which, "profile") != 0 && strcmp(which, "background") != 0)
		return 404;
	struct db_rows rows;
	int found = DB_EXEC(req->arena, &rows,
	    "SELECT CASE WHEN $2 = 'profile' THEN profile_image ELSE background_image END, "
	    "CASE WHEN $2 = 'profile' THEN profile_image_type ELSE background_image_type END "
	    "FROM accounts WHERE id = $1",
	    db_param_int(req->arena, req->account->id), which);
	if (found < 0)
		return -1;
	if (found == 0 || db_is_null(&rows, 0, 0))
		return 404;
	return upload_serve(req, db_value(&rows, 0, 0), db_value(&rows, 0, 1), which, false);
}

static int exposure(struct request *req)
{
	struct view *view = account_page_new(req, "exposure.title", "exposure");
	view_set(view, "CHAT_URL", account_chat_url(req, req->account->code));
	view_set(view, "BASE_URL", config_get("base_url", ""));
	return page_render(req, view, "page_exposure", 200);
}

static int qr_image(struct request *req)
{
	const char *file = req->params[1];
	int size = strcmp(file, "50.png") == 0 ? 50 : strcmp(file, "350.png") == 0 ? 350
	    : strcmp(file, "600.png") == 0 ? 600 : 0;
	if (size == 0)
		return 404;
	unsigned char *png;
	size_t length;
	if (qr_png(account_chat_url(req, req->account->code), size, &png, &length) != 0)
		return -1;
	req->content_type = "image/png";
	req->cacheable = true;
	http_header(req, "Content-Disposition", arena_printf(req->arena,
	    "inline; filename=\"qr-%s-%d.png\"", req->account->code, size));
	strbuf_append(&req->body, (const char *)png, length);
	free(png);
	return 200;
}

static int qr_vector(struct request *req)
{
	const char *svg;
	if (qr_svg(req->arena, account_chat_url(req, req->account->code), &svg) != 0)
		return -1;
	req->content_type = "image/svg+xml";
	req->cacheable = true;
	http_header(req, "Content-Disposition", arena_printf(req->arena,
	    "inline; filename=\"qr-%s.svg\"", req->account->code));
	strbuf_puts(&req->body, svg);
	return 200;
}

static int manage(struct request *req)
{
	struct view *view = account_page_new(req, "manage.title", "manage");
	const char *done = http_query(req, "done");
	if (done != NULL && strcmp(done, "reset") == 0)
		view_show(view, "DONE_reset");
	return page_render(req, view, "page_account_manage", 200);
}

/* Re-shows the manage page with the confirmation error next to form. */
static int manage_refused(struct request *req, const char *form)
{
	struct view *view = account_page_new(req, "manage.title", "manage");
	view_show(view, arena_printf(req->arena, "%s_UNCONFIRMED", form));
	view_set_text(view, "CONFIRM_ERROR", "manage.confirm_required");
	return page_render(req, view, "page_account_manage", 422);
}

static int delete_account(struct request *req)
{
	struct param_value values[COUNT(confirm_fields)];
	if (param_read(req, confirm_fields, COUNT(confirm_fields), values) > 0)
		return manage_refused(req, "DELETE");
	if (DB_EXEC(req->arena, NULL,
		"UPDATE accounts SET delete_after = now() + interval '7 days' "
		"WHERE id = $1 AND delete_after IS NULL",
		db_param_int(req->arena, req->account->id)) < 0)
		return -1;
	return http_redirect(req, arena_printf(req->arena, "/a/%s/", req->account->code));
}

static int cancel_delete(struct request *req)
{
	if (DB_EXEC(req->arena, NULL, "UPDATE accounts SET delete_after = NULL WHERE id = $1",
		db_param_int(req->arena, req->account->id)) < 0)
		return -1;
	return http_redirect(req, arena_printf(req->arena, "/a/%s/?done=cancelled",
	    req->account->code));
}

/* ACC-9: ends every open chat and takes the rooms off the list, removes the
 * labels; customers and their consultation history stay. */
static int reset_account(struct request *req)
{
	struct param_value values[COUNT(confirm_fields)];
	if (param_read(req, confirm_fields, COUNT(confirm_fields), values) > 0)
		return manage_refused(req, "RESET");
	const char *account = db_param_int(req->arena, req->account->id);
	if (db_begin(req->arena) != 0
	    || DB_EXEC(req->arena, NULL,
		   "UPDATE rooms SET status = 'completed', unread_count = 0, hidden = true "
		   "WHERE account_id = $1", account) < 0
	    || DB_EXEC(req->arena, NULL, "DELETE FROM labels WHERE account_id = $1", account) < 0
	    || chat_notify(req, req->account->id, 0, "room") != 0
	    || db_commit(req->arena) != 0)
		return -1;
	return http_redirect(req, arena_printf(req->arena, "/a/%s/manage?done=reset",
	    req->account->code));
}

static const struct route routes[] = {
	{ ROUTE_GET, "/accounts", ROUTE_SIGNED_IN, accounts_list },
	{ ROUTE_GET, "/accounts/new", ROUTE_SIGNED_IN, create_form },
	{ ROUTE_POST, "/accounts/new", ROUTE_SIGNED_IN, create },
	{ ROUTE_GET, "/a/{code}/", ROUTE_MEMBER, home },
	{ ROUTE_POST, "/a/{code}/switches", ROUTE_MEMBER, switches },
	{ ROUTE_GET, "/a/{code}/profile", ROUTE_MEMBER, profile_form },
	{ ROUTE_POST, "/a/{code}/profile", ROUTE_MEMBER, profile, ROUTE_BODY_FILES, true },
	{ ROUTE_GET, "/a/{code}/images/{name}", ROUTE_MEMBER, image },
	{ ROUTE_GET, "/a/{code}/exposure", ROUTE_MEMBER, exposure },
	{ ROUTE_GET, "/a/{code}/qr/{name}", ROUTE_MEMBER, qr_image },
	{ ROUTE_GET, "/a/{code}/qr.svg", ROUTE_MEMBER, qr_vector },
	{ ROUTE_GET, "/a/{code}/manage", ROUTE_MEMBER, manage },
	{ ROUTE_POST, "/a/{code}/delete", ROUTE_MASTER, delete_account },
	{ ROUTE_POST, "/a/{code}/delete/cancel", ROUTE_MEMBER, cancel_delete },
	{ ROUTE_POST, "/a/{code}/reset", ROUTE_MASTER, reset_account },
};


int main(int argc, char **argv)
{
	static const struct program program = {
		.name = "account", .routes = routes, .route_count = COUNT(routes), .uploads = true,
	};
	return fcgi_main(argc, argv, &program);
}
