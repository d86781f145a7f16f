/* fcgi_main: every FastCGI program's main is one call to fcgi_main: it reads
 * the config, listens on VAR/run/NAME.sock, pre-forks workers, respawns them
 * when they die, and stops cleanly on SIGTERM, taking the workers along. */
#ifndef SANGDAM_FCGI_MAIN_H
#define SANGDAM_FCGI_MAIN_H

#include <stdbool.h>
#include <stddef.h>

struct route;

struct program {
	const char *name;            /* socket name and log prefix */
	const struct route *routes;
	size_t route_count;
	int threads;                 /* >0: that many request threads per worker (events) */
	bool uploads;                /* checks uploads: libmagic loaded in each worker */
	int (*worker_start)(void);   /* optional, runs in each worker after fork; 0 or -1 */
};

/* Usage: NAME -c CONFIG, or NAME -routes to print the route table (see
 * route_print) and exit. Returns the process exit status. */
int fcgi_main(int argc, char **argv, const struct program *program);

/* Loads config, libsodium, templates, CSRF key and password settings: the
 * start-up shared by FastCGI programs and the worker. 0 or -1 (reported). */
int fcgi_program_init(const char *config_path);

#endif
