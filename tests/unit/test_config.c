/* config: the key table in src/config.c and conf/sangdam.conf.example name the
 * same keys, integer keys there show the table's defaults, and the table's
 * defaults and ranges are what config_num/config_str and the older forms give. */
#include "config.h"

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
		if (in_table(key) && config_num(key) != value) {
			print_error("%s: the example says %lld, the table %lld\n", key, value, config_num(key));
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
	config_set("workers", "7");
	assert_int_equal(config_num("workers"), 7);
	/* the older form: the table's range wins over the caller's */
	assert_int_equal(config_int("workers", 2, 1, 5), 7);
	config_set("workers", "65");
	assert_int_equal(config_num("workers"), 2); /* out of the table's range: default */
	config_set("workers", "two");
	assert_int_equal(config_int("workers", 3, 1, 64), 2);
	/* the older form with the table's default, and a key the table lacks */
	assert_string_equal(config_get("argon2", "interactive"), "interactive");
	assert_string_equal(config_get("no_such_key", "fallback"), "fallback");
	assert_int_equal(config_int("no_such_key", 9, 1, 10), 9);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_example_and_table_name_the_same_keys),
		cmocka_unit_test(test_example_integers_are_the_defaults),
		cmocka_unit_test(test_defaults_and_ranges_come_from_the_table),
	};
	return cmocka_run_group_tests_name("config", tests, NULL, NULL);
}
