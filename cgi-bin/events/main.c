/* events: live updates (CHAT-16) as Server-Sent Events; listen.c says how. */
#include "config.h"
#include "events.h"
#include "fcgi_main.h"
#include "route.h"

#include <string.h>

static const struct route routes[] = {
	{ ROUTE_GET, "/events/a/{code}", ROUTE_MEMBER, events_agent },
	{ ROUTE_GET, "/events/talk/{code}", ROUTE_PUBLIC, events_customer },
};

int main(int argc, char **argv)
{
	static struct program program = {
		.name = "events", .routes = routes, .route_count = COUNT(routes), .threads = 64,
		.worker_start = events_worker_start,
	};
	/* The thread count is fixed before fcgi_main forks, so read it here;
	 * fcgi_main loads the same file again (later lines win, as always). */
	if (argc == 3 && strcmp(argv[1], "-c") == 0 && config_load(argv[2]) == 0)
		program.threads = (int)config_int("events_threads", 64, 2, 1024);
	events_threads = program.threads;
	return fcgi_main(argc, argv, &program);
}
