/* events: live updates (CHAT-16) as Server-Sent Events; listen.c says how. */
#include "pages.h"
#include "fcgi_main.h"
#include "route.h"

static const struct route routes[] = {
	{ ROUTE_GET, "/events/a/{code}", ROUTE_CHAT, events_agent },
	{ ROUTE_GET, "/events/talk/{code}", ROUTE_PUBLIC, events_customer },
};

int main(int argc, char **argv)
{
	static const struct program program = {
		.name = "events", .routes = routes, .route_count = COUNT(routes),
		.threads_key = "events_threads", .workers_key = "events_workers",
		.backlog_key = "events_listen_backlog",
		.worker_start = events_worker_start,
	};
	return fcgi_main(argc, argv, &program);
}
