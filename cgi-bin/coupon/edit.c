/* coupon: editing a coupon (COUP-8): only the share button, image, title,
 * details, entry start (while it has not started), entry end and use-by
 * (only to a later date), win probability and, for online use, the URL. */
#include "account.h"
#include "arena.h"
#include "db.h"
#include "db_coupons.h"
#include "form.h"
#include "history.h"
#include "hours.h"
#include "http.h"
#include "pages.h"
#include "upload.h"
#include "view.h"

#include <string.h>

enum { FILE_IMAGE, FILE__MAX };
static const struct form_file edit_files[FILE__MAX] = {
	[FILE_IMAGE] = { "image", &upload_profile_image, false },
};

static const struct form edit_form = {
	.template_name = "page_coupon_form", .title = "coupon.edit.title", .menu = "coupons",
	.fields = coupon_fields, .field_count = COUPON_EDIT_COUNT,
	.files = edit_files, .file_count = FILE__MAX,
};

/* The form of coupon, with what was typed when values is not NULL. */
static int edit_show(struct request *req, const struct coupon *coupon,
    const struct param_value *values, const struct form_upload *uploads, int status)
{
	struct view *view = form_view(req, &edit_form, values, uploads, NULL);
	view_set(view, "ACTION", coupon_path(req, arena_printf(req->arena, "/%lld/edit",
	    coupon->id)));
	view_set(view, "BACK", coupon_path(req, arena_printf(req->arena, "/%lld", coupon->id)));
	view_show(view, strcmp(coupon->place, "online") == 0 ? "EDIT_ONLINE" : "EDIT_OFFLINE");
	if (strcmp(coupon->status, "scheduled") != 0)
		view_show(view, "START_LOCKED");
	if (values == NULL) {
		coupon_view_fields(req, view, "", coupon);
		if (coupon->share)
			view_show(view, "SHARE_CHECKED");
	}
	view_show(view, "EDIT");
	return form_render(req, &edit_form, view, status);
}

int coupon_edit_page(struct request *req)
{
	struct coupon coupon;
	int status = coupon_load(req, &coupon);
	return status != 0 ? status : edit_show(req, &coupon, NULL, NULL, 200);
}

/* The date rules of COUP-8 against the stored coupon: the entry start only
 * changes before the start (and not into the past), the entry end and the
 * use-by only to later dates. Returns the number of errors. */
static int edit_judge_dates(struct request *req, const struct coupon *old,
    struct param_value *values)
{
	int errors = 0;
	struct param_value *start = &values[COUPON_ENTRY_START];
	long long day;
	if (start->error == NULL && strcmp(start->text, old->entry_start) != 0
	    && (strcmp(old->status, "scheduled") != 0
		|| (hours_parse_date(start->text, &day) == 0 && day < coupon_today(req)))) {
		start->error = "coupon.err.start_locked";
		errors++;
	}
	static const int later[] = { COUPON_ENTRY_END, COUPON_USE_BY };
	const char *before[] = { old->entry_end, old->use_by };
	for (int i = 0; i < 2; i++) {
		struct param_value *value = &values[later[i]];
		/* YYYY-MM-DD compares as text */
		if (value->error == NULL && strcmp(value->text, before[i]) < 0) {
			value->error = "coupon.err.only_later";
			errors++;
		}
	}
	return errors;
}

/* A line of the history's before and after. */
static const char *edit_summary(struct request *req, const struct coupon *coupon)
{
	return arena_printf(req->arena, "%s | %s ~ %s | %s | %s%%", coupon->title,
	    coupon->entry_start, coupon->entry_end, coupon->use_by,
	    coupon_probability_text(req, coupon->probability));
}

/* True when the edit makes an ended coupon run again (a later entry end). */
static bool edit_revives(struct request *req, const struct coupon *old, const char *entry_end)
{
	long long end;
	return strcmp(old->status, "ended") == 0 && hours_parse_date(entry_end, &end) == 0
	    && end >= coupon_today(req);
}

/* Saves the change and its history in one transaction under the account's
 * lock; an ended coupon runs again only while the account has fewer than
 * COUPON_ACTIVE_MAX scheduled or running (COUP-5). Rows changed, 0 none
 * (or at the limit, *full set), <0 error. */
static int edit_save(struct request *req, const struct coupon *old, struct coupon *coupon,
    bool set_image, const char **old_image, bool *full)
{
	int changed = account_lock(req);
	if (changed != 0)
		return changed;
	long long active = 0;
	if (edit_revives(req, old, coupon->entry_end)) {
		changed = db_coupons_count_active(req->arena, req->account->id, &active);
		*full = changed == 0 && active >= COUPON_ACTIVE_MAX;
	}
	if (changed == 0 && !*full)
		changed = db_coupons_update(req->arena, coupon, set_image, old_image);
	if (changed > 0)
		changed = history_add(req, HISTORY_COUPONS, "coupon_edit", coupon->title,
		    edit_summary(req, old), edit_summary(req, coupon));
	return account_unlock(req, changed);
}

int coupon_edit(struct request *req)
{
	struct coupon old;
	int status = coupon_load(req, &old);
	if (status != 0)
		return status;
	struct param_value values[COUPON__MAX];
	struct form_upload uploads[FILE__MAX];
	int errors = form_read(req, &edit_form, values, uploads);
	struct coupon coupon = old;
	errors += coupon_judge(values, old.place, &coupon);
	errors += edit_judge_dates(req, &old, values);
	const char *image_error = uploads[FILE_IMAGE].error;
	if (errors > 0 || image_error != NULL)
		return edit_show(req, &old, values, uploads, image_error != NULL
		    && strcmp(image_error, "err.file_too_large") == 0 ? 413 : 422);
	const struct http_file *image = uploads[FILE_IMAGE].file;
	coupon.image_name = NULL;
	coupon.image_mime = NULL;
	if (image != NULL) {
		if (upload_store(req->arena, image->data, image->size, &coupon.image_name) != 0)
			return -1;
		coupon.image_mime = uploads[FILE_IMAGE].mime;
	}
	const char *old_image = NULL;
	bool full = false;
	int changed = edit_save(req, &old, &coupon, image != NULL, &old_image, &full);
	if (changed <= 0 && coupon.image_name != NULL)
		upload_remove(coupon.image_name);
	if (changed < 0)
		return -1;
	if (full) {
		values[COUPON_ENTRY_END].error = "coupon.err.full";
		return edit_show(req, &old, values, uploads, 422);
	}
	if (changed == 0)
		return 404;
	if (old_image != NULL)
		upload_remove(old_image);
	return form_done(req, coupon_path(req, arena_printf(req->arena, "/%lld", coupon.id)),
	    "saved");
}
