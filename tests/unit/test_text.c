/* Unit tests of text: strict integers, UTF-8 length with every kind of
 * invalid sequence, the base64url and hex encoders against known vectors,
 * and the links found in messages. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <limits.h>
#include <stdlib.h>
#include <string.h>

#include "arena.h"
#include "text.h"

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

/* --- text_to_int -------------------------------------------------------- */

static void test_to_int_valid(void **state)
{
	static const struct {
		const char *text;
		long long value;
	} rows[] = {
		{ "0", 0 }, { "7", 7 }, { "123", 123 }, { "-123", -123 }, { "-0", 0 },
		{ "000042", 42 }, { "-007", -7 },
		{ "9223372036854775807", LLONG_MAX }, { "-9223372036854775808", LLONG_MIN },
	};
	for (size_t i = 0; i < sizeof(rows) / sizeof(rows[0]); i++) {
		long long out = 99;
		assert_int_equal(text_to_int(rows[i].text, LLONG_MIN, LLONG_MAX, &out), 0);
		assert_true(out == rows[i].value);
	}
	(void)state;
}

static void test_to_int_bounds(void **state)
{
	long long out = 0;
	assert_int_equal(text_to_int("10", 10, 20, &out), 0);
	assert_int_equal(out, 10);
	assert_int_equal(text_to_int("20", 10, 20, &out), 0);
	assert_int_equal(out, 20);
	assert_int_equal(text_to_int("9", 10, 20, &out), -1);
	assert_int_equal(text_to_int("21", 10, 20, &out), -1);
	assert_int_equal(text_to_int("-1", 0, 20, &out), -1);
	assert_int_equal(text_to_int("-0", 0, 0, &out), 0);
	assert_int_equal(out, 0);
	assert_int_equal(text_to_int("-5", -5, -5, &out), 0);
	assert_int_equal(out, -5);
	/* The out value is left alone on failure. */
	out = 1234;
	assert_int_equal(text_to_int("21", 10, 20, &out), -1);
	assert_int_equal(out, 1234);
	(void)state;
}

static void test_to_int_overflow(void **state)
{
	static const char *const rows[] = {
		"99999999999999999999", "-99999999999999999999", "9223372036854775808",
		"-9223372036854775809", "18446744073709551616", "99999999999999999999999999999999",
	};
	for (size_t i = 0; i < sizeof(rows) / sizeof(rows[0]); i++) {
		long long out = 1234;
		assert_int_equal(text_to_int(rows[i], LLONG_MIN, LLONG_MAX, &out), -1);
		assert_int_equal(out, 1234);
	}
	(void)state;
}

static void test_to_int_junk(void **state)
{
	/* Stricter than strtonum: only an optional minus and digits, no blanks,
	 * no plus sign, nothing after the digits. */
	static const char *const rows[] = {
		"", "+1", " 1", "1 ", "\t1", "1\n", "1a", "a1", "-", "--1", "+-1", "-+1", "0x10",
		"1.0", "1e3", "1,000", "1_000", "\xef\xbc\x91", "- 1", "1-", "\xd9\xa1",
	};
	for (size_t i = 0; i < sizeof(rows) / sizeof(rows[0]); i++) {
		long long out = 1234;
		if (text_to_int(rows[i], LLONG_MIN, LLONG_MAX, &out) != -1)
			fail_msg("\"%s\" accepted as %lld", rows[i], out);
		assert_int_equal(out, 1234);
	}
	long long out = 1234;
	assert_int_equal(text_to_int(NULL, 0, 10, &out), -1);
	assert_int_equal(out, 1234);
	(void)state;
}

/* --- text_utf8_length --------------------------------------------------- */

static long utf8_length(const char *bytes, size_t length)
{
	/* An exact-size heap copy, so that a read past length is caught. */
	char *copy = malloc(length > 0 ? length : 1);
	assert_non_null(copy);
	memcpy(copy, bytes, length);
	long result = text_utf8_length(copy, length);
	free(copy);
	return result;
}

#define UTF8_LENGTH(literal) utf8_length(literal, sizeof(literal) - 1)

static void test_utf8_valid(void **state)
{
	assert_int_equal(UTF8_LENGTH(""), 0);
	assert_int_equal(UTF8_LENGTH("hello"), 5);
	assert_int_equal(UTF8_LENGTH("\x7f"), 1);
	/* 안녕하세요: five three-byte code points. */
	assert_int_equal(UTF8_LENGTH("\xec\x95\x88\xeb\x85\x95\xed\x95\x98\xec\x84\xb8\xec\x9a\x94"),
	    5);
	assert_int_equal(UTF8_LENGTH("\xc3\xa9"), 1);             /* é, two bytes */
	assert_int_equal(UTF8_LENGTH("\xf0\x9f\x98\x80"), 1);     /* emoji, four bytes */
	assert_int_equal(UTF8_LENGTH("a\xc3\xa9\xea\xb0\x80\xf0\x9f\x98\x80z"), 5);
	/* The smallest and largest of each length. */
	assert_int_equal(UTF8_LENGTH("\xc2\x80"), 1);
	assert_int_equal(UTF8_LENGTH("\xdf\xbf"), 1);
	assert_int_equal(UTF8_LENGTH("\xe0\xa0\x80"), 1);
	assert_int_equal(UTF8_LENGTH("\xef\xbf\xbf"), 1);
	assert_int_equal(UTF8_LENGTH("\xf0\x90\x80\x80"), 1);
	assert_int_equal(UTF8_LENGTH("\xf4\x8f\xbf\xbf"), 1);     /* U+10FFFF */
	/* Just outside the surrogates. */
	assert_int_equal(UTF8_LENGTH("\xed\x9f\xbf"), 1);         /* U+D7FF */
	assert_int_equal(UTF8_LENGTH("\xee\x80\x80"), 1);         /* U+E000 */
	/* A NUL inside the counted bytes is a code point like any other. */
	assert_int_equal(utf8_length("a\0b", 3), 3);
	(void)state;
}

static void test_utf8_truncated(void **state)
{
	assert_int_equal(UTF8_LENGTH("\xc3"), -1);
	assert_int_equal(UTF8_LENGTH("\xea"), -1);
	assert_int_equal(UTF8_LENGTH("\xea\xb0"), -1);
	assert_int_equal(UTF8_LENGTH("\xf0\x9f"), -1);
	assert_int_equal(UTF8_LENGTH("\xf0\x9f\x98"), -1);
	assert_int_equal(UTF8_LENGTH("abc\xea\xb0"), -1);
	/* Cut by the length given, whatever follows in memory. */
	assert_int_equal(utf8_length("\xea\xb0\x80", 2), -1);
	assert_int_equal(utf8_length("\xea\xb0\x80", 1), -1);
	assert_int_equal(utf8_length("a\xf0\x9f\x98\x80", 4), -1);
	assert_int_equal(utf8_length("a\xf0\x9f\x98\x80", 1), 1);
	/* A sequence interrupted by ASCII or a new lead byte. */
	assert_int_equal(UTF8_LENGTH("\xea\xb0" "a"), -1);
	assert_int_equal(UTF8_LENGTH("\xe0\x41\x41"), -1);
	assert_int_equal(UTF8_LENGTH("\xea\xea\xb0\x80"), -1);
	assert_int_equal(UTF8_LENGTH("\xc3\xc3\xa9"), -1);
	(void)state;
}

static void test_utf8_overlong(void **state)
{
	static const char *const rows[] = {
		"\xc0\x80", "\xc0\xaf", "\xc1\xbf", "\xe0\x80\x80", "\xe0\x80\xaf", "\xe0\x9f\xbf",
		"\xf0\x80\x80\x80", "\xf0\x80\x80\xaf", "\xf0\x8f\xbf\xbf",
	};
	for (size_t i = 0; i < sizeof(rows) / sizeof(rows[0]); i++)
		assert_int_equal(utf8_length(rows[i], strlen(rows[i])), -1);
	(void)state;
}

static void test_utf8_surrogates(void **state)
{
	static const char *const rows[] = {
		"\xed\xa0\x80", "\xed\xad\xbf", "\xed\xae\x80", "\xed\xbf\xbf",
		"\xed\xa0\xbd\xed\xb8\x80", /* CESU-8 pair for an emoji */
		"a\xed\xa0\x80z",
	};
	for (size_t i = 0; i < sizeof(rows) / sizeof(rows[0]); i++)
		assert_int_equal(utf8_length(rows[i], strlen(rows[i])), -1);
	(void)state;
}

static void test_utf8_past_unicode(void **state)
{
	static const char *const rows[] = {
		"\xf4\x90\x80\x80", "\xf4\xbf\xbf\xbf", "\xf5\x80\x80\x80", "\xf7\xbf\xbf\xbf",
		"\xf8\x88\x80\x80\x80", "\xfc\x84\x80\x80\x80\x80", "\xfe", "\xff",
	};
	for (size_t i = 0; i < sizeof(rows) / sizeof(rows[0]); i++)
		assert_int_equal(utf8_length(rows[i], strlen(rows[i])), -1);
	(void)state;
}

static void test_utf8_lone_continuation(void **state)
{
	static const char *const rows[] = {
		"\x80", "\xbf", "a\x80", "\x80z", "a\xbf\x62", "\xc3\xa9\xa9", "\xea\xb0\x80\x80",
	};
	for (size_t i = 0; i < sizeof(rows) / sizeof(rows[0]); i++)
		assert_int_equal(utf8_length(rows[i], strlen(rows[i])), -1);
	(void)state;
}

/* --- text_has_control, text_trim ---------------------------------------- */

static void test_has_control(void **state)
{
	assert_false(text_has_control(""));
	assert_false(text_has_control("plain text"));
	assert_false(text_has_control("tab\tcr\rlf\n"));
	assert_false(text_has_control("\xea\xb0\x80"));
	assert_true(text_has_control("a\x01"));
	assert_true(text_has_control("\x1b[0m"));
	assert_true(text_has_control("a\x7f"));
	assert_true(text_has_control("\x0b"));
	assert_true(text_has_control("\x0c"));
	(void)state;
}

static void test_trim(void **state)
{
	static const struct {
		const char *text, *trimmed;
	} rows[] = {
		{ "", "" }, { "   ", "" }, { "a", "a" }, { "  a b  ", "a b" }, { "\t\r\na\n\v\f", "a" },
		{ " \xea\xb0\x80 ", "\xea\xb0\x80" },
	};
	for (size_t i = 0; i < sizeof(rows) / sizeof(rows[0]); i++) {
		char *copy = arena_strdup(*state, rows[i].text);
		assert_string_equal(text_trim(copy), rows[i].trimmed);
	}
}

/* --- base64url and hex -------------------------------------------------- */

static void test_base64url_vectors(void **state)
{
	/* RFC 4648 section 10, without padding. */
	static const struct {
		const char *bytes, *encoded;
	} rows[] = {
		{ "", "" }, { "f", "Zg" }, { "fo", "Zm8" }, { "foo", "Zm9v" }, { "foob", "Zm9vYg" },
		{ "fooba", "Zm9vYmE" }, { "foobar", "Zm9vYmFy" },
	};
	for (size_t i = 0; i < sizeof(rows) / sizeof(rows[0]); i++) {
		const char *encoded = text_base64url(*state, (const unsigned char *)rows[i].bytes,
		    strlen(rows[i].bytes));
		assert_string_equal(encoded, rows[i].encoded);
	}
}

static void test_base64url_alphabet(void **state)
{
	/* The URL-safe alphabet: - and _ where standard base64 has + and /. */
	static const struct {
		unsigned char bytes[4];
		size_t length;
		const char *encoded;
	} rows[] = {
		{ { 0xfb, 0xef, 0xbe }, 3, "----" },
		{ { 0xff, 0xff, 0xff }, 3, "____" },
		{ { 0xfb, 0xff }, 2, "-_8" },
		{ { 0xff }, 1, "_w" },
		{ { 0x00 }, 1, "AA" },
		{ { 0x00, 0x00, 0x00 }, 3, "AAAA" },
		{ { 0x14, 0xfb, 0x9c, 0x03 }, 4, "FPucAw" },
	};
	for (size_t i = 0; i < sizeof(rows) / sizeof(rows[0]); i++)
		assert_string_equal(text_base64url(*state, rows[i].bytes, rows[i].length),
		    rows[i].encoded);
	/* 32 random bytes (a session token) are 43 characters of the alphabet. */
	unsigned char bytes[32];
	for (size_t i = 0; i < sizeof(bytes); i++)
		bytes[i] = (unsigned char)(i * 37 + 11);
	const char *token = text_base64url(*state, bytes, sizeof(bytes));
	assert_int_equal(strlen(token), 43);
	assert_int_equal(strspn(token, "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz"
					"0123456789-_"),
	    43);
}

static void test_hex_vectors(void **state)
{
	static const unsigned char bytes[] = { 0x00, 0x01, 0x7f, 0x80, 0xab, 0xcd, 0xef, 0xff };
	assert_string_equal(text_hex(*state, bytes, sizeof(bytes)), "00017f80abcdefff");
	assert_string_equal(text_hex(*state, bytes, 0), "");
	assert_string_equal(text_hex(*state, (const unsigned char *)"abc", 3), "616263");
	unsigned char all[256];
	for (int i = 0; i < 256; i++)
		all[i] = (unsigned char)i;
	const char *hex = text_hex(*state, all, sizeof(all));
	assert_int_equal(strlen(hex), 512);
	assert_memory_equal(hex + 2 * 0x5a, "5a5b5c", 6);
}

/* --- text_links ------------------------------------------------------------ */

/* The segments of text as "T:..." and "L:..." joined by "|". */
static const char *links_of(struct arena *arena, const char *text)
{
	static char out[512];
	struct text_segment *segments;
	int count = text_links(arena, text, &segments);
	out[0] = '\0';
	for (int i = 0; i < count; i++) {
		if (i > 0)
			strcat(out, "|");
		strcat(out, segments[i].is_link ? "L:" : "T:");
		strcat(out, segments[i].text);
	}
	return out;
}

static void test_links(void **state)
{
	struct arena *arena = *state;
	assert_string_equal(links_of(arena, ""), "");
	assert_string_equal(links_of(arena, "no link here"), "T:no link here");
	assert_string_equal(links_of(arena, "see https://a.example/x?y=1&z=2."),
	    "T:see |L:https://a.example/x?y=1&z=2|T:.");
	assert_string_equal(links_of(arena, "(http://b.example) 끝"),
	    "T:(|L:http://b.example|T:) 끝");
	assert_string_equal(links_of(arena, "http://c.example/<b>"), "L:http://c.example/|T:<b>");
	assert_string_equal(links_of(arena, "https://d.example에서"), "L:https://d.example|T:에서");
	/* other schemes, a scheme inside a word, and a bare scheme stay text */
	assert_string_equal(links_of(arena, "javascript:alert(1) data:x xhttps://e.example https://"),
	    "T:javascript:alert(1) data:x xhttps://e.example https://");
	assert_string_equal(links_of(arena, "a\"https://f.example\"b"), "T:a\"https://f.example\"b");
	struct text_segment *segments;
	int count = text_links(arena, "x https://g.example/'onmouseover=1 y", &segments);
	for (int i = 0; i < count; i++)
		if (segments[i].is_link)
			assert_true(text_is_web_address(segments[i].text)
			    && strchr(segments[i].text, '\'') == NULL);
}

/* FNV-1a 64-bit test vectors (the reference's "", "a", "foobar"). */
static void test_hash_vectors(void **state)
{
	(void)state;
	assert_true(text_hash(TEXT_HASH_START, "", 0) == UINT64_C(0xcbf29ce484222325));
	assert_true(text_hash(TEXT_HASH_START, "a", 1) == UINT64_C(0xaf63dc4c8601ec8c));
	assert_true(text_hash(TEXT_HASH_START, "foobar", 6) == UINT64_C(0x85944171f73967e8));
	/* with the NUL: the pieces' boundaries count */
	assert_true(text_hash_string(text_hash_string(TEXT_HASH_START, "ab"), "c")
	    != text_hash_string(text_hash_string(TEXT_HASH_START, "a"), "bc"));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_to_int_valid, setup, teardown),
		cmocka_unit_test_setup_teardown(test_to_int_bounds, setup, teardown),
		cmocka_unit_test_setup_teardown(test_to_int_overflow, setup, teardown),
		cmocka_unit_test_setup_teardown(test_to_int_junk, setup, teardown),
		cmocka_unit_test_setup_teardown(test_utf8_valid, setup, teardown),
		cmocka_unit_test_setup_teardown(test_utf8_truncated, setup, teardown),
		cmocka_unit_test_setup_teardown(test_utf8_overlong, setup, teardown),
		cmocka_unit_test_setup_teardown(test_utf8_surrogates, setup, teardown),
		cmocka_unit_test_setup_teardown(test_utf8_past_unicode, setup, teardown),
		cmocka_unit_test_setup_teardown(test_utf8_lone_continuation, setup, teardown),
		cmocka_unit_test_setup_teardown(test_has_control, setup, teardown),
		cmocka_unit_test_setup_teardown(test_trim, setup, teardown),
		cmocka_unit_test_setup_teardown(test_base64url_vectors, setup, teardown),
		cmocka_unit_test_setup_teardown(test_base64url_alphabet, setup, teardown),
		cmocka_unit_test_setup_teardown(test_hex_vectors, setup, teardown),
		cmocka_unit_test_setup_teardown(test_links, setup, teardown),
		cmocka_unit_test(test_hash_vectors),
	};
	return cmocka_run_group_tests_name("text", tests, NULL, NULL);
}
