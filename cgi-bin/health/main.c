/* health: the probes that load balancers, monitors and the bench ask (DESIGN section 10),
 * in a program of their own so that a burst on one program (log-ins on auth)
 * cannot hold up the health check (issue 14). */
#include "fcgi_main.h"
#include "pages.h"
#include "route.h"

static const struct route routes[] = {
	{ ROUTE_GET, "/healthz", ROUTE_PUBLIC, health_check },
	{ ROUTE_GET, "/hello", ROUTE_PUBLIC, health_hello },
};

int main(int argc, char **argv)
{
	static const struct program program = {
		.name = "health", .routes = routes, .route_count = COUNT(routes),
	};
	return fcgi_main(argc, argv, &program);
}
