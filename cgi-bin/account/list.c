/* list: the partner's accounts with their review status, and whether another may be made. */
#include "pages.h"
#include "account.h"
#include "arena.h"
#include "db_accounts.h"
#include "db_members.h"
#include "http.h"
#include "page.h"
#include "session.h"
#include "view.h"

#include <string.h>

/* One row of section ACCOUNTS for account. */
static void list_row(struct request *req, struct view *view, const struct member_account *account)
{
	struct view *row = view_add_row(view, "ACCOUNTS");
	view_set(row, "CODE", account->code);
	view_set(row, "NAME", account->name);
	view_set(row, "STATUS", account->status);
	view_set_text(row, "STATUS_TEXT", arena_printf(req->arena, "account.status.%s", account->status));
	view_set_text(row, "ROLE_TEXT", arena_printf(req->arena, "role.%s", account->role));
	view_set_text(row, "KIND_TEXT", arena_printf(req->arena, "kind.%s", account->kind));
	if (account->deleting)
		view_show(row, "DELETING");
}

/* For the operator: how many accounts wait for review, with the way to
 * them (OPS-2), so that signing in does not end on an empty list. 0 or <0. */
static int list_waiting(struct request *req, struct view *view)
{
	struct account_pending *pending;
	int waiting = db_accounts_list_pending(req->arena, &pending);
	if (waiting < 0)
		return waiting;
	view_show(view, "OPERATOR_HOME");
	view_set_int(view, "WAITING", waiting);
	return 0;
}

int list_page(struct request *req)
{
	struct member_account *accounts;
	int count = db_members_list_partner(req->arena, req->session->partner_id, &accounts);
	if (count < 0)
		return -1;
	struct view *view = page_new(req, "accounts.title");
	int owned = 0;
	for (int i = 0; i < count; i++) {
		list_row(req, view, &accounts[i]);
		owned += strcmp(accounts[i].role, "master") == 0;
	}
	if (count == 0)
		view_show(view, "NO_ACCOUNTS");
	if (req->session->is_operator && list_waiting(req, view) < 0)
		return -1;
	long long limit = account_limit();
	view_set_int(view, "LIMIT", limit);
	view_show(view, owned >= limit ? "AT_LIMIT" : "CAN_CREATE");
	return page_render(req, view, "page_accounts", 200);
}
