/* fcgi_main: a pre-forking master over libfcgi with respawn and clean stop. */
#include "fcgi_main.h"
#include "arena.h"
#include "auth.h"
#include "cache.h"
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
#include <stdatomic.h>
#include <fcgiapp.h>
#include <fcntl.h>
#include <malloc.h>
#include <poll.h>
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
/* Set by SIGTERM (SIGINT in the master); read by every thread. */
static volatile sig_atomic_t fcgi_stopping;
static pthread_mutex_t fcgi_accept_lock = PTHREAD_MUTEX_INITIALIZER;
/* A worker's signal mask while it waits for a connection: the one it had
 * without SIGTERM, which is blocked at every other moment. */
static sigset_t fcgi_waiting_mask;

int fcgi_program_init(const char *config_path)
{
	if (sodium_init() < 0 || config_load(config_path) != 0)
		return -1;
	char templates[4096];
	int length = snprintf(templates, sizeof(templates), "%s/templates",
	    config_str("root_dir"));
	if (length < 0 || (size_t)length >= sizeof(templates) || view_init(templates) != 0)
		return -1;
	csrf_init(config_str("secret"));
	if (strlen(config_str("secret")) < 32) {
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

/* A request thread's database connection (db.c keeps one per thread) is
 * made by its first request, not at fork, and closed again after
 * db_idle_seconds without a request (issue 8): an idle program then holds
 * no PostgreSQL backend (about 1.5 MiB each), and the first request after a
 * quiet spell pays one connection (a few ms). The thread closes its own
 * connection while it waits for the accept lock or for a connection. */
static struct timespec fcgi_idle_timeout;

/* Requests this process has accepted: the second part of a request's id. */
static atomic_ulong fcgi_serial;

/* Takes the accept lock, closing this thread's connection first when the
 * lock is not free within the idle time. */
static void fcgi_lock_accept(void)
{
	struct timespec deadline;
	clock_gettime(CLOCK_REALTIME, &deadline);
	deadline.tv_sec += fcgi_idle_timeout.tv_sec;
	if (pthread_mutex_timedlock(&fcgi_accept_lock, &deadline) == 0)
		return;
	db_disconnect();
	pthread_mutex_lock(&fcgi_accept_lock);
}

/* Waits until the listening socket has a connection (1) or SIGTERM came
 * (0), closing this thread's database connection after the idle time.
 * SIGTERM is unblocked only inside ppoll, atomically, so a signal that
 * came before the wait ends it at once and one that comes later waits for
 * the next wait: it never cuts into an accepted request. */
static int fcgi_wait_connection(void)
{
	struct pollfd listening = { .fd = fcgi_listen_fd, .events = POLLIN };
	const struct timespec *timeout = &fcgi_idle_timeout;
	while (!fcgi_stopping) {
		int ready = ppoll(&listening, 1, timeout, &fcgi_waiting_mask);
		if (ready > 0)
			return 1;
		if (ready == 0) {
			db_disconnect();
			timeout = NULL;
		} else if (errno != EINTR) {
			log_error("poll on the listening socket: %s", strerror(errno));
			return 0;
		}
	}
	return 0;
}

/* Accepts and serves requests until the worker is told to stop. The socket
 * is non-blocking: another worker may take the connection that woke us. */
static void *fcgi_serve(void *unused)
{
	(void)unused;
	struct arena *arena = arena_new();
	FCGX_Request fcgi;
	if (arena == NULL || FCGX_InitRequest(&fcgi, fcgi_listen_fd, FCGI_FAIL_ACCEPT_ON_INTR) != 0) {
		arena_free(arena);
		return NULL;
	}
	for (;;) {
		fcgi_lock_accept();
		int accepted = fcgi_wait_connection() ? FCGX_Accept_r(&fcgi) : -1;
		pthread_mutex_unlock(&fcgi_accept_lock);
		if (accepted < 0) {
			if (fcgi_stopping)
				break;
			continue; /* EAGAIN: another worker took it; or a broken client */
		}
		/* one count for the whole process, so that two threads never
		 * give two requests the same id */
		fcgi_handle(&fcgi, arena, atomic_fetch_add(&fcgi_serial, 1) + 1);
		FCGX_Finish_r(&fcgi);
		/* The one place that ends a request's use of the database. */
		db_end_request(arena);
		arena_reset(arena);
	}
	FCGX_Free(&fcgi, 0);
	db_disconnect();
	arena_free(arena);
	return NULL;
}

/* SIGTERM in a worker: only ever delivered inside fcgi_wait_connection. */
static void fcgi_worker_signal(int signal_number)
{
	(void)signal_number;
	fcgi_stopping = 1;
	FCGX_ShutdownPending();
}

/* glibc gives the heap's free top back to the kernel once 128 KiB are free
 * there, and maps blocks from 128 KiB up (both moving with use): a page
 * request (arena chunks, libpq's results, the rendered page) then paid brk
 * calls and fresh page faults each time, 15 % of an inbox page's CPU in the
 * program (perf, issue 8). Fixed thresholds keep a few MiB for the next
 * request; a larger block (an upload's) is still mapped and unmapped. */
static void fcgi_tune_malloc(void)
{
	mallopt(M_MMAP_THRESHOLD, 1024 * 1024);
	mallopt(M_TRIM_THRESHOLD, 4 * 1024 * 1024);
}

int fcgi_worker_run(const struct program *program, int listen_fd)
{
	fcgi_program = program;
	fcgi_tune_malloc();
	fcgi_listen_fd = listen_fd;
	/* Non-blocking: every worker polls the socket, and the ones that lose
	 * the race for a connection must not block in accept (fcgi_serve). */
	int flags = fcntl(listen_fd, F_GETFL);
	if (flags < 0 || fcntl(listen_fd, F_SETFL, flags | O_NONBLOCK) != 0) {
		log_error("%s: cannot make the socket non-blocking: %s", program->name, strerror(errno));
		return 1;
	}
	struct sigaction action = { .sa_handler = fcgi_worker_signal }; /* no SA_RESTART */
	sigemptyset(&action.sa_mask);
	sigaction(SIGTERM, &action, NULL);
	sigset_t term, previous;
	sigemptyset(&term);
	sigaddset(&term, SIGTERM);
	pthread_sigmask(SIG_BLOCK, &term, &previous);
	fcgi_waiting_mask = previous;
	sigdelset(&fcgi_waiting_mask, SIGTERM);
	/* Threads that worker_start makes inherit the blocked SIGTERM; it may
	 * choose its own handler (events: streams hold no state, so it exits
	 * at once), which then runs in a thread waiting for a connection. */
	if ((program->uploads && upload_init() != 0)
	    || (program->worker_start != NULL && program->worker_start() != 0))
		return 1;
	fcgi_idle_timeout.tv_sec = (time_t)config_num("db_idle_seconds");
	int threads = program->threads_key != NULL ? (int)config_num(program->threads_key) : 0;
	if (threads <= 0) {
		fcgi_serve(NULL);
		return 0;
	}
	/* Threads inherit the mask: SIGTERM reaches only a waiting thread. */
	pthread_attr_t attributes;
	pthread_attr_init(&attributes);
	pthread_attr_setstacksize(&attributes, 256 * 1024);
	pthread_t *ids = calloc((size_t)threads, sizeof(*ids));
	int started = 0;
	for (int i = 0; ids != NULL && i < threads; i++) {
		int failed = pthread_create(&ids[started], &attributes, fcgi_serve, NULL);
		if (failed != 0)
			log_error("%s: cannot start request thread %d of %d: %s", program->name,
			    i + 1, threads, strerror(failed));
		else
			started++;
	}
	pthread_attr_destroy(&attributes);
	if (started == 0) {
		log_error("%s: no request thread started; the worker exits", program->name);
		free(ids);
		return 1;
	}
	if (started < threads)
		log_error("%s: serving with %d of %d threads", program->name, started, threads);
	for (int i = 0; i < started; i++)
		pthread_join(ids[i], NULL);
	free(ids);
	return 0;
}

static void fcgi_worker(pid_t master)
{
	prctl(PR_SET_PDEATHSIG, SIGTERM);
	if (getppid() != master)
		_exit(0); /* the master died before prctl */
	signal(SIGCHLD, SIG_DFL);
	signal(SIGINT, SIG_IGN);
	signal(SIGPIPE, SIG_IGN);
	/* The master blocks SIGCHLD, SIGTERM and SIGINT; SIGTERM stays blocked
	 * but while a thread waits for a connection (fcgi_worker_run). */
	sigset_t unblock;
	sigemptyset(&unblock);
	sigaddset(&unblock, SIGCHLD);
	sigaddset(&unblock, SIGINT);
	sigprocmask(SIG_UNBLOCK, &unblock, NULL);
	_exit(fcgi_worker_run(fcgi_program, fcgi_listen_fd));
}

/* ---- supervision ---------------------------------------------------------- */

void fcgi_slot_started(struct fcgi_slot *slot, pid_t pid, double now)
{
	slot->pid = pid;
	slot->started = now;
}

void fcgi_slot_failed(struct fcgi_slot *slot, double now)
{
	slot->pid = 0;
	slot->backoff = slot->backoff == 0 ? 1
	    : slot->backoff * 2 > FCGI_BACKOFF_MAX_SECONDS ? FCGI_BACKOFF_MAX_SECONDS
	    : slot->backoff * 2;
	slot->due = now + slot->backoff;
}

int fcgi_slot_exited(struct fcgi_slot *slots, int count, pid_t pid, double now)
{
	for (int i = 0; i < count; i++) {
		if (pid <= 0 || slots[i].pid != pid)
			continue;
		if (now - slots[i].started >= FCGI_HEALTHY_SECONDS) {
			slots[i].pid = 0;
			slots[i].backoff = 0;
			slots[i].due = now;
		} else {
			fcgi_slot_failed(&slots[i], now);
		}
		return i;
	}
	return -1;
}

int fcgi_slot_next(const struct fcgi_slot *slots, int count, double now, int *wait_ms)
{
	double earliest = -1;
	for (int i = 0; i < count; i++) {
		if (slots[i].pid != 0)
			continue;
		if (slots[i].due <= now)
			return i;
		if (earliest < 0 || slots[i].due < earliest)
			earliest = slots[i].due;
	}
	/* rounded up, so that the wait never ends just before the slot is due */
	*wait_ms = earliest < 0 ? -1 : (int)((earliest - now) * 1000.0 + 0.999);
	return -1;
}

static void fcgi_master_signal(int signal_number)
{
	(void)signal_number;
	fcgi_stopping = 1;
}

/* SIGCHLD only ends the master's wait; the reaping is done in its loop. */
static void fcgi_child_signal(int signal_number)
{
	(void)signal_number;
}

/* Sends SIGTERM to every worker, waits up to five seconds, then kills. The
 * signal is sent again on every round: a worker takes it only while it waits
 * for a connection, and a pending one is not queued twice. */
static void fcgi_stop_workers(struct fcgi_slot *slots, int count)
{
	for (int waited = 0; waited < 50; waited++) {
		int alive = 0;
		for (int i = 0; i < count; i++) {
			if (slots[i].pid > 0 && waitpid(slots[i].pid, NULL, WNOHANG) == slots[i].pid)
				slots[i].pid = 0;
			if (slots[i].pid > 0) {
				kill(slots[i].pid, SIGTERM);
				alive++;
			}
		}
		if (alive == 0)
			return;
		usleep(100 * 1000);
	}
	for (int i = 0; i < count; i++)
		if (slots[i].pid > 0) {
			log_error("worker %d did not stop within 5 s; killing it", (int)slots[i].pid);
			kill(slots[i].pid, SIGKILL);
			waitpid(slots[i].pid, NULL, 0);
			slots[i].pid = 0;
		}
}

/* Keeps count workers alive until SIGTERM: reaps every dead worker, fills
 * empty slots when due (fcgi_slot_next), and otherwise sleeps until a signal
 * or the next due slot, so that failing forks cannot make it spin. */
static void fcgi_supervise(struct fcgi_slot *slots, int count)
{
	pid_t master = getpid();
	sigset_t blocked, waiting;
	sigemptyset(&blocked);
	sigaddset(&blocked, SIGCHLD);
	sigaddset(&blocked, SIGTERM);
	sigaddset(&blocked, SIGINT);
	sigprocmask(SIG_BLOCK, &blocked, &waiting);
	sigdelset(&waiting, SIGCHLD);
	sigdelset(&waiting, SIGTERM);
	sigdelset(&waiting, SIGINT);
	struct sigaction child = { .sa_handler = fcgi_child_signal, .sa_flags = SA_NOCLDSTOP };
	sigemptyset(&child.sa_mask);
	sigaction(SIGCHLD, &child, NULL);
	while (!fcgi_stopping) {
		double now = fcgi_now_ms() / 1000.0;
		int wstatus;
		pid_t dead;
		while ((dead = waitpid(-1, &wstatus, WNOHANG)) > 0) {
			int slot = fcgi_slot_exited(slots, count, dead, now);
			if (slot >= 0)
				log_error("worker %d exited (status %d); slot %d is refilled in %.0f s",
				    (int)dead, wstatus, slot, slots[slot].due - now);
		}
		int wait_ms, slot;
		while (!fcgi_stopping && (slot = fcgi_slot_next(slots, count, now, &wait_ms)) >= 0) {
			pid_t pid = fork();
			if (pid == 0)
				fcgi_worker(master);
			if (pid > 0) {
				fcgi_slot_started(&slots[slot], pid, now);
			} else {
				fcgi_slot_failed(&slots[slot], now);
				log_error("fork failed: %s; trying again in %d s", strerror(errno),
				    slots[slot].backoff);
			}
		}
		if (fcgi_stopping)
			break;
		struct timespec timeout = { .tv_sec = wait_ms / 1000, .tv_nsec = (wait_ms % 1000) * 1000000L };
		ppoll(NULL, 0, wait_ms < 0 ? NULL : &timeout, &waiting);
	}
}

/* Listens on socket_dir/NAME.sock. The backlog (listen_backlog) is kept
 * small on purpose: when every worker is busy and it is full, nginx's
 * connect fails at once and it answers 503 with Retry-After (conf/nginx.conf.in)
 * rather than queueing requests behind a saturated program (issue 14). A
 * program may name its own key (events: a stream costs its request thread
 * about a millisecond, while a 503 stops a browser's EventSource for good). */
static int fcgi_open_socket(const struct program *program)
{
	char path[512];
	int length = snprintf(path, sizeof(path), "%s/%s.sock",
	    config_str("socket_dir"), program->name);
	if (length < 0 || (size_t)length >= 108) {
		fprintf(stderr, "%s: socket path too long\n", program->name);
		return -1;
	}
	unlink(path);
	int fd = FCGX_OpenSocket(path, (int)config_num(program->backlog_key != NULL
	    ? program->backlog_key : "listen_backlog"));
	if (fd < 0)
		fprintf(stderr, "%s: cannot listen on %s\n", program->name, path);
	return fd;
}

/* True when the program has a cached route (route.h): its master readies
 * the cache folder before the workers start. */
static bool fcgi_has_cached_routes(const struct program *program)
{
	for (size_t i = 0; i < program->route_count; i++)
		if (program->routes[i].cached)
			return true;
	return false;
}

int fcgi_main(int argc, char **argv, const struct program *program)
{
	fcgi_program = program;
	if (argc == 2 && strcmp(argv[1], "-routes") == 0) {
		route_print(stdout, program->routes, program->route_count);
		return fflush(stdout) == 0 ? 0 : 1;
	}
	/* -check: read CONFIG as -c would, then exit (sangdamctl start asks
	 * before it stops anything); its messages are on standard error */
	if (argc == 3 && strcmp(argv[1], "-check") == 0)
		return fcgi_program_init(argv[2]) == 0 ? 0 : 1;
	if (argc != 3 || strcmp(argv[1], "-c") != 0) {
		fprintf(stderr, "usage: %s -c CONFIG | -check CONFIG | -routes\n", argv[0]);
		return 2;
	}
	if (fcgi_program_init(argv[2]) != 0 || FCGX_Init() != 0)
		return 1;
	/* a cache that cannot be readied is logged; answers then carry their bytes */
	if (fcgi_has_cached_routes(program))
		cache_prepare();
	fcgi_listen_fd = fcgi_open_socket(program);
	if (fcgi_listen_fd < 0)
		return 1;
	struct sigaction action = { .sa_handler = fcgi_master_signal }; /* no SA_RESTART */
	sigemptyset(&action.sa_mask);
	sigaction(SIGTERM, &action, NULL);
	sigaction(SIGINT, &action, NULL);
	int count = (int)config_num(program->workers_key != NULL ? program->workers_key : "workers");
	struct fcgi_slot slots[FCGI_MAX_WORKERS] = { { 0 } };
	log_info("%s: listening with %d workers", program->name, count);
	fcgi_supervise(slots, count);
	fcgi_stop_workers(slots, count);
	log_info("%s: stopped", program->name);
	return 0;
}
