/* Unit tests of route_match: patterns with * segments against hostile paths,
 * on a request built by hand (no FastCGI). */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <string.h>

#include "arena.h"
#include "http.h"
#include "route.h"

static int setup(void **state)
{
	*state = arena_new();
	return *state == NULL ? -1 : 0;
}

static int teardown(void **state)
{
	arena_free(*state);
	return 0;
}

static int match(struct arena *arena, struct request *req, const char *pattern,
    const char *path)
{
	memset(req, 0, sizeof(*req));
	req->arena = arena;
	req->path = path;
	return route_match(req, pattern);
}

struct row {
	const char *pattern, *path;
	int matches;
};

static void check_rows(struct arena *arena, const struct row *rows, size_t count)
{
	for (size_t i = 0; i < count; i++) {
		struct request req;
		int got = match(arena, &req, rows[i].pattern, rows[i].path);
		if (got != rows[i].matches)
			fail_msg("pattern \"%s\" path \"%s\": got %d, want %d", rows[i].pattern,
			    rows[i].path, got, rows[i].matches);
	}
}

#define CHECK_ROWS(arena, rows) check_rows(arena, rows, sizeof(rows) / sizeof(rows[0]))

static void test_exact_paths(void **state)
{
	static const struct row rows[] = {
		{ "/healthz", "/healthz", 1 },
		{ "/healthz", "/healthz/", 0 },
		{ "/healthz", "/healthz2", 0 },
		{ "/healthz", "/health", 0 },
		{ "/healthz", "/Healthz", 0 },
		{ "/healthz", "//healthz", 0 },
		{ "/healthz", "/healthz?x=1", 0 },
		{ "/healthz", "", 0 },
		{ "/", "/", 1 },
		{ "/", "", 0 },
		{ "/", "//", 0 },
		{ "/login", "/", 0 },
	};
	CHECK_ROWS(*state, rows);
	struct request req;
	assert_int_equal(match(*state, &req, "/healthz", "/healthz"), 1);
	assert_int_equal(req.param_count, 0);
}

static void test_one_parameter(void **state)
{
	struct request req;
	assert_int_equal(match(*state, &req, "/a/*/profile", "/a/abc123/profile"), 1);
	assert_int_equal(req.param_count, 1);
	assert_string_equal(req.params[0], "abc123");
	static const struct row rows[] = {
		{ "/a/*/profile", "/a/x/profile", 1 },
		{ "/a/*/profile", "/a/x/profiles", 0 },
		{ "/a/*/profile", "/a/x/profil", 0 },
		{ "/a/*/profile", "/a/x/y/profile", 0 },
		{ "/a/*/profile", "/a/profile", 0 },
		{ "/a/*/profile", "/b/x/profile", 0 },
		{ "/a/*/profile", "a/x/profile", 0 },
	};
	CHECK_ROWS(*state, rows);
}

static void test_empty_segment(void **state)
{
	static const struct row rows[] = {
		{ "/a/*/profile", "/a//profile", 0 },
		{ "/a/*", "/a/", 0 },
		{ "/a/*", "/a", 0 },
		{ "/a/*/qr/*", "/a/x/qr/", 0 },
		{ "/a/*/qr/*", "/a//qr/y", 0 },
		{ "/*", "/", 0 },
	};
	CHECK_ROWS(*state, rows);
}

static void test_two_parameters(void **state)
{
	struct request req;
	assert_int_equal(match(*state, &req, "/a/*/qr/*", "/a/shop1/qr/42"), 1);
	assert_int_equal(req.param_count, 2);
	assert_string_equal(req.params[0], "shop1");
	assert_string_equal(req.params[1], "42");
	static const struct row rows[] = {
		{ "/a/*/qr/*", "/a/shop1/qr/42/", 0 },
		{ "/a/*/qr/*", "/a/shop1/qr/42/x", 0 },
		{ "/a/*/qr/*", "/a/shop1/qr", 0 },
		{ "/a/*/qr/*", "/a/shop1/QR/42", 0 },
	};
	CHECK_ROWS(*state, rows);
}

static void test_trailing_slash(void **state)
{
	static const struct row rows[] = {
		{ "/a/*/profile", "/a/x/profile/", 0 },
		{ "/a/*/", "/a/x/", 1 },
		{ "/a/*/", "/a/x", 0 },
		{ "/a/*", "/a/x/", 0 },
		{ "/faq/", "/faq", 0 },
		{ "/faq", "/faq/", 0 },
	};
	CHECK_ROWS(*state, rows);
}

static void test_star_at_end(void **state)
{
	struct request req;
	assert_int_equal(match(*state, &req, "/t/*", "/t/abc"), 1);
	assert_string_equal(req.params[0], "abc");
	assert_int_equal(match(*state, &req, "/t/*", "/t/abc/def"), 0);
	/* A star matches a whole segment, with any bytes but a slash. */
	assert_int_equal(match(*state, &req, "/t/*", "/t/%2F..%00"), 1);
	assert_string_equal(req.params[0], "%2F..%00");
	assert_int_equal(match(*state, &req, "/t/*", "/t/\xed\x95\x9c\xea\xb8\x80"), 1);
	assert_string_equal(req.params[0], "\xed\x95\x9c\xea\xb8\x80");
	assert_int_equal(match(*state, &req, "/t/*", "/t/.."), 1);
	assert_string_equal(req.params[0], "..");
}

static void test_four_parameters(void **state)
{
	struct request req;
	assert_int_equal(match(*state, &req, "/*/*/*/*", "/a/b/c/d"), 1);
	assert_int_equal(req.param_count, 4);
	assert_string_equal(req.params[0], "a");
	assert_string_equal(req.params[1], "b");
	assert_string_equal(req.params[2], "c");
	assert_string_equal(req.params[3], "d");
}

static void test_more_than_four_stars(void **state)
{
	static const struct row rows[] = {
		{ "/*/*/*/*/*", "/a/b/c/d/e", 0 },
		{ "/x/*/*/*/*/*/y", "/x/1/2/3/4/5/y", 0 },
		{ "/*/*/*/*/*/*/*/*", "/a/b/c/d/e/f/g/h", 0 },
	};
	CHECK_ROWS(*state, rows);
	/* A refused match leaves the count untouched: no param past params[3]. */
	struct request req;
	assert_int_equal(match(*state, &req, "/*/*/*/*/*", "/a/b/c/d/e"), 0);
	assert_int_equal(req.param_count, 0);
}

static void test_stars_side_by_side(void **state)
{
	/* Two stars in one segment: the first takes the whole segment. */
	static const struct row rows[] = {
		{ "/a/**", "/a/xy", 0 },
		{ "/a/*x", "/a/yx", 0 },
		{ "/a/x*", "/a/xy", 1 },
	};
	CHECK_ROWS(*state, rows);
	struct request req;
	assert_int_equal(match(*state, &req, "/a/x*", "/a/xy"), 1);
	assert_string_equal(req.params[0], "y");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_exact_paths, setup, teardown),
		cmocka_unit_test_setup_teardown(test_one_parameter, setup, teardown),
		cmocka_unit_test_setup_teardown(test_empty_segment, setup, teardown),
		cmocka_unit_test_setup_teardown(test_two_parameters, setup, teardown),
		cmocka_unit_test_setup_teardown(test_trailing_slash, setup, teardown),
		cmocka_unit_test_setup_teardown(test_star_at_end, setup, teardown),
		cmocka_unit_test_setup_teardown(test_four_parameters, setup, teardown),
		cmocka_unit_test_setup_teardown(test_more_than_four_stars, setup, teardown),
		cmocka_unit_test_setup_teardown(test_stars_side_by_side, setup, teardown),
	};
	return cmocka_run_group_tests_name("route", tests, NULL, NULL);
}
