/* coupon: creating a coupon (COUP-1..3): the form, and the create that
 * stores the image and the code file and queues the worker's job that makes
 * or reads the codes, so that the page never waits for them. The code file's
 * type is judged here already (its first bytes, as the worker's reader
 * judges them), so that a wrong file is refused by its field. */
#include "account.h"
#include "arena.h"
#include "codes.h"
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
static const struct form_file new_files[FILE__MAX] = {
	[FILE_IMAGE] = { "image", &upload_profile_image, false },
};

static const struct form new_form = {
	.template_name = "page_coupon_form", .title = "coupon.new.title", .menu = "coupons",
	.fields = coupon_fields, .field_count = COUPON__MAX,
	.files = new_files, .file_count = FILE__MAX,
};

/* The form with what was typed (NULL: empty, with today's dates); a
 * code_file_error (catalog key) is shown at the top and by the file field. */
static int new_show(struct request *req, const struct param_value *values,
    const struct form_upload *uploads, const char *code_file_error, int status)
{
	struct view *view = form_view(req, &new_form, values, uploads, code_file_error);
	if (code_file_error != NULL && strcmp(code_file_error, "coupon.err.full") != 0) {
		view_show(view, "CODE_FILE_INVALID");
		view_set_text(view, "CODE_FILE_ERROR", code_file_error);
	}
	view_show(view, "CREATE");
	view_set(view, "ACTION", coupon_path(req, "/new"));
	if (values == NULL) {
		char today[11];
		hours_format_date(coupon_today(req), today);
		view_set(view, "ENTRY_START", today);
		view_set(view, "ENTRY_END", today);
		view_set(view, "PROBABILITY", "100");
		view_show(view, "PLACE_IS_ONLINE");
		view_show(view, "CODES_IS_GENERATE");
	}
	view_set_int(view, "GENERATE_MAX", COUPON_GENERATE_MAX);
	return form_render(req, &new_form, view, status);
}

int coupon_new_page(struct request *req)
{
	return new_show(req, NULL, NULL, NULL, 200);
}

/* Judges what only the create form has: the entry end not past, the
 * quantity of generated codes or the code file. Sets *file (NULL for
 * generated codes). Returns the number of errors. */
static int new_judge_codes(struct request *req, struct param_value *values,
    const struct http_file **file, const char **file_error)
{
	int errors = 0;
	long long end;
	if (values[COUPON_ENTRY_END].error == NULL
	    && hours_parse_date(values[COUPON_ENTRY_END].text, &end) == 0
	    && end < coupon_today(req)) {
		values[COUPON_ENTRY_END].error = "coupon.err.end_past";
		errors++;
	}
	*file = NULL;
	*file_error = NULL;
	if (strcmp(values[COUPON_CODES].text, "upload") == 0) {
		*file = http_file(req, "code_file");
		if (*file == NULL || (*file)->size == 0)
			*file_error = "coupon.err.code_file";
		else if ((*file)->size > COUPON_FILE_MAX)
			*file_error = "err.file_too_large";
		else if (codes_type_check((*file)->data, (*file)->size) != 0)
			*file_error = "coupon.err.code_file_type";
		return errors + (*file_error != NULL);
	}
	if (values[COUPON_QUANTITY].error == NULL && !values[COUPON_QUANTITY].present)
		values[COUPON_QUANTITY].error = "coupon.err.quantity";
	return errors + (values[COUPON_QUANTITY].error != NULL);
}

/* Stores the coupon under the account's lock when it has fewer than
 * COUPON_ACTIVE_MAX scheduled or running: 1 with coupon->id, 0 at the
 * limit, <0 error. The history entry is in the same transaction. */
static int new_store(struct request *req, struct coupon *coupon)
{
	int stored = account_lock(req);
	if (stored != 0)
		return stored;
	long long active = 0;
	stored = db_coupons_count_active(req->arena, req->account->id, &active);
	if (stored == 0 && active < COUPON_ACTIVE_MAX) {
		stored = db_coupons_insert(req->arena, coupon, &coupon->id);
		if (stored > 0)
			stored = history_add(req, HISTORY_COUPONS, "coupon_create", coupon->title,
			    NULL, coupon->entry_start);
	}
	return account_unlock(req, stored);
}

/* Stores the accepted image and code file now, so that the row can name
 * them: 0, or -1 having stored nothing. */
static int new_store_files(struct request *req, const struct form_upload *image,
    const struct http_file *file, struct coupon *coupon)
{
	if (image->file != NULL) {
		if (upload_store(req->arena, image->file->data, image->file->size,
		    &coupon->image_name) != 0)
			return -1;
		coupon->image_mime = image->mime;
	}
	if (file != NULL && upload_store(req->arena, file->data, file->size,
	    &coupon->code_file) != 0) {
		if (coupon->image_name != NULL)
			upload_remove(coupon->image_name);
		return -1;
	}
	return 0;
}

int coupon_create(struct request *req)
{
	struct param_value values[COUPON__MAX];
	struct form_upload uploads[FILE__MAX];
	int errors = form_read(req, &new_form, values, uploads);
	struct coupon coupon = { .account_id = req->account->id };
	errors += coupon_judge(values, values[COUPON_PLACE].error == NULL
	    ? values[COUPON_PLACE].text : "offline", &coupon);
	const struct http_file *file = NULL;
	const char *file_error = NULL;
	if (values[COUPON_CODES].error == NULL)
		errors += new_judge_codes(req, values, &file, &file_error);
	if (errors > 0 || file_error != NULL) {
		const char *error = uploads[FILE_IMAGE].error;
		bool large = (error != NULL && strcmp(error, "err.file_too_large") == 0)
		    || (file_error != NULL && strcmp(file_error, "err.file_too_large") == 0);
		return new_show(req, values, uploads, file_error, large ? 413 : 422);
	}
	coupon.codes_source = values[COUPON_CODES].text;
	coupon.codes_wanted = file == NULL ? values[COUPON_QUANTITY].number : 0;
	if (new_store_files(req, &uploads[FILE_IMAGE], file, &coupon) != 0)
		return -1;
	int stored = new_store(req, &coupon);
	if (stored <= 0) {
		if (coupon.image_name != NULL)
			upload_remove(coupon.image_name);
		if (coupon.code_file != NULL)
			upload_remove(coupon.code_file);
	}
	if (stored == 0)
		return new_show(req, values, uploads, "coupon.err.full", 422);
	if (stored < 0)
		return -1;
	return form_done(req, coupon_path(req, arena_printf(req->arena, "/%lld", coupon.id)),
	    "created");
}
