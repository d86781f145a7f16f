/* Unit tests of page's JSON escaper: the one place JSON strings are made. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <string.h>

#include "arena.h"
#include "page.h"

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

static const char *escaped(struct arena *arena, const char *text)
{
	struct strbuf out;
	strbuf_init(&out, arena);
	page_json_string(&out, text);
	return strbuf_text(&out);
}

static void test_json_string(void **state)
{
	static const struct {
		const char *text, *json;
	} rows[] = {
		{ "", "\"\"" },
		{ "plain", "\"plain\"" },
		{ "a\"b\\c", "\"a\\\"b\\\\c\"" },
		{ "line\nbreak\ttab\r", "\"line\\u000abreak\\u0009tab\\u000d\"" },
		{ "<script>&</script>", "\"\\u003cscript\\u003e\\u0026\\u003c/script\\u003e\"" },
		{ "\x7f\x01", "\"\\u007f\\u0001\"" },
		{ "\xed\x95\x9c\xea\xb8\x80", "\"\xed\x95\x9c\xea\xb8\x80\"" }, /* UTF-8 kept */
	};
	for (size_t i = 0; i < sizeof(rows) / sizeof(rows[0]); i++)
		assert_string_equal(escaped(*state, rows[i].text), rows[i].json);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_json_string, setup, teardown),
	};
	return cmocka_run_group_tests_name("page", tests, NULL, NULL);
}
