/* fcgi_main against a real PostgreSQL (SANGDAM_TEST_DATABASE): a worker's
 * request thread has no database connection before its first request,
 * closes it after db_idle_seconds without one, and connects again for the
 * next one (issue 8: an idle program holds no backend). With one thread and
 * with several. tests/http/test_lifecycle.py runs it against the stack's
 * database. */
#include "arena.h"
#include "config.h"
#include "db.h"
#include "fcgi_main.h"
#include "http.h"
#include "route.h"

#include <fcgiapp.h>
#include <poll.h>
#include <setjmp.h>
#include <signal.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/un.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cmocka.h>

static const struct db_statement select_one = { "test_select_one", "SELECT 1" };
static const struct db_statement connections = { "test_connections",
	"SELECT count(*) FROM pg_stat_activity WHERE application_name = $1" };

static int query_handler(struct request *req)
{
	if (db_run(req->arena, NULL, &select_one, 0, NULL) != 1)
		return -1;
	return http_text(req, 200, "queried");
}

static const struct route routes[] = {
	{ ROUTE_GET, "/query", ROUTE_PUBLIC, query_handler },
};

static char socket_path[108];
static char application[64];

/* A worker with threads request threads (0: the process's own) on a fresh
 * socket, its connections named application; returns its pid. Forked before
 * this process connects, so that it inherits no connection. */
static pid_t start_worker(int threads)
{
	static struct program program = { .name = "test", .routes = routes, .route_count = 1 };
	const char *database = getenv("SANGDAM_TEST_DATABASE");
	assert_non_null(database);
	snprintf(application, sizeof(application), "sangdam_idle_test_%d_%d", (int)getpid(), threads);
	char conninfo[1024];
	snprintf(conninfo, sizeof(conninfo), "%s application_name=%s", database, application);
	config_set("database", conninfo);
	config_set("db_idle_seconds", "1");
	char count[16];
	snprintf(count, sizeof(count), "%d", threads);
	config_set("events_threads", count);
	program.threads_key = threads > 0 ? "events_threads" : NULL;
	snprintf(socket_path, sizeof(socket_path), "/tmp/sangdam-idle-test-%d.sock", (int)getpid());
	unlink(socket_path);
	assert_int_equal(FCGX_Init(), 0);
	int fd = FCGX_OpenSocket(socket_path, 16);
	assert_true(fd >= 0);
	pid_t pid = fork();
	assert_true(pid >= 0);
	if (pid == 0)
		_exit(fcgi_worker_run(&program, fd));
	close(fd);
	/* this process watches with a connection of its own */
	config_set("database", database);
	assert_int_equal(db_connect(), 0);
	return pid;
}

static void record(char *buffer, size_t *length, int type, const void *content, size_t size)
{
	unsigned char header[8] = { 1, (unsigned char)type, 0, 1, (unsigned char)(size >> 8),
		(unsigned char)size, 0, 0 };
	memcpy(buffer + *length, header, 8);
	memcpy(buffer + *length + 8, content, size);
	*length += 8 + size;
}

static void param(char *buffer, size_t *length, const char *name, const char *value)
{
	buffer[(*length)++] = (char)strlen(name);
	buffer[(*length)++] = (char)strlen(value);
	memcpy(buffer + *length, name, strlen(name));
	*length += strlen(name);
	memcpy(buffer + *length, value, strlen(value));
	*length += strlen(value);
}

/* Sends GET /query to the worker and checks that it answered from the database. */
static void query(void)
{
	int fd = socket(AF_UNIX, SOCK_STREAM, 0);
	struct sockaddr_un address = { .sun_family = AF_UNIX };
	strcpy(address.sun_path, socket_path);
	for (int i = 0; i < 100 && connect(fd, (struct sockaddr *)&address, sizeof(address)) != 0; i++)
		usleep(10 * 1000);
	char buffer[1024], params[512];
	size_t length = 0, params_length = 0;
	static const unsigned char begin[8] = { 0, 1, 0, 0, 0, 0, 0, 0 };
	record(buffer, &length, 1, begin, sizeof(begin));
	param(params, &params_length, "REQUEST_METHOD", "GET");
	param(params, &params_length, "DOCUMENT_URI", "/query");
	param(params, &params_length, "REQUEST_URI", "/query");
	param(params, &params_length, "QUERY_STRING", "");
	param(params, &params_length, "REMOTE_ADDR", "127.0.0.1");
	record(buffer, &length, 4, params, params_length);
	record(buffer, &length, 4, "", 0);
	record(buffer, &length, 5, "", 0);
	assert_int_equal(write(fd, buffer, length), (ssize_t)length);
	char response[8192];
	size_t got = 0;
	struct pollfd readable = { .fd = fd, .events = POLLIN };
	while (got < sizeof(response) && poll(&readable, 1, 10000) > 0) {
		ssize_t n = read(fd, response + got, sizeof(response) - got);
		if (n <= 0)
			break;
		got += (size_t)n;
	}
	close(fd);
	assert_non_null(memmem(response, got, "Status: 200", 11));
	assert_non_null(memmem(response, got, "queried", 7));
}

/* The worker's connections now. */
static long long worker_connections(struct arena *arena)
{
	struct db_rows rows;
	const char *params[] = { application };
	assert_int_equal(db_run(arena, &rows, &connections, 1, params), 1);
	return db_int(&rows, 0, 0);
}

/* Waits up to 10 s for the worker to hold want connections; their number. */
static long long wait_connections(struct arena *arena, long long want)
{
	long long count = -1;
	for (int i = 0; i < 100 && (count = worker_connections(arena)) != want; i++)
		usleep(100 * 1000);
	return count;
}

static void connects_when_asked_and_lets_go_when_idle(int threads)
{
	pid_t worker = start_worker(threads);
	struct arena *arena = arena_new();
	usleep(300 * 1000);
	assert_int_equal(worker_connections(arena), 0); /* none at fork */
	query();
	assert_int_equal(worker_connections(arena), 1);
	assert_int_equal(wait_connections(arena, 0), 0); /* closed after 1 s idle */
	query();                                        /* and made again */
	assert_int_equal(worker_connections(arena), 1);
	assert_int_equal(wait_connections(arena, 0), 0);
	assert_int_equal(kill(worker, SIGTERM), 0);
	int status;
	assert_int_equal(waitpid(worker, &status, 0), worker);
	assert_true(WIFEXITED(status) && WEXITSTATUS(status) == 0);
	unlink(socket_path);
	db_disconnect();
	arena_free(arena);
}

static void test_one_thread(void **state)
{
	(void)state;
	connects_when_asked_and_lets_go_when_idle(0);
}

static void test_several_threads(void **state)
{
	(void)state;
	connects_when_asked_and_lets_go_when_idle(3);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_one_thread),
		cmocka_unit_test(test_several_threads),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
