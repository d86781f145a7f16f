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

/* Typed segments are checked by the matcher: a handler never sees a code,
 * id, name or token of the wrong shape. */
static void test_typed_segments(void **state)
{
	static const struct row rows[] = {
		{ "/a/{code}/", "/a/abc123/", 1 },
		{ "/a/{code}/", "/a/abc12/", 0 },      /* 5 characters */
		{ "/a/{code}/", "/a/abc1234/", 0 },    /* 7 */
		{ "/a/{code}/", "/a/ABC123/", 0 },     /* upper case */
		{ "/a/{code}/", "/a/abc-23/", 0 },
		{ "/a/{code}/", "/a//", 0 },
		{ "/c/{id}", "/c/1", 1 },
		{ "/c/{id}", "/c/0", 0 },
		{ "/c/{id}", "/c/007", 0 },
		{ "/c/{id}", "/c/-1", 0 },
		{ "/c/{id}", "/c/1x", 0 },
		{ "/c/{id}", "/c/999999999999999999", 1 },   /* 18 digits */
		{ "/c/{id}", "/c/1000000000000000000", 0 },  /* 19 */
		{ "/q/{name}", "/q/50.png", 1 },
		{ "/q/{name}", "/q/.htaccess", 0 },
		{ "/q/{name}", "/q/a b", 0 },
		{ "/q/{name}", "/q/%2e%2e", 0 },
		{ "/t/{token}", "/t/abcdefghijklmnopqrst", 1 },
		{ "/t/{token}", "/t/abcdefghijklmnopqrs", 0 }, /* 19 */
		{ "/t/{token}", "/t/abcdefghijklmnopqrs=", 0 },
		{ "/a/{code}/chats/{id}/files/{id}", "/a/shop01/chats/12/files/3", 1 },
		{ "/a/{code}/chats/{id}/files/{id}", "/a/shop01/chats/12/files/x", 0 },
	};
	CHECK_ROWS(*state, rows);
	struct request req;
	assert_int_equal(match(*state, &req, "/a/{code}/chats/{id}/files/{id}",
	    "/a/shop01/chats/12/files/345"), 1);
	assert_int_equal(req.param_count, 3);
	assert_string_equal(req.params[0], "shop01");
	assert_int_equal(req.ids[0], 0);
	assert_int_equal(req.ids[1], 12);
	assert_int_equal(req.ids[2], 345);
	assert_string_equal(req.params[2], "345");
}

/* route_print writes what sangdamctl and the HTTP tests read. */
static void test_print(void **state)
{
	(void)state;
	static const struct route routes[] = {
		{ ROUTE_GET, "/a/{code}/", ROUTE_MEMBER, NULL },
		{ ROUTE_GET | ROUTE_POST, "/a/{code}/profile", ROUTE_MASTER, NULL, ROUTE_BODY_FILES, true },
		{ ROUTE_POST, "/login", ROUTE_PUBLIC, NULL, 1000 },
		{ ROUTE_GET, "/a/{code}/qr/{name}", ROUTE_PUBLIC, NULL, .cached = true },
	};
	char buffer[512] = { 0 };
	FILE *out = fmemopen(buffer, sizeof(buffer) - 1, "w");
	assert_non_null(out);
	route_print(out, routes, COUNT(routes));
	fclose(out);
	assert_string_equal(buffer,
	    "GET /a/{code}/ member 65536 - -\n"
	    "GET,POST /a/{code}/profile master 22020096 files -\n"
	    "POST /login public 1000 - -\n"
	    "GET /a/{code}/qr/{name} public 65536 - cached\n");
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
		cmocka_unit_test_setup_teardown(test_typed_segments, setup, teardown),
		cmocka_unit_test_setup_teardown(test_print, setup, teardown),
	};
	return cmocka_run_group_tests_name("route", tests, NULL, NULL);
}
