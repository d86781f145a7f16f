/* Unit tests of param: every field type through param_check, with good and
 * hostile values, from tables. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <stdio.h>
#include <string.h>

#include "arena.h"
#include "param.h"

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

/* One value and the error it must give (NULL for none); text, when set, is
 * the normalised value expected. */
struct row {
	const char *raw;
	const char *error;
	const char *text;
};

static void check_rows(struct arena *arena, const struct param_field *field,
    const struct row *rows, size_t count)
{
	for (size_t i = 0; i < count; i++) {
		struct param_value value;
		const char *error = param_check(arena, field, rows[i].raw, &value);
		if ((error == NULL) != (rows[i].error == NULL)
		    || (error != NULL && strcmp(error, rows[i].error) != 0))
			fail_msg("field %s, row %zu \"%s\": got %s, want %s", field->name, i,
			    rows[i].raw != NULL ? rows[i].raw : "(null)", error != NULL ? error : "ok",
			    rows[i].error != NULL ? rows[i].error : "ok");
		assert_ptr_equal(value.error, error);
		if (rows[i].text != NULL)
			assert_string_equal(value.text, rows[i].text);
	}
}

#define CHECK_ROWS(arena, field, rows) check_rows(arena, field, rows, sizeof(rows) / sizeof(rows[0]))

/* A text of count copies of unit, in the arena. */
static char *repeat(struct arena *arena, const char *unit, size_t count)
{
	size_t unit_length = strlen(unit);
	char *text = arena_alloc(arena, unit_length * count + 1);
	for (size_t i = 0; i < count; i++)
		memcpy(text + i * unit_length, unit, unit_length);
	return text;
}

/* Invalid UTF-8 of every kind the length counter must catch. */
static const char *const bad_utf8[] = {
	"\xff",                 /* never valid */
	"abc\xfe",              /* never valid, at the end */
	"\x80",                 /* lone continuation */
	"a\xbf" "b",            /* lone continuation inside */
	"\xc0\x80",             /* overlong NUL */
	"\xc1\xbf",             /* overlong */
	"\xe0\x80\xaf",         /* overlong slash */
	"\xf0\x80\x80\xaf",     /* overlong slash */
	"\xed\xa0\x80",         /* surrogate D800 */
	"\xed\xbf\xbf",         /* surrogate DFFF */
	"\xf4\x90\x80\x80",     /* past U+10FFFF */
	"\xea\xb0",             /* truncated Hangul */
	"\xea\xb0" "a",         /* truncated, followed by ASCII */
	"\xf0\x9f\x98",         /* truncated emoji */
};

/* --- text and lines ----------------------------------------------------- */

static void test_text_length_in_code_points(void **state)
{
	static const struct param_field field = { "name", PARAM_TEXT, true, 2, 5, NULL };
	static const struct row rows[] = {
		{ "ab", NULL, "ab" },
		{ "abcde", NULL, NULL },
		{ "abcdef", "err.too_long", NULL },
		{ "a", "err.too_short", NULL },
		/* Five Hangul syllables are 15 bytes but 5 code points. */
		{ "\xea\xb0\x80\xeb\x82\x98\xeb\x8b\xa4\xeb\x9d\xbc\xeb\xa7\x88", NULL, NULL },
		{ "\xea\xb0\x80\xeb\x82\x98\xeb\x8b\xa4\xeb\x9d\xbc\xeb\xa7\x88\xeb\xb0\x94",
		    "err.too_long", NULL },
		{ "\xea\xb0\x80", "err.too_short", NULL },
		{ "\xea\xb0\x80\xeb\x82\x98", NULL, NULL },
		/* An emoji is one code point of four bytes. */
		{ "\xf0\x9f\x98\x80\xf0\x9f\x98\x80", NULL, NULL },
		{ "  ab  ", NULL, "ab" },
		{ "  a  ", "err.too_short", "a" },
	};
	CHECK_ROWS(*state, &field, rows);
}

static void test_text_control_characters(void **state)
{
	static const struct param_field text = { "t", PARAM_TEXT, false, 0, 100, NULL };
	static const struct param_field lines = { "l", PARAM_LINES, false, 0, 100, NULL };
	static const struct row text_rows[] = {
		{ "a\tb", "err.control", NULL },
		{ "a\nb", "err.control", NULL },
		{ "a\r\nb", "err.control", NULL },
		{ "a\x01" "b", "err.control", NULL },
		{ "a\x1b[31mb", "err.control", NULL },
		{ "a\x7f" "b", "err.control", NULL },
		{ "a b", NULL, NULL },
		/* Blanks at the ends are trimmed before the check. */
		{ "\tab\n", NULL, "ab" },
	};
	static const struct row lines_rows[] = {
		{ "a\nb", NULL, "a\nb" },
		{ "a\r\nb\tc", NULL, NULL },
		{ "a\x01" "b", "err.control", NULL },
		{ "a\x0b" "b", "err.control", NULL },
		{ "a\x7f" "b", "err.control", NULL },
		{ "a\x1b" "b", "err.control", NULL },
	};
	CHECK_ROWS(*state, &text, text_rows);
	CHECK_ROWS(*state, &lines, lines_rows);
}

static void test_text_invalid_utf8(void **state)
{
	static const struct param_field fields[] = {
		{ "t", PARAM_TEXT, false, 0, 100, NULL },
		{ "l", PARAM_LINES, false, 0, 100, NULL },
		{ "p", PARAM_PASSWORD, false, 0, 0, NULL },
		{ "n", PARAM_ACCOUNT_NAME, false, 0, 0, NULL },
	};
	for (size_t f = 0; f < sizeof(fields) / sizeof(fields[0]); f++) {
		for (size_t i = 0; i < sizeof(bad_utf8) / sizeof(bad_utf8[0]); i++) {
			struct param_value value;
			/* Long enough to pass the password length otherwise. */
			char *raw = arena_printf(*state, "abcdefghij%s", bad_utf8[i]);
			const char *error = param_check(*state, &fields[f], raw, &value);
			if (error == NULL || strcmp(error, "err.encoding") != 0)
				fail_msg("field %s, bad UTF-8 row %zu: got %s", fields[f].name, i,
				    error != NULL ? error : "ok");
		}
	}
}

static void test_text_no_maximum(void **state)
{
	/* max 0 means no maximum. */
	static const struct param_field field = { "t", PARAM_LINES, false, 0, 0, NULL };
	struct param_value value;
	assert_null(param_check(*state, &field, repeat(*state, "\xea\xb0\x80", 5000), &value));
	assert_true(value.present);
}

/* --- required and optional ---------------------------------------------- */

static void test_required_and_optional_empty(void **state)
{
	static const char *const choices[] = { "a", NULL };
	static const char *const empties[] = { NULL, "", " ", "\t\r\n  " };
	for (int type = 0; type < PARAM__MAX; type++) {
		for (int required = 0; required <= 1; required++) {
			struct param_field field = { "f", (enum param_type)type, required, 1, 10,
				choices };
			for (size_t i = 0; i < sizeof(empties) / sizeof(empties[0]); i++) {
				/* A password is taken as typed: blanks are a value. */
				if (type == PARAM_PASSWORD && i >= 2)
					continue;
				struct param_value value;
				const char *error = param_check(*state, &field, empties[i], &value);
				assert_false(value.present);
				assert_string_equal(value.text, "");
				const char *want = !required ? NULL
				    : type == PARAM_CHECKBOX ? "err.must_agree" : "err.required";
				if ((error == NULL) != (want == NULL)
				    || (error != NULL && strcmp(error, want) != 0))
					fail_msg("type %d required %d empty %zu: got %s", type, required,
					    i, error != NULL ? error : "ok");
			}
		}
	}
}

static void test_password_blanks_are_kept(void **state)
{
	static const struct param_field field = { "p", PARAM_PASSWORD, true, 0, 0, NULL };
	struct param_value value;
	assert_null(param_check(*state, &field, "  secret  ", &value));
	assert_string_equal(value.text, "  secret  ");
	assert_true(value.present);
	/* Blanks alone are a (too short) password, not a missing one. */
	assert_string_equal(param_check(*state, &field, "   ", &value), "err.password_length");
}

/* --- email -------------------------------------------------------------- */

static void test_email(void **state)
{
	static const struct param_field field = { "e", PARAM_EMAIL, true, 0, 0, NULL };
	static const struct row rows[] = {
		{ "kim@example.com", NULL, "kim@example.com" },
		{ "Kim.Lee+tag@mail.example.co.kr", NULL, "Kim.Lee+tag@mail.example.co.kr" },
		{ "  a@b.kr  ", NULL, "a@b.kr" },
		{ "plainaddress", "err.email", NULL },
		{ "@example.com", "err.email", NULL },
		{ "a@", "err.email", NULL },
		{ "a@localhost", "err.email", NULL },
		{ "a@@b.com", "err.email", NULL },
		{ "a@b@c.com", "err.email", NULL },
		{ "a@.com", "err.email", NULL },
		{ "a@b.com.", "err.email", NULL },
		{ "a b@c.com", "err.email", NULL },
		{ "a@b .com", "err.email", NULL },
		{ "<a@b.com>", "err.email", NULL },
		{ "\"a\"@b.com", "err.email", NULL },
		{ "a@b.com\r\nBcc: x@y.z", "err.email", NULL },
		{ "a,b@c.com", "err.email", NULL },
		{ "a;b@c.com", "err.email", NULL },
		{ "a@[1.2.3.4]", "err.email", NULL },
		{ "\xea\xb9\x80@example.com", "err.email", NULL },
		{ "a\x01@b.com", "err.email", NULL },
	};
	CHECK_ROWS(*state, &field, rows);
}

static void test_email_length(void **state)
{
	static const struct param_field field = { "e", PARAM_EMAIL, true, 0, 0, NULL };
	struct param_value value;
	/* 254 bytes is the longest address. */
	char *longest = arena_printf(*state, "%s@example.com", repeat(*state, "a", 254 - 12));
	assert_int_equal(strlen(longest), 254);
	assert_null(param_check(*state, &field, longest, &value));
	char *too_long = arena_printf(*state, "%s@example.com", repeat(*state, "a", 255 - 12));
	assert_string_equal(param_check(*state, &field, too_long, &value), "err.email");
}

/* --- password ----------------------------------------------------------- */

static void test_password_lengths(void **state)
{
	struct arena *arena = *state;
	static const struct param_field field = { "p", PARAM_PASSWORD, true, 0, 0, NULL };
	static const struct {
		const char *unit;
		size_t count;
		const char *error;
	} rows[] = {
		{ "a", 9, "err.password_length" },
		{ "a", 10, NULL },
		{ "a", 128, NULL },
		{ "a", 129, "err.password_length" },
		/* Lengths are code points: 9 Hangul syllables are 27 bytes, too short. */
		{ "\xea\xb0\x80", 9, "err.password_length" },
		{ "\xea\xb0\x80", 10, NULL },
		{ "\xea\xb0\x80", 128, NULL },
		{ "\xea\xb0\x80", 129, "err.password_length" },
		{ "\xf0\x9f\x94\x91", 10, NULL },
		{ "\xf0\x9f\x94\x91", 129, "err.password_length" },
	};
	for (size_t i = 0; i < sizeof(rows) / sizeof(rows[0]); i++) {
		struct param_value value;
		const char *error = param_check(arena, &field, repeat(arena, rows[i].unit, rows[i].count),
		    &value);
		if ((error == NULL) != (rows[i].error == NULL))
			fail_msg("password row %zu: got %s", i, error != NULL ? error : "ok");
		if (error != NULL)
			assert_string_equal(error, rows[i].error);
	}
}

static void test_password_characters(void **state)
{
	static const struct param_field field = { "p", PARAM_PASSWORD, true, 0, 0, NULL };
	static const struct row rows[] = {
		{ "correct horse battery", NULL, NULL },
		{ "!@#$%^&*()_+-=[]{};':\",./<>?", NULL, NULL },
		{ "\xeb\xb9\x84\xeb\xb0\x80\xeb\xb2\x88\xed\x98\xb8 1234567", NULL, NULL },
		{ "password\x01" "123", "err.control", NULL },
		{ "password\x7f" "123", "err.control", NULL },
		{ "password\x1b" "123", "err.control", NULL },
	};
	CHECK_ROWS(*state, &field, rows);
}

/* --- checkbox and choice ------------------------------------------------ */

static void test_checkbox(void **state)
{
	static const struct param_field optional = { "c", PARAM_CHECKBOX, false, 0, 0, NULL };
	static const struct param_field required = { "c", PARAM_CHECKBOX, true, 0, 0, NULL };
	static const struct row rows[] = {
		{ "1", NULL, "1" },
		{ NULL, NULL, "" },
		{ "0", "err.choice", NULL },
		{ "on", "err.choice", NULL },
		{ "true", "err.choice", NULL },
		{ "11", "err.choice", NULL },
		{ "1\x01", "err.choice", NULL },
	};
	CHECK_ROWS(*state, &optional, rows);
	struct param_value value;
	assert_null(param_check(*state, &optional, "1", &value));
	assert_int_equal(value.number, 1);
	assert_true(value.present);
	assert_null(param_check(*state, &optional, NULL, &value));
	assert_int_equal(value.number, 0);
	assert_false(value.present);
	assert_null(param_check(*state, &required, "1", &value));
	assert_string_equal(param_check(*state, &required, NULL, &value), "err.must_agree");
}

static void test_choice(void **state)
{
	static const char *const choices[] = { "ko", "en", "all-day", NULL };
	static const struct param_field field = { "c", PARAM_CHOICE, true, 0, 0, choices };
	static const struct row rows[] = {
		{ "ko", NULL, "ko" },
		{ "en", NULL, NULL },
		{ "all-day", NULL, NULL },
		{ " en ", NULL, "en" },
		{ "KO", "err.choice", NULL },
		{ "k", "err.choice", NULL },
		{ "kor", "err.choice", NULL },
		{ "ko\x01", "err.choice", NULL },
		{ "ko,en", "err.choice", NULL },
		{ "all day", "err.choice", NULL },
	};
	CHECK_ROWS(*state, &field, rows);
	/* A field without choices accepts nothing. */
	static const struct param_field none = { "c", PARAM_CHOICE, true, 0, 0, NULL };
	struct param_value value;
	assert_string_equal(param_check(*state, &none, "ko", &value), "err.choice");
}

/* --- int ---------------------------------------------------------------- */

static void test_int_range(void **state)
{
	static const struct param_field field = { "n", PARAM_INT, true, -5, 100, NULL };
	static const struct {
		const char *raw;
		long long number;
		bool ok;
	} rows[] = {
		{ "0", 0, true }, { "100", 100, true }, { "-5", -5, true }, { "42", 42, true },
		{ "007", 7, true }, { "-0", 0, true }, { "101", 0, false }, { "-6", 0, false },
		{ "1000000", 0, false },
	};
	for (size_t i = 0; i < sizeof(rows) / sizeof(rows[0]); i++) {
		struct param_value value;
		const char *error = param_check(*state, &field, rows[i].raw, &value);
		if (rows[i].ok) {
			if (error != NULL)
				fail_msg("int \"%s\": %s", rows[i].raw, error);
			assert_int_equal(value.number, rows[i].number);
		} else {
			if (error == NULL)
				fail_msg("int \"%s\" accepted", rows[i].raw);
			assert_string_equal(error, "err.number");
		}
	}
}

static void test_int_junk(void **state)
{
	static const struct param_field field = { "n", PARAM_INT, true, -1000, 1000000, NULL };
	static const struct row rows[] = {
		{ "12a", "err.number", NULL },
		{ "a12", "err.number", NULL },
		{ "-", "err.number", NULL },
		{ "--1", "err.number", NULL },
		{ "+1", "err.number", NULL },
		{ "1 2", "err.number", NULL },
		{ "1.0", "err.number", NULL },
		{ "1e3", "err.number", NULL },
		{ "0x10", "err.number", NULL },
		{ "1,000", "err.number", NULL },
		{ "99999999999999999999", "err.number", NULL },
		{ "\xef\xbc\x91", "err.number", NULL }, /* full-width 1 */
		{ "1\x01", "err.number", NULL },
		{ "", "err.required", NULL },
		/* Surrounding blanks are trimmed from every field but passwords. */
		{ " 1", NULL, "1" },
		{ "1 ", NULL, "1" },
	};
	CHECK_ROWS(*state, &field, rows);
}

static void test_int_full_range(void **state)
{
	static const struct param_field field = { "n", PARAM_INT, true, INT64_MIN, INT64_MAX,
		NULL };
	struct param_value value;
	assert_null(param_check(*state, &field, "9223372036854775807", &value));
	assert_true(value.number == INT64_MAX);
	assert_null(param_check(*state, &field, "-9223372036854775808", &value));
	assert_true(value.number == INT64_MIN);
	assert_string_equal(param_check(*state, &field, "9223372036854775808", &value),
	    "err.number");
	assert_string_equal(param_check(*state, &field, "-9223372036854775809", &value),
	    "err.number");
}

/* --- token -------------------------------------------------------------- */

static void test_token(void **state)
{
	struct arena *arena = *state;
	static const struct param_field field = { "t", PARAM_TOKEN, true, 0, 0, NULL };
	const struct row rows[] = {
		{ repeat(arena, "a", 20), NULL, NULL },
		{ repeat(arena, "a", 19), "err.token", NULL },
		{ repeat(arena, "Az09-_", 16), NULL, NULL },
		{ repeat(arena, "b", 100), NULL, NULL },
		{ repeat(arena, "b", 101), "err.token", NULL },
		{ "abcdefghijklmnopqrst=", "err.token", NULL },
		{ "abcdefghijklmnopqrs+", "err.token", NULL },
		{ "abcdefghijklmnopqrs/", "err.token", NULL },
		{ "abcdefghij.lmnopqrst", "err.token", NULL },
		{ "abcdefghij klmnopqrst", "err.token", NULL },
		{ "abcdefghij\xea\xb0\x80klmnopq", "err.token", NULL },
	};
	CHECK_ROWS(arena, &field, rows);
}

/* --- url ---------------------------------------------------------------- */

static void test_url_good(void **state)
{
	static const struct param_field field = { "u", PARAM_URL, true, 0, 0, NULL };
	static const struct row rows[] = {
		{ "https://example.com", NULL, "https://example.com" },
		{ "http://example.com/path?q=1&r=2#frag", NULL, NULL },
		{ "https://sub.example.co.kr:8443/a/b", NULL, NULL },
		{ "https://example.com/%ED%95%9C", NULL, NULL },
		{ "https://example.com/\xed\x95\x9c\xea\xb8\x80", NULL, NULL },
		{ "https://\xed\x95\x9c\xea\xb8\x80.kr/", NULL, NULL },
		{ "  https://example.com  ", NULL, "https://example.com" },
	};
	CHECK_ROWS(*state, &field, rows);
}

static void test_url_bad(void **state)
{
	static const struct param_field field = { "u", PARAM_URL, true, 0, 0, NULL };
	static const struct row rows[] = {
		{ "javascript:alert(1)", "err.url", NULL },
		{ "JavaScript://example.com/%0Aalert(1)", "err.url", NULL },
		{ "data:text/html,<script>alert(1)</script>", "err.url", NULL },
		{ "vbscript:msgbox", "err.url", NULL },
		{ "ftp://example.com", "err.url", NULL },
		{ "//example.com", "err.url", NULL },
		{ "example.com", "err.url", NULL },
		{ "http:/example.com", "err.url", NULL },
		{ "http://", "err.url", NULL },
		{ "https://", "err.url", NULL },
		{ "https:///path", "err.url", NULL },
		{ "https://.example.com", "err.url", NULL },
		{ "https://example.com/\"onmouseover=\"alert(1)", "err.url", NULL },
		{ "https://example.com/'><script>", "err.url", NULL },
		{ "https://example.com/a b", "err.url", NULL },
		{ "https://example.com/\\evil", "err.url", NULL },
		{ "https://example.com/\x01", "err.url", NULL },
		{ "https://example.com/\x7f", "err.url", NULL },
		{ " javascript:alert(1)", "err.url", NULL },
	};
	CHECK_ROWS(*state, &field, rows);
}

static void test_url_invalid_utf8(void **state)
{
	/* A Referer header goes through this check before the database sees it. */
	static const struct param_field field = { "u", PARAM_URL, false, 0, 1000, NULL };
	for (size_t i = 0; i < sizeof(bad_utf8) / sizeof(bad_utf8[0]); i++) {
		struct param_value value;
		char *raw = arena_printf(*state, "https://example.com/%s", bad_utf8[i]);
		const char *error = param_check(*state, &field, raw, &value);
		if (error == NULL || strcmp(error, "err.encoding") != 0)
			fail_msg("bad UTF-8 row %zu: got %s", i, error != NULL ? error : "ok");
	}
}

static void test_url_length(void **state)
{
	struct arena *arena = *state;
	static const struct param_field limited = { "u", PARAM_URL, true, 0, 30, NULL };
	static const struct param_field unlimited = { "u", PARAM_URL, true, 0, 0, NULL };
	struct param_value value;
	char *thirty = arena_printf(arena, "https://e.kr/%s", repeat(arena, "a", 30 - 13));
	assert_int_equal(strlen(thirty), 30);
	assert_null(param_check(arena, &limited, thirty, &value));
	assert_string_equal(param_check(arena, &limited, arena_printf(arena, "%sa", thirty), &value),
	    "err.too_long");
	/* too long is said first, also of what is not an address */
	assert_string_equal(param_check(arena, &limited, repeat(arena, "a", 31), &value),
	    "err.too_long");
	/* Without a max, 2000 bytes is the limit. */
	char *long_url = arena_printf(arena, "https://e.kr/%s", repeat(arena, "a", 2000 - 13));
	assert_null(param_check(arena, &unlimited, long_url, &value));
	assert_string_equal(param_check(arena, &unlimited, arena_printf(arena, "%sa", long_url),
				&value),
	    "err.too_long");
}

/* --- phone -------------------------------------------------------------- */

static void test_phone(void **state)
{
	static const struct param_field field = { "p", PARAM_PHONE, true, 0, 0, NULL };
	static const struct row rows[] = {
		{ "010-1234-5678", NULL, "010-1234-5678" },
		{ "01012345678", NULL, NULL },
		{ "02-123-4567", NULL, NULL },
		{ "+82-10-1234-5678", NULL, NULL },
		{ "+82 10 1234 5678", NULL, NULL },
		{ "1588-1234", NULL, NULL },
		{ "1234567", "err.phone", NULL },
		{ "123-4567", "err.phone", NULL },
		{ "010-1234-567a", "err.phone", NULL },
		{ "010+1234+5678", "err.phone", NULL },
		{ "++8210123456", "err.phone", NULL },
		{ "(02) 123-4567", "err.phone", NULL },
		{ "010.1234.5678", "err.phone", NULL },
		{ "0101234567890123456789", "err.phone", NULL },
		{ "010-1234-5678-0000-00", "err.phone", NULL },
		{ "\xef\xbc\x90\xef\xbc\x91\xef\xbc\x90\x31\x32\x33\x34\x35\x36\x37\x38", "err.phone",
		    NULL },
		{ "--------", "err.phone", NULL },
	};
	CHECK_ROWS(*state, &field, rows);
}

/* --- business registration number --------------------------------------- */

/* The check digit by the national rule, computed here independently. */
static int brn_check_digit(const char *nine)
{
	static const int weights[9] = { 1, 3, 7, 1, 3, 7, 1, 3, 5 };
	int sum = 0;
	for (int i = 0; i < 9; i++)
		sum += (nine[i] - '0') * weights[i];
	sum += ((nine[8] - '0') * 5) / 10;
	return (10 - sum % 10) % 10;
}

static const char *const valid_brns[] = { "1248100998", "2208162517", "1018142020" };

static void test_brn_known_valid(void **state)
{
	for (size_t i = 0; i < sizeof(valid_brns) / sizeof(valid_brns[0]); i++) {
		/* The examples agree with the rule as computed here. */
		assert_int_equal(brn_check_digit(valid_brns[i]), valid_brns[i][9] - '0');
		assert_true(param_brn_valid(valid_brns[i]));
	}
	/* And the rule agrees with param_brn_valid over many numbers. */
	char number[11];
	for (unsigned long n = 0; n < 1000000000UL; n += 7919 * 131) {
		snprintf(number, sizeof(number), "%09lu", n);
		int digit = brn_check_digit(number);
		for (int d = 0; d <= 9; d++) {
			number[9] = (char)('0' + d);
			number[10] = '\0';
			if (param_brn_valid(number) != (d == digit))
				fail_msg("%s: check digit should be %d", number, digit);
		}
	}
	(void)state;
}

static void test_brn_normalised(void **state)
{
	static const struct param_field field = { "b", PARAM_BRN, true, 0, 0, NULL };
	static const struct row rows[] = {
		{ "1248100998", NULL, "1248100998" },
		{ "124-81-00998", NULL, "1248100998" },
		{ "220-81-62517", NULL, "2208162517" },
		{ " 101-81-42020 ", NULL, "1018142020" },
		{ "124 81 00998", NULL, "1248100998" },
	};
	CHECK_ROWS(*state, &field, rows);
}

static void test_brn_wrong_check_digit(void **state)
{
	static const struct param_field field = { "b", PARAM_BRN, true, 0, 0, NULL };
	for (size_t i = 0; i < sizeof(valid_brns) / sizeof(valid_brns[0]); i++) {
		for (int d = 0; d <= 9; d++) {
			char number[11];
			memcpy(number, valid_brns[i], sizeof(number));
			if (number[9] == '0' + d)
				continue;
			number[9] = (char)('0' + d);
			struct param_value value;
			assert_false(param_brn_valid(number));
			assert_string_equal(param_check(*state, &field, number, &value), "err.brn");
		}
	}
	/* One other digit changed. */
	struct param_value value;
	assert_string_equal(param_check(*state, &field, "1248100988", &value), "err.brn");
	assert_string_equal(param_check(*state, &field, "2248100998", &value), "err.brn");
}

static void test_brn_shape(void **state)
{
	static const struct param_field field = { "b", PARAM_BRN, true, 0, 0, NULL };
	static const struct row rows[] = {
		{ "124810099", "err.brn", NULL },
		{ "12481009980", "err.brn", NULL },
		{ "124-81-0099", "err.brn", NULL },
		{ "124-81-009980", "err.brn", NULL },
		{ "124810099a", "err.brn", NULL },
		{ "a248100998", "err.brn", NULL },
		{ "124.81.00998", "err.brn", NULL },
		{ "124/81/00998", "err.brn", NULL },
		{ "+1248100998", "err.brn", NULL },
		{ "--", "err.brn", NULL },
		{ "124810099\xef\xbc\x98", "err.brn", NULL },
		{ "12481009981248100998", "err.brn", NULL },
	};
	CHECK_ROWS(*state, &field, rows);
	assert_false(param_brn_valid(""));
	assert_false(param_brn_valid("124-81-00998"));
	assert_false(param_brn_valid("12481009980"));
}

/* --- account name ------------------------------------------------------- */

static void test_account_name_good(void **state)
{
	struct arena *arena = *state;
	static const struct param_field field = { "n", PARAM_ACCOUNT_NAME, true, 0, 0, NULL };
	const struct row rows[] = {
		{ "\xec\x83\x81\xeb\x8b\xb4 \xec\x84\xbc\xed\x84\xb0", NULL, NULL }, /* 상담 센터 */
		{ "Cafe #1 (Seoul)", NULL, NULL },
		{ "A&B, Co.", NULL, NULL },
		{ "Why?!", NULL, NULL },
		{ "my-shop_2", NULL, NULL },
		{ "\xed\x95\x9c\xea\xb8\x80" "English123", NULL, NULL },
		{ "\xe3\x84\xb1\xe3\x85\x8b", NULL, NULL }, /* compatibility jamo */
		{ "x", NULL, NULL },
		{ repeat(arena, "\xed\x9e\xa3", 20), NULL, NULL }, /* 20 of the last syllable */
		{ repeat(arena, "a", 20), NULL, NULL },
		{ "  trimmed  ", NULL, "trimmed" },
	};
	CHECK_ROWS(arena, &field, rows);
}

static void test_account_name_bad(void **state)
{
	struct arena *arena = *state;
	static const struct param_field field = { "n", PARAM_ACCOUNT_NAME, true, 0, 0, NULL };
	const struct row rows[] = {
		{ repeat(arena, "a", 21), "err.too_long", NULL },
		{ repeat(arena, "\xea\xb0\x80", 21), "err.too_long", NULL },
		{ "shop \xf0\x9f\x98\x80", "err.account_name", NULL }, /* emoji */
		{ "<b>shop</b>", "err.account_name", NULL },
		{ "a/b", "err.account_name", NULL },
		{ "a\\b", "err.account_name", NULL },
		{ "\"quoted\"", "err.account_name", NULL },
		{ "it's", "err.account_name", NULL },
		{ "a;b", "err.account_name", NULL },
		{ "a:b", "err.account_name", NULL },
		{ "a@b", "err.account_name", NULL },
		{ "100%", "err.account_name", NULL },
		{ "caf\xc3\xa9", "err.account_name", NULL },          /* é */
		{ "\xe6\xbc\xa2\xe5\xad\x97", "err.account_name", NULL }, /* Chinese */
		{ "\xe3\x81\x82", "err.account_name", NULL },          /* hiragana */
		{ "a\tb", "err.account_name", NULL },
		{ "a\x01" "b", "err.account_name", NULL },
		{ "a\xe2\x80\x8b" "b", "err.account_name", NULL },     /* zero-width space */
		{ "\xef\xbc\xa1", "err.account_name", NULL },          /* full-width A */
		{ "\xed\x9e\xa4", "err.account_name", NULL },          /* U+D7A4, past Hangul */
		{ "\xea\xb0", "err.encoding", NULL },
		{ "\xed\xa0\x80", "err.encoding", NULL },
	};
	CHECK_ROWS(arena, &field, rows);
	assert_false(param_account_name_valid(""));
	assert_false(param_account_name_valid(repeat(arena, "b", 21)));
	assert_true(param_account_name_valid(repeat(arena, "b", 20)));
}

/* --- names: no bidirectional controls (NF-6) ----------------------------- */

/* Every bidirectional control, each between "ab" and "cd". */
static const char *const bidi_controls[] = {
	"\xd8\x9c",                                     /* U+061C ARABIC LETTER MARK */
	"\xe2\x80\x8e", "\xe2\x80\x8f",                 /* U+200E LRM, U+200F RLM */
	"\xe2\x80\xaa", "\xe2\x80\xab", "\xe2\x80\xac", /* U+202A..U+202C */
	"\xe2\x80\xad", "\xe2\x80\xae",                 /* U+202D LRO, U+202E RLO */
	"\xe2\x81\xa6", "\xe2\x81\xa7", "\xe2\x81\xa8", "\xe2\x81\xa9", /* isolates */
};

static void test_name_refuses_bidi_controls(void **state)
{
	static const struct param_field fields[] = {
		{ "name", PARAM_NAME, true, 1, 20, NULL },
		{ "n", PARAM_ACCOUNT_NAME, true, 1, 20, NULL },
	};
	for (size_t f = 0; f < sizeof(fields) / sizeof(fields[0]); f++) {
		for (size_t i = 0; i < sizeof(bidi_controls) / sizeof(bidi_controls[0]); i++) {
			struct param_value value;
			const char *raw = arena_printf(*state, "ab%scd", bidi_controls[i]);
			const char *error = param_check(*state, &fields[f], raw, &value);
			if (error == NULL || strcmp(error, "err.bidi") != 0)
				fail_msg("field %s, control %zu: got %s", fields[f].name, i,
				    error != NULL ? error : "ok");
		}
	}
	/* A control at either end is not trimmed away; it is refused. */
	struct param_value value;
	assert_string_equal(param_check(*state, &fields[0], "\xe2\x80\xae" "fdp.exe", &value),
	    "err.bidi");
	assert_string_equal(param_check(*state, &fields[1], "shop\xe2\x81\xa9", &value),
	    "err.bidi");
}

static void test_name_keeps_text_rules(void **state)
{
	static const struct param_field field = { "name", PARAM_NAME, true, 1, 6, NULL };
	static const struct row rows[] = {
		{ "VIP \xea\xb3\xa0\xea\xb0\x9d", NULL, NULL },      /* VIP 고객 */
		{ "\xd7\xa9\xd7\x9c\xd7\x95\xd7\x9d", NULL, NULL }, /* Hebrew is fine */
		{ "a\xe2\x80\x8b" "b", NULL, NULL },                 /* U+200B is not bidi */
		{ "abcdefg", "err.too_long", NULL },
		{ "a\nb", "err.control", NULL },
		{ "\xea\xb0", "err.encoding", NULL },
		{ "  ab  ", NULL, "ab" },
	};
	CHECK_ROWS(*state, &field, rows);
	/* Plain one-line text is not a name: message text may quote anything. */
	static const struct param_field text = { "q", PARAM_TEXT, false, 0, 20, NULL };
	static const struct row text_rows[] = { { "ab\xe2\x80\xae" "cd", NULL, NULL } };
	CHECK_ROWS(*state, &text, text_rows);
}

/* NFC: a decomposed 한 (U+1112 U+1161 U+11AB) becomes one code point, and
 * lengths count the composed text, so 20 decomposed syllables fit in 20. */
static void test_text_nfc(void **state)
{
	struct arena *arena = *state;
	static const struct param_field field = { "name", PARAM_TEXT, true, 1, 20 };
	static const struct row rows[] = {
		{ "\xe1\x84\x92\xe1\x85\xa1\xe1\x86\xab", NULL, "\xed\x95\x9c" },
		{ "e\xcc\x81", NULL, "\xc3\xa9" },        /* e + combining acute -> U+00E9 */
		{ "\xed\x95\x9c", NULL, "\xed\x95\x9c" }, /* already NFC */
		{ "abc", NULL, "abc" },
	};
	CHECK_ROWS(arena, &field, rows);
	char *decomposed = repeat(arena, "\xe1\x84\x92\xe1\x85\xa1\xe1\x86\xab", 20);
	struct param_value value;
	assert_null(param_check(arena, &field, decomposed, &value));
	assert_string_equal(value.text, repeat(arena, "\xed\x95\x9c", 20));
	char *too_long = repeat(arena, "\xe1\x84\x92\xe1\x85\xa1\xe1\x86\xab", 21);
	assert_string_equal(param_check(arena, &field, too_long, &value), "err.too_long");
}

/* PARAM_SEARCH: every Unicode space separator is a space, so it splits words
 * and is trimmed at the ends; other text, a zero-width space included, stays. */
static void test_search_spaces(void **state)
{
	struct arena *arena = *state;
	static const struct param_field field = { "q", PARAM_SEARCH, false, 0, 10 };
	static const struct row rows[] = {
		{ "\xec\x9e\xa5\xeb\xaf\xb8\xe3\x80\x80\xea\xbd\x83", NULL,
		  "\xec\x9e\xa5\xeb\xaf\xb8 \xea\xbd\x83" },               /* U+3000 */
		{ "a\xc2\xa0" "b", NULL, "a b" },                            /* U+00A0 */
		{ "a\xe2\x80\x80" "b\xe2\x80\x8a" "c\xe2\x80\xaf" "d", NULL, "a b c d" },
		{ "a\xe2\x81\x9f" "b\xe1\x9a\x80" "c", NULL, "a b c" },
		{ "\xe3\x80\x80\xe3\x80\x80" "x\xc2\xa0", NULL, "x" },   /* trimmed */
		{ "a\xe2\x80\x8b" "b", NULL, "a\xe2\x80\x8b" "b" },         /* U+200B is no space */
		{ "\xe2\x80\x89", NULL, "" },                                /* only a space: none */
		{ "a\tb", "err.control", NULL },
	};
	CHECK_ROWS(arena, &field, rows);
	struct param_value value;
	assert_null(param_check(arena, &field, "\xe3\x80\x80", &value));
	assert_false(value.present);
}

/* PARAM_LINES: CR LF and lone CR become LF before the length is counted. */
static void test_lines_crlf(void **state)
{
	static const struct param_field field = { "memo", PARAM_LINES, false, 0, 5 };
	static const struct row rows[] = {
		{ "a\r\nb", NULL, "a\nb" },
		{ "a\rb", NULL, "a\nb" },
		{ "a\r\n\r\nb", NULL, "a\n\nb" },
		{ "a\r\nb\r\nc", NULL, "a\nb\nc" }, /* 5 code points once normalised */
		{ "a\r\nb\r\nc\r\n!", "err.too_long", NULL },
	};
	CHECK_ROWS(*state, &field, rows);
	/* One-line text keeps refusing line breaks. */
	static const struct param_field one_line = { "title", PARAM_TEXT, false, 0, 10 };
	static const struct row refused[] = { { "a\r\nb", "err.control", NULL } };
	CHECK_ROWS(*state, &one_line, refused);
}

static void test_id(void **state)
{
	static const struct param_field field = { "room", PARAM_ID, true };
	static const struct row rows[] = {
		{ "1", NULL, "1" }, { "9223372036854775807", NULL, NULL },
		{ "0", "err.id", NULL }, { "-1", "err.id", NULL }, { "01x", "err.id", NULL },
		{ "9223372036854775808", "err.id", NULL }, { " 7 ", NULL, "7" },
		{ "", "err.required", NULL }, { NULL, "err.required", NULL },
	};
	CHECK_ROWS(*state, &field, rows);
	struct param_value value;
	assert_null(param_check(*state, &field, "42", &value));
	assert_int_equal(value.number, 42);
}

static void test_client_id(void **state)
{
	static const struct param_field field = { "client_id", PARAM_CLIENT_ID, false };
	static const struct row rows[] = {
		{ "abcdEFGH", NULL, NULL }, { "a-b_c-d_1234", NULL, NULL },
		{ "abcdefg", "err.choice", NULL },                   /* 7: too short */
		{ "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa", NULL, NULL },
		{ "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa", "err.choice", NULL },
		{ "abcd efgh", "err.choice", NULL }, { "abcd<efg>", "err.choice", NULL },
		{ "", NULL, NULL },
	};
	CHECK_ROWS(*state, &field, rows);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_text_length_in_code_points, setup, teardown),
		cmocka_unit_test_setup_teardown(test_text_nfc, setup, teardown),
		cmocka_unit_test_setup_teardown(test_lines_crlf, setup, teardown),
		cmocka_unit_test_setup_teardown(test_search_spaces, setup, teardown),
		cmocka_unit_test_setup_teardown(test_id, setup, teardown),
		cmocka_unit_test_setup_teardown(test_client_id, setup, teardown),
		cmocka_unit_test_setup_teardown(test_text_control_characters, setup, teardown),
		cmocka_unit_test_setup_teardown(test_text_invalid_utf8, setup, teardown),
		cmocka_unit_test_setup_teardown(test_text_no_maximum, setup, teardown),
		cmocka_unit_test_setup_teardown(test_required_and_optional_empty, setup, teardown),
		cmocka_unit_test_setup_teardown(test_password_blanks_are_kept, setup, teardown),
		cmocka_unit_test_setup_teardown(test_email, setup, teardown),
		cmocka_unit_test_setup_teardown(test_email_length, setup, teardown),
		cmocka_unit_test_setup_teardown(test_password_lengths, setup, teardown),
		cmocka_unit_test_setup_teardown(test_password_characters, setup, teardown),
		cmocka_unit_test_setup_teardown(test_checkbox, setup, teardown),
		cmocka_unit_test_setup_teardown(test_choice, setup, teardown),
		cmocka_unit_test_setup_teardown(test_int_range, setup, teardown),
		cmocka_unit_test_setup_teardown(test_int_junk, setup, teardown),
		cmocka_unit_test_setup_teardown(test_int_full_range, setup, teardown),
		cmocka_unit_test_setup_teardown(test_token, setup, teardown),
		cmocka_unit_test_setup_teardown(test_url_good, setup, teardown),
		cmocka_unit_test_setup_teardown(test_url_bad, setup, teardown),
		cmocka_unit_test_setup_teardown(test_url_invalid_utf8, setup, teardown),
		cmocka_unit_test_setup_teardown(test_url_length, setup, teardown),
		cmocka_unit_test_setup_teardown(test_phone, setup, teardown),
		cmocka_unit_test_setup_teardown(test_brn_known_valid, setup, teardown),
		cmocka_unit_test_setup_teardown(test_brn_normalised, setup, teardown),
		cmocka_unit_test_setup_teardown(test_brn_wrong_check_digit, setup, teardown),
		cmocka_unit_test_setup_teardown(test_brn_shape, setup, teardown),
		cmocka_unit_test_setup_teardown(test_account_name_good, setup, teardown),
		cmocka_unit_test_setup_teardown(test_account_name_bad, setup, teardown),
		cmocka_unit_test_setup_teardown(test_name_refuses_bidi_controls, setup, teardown),
		cmocka_unit_test_setup_teardown(test_name_keeps_text_rules, setup, teardown),
	};
	return cmocka_run_group_tests_name("param", tests, NULL, NULL);
}
