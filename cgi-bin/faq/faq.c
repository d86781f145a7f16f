/* faq: the FAQ page (FAQ-1): entries of a question and an answer with an
 * optional image and link, edited as a draft, ordered with up/down buttons
 * (or by dragging, static/faq.js), and published with 반영하기 so that
 * customers see the new set at once and never a half-edited one. */
#include "account.h"
#include "arena.h"
#include "db.h"
#include "db_faq_entries.h"
#include "db_faq_published.h"
#include "form.h"
#include "history.h"
#include "http.h"
#include "pages.h"
#include "page.h"
#include "param.h"
#include "text.h"
#include "upload.h"
#include "view.h"

#include <string.h>

enum { ENTRY_QUESTION, ENTRY_ANSWER, ENTRY_LINK, ENTRY_REMOVE_IMAGE, ENTRY__MAX };
static const struct param_field entry_fields[ENTRY__MAX] = {
	[ENTRY_QUESTION] = { "question", PARAM_TEXT, true, 1, 100, NULL },
	[ENTRY_ANSWER] = { "answer", PARAM_LINES, true, 1, 1000, NULL },
	[ENTRY_LINK] = { "link", PARAM_URL, false, 0, 500, NULL },
	[ENTRY_REMOVE_IMAGE] = { "remove_image", PARAM_CHECKBOX, false, 0, 0, NULL },
};

enum { ENTRY_IMAGE, ENTRY_FILES__MAX };
static const struct form_file entry_files[ENTRY_FILES__MAX] = {
	[ENTRY_IMAGE] = { "image", &upload_chat_image, false },
};

static const char *const faq_notices[] = { "created", "saved", "deleted", "moved", "published",
	NULL };

static const struct form faq_form = {
	.template_name = "page_faq", .title = "faq.title", .menu = "faq",
	.fields = entry_fields, .field_count = ENTRY__MAX,
	.files = entry_files, .file_count = ENTRY_FILES__MAX, .notices = faq_notices,
};

/* A refused edit of one entry, shown open in its row. */
struct faq_edit {
	long long id;
	const struct param_value *values;
	const struct form_upload *uploads;
};

/* One entry's row, with its edit form (open with the errors of edit). */
static void add_entry(struct view *view, const struct faq_entry *entry, int index, int count,
    const struct faq_edit *edit)
{
	struct view *row = view_add_row(view, "ENTRIES");
	view_set_int(row, "ENTRY_ID", entry->id);
	view_set_int(row, "NUMBER", index + 1);
	view_set(row, "SHOWN_QUESTION", entry->question);
	view_set(row, "SHOWN_ANSWER", entry->answer);
	if (*entry->link != '\0') {
		view_show(row, "HAS_LINK");
		view_set(row, "SHOWN_LINK", entry->link);
	}
	if (entry->image_name != NULL)
		view_show(row, "HAS_IMAGE");
	if (index > 0)
		view_show(row, "CAN_UP");
	if (index < count - 1)
		view_show(row, "CAN_DOWN");
	view_set(row, "QUESTION", entry->question);
	view_set(row, "ANSWER", entry->answer);
	view_set(row, "LINK", entry->link);
	if (edit == NULL || edit->id != entry->id)
		return;
	page_form(row, entry_fields, ENTRY__MAX, edit->values);
	if (edit->uploads[ENTRY_IMAGE].error != NULL) {
		view_show(row, "IMAGE_INVALID");
		view_set_text(row, "IMAGE_ERROR", edit->uploads[ENTRY_IMAGE].error);
	}
	view_show(row, "EDIT_OPEN");
}

/* The FAQ page; values and uploads (the new-entry form) or edit (one
 * entry's form) carry a refused post. */
static int faq_show(struct request *req, const struct param_value *values,
    const struct form_upload *uploads, const struct faq_edit *edit, int status)
{
	struct faq_entry *entries;
	int count = db_faq_entries_list(req->arena, req->account->id, &entries);
	int pending = count < 0 ? count : db_faq_entries_pending(req->arena, req->account->id);
	if (pending < 0)
		return -1;
	struct view *view = form_view(req, &faq_form, values, uploads, NULL);
	for (int i = 0; i < count; i++)
		add_entry(view, &entries[i], i, count, edit);
	view_show(view, count == 0 ? "NO_ENTRIES" : "HAS_ENTRIES");
	if (count >= FAQ_ENTRIES_MAX)
		view_show(view, "AT_LIMIT");
	if (pending)
		view_show(view, "PENDING");
	view_set_int(view, "MAX_ENTRIES", FAQ_ENTRIES_MAX);
	return form_render(req, &faq_form, view, status);
}

int faq_page(struct request *req)
{
	return faq_show(req, NULL, NULL, NULL, 200);
}

/* 413 when the image was refused for its size, else 422. */
static int faq_refusal(const struct form_upload *uploads)
{
	const char *error = uploads[ENTRY_IMAGE].error;
	return error != NULL && strcmp(error, "err.file_too_large") == 0 ? 413 : 422;
}

/* The entry that values and an accepted upload describe; the image is
 * stored now (its name in entry->image_name) so that the row can name it. */
static int faq_entry_from(struct request *req, const struct param_value *values,
    const struct form_upload *uploads, struct faq_entry *entry)
{
	*entry = (struct faq_entry) {
		.question = values[ENTRY_QUESTION].text,
		.answer = values[ENTRY_ANSWER].text,
		.link = values[ENTRY_LINK].text,
	};
	const struct http_file *file = uploads[ENTRY_IMAGE].file;
	if (file == NULL)
		return 0;
	if (upload_store(req->arena, file->data, file->size, &entry->image_name) != 0)
		return -1;
	entry->image_mime = uploads[ENTRY_IMAGE].mime;
	entry->image_size = (long long)file->size;
	return 0;
}

/* The answer and the link go out as one message of at most 1,000 code
 * points: the link's error when together they are longer. */
static bool faq_fits(struct param_value *values)
{
	const char *answer = values[ENTRY_ANSWER].text, *link = values[ENTRY_LINK].text;
	long total = text_utf8_length(answer, strlen(answer))
	    + (*link != '\0' ? 1 + text_utf8_length(link, strlen(link)) : 0);
	if (total <= 1000)
		return true;
	values[ENTRY_LINK].error = "faq.err.answer_and_link";
	return false;
}

int faq_create(struct request *req)
{
	struct param_value values[ENTRY__MAX];
	struct form_upload uploads[ENTRY_FILES__MAX];
	if (form_read(req, &faq_form, values, uploads) > 0 || !faq_fits(values))
		return faq_show(req, values, uploads, NULL, faq_refusal(uploads));
	struct faq_entry entry;
	if (faq_entry_from(req, values, uploads, &entry) != 0)
		return -1;
	int created = account_lock(req);
	if (created == 0)
		created = faq_commit(req, db_faq_entries_insert(req->arena, req->account->id,
		    &entry, FAQ_ENTRIES_MAX), "faq_create", entry.question, NULL, entry.answer);
	if (created <= 0 && entry.image_name != NULL)
		upload_remove(entry.image_name);
	if (created == 0) {
		values[ENTRY_QUESTION].error = "faq.err.full";
		return faq_show(req, values, uploads, NULL, 422);
	}
	return created < 0 ? -1 : form_done(req, faq_path(req, "faq"), "created");
}

/* The history's before and after of an entry edited from stored to entry
 * (the image changed when set_image). */
static void faq_entry_diff(struct request *req, const struct faq_entry *stored,
    const struct faq_entry *entry, bool set_image, const char **before, const char **after)
{
	const char *image = view_text(req->lang, "faq.image");
	const char *none = view_text(req->lang, "history_value_none");
	const char *new_image = view_text(req->lang, "history_value_new_image");
	const struct history_field fields[] = {
		{ "faq.question", stored->question, entry->question },
		{ "faq.answer", stored->answer, entry->answer },
		{ "faq.link", stored->link, entry->link },
		{ "faq.image", !set_image ? "" : stored->image_name != NULL ? image : none,
		    !set_image ? "" : entry->image_name != NULL ? new_image : none },
	};
	history_diff(req, fields, 4, before, after);
}

int faq_update(struct request *req)
{
	struct faq_entry stored, entry;
	int found = db_faq_entries_get(req->arena, req->account->id, req->ids[1], &stored);
	if (found <= 0)
		return found < 0 ? -1 : 404;
	entry = stored;
	struct param_value values[ENTRY__MAX];
	struct form_upload uploads[ENTRY_FILES__MAX];
	struct faq_edit edit = { entry.id, values, uploads };
	if (form_read(req, &faq_form, values, uploads) > 0 || !faq_fits(values))
		return faq_show(req, NULL, NULL, &edit, faq_refusal(uploads));
	if (faq_entry_from(req, values, uploads, &entry) != 0)
		return -1;
	entry.id = req->ids[1];
	bool set_image = entry.image_name != NULL || values[ENTRY_REMOVE_IMAGE].number == 1;
	const char *old_image;
	const char *before, *after;
	faq_entry_diff(req, &stored, &entry, set_image, &before, &after);
	int changed = db_begin(req->arena) != 0 ? DB_ERROR
	    : faq_commit(req, db_faq_entries_update(req->arena, req->account->id, &entry, set_image,
		&old_image), "faq_update", stored.question, before, after);
	if (changed <= 0 && entry.image_name != NULL)
		upload_remove(entry.image_name);
	if (changed > 0)
		upload_release(req->arena, old_image);
	return faq_changed(req, changed, faq_path(req, "faq"), "saved");
}

int faq_image(struct request *req)
{
	struct faq_entry entry;
	int found = db_faq_entries_get(req->arena, req->account->id, req->ids[1], &entry);
	if (found <= 0 || entry.image_name == NULL)
		return found < 0 ? -1 : 404;
	return upload_serve(req, entry.image_name, entry.image_mime, "faq", false);
}

int faq_move(struct request *req)
{
	int up = faq_direction(req);
	if (up < 0)
		return 400;
	struct faq_entry entry;
	int found = db_faq_entries_get(req->arena, req->account->id, req->ids[1], &entry);
	if (found <= 0)
		return found < 0 ? -1 : 404;
	if (db_begin(req->arena) != 0
	    || faq_commit(req, db_faq_entries_move(req->arena, req->account->id, entry.id, up == 1),
		"faq_move", entry.question, NULL,
		view_text(req->lang, up == 1 ? "history_value_up" : "history_value_down")) < 0)
		return -1;
	if (page_wants_json(req))
		return page_json(req, 200, "{\"ok\":true}");
	return form_done(req, faq_path(req, "faq"), "moved");
}

int faq_reorder(struct request *req)
{
	static const struct param_field id_field = { "id", PARAM_ID_LIST, true, 1,
		FAQ_ENTRIES_MAX, NULL };
	struct param_value ids;
	if (param_read(req, &id_field, 1, &ids) > 0)
		return 422;
	int changed = account_lock(req);
	if (changed == 0) {
		changed = db_faq_entries_reorder(req->arena, req->account->id, ids.ids,
		    (int)ids.id_count);
		changed = faq_commit(req, changed == (int)ids.id_count ? changed
		    : changed < 0 ? changed : 0, "faq_reorder", view_text(req->lang, "faq.title"),
		    NULL, NULL);
	}
	if (changed == 0)
		return 422;
	if (changed > 0 && page_wants_json(req))
		return page_json(req, 200, "{\"ok\":true}");
	return faq_changed(req, changed, faq_path(req, "faq"), "moved");
}

int faq_delete(struct request *req)
{
	struct faq_entry entry;
	int found = db_faq_entries_get(req->arena, req->account->id, req->ids[1], &entry);
	if (found <= 0)
		return found < 0 ? -1 : 404;
	int asked = faq_asked(req, "faq.confirm.delete_entry", entry.question, "faq");
	if (asked != 0)
		return asked;
	const char *image;
	int deleted = db_begin(req->arena) != 0 ? DB_ERROR
	    : faq_commit(req, db_faq_entries_delete(req->arena, req->account->id, entry.id, &image),
		"faq_delete", entry.question, entry.answer, NULL);
	if (deleted > 0)
		upload_release(req->arena, image);
	return faq_changed(req, deleted, faq_path(req, "faq"), "deleted");
}

int faq_publish(struct request *req)
{
	const char **gone;
	int gone_count = 0;
	int published = account_lock(req);
	if (published == 0) {
		published = db_faq_published_publish(req->arena, req->account->id, &gone,
		    &gone_count);
		/* 0 entries published is a success too: the FAQ is now empty */
		published = faq_commit(req, published < 0 ? published : published + 1,
		    "faq_publish", view_text(req->lang, "faq.title"), NULL,
		    arena_printf(req->arena, "%d", published < 0 ? 0 : published));
	}
	if (published < 0)
		return -1;
	for (int i = 0; i < gone_count; i++)
		upload_release(req->arena, gone[i]);
	return form_done(req, faq_path(req, "faq"), "published");
}
