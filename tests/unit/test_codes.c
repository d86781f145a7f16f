/* Unit tests of codes: the readers on the fixtures of fixtures/codes (every
 * encoding, csv, xls, xlsx, and the files refused), the limits, the
 * generated codes and the win probability parser (COUP-2, COUP-3). */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <sodium.h>

#include "codes.h"
#include "fixtures.h"

static char fixture_dir[PATH_MAX];

/* fixtures/codes under the working folder or beside the build folder. */
static int find_fixtures(void)
{
	return fixtures_find(fixture_dir, sizeof(fixture_dir), "/codes", "utf8.txt");
}

/* What a sink saw: the first 32 codes and their lines. */
struct seen {
	int count;
	int stop_at;      /* return 7 at this code (1-based), 0: never */
	long long lines[32];
	char codes[32][CODES_MAX_LENGTH * 4 + 1];
};

static int collect(void *ctx, const char *code, size_t length, long long line)
{
	struct seen *seen = ctx;
	assert_int_equal(strlen(code), length);
	if (seen->count < 32) {
		seen->lines[seen->count] = line;
		memcpy(seen->codes[seen->count], code, length + 1);
	}
	seen->count++;
	return seen->count == seen->stop_at ? 7 : 0;
}

static int read_fixture(const char *name, struct seen *seen, struct codes_report *report)
{
	char path[PATH_MAX * 2];
	snprintf(path, sizeof(path), "%s/%s", fixture_dir, name);
	memset(seen, 0, sizeof(*seen));
	return codes_read_file(path, collect, seen, report);
}

/* The codes of every fixture (LINES in make_codes.py): the duplicate on lines
 * 3 and 9 is read twice (SQL finds it), the two problems by line. */
static const struct {
	long long line;
	const char *code;
} expected[] = {
	{ 1, "AB3C-1001" },
	{ 2, "상담쿠폰2002" },
	{ 3, "DUP-3003" },
	{ 6, "ABCDEFGHIJKLMNOPQRSTUVWX" },
	{ 9, "DUP-3003" },
	{ 10, "쿠폰-마지막" },
	{ 11, "123456789" },
	{ 12, "RICH-12" },
};

/* Checks the first count expected codes and the two problems. */
static void check_lines(const char *name, int count, long long lines)
{
	struct seen seen;
	struct codes_report report;
	print_message("# %s\n", name);
	assert_int_equal(read_fixture(name, &seen, &report), 0);
	assert_int_equal(seen.count, count);
	assert_int_equal(report.codes, count);
	for (int i = 0; i < count; i++) {
		assert_int_equal(seen.lines[i], expected[i].line);
		assert_string_equal(seen.codes[i], expected[i].code);
	}
	assert_int_equal(report.lines, lines);
	assert_int_equal(report.bad, 2);
	assert_int_equal(report.first_count, 2);
	assert_int_equal(report.first[0].line, 5);
	assert_int_equal(report.first[0].kind, CODES_TOO_LONG);
	assert_int_equal(report.first[1].line, 8);
	assert_int_equal(report.first[1].kind, CODES_BAD_CHAR);
}

static void test_text(void **state)
{
	(void)state;
	static const char *const names[] = {
		"utf8.txt", "utf8-bom-crlf.txt", "cr.txt", "cp949.txt", "utf16le.txt",
		"utf16be.txt", "codes.csv", "cp949.csv",
	};
	for (size_t i = 0; i < sizeof(names) / sizeof(names[0]); i++)
		check_lines(names[i], 6, 10);
}

static void test_sheets(void **state)
{
	(void)state;
	check_lines("codes.xls", 7, 11);
	check_lines("codes.xlsx", 8, 12);
}

/* Zip bombs, an XML entity, a PNG named .csv, a zip or a document that is
 * not a workbook, a script, a missing file. */
static void test_refused(void **state)
{
	(void)state;
	struct seen seen;
	struct codes_report report;
	assert_int_equal(read_fixture("bomb.xlsx", &seen, &report), CODES_EBOMB);
	assert_int_equal(read_fixture("doctype.xlsx", &seen, &report), CODES_EBOMB);
	assert_int_equal(read_fixture("dtd.xlsx", &seen, &report), CODES_EBOMB);
	assert_int_equal(seen.count, 0);
	/* The sheet inflates past the 1,000 bytes its headers declare. */
	assert_int_equal(read_fixture("liar.xlsx", &seen, &report), CODES_EBOMB);
	/* An xls whose declared size would make freexl allocate 268 MB. */
	assert_int_equal(read_fixture("huge.xls", &seen, &report), CODES_EBOMB);
	assert_true(seen.count < 100);
	assert_int_equal(read_fixture("../archive.zip", &seen, &report), CODES_ETYPE);
	assert_int_equal(read_fixture("../document.docx", &seen, &report), CODES_ETYPE);
	assert_int_equal(read_fixture("image.csv", &seen, &report), CODES_ETYPE);
	assert_int_equal(read_fixture("missing.txt", &seen, &report), CODES_EUNREADABLE);
	assert_int_equal(read_fixture("make_codes.py", &seen, &report), CODES_ETYPE);
}

/* codes_type_check on the first bytes of fixture name (at most 64 KiB, as a
 * form holds them): its result. */
static int type_of_fixture(const char *name)
{
	char path[PATH_MAX * 2];
	static unsigned char data[64 * 1024];
	snprintf(path, sizeof(path), "%s/%s", fixture_dir, name);
	FILE *file = fopen(path, "rb");
	assert_non_null(file);
	size_t size = fread(data, 1, sizeof(data), file);
	fclose(file);
	return codes_type_check(data, size);
}

/* The form's type check (COUP-2) says what codes_read_file would of the type. */
static void test_type_check(void **state)
{
	(void)state;
	static const char *const readable[] = {
		"utf8.txt", "cp949.txt", "utf16le.txt", "utf16be.txt", "codes.csv", "codes.xls",
		"codes.xlsx",
	};
	for (size_t i = 0; i < sizeof(readable) / sizeof(readable[0]); i++)
		assert_int_equal(type_of_fixture(readable[i]), 0);
	assert_int_equal(type_of_fixture("image.csv"), CODES_ETYPE);
	assert_int_equal(type_of_fixture("../document.docx"), CODES_ETYPE);
	assert_int_equal(type_of_fixture("../document.pdf"), CODES_ETYPE);
	assert_int_equal(type_of_fixture("make_codes.py"), CODES_ETYPE);
}

static void test_sink_stops(void **state)
{
	(void)state;
	struct seen seen;
	struct codes_report report;
	char path[PATH_MAX * 2];
	snprintf(path, sizeof(path), "%s/utf8.txt", fixture_dir);
	memset(&seen, 0, sizeof(seen));
	seen.stop_at = 3;
	assert_int_equal(codes_read_file(path, collect, &seen, &report), 7);
	assert_int_equal(seen.count, 3);
	assert_int_equal(report.lines, 3);
}

/* Writes text to a temporary file; its path is in path (PATH_MAX). */
static void write_temp(char *path, const char *text, size_t length)
{
	snprintf(path, PATH_MAX, "/tmp/test_codes_XXXXXX");
	int fd = mkstemp(path);
	assert_true(fd >= 0);
	assert_int_equal(write(fd, text, length), (ssize_t)length);
	close(fd);
}

/* 150 bad lines: all counted, the first 100 kept; a long line is too long
 * and the lines after it keep their numbers. */
static void test_problems(void **state)
{
	(void)state;
	size_t size = 200 * 8 + 10000;
	char *text = calloc(1, size), path[PATH_MAX];
	size_t length = 0;
	for (int i = 0; i < 150; i++)
		length += (size_t)sprintf(text + length, "X\t%d\n", i);
	memset(text + length, 'L', 6000);
	length += 6000;
	length += (size_t)sprintf(text + length, "\nLAST\n");
	write_temp(path, text, length);
	struct seen seen = { 0 };
	struct codes_report report;
	assert_int_equal(codes_read_file(path, collect, &seen, &report), 0);
	assert_int_equal(report.bad, 151);
	assert_int_equal(report.first_count, 100);
	assert_int_equal(report.first[99].line, 100);
	assert_int_equal(report.first[99].kind, CODES_BAD_CHAR);
	assert_int_equal(seen.count, 1);
	assert_int_equal(seen.lines[0], 152);
	assert_int_equal(report.lines, 152);
	unlink(path);
	free(text);
}

/* A quoted field over several lines (CRLF inside): the records after it keep
 * their line numbers; a first field over two lines is a bad one, on the line
 * it begins. */
static void test_csv_quoted_lines(void **state)
{
	(void)state;
	static const char text[] = "A-1,x\r\nA-2,\"two\r\nlines\"\r\n\r\nA-4,y\r\n\"B\nAD\",z\nA-7";
	char path[PATH_MAX];
	write_temp(path, text, sizeof(text) - 1);
	struct seen seen = { 0 };
	struct codes_report report;
	assert_int_equal(codes_read_file(path, collect, &seen, &report), 0);
	assert_int_equal(seen.count, 4);
	assert_int_equal(seen.lines[1], 2);
	assert_string_equal(seen.codes[2], "A-4");
	assert_int_equal(seen.lines[2], 5);
	assert_int_equal(seen.lines[3], 8);
	assert_int_equal(report.bad, 1);
	assert_int_equal(report.first[0].line, 6);
	assert_int_equal(report.lines, 8);
	unlink(path);
}

/* A CRLF split between two 64 KiB reads is one line end. */
static void test_crlf_across_reads(void **state)
{
	(void)state;
	size_t length = 65535 + 2 + 4;
	char *text = malloc(length), path[PATH_MAX];
	memset(text, 'A', 65535);
	memcpy(text + 65535, "\r\nB-2\n", 6);
	write_temp(path, text, length);
	struct seen seen = { 0 };
	struct codes_report report;
	assert_int_equal(codes_read_file(path, collect, &seen, &report), 0);
	assert_int_equal(seen.count, 1);
	assert_int_equal(seen.lines[0], 2);
	assert_int_equal(report.first[0].kind, CODES_TOO_LONG);
	unlink(path);
	free(text);
}

/* A CP949 file with a byte CP949 cannot decode: that line is a bad one. */
static void test_cp949_undecodable(void **state)
{
	(void)state;
	static const char text[] = "\xbb\xf3\xb4\xe3-1\n\xff\xff-2\nA-3\n";
	char path[PATH_MAX];
	write_temp(path, text, sizeof(text) - 1);
	struct seen seen = { 0 };
	struct codes_report report;
	assert_int_equal(codes_read_file(path, collect, &seen, &report), 0);
	assert_int_equal(seen.count, 2);
	assert_string_equal(seen.codes[0], "상담-1");
	assert_int_equal(seen.lines[1], 3);
	assert_int_equal(report.bad, 1);
	assert_int_equal(report.first[0].line, 2);
	assert_int_equal(report.first[0].kind, CODES_BAD_CHAR);
	unlink(path);
}

/* Writes count lines "C<number>" to path. */
static void write_codes(const char *path, long count)
{
	FILE *file = fopen(path, "w");
	assert_non_null(file);
	for (long i = 0; i < count; i++)
		fprintf(file, "C%ld\n", i);
	assert_int_equal(fclose(file), 0);
}

static int count_only(void *ctx, const char *code, size_t length, long long line)
{
	(void)code, (void)length, (void)line;
	(*(long long *)ctx)++;
	return 0;
}

/* 5,000,000 codes are read; one more is refused. */
static void test_too_many(void **state)
{
	(void)state;
	char path[PATH_MAX];
	write_temp(path, "", 0);
	write_codes(path, CODES_MAX);
	long long count = 0;
	struct codes_report report;
	assert_int_equal(codes_read_file(path, count_only, &count, &report), 0);
	assert_int_equal(count, CODES_MAX);
	assert_int_equal(report.lines, CODES_MAX);
	FILE *file = fopen(path, "a");
	fputs("\n\nONE-MORE\n", file);
	fclose(file);
	count = 0;
	assert_int_equal(codes_read_file(path, count_only, &count, &report), CODES_ETOO_MANY);
	assert_int_equal(count, CODES_MAX);
	unlink(path);
}

static int compare_codes(const void *a, const void *b)
{
	return strcmp(a, b);
}

/* The alphabet has no look-alikes; 100,000 codes of 10 use only it, each
 * character about equally, and are unique. */
static void test_generate(void **state)
{
	(void)state;
	enum { COUNT = 100000, LENGTH = 10 };
	static const char look_alikes[] = "0OQ1IL2Z5S8BGVabcdefghijklmnopqrstuvwxyz";
	const size_t size = sizeof(CODES_ALPHABET) - 1;
	assert_int_equal(size, 22);
	for (const char *p = look_alikes; *p != '\0'; p++)
		assert_null(strchr(CODES_ALPHABET, *p));
	char (*codes)[LENGTH + 1] = calloc(COUNT, LENGTH + 1);
	long uses[256] = { 0 };
	for (int i = 0; i < COUNT; i++) {
		codes_generate(codes[i], LENGTH);
		assert_int_equal(strlen(codes[i]), LENGTH);
		for (int k = 0; k < LENGTH; k++) {
			assert_non_null(strchr(CODES_ALPHABET, codes[i][k]));
			uses[(unsigned char)codes[i][k]]++;
		}
	}
	/* 1,000,000 draws: each character 45,455 times, sd 209; 10 sd apart at most. */
	for (size_t k = 0; k < size; k++) {
		long expected_uses = (long)COUNT * LENGTH / (long)size;
		long off = uses[(unsigned char)CODES_ALPHABET[k]] - expected_uses;
		assert_true(off > -2090 && off < 2090);
	}
	qsort(codes, COUNT, LENGTH + 1, compare_codes);
	for (int i = 1; i < COUNT; i++)
		assert_true(strcmp(codes[i - 1], codes[i]) != 0);
	free(codes);
}

static void test_probability(void **state)
{
	(void)state;
	static const struct {
		const char *text;
		long long units;
	} good[] = {
		{ "0.00001", 100 }, { "100", 1000000000 }, { "100.0", 1000000000 },
		{ "100.00000", 1000000000 }, { "50", 500000000 }, { "0.5", 5000000 },
		{ "12.34567", 123456700 }, { "99.99999", 999999900 }, { "1", 10000000 },
		{ "0.1", 1000000 },
	};
	static const char *const bad[] = {
		"0", "0.0", "0.00000", "-1", "1e2", "50,5", "100.000001", "100.00001", "101",
		"1000", "", " 5", "5 ", "5.", ".5", "+5", "05", "00.5", "0.000001", "abc",
		"1.2.3", "100.1", "９", "5.5.",
	};
	for (size_t i = 0; i < sizeof(good) / sizeof(good[0]); i++) {
		long long units = -1;
		print_message("# %s\n", good[i].text);
		assert_true(codes_probability_parse(good[i].text, &units));
		assert_int_equal(units, good[i].units);
	}
	for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		long long units = -1;
		if (codes_probability_parse(bad[i], &units))
			fail_msg("accepted \"%s\"", bad[i]);
		assert_int_equal(units, -1);
	}
}

int main(void)
{
	if (sodium_init() < 0 || find_fixtures() != 0)
		return 1;
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_text),
		cmocka_unit_test(test_sheets),
		cmocka_unit_test(test_refused),
		cmocka_unit_test(test_type_check),
		cmocka_unit_test(test_sink_stops),
		cmocka_unit_test(test_problems),
		cmocka_unit_test(test_csv_quoted_lines),
		cmocka_unit_test(test_crlf_across_reads),
		cmocka_unit_test(test_cp949_undecodable),
		cmocka_unit_test(test_too_many),
		cmocka_unit_test(test_generate),
		cmocka_unit_test(test_probability),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
