/* Unit tests of the worker's export_part (cgi-bin/worker/export_part.c,
 * compiled in here): a text file written through the part's pipe, deflated
 * by ISA-L on its thread and copied raw into a zip, reads back from that zip
 * byte for byte through libzip, which checks the entry's CRC-32 and sizes,
 * and the part's SHA-256 equals one computed apart.
 * Sizes cover an empty file, one smaller than a buffer, and several buffers
 * of mixed Korean and ASCII text with repeated and unrepeated stretches. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "../../cgi-bin/worker/export_part.c"
#include "arena.h"

/* length bytes of text: rows of Korean and ASCII, every row with a counter
 * so that the deflater meets both matches and new bytes. */
static char *sample_text(size_t length)
{
	static const char *const words[] = { "배송", "언제 오나요?", "\"quoted\"", "😀",
	    "=HYPERLINK(\"x\")", "\r\n", "환불 문의드립니다", "abc" };
	char *text = malloc(length + 64);
	assert_non_null(text);
	size_t have = 0;
	unsigned long row = 0;
	while (have < length) {
		int n = snprintf(text + have, 64, "%lu,%s,%lu\n", row,
		    words[row % 8], (row * 2654435761UL) % 1000003UL);
		have += (size_t)n;
		row++;
	}
	return text;
}

/* Writes length bytes through a part, adds it to a new zip, and reads the
 * entry back. */
static void round_trip(size_t length)
{
	char folder[] = "/tmp/sangdam-export-part.XXXXXX";
	assert_non_null(mkdtemp(folder));
	char part_path[128], zip_path[128];
	snprintf(part_path, sizeof(part_path), "%s/messages.csv.deflate", folder);
	snprintf(zip_path, sizeof(zip_path), "%s/backup.zip", folder);
	char *text = sample_text(length);

	struct export_part part;
	FILE *file;
	assert_int_equal(export_part_open(&part, part_path, "메시지.csv", &file), 0);
	assert_int_equal(fwrite(text, 1, length, file), length);
	assert_int_equal(fclose(file), 0);
	assert_int_equal(export_part_finish(&part), 0);
	assert_int_equal(part.size, length);
	/* the manifest's digest, computed on the part's thread */
	struct arena *arena = arena_new();
	struct sha256 expected;
	assert_int_equal(sha256_start(&expected), 0);
	sha256_add(&expected, text, length);
	assert_string_equal(sha256_hex(&part.hash, arena), sha256_hex(&expected, arena));
	arena_free(arena);

	int error = 0;
	zip_t *archive = zip_open(zip_path, ZIP_CREATE | ZIP_EXCL, &error);
	assert_non_null(archive);
	assert_int_equal(export_part_add(&part, archive), 0);
	assert_int_equal(zip_close(archive), 0);
	export_part_free(&part);

	archive = zip_open(zip_path, ZIP_RDONLY | ZIP_CHECKCONS, &error);
	assert_non_null(archive);
	zip_stat_t stat;
	assert_int_equal(zip_stat(archive, "메시지.csv", 0, &stat), 0);
	assert_int_equal(stat.size, length);
	assert_int_equal(stat.comp_method, ZIP_CM_DEFLATE);
	zip_file_t *entry = zip_fopen(archive, "메시지.csv", 0);
	assert_non_null(entry);
	char *back = malloc(length + 1);
	assert_non_null(back);
	/* one read past the end: libzip checks the CRC-32 when the stream ends */
	assert_int_equal(zip_fread(entry, back, length + 1), (zip_int64_t)length);
	assert_int_equal(zip_fread(entry, back, 1), 0);
	assert_memory_equal(back, text, length);
	assert_int_equal(zip_fclose(entry), 0);
	zip_discard(archive);

	free(back);
	free(text);
	unlink(part_path);
	unlink(zip_path);
	rmdir(folder);
}

static void test_empty_file(void **state)
{
	(void)state;
	round_trip(0);
}

static void test_small_file(void **state)
{
	(void)state;
	round_trip(1000);
}

static void test_file_of_many_buffers(void **state)
{
	(void)state;
	round_trip(5 * EXPORT_PART_BUFFER + 12345);
}

/* A part that cannot be written (its folder is missing) makes the writer's
 * writes fail instead of blocking it, and its finish reports the failure. */
static void test_failed_part_fails_the_writer(void **state)
{
	(void)state;
	struct export_part part;
	FILE *file;
	assert_int_equal(export_part_open(&part, "/nonexistent-sangdam/m.deflate", "m.csv",
	    &file), 0);
	size_t length = 4 * EXPORT_PART_BUFFER;
	char *text = sample_text(length);
	size_t written = fwrite(text, 1, length, file);
	int flushed = fflush(file);
	assert_true(written < length || flushed != 0);
	fclose(file);
	assert_int_equal(export_part_finish(&part), -1);
	export_part_free(&part);
	free(text);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_empty_file),
		cmocka_unit_test(test_small_file),
		cmocka_unit_test(test_file_of_many_buffers),
		cmocka_unit_test(test_failed_part_fails_the_writer),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
