/* history: the account history (LOG-1, LOG-2): who changed what, newest
 * first with filters and keyset paging, and its CSV download: the route
 * table of the program. Nothing here changes an entry. */
#include "fcgi_main.h"
#include "pages.h"
#include "route.h"

static const struct route routes[] = {
	{ ROUTE_GET, "/a/{code}/history", ROUTE_MEMBER, history_page },
	{ ROUTE_GET, "/a/{code}/history.csv", ROUTE_MEMBER, history_csv },
};

int main(int argc, char **argv)
{
	static const struct program program = {
		.name = "history", .routes = routes, .route_count = COUNT(routes),
	};
	return fcgi_main(argc, argv, &program);
}
