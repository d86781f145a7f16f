/* labels: the account's labels page (CHAT-20): create, rename and recolour,
 * delete; and the chips that show a label elsewhere in the inbox. */
#include "account.h"
#include "arena.h"
#include "chat.h"
#include "confirm.h"
#include "db.h"
#include "db_accounts.h"
#include "db_labels.h"
#include "form.h"
#include "history.h"
#include "http.h"
#include "pages.h"
#include "page.h"
#include "param.h"
#include "view.h"

#include <string.h>

/* The fixed label palette; a colour's chip is the CSS class "lc-RRGGBB". */
static const char *const label_colors[] = {
	"#e53935", "#fb8c00", "#f9a825", "#43a047", "#00897b", "#1e88e5", "#3949ab",
	"#8e24aa", "#d81b60", "#6d4c41", "#546e7a", NULL,
};

enum { LABEL_NAME, LABEL_COLOR, LABEL__MAX };
static const struct param_field label_fields[LABEL__MAX] = {
	[LABEL_NAME] = { "name", PARAM_NAME, true, 1, 20, NULL },
	[LABEL_COLOR] = { "color", PARAM_CHOICE, true, 0, 0, label_colors },
};

static const char *const label_notices[] = { "created", "saved", "deleted", NULL };

static const struct form label_form = {
	.template_name = "page_labels", .title = "inbox.labels.title", .menu = "labels",
	.fields = label_fields, .field_count = LABEL__MAX, .notices = label_notices,
};

/* A refused edit of one label, shown in its row. */
struct label_edit {
	long long id;
	const struct param_value *values;
};

const char *inbox_color_class(struct request *req, const char *color)
{
	return arena_printf(req->arena, "lc-%s", *color == '#' ? color + 1 : color);
}

void inbox_add_label_chip(struct request *req, struct view *view, const char *section,
    const char *name, const char *color)
{
	struct view *chip = view_add_row(view, section);
	view_set(chip, "LABEL_NAME", name);
	view_set(chip, "LABEL_CLASS", inbox_color_class(req, color));
}

/* The palette as radio buttons of section, chosen (NULL: the first) checked. */
static void add_palette(struct request *req, struct view *view, const char *section,
    const char *chosen)
{
	for (int i = 0; label_colors[i] != NULL; i++) {
		struct view *row = view_add_row(view, section);
		view_set(row, "COLOR", label_colors[i]);
		view_set(row, "COLOR_CLASS", inbox_color_class(req, label_colors[i]));
		view_set_text(row, "COLOR_NAME", arena_printf(req->arena, "inbox.color.%d", i));
		if (chosen != NULL ? strcmp(chosen, label_colors[i]) == 0 : i == 0)
			view_show(row, "CHECKED");
	}
}

/* One label's row with its edit form (open with the errors of edit). */
static void add_label(struct request *req, struct view *view, const struct label *label,
    const struct label_edit *edit)
{
	struct view *row = view_add_row(view, "LABELS");
	view_set_int(row, "LABEL_ID", label->id);
	view_set(row, "LABEL_NAME", label->name);
	view_set(row, "LABEL_CLASS", inbox_color_class(req, label->color));
	view_set_int(row, "ROOM_COUNT", label->room_count);
	view_set(row, "FILTER_URL", arena_printf(req->arena, "%s?label=%lld", inbox_chats_path(req),
	    label->id));
	view_set(row, "EDIT_NAME", label->name);
	const char *color = label->color;
	if (edit != NULL && edit->id == label->id) {
		const struct param_value *values = edit->values;
		view_set(row, "EDIT_NAME", values[LABEL_NAME].text);
		if (values[LABEL_COLOR].error == NULL)
			color = values[LABEL_COLOR].text;
		for (int k = 0; k < LABEL__MAX; k++)
			if (values[k].error != NULL) {
				view_show(row, "EDIT_INVALID");
				view_set(row, "EDIT_ERROR", page_field_message(req, &label_fields[k],
				    values[k].error));
			}
		view_show(row, "EDIT_OPEN");
	}
	add_palette(req, row, "EDIT_COLORS", color);
}

/* The labels page; values (the create form) or edit (one label's form)
 * carry a refused post. */
static int labels_page(struct request *req, const struct param_value *values,
    const struct label_edit *edit, int status)
{
	struct label *labels;
	int count = db_labels_list_counted(req->arena, req->account->id, &labels);
	if (count < 0)
		return -1;
	struct view *view = form_view(req, &label_form, values, NULL, NULL);
	for (int i = 0; i < count; i++)
		add_label(req, view, &labels[i], edit);
	if (count == 0)
		view_show(view, "NO_LABELS");
	if (count >= INBOX_LABELS_MAX)
		view_show(view, "AT_LIMIT");
	if (values == NULL)
		view_set(view, "NAME", "");
	add_palette(req, view, "COLORS", values != NULL && values[LABEL_COLOR].error == NULL
	    ? values[LABEL_COLOR].text : NULL);
	return form_render(req, &label_form, view, status);
}

static const char *labels_path(struct request *req)
{
	return arena_printf(req->arena, "/a/%s/labels", req->account->code);
}

/* A label as the history shows it: its name and its colour's name. */
static const char *label_text(struct request *req, const char *name, const char *color)
{
	int index = 0;
	while (label_colors[index] != NULL && strcmp(label_colors[index], color) != 0)
		index++;
	return arena_printf(req->arena, "%s (%s)", name,
	    view_text(req->lang, arena_printf(req->arena, "inbox.color.%d", index)));
}

/* Begins a change of the account's labels and reads them into choices:
 * 1 (the transaction open) or <0 (rolled back). */
static int label_begin(struct request *req, struct account_choices *choices)
{
	if (db_begin(req->arena) != 0)
		return DB_ERROR;
	if (db_accounts_choices(req->arena, req->account->id, 0, choices) >= 0)
		return 1;
	db_rollback(req->arena);
	return DB_ERROR;
}

/* Renames and recolours label id with its history entry: as db_labels_update. */
static int label_update(struct request *req, long long id, const char *name, const char *color)
{
	struct account_choices choices;
	int begun = label_begin(req, &choices);
	if (begun != 1)
		return begun;
	const char *before = "";
	for (int i = 0; i < choices.label_count; i++)
		if (choices.labels[i].id == id)
			before = label_text(req, choices.labels[i].name, choices.labels[i].color);
	return history_commit(req, db_labels_update(req->arena, req->account->id, id, name, color),
	    HISTORY_LABELS, "update", inbox_label_name(&choices, id), before,
	    label_text(req, name, color));
}

int inbox_labels(struct request *req)
{
	return labels_page(req, NULL, NULL, 200);
}

int inbox_label_create(struct request *req)
{
	struct param_value values[LABEL__MAX];
	if (form_read(req, &label_form, values, NULL) > 0)
		return labels_page(req, values, NULL, 422);
	int created = account_lock(req);
	if (created == 0)
		created = history_commit(req, db_labels_insert(req->arena, req->account->id,
		    values[LABEL_NAME].text, values[LABEL_COLOR].text, INBOX_LABELS_MAX),
		    HISTORY_LABELS, "create", values[LABEL_NAME].text, NULL,
		    label_text(req, values[LABEL_NAME].text, values[LABEL_COLOR].text));
	if (created == DB_UNIQUE_VIOLATION || created == 0) {
		values[LABEL_NAME].error = created == 0 ? "inbox.err.labels_full" : "inbox.err.label_taken";
		return labels_page(req, values, NULL, 422);
	}
	if (created < 0)
		return -1;
	return form_done(req, labels_path(req), "created");
}

int inbox_label_update(struct request *req)
{
	long long id = req->ids[1];
	int exists = db_labels_exists(req->arena, req->account->id, id);
	if (exists <= 0)
		return exists < 0 ? -1 : 404;
	struct param_value values[LABEL__MAX];
	struct label_edit edit = { id, values };
	if (form_read(req, &label_form, values, NULL) > 0)
		return labels_page(req, NULL, &edit, 422);
	int changed = label_update(req, id, values[LABEL_NAME].text, values[LABEL_COLOR].text);
	if (changed == DB_UNIQUE_VIOLATION) {
		values[LABEL_NAME].error = "inbox.err.label_taken";
		return labels_page(req, NULL, &edit, 422);
	}
	return inbox_changed(req, 0, changed, labels_path(req), "saved");
}

/* Asks before deleting the route's label (issue 13): 0 to go on, else the
 * status answered (the confirmation page, 404 for another account's label). */
static int label_delete_asked(struct request *req)
{
	struct label *labels;
	int count = db_labels_list_counted(req->arena, req->account->id, &labels);
	if (count < 0)
		return -1;
	for (int i = 0; i < count; i++)
		if (labels[i].id == req->ids[1]) {
			const struct confirm confirm = {
				.button = "confirm.label_delete",
				.question = "confirm.label_delete.question",
				.target = labels[i].name, .back = labels_path(req),
				.menu = "labels",
			};
			return confirm_ask(req, &confirm);
		}
	return 404;
}

int inbox_label_delete(struct request *req)
{
	long long id = req->ids[1];
	int asked = label_delete_asked(req);
	if (asked != 0)
		return asked;
	struct account_choices choices;
	int changed = label_begin(req, &choices);
	if (changed == 1)
		changed = history_commit(req, db_labels_delete(req->arena, req->account->id, id),
		    HISTORY_LABELS, "delete", inbox_label_name(&choices, id), NULL, NULL);
	return inbox_changed(req, 0, changed, labels_path(req), "deleted");
}
