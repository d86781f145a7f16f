/* Unit tests of upload: libmagic verdicts on every fixture for every rule,
 * size limits, storage and removal in a temporary folder, display names and
 * the response that serves a stored file. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <dirent.h>
#include <errno.h>
#include <limits.h>
#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "arena.h"
#include "config.h"
#include "fixtures.h"
#include "http.h"
#include "upload.h"

/* Where the fixtures are: $SANGDAM_FIXTURES, tests/unit/fixtures under the
 * working folder, or beside the binary's build/tests folder. */
static char fixture_dir[PATH_MAX];

static int find_fixtures(void)
{
	const char *env = getenv("SANGDAM_FIXTURES");
	if (env != NULL && *env != '\0') {
		int n = snprintf(fixture_dir, sizeof(fixture_dir), "%s", env);
		return n > 0 && (size_t)n < sizeof(fixture_dir) ? 0 : -1;
	}
	return fixtures_find(fixture_dir, sizeof(fixture_dir), "", "image.png");
}

/* The bytes of fixture name (malloc'd, the caller frees; never NULL, even when empty). */
static unsigned char *read_fixture(const char *name, size_t *size)
{
	char path[PATH_MAX * 2];
	snprintf(path, sizeof(path), "%s/%s", fixture_dir, name);
	FILE *f = fopen(path, "rb");
	if (f == NULL)
		fail_msg("cannot open fixture %s: %s", path, strerror(errno));
	unsigned char *data = malloc(16 * 1024 + 1);
	assert_non_null(data);
	*size = fread(data, 1, 16 * 1024 + 1, f);
	fclose(f);
	assert_true(*size <= 16 * 1024);
	return data;
}

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

/* ---- upload_check on every fixture ------------------------------------- */

/* A fixture, what each rule says of it (NULL: accepted) and the type an
 * accepted file gets (also_type: a second name libmagic may give). */
struct sample {
	const char *name;
	const char *profile;
	const char *chat_image;
	const char *chat_file;
	const char *type;
	const char *also_type;
};

#define REFUSED "err.file_type"
#define EMPTY "err.file_empty"

static const struct sample samples[] = {
	{ "image.jpg", NULL, NULL, REFUSED, "image/jpeg", NULL },
	{ "image.png", NULL, NULL, REFUSED, "image/png", NULL },
	{ "image.gif", REFUSED, NULL, REFUSED, "image/gif", NULL },
	{ "image.webp", REFUSED, NULL, REFUSED, "image/webp", NULL },
	{ "document.pdf", REFUSED, REFUSED, NULL, "application/pdf", NULL },
	{ "text.txt", REFUSED, REFUSED, NULL, "text/plain", NULL },
	{ "table.csv", REFUSED, REFUSED, NULL, "text/csv", "text/plain" },
	{ "table-bom.csv", REFUSED, REFUSED, NULL, "text/csv", "text/plain" },
	{ "table-cp949.csv", REFUSED, REFUSED, NULL, "text/csv", "text/plain" },
	{ "sheet.xlsx", REFUSED, REFUSED, NULL,
	    "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", NULL },
	{ "document.docx", REFUSED, REFUSED, NULL,
	    "application/vnd.openxmlformats-officedocument.wordprocessingml.document", NULL },
	{ "archive.zip", REFUSED, REFUSED, NULL, "application/zip", NULL },
	{ "document.hwp", REFUSED, REFUSED, NULL, "application/x-hwp", "application/haansofthwp" },
	{ "php.png", REFUSED, REFUSED, REFUSED, NULL, NULL },
	{ "page.html", REFUSED, REFUSED, REFUSED, NULL, NULL },
	{ "script.svg", REFUSED, REFUSED, REFUSED, NULL, NULL },
	/* A GIF header followed by HTML is a GIF to libmagic: a chat image, served
	 * with nosniff; never a profile image, which must be jpeg or png. */
	{ "polyglot.gif", REFUSED, NULL, REFUSED, "image/gif", NULL },
	{ "empty", EMPTY, EMPTY, EMPTY, NULL, NULL },
};

static void check_one(const struct sample *sample, const struct http_file *file,
    const struct upload_rule *rule, const char *rule_name, const char *expected)
{
	const char *mime = "unset";
	const char *key = upload_check(NULL, file, rule, &mime);

	if (expected == NULL) {
		if (key != NULL)
			fail_msg("%s as %s: refused with %s", sample->name, rule_name, key);
		assert_non_null(mime);
		if (strcmp(mime, sample->type) != 0 &&
		    (sample->also_type == NULL || strcmp(mime, sample->also_type) != 0))
			fail_msg("%s as %s: type %s, expected %s", sample->name, rule_name, mime,
			    sample->type);
	} else {
		if (key == NULL)
			fail_msg("%s as %s: accepted as %s, expected %s", sample->name, rule_name,
			    mime, expected);
		assert_string_equal(key, expected);
		assert_null(mime);
	}
}

static void test_check_sample(void **state)
{
	const struct sample *sample = *state;
	struct http_file file = { "file", sample->name, NULL, 0 };
	unsigned char *data = read_fixture(sample->name, &file.size);

	file.data = data;
	check_one(sample, &file, &upload_profile_image, "profile image", sample->profile);
	check_one(sample, &file, &upload_chat_image, "chat image", sample->chat_image);
	check_one(sample, &file, &upload_chat_file, "chat file", sample->chat_file);
	free(data);
}

static void test_check_empty(void **state)
{
	static const unsigned char byte[1] = { 'x' };
	struct http_file none = { "file", "a.png", NULL, 0 };
	struct http_file zero = { "file", "a.png", byte, 0 };
	const char *mime = "unset";

	(void)state;
	assert_string_equal(upload_check(NULL, NULL, &upload_chat_file, &mime), "err.file_empty");
	assert_null(mime);
	assert_string_equal(upload_check(NULL, &none, &upload_chat_file, &mime), "err.file_empty");
	assert_string_equal(upload_check(NULL, &zero, &upload_chat_image, &mime), "err.file_empty");
}

static void test_check_size(void **state)
{
	static const char *const png_only[] = { "image/png", NULL };
	struct http_file file = { "file", "a.png", NULL, 0 };
	unsigned char *data = read_fixture("image.png", &file.size);
	const char *mime;

	(void)state;
	file.data = data;
	struct upload_rule rule = { png_only, file.size };
	assert_null(upload_check(NULL, &file, &rule, &mime));
	assert_string_equal(mime, "image/png");
	rule.max_bytes = file.size - 1;
	assert_string_equal(upload_check(NULL, &file, &rule, &mime), "err.file_too_large");
	rule.max_bytes = 100;
	assert_string_equal(upload_check(NULL, &file, &rule, &mime), "err.file_too_large");
	assert_null(mime);

	/* The shared limits, without reading a byte past the size check. */
	file.size = 10 * 1024 * 1024 + 1;
	assert_string_equal(upload_check(NULL, &file, &upload_profile_image, &mime),
	    "err.file_too_large");
	file.size = 20 * 1024 * 1024 + 1;
	assert_string_equal(upload_check(NULL, &file, &upload_chat_image, &mime),
	    "err.file_too_large");
	assert_string_equal(upload_check(NULL, &file, &upload_chat_file, &mime),
	    "err.file_too_large");
	free(data);
}

/* A big file within the limit is judged by its start: a 10 MiB PNG passes as a profile image. */
static void test_check_large_ok(void **state)
{
	size_t head_size;
	unsigned char *head = read_fixture("image.png", &head_size);
	size_t size = 10 * 1024 * 1024;
	unsigned char *data = calloc(1, size);
	struct http_file file = { "file", "big.png", data, size };
	const char *mime;

	(void)state;
	assert_non_null(data);
	memcpy(data, head, head_size);
	assert_null(upload_check(NULL, &file, &upload_profile_image, &mime));
	assert_string_equal(mime, "image/png");
	free(data);
	free(head);
}

/* ---- upload_store and upload_remove --------------------------------------- */

static char store_dir[PATH_MAX];

static int setup_store(void **state)
{
	snprintf(store_dir, sizeof(store_dir), "/tmp/sangdam-upload-test-XXXXXX");
	if (mkdtemp(store_dir) == NULL)
		return -1;
	config_set("upload_dir", store_dir);
	return setup(state);
}

static int teardown_store(void **state)
{
	char command[PATH_MAX + 16];
	snprintf(command, sizeof(command), "rm -rf '%s'", store_dir);
	if (system(command) != 0)
		return -1;
	return teardown(state);
}

/* The entries of folder other than . and .., counted. */
static int count_entries(const char *folder)
{
	DIR *dir = opendir(folder);
	int count = 0;
	struct dirent *entry;

	if (dir == NULL)
		return -1;
	while ((entry = readdir(dir)) != NULL)
		if (strcmp(entry->d_name, ".") != 0 && strcmp(entry->d_name, "..") != 0)
			count++;
	closedir(dir);
	return count;
}

static void test_store_and_remove(void **state)
{
	struct arena *arena = *state;
	static const unsigned char bytes[] = "hello\0world\n";
	const char *name = NULL;
	const char *other = NULL;
	char path[PATH_MAX * 2], folder[PATH_MAX * 2];
	unsigned char back[64];
	struct stat st;

	assert_int_equal(upload_store(arena, bytes, sizeof(bytes), &name), 0);
	assert_non_null(name);
	assert_int_equal(strlen(name), UPLOAD_NAME_LENGTH);
	assert_true(upload_name_valid(name));
	assert_memory_equal(name, name + 3, 2);

	snprintf(path, sizeof(path), "%s/%s", store_dir, name);
	snprintf(folder, sizeof(folder), "%s/%.2s", store_dir, name);
	FILE *f = fopen(path, "rb");
	assert_non_null(f);
	size_t got = fread(back, 1, sizeof(back), f);
	fclose(f);
	assert_int_equal(got, sizeof(bytes));
	assert_memory_equal(back, bytes, sizeof(bytes));
	assert_int_equal(stat(path, &st), 0);
	assert_int_equal(st.st_mode & 07777, 0640);
	assert_int_equal(stat(folder, &st), 0);
	assert_int_equal(st.st_mode & 07777, 0750);
	assert_int_equal(count_entries(folder), 1); /* no temporary file left */

	assert_int_equal(upload_store(arena, bytes, 0, &other), 0);
	assert_non_null(other);
	assert_string_not_equal(name, other);

	assert_int_equal(upload_remove(name), 0);
	assert_int_equal(stat(path, &st), -1);
	assert_int_equal(errno, ENOENT);
	assert_int_equal(upload_remove(name), 0); /* already gone */
	assert_int_equal(upload_remove(other), 0);
}

static void test_store_fails_cleanly(void **state)
{
	struct arena *arena = *state;
	char missing[PATH_MAX + 32];
	const char *name = "unset";

	snprintf(missing, sizeof(missing), "%s/no/such", store_dir);
	config_set("upload_dir", missing);
	assert_int_equal(upload_store(arena, (const unsigned char *)"x", 1, &name), -1);
	assert_null(name);
	config_set("upload_dir", store_dir);
	assert_int_equal(count_entries(store_dir), 0);
}

static void test_remove_refuses(void **state)
{
	static const char *const bad[] = {
		"../x",
		"ab/../../etc",
		"x",
		"",
		"ab/ab0123456789abcdef0123456789abc",     /* 31 hex digits */
		"ab/ab0123456789abcdef0123456789abcde",   /* 33 */
		"ab/AB0123456789abcdef0123456789abcd",    /* upper case */
		"ab/cd0123456789abcdef0123456789abcd",    /* folder is not its first two digits */
		"ab\\ab0123456789abcdef0123456789abcd",
		"ab/ab0123456789abcdef0123456789abc/",
		"/b/ab0123456789abcdef0123456789abcd",
		"ab/ab0123456789abcdef01234567\n9abcd",
	};
	char outside[PATH_MAX + 8];
	struct stat st;

	(void)state;
	/* A file that "../x" would name if names were trusted. */
	snprintf(outside, sizeof(outside), "%s/x", store_dir);
	FILE *f = fopen(outside, "w");
	assert_non_null(f);
	fclose(f);
	char inner[PATH_MAX + 8];
	snprintf(inner, sizeof(inner), "%s/sub", store_dir);
	assert_int_equal(mkdir(inner, 0700), 0);
	config_set("upload_dir", inner);
	for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		if (upload_remove(bad[i]) != -1)
			fail_msg("upload_remove accepted \"%s\"", bad[i]);
		assert_false(upload_name_valid(bad[i]));
	}
	assert_int_equal(upload_remove(NULL), -1);
	config_set("upload_dir", store_dir);
	assert_int_equal(stat(outside, &st), 0);
	assert_true(upload_name_valid("ab/ab0123456789abcdef0123456789abcd"));
	assert_int_equal(unlink(outside), 0);
	assert_int_equal(rmdir(inner), 0);
}

/* ---- upload_display_name ---------------------------------------------------- */

static void test_display_name(void **state)
{
	struct arena *arena = *state;
	static const struct {
		const char *raw;
		const char *want;
	} rows[] = {
		{ "../../etc/passwd", "passwd" },
		{ "C:\\x\\y.pdf", "y.pdf" },
		{ "a\x01" "b", "ab" },
		{ "", "file" },
		{ "dir/", "file" },
		{ "a/..", "file" },
		{ ".", "file" },
		{ "\x01\x02", "file" },
		{ "  spaced  name.txt  ", "spaced  name.txt" },
		{ "보고서 (최종).hwp", "보고서 (최종).hwp" },
		{ "a\tb\r\nc\x7f" "d", "abcd" },
		{ "a\xc2\x85" "b", "ab" },                         /* C1 NEL */
		{ "invoice\xe2\x80\xae" "fdp.exe", "invoicefdp.exe" }, /* RLO */
		{ "\xff\xfe" "abc.txt", "\xef\xbf\xbd\xef\xbf\xbd" "abc.txt" },
		{ "a\xc3(b", "a\xef\xbf\xbd(b" },                  /* cut short */
		{ "\xc0\xaf.txt", "\xef\xbf\xbd\xef\xbf\xbd.txt" }, /* overlong / */
		{ "\xed\xa0\x80", "\xef\xbf\xbd\xef\xbf\xbd\xef\xbf\xbd" }, /* surrogate */
		{ "\xf4\x90\x80\x80", "\xef\xbf\xbd\xef\xbf\xbd\xef\xbf\xbd\xef\xbf\xbd" },
		{ "emoji \xf0\x9f\x98\x80.png", "emoji \xf0\x9f\x98\x80.png" },
	};

	for (size_t i = 0; i < sizeof(rows) / sizeof(rows[0]); i++) {
		const char *got = upload_display_name(arena, rows[i].raw);
		if (strcmp(got, rows[i].want) != 0)
			fail_msg("row %zu: \"%s\" gave \"%s\", expected \"%s\"", i, rows[i].raw, got,
			    rows[i].want);
	}
	assert_string_equal(upload_display_name(arena, NULL), "file");
}

static void test_display_name_long(void **state)
{
	struct arena *arena = *state;
	char raw[1300];
	char want[400];

	memset(raw, 'a', 300);
	raw[300] = '\0';
	memset(want, 'a', 100);
	want[100] = '\0';
	assert_string_equal(upload_display_name(arena, raw), want);

	/* A short extension survives the cut. */
	memcpy(raw + 300, ".pdf", 5);
	memset(want, 'a', 96);
	memcpy(want + 96, ".pdf", 5);
	assert_string_equal(upload_display_name(arena, raw), want);

	/* 300 Hangul syllables: 100 code points, 300 bytes. */
	for (int i = 0; i < 300; i++)
		memcpy(raw + 3 * i, "가", 3);
	raw[900] = '\0';
	const char *got = upload_display_name(arena, raw);
	assert_int_equal(strlen(got), 300);
	assert_memory_equal(got, raw, 300);

	/* An extension too long to keep is cut like the rest. */
	memset(raw, 'b', 150);
	raw[150] = '.';
	memset(raw + 151, 'c', 100);
	raw[251] = '\0';
	memset(want, 'b', 100);
	want[100] = '\0';
	assert_string_equal(upload_display_name(arena, raw), want);
}

/* ---- upload_typed_name ------------------------------------------------------ */

static void test_typed_name(void **state)
{
	struct arena *arena = *state;
	static const struct {
		const char *raw;
		const char *mime;
		const char *want;
	} rows[] = {
		{ "invoice.html", "text/plain", "invoice.txt" },
		{ "x.php", "image/png", "x.png" },
		{ "shell.PHP", "image/jpeg", "shell.jpg" },
		{ "photo.JPEG", "image/jpeg", "photo.JPEG" },
		{ "photo.jpg", "image/jpeg", "photo.jpg" },
		{ "a.jpg", "image/png", "a.png" },
		{ "table.csv", "text/plain", "table.csv" },
		{ "table.txt", "text/csv", "table.txt" },
		{ "보고서 (최종).hwp", "application/x-hwp", "보고서 (최종).hwp" },
		{ "보고서.hwp", "application/haansofthwp", "보고서.hwp" },
		{ "문서.hwpx", "application/zip", "문서.hwpx" },
		{ "archive.tar.gz", "application/zip", "archive.tar.zip" },
		{ "sheet.xls", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
		    "sheet.xlsx" },
		{ "letter.doc",
		    "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
		    "letter.docx" },
		{ "견적서", "application/pdf", "견적서.pdf" },
		{ "report.2024", "application/pdf", "report.2024.pdf" },
		{ "x.", "text/plain", "x.txt" },
		{ "x . . ", "text/plain", "x.txt" },
		{ ".htaccess", "text/plain", ".htaccess.txt" },
		{ "a.b c", "text/plain", "a.b c.txt" },
		{ "", "application/pdf", "file.pdf" },
		{ "...", "application/pdf", "file.pdf" },
		{ "page.html", "text/html", "page.bin" },
		{ "x.svg", "image/svg+xml", "x.bin" },
		{ "x.pdf", NULL, "x.bin" },
		{ "gpj.exe\xe2\x80\xae" ".png", "image/png", "gpj.exe.png" }, /* RLO dropped */
		{ "invoice.\xed\x95\x9c", "text/plain", "invoice.\xed\x95\x9c.txt" },
	};

	for (size_t i = 0; i < sizeof(rows) / sizeof(rows[0]); i++) {
		const char *got = upload_typed_name(arena, rows[i].raw, rows[i].mime);
		if (strcmp(got, rows[i].want) != 0)
			fail_msg("row %zu: \"%s\" as %s gave \"%s\", expected \"%s\"", i, rows[i].raw,
			    rows[i].mime != NULL ? rows[i].mime : "NULL", got, rows[i].want);
	}
	assert_string_equal(upload_typed_name(arena, NULL, "text/plain"), "file.txt");
}

static void test_typed_name_long(void **state)
{
	struct arena *arena = *state;
	char raw[400];
	char want[200];

	/* The new extension survives the cut to 100 code points. */
	memset(raw, 'a', 300);
	memcpy(raw + 300, ".html", 6);
	memset(want, 'a', 96);
	memcpy(want + 96, ".txt", 5);
	assert_string_equal(upload_typed_name(arena, raw, "text/plain"), want);
	raw[300] = '\0';
	memcpy(want + 96, ".pdf", 5);
	assert_string_equal(upload_typed_name(arena, raw, "application/pdf"), want);
}

/* ---- upload_serve ------------------------------------------------------------ */

static void make_request(struct request *req, struct arena *arena)
{
	memset(req, 0, sizeof(*req));
	req->arena = arena;
	req->status = 0;
	req->cacheable = true;
	strbuf_init(&req->headers, arena);
	strbuf_init(&req->body, arena);
}

#define STORED "ab/ab0123456789abcdef0123456789abcd"

static void test_serve(void **state)
{
	struct arena *arena = *state;
	struct request req;

	make_request(&req, arena);
	assert_int_equal(upload_serve(&req, STORED, "image/png", "사진 1.png", false), 200);
	assert_int_equal(req.status, 200);
	assert_string_equal(req.content_type, "image/png");
	assert_false(req.cacheable);
	assert_int_equal(req.body.length, 0);
	assert_string_equal(strbuf_text(&req.headers),
	    "X-Accel-Redirect: /_files/" STORED "\r\n"
	    "Content-Disposition: inline; filename=\"___1.png\"; "
	    "filename*=UTF-8''%EC%82%AC%EC%A7%84%201.png\r\n");

	/* Anything but a raster image is an attachment, whatever the caller asks. */
	make_request(&req, arena);
	assert_int_equal(upload_serve(&req, STORED, "application/pdf", "a\"b;c.pdf", false), 200);
	assert_string_equal(strbuf_text(&req.headers),
	    "X-Accel-Redirect: /_files/" STORED "\r\n"
	    "Content-Disposition: attachment; filename=\"a_b_c.pdf\"; "
	    "filename*=UTF-8''a%22b%3Bc.pdf\r\n");

	make_request(&req, arena);
	assert_int_equal(upload_serve(&req, STORED, "image/svg+xml", "x.svg", false), 200);
	assert_non_null(strstr(strbuf_text(&req.headers), "Content-Disposition: attachment;"));

	make_request(&req, arena);
	assert_int_equal(upload_serve(&req, STORED, "image/jpeg", "x.jpg", true), 200);
	assert_non_null(strstr(strbuf_text(&req.headers), "Content-Disposition: attachment;"));

	/* A display name that could split the header is made safe first. */
	make_request(&req, arena);
	assert_int_equal(upload_serve(&req, STORED, "text/html\r\nX-Evil: 1", "a\r\nb.txt", true),
	    200);
	assert_string_equal(req.content_type, "application/octet-stream");
	assert_non_null(strstr(strbuf_text(&req.headers), "filename=\"ab.bin\""));
	assert_null(strstr(strbuf_text(&req.headers), "Evil"));

	make_request(&req, arena);
	assert_int_equal(upload_serve(&req, STORED, NULL, NULL, true), 200);
	assert_string_equal(req.content_type, "application/octet-stream");
	assert_non_null(strstr(strbuf_text(&req.headers),
	    "filename=\"file.bin\"; filename*=UTF-8''file.bin"));

	/* Both names carry the extension of the served type, never the client's. */
	make_request(&req, arena);
	assert_int_equal(upload_serve(&req, STORED, "text/plain", "청구서 invoice.html", true), 200);
	assert_string_equal(strbuf_text(&req.headers),
	    "X-Accel-Redirect: /_files/" STORED "\r\n"
	    "Content-Disposition: attachment; filename=\"____invoice.txt\"; "
	    "filename*=UTF-8''%EC%B2%AD%EA%B5%AC%EC%84%9C%20invoice.txt\r\n");
	make_request(&req, arena);
	assert_int_equal(upload_serve(&req, STORED, "image/png", "x.php", false), 200);
	assert_non_null(strstr(strbuf_text(&req.headers),
	    "inline; filename=\"x.png\"; filename*=UTF-8''x.png\r\n"));
}

static void test_serve_refuses(void **state)
{
	struct arena *arena = *state;
	struct request req;
	static const char *const bad[] = {
		"../../etc/passwd", "ab/../x", "", "AB/AB0123456789ABCDEF0123456789ABCD",
	};

	for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		make_request(&req, arena);
		assert_int_equal(upload_serve(&req, bad[i], "image/png", "x.png", false), 404);
		assert_int_equal(req.headers.length, 0);
		assert_null(req.content_type);
	}
	make_request(&req, arena);
	assert_int_equal(upload_serve(&req, NULL, "image/png", "x.png", false), 404);
}

int main(void)
{
	if (sodium_init() < 0 || find_fixtures() != 0 || upload_init() != 0) {
		fprintf(stderr, "test_upload: cannot set up (sodium, fixtures or libmagic)\n");
		return 1;
	}

	struct CMUnitTest tests[sizeof(samples) / sizeof(samples[0]) + 16];
	size_t count = 0;
	for (size_t i = 0; i < sizeof(samples) / sizeof(samples[0]); i++) {
		struct CMUnitTest test = cmocka_unit_test_prestate(test_check_sample, (void *)&samples[i]);
		test.name = samples[i].name;
		tests[count++] = test;
	}
	const struct CMUnitTest fixed[] = {
		cmocka_unit_test(test_check_empty),
		cmocka_unit_test(test_check_size),
		cmocka_unit_test(test_check_large_ok),
		cmocka_unit_test_setup_teardown(test_store_and_remove, setup_store, teardown_store),
		cmocka_unit_test_setup_teardown(test_store_fails_cleanly, setup_store, teardown_store),
		cmocka_unit_test_setup_teardown(test_remove_refuses, setup_store, teardown_store),
		cmocka_unit_test_setup_teardown(test_display_name, setup, teardown),
		cmocka_unit_test_setup_teardown(test_display_name_long, setup, teardown),
		cmocka_unit_test_setup_teardown(test_typed_name, setup, teardown),
		cmocka_unit_test_setup_teardown(test_typed_name_long, setup, teardown),
		cmocka_unit_test_setup_teardown(test_serve, setup, teardown),
		cmocka_unit_test_setup_teardown(test_serve_refuses, setup, teardown),
	};
	for (size_t i = 0; i < sizeof(fixed) / sizeof(fixed[0]); i++)
		tests[count++] = fixed[i];
	return _cmocka_run_group_tests("upload", tests, count, NULL, NULL);
}
