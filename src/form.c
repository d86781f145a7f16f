/* form: reading, re-showing and leaving a form, in one place each. */
#include "form.h"
#include "account.h"
#include "arena.h"
#include "http.h"
#include "page.h"
#include "upload.h"
#include "view.h"

#include <ctype.h>
#include <string.h>

int form_read(struct request *req, const struct form *form, struct param_value *values,
    struct form_upload *uploads)
{
	int errors = param_read(req, form->fields, form->field_count, values);
	for (size_t i = 0; i < form->file_count; i++) {
		const struct form_file *field = &form->files[i];
		struct form_upload *upload = &uploads[i];
		upload->file = http_file(req, field->name);
		upload->mime = NULL;
		upload->error = NULL;
		if (upload->file != NULL && upload->file->size == 0
		    && (upload->file->filename == NULL || *upload->file->filename == '\0'))
			upload->file = NULL; /* a file input left empty; a named empty file is judged */
		if (upload->file == NULL) {
			upload->error = field->required ? "err.required" : NULL;
		} else {
			upload->error = upload_check(req->arena, upload->file, field->rule,
			    &upload->mime);
			if (upload->error != NULL)
				upload->file = NULL;
		}
		errors += upload->error != NULL;
	}
	return errors;
}

void form_notice(struct request *req, struct view *view, const char *const *notices)
{
	const char *done = http_query(req, "done");
	for (; done != NULL && notices != NULL && *notices != NULL; notices++)
		if (strcmp(done, *notices) == 0) {
			view_show(view, arena_printf(req->arena, "DONE_%s", *notices));
			view_show(view, "DONE");
		}
}

/* NAME_ERROR and NAME_INVALID for each file field with an error. */
static void form_upload_errors(struct request *req, struct view *view, const struct form *form,
    const struct form_upload *uploads)
{
	for (size_t i = 0; i < form->file_count; i++) {
		if (uploads[i].error == NULL)
			continue;
		char *name = arena_strdup(req->arena, form->files[i].name);
		for (char *p = name; *p != '\0'; p++)
			*p = isalnum((unsigned char)*p) ? (char)toupper((unsigned char)*p) : '_';
		view_set_text(view, arena_printf(req->arena, "%s_ERROR", name), uploads[i].error);
		view_show(view, arena_printf(req->arena, "%s_INVALID", name));
	}
}

/* A form shown again after a post keeps what was typed but not a file that
 * was chosen and accepted: a browser cannot be given a file back. Each such
 * file field asks for its file again (err.file_again), next to it and in the
 * summary, instead of coming back empty without a word. Returns uploads, or
 * a copy (arena) with those errors set. */
static const struct form_upload *form_uploads_again(struct request *req,
    const struct form *form, const struct form_upload *uploads)
{
	struct form_upload *again = NULL;
	for (size_t i = 0; i < form->file_count; i++) {
		if (uploads[i].file == NULL || uploads[i].error != NULL)
			continue;
		if (again == NULL) {
			again = arena_alloc(req->arena, sizeof(*again) * form->file_count);
			memcpy(again, uploads, sizeof(*again) * form->file_count);
		}
		again[i].error = "err.file_again";
	}
	return again != NULL ? again : uploads;
}

/* One line of the error summary: the field's message, a link to the field. */
static void form_summary_item(struct view *view, const char *name, const char *message)
{
	struct view *row = view_add_row(view, "SUMMARY_ITEMS");
	view_set(row, "SUMMARY_FIELD", name);
	view_set(row, "SUMMARY_MESSAGE", message);
}

/* The summary at the top of the page (part_head): every field with an
 * error, in the form's order, each linking to its field; sangdam.js moves
 * the focus to it. Returns whether there was any error. */
bool form_summary_add(struct request *req, struct view *view, const struct param_field *fields,
    size_t count, const struct param_value *values)
{
	bool any = false;
	for (size_t i = 0; values != NULL && i < count; i++) {
		if (values[i].error == NULL)
			continue;
		form_summary_item(view, fields[i].name, page_field_message(req, &fields[i],
		    values[i].error));
		view_show(view, "FORM_SUMMARY");
		any = true;
	}
	return any;
}

static bool form_summary(struct request *req, struct view *view, const struct form *form,
    const struct param_value *values, const struct form_upload *uploads)
{
	bool any = form_summary_add(req, view, form->fields, form->field_count, values);
	for (size_t i = 0; uploads != NULL && i < form->file_count; i++) {
		if (uploads[i].error == NULL)
			continue;
		form_summary_item(view, form->files[i].name, view_text(req->lang, uploads[i].error));
		any = true;
	}
	if (any)
		view_show(view, "FORM_SUMMARY");
	return any;
}

struct view *form_view(struct request *req, const struct form *form,
    const struct param_value *values, const struct form_upload *uploads, const char *error)
{
	struct view *view = form->menu != NULL && req->account != NULL
	    ? account_page_new(req, form->title, form->menu)
	    : page_new(req, form->title);
	form_notice(req, view, form->notices);
	if (values != NULL)
		page_form(view, form->fields, form->field_count, values);
	if (uploads != NULL && values != NULL)
		uploads = form_uploads_again(req, form, uploads);
	if (uploads != NULL)
		form_upload_errors(req, view, form, uploads);
	/* with field errors the summary says it; else the form-level error */
	if (!form_summary(req, view, form, values, uploads) && error != NULL)
		page_form_error(view, error);
	else if (error != NULL && strcmp(error, "err.form_summary") != 0)
		page_form_error(view, error);
	return view;
}

int form_render(struct request *req, const struct form *form, struct view *view, int status)
{
	return page_render(req, view, form->template_name, status);
}

int form_show(struct request *req, const struct form *form, const struct param_value *values,
    const struct form_upload *uploads, const char *error, int status)
{
	return form_render(req, form, form_view(req, form, values, uploads, error), status);
}

int form_done(struct request *req, const char *location, const char *notice)
{
	if (notice == NULL)
		return http_redirect(req, location);
	return http_redirect(req, arena_printf(req->arena, "%s%sdone=%s", location,
	    strchr(location, '?') != NULL ? "&" : "?", notice));
}
