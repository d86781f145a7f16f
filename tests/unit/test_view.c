/* Unit tests of view (the ctemplate wrapper, view.h): values, sections,
 * rows and includes named through its table of entered names render as
 * named, from several threads at once, and still do past the table's size
 * (a name made of input is not entered, and not lost). */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "view.h"

static char dir[] = "/tmp/sangdam-test-view.XXXXXX";

static void write_file(const char *name, const char *text)
{
	char path[256];
	snprintf(path, sizeof(path), "%s/%s", dir, name);
	FILE *file = fopen(path, "w");
	assert_non_null(file);
	fputs(text, file);
	fclose(file);
}

static int setup(void **state)
{
	(void)state;
	if (mkdtemp(dir) == NULL)
		return -1;
	char path[256];
	snprintf(path, sizeof(path), "%s/i18n", dir);
	mkdir(path, 0700);
	for (int i = 0; i < 2; i++) {
		snprintf(path, sizeof(path), "%s/i18n/%s", dir, i == 0 ? "ko" : "en");
		mkdir(path, 0700);
	}
	write_file("i18n/ko/t.txt", "t.word = 낱말\n");
	write_file("i18n/en/t.txt", "t.word = word\n");
	write_file("page_t.tpl", "{{%AUTOESCAPE context=\"HTML\"}}"
	    "[{{A}}|{{#S}}s{{/S}}|{{#ROW}}<{{V}}>{{/ROW}}|{{>PART}}|[[t.word]]]");
	write_file("part_t.tpl", "{{%AUTOESCAPE context=\"HTML\"}}({{P}})");
	return view_init(dir);
}

static int teardown(void **state)
{
	(void)state;
	char command[300];
	snprintf(command, sizeof(command), "rm -rf '%s'", dir);
	return system(command) == 0 ? 0 : -1;
}

/* Renders page_t with each kind of name set, after extra distinct names
 * made from prefix; returns the page (malloc'd). */
static char *render(const char *prefix, int extra)
{
	struct view *page = view_new("ko");
	char name[64];
	for (int i = 0; i < extra; i++) {
		snprintf(name, sizeof(name), "%s_%d", prefix, i);
		view_set(page, name, "x");
		view_show(page, name);
	}
	view_set(page, "A", "<a&b>");
	view_show(page, "S");
	for (int i = 1; i <= 2; i++)
		view_set_int(view_add_row(page, "ROW"), "V", i);
	view_set(view_include(page, "PART", "part_t"), "P", "p");
	size_t length;
	char *html = view_render(page, "page_t", &length);
	view_free(page);
	return html;
}

static const char expected[] = "[&lt;a&amp;b&gt;|s|<1><2>|(p)|낱말]";

static void test_names_render(void **state)
{
	(void)state;
	for (int i = 0; i < 3; i++) { /* entered, then found */
		char *html = render("FIRST", 10);
		assert_string_equal(html, expected);
		free(html);
	}
}

static void *render_in_thread(void *prefix)
{
	for (int i = 0; i < 50; i++) {
		char *html = render(prefix, 20);
		if (html == NULL || strcmp(html, expected) != 0) {
			free(html);
			return (void *)1;
		}
		free(html);
	}
	return NULL;
}

static void test_names_from_threads(void **state)
{
	(void)state;
	pthread_t threads[4];
	static const char *const prefixes[] = { "T", "T", "U", "V" };
	for (int i = 0; i < 4; i++)
		assert_int_equal(pthread_create(&threads[i], NULL, render_in_thread,
		    (void *)prefixes[i]), 0);
	for (int i = 0; i < 4; i++) {
		void *failed;
		assert_int_equal(pthread_join(threads[i], &failed), 0);
		assert_null(failed);
	}
}

static void test_names_past_the_table(void **state)
{
	(void)state;
	/* more distinct names than the table holds: the later ones, and names
	 * new after them, render all the same */
	char *html = render("MANY", 5000);
	assert_string_equal(html, expected);
	free(html);
	struct view *page = view_new("en");
	view_set(page, "LATE_NAME_0", "late");
	view_set(page, "A", "late");
	size_t length;
	char *late = view_render(page, "page_t", &length);
	view_free(page);
	assert_string_equal(late, "[late||||word]");
	free(late);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_names_render),
		cmocka_unit_test(test_names_from_threads),
		cmocka_unit_test(test_names_past_the_table),
	};
	return cmocka_run_group_tests_name("view", tests, setup, teardown);
}
