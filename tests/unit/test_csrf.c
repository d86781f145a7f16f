/* Unit tests of csrf: tokens are an HMAC of the visitor's cookie or of the
 * session under the server's secret; any other cookie, session, secret or
 * token is refused, and neither kind stands in for the other. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <sodium.h>
#include <stdio.h>
#include <string.h>

#include "csrf.h"

#define SECRET "unit-test secret: not for production"
#define COOKIE "Zm9vYmFyYmF6cXV4cXV1eGNvcmdlZ3JhdWx0Z2FycGx5"
#define OTHER_COOKIE "b3RoZXIgdmlzaXRvcnMgY29va2llIHZhbHVlIGhlcmU"
#define SESSION "3f2a9c41d0e87b56a1c4f9e2d3b7a8c6e5f4a3b2c1d0e9f8a7b6c5d4e3f2a1b0"
#define OTHER_SESSION "0b1a2f3e4d5c6b7a8f9e0d1c2b3a4f5e6d7c8b9a0f1e2d3c4b5a6f7e8d9c0b1a"

static int setup(void **state)
{
	if (sodium_init() < 0)
		return -1;
	csrf_init(SECRET);
	(void)state;
	return 0;
}

static void token_of(const char *cookie, char token[CSRF_TOKEN_LENGTH + 1])
{
	memset(token, 0, CSRF_TOKEN_LENGTH + 1);
	csrf_compute(cookie, token, CSRF_TOKEN_LENGTH + 1);
}

static void test_round_trip(void **state)
{
	char token[CSRF_TOKEN_LENGTH + 1];
	token_of(COOKIE, token);
	assert_int_equal(strlen(token), CSRF_TOKEN_LENGTH);
	assert_int_equal(strspn(token, "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz"
				       "0123456789-_"),
	    CSRF_TOKEN_LENGTH);
	assert_true(csrf_matches(COOKIE, token));
	(void)state;
}

static void test_deterministic(void **state)
{
	char first[CSRF_TOKEN_LENGTH + 1], second[CSRF_TOKEN_LENGTH + 1];
	token_of(COOKIE, first);
	token_of(COOKIE, second);
	assert_string_equal(first, second);
	token_of(OTHER_COOKIE, second);
	assert_string_not_equal(first, second);
	(void)state;
}

static void test_other_cookie_refused(void **state)
{
	char token[CSRF_TOKEN_LENGTH + 1];
	token_of(OTHER_COOKIE, token);
	assert_true(csrf_matches(OTHER_COOKIE, token));
	assert_false(csrf_matches(COOKIE, token));
	/* A cookie that differs in its last character only. */
	char near[] = COOKIE;
	near[sizeof(near) - 2] ^= 1;
	assert_false(csrf_matches(near, token));
	token_of(COOKIE, token);
	assert_false(csrf_matches(near, token));
	/* The cookie is hashed whole: a longer cookie with the same start differs. */
	assert_false(csrf_matches(COOKIE "x", token));
	(void)state;
}

static void test_other_secret_refused(void **state)
{
	char token[CSRF_TOKEN_LENGTH + 1];
	token_of(COOKIE, token);
	csrf_init("another secret");
	assert_false(csrf_matches(COOKIE, token));
	char other[CSRF_TOKEN_LENGTH + 1];
	token_of(COOKIE, other);
	assert_string_not_equal(token, other);
	assert_true(csrf_matches(COOKIE, other));
	/* An empty secret is a different secret too. */
	csrf_init("");
	assert_false(csrf_matches(COOKIE, token));
	assert_false(csrf_matches(COOKIE, other));
	csrf_init(SECRET);
	assert_true(csrf_matches(COOKIE, token));
	assert_false(csrf_matches(COOKIE, other));
	(void)state;
}

static void test_short_cookie_refused(void **state)
{
	/* Cookies shorter than 20 characters are not ours, even with their own token. */
	static const char *const cookies[] = { "", "a", "short", "0123456789012345678" };
	for (size_t i = 0; i < sizeof(cookies) / sizeof(cookies[0]); i++) {
		char token[CSRF_TOKEN_LENGTH + 1];
		token_of(cookies[i], token);
		assert_false(csrf_matches(cookies[i], token));
	}
	char token[CSRF_TOKEN_LENGTH + 1];
	token_of("01234567890123456789", token);
	assert_true(csrf_matches("01234567890123456789", token));
	(void)state;
}

static void test_null_refused(void **state)
{
	char token[CSRF_TOKEN_LENGTH + 1];
	token_of(COOKIE, token);
	assert_false(csrf_matches(NULL, token));
	assert_false(csrf_matches(COOKIE, NULL));
	assert_false(csrf_matches(NULL, NULL));
	(void)state;
}

static void test_wrong_length_refused(void **state)
{
	char token[CSRF_TOKEN_LENGTH + 1];
	token_of(COOKIE, token);
	assert_false(csrf_matches(COOKIE, ""));
	char copy[CSRF_TOKEN_LENGTH + 8];
	/* One character short. */
	memcpy(copy, token, CSRF_TOKEN_LENGTH - 1);
	copy[CSRF_TOKEN_LENGTH - 1] = '\0';
	assert_false(csrf_matches(COOKIE, copy));
	/* One character more, and padding as standard base64 would add. */
	memcpy(copy, token, CSRF_TOKEN_LENGTH);
	memcpy(copy + CSRF_TOKEN_LENGTH, "A", 2);
	assert_false(csrf_matches(COOKIE, copy));
	memcpy(copy + CSRF_TOKEN_LENGTH, "=", 2);
	assert_false(csrf_matches(COOKIE, copy));
	(void)state;
}

static void test_one_character_changed(void **state)
{
	char token[CSRF_TOKEN_LENGTH + 1];
	token_of(COOKIE, token);
	for (size_t i = 0; i < CSRF_TOKEN_LENGTH; i++) {
		char changed[CSRF_TOKEN_LENGTH + 1];
		memcpy(changed, token, sizeof(changed));
		changed[i] = changed[i] == 'A' ? 'B' : 'A';
		if (csrf_matches(COOKIE, changed))
			fail_msg("token with position %zu changed accepted", i);
	}
	/* The standard alphabet's + and / are not the URL-safe - and _: find a
	 * cookie whose token has one of them and translate it. */
	bool translated = false;
	for (int n = 0; n < 100 && !translated; n++) {
		char cookie[64];
		snprintf(cookie, sizeof(cookie), "%s%d", COOKIE, n);
		char standard[CSRF_TOKEN_LENGTH + 1];
		token_of(cookie, standard);
		for (size_t i = 0; i < CSRF_TOKEN_LENGTH; i++) {
			if (standard[i] == '-' || standard[i] == '_') {
				standard[i] = standard[i] == '-' ? '+' : '/';
				translated = true;
			}
		}
		if (translated)
			assert_false(csrf_matches(cookie, standard));
	}
	assert_true(translated);
	(void)state;
}

static void test_session_round_trip(void **state)
{
	char token[CSRF_TOKEN_LENGTH + 1] = { 0 };
	csrf_compute_session(SESSION, token, sizeof(token));
	assert_int_equal(strlen(token), CSRF_TOKEN_LENGTH);
	assert_true(csrf_matches_session(SESSION, token));
	assert_false(csrf_matches_session(OTHER_SESSION, token));
	assert_false(csrf_matches_session(NULL, token));
	assert_false(csrf_matches_session(SESSION, NULL));
	csrf_init("another secret");
	assert_false(csrf_matches_session(SESSION, token));
	csrf_init(SECRET);
	assert_true(csrf_matches_session(SESSION, token));
	(void)state;
}

/* A cookie set to a session's hash (or the reverse) does not give its token:
 * the two kinds are keyed apart. */
static void test_kinds_apart(void **state)
{
	char session_token[CSRF_TOKEN_LENGTH + 1] = { 0 }, cookie_token[CSRF_TOKEN_LENGTH + 1];
	csrf_compute_session(SESSION, session_token, sizeof(session_token));
	token_of(SESSION, cookie_token);
	assert_string_not_equal(session_token, cookie_token);
	assert_false(csrf_matches(SESSION, session_token));
	assert_false(csrf_matches_session(SESSION, cookie_token));
	token_of(COOKIE, cookie_token);
	assert_false(csrf_matches_session(COOKIE, cookie_token));
	(void)state;
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_round_trip),
		cmocka_unit_test(test_deterministic),
		cmocka_unit_test(test_other_cookie_refused),
		cmocka_unit_test(test_other_secret_refused),
		cmocka_unit_test(test_short_cookie_refused),
		cmocka_unit_test(test_null_refused),
		cmocka_unit_test(test_wrong_length_refused),
		cmocka_unit_test(test_one_character_changed),
		cmocka_unit_test(test_session_round_trip),
		cmocka_unit_test(test_kinds_apart),
	};
	return cmocka_run_group_tests_name("csrf", tests, setup, NULL);
}
