/* Unit tests of totp: RFC 6238's SHA-1 test vectors at 6 digits through
 * liboath, the one-step window, the base32 form and otpauth URI, secrets
 * sealed and opened (and a changed box refused), and recovery codes. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <string.h>

#include "arena.h"
#include "totp.h"

/* RFC 6238 appendix B's SHA-1 key: "12345678901234567890". */
static const unsigned char rfc_secret[TOTP_SECRET_BYTES] = "12345678901234567890";

static void test_rfc_vectors(void **state)
{
	(void)state;
	static const struct { long long time; const char *code; } vectors[] = {
		{ 59, "287082" }, { 1111111109, "081804" }, { 1111111111, "050471" },
		{ 1234567890, "005924" }, { 2000000000, "279037" },
	};
	for (size_t i = 0; i < sizeof(vectors) / sizeof(vectors[0]); i++) {
		long long step = -1;
		assert_true(totp_match(rfc_secret, vectors[i].code, vectors[i].time, &step));
		assert_int_equal(step, vectors[i].time / TOTP_STEP_SECONDS);
	}
}

static void test_window_and_form(void **state)
{
	(void)state;
	long long step;
	/* 287082 is step 1 (time 30..59): one step either side passes, two do not */
	assert_true(totp_match(rfc_secret, "287082", 89, &step));
	assert_true(totp_match(rfc_secret, "287 082", 0, &step));
	assert_false(totp_match(rfc_secret, "287082", 90, &step));
	assert_false(totp_match(rfc_secret, "287083", 59, &step));
	assert_false(totp_match(rfc_secret, "28708", 59, &step));
	assert_false(totp_match(rfc_secret, "2870822", 59, &step));
	assert_false(totp_match(rfc_secret, "abcdef", 59, &step));
	assert_true(totp_is_code("123-456"));
	assert_false(totp_is_code("abcd-efgh-jkmn-pqrs"));
}

static void test_base32_and_uri(void **state)
{
	(void)state;
	struct arena *arena = arena_new();
	const char *base32 = totp_base32(arena, rfc_secret);
	assert_string_equal(base32, "GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ");
	assert_string_equal(totp_uri(arena, "상담", "a+b@example.com", base32),
	    "otpauth://totp/%EC%83%81%EB%8B%B4:a%2Bb%40example.com?"
	    "secret=GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ&issuer=%EC%83%81%EB%8B%B4"
	    "&algorithm=SHA1&digits=6&period=30");
	arena_free(arena);
}

static void test_sealed_secrets(void **state)
{
	(void)state;
	struct arena *arena = arena_new();
	const char *box, *other;
	unsigned char secret[TOTP_SECRET_BYTES], again[TOTP_SECRET_BYTES];
	assert_int_equal(totp_new_secret(arena, &box), 0);
	assert_int_equal(totp_new_secret(arena, &other), 0);
	assert_string_not_equal(box, other);
	assert_int_equal(totp_open(box, secret), 0);
	assert_int_equal(totp_open(other, again), 0);
	assert_memory_not_equal(secret, again, sizeof(secret));
	char *changed = arena_strndup(arena, box, strlen(box));
	changed[strlen(changed) - 2] = changed[strlen(changed) - 2] == 'A' ? 'B' : 'A';
	assert_int_equal(totp_open(changed, again), -1);
	assert_int_equal(totp_open("not a box", again), -1);
	arena_free(arena);
}

static void test_recovery_codes(void **state)
{
	(void)state;
	struct arena *arena = arena_new();
	const char *code = totp_recovery_new(arena), *other = totp_recovery_new(arena);
	assert_int_equal(strlen(code), 19);
	assert_int_equal(strspn(code, "abcdefghjkmnpqrstuvwxyz23456789-"), 19);
	assert_true(code[4] == '-' && code[9] == '-' && code[14] == '-');
	assert_string_not_equal(code, other);
	const char *hash = totp_recovery_hash(arena, code);
	assert_int_equal(strlen(hash), 64);
	char typed[40];
	size_t n = 0;
	for (const char *p = code; *p != '\0'; p++)
		if (*p != '-')
			typed[n++] = (char)(*p >= 'a' && *p <= 'z' ? *p - 'a' + 'A' : *p);
	typed[n] = '\0';
	assert_string_equal(totp_recovery_hash(arena, typed), hash);
	assert_string_not_equal(totp_recovery_hash(arena, other), hash);
	arena_free(arena);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_rfc_vectors),
		cmocka_unit_test(test_window_and_form),
		cmocka_unit_test(test_base32_and_uri),
		cmocka_unit_test(test_sealed_secrets),
		cmocka_unit_test(test_recovery_codes),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
