/* Unit tests of zip_guard: safe and unsafe entry names, and archives built
 * here with libzip that are refused for ratio, count, nesting and paths. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "zip_guard.h"

static const struct zip_limits limits = {
	.max_entries = 10, .max_total_bytes = 1 << 20, .max_ratio = 100, .refuse_nested = true,
};

static void test_paths(void **state)
{
	(void)state;
	static const char *const good[] = { "a.txt", "dir/", "첨부/사진.png", "a/b/c.json" };
	static const char *const bad[] = { "", "/etc/passwd", "../x", "a/../../x", "a\\b",
		"C:x", "a//b", "./a", "a/." };
	for (size_t i = 0; i < sizeof(good) / sizeof(good[0]); i++)
		assert_true(zip_guard_path_safe(good[i]));
	for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++)
		assert_false(zip_guard_path_safe(bad[i]));
}

/* Builds a zip at path with count entries named name%d holding size bytes
 * of one letter (compresses far over 100:1 when size is large). */
static void build(const char *path, const char *name, int count, size_t size)
{
	int error;
	zip_t *archive = zip_open(path, ZIP_CREATE | ZIP_TRUNCATE, &error);
	assert_non_null(archive);
	char *data = malloc(size + 1);
	memset(data, 'a', size);
	for (int i = 0; i < count; i++) {
		char entry[64];
		snprintf(entry, sizeof(entry), name, i);
		zip_source_t *source = zip_source_buffer(archive, data, size, 0);
		assert_true(zip_file_add(archive, entry, source, ZIP_FL_ENC_UTF_8) >= 0);
	}
	assert_int_equal(zip_close(archive), 0);
	free(data);
}

/* The verdict on the archive at path. */
static enum zip_verdict judge(const char *path)
{
	int error;
	zip_t *archive = zip_open(path, ZIP_RDONLY, &error);
	if (archive == NULL)
		return ZIP_GUARD_UNREADABLE;
	enum zip_verdict verdict = zip_guard_check(archive, &limits, NULL);
	zip_discard(archive);
	return verdict;
}

static void test_archives(void **state)
{
	(void)state;
	char path[] = "/tmp/zip_guard_XXXXXX";
	int fd = mkstemp(path);
	assert_true(fd >= 0);
	close(fd);
	build(path, "part%d.xml", 3, 1000);
	assert_int_equal(judge(path), ZIP_GUARD_OK);
	build(path, "bomb%d.xml", 1, 500000);
	assert_int_equal(judge(path), ZIP_GUARD_RATIO);
	build(path, "many%d.txt", 11, 10);
	assert_int_equal(judge(path), ZIP_GUARD_ENTRIES);
	build(path, "inner%d.zip", 1, 10);
	assert_int_equal(judge(path), ZIP_GUARD_NESTED);
	build(path, "../up%d.txt", 1, 10);
	assert_int_equal(judge(path), ZIP_GUARD_PATH);
	FILE *file = fopen(path, "w");
	fputs("not a zip", file);
	fclose(file);
	assert_int_equal(judge(path), ZIP_GUARD_UNREADABLE);
	unlink(path);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_paths),
		cmocka_unit_test(test_archives),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
