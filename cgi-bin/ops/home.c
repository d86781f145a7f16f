/* home: the operator's home with the server's status (partners, live sessions,
 * database size). */
#include "db_partners.h"
#include "db_sessions.h"
#include "http.h"
#include "pages.h"
#include "page.h"
#include "view.h"

int home_page(struct request *req)
{
	int partners = db_partners_count(req->arena);
	int sessions = db_sessions_count_live(req->arena);
	const char *size;
	if (partners < 0 || sessions < 0 || db_partners_database_size(req->arena, &size) != 1)
		return -1;
	struct view *view = page_new(req, "ops.title");
	view_set_int(view, "PARTNERS", partners);
	view_set_int(view, "SESSIONS", sessions);
	view_set(view, "DATABASE_SIZE", size);
	return page_render(req, view, "page_ops", 200);
}
