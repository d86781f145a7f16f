/* manage: deletion of the account in 7 days and its cancellation (ACC-8), and
 * the reset that ends every chat and removes the labels, the FAQ and the chat
 * menu (ACC-9). */
#include "pages.h"
#include "account.h"
#include "arena.h"
#include "chat.h"
#include "db.h"
#include "db_accounts.h"
#include "db_chat_menu.h"
#include "db_faq_entries.h"
#include "db_labels.h"
#include "db_rooms.h"
#include "form.h"
#include "history.h"
#include "http.h"
#include "upload.h"
#include "view.h"

enum { CONFIRM, CONFIRM__MAX };

static const struct param_field confirm_fields[CONFIRM__MAX] = {
	[CONFIRM] = { "confirm", PARAM_CHECKBOX, true, 0, 0, NULL },
};

static const char *const manage_notices[] = { "reset", NULL };

/* The delete and reset forms share the page and its one field. */
static const struct form manage_form = {
	.template_name = "page_account_manage",
	.title = "manage.title",
	.menu = "manage",
	.fields = confirm_fields,
	.field_count = CONFIRM__MAX,
	.notices = manage_notices,
};

int manage_page(struct request *req)
{
	return form_show(req, &manage_form, NULL, NULL, NULL, 200);
}

/* Reads the confirmation box; 1 ticked, 0 not (the manage page is then shown
 * with the message next to the box of form_section, "DELETE" or "RESET"). */
static int manage_confirmed(struct request *req, const char *form_section, int *status)
{
	struct param_value values[CONFIRM__MAX];
	if (form_read(req, &manage_form, values, NULL) == 0)
		return 1;
	struct view *view = form_view(req, &manage_form, NULL, NULL, NULL);
	view_show(view, arena_printf(req->arena, "%s_UNCONFIRMED", form_section));
	view_set_text(view, "CONFIRM_ERROR", "manage.confirm_required");
	*status = form_render(req, &manage_form, view, 422);
	return 0;
}

int manage_delete(struct request *req)
{
	int status;
	if (!manage_confirmed(req, "DELETE", &status))
		return status;
	if (db_begin(req->arena) != 0
	    || history_commit(req, db_accounts_schedule_delete(req->arena, req->account->id),
		HISTORY_SETTINGS, "account_delete", req->account->name, NULL, NULL) < 0)
		return -1;
	return form_done(req, arena_printf(req->arena, "/a/%s/", req->account->code), NULL);
}

int manage_cancel_delete(struct request *req)
{
	if (db_begin(req->arena) != 0
	    || history_commit(req, db_accounts_cancel_delete(req->arena, req->account->id),
		HISTORY_SETTINGS, "account_delete_cancel", req->account->name, NULL, NULL) < 0)
		return -1;
	return form_done(req, arena_printf(req->arena, "/a/%s/", req->account->code), "cancelled");
}

/* ACC-9: ends every open chat and takes the rooms off the list, removes the
 * labels, the FAQ (draft and published) and the chat menu's buttons, and
 * then the FAQ's image files that no tap's attachment names; customers and
 * their consultation history stay. */
int manage_reset(struct request *req)
{
	int status;
	if (!manage_confirmed(req, "RESET", &status))
		return status;
	long long account_id = req->account->id;
	const char **images = NULL;
	if (db_begin(req->arena) != 0
	    || db_rooms_reset_account(req->arena, account_id) < 0
	    || db_labels_delete_account(req->arena, account_id) < 0
	    || db_faq_entries_delete_account(req->arena, account_id, &images) < 0
	    || db_chat_menu_delete_account(req->arena, account_id) < 0
	    || chat_notify(req, account_id, 0, "room") != 0
	    || history_commit(req, 1, HISTORY_SETTINGS, "reset", req->account->name, NULL,
		NULL) != 1)
		return -1;
	for (int i = 0; images[i] != NULL; i++)
		upload_release(req->arena, images[i]);
	return form_done(req, arena_printf(req->arena, "/a/%s/manage", req->account->code), "reset");
}
