/* fcgi_main: every FastCGI program's main is one call to fcgi_main: it reads
 * the config, listens on VAR/run/NAME.sock, pre-forks workers, respawns them
 * when they die, and stops cleanly on SIGTERM, taking the workers along. */
#ifndef SANGDAM_FCGI_MAIN_H
#define SANGDAM_FCGI_MAIN_H

#include <stdbool.h>
#include <stddef.h>
#include <sys/types.h>

struct route;

struct program {
	const char *name;            /* socket name and log prefix */
	const struct route *routes;
	size_t route_count;
	const char *threads_key;     /* config key of the request threads per worker; NULL: one */
	bool uploads;                /* checks uploads: libmagic loaded in each worker */
	int (*worker_start)(void);   /* optional, runs in each worker after fork; 0 or -1 */
	const char *workers_key;     /* config key of the worker processes; NULL: "workers" */
	const char *backlog_key;     /* config key of the socket's listen backlog;
	                                NULL: "listen_backlog" */
};

/* Usage: NAME -c CONFIG, or NAME -routes to print the route table (see
 * route_print) and exit. Returns the process exit status. */
int fcgi_main(int argc, char **argv, const struct program *program);

/* Loads config, libsodium, templates, CSRF key and password settings: the
 * start-up shared by FastCGI programs and the worker. 0 or -1 (reported). */
int fcgi_program_init(const char *config_path);

/* Runs program->worker_start (if any), then serves requests on listen_fd in
 * this process with program->threads threads (or this one) until SIGTERM,
 * and returns the exit status: 0, or 1 when worker_start failed or no thread
 * could be started. SIGTERM is taken only while a thread waits for a
 * connection, so an accepted request is always finished, and an idle worker
 * stops at once. The worker process runs this after fork; so do tests. */
int fcgi_worker_run(const struct program *program, int listen_fd);

/* ---- supervision: the master's bookkeeping, pure so that tests drive it ----
 * One slot per worker. An empty slot is filled when it is due; a fork that
 * failed, or a worker that died within FCGI_HEALTHY_SECONDS of its start,
 * makes the slot wait 1 s, then 2, 4, ... up to FCGI_BACKOFF_MAX_SECONDS. A
 * worker that ran longer is replaced at once, and the wait starts over. */
enum { FCGI_BACKOFF_MAX_SECONDS = 30, FCGI_HEALTHY_SECONDS = 10 };

struct fcgi_slot {
	pid_t pid;       /* >0: the worker in the slot; 0: empty */
	double started;  /* when the worker was forked (seconds) */
	double due;      /* when the empty slot may be filled (seconds) */
	int backoff;     /* the wait after the last failure in a row; 0: none */
};

/* A worker was forked into the slot at time now. */
void fcgi_slot_started(struct fcgi_slot *slot, pid_t pid, double now);
/* The fork for the slot failed at time now. */
void fcgi_slot_failed(struct fcgi_slot *slot, double now);
/* Worker pid exited at time now: its slot is emptied. The slot's index, or
 * -1 when pid is in no slot. */
int fcgi_slot_exited(struct fcgi_slot *slots, int count, pid_t pid, double now);
/* The index of an empty slot that is due at time now, or -1; then *wait_ms
 * is how long until the next empty slot is due, or -1 when none is empty. */
int fcgi_slot_next(const struct fcgi_slot *slots, int count, double now, int *wait_ms);

#endif
