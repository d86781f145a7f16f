/* ops: the operator's pages (OPS-2): home with server status. */
#include "db.h"
#include "fcgi_main.h"
#include "http.h"
#include "page.h"
#include "route.h"
#include "view.h"

static int ops_home(struct request *req)
{
	struct db_rows rows;
	if (db_exec(req->arena, &rows,
		"SELECT (SELECT count(*) FROM partners), (SELECT count(*) FROM sessions "
		"WHERE expires_at > now()), pg_size_pretty(pg_database_size(current_database()))",
		0, NULL) != 1)
		return -1;
	struct view *view = page_new(req, "ops.title");
	view_set(view, "PARTNERS", db_value(&rows, 0, 0));
	view_set(view, "SESSIONS", db_value(&rows, 0, 1));
	view_set(view, "DATABASE_SIZE", db_value(&rows, 0, 2));
	return page_render(req, view, "page_ops", 200);
}

static const struct route routes[] = {
	{ ROUTE_GET, "/ops/", ROUTE_OPERATOR, ops_home },
};

int main(int argc, char **argv)
{
	static const struct program program = { "ops", routes, COUNT(routes), 0, NULL };
	return fcgi_main(argc, argv, &program);
}
