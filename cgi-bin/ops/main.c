/* ops: the operator's pages (OPS-2): the route table of the program. */
#include "fcgi_main.h"
#include "pages.h"
#include "route.h"

static const struct route routes[] = {
	{ ROUTE_GET, "/ops/", ROUTE_OPERATOR, home_page },
	{ ROUTE_GET, "/ops/accounts", ROUTE_OPERATOR, review_list },
	{ ROUTE_POST, "/ops/accounts/{code}/approve", ROUTE_OPERATOR, review_approve },
	{ ROUTE_POST, "/ops/accounts/{code}/reject", ROUTE_OPERATOR, review_reject },
	{ ROUTE_GET, "/ops/backups", ROUTE_OPERATOR, ops_backups_page },
	{ ROUTE_POST, "/ops/backups", ROUTE_OPERATOR, ops_backups_start },
	{ ROUTE_GET, "/ops/backups/{id}/status", ROUTE_OPERATOR, ops_backups_status },
	{ ROUTE_GET, "/ops/backups/{id}/download", ROUTE_OPERATOR, ops_backups_file },
	{ ROUTE_POST, "/ops/backups/{id}/cancel", ROUTE_OPERATOR, ops_backups_stop },
};

int main(int argc, char **argv)
{
	static const struct program program = {
		.name = "ops", .routes = routes, .route_count = COUNT(routes),
	};
	return fcgi_main(argc, argv, &program);
}
