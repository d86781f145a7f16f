/* Unit tests of csv_out: RFC 4180 quoting, line breaks kept inside quotes,
 * and formula cells neutralised (each of = + - @ tab CR). */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <string.h>

#include "arena.h"
#include "csv_out.h"

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

static void test_row_quoting(void **state)
{
	struct strbuf out;
	strbuf_init(&out, *state);
	csv_bom(&out);
	csv_cell(&out, "배송 \"빨리\"", false);
	csv_cell(&out, "줄\r\n바꿈", false);
	csv_cell(&out, NULL, true);
	assert_string_equal(strbuf_text(&out),
	    "\xEF\xBB\xBF\"배송 \"\"빨리\"\"\",\"줄\r\n바꿈\",\"\"\r\n");
}

static void test_formula_neutralised(void **state)
{
	static const char *const cells[][2] = {
		{ "=HYPERLINK(\"x\")", "\"'=HYPERLINK(\"\"x\"\")\"\r\n" },
		{ "+1", "\"'+1\"\r\n" }, { "-1", "\"'-1\"\r\n" }, { "@SUM(A1)", "\"'@SUM(A1)\"\r\n" },
		{ "\tx", "\"'\tx\"\r\n" }, { "\rx", "\"'\rx\"\r\n" }, { "a=1", "\"a=1\"\r\n" },
	};
	for (size_t i = 0; i < sizeof(cells) / sizeof(cells[0]); i++) {
		struct strbuf out;
		strbuf_init(&out, *state);
		csv_cell(&out, cells[i][0], true);
		assert_string_equal(strbuf_text(&out), cells[i][1]);
	}
}

static void test_long_cell(void **state)
{
	char text[3000];
	memset(text, 'a', sizeof(text) - 1);
	text[sizeof(text) - 1] = '\0';
	struct strbuf out;
	strbuf_init(&out, *state);
	csv_cell(&out, text, false);
	assert_int_equal(out.length, sizeof(text) - 1 + 3);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_row_quoting, setup, teardown),
		cmocka_unit_test_setup_teardown(test_formula_neutralised, setup, teardown),
		cmocka_unit_test_setup_teardown(test_long_cell, setup, teardown),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
