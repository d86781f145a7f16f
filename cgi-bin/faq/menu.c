/* menu: the chat menu page (채팅방 메뉴, FAQ-2): at most ten buttons under
 * the customer's input box, each with the response sent when it is tapped,
 * with today's taps beside each. */
#include "account.h"
#include "arena.h"
#include "db.h"
#include "db_chat_menu.h"
#include "form.h"
#include "http.h"
#include "pages.h"
#include "page.h"
#include "param.h"
#include "view.h"

enum { BUTTON_LABEL, BUTTON_RESPONSE, BUTTON__MAX };
static const struct param_field button_fields[BUTTON__MAX] = {
	[BUTTON_LABEL] = { "label", PARAM_TEXT, true, 1, 20, NULL },
	[BUTTON_RESPONSE] = { "response", PARAM_LINES, true, 1, 1000, NULL },
};

static const char *const menu_notices[] = { "created", "saved", "deleted", NULL };

static const struct form menu_form = {
	.template_name = "page_faq_menu", .title = "faq.menu.title", .menu = "menu",
	.fields = button_fields, .field_count = BUTTON__MAX, .notices = menu_notices,
};

/* The menu page; values (new button) or edit_id with edit (one button's
 * form) carry a refused post. */
static int menu_show(struct request *req, const struct param_value *values, long long edit_id,
    const struct param_value *edit, int status)
{
	struct menu_button *buttons;
	int count = db_chat_menu_list(req->arena, req->account->id, req->account->time_zone,
	    &buttons);
	if (count < 0)
		return -1;
	struct view *view = form_view(req, &menu_form, values, NULL, NULL);
	for (int i = 0; i < count; i++) {
		struct view *row = view_add_row(view, "BUTTONS");
		view_set_int(row, "BUTTON_ID", buttons[i].id);
		view_set(row, "SHOWN_LABEL", buttons[i].label);
		view_set(row, "SHOWN_RESPONSE", buttons[i].response);
		view_set_int(row, "TAPS_TODAY", buttons[i].taps_today);
		view_set(row, "LABEL", buttons[i].label);
		view_set(row, "RESPONSE", buttons[i].response);
		if (edit != NULL && edit_id == buttons[i].id) {
			page_form(row, button_fields, BUTTON__MAX, edit);
			view_show(row, "EDIT_OPEN");
		}
	}
	view_show(view, count == 0 ? "NO_BUTTONS" : "HAS_BUTTONS");
	if (count >= FAQ_MENU_MAX)
		view_show(view, "AT_LIMIT");
	view_set_int(view, "MAX_BUTTONS", FAQ_MENU_MAX);
	return form_render(req, &menu_form, view, status);
}

int menu_page(struct request *req)
{
	return menu_show(req, NULL, 0, NULL, 200);
}

/* An 11th button is refused (422), also when requests race: the count is
 * taken under the account's row lock (NF-7). */
int menu_create(struct request *req)
{
	struct param_value values[BUTTON__MAX];
	if (form_read(req, &menu_form, values, NULL) > 0)
		return menu_show(req, values, 0, NULL, 422);
	int created = account_lock(req);
	if (created == 0)
		created = faq_commit(req, db_chat_menu_insert(req->arena, req->account->id,
		    values[BUTTON_LABEL].text, values[BUTTON_RESPONSE].text, FAQ_MENU_MAX),
		    "menu_create", values[BUTTON_LABEL].text, NULL, values[BUTTON_RESPONSE].text);
	if (created == 0) {
		values[BUTTON_LABEL].error = "faq.err.menu_full";
		return menu_show(req, values, 0, NULL, 422);
	}
	return created < 0 ? -1 : form_done(req, faq_path(req, "menu"), "created");
}

int menu_update(struct request *req)
{
	struct menu_button button;
	int found = db_chat_menu_get(req->arena, req->account->id, req->ids[1], &button);
	if (found <= 0)
		return found < 0 ? -1 : 404;
	struct param_value values[BUTTON__MAX];
	if (form_read(req, &menu_form, values, NULL) > 0)
		return menu_show(req, NULL, button.id, values, 422);
	static const char *const labels[2] = { "faq.menu.label", "faq.menu.response" };
	const char *const was[2] = { button.label, button.response };
	const char *const is[2] = { values[BUTTON_LABEL].text, values[BUTTON_RESPONSE].text };
	const char *before, *after;
	faq_diff(req, labels, was, is, &before, &after);
	if (db_begin(req->arena) != 0)
		return -1;
	return faq_changed(req, faq_commit(req, db_chat_menu_update(req->arena, req->account->id,
	    button.id, is[0], is[1]), "menu_update", button.label, before, after),
	    faq_path(req, "menu"), "saved");
}

int menu_delete(struct request *req)
{
	struct menu_button button;
	int found = db_chat_menu_get(req->arena, req->account->id, req->ids[1], &button);
	if (found <= 0)
		return found < 0 ? -1 : 404;
	int asked = faq_asked(req, "faq.confirm.delete_button", button.label, "menu");
	if (asked != 0)
		return asked;
	if (db_begin(req->arena) != 0)
		return -1;
	return faq_changed(req, faq_commit(req, db_chat_menu_delete(req->arena, req->account->id,
	    button.id), "menu_delete", button.label, button.response, NULL),
	    faq_path(req, "menu"), "deleted");
}
