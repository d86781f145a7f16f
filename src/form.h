/* form: a form described once (fields, files, template, title, menu entry)
 * and the three things every form page does with it: read and judge what was
 * sent, re-show it with what was typed and the errors, and send the browser
 * on with a notice (DESIGN.md section 3, section 10: 303, 422, 413). */
#ifndef SANGDAM_FORM_H
#define SANGDAM_FORM_H

#include <stdbool.h>
#include <stddef.h>

#include "param.h"

struct request;
struct upload_rule;
struct view;

/* A file field and the rule its content is judged by (upload.h). */
struct form_file {
	const char *name;
	const struct upload_rule *rule;
	bool required;
};

/* What a file field held after form_read: nothing, or an accepted file. */
struct form_upload {
	const struct http_file *file; /* NULL when none was sent */
	const char *mime;             /* the rule's spelling of its type */
	const char *error;            /* catalog key, or NULL */
};

struct form {
	const char *template_name;        /* the page that shows the form */
	const char *title;                /* catalog key of the page title */
	const char *menu;                 /* account menu entry (MENU_x), NULL outside /a/CODE/ */
	const struct param_field *fields; /* sized by the form's own __MAX enum */
	size_t field_count;
	const struct form_file *files;
	size_t file_count;
	const char *const *notices;       /* ?done= values this page explains; NULL-terminated */
};

/* Reads every field and file of form from the request, normalised and
 * judged (param.h); values has form->field_count entries and uploads
 * form->file_count (may be NULL when the form has no files). Returns the
 * number of fields and files with an error. */
int form_read(struct request *req, const struct form *form, struct param_value *values,
    struct form_upload *uploads);

/* The view of form's page: the layout (the account's when form->menu is
 * set), the ?done= notice when it is one of form->notices, and, when values
 * is not NULL, what was typed with each field's message (page_form) and
 * error as the form-level message (NULL: none). Upload errors are shown as
 * NAME_ERROR like field errors. Owned by the request. */
struct view *form_view(struct request *req, const struct form *form,
    const struct param_value *values, const struct form_upload *uploads, const char *error);

/* Renders form's template from view with status (200, 413, 422). */
int form_render(struct request *req, const struct form *form, struct view *view, int status);

/* form_view then form_render, for pages with nothing of their own. */
int form_show(struct request *req, const struct form *form, const struct param_value *values,
    const struct form_upload *uploads, const char *error, int status);

/* Shows sections DONE_<value> and DONE when ?done= names one of notices
 * (NULL-terminated; NULL shows nothing): the notice after form_done, for
 * pages that are not a form's own. */
void form_notice(struct request *req, struct view *view, const char *const *notices);

/* Adds the errors of values (count fields: a second form on the page, whose
 * own fields page_form filled) to the page's error summary, each linking to
 * its field; returns whether there was any. */
bool form_summary_add(struct request *req, struct view *view, const struct param_field *fields,
    size_t count, const struct param_value *values);

/* 303 See Other to location with ?done=notice (notice NULL: none); location
 * is a path that the program built. Returns 303. */
int form_done(struct request *req, const char *location, const char *notice);

#endif
