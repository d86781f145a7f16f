/* Unit tests of the request parsers in http: urlencoded bodies, cookies and
 * multipart bodies, from byte fixtures, with hostile inputs at every limit. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "arena.h"
#include "http.h"

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

/* Copies bytes into a heap block of exactly length bytes, freed with the
 * arena, so that AddressSanitizer sees any read past the end. */
static unsigned char *exact_copy(struct arena *arena, const void *bytes, size_t length)
{
	unsigned char *copy = malloc(length > 0 ? length : 1);
	assert_non_null(copy);
	if (length > 0)
		memcpy(copy, bytes, length);
	arena_on_free(arena, free, copy);
	return copy;
}

static int urlencoded(struct arena *arena, const char *data, size_t length,
    struct http_fields *out)
{
	memset(out, 0, sizeof(*out));
	return http_parse_urlencoded(arena, (const char *)exact_copy(arena, data, length), length,
	    out);
}

static int urlencoded_text(struct arena *arena, const char *text, struct http_fields *out)
{
	return urlencoded(arena, text, strlen(text), out);
}

/* A text of count copies of unit, in the arena. */
static char *repeat(struct arena *arena, const char *unit, size_t count)
{
	size_t unit_length = strlen(unit);
	char *text = arena_alloc(arena, unit_length * count + 1);
	for (size_t i = 0; i < count; i++)
		memcpy(text + i * unit_length, unit, unit_length);
	return text;
}

/* --- urlencoded --------------------------------------------------------- */

static void test_urlencoded_plain(void **state)
{
	struct http_fields f;
	assert_int_equal(urlencoded_text(*state, "a=1&name=kim&empty=", &f), 0);
	assert_int_equal(f.count, 3);
	assert_string_equal(f.items[0].name, "a");
	assert_string_equal(f.items[0].value, "1");
	assert_int_equal(f.items[0].length, 1);
	assert_string_equal(f.items[1].name, "name");
	assert_string_equal(f.items[1].value, "kim");
	assert_string_equal(f.items[2].name, "empty");
	assert_string_equal(f.items[2].value, "");
	assert_int_equal(f.items[2].length, 0);
}

static void test_urlencoded_decoding(void **state)
{
	static const struct {
		const char *input, *name, *value;
	} rows[] = {
		{ "q=a+b", "q", "a b" },
		{ "q=%41", "q", "A" },
		{ "q=%41%62c", "q", "Abc" },
		{ "q=%e2%82%ac", "q", "\xe2\x82\xac" },
		{ "q=%E2%82%AC", "q", "\xe2\x82\xac" },
		{ "q=a%2Bb", "q", "a+b" },
		{ "q=%26%3D", "q", "&=" },
		{ "q=%25", "q", "%" },
		{ "q=%2525", "q", "%25" },
		{ "q=a=b", "q", "a=b" },
		{ "%41+b=c", "A b", "c" },
		{ "q+=++", "q ", "  " },
		{ "q=%ED%95%9C", "q", "\xed\x95\x9c" },
		{ "q=\xed\x95\x9c", "q", "\xed\x95\x9c" },
	};
	for (size_t i = 0; i < sizeof(rows) / sizeof(rows[0]); i++) {
		struct http_fields f;
		assert_int_equal(urlencoded_text(*state, rows[i].input, &f), 0);
		assert_int_equal(f.count, 1);
		assert_string_equal(f.items[0].name, rows[i].name);
		assert_string_equal(f.items[0].value, rows[i].value);
		assert_int_equal(f.items[0].length, strlen(rows[i].value));
	}
}

static void test_urlencoded_bad_escapes(void **state)
{
	static const char *const rows[] = {
		"q=%G1", "q=%1G", "q=%4", "q=%", "q=a%", "q=%%41", "q=%-1", "q=% 1",
		"%G1=1", "%4=1", "%=1", "a=1&b=%zz", "a=1&b=%4&c=3", "q=%0x41",
	};
	for (size_t i = 0; i < sizeof(rows) / sizeof(rows[0]); i++) {
		struct http_fields f;
		assert_int_equal(urlencoded_text(*state, rows[i], &f), 400);
	}
}

static void test_urlencoded_nul(void **state)
{
	static const char *const rows[] = { "q=%00", "%00=1", "q=a%00b", "q=%00%41" };
	for (size_t i = 0; i < sizeof(rows) / sizeof(rows[0]); i++) {
		struct http_fields f;
		assert_int_equal(urlencoded_text(*state, rows[i], &f), 400);
	}
	/* A raw NUL byte inside the data is refused as well. */
	struct http_fields f;
	assert_int_equal(urlencoded(*state, "q=a\0b", 5, &f), 400);
	assert_int_equal(urlencoded(*state, "q\0=1", 4, &f), 400);
}

static void test_urlencoded_empty_pairs(void **state)
{
	struct http_fields f;
	assert_int_equal(urlencoded_text(*state, "", &f), 0);
	assert_int_equal(f.count, 0);
	assert_int_equal(urlencoded_text(*state, "&", &f), 0);
	assert_int_equal(f.count, 0);
	assert_int_equal(urlencoded_text(*state, "&&&", &f), 0);
	assert_int_equal(f.count, 0);
	assert_int_equal(urlencoded_text(*state, "&&a=1&&&b=2&", &f), 0);
	assert_int_equal(f.count, 2);
	assert_string_equal(f.items[0].name, "a");
	assert_string_equal(f.items[1].name, "b");
	assert_string_equal(f.items[1].value, "2");
}

static void test_urlencoded_name_without_equals(void **state)
{
	struct http_fields f;
	assert_int_equal(urlencoded_text(*state, "flag&x=1&other", &f), 0);
	assert_int_equal(f.count, 3);
	assert_string_equal(f.items[0].name, "flag");
	assert_string_equal(f.items[0].value, "");
	assert_int_equal(f.items[0].length, 0);
	assert_string_equal(f.items[2].name, "other");
	assert_string_equal(f.items[2].value, "");
	/* An empty name is kept as such; lookups by name never find it. */
	assert_int_equal(urlencoded_text(*state, "=v", &f), 0);
	assert_int_equal(f.count, 1);
	assert_string_equal(f.items[0].name, "");
	assert_string_equal(f.items[0].value, "v");
}

static void test_urlencoded_duplicates_keep_order(void **state)
{
	struct http_fields f;
	assert_int_equal(urlencoded_text(*state, "k=1&k=2&k=3", &f), 0);
	assert_int_equal(f.count, 3);
	assert_string_equal(f.items[0].value, "1");
	assert_string_equal(f.items[1].value, "2");
	assert_string_equal(f.items[2].value, "3");
}

static void test_urlencoded_field_count_limit(void **state)
{
	struct arena *arena = *state;
	struct http_fields f;
	char *at_limit = repeat(arena, "f=1&", HTTP_MAX_FIELDS);
	assert_int_equal(urlencoded_text(arena, at_limit, &f), 0);
	assert_int_equal(f.count, HTTP_MAX_FIELDS);
	for (size_t i = 0; i < f.count; i++)
		assert_string_equal(f.items[i].value, "1");
	char *over = repeat(arena, "f=1&", HTTP_MAX_FIELDS + 1);
	assert_int_equal(urlencoded_text(arena, over, &f), 413);
	/* Empty pairs do not count as fields. */
	char *padded = arena_printf(arena, "%s%s", repeat(arena, "&", 1000), at_limit);
	assert_int_equal(urlencoded_text(arena, padded, &f), 0);
	assert_int_equal(f.count, HTTP_MAX_FIELDS);
}

static void test_urlencoded_field_size_limit(void **state)
{
	struct arena *arena = *state;
	struct http_fields f;
	char *value = repeat(arena, "x", HTTP_MAX_FIELD_BYTES);
	assert_int_equal(urlencoded_text(arena, arena_printf(arena, "v=%s", value), &f), 0);
	assert_int_equal(f.items[0].length, HTTP_MAX_FIELD_BYTES);
	assert_int_equal(strlen(f.items[0].value), HTTP_MAX_FIELD_BYTES);
	assert_int_equal(urlencoded_text(arena, arena_printf(arena, "v=%sx", value), &f), 413);
	/* The limit is on decoded bytes: escapes count once. */
	char *escaped = repeat(arena, "%41", HTTP_MAX_FIELD_BYTES);
	assert_int_equal(urlencoded_text(arena, arena_printf(arena, "v=%s", escaped), &f), 0);
	assert_int_equal(f.items[0].length, HTTP_MAX_FIELD_BYTES);
	assert_int_equal(urlencoded_text(arena, arena_printf(arena, "v=%s%%41", escaped), &f), 413);
	assert_int_equal(urlencoded_text(arena, arena_printf(arena, "a=1&v=%sx&b=2", value), &f),
	    413);
}

static void test_urlencoded_invalid_utf8_passes(void **state)
{
	struct http_fields f;
	assert_int_equal(urlencoded_text(*state, "q=%FF%FE%C0%80%ED%A0%80", &f), 0);
	assert_int_equal(f.count, 1);
	assert_int_equal(f.items[0].length, 7);
	assert_memory_equal(f.items[0].value, "\xff\xfe\xc0\x80\xed\xa0\x80", 8);
	assert_int_equal(urlencoded_text(*state, "\xff=\x80\xc3", &f), 0);
	assert_string_equal(f.items[0].name, "\xff");
	assert_string_equal(f.items[0].value, "\x80\xc3");
	/* Control characters are the validators' business too. */
	assert_int_equal(urlencoded_text(*state, "q=%01%1B%7F%0D%0A", &f), 0);
	assert_string_equal(f.items[0].value, "\x01\x1b\x7f\r\n");
}

static void test_urlencoded_respects_length(void **state)
{
	struct http_fields f;
	/* Only the first length bytes are data, whatever follows in memory. */
	assert_int_equal(urlencoded(*state, "a=1&b=2", 3, &f), 0);
	assert_int_equal(f.count, 1);
	assert_string_equal(f.items[0].value, "1");
	/* An escape cut by the length is a bad escape, not a read past it. */
	assert_int_equal(urlencoded(*state, "a=%41", 4, &f), 400);
	assert_int_equal(urlencoded(*state, "a=%41", 3, &f), 400);
	assert_int_equal(urlencoded(*state, "a=%41", 0, &f), 0);
	assert_int_equal(f.count, 0);
}

/* --- cookies ------------------------------------------------------------ */

static int cookies(struct arena *arena, const char *header, struct http_fields *out)
{
	memset(out, 0, sizeof(*out));
	if (header == NULL)
		return http_parse_cookies(arena, NULL, out);
	return http_parse_cookies(arena, (const char *)exact_copy(arena, header, strlen(header) + 1),
	    out);
}

static void test_cookies_basic(void **state)
{
	struct http_fields f;
	assert_int_equal(cookies(*state, "sd_session=abc; sd_csrf=def-_123; sd_lang=en", &f), 0);
	assert_int_equal(f.count, 3);
	assert_string_equal(f.items[0].name, "sd_session");
	assert_string_equal(f.items[0].value, "abc");
	assert_string_equal(f.items[1].name, "sd_csrf");
	assert_string_equal(f.items[1].value, "def-_123");
	assert_string_equal(f.items[2].name, "sd_lang");
	assert_string_equal(f.items[2].value, "en");
	assert_int_equal(f.items[2].length, 2);
}

static void test_cookies_spaces(void **state)
{
	struct http_fields f;
	assert_int_equal(cookies(*state, "   a=1;b=2;   c=3", &f), 0);
	assert_int_equal(f.count, 3);
	assert_string_equal(f.items[0].name, "a");
	assert_string_equal(f.items[0].value, "1");
	assert_string_equal(f.items[1].name, "b");
	assert_string_equal(f.items[1].value, "2");
	assert_string_equal(f.items[2].name, "c");
	assert_string_equal(f.items[2].value, "3");
	/* Blanks between a name and its = do not become part of the name. */
	assert_int_equal(cookies(*state, "a =1; b\t=2", &f), 0);
	assert_int_equal(f.count, 2);
	assert_string_equal(f.items[0].name, "a");
	assert_string_equal(f.items[1].name, "b");
}

static void test_cookies_empty(void **state)
{
	static const char *const rows[] = {
		"", " ", ";", ";;; ;", "   ;  ; ", "novalue", "=x", " =x; ;novalue",
	};
	struct http_fields f;
	assert_int_equal(cookies(*state, NULL, &f), 0);
	assert_int_equal(f.count, 0);
	for (size_t i = 0; i < sizeof(rows) / sizeof(rows[0]); i++) {
		assert_int_equal(cookies(*state, rows[i], &f), 0);
		assert_int_equal(f.count, 0);
	}
	assert_int_equal(cookies(*state, "a=", &f), 0);
	assert_int_equal(f.count, 1);
	assert_string_equal(f.items[0].value, "");
	assert_int_equal(cookies(*state, "junk; a=1; =2; b", &f), 0);
	assert_int_equal(f.count, 1);
	assert_string_equal(f.items[0].name, "a");
}

static void test_cookies_value_with_equals(void **state)
{
	struct http_fields f;
	assert_int_equal(cookies(*state, "t=a=b==; u=\"quoted\"", &f), 0);
	assert_int_equal(f.count, 2);
	assert_string_equal(f.items[0].value, "a=b==");
	assert_string_equal(f.items[1].value, "\"quoted\"");
}

static void test_cookies_many(void **state)
{
	struct arena *arena = *state;
	struct strbuf header;
	strbuf_init(&header, arena);
	for (int i = 0; i < HTTP_MAX_COOKIES; i++)
		strbuf_printf(&header, "%sc%d=%d", i > 0 ? "; " : "", i, i);
	struct http_fields f;
	assert_int_equal(cookies(arena, strbuf_text(&header), &f), 0);
	assert_int_equal(f.count, HTTP_MAX_COOKIES);
	assert_string_equal(f.items[HTTP_MAX_COOKIES - 1].name,
	    arena_printf(arena, "c%d", HTTP_MAX_COOKIES - 1));
	strbuf_puts(&header, "; one=more");
	assert_int_equal(cookies(arena, strbuf_text(&header), &f), 400);
}

static void test_cookies_overlong_header(void **state)
{
	struct arena *arena = *state;
	struct http_fields f;
	/* "v=" and HTTP_MAX_HEADER_BYTES - 2 bytes: exactly at the limit. */
	char *value = repeat(arena, "x", HTTP_MAX_HEADER_BYTES - 2);
	assert_int_equal(cookies(arena, arena_printf(arena, "v=%s", value), &f), 0);
	assert_int_equal(f.count, 1);
	assert_int_equal(f.items[0].length, HTTP_MAX_HEADER_BYTES - 2);
	assert_int_equal(cookies(arena, arena_printf(arena, "v=%sx", value), &f), 400);
	assert_int_equal(cookies(arena, repeat(arena, ";", 100000), &f), 400);
}

/* --- multipart ---------------------------------------------------------- */

#define CONTENT_TYPE "multipart/form-data; boundary=XyZ"

struct multipart {
	struct http_fields fields;
	struct http_file *files;
	size_t file_count;
};

static int multipart(struct arena *arena, const char *content_type, const void *body,
    size_t length, struct multipart *out)
{
	memset(out, 0, sizeof(*out));
	return http_parse_multipart(arena, content_type, exact_copy(arena, body, length), length,
	    &out->fields, &out->files, &out->file_count);
}

/* Builds a multipart body with boundary XyZ. */
static void part_field(struct strbuf *body, const char *name, const char *value)
{
	strbuf_printf(body, "--XyZ\r\nContent-Disposition: form-data; name=\"%s\"\r\n\r\n%s\r\n",
	    name, value);
}

static void part_file(struct strbuf *body, const char *name, const char *filename,
    const void *data, size_t size)
{
	strbuf_printf(body,
	    "--XyZ\r\nContent-Disposition: form-data; name=\"%s\"; filename=\"%s\"\r\n"
	    "Content-Type: application/octet-stream\r\n\r\n",
	    name, filename);
	strbuf_append(body, data, size);
	strbuf_puts(body, "\r\n");
}

static void part_end(struct strbuf *body)
{
	strbuf_puts(body, "--XyZ--\r\n");
}

static const char two_fields_one_file[] =
    "--XyZ\r\n"
    "Content-Disposition: form-data; name=\"title\"\r\n"
    "\r\n"
    "\xec\x95\x88\xeb\x85\x95 hello\r\n"
    "--XyZ\r\n"
    "content-disposition: form-data; name=\"note\"\r\n"
    "\r\n"
    "line one\r\nline two\r\n"
    "--XyZ\r\n"
    "Content-Disposition: form-data; name=\"logo\"; filename=\"logo.png\"\r\n"
    "Content-Type: image/png\r\n"
    "\r\n"
    "\x89PNG\r\n\x1a\n\r\n"
    "--XyZ--\r\n";

static void test_multipart_fields_and_file(void **state)
{
	struct multipart m;
	assert_int_equal(multipart(*state, CONTENT_TYPE, two_fields_one_file,
			     sizeof(two_fields_one_file) - 1, &m),
	    0);
	assert_int_equal(m.fields.count, 2);
	assert_string_equal(m.fields.items[0].name, "title");
	assert_string_equal(m.fields.items[0].value, "\xec\x95\x88\xeb\x85\x95 hello");
	assert_string_equal(m.fields.items[1].name, "note");
	assert_string_equal(m.fields.items[1].value, "line one\r\nline two");
	assert_int_equal(m.fields.items[1].length, 18);
	assert_int_equal(m.file_count, 1);
	assert_string_equal(m.files[0].field, "logo");
	assert_string_equal(m.files[0].filename, "logo.png");
	assert_int_equal(m.files[0].size, 8);
	assert_memory_equal(m.files[0].data, "\x89PNG\r\n\x1a\n", 8);
}

/* A file name typed on a Mac (decomposed Hangul, NFD) arrives in NFC like
 * every text field (issue 13); one that is not UTF-8 stays as sent. */
static void test_multipart_file_name_nfc(void **state)
{
	/* 견적서 decomposed: each syllable as its leading, medial and final jamo */
	static const char nfd[] = "\xe1\x84\x80\xe1\x85\xa7\xe1\x86\xab"
	    "\xe1\x84\x8c\xe1\x85\xa5\xe1\x86\xa8\xe1\x84\x89\xe1\x85\xa5.pdf";
	static const char nfc[] = "\xea\xb2\xac\xec\xa0\x81\xec\x84\x9c.pdf";
	struct strbuf body;
	strbuf_init(&body, *state);
	part_file(&body, "file", nfd, "x", 1);
	part_file(&body, "other", "bad\xff.txt", "y", 1);
	part_end(&body);
	struct multipart m;
	assert_int_equal(multipart(*state, CONTENT_TYPE, body.data, body.length, &m), 0);
	assert_int_equal(m.file_count, 2);
	assert_string_equal(m.files[0].filename, nfc);
	assert_string_equal(m.files[1].filename, "bad\xff.txt");
}

static void test_multipart_boundary_forms(void **state)
{
	static const char *const types[] = {
		"multipart/form-data; boundary=XyZ",
		"multipart/form-data; boundary=\"XyZ\"",
		"multipart/form-data;boundary=XyZ",
		"Multipart/Form-Data; BOUNDARY=XyZ",
		"multipart/form-data; charset=utf-8; boundary=XyZ",
		"multipart/form-data; boundary=XyZ; charset=utf-8",
		"multipart/form-data; boundary=\"XyZ\"; charset=utf-8",
	};
	for (size_t i = 0; i < sizeof(types) / sizeof(types[0]); i++) {
		struct multipart m;
		assert_int_equal(multipart(*state, types[i], two_fields_one_file,
				     sizeof(two_fields_one_file) - 1, &m),
		    0);
		assert_int_equal(m.fields.count, 2);
		assert_int_equal(m.file_count, 1);
	}
	/* A quoted boundary may hold characters a token may not. */
	static const char spaced[] = "--a b:c\r\n"
				     "Content-Disposition: form-data; name=\"x\"\r\n\r\n"
				     "1\r\n--a b:c--\r\n";
	struct multipart m;
	assert_int_equal(multipart(*state, "multipart/form-data; boundary=\"a b:c\"", spaced,
			     sizeof(spaced) - 1, &m),
	    0);
	assert_int_equal(m.fields.count, 1);
	assert_string_equal(m.fields.items[0].value, "1");
}

static void test_multipart_empty_file_is_no_file(void **state)
{
	static const char body[] =
	    "--XyZ\r\n"
	    "Content-Disposition: form-data; name=\"logo\"; filename=\"\"\r\n"
	    "Content-Type: application/octet-stream\r\n"
	    "\r\n"
	    "\r\n"
	    "--XyZ\r\n"
	    "Content-Disposition: form-data; name=\"title\"\r\n"
	    "\r\n"
	    "t\r\n"
	    "--XyZ--\r\n";
	struct multipart m;
	assert_int_equal(multipart(*state, CONTENT_TYPE, body, sizeof(body) - 1, &m), 0);
	assert_int_equal(m.file_count, 0);
	assert_null(m.files);
	assert_int_equal(m.fields.count, 1);
	assert_string_equal(m.fields.items[0].value, "t");
}

static void test_multipart_empty_text_field(void **state)
{
	static const char body[] = "--XyZ\r\n"
				   "Content-Disposition: form-data; name=\"empty\"\r\n"
				   "\r\n"
				   "\r\n"
				   "--XyZ--";
	struct multipart m;
	assert_int_equal(multipart(*state, CONTENT_TYPE, body, sizeof(body) - 1, &m), 0);
	assert_int_equal(m.fields.count, 1);
	assert_string_equal(m.fields.items[0].value, "");
	assert_int_equal(m.fields.items[0].length, 0);
	/* No parts at all. */
	assert_int_equal(multipart(*state, CONTENT_TYPE, "--XyZ--\r\n", 9, &m), 0);
	assert_int_equal(m.fields.count, 0);
	assert_int_equal(m.file_count, 0);
}

static void test_multipart_truncated(void **state)
{
	struct arena *arena = *state;
	size_t full = sizeof(two_fields_one_file) - 1;
	/* Everything up to the closing "--" is needed; the final CRLF is not. */
	size_t needed = full - 2;
	for (size_t length = 0; length < needed; length++) {
		struct multipart m;
		int status = multipart(arena, CONTENT_TYPE, two_fields_one_file, length, &m);
		if (status != 400)
			fail_msg("prefix of %zu bytes gave %d", length, status);
	}
	struct multipart m;
	assert_int_equal(multipart(arena, CONTENT_TYPE, two_fields_one_file, needed, &m), 0);
	static const char no_close[] = "--XyZ\r\n"
				       "Content-Disposition: form-data; name=\"a\"\r\n"
				       "\r\n"
				       "value without a closing delimiter\r\n";
	assert_int_equal(multipart(arena, CONTENT_TYPE, no_close, sizeof(no_close) - 1, &m), 400);
	static const char next_without_headers[] = "--XyZ\r\n"
						   "Content-Disposition: form-data; name=\"a\"\r\n"
						   "\r\n"
						   "1\r\n"
						   "--XyZ\r\n";
	assert_int_equal(multipart(arena, CONTENT_TYPE, next_without_headers,
			     sizeof(next_without_headers) - 1, &m),
	    400);
	static const char garbage_after_boundary[] = "--XyZ\r\n"
						     "Content-Disposition: form-data; name=\"a\"\r\n"
						     "\r\n"
						     "1\r\n"
						     "--XyZjunk\r\n";
	assert_int_equal(multipart(arena, CONTENT_TYPE, garbage_after_boundary,
			     sizeof(garbage_after_boundary) - 1, &m),
	    400);
}

static void test_multipart_missing_boundary(void **state)
{
	static const char *const types[] = {
		"multipart/form-data",
		"multipart/form-data;",
		"multipart/form-data; boundary=",
		"multipart/form-data; boundary=\"\"",
		"multipart/form-data; boundary=\"XyZ",
		"multipart/form-data; xboundary=XyZ",
		"multipart/form-data; boundary XyZ",
		"",
	};
	for (size_t i = 0; i < sizeof(types) / sizeof(types[0]); i++) {
		struct multipart m;
		assert_int_equal(multipart(*state, types[i], two_fields_one_file,
				     sizeof(two_fields_one_file) - 1, &m),
		    400);
	}
	/* A boundary the body does not start with. */
	struct multipart m;
	assert_int_equal(multipart(*state, "multipart/form-data; boundary=Other",
			     two_fields_one_file, sizeof(two_fields_one_file) - 1, &m),
	    400);
	assert_int_equal(multipart(*state, "multipart/form-data; boundary=XyZW",
			     two_fields_one_file, sizeof(two_fields_one_file) - 1, &m),
	    400);
	static const char preamble[] = "preamble\r\n--XyZ\r\n"
				       "Content-Disposition: form-data; name=\"a\"\r\n\r\n1\r\n--XyZ--";
	assert_int_equal(multipart(*state, CONTENT_TYPE, preamble, sizeof(preamble) - 1, &m), 400);
	/* An absurdly long boundary. */
	char *type = arena_printf(*state, "multipart/form-data; boundary=%0300d", 0);
	assert_int_equal(multipart(*state, type, two_fields_one_file,
			     sizeof(two_fields_one_file) - 1, &m),
	    400);
}

static void test_multipart_part_without_name(void **state)
{
	static const char *const parts[] = {
		"--XyZ\r\n\r\nvalue\r\n--XyZ--",
		"--XyZ\r\nContent-Type: text/plain\r\n\r\nvalue\r\n--XyZ--",
		"--XyZ\r\nContent-Disposition: form-data\r\n\r\nvalue\r\n--XyZ--",
		"--XyZ\r\nContent-Disposition: form-data; name=\"\"\r\n\r\nvalue\r\n--XyZ--",
		"--XyZ\r\nContent-Disposition: form-data; name=\r\n\r\nvalue\r\n--XyZ--",
		"--XyZ\r\nContent-Disposition: form-data; filename=\"a.txt\"\r\n\r\nvalue\r\n--XyZ--",
		"--XyZ\r\nContent-Disposition: form-data; name=\"a\r\n\r\nvalue\r\n--XyZ--",
		"--XyZ\r\nContent-Disposition: form-data; fieldname=\"a\"\r\n\r\nvalue\r\n--XyZ--",
		("--XyZ\r\nContent-Disposition: form-data; name=\"a\"\r\n\r\n1\r\n"
		 "--XyZ\r\nContent-Disposition: form-data\r\n\r\n2\r\n--XyZ--"),
	};
	for (size_t i = 0; i < sizeof(parts) / sizeof(parts[0]); i++) {
		struct multipart m;
		int status = multipart(*state, CONTENT_TYPE, parts[i], strlen(parts[i]), &m);
		if (status != 400)
			fail_msg("row %zu gave %d", i, status);
	}
}

static void test_multipart_nul_in_text_field(void **state)
{
	static const char body[] = "--XyZ\r\n"
				   "Content-Disposition: form-data; name=\"a\"\r\n"
				   "\r\n"
				   "x\0y\r\n"
				   "--XyZ--";
	struct multipart m;
	assert_int_equal(multipart(*state, CONTENT_TYPE, body, sizeof(body) - 1, &m), 400);
	/* A NUL in the part's headers is refused too. */
	static const char in_headers[] = "--XyZ\r\n"
					 "Content-Disposition: form-data; name=\"a\0b\"\r\n"
					 "\r\n"
					 "x\r\n"
					 "--XyZ--";
	assert_int_equal(multipart(*state, CONTENT_TYPE, in_headers, sizeof(in_headers) - 1, &m),
	    400);
	/* A NUL in a file is just a byte. */
	static const char in_file[] = "--XyZ\r\n"
				      "Content-Disposition: form-data; name=\"f\"; filename=\"a.bin\"\r\n"
				      "\r\n"
				      "x\0y\r\n"
				      "--XyZ--";
	assert_int_equal(multipart(*state, CONTENT_TYPE, in_file, sizeof(in_file) - 1, &m), 0);
	assert_int_equal(m.file_count, 1);
	assert_int_equal(m.files[0].size, 3);
	assert_memory_equal(m.files[0].data, "x\0y", 3);
}

static void test_multipart_text_field_size_limit(void **state)
{
	struct arena *arena = *state;
	char *value = repeat(arena, "v", HTTP_MAX_FIELD_BYTES);
	struct strbuf body;
	strbuf_init(&body, arena);
	part_field(&body, "a", value);
	part_end(&body);
	struct multipart m;
	assert_int_equal(multipart(arena, CONTENT_TYPE, strbuf_text(&body), body.length, &m), 0);
	assert_int_equal(m.fields.items[0].length, HTTP_MAX_FIELD_BYTES);
	strbuf_init(&body, arena);
	part_field(&body, "a", arena_printf(arena, "%sv", value));
	part_end(&body);
	assert_int_equal(multipart(arena, CONTENT_TYPE, strbuf_text(&body), body.length, &m), 413);
}

static void test_multipart_field_count_limit(void **state)
{
	struct arena *arena = *state;
	struct strbuf body;
	strbuf_init(&body, arena);
	for (int i = 0; i < HTTP_MAX_FIELDS; i++)
		part_field(&body, "f", "1");
	part_end(&body);
	struct multipart m;
	assert_int_equal(multipart(arena, CONTENT_TYPE, strbuf_text(&body), body.length, &m), 0);
	assert_int_equal(m.fields.count, HTTP_MAX_FIELDS);
	strbuf_init(&body, arena);
	for (int i = 0; i <= HTTP_MAX_FIELDS; i++)
		part_field(&body, "f", "1");
	part_end(&body);
	assert_int_equal(multipart(arena, CONTENT_TYPE, strbuf_text(&body), body.length, &m), 413);
}

static void test_multipart_file_size_limit(void **state)
{
	struct arena *arena = *state;
	size_t size = HTTP_MAX_FILE_BYTES + 1;
	unsigned char *data = malloc(size);
	assert_non_null(data);
	arena_on_free(arena, free, data);
	for (size_t i = 0; i < size; i++)
		data[i] = (unsigned char)(i * 7 + 1);
	struct strbuf body;
	strbuf_init(&body, arena);
	part_file(&body, "f", "big.bin", data, HTTP_MAX_FILE_BYTES);
	part_end(&body);
	struct multipart m;
	assert_int_equal(multipart(arena, CONTENT_TYPE, strbuf_text(&body), body.length, &m), 0);
	assert_int_equal(m.file_count, 1);
	assert_int_equal(m.files[0].size, HTTP_MAX_FILE_BYTES);
	assert_memory_equal(m.files[0].data, data, HTTP_MAX_FILE_BYTES);
	arena_reset(arena);
	data = malloc(size);
	assert_non_null(data);
	arena_on_free(arena, free, data);
	memset(data, 'a', size);
	strbuf_init(&body, arena);
	part_file(&body, "f", "big.bin", data, size);
	part_end(&body);
	assert_int_equal(multipart(arena, CONTENT_TYPE, strbuf_text(&body), body.length, &m), 413);
}

static void test_multipart_file_count_limit(void **state)
{
	struct arena *arena = *state;
	struct strbuf body;
	strbuf_init(&body, arena);
	for (int i = 0; i < HTTP_MAX_FILES; i++)
		part_file(&body, arena_printf(arena, "f%d", i), "a.txt", "abc", 3);
	part_field(&body, "title", "x");
	part_end(&body);
	struct multipart m;
	assert_int_equal(multipart(arena, CONTENT_TYPE, strbuf_text(&body), body.length, &m), 0);
	assert_int_equal(m.file_count, HTTP_MAX_FILES);
	for (int i = 0; i < HTTP_MAX_FILES; i++) {
		assert_string_equal(m.files[i].field, arena_printf(arena, "f%d", i));
		assert_int_equal(m.files[i].size, 3);
	}
	strbuf_init(&body, arena);
	for (int i = 0; i <= HTTP_MAX_FILES; i++)
		part_file(&body, "f", "a.txt", "abc", 3);
	part_end(&body);
	assert_int_equal(multipart(arena, CONTENT_TYPE, strbuf_text(&body), body.length, &m), 413);
	/* Empty "no file chosen" parts do not count. */
	strbuf_init(&body, arena);
	for (int i = 0; i < 10; i++)
		part_file(&body, "f", "", "", 0);
	for (int i = 0; i < HTTP_MAX_FILES; i++)
		part_file(&body, "f", "a.txt", "abc", 3);
	part_end(&body);
	assert_int_equal(multipart(arena, CONTENT_TYPE, strbuf_text(&body), body.length, &m), 0);
	assert_int_equal(m.file_count, HTTP_MAX_FILES);
}

static void test_multipart_binary_file_exact(void **state)
{
	struct arena *arena = *state;
	/* Every byte value, then pieces that look like the delimiter "\r\n--XyZ"
	 * but are not (a sender picks a boundary that its content lacks). */
	struct strbuf data;
	strbuf_init(&data, arena);
	for (int i = 0; i < 256; i++) {
		unsigned char c = (unsigned char)i;
		strbuf_append(&data, (const char *)&c, 1);
	}
	static const char *const tricky[] = {
		"\r\n--Xy", "\r\n--", "\r\n\r\n", "--XyZ", "\n--XyZ", "\r--XyZ", "\r\n-XyZ",
		"\r\n--xyz", "\r\n--XYZ", "\r\r\n--Xy\r\n", "--XyZ--", "\r\n\r\n--Xy",
	};
	for (size_t i = 0; i < sizeof(tricky) / sizeof(tricky[0]); i++) {
		strbuf_puts(&data, tricky[i]);
		strbuf_append(&data, "\0\xff", 2);
	}
	/* Ends in a prefix of the delimiter, which the real one then follows. */
	strbuf_puts(&data, "\r\n--Xy");
	struct strbuf body;
	strbuf_init(&body, arena);
	part_file(&body, "f", "blob.bin", data.data, data.length);
	part_field(&body, "after", "ok");
	part_end(&body);
	struct multipart m;
	assert_int_equal(multipart(arena, CONTENT_TYPE, strbuf_text(&body), body.length, &m), 0);
	assert_int_equal(m.file_count, 1);
	assert_int_equal(m.files[0].size, data.length);
	assert_memory_equal(m.files[0].data, data.data, data.length);
	assert_int_equal(m.fields.count, 1);
	assert_string_equal(m.fields.items[0].value, "ok");
	/* A file that ends in CR LF keeps it: only the CR LF of the delimiter goes. */
	strbuf_init(&body, arena);
	part_file(&body, "f", "crlf.txt", "a\r\n\r\n", 5);
	part_end(&body);
	assert_int_equal(multipart(arena, CONTENT_TYPE, strbuf_text(&body), body.length, &m), 0);
	assert_int_equal(m.files[0].size, 5);
	assert_memory_equal(m.files[0].data, "a\r\n\r\n", 5);
}

static void test_multipart_filename_verbatim(void **state)
{
	static const char *const names[] = {
		"../../etc/passwd", "..\\..\\boot.ini", "/abs/path.png", "\xed\x95\x9c.png",
		"a;b.png", "name=x.png", " spaced .png",
	};
	for (size_t i = 0; i < sizeof(names) / sizeof(names[0]); i++) {
		struct strbuf body;
		strbuf_init(&body, *state);
		part_file(&body, "f", names[i], "x", 1);
		part_end(&body);
		struct multipart m;
		assert_int_equal(multipart(*state, CONTENT_TYPE, strbuf_text(&body), body.length, &m),
		    0);
		assert_int_equal(m.file_count, 1);
		assert_string_equal(m.files[0].field, "f");
		assert_string_equal(m.files[0].filename, names[i]);
	}
}

static void test_multipart_header_forms(void **state)
{
	/* filename before name, unquoted name, extra headers, odd case. */
	static const char body[] =
	    "--XyZ\r\n"
	    "Content-Type: text/plain\r\n"
	    "CONTENT-DISPOSITION: form-data; filename=\"a.txt\"; name=\"upload\"\r\n"
	    "\r\n"
	    "file\r\n"
	    "--XyZ\r\n"
	    "Content-Disposition: form-data; name=plain\r\n"
	    "\r\n"
	    "value\r\n"
	    "--XyZ--\r\n";
	struct multipart m;
	assert_int_equal(multipart(*state, CONTENT_TYPE, body, sizeof(body) - 1, &m), 0);
	assert_int_equal(m.file_count, 1);
	assert_string_equal(m.files[0].field, "upload");
	assert_string_equal(m.files[0].filename, "a.txt");
	assert_int_equal(m.fields.count, 1);
	assert_string_equal(m.fields.items[0].name, "plain");
	assert_string_equal(m.fields.items[0].value, "value");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_urlencoded_plain, setup, teardown),
		cmocka_unit_test_setup_teardown(test_urlencoded_decoding, setup, teardown),
		cmocka_unit_test_setup_teardown(test_urlencoded_bad_escapes, setup, teardown),
		cmocka_unit_test_setup_teardown(test_urlencoded_nul, setup, teardown),
		cmocka_unit_test_setup_teardown(test_urlencoded_empty_pairs, setup, teardown),
		cmocka_unit_test_setup_teardown(test_urlencoded_name_without_equals, setup, teardown),
		cmocka_unit_test_setup_teardown(test_urlencoded_duplicates_keep_order, setup, teardown),
		cmocka_unit_test_setup_teardown(test_urlencoded_field_count_limit, setup, teardown),
		cmocka_unit_test_setup_teardown(test_urlencoded_field_size_limit, setup, teardown),
		cmocka_unit_test_setup_teardown(test_urlencoded_invalid_utf8_passes, setup, teardown),
		cmocka_unit_test_setup_teardown(test_urlencoded_respects_length, setup, teardown),
		cmocka_unit_test_setup_teardown(test_cookies_basic, setup, teardown),
		cmocka_unit_test_setup_teardown(test_cookies_spaces, setup, teardown),
		cmocka_unit_test_setup_teardown(test_cookies_empty, setup, teardown),
		cmocka_unit_test_setup_teardown(test_cookies_value_with_equals, setup, teardown),
		cmocka_unit_test_setup_teardown(test_cookies_many, setup, teardown),
		cmocka_unit_test_setup_teardown(test_cookies_overlong_header, setup, teardown),
		cmocka_unit_test_setup_teardown(test_multipart_fields_and_file, setup, teardown),
		cmocka_unit_test_setup_teardown(test_multipart_file_name_nfc, setup, teardown),
		cmocka_unit_test_setup_teardown(test_multipart_boundary_forms, setup, teardown),
		cmocka_unit_test_setup_teardown(test_multipart_empty_file_is_no_file, setup, teardown),
		cmocka_unit_test_setup_teardown(test_multipart_empty_text_field, setup, teardown),
		cmocka_unit_test_setup_teardown(test_multipart_truncated, setup, teardown),
		cmocka_unit_test_setup_teardown(test_multipart_missing_boundary, setup, teardown),
		cmocka_unit_test_setup_teardown(test_multipart_part_without_name, setup, teardown),
		cmocka_unit_test_setup_teardown(test_multipart_nul_in_text_field, setup, teardown),
		cmocka_unit_test_setup_teardown(test_multipart_text_field_size_limit, setup, teardown),
		cmocka_unit_test_setup_teardown(test_multipart_field_count_limit, setup, teardown),
		cmocka_unit_test_setup_teardown(test_multipart_file_size_limit, setup, teardown),
		cmocka_unit_test_setup_teardown(test_multipart_file_count_limit, setup, teardown),
		cmocka_unit_test_setup_teardown(test_multipart_binary_file_exact, setup, teardown),
		cmocka_unit_test_setup_teardown(test_multipart_filename_verbatim, setup, teardown),
		cmocka_unit_test_setup_teardown(test_multipart_header_forms, setup, teardown),
	};
	return cmocka_run_group_tests_name("http", tests, NULL, NULL);
}
