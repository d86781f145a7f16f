/* export: an account's consultation history backups (EXP-1): the page that
 * starts them, shows their progress and lists the files; the route table of
 * the program. */
#include "fcgi_main.h"
#include "pages.h"
#include "route.h"

static const struct route routes[] = {
	{ ROUTE_GET, "/a/{code}/backups", ROUTE_MEMBER, backups_page },
	{ ROUTE_POST, "/a/{code}/backups", ROUTE_MEMBER, backups_start },
	{ ROUTE_GET, "/a/{code}/backups/{id}/status", ROUTE_MEMBER, backups_status },
	{ ROUTE_GET, "/a/{code}/backups/{id}/download", ROUTE_MEMBER, backups_file },
	{ ROUTE_POST, "/a/{code}/backups/{id}/cancel", ROUTE_MEMBER, backups_stop },
};

int main(int argc, char **argv)
{
	static const struct program program = {
		.name = "export", .routes = routes, .route_count = COUNT(routes),
	};
	return fcgi_main(argc, argv, &program);
}
