/* account: membership look-up for /a/CODE/ routes and the account layout. */
#include "account.h"
#include "arena.h"
#include "config.h"
#include "db.h"
#include "db_accounts.h"
#include "http.h"
#include "page.h"
#include "session.h"
#include "view.h"

#include <stdio.h>
#include <string.h>

const char *const account_categories[] = {
	"shopping", "food", "beauty", "fashion", "education", "medical", "travel", "finance",
	"real_estate", "it", "public", "culture", "life", "other", NULL,
};

void account_view_categories(struct view *view, const char *section, const char *chosen)
{
	for (const char *const *key = account_categories; *key != NULL; key++) {
		struct view *row = view_add_row(view, section);
		view_set(row, "KEY", *key);
		char catalog_key[64];
		snprintf(catalog_key, sizeof(catalog_key), "category.%s", *key);
		view_set_text(row, "LABEL", catalog_key);
		if (chosen != NULL && strcmp(chosen, *key) == 0)
			view_show(row, "SELECTED");
	}
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
	view_show(view, account->available ? "MEMBER_AVAILABLE" : "MEMBER_AWAY");
	return view;
}

const char *account_chat_url(struct request *req, const char *code)
{
	return arena_printf(req->arena, "%s/talk/%s", config_str("base_url"), code);
}

long long account_limit(void)
{
	return config_num("max_accounts");
}

int account_lock(struct request *req)
{
	if (db_begin(req->arena) != 0)
		return DB_ERROR;
	if (db_accounts_lock(req->arena, req->account->id) == 1)
		return 0;
	db_rollback(req->arena);
	return DB_ERROR;
}

int account_unlock(struct request *req, int result)
{
	if (result <= 0) {
		db_rollback(req->arena);
		return result;
	}
	return db_commit(req->arena) == 0 ? result : DB_ERROR;
}
