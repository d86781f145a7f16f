/* fcgi_main: the master's slot bookkeeping (back-off after failed forks,
 * no busy wait, refilling) and a real worker's handling of SIGTERM: a request
 * accepted before the signal is finished, an idle worker stops at once. */
#include "config.h"
#include "fcgi_main.h"
#include "http.h"
#include "route.h"

#include <errno.h>
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
#include <time.h>
#include <unistd.h>

#include <cmocka.h>

/* ---- supervision ------------------------------------------------------------ */

/* Runs the master's loop for `seconds` of simulated time with every fork
 * failing; returns the forks tried and checks that every wait is positive. */
static int simulate_failing_forks(struct fcgi_slot *slots, int count, double seconds)
{
	double now = 0;
	int forks = 0, rounds = 0;
	while (now < seconds) {
		assert_true(++rounds < 10000);
		int wait_ms, slot;
		while ((slot = fcgi_slot_next(slots, count, now, &wait_ms)) >= 0) {
			forks++;
			fcgi_slot_failed(&slots[slot], now);
			assert_true(slots[slot].due > now);
		}
		/* nothing is due: the master must sleep, not spin */
		assert_true(wait_ms > 0);
		now += wait_ms / 1000.0;
	}
	return forks;
}

static void test_failing_forks_back_off(void **state)
{
	(void)state;
	struct fcgi_slot slots[2] = { { 0 } };
	/* tries at 0, 1, 3, 7, 15, 31, 61, 91, 121: 9 per slot in 130 s */
	int forks = simulate_failing_forks(slots, 2, 130);
	assert_int_equal(forks, 2 * 9);
	assert_int_equal(slots[0].backoff, FCGI_BACKOFF_MAX_SECONDS);
	assert_int_equal(slots[1].pid, 0);
}

static void test_wait_grows_then_stays(void **state)
{
	(void)state;
	struct fcgi_slot slot = { 0 };
	int expected[] = { 1000, 2000, 4000, 8000, 16000, 30000, 30000 };
	double now = 0;
	int wait_ms;
	for (size_t i = 0; i < sizeof(expected) / sizeof(expected[0]); i++) {
		assert_int_equal(fcgi_slot_next(&slot, 1, now, &wait_ms), 0);
		fcgi_slot_failed(&slot, now);
		assert_int_equal(fcgi_slot_next(&slot, 1, now, &wait_ms), -1);
		assert_int_equal(wait_ms, expected[i]);
		/* just before it is due, still nothing to do */
		assert_int_equal(fcgi_slot_next(&slot, 1, now + wait_ms / 1000.0 - 0.01, &wait_ms), -1);
		assert_true(wait_ms > 0 && wait_ms <= 10);
		now += expected[i] / 1000.0;
	}
}

static void test_failed_slot_is_refilled(void **state)
{
	(void)state;
	struct fcgi_slot slots[3] = { { 0 } };
	int wait_ms;
	for (int i = 0; i < 3; i++) {
		assert_int_equal(fcgi_slot_next(slots, 3, 0, &wait_ms), i);
		if (i == 1)
			fcgi_slot_failed(&slots[i], 0);
		else
			fcgi_slot_started(&slots[i], 100 + i, 0);
	}
	assert_int_equal(fcgi_slot_next(slots, 3, 0.5, &wait_ms), -1);
	assert_int_equal(wait_ms, 500);
	/* once due, the slot whose fork failed is filled */
	assert_int_equal(fcgi_slot_next(slots, 3, 1.0, &wait_ms), 1);
	fcgi_slot_started(&slots[1], 201, 1.0);
	assert_int_equal(fcgi_slot_next(slots, 3, 1.0, &wait_ms), -1);
	assert_int_equal(wait_ms, -1); /* all full: wait for a signal alone */
}

static void test_exits_young_and_old(void **state)
{
	(void)state;
	struct fcgi_slot slots[2] = { { 0 } };
	int wait_ms;
	fcgi_slot_started(&slots[0], 100, 0);
	fcgi_slot_started(&slots[1], 101, 0);
	assert_int_equal(fcgi_slot_exited(slots, 2, 999, 1), -1);
	/* died young: waits 1 s, then 2 s when it dies young again */
	assert_int_equal(fcgi_slot_exited(slots, 2, 101, 0.5), 1);
	assert_int_equal(fcgi_slot_next(slots, 2, 0.5, &wait_ms), -1);
	assert_int_equal(wait_ms, 1000);
	assert_int_equal(fcgi_slot_next(slots, 2, 1.5, &wait_ms), 1);
	fcgi_slot_started(&slots[1], 102, 1.5);
	assert_int_equal(fcgi_slot_exited(slots, 2, 102, 2), 1);
	assert_int_equal(fcgi_slot_next(slots, 2, 2, &wait_ms), -1);
	assert_int_equal(wait_ms, 2000);
	/* ran long: replaced at once, and the back-off starts over */
	assert_int_equal(fcgi_slot_exited(slots, 2, 100, FCGI_HEALTHY_SECONDS + 1), 0);
	assert_int_equal(fcgi_slot_next(slots, 2, FCGI_HEALTHY_SECONDS + 1, &wait_ms), 0);
	assert_int_equal(slots[0].backoff, 0);
}

/* ---- a real worker and SIGTERM ---------------------------------------------- */

static int slow_handler(struct request *req)
{
	usleep(200 * 1000);
	return http_text(req, 200, "done");
}

static const struct route test_routes[] = {
	{ ROUTE_GET, "/slow", ROUTE_PUBLIC, slow_handler },
};

static char socket_path[108];

/* A worker process on a fresh socket; returns its pid. */
static pid_t start_worker(int threads)
{
	static struct program program = {
		.name = "test", .routes = test_routes, .route_count = 1,
	};
	/* Threads come from a config key, as events' do. */
	char count[16];
	snprintf(count, sizeof(count), "%d", threads);
	config_set("events_threads", count);
	program.threads_key = threads > 0 ? "events_threads" : NULL;
	snprintf(socket_path, sizeof(socket_path), "/tmp/sangdam-fcgi-test-%d.sock", (int)getpid());
	unlink(socket_path);
	assert_int_equal(FCGX_Init(), 0);
	int fd = FCGX_OpenSocket(socket_path, 16);
	assert_true(fd >= 0);
	pid_t pid = fork();
	assert_true(pid >= 0);
	if (pid == 0)
		_exit(fcgi_worker_run(&program, fd));
	close(fd);
	return pid;
}

/* The worker's exit status, or -1 when it did not exit within ms. */
static int wait_exit(pid_t pid, int ms)
{
	for (int waited = 0; waited <= ms; waited += 10) {
		int status;
		if (waitpid(pid, &status, WNOHANG) == pid)
			return WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
		usleep(10 * 1000);
	}
	kill(pid, SIGKILL);
	waitpid(pid, NULL, 0);
	return -1;
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

static void send_all(int fd, const char *data, size_t length)
{
	assert_int_equal(write(fd, data, length), (ssize_t)length);
}

static void test_sigterm_after_accept_finishes_request(void **state)
{
	(void)state;
	pid_t worker = start_worker(0);
	int fd = socket(AF_UNIX, SOCK_STREAM, 0);
	struct sockaddr_un address = { .sun_family = AF_UNIX };
	strcpy(address.sun_path, socket_path);
	for (int i = 0; i < 100 && connect(fd, (struct sockaddr *)&address, sizeof(address)) != 0; i++)
		usleep(10 * 1000);
	/* The request's first record only: the worker accepts the connection
	 * and reads on, waiting for the rest, when SIGTERM comes. */
	char buffer[1024];
	size_t length = 0;
	static const unsigned char begin[8] = { 0, 1, 0, 0, 0, 0, 0, 0 }; /* responder, close */
	record(buffer, &length, 1, begin, sizeof(begin));
	send_all(fd, buffer, length);
	usleep(200 * 1000);
	assert_int_equal(kill(worker, SIGTERM), 0);
	usleep(100 * 1000);
	char params[512];
	size_t params_length = 0;
	param(params, &params_length, "REQUEST_METHOD", "GET");
	param(params, &params_length, "DOCUMENT_URI", "/slow");
	param(params, &params_length, "REQUEST_URI", "/slow");
	param(params, &params_length, "QUERY_STRING", "");
	param(params, &params_length, "REMOTE_ADDR", "127.0.0.1");
	length = 0;
	record(buffer, &length, 4, params, params_length);
	record(buffer, &length, 4, "", 0);
	record(buffer, &length, 5, "", 0);
	send_all(fd, buffer, length);

	char response[8192];
	size_t got = 0;
	struct pollfd readable = { .fd = fd, .events = POLLIN };
	while (got < sizeof(response) && poll(&readable, 1, 5000) > 0) {
		ssize_t n = read(fd, response + got, sizeof(response) - got);
		if (n <= 0)
			break;
		got += (size_t)n;
	}
	close(fd);
	assert_non_null(memmem(response, got, "done", 4));
	assert_non_null(memmem(response, got, "Status: 200", 11));
	/* and then it stops by itself */
	assert_int_equal(wait_exit(worker, 2000), 0);
	unlink(socket_path);
}

static void idle_worker_stops(int threads)
{
	pid_t worker = start_worker(threads);
	usleep(200 * 1000);
	assert_int_equal(kill(worker, SIGTERM), 0);
	assert_int_equal(wait_exit(worker, 1000), 0);
	unlink(socket_path);
}

static void test_idle_worker_stops_at_once(void **state)
{
	(void)state;
	idle_worker_stops(0);
}

static void test_idle_threaded_worker_stops_at_once(void **state)
{
	(void)state;
	idle_worker_stops(8);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_failing_forks_back_off),
		cmocka_unit_test(test_wait_grows_then_stays),
		cmocka_unit_test(test_failed_slot_is_refilled),
		cmocka_unit_test(test_exits_young_and_old),
		cmocka_unit_test(test_sigterm_after_accept_finishes_request),
		cmocka_unit_test(test_idle_worker_stops_at_once),
		cmocka_unit_test(test_idle_threaded_worker_stops_at_once),
	};
	return cmocka_run_group_tests_name("fcgi_main", tests, NULL, NULL);
}
