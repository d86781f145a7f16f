/* hours: an account's operating hours, away switch, holidays and automatic
 * messages (HOURS-1..5): the route table of the program. */
#include "fcgi_main.h"
#include "pages.h"
#include "route.h"

static const struct route routes[] = {
	{ ROUTE_GET, "/a/{code}/hours", ROUTE_MEMBER, week_page },
	{ ROUTE_POST, "/a/{code}/hours", ROUTE_MEMBER, week_post },
	{ ROUTE_POST, "/a/{code}/hours/holidays", ROUTE_MEMBER, holidays_add },
	{ ROUTE_POST, "/a/{code}/hours/holidays/{id}/delete", ROUTE_MEMBER, holidays_delete },
	{ ROUTE_GET, "/a/{code}/hours/messages", ROUTE_MEMBER, messages_page },
	{ ROUTE_POST, "/a/{code}/hours/messages", ROUTE_MEMBER, messages_post },
};

int main(int argc, char **argv)
{
	static const struct program program = {
		.name = "hours", .routes = routes, .route_count = COUNT(routes),
	};
	return fcgi_main(argc, argv, &program);
}
