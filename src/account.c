/* account: membership look-up for /a/CODE/ routes and the account layout. */
#include "account.h"
#include "arena.h"
#include "config.h"
#include "db.h"
#include "http.h"
#include "page.h"
#include "session.h"
#include "view.h"

#include <string.h>

const char *const account_categories[] = {
	"shopping", "food", "beauty", "fashion", "education", "medical", "travel", "finance",
	"real_estate", "it", "public", "culture", "life", "other", NULL,
};

int account_load(struct request *req, const char *code)
{
	if (req->session == NULL || strlen(code) != 6)
		return 0;
	struct db_rows rows;
	int found = DB_EXEC(req->arena, &rows,
	    "SELECT a.id, a.code, a.name, a.kind, a.status, m.role = 'master', a.home_public, "
	    "a.chat_on, a.delete_after IS NOT NULL, a.time_zone "
	    "FROM accounts a JOIN members m ON m.account_id = a.id AND m.partner_id = $2 "
	    "WHERE a.code = $1",
	    code, db_param_int(req->arena, req->session->partner_id));
	if (found <= 0)
		return found;
	struct account_access *account = arena_alloc(req->arena, sizeof(*account));
	account->id = db_int(&rows, 0, 0);
	account->code = db_value(&rows, 0, 1);
	account->name = db_value(&rows, 0, 2);
	account->kind = db_value(&rows, 0, 3);
	account->status = db_value(&rows, 0, 4);
	account->is_master = db_bool(&rows, 0, 5);
	account->home_public = db_bool(&rows, 0, 6);
	account->chat_on = db_bool(&rows, 0, 7);
	account->deleting = db_bool(&rows, 0, 8);
	account->time_zone = db_value(&rows, 0, 9);
	req->account = account;
	return 1;
}

struct view *account_page_new(struct request *req, const char *title_key, const char *menu_item)
{
	struct view *view = page_new(req, title_key);
	const struct account_access *account = req->account;
	view_show(view, "ACCOUNT");
	view_set(view, "ACCOUNT_CODE", account->code);
	view_set(view, "ACCOUNT_NAME", account->name);
	view_set(view, "ACCOUNT_STATUS", account->status);
	view_set_text(view, "ACCOUNT_STATUS_TEXT",
	    arena_printf(req->arena, "account.status.%s", account->status));
	view_show(view, arena_printf(req->arena, "MENU_%s", menu_item));
	view_show(view, account->is_master ? "MASTER" : "NOT_MASTER");
	view_show(view, account->deleting ? "ACCOUNT_DELETING" : "ACCOUNT_ACTIVE");
	return view;
}

const char *account_chat_url(struct request *req, const char *code)
{
	return arena_printf(req->arena, "%s/talk/%s", config_get("base_url", ""), code);
}
