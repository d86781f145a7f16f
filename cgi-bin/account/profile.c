/* profile: the account's public profile (ACC-5): text fields, categories, and the
 * profile and background images, stored by upload.c and served through nginx. */
#include "pages.h"
#include "account.h"
#include "arena.h"
#include "db_accounts.h"
#include "db.h"
#include "form.h"
#include "history.h"
#include "http.h"
#include "upload.h"
#include "view.h"

#include <string.h>

enum { PROFILE_NAME, PROFILE_INTRO, PROFILE_HOMEPAGE, PROFILE_PHONE, PROFILE_CATEGORY1,
	PROFILE_CATEGORY2, PROFILE__MAX };

static const struct param_field profile_fields[PROFILE__MAX] = {
	[PROFILE_NAME] = { "name", PARAM_ACCOUNT_NAME, true, 1, 20, NULL },
	[PROFILE_INTRO] = { "intro", PARAM_LINES, false, 0, 200, NULL },
	[PROFILE_HOMEPAGE] = { "homepage", PARAM_URL, false, 0, 500, NULL },
	[PROFILE_PHONE] = { "phone", PARAM_PHONE, false, 0, 20, NULL },
	[PROFILE_CATEGORY1] = { "category1", PARAM_CHOICE, true, 0, 0, account_categories },
	[PROFILE_CATEGORY2] = { "category2", PARAM_CHOICE, false, 0, 0, account_categories },
};

static const struct form_file profile_files[ACCOUNT_IMAGE__MAX] = {
	[ACCOUNT_IMAGE_PROFILE] = { "profile_image", &upload_profile_image, false },
	[ACCOUNT_IMAGE_BACKGROUND] = { "background_image", &upload_profile_image, false },
};

/* Per image: its name in /a/CODE/images/NAME and the section saying it is set. */
static const struct {
	const char *name;
	const char *section;
} profile_images[ACCOUNT_IMAGE__MAX] = {
	[ACCOUNT_IMAGE_PROFILE] = { "profile", "HAS_PROFILE_IMAGE" },
	[ACCOUNT_IMAGE_BACKGROUND] = { "background", "HAS_BACKGROUND_IMAGE" },
};

static const char *const profile_notices[] = { "saved", NULL };

static const struct form profile_form_page = {
	.template_name = "page_profile",
	.title = "profile.title",
	.menu = "profile",
	.fields = profile_fields,
	.field_count = PROFILE__MAX,
	.files = profile_files,
	.file_count = ACCOUNT_IMAGE__MAX,
	.notices = profile_notices,
};

/* The stored profile as form values, to show it unchanged. */
static void profile_values(const struct account_profile *profile, struct param_value *values)
{
	const char *texts[PROFILE__MAX] = {
		[PROFILE_NAME] = profile->name,
		[PROFILE_INTRO] = profile->intro,
		[PROFILE_HOMEPAGE] = profile->homepage,
		[PROFILE_PHONE] = profile->phone,
		[PROFILE_CATEGORY1] = profile->category1,
		[PROFILE_CATEGORY2] = profile->category2,
	};
	for (int i = 0; i < PROFILE__MAX; i++)
		values[i] = (struct param_value) { .text = texts[i], .present = *texts[i] != '\0' };
}

/* The profile page with values (NULL: the stored profile) and upload errors. */
static int profile_show(struct request *req, const struct param_value *values,
    const struct form_upload *uploads, int status)
{
	struct account_profile stored;
	bool has_image[ACCOUNT_IMAGE__MAX];
	if (db_accounts_get_profile(req->arena, req->account->id, &stored, has_image) != 1)
		return -1;
	struct param_value stored_values[PROFILE__MAX];
	if (values == NULL) {
		profile_values(&stored, stored_values);
		values = stored_values;
	}
	struct view *view = form_view(req, &profile_form_page, values, uploads, NULL);
	account_view_categories(view, "CATEGORIES1", values[PROFILE_CATEGORY1].text);
	account_view_categories(view, "CATEGORIES2", values[PROFILE_CATEGORY2].text);
	for (int i = 0; i < ACCOUNT_IMAGE__MAX; i++)
		if (has_image[i])
			view_show(view, profile_images[i].section);
	return form_render(req, &profile_form_page, view, status);
}

int profile_form(struct request *req)
{
	return profile_show(req, NULL, NULL, 200);
}

/* 413 when an image was refused for its size, else 422. */
static int profile_refusal_status(const struct form_upload *uploads)
{
	for (int i = 0; i < ACCOUNT_IMAGE__MAX; i++)
		if (uploads[i].error != NULL && strcmp(uploads[i].error, "err.file_too_large") == 0)
			return 413;
	return 422;
}

/* Removes the files of images[ACCOUNT_IMAGE__MAX] whose stored_name is set. */
static void profile_remove(const struct account_image_file *images)
{
	for (int i = 0; i < ACCOUNT_IMAGE__MAX; i++)
		if (images[i].stored_name != NULL)
			upload_remove(images[i].stored_name);
}

/* Stores the accepted uploads into images (stored_name NULL for an image not
 * sent). 0, or -1 having removed what it stored. */
static int profile_store(struct request *req, const struct form_upload *uploads,
    struct account_image_file *images)
{
	for (int i = 0; i < ACCOUNT_IMAGE__MAX; i++)
		images[i] = (struct account_image_file) { .mime = uploads[i].mime };
	for (int i = 0; i < ACCOUNT_IMAGE__MAX; i++) {
		const struct http_file *file = uploads[i].file;
		if (file != NULL
		    && upload_store(req->arena, file->data, file->size, &images[i].stored_name) != 0) {
			images[i].stored_name = NULL;
			profile_remove(images);
			return -1;
		}
	}
	return 0;
}

/* A category as the member reads it ("" for none): history keeps words at
 * write time, as history_on_off does, not the stored code. */
static const char *profile_category_word(struct request *req, const char *code)
{
	return code == NULL || *code == '\0' ? ""
	    : view_text(req->lang, arena_printf(req->arena, "category.%s", code));
}

/* The history's before and after of a profile change from stored to profile;
 * a new image shows as its field's name after. */
static void profile_diff(struct request *req, const struct account_profile *stored,
    const struct account_profile *profile, const struct account_image_file *images,
    const char **before, const char **after)
{
	const char *image_key[ACCOUNT_IMAGE__MAX] = {
		[ACCOUNT_IMAGE_PROFILE] = "field.profile_image",
		[ACCOUNT_IMAGE_BACKGROUND] = "field.background_image",
	};
	struct history_field fields[PROFILE__MAX + ACCOUNT_IMAGE__MAX] = {
		{ "field.account_name", stored->name, profile->name },
		{ "field.intro", stored->intro, profile->intro },
		{ "field.homepage", stored->homepage, profile->homepage },
		{ "field.phone", stored->phone, profile->phone },
		{ "field.category1", profile_category_word(req, stored->category1),
		    profile_category_word(req, profile->category1) },
		{ "field.category2", profile_category_word(req, stored->category2),
		    profile_category_word(req, profile->category2) },
	};
	for (int i = 0; i < ACCOUNT_IMAGE__MAX; i++)
		if (images[i].stored_name != NULL)
			fields[PROFILE__MAX + i] = (struct history_field) { image_key[i], "",
			    view_text(req->lang, "history_value_new_image") };
		else
			fields[PROFILE__MAX + i] = (struct history_field) { image_key[i], "", "" };
	history_diff(req, fields, PROFILE__MAX + ACCOUNT_IMAGE__MAX, before, after);
}

/* Saves the profile with its history entry in one transaction: as
 * db_accounts_update_profile. */
static int profile_save(struct request *req, const struct account_profile *profile,
    const struct account_image_file *images, const char **old_names)
{
	struct account_profile stored;
	bool has_image[ACCOUNT_IMAGE__MAX];
	if (db_begin(req->arena) != 0)
		return DB_ERROR;
	if (db_accounts_get_profile(req->arena, req->account->id, &stored, has_image) != 1) {
		db_rollback(req->arena);
		return DB_ERROR;
	}
	const char *before, *after;
	profile_diff(req, &stored, profile, images, &before, &after);
	int saved = db_accounts_update_profile(req->arena, req->account->id, profile, images,
	    old_names);
	return history_commit(req, saved, HISTORY_PROFILE, "profile", stored.name, before, after);
}

int profile_post(struct request *req)
{
	struct param_value values[PROFILE__MAX];
	struct form_upload uploads[ACCOUNT_IMAGE__MAX];
	if (form_read(req, &profile_form_page, values, uploads) > 0)
		return profile_show(req, values, uploads, profile_refusal_status(uploads));
	struct account_image_file images[ACCOUNT_IMAGE__MAX];
	if (profile_store(req, uploads, images) != 0)
		return -1;
	const struct account_profile profile = {
		.name = values[PROFILE_NAME].text,
		.intro = values[PROFILE_INTRO].text,
		.homepage = values[PROFILE_HOMEPAGE].text,
		.phone = values[PROFILE_PHONE].text,
		.category1 = values[PROFILE_CATEGORY1].text,
		.category2 = values[PROFILE_CATEGORY2].text,
	};
	const char *old_names[ACCOUNT_IMAGE__MAX];
	int saved = profile_save(req, &profile, images, old_names);
	if (saved <= 0) {
		profile_remove(images);
		if (saved < 0)
			return -1;
		values[PROFILE_NAME].error = "err.name_taken";
		return profile_show(req, values, NULL, 422);
	}
	for (int i = 0; i < ACCOUNT_IMAGE__MAX; i++)
		if (old_names[i] != NULL && *old_names[i] != '\0')
			upload_remove(old_names[i]);
	return form_done(req, arena_printf(req->arena, "/a/%s/profile", req->account->code), "saved");
}

int profile_image(struct request *req)
{
	for (int i = 0; i < ACCOUNT_IMAGE__MAX; i++) {
		if (strcmp(req->params[1], profile_images[i].name) != 0)
			continue;
		struct account_image_file image;
		int found = db_accounts_get_image(req->arena, req->account->id, i, &image);
		if (found <= 0)
			return found < 0 ? -1 : 404;
		return upload_serve(req, image.stored_name, image.mime, profile_images[i].name, false);
	}
	return 404;
}
