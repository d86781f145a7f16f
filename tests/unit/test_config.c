/* config: the key table in src/config.c and conf/sangdam.conf.example name the
 * same keys, integer keys there show the table's defaults, the table's
 * defaults and ranges are what config_num/config_str give, and every key the
 * sources read is in the table. */
#include "config.h"

#include <glob.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

/* The example file, found from this source file's place in the tree. */
static FILE *open_example(void)
{
	char path[4096];
	const char *slash = strrchr(__FILE__, '/');
	int length = slash == NULL ? 0 : (int)(slash - __FILE__);
	snprintf(path, sizeof(path), "%.*s%s../../conf/sangdam.conf.example", length, __FILE__,
	    slash == NULL ? "" : "/");
	FILE *file = fopen(path, "r");
	if (file == NULL)
		file = fopen("conf/sangdam.conf.example", "r");
	if (file == NULL)
		fail_msg("cannot read conf/sangdam.conf.example (from %s)", path);
	return file;
}

static bool in_table(const char *key)
{
	for (size_t i = 0; config_key_at(i) != NULL; i++)
		if (strcmp(config_key_at(i), key) == 0)
			return true;
	return false;
}

static void test_example_and_table_name_the_same_keys(void **state)
{
	(void)state;
	FILE *file = open_example();
	char line[4096];
	char seen[4096] = " ";
	int problems = 0;
	while (fgets(line, sizeof(line), file) != NULL) {
		char key[128];
		if (line[0] == '#' || sscanf(line, " %127[a-z0-9_] =", key) != 1)
			continue;
		if (!in_table(key)) {
			print_error("conf/sangdam.conf.example has %s, which the table in src/config.c lacks\n", key);
			problems++;
		}
		strncat(seen, key, sizeof(seen) - strlen(seen) - 2);
		strcat(seen, " ");
	}
	fclose(file);
	for (size_t i = 0; config_key_at(i) != NULL; i++) {
		char word[160];
		snprintf(word, sizeof(word), " %s ", config_key_at(i));
		if (strstr(seen, word) == NULL) {
			print_error("key %s of src/config.c is missing from conf/sangdam.conf.example\n",
			    config_key_at(i));
			problems++;
		}
	}
	assert_int_equal(problems, 0);
}

static void test_example_integers_are_the_defaults(void **state)
{
	(void)state;
	FILE *file = open_example();
	char line[4096];
	int problems = 0;
	while (fgets(line, sizeof(line), file) != NULL) {
		char key[128];
		long long value;
		if (line[0] == '#' || sscanf(line, " %127[a-z0-9_] = %lld", key, &value) != 2)
			continue;
		char text[32];
		snprintf(text, sizeof(text), "%lld", value);
		if (in_table(key) && strcmp(config_str(key) != NULL ? config_str(key) : "", text) != 0) {
			print_error("%s: the example says %lld, the table %s\n", key, value, config_str(key));
			problems++;
		}
	}
	fclose(file);
	assert_int_equal(problems, 0);
}

static void test_defaults_and_ranges_come_from_the_table(void **state)
{
	(void)state;
	assert_int_equal(config_num("workers"), 2);
	assert_string_equal(config_str("mail_from"), "sangdam@localhost");
	assert_null(config_str("upload_dir"));
	assert_false(config_flag("cookie_secure"));
	config_set("cookie_secure", "1");
	assert_true(config_flag("cookie_secure"));
	config_set("workers", "7");
	assert_int_equal(config_num("workers"), 7);
	config_set("workers", "65");
	assert_int_equal(config_num("workers"), 2); /* out of the table's range: default */
	config_set("workers", "two");
	assert_int_equal(config_num("workers"), 2);
}

/* Reads one source file and fails for each config_str/num/flag("KEY") whose
 * key the table lacks (such a call would abort at run time). */
static int check_source(const char *path)
{
	FILE *file = fopen(path, "r");
	if (file == NULL)
		fail_msg("cannot read %s", path);
	static const char *const calls[] = { "config_str(\"", "config_num(\"", "config_flag(\"" };
	char line[4096];
	int problems = 0, found = 0;
	while (fgets(line, sizeof(line), file) != NULL)
		for (size_t c = 0; c < sizeof(calls) / sizeof(calls[0]); c++)
			for (char *p = strstr(line, calls[c]); p != NULL; p = strstr(p + 1, calls[c])) {
				char *key = p + strlen(calls[c]);
				char *end = strchr(key, '"');
				if (end == NULL)
					continue;
				*end = '\0';
				found++;
				if (!in_table(key)) {
					print_error("%s: config key %s is not in the table\n", path, key);
					problems++;
				}
				*end = '"';
			}
	fclose(file);
	return problems;
}

static void test_every_key_read_is_in_the_table(void **state)
{
	(void)state;
	char root[4096];
	const char *slash = strrchr(__FILE__, '/');
	int length = slash == NULL ? 0 : (int)(slash - __FILE__);
	snprintf(root, sizeof(root), "%.*s%s../..", length, __FILE__, slash == NULL ? "." : "/");
	static const char *const patterns[] = { "src/*.c", "src/*.cc", "cgi-bin/*/*.c" };
	int problems = 0;
	size_t files = 0;
	for (size_t i = 0; i < sizeof(patterns) / sizeof(patterns[0]); i++) {
		char pattern[4200];
		snprintf(pattern, sizeof(pattern), "%s/%s", root, patterns[i]);
		glob_t matches;
		if (glob(pattern, 0, NULL, &matches) != 0)
			continue;
		for (size_t m = 0; m < matches.gl_pathc; m++, files++)
			problems += check_source(matches.gl_pathv[m]);
		globfree(&matches);
	}
	assert_true(files > 20);
	assert_int_equal(problems, 0);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_example_and_table_name_the_same_keys),
		cmocka_unit_test(test_example_integers_are_the_defaults),
		cmocka_unit_test(test_defaults_and_ranges_come_from_the_table),
		cmocka_unit_test(test_every_key_read_is_in_the_table),
	};
	return cmocka_run_group_tests_name("config", tests, NULL, NULL);
}
