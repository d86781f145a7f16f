/* home: the operator's home: the accounts waiting for review first (OPS-2),
 * then the server's status (partners, live sessions, database size). */
#include "arena.h"
#include "db_accounts.h"
#include "db_partners.h"
#include "db_sessions.h"
#include "http.h"
#include "pages.h"
#include "page.h"
#include "view.h"

enum { OPS_HOME_WAITING_SHOWN = 10 }; /* the oldest; the rest on /ops/accounts */

int home_page(struct request *req)
{
	int partners = db_partners_count(req->arena);
	int sessions = db_sessions_count_live(req->arena);
	const char *size;
	if (partners < 0 || sessions < 0 || db_partners_database_size(req->arena, &size) != 1)
		return -1;
	struct account_pending *pending;
	int waiting = db_accounts_list_pending(req->arena, &pending);
	if (waiting < 0)
		return -1;
	struct view *view = page_new(req, "ops.title");
	view_set_int(view, "WAITING", waiting);
	view_show(view, waiting > 0 ? "HAS_WAITING" : "NO_WAITING");
	for (int i = 0; i < waiting && i < OPS_HOME_WAITING_SHOWN; i++) {
		struct view *row = view_add_row(view, "WAITING_ROWS");
		view_set(row, "CODE", pending[i].registration.code);
		view_set(row, "NAME", pending[i].registration.name);
		view_set(row, "CREATED", pending[i].created);
		view_set_text(row, "KIND_TEXT", arena_printf(req->arena, "kind.%s",
		    pending[i].registration.kind));
	}
	view_set_int(view, "PARTNERS", partners);
	view_set_int(view, "SESSIONS", sessions);
	view_set(view, "DATABASE_SIZE", size);
	return page_render(req, view, "page_ops", 200);
}
