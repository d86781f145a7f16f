/* fcgi_main: a pre-forking master over libfcgi with respawn and clean stop. */
#include "fcgi_main.h"
#include "arena.h"
#include "auth.h"
#include "config.h"
#include "csrf.h"
#include "db.h"
#include "http.h"
#include "log.h"
#include "page.h"
#include "route.h"
#include "session.h"
#include "upload.h"
#include "view.h"

#include <errno.h>
#include <fcgiapp.h>
#include <pthread.h>
#include <signal.h>
#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/prctl.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

enum { FCGI_MAX_WORKERS = 64 };

static const struct program *fcgi_program;
static int fcgi_listen_fd;
static volatile sig_atomic_t fcgi_stopping;
static _Atomic int fcgi_busy; /* requests in progress in this worker, across threads */
static pthread_mutex_t fcgi_accept_lock = PTHREAD_MUTEX_INITIALIZER;

int fcgi_program_init(const char *config_path)
{
	if (sodium_init() < 0 || config_load(config_path) != 0)
		return -1;
	char templates[4096];
	int length = snprintf(templates, sizeof(templates), "%s/templates",
	    config_get("root_dir", "."));
	if (length < 0 || (size_t)length >= sizeof(templates) || view_init(templates) != 0)
		return -1;
	csrf_init(config_get("secret", ""));
	if (strlen(config_get("secret", "")) < 32) {
		fprintf(stderr, "config: secret must be at least 32 characters\n");
		return -1;
	}
	return auth_init();
}

static double fcgi_now_ms(void)
{
	struct timespec now;
	clock_gettime(CLOCK_MONOTONIC, &now);
	return (double)now.tv_sec * 1000.0 + (double)now.tv_nsec / 1e6;
}

/* Handles one accepted request from parse to log line. */
static void fcgi_handle(FCGX_Request *fcgi, struct arena *arena, unsigned long serial)
{
	double start = fcgi_now_ms();
	struct request req;
	int status = http_begin(&req, fcgi, arena);
	snprintf(req.id, sizeof(req.id), "%x-%lx", (unsigned)getpid(), serial);
	log_set_request_id(req.id);
	http_header(&req, "X-Request-Id", req.id);
	if (status != 0)
		status = page_error(&req, status);
	else
		status = route_dispatch(&req, fcgi_program->routes, fcgi_program->route_count);
	http_send(&req);
	log_request(req.method, req.path, req.status, fcgi_now_ms() - start,
	    req.session != NULL ? req.session->partner_id : 0);
	log_set_request_id(NULL);
}

/* Accepts and serves requests until the worker is told to stop. */
static void *fcgi_serve(void *unused)
{
	(void)unused;
	struct arena *arena = arena_new();
	FCGX_Request fcgi;
	if (arena == NULL || FCGX_InitRequest(&fcgi, fcgi_listen_fd, 0) != 0)
		return NULL;
	unsigned long serial = 0;
	while (!fcgi_stopping) {
		pthread_mutex_lock(&fcgi_accept_lock);
		int accepted = FCGX_Accept_r(&fcgi);
		pthread_mutex_unlock(&fcgi_accept_lock);
		if (accepted < 0)
			break;
		fcgi_busy++;
		fcgi_handle(&fcgi, arena, ++serial);
		FCGX_Finish_r(&fcgi);
		arena_reset(arena);
		fcgi_busy--;
	}
	db_disconnect();
	arena_free(arena);
	return NULL;
}

/* In a worker, SIGTERM ends it at once when idle, else after the request. */
static void fcgi_worker_signal(int signal_number)
{
	(void)signal_number;
	fcgi_stopping = 1;
	if (!fcgi_busy)
		_exit(0);
}

static void fcgi_worker(pid_t master)
{
	prctl(PR_SET_PDEATHSIG, SIGTERM);
	if (getppid() != master)
		_exit(0); /* the master died before prctl */
	signal(SIGTERM, fcgi_worker_signal);
	signal(SIGINT, SIG_IGN);
	signal(SIGPIPE, SIG_IGN);
	db_connect(); /* a failure is retried by the first request */
	if ((fcgi_program->uploads && upload_init() != 0)
	    || (fcgi_program->worker_start != NULL && fcgi_program->worker_start() != 0))
		_exit(1);
	int threads = fcgi_program->threads;
	if (threads <= 0) {
		fcgi_serve(NULL);
		_exit(0);
	}
	pthread_attr_t attributes;
	pthread_attr_init(&attributes);
	pthread_attr_setstacksize(&attributes, 256 * 1024);
	pthread_t *ids = calloc((size_t)threads, sizeof(*ids));
	for (int i = 0; ids != NULL && i < threads; i++)
		pthread_create(&ids[i], &attributes, fcgi_serve, NULL);
	for (int i = 0; ids != NULL && i < threads; i++)
		pthread_join(ids[i], NULL);
	_exit(0);
}

static pid_t fcgi_spawn(pid_t master)
{
	pid_t pid = fork();
	if (pid == 0)
		fcgi_worker(master);
	if (pid < 0)
		log_error("fork failed: %s", strerror(errno));
	return pid;
}

static void fcgi_master_signal(int signal_number)
{
	(void)signal_number;
	fcgi_stopping = 1;
}

/* Sends SIGTERM to every worker, waits up to five seconds, then kills. */
static void fcgi_stop_workers(pid_t *workers, int count)
{
	for (int i = 0; i < count; i++)
		if (workers[i] > 0)
			kill(workers[i], SIGTERM);
	for (int waited = 0; waited < 50; waited++) {
		int alive = 0;
		for (int i = 0; i < count; i++) {
			if (workers[i] > 0 && waitpid(workers[i], NULL, WNOHANG) == workers[i])
				workers[i] = 0;
			alive += workers[i] > 0;
		}
		if (alive == 0)
			return;
		usleep(100 * 1000);
	}
	for (int i = 0; i < count; i++)
		if (workers[i] > 0) {
			kill(workers[i], SIGKILL);
			waitpid(workers[i], NULL, 0);
		}
}

/* Keeps count workers alive until SIGTERM; a worker that dies is replaced
 * (after a pause when it died young, so a crash loop cannot spin). */
static void fcgi_supervise(pid_t *workers, int count)
{
	pid_t master = getpid();
	time_t started[FCGI_MAX_WORKERS];
	for (int i = 0; i < count; i++) {
		workers[i] = fcgi_spawn(master);
		started[i] = time(NULL);
	}
	while (!fcgi_stopping) {
		int wstatus;
		pid_t dead = waitpid(-1, &wstatus, 0);
		if (dead < 0)
			continue; /* EINTR from SIGTERM */
		for (int i = 0; i < count && !fcgi_stopping; i++) {
			if (workers[i] != dead)
				continue;
			log_error("worker %d exited (status %d); starting another", (int)dead, wstatus);
			if (time(NULL) - started[i] < 1)
				sleep(1);
			workers[i] = fcgi_spawn(master);
			started[i] = time(NULL);
		}
	}
}

static int fcgi_open_socket(const char *name)
{
	char path[512];
	int length = snprintf(path, sizeof(path), "%s/%s.sock",
	    config_get("socket_dir", "var/run"), name);
	if (length < 0 || (size_t)length >= 108) {
		fprintf(stderr, "%s: socket path too long\n", name);
		return -1;
	}
	unlink(path);
	int fd = FCGX_OpenSocket(path, 256);
	if (fd < 0)
		fprintf(stderr, "%s: cannot listen on %s\n", name, path);
	return fd;
}

int fcgi_main(int argc, char **argv, const struct program *program)
{
	fcgi_program = program;
	if (argc == 2 && strcmp(argv[1], "-routes") == 0) {
		route_print(stdout, program->routes, program->route_count);
		return fflush(stdout) == 0 ? 0 : 1;
	}
	if (argc != 3 || strcmp(argv[1], "-c") != 0) {
		fprintf(stderr, "usage: %s -c CONFIG\n", argv[0]);
		return 2;
	}
	if (fcgi_program_init(argv[2]) != 0 || FCGX_Init() != 0)
		return 1;
	fcgi_listen_fd = fcgi_open_socket(program->name);
	if (fcgi_listen_fd < 0)
		return 1;
	struct sigaction action = { .sa_handler = fcgi_master_signal };
	sigaction(SIGTERM, &action, NULL);
	sigaction(SIGINT, &action, NULL);
	int count = (int)config_int("workers", 2, 1, FCGI_MAX_WORKERS);
	pid_t workers[FCGI_MAX_WORKERS] = { 0 };
	log_info("%s: listening with %d workers", program->name, count);
	fcgi_supervise(workers, count);
	fcgi_stop_workers(workers, count);
	log_info("%s: stopped", program->name);
	return 0;
}
