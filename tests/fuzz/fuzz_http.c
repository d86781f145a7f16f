/* fuzz_http: a libFuzzer target for the request parsers of http; the first
 * byte of each input picks the parser, the rest is what a client would send. */
#include "arena.h"
#include "http.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

enum {
	FUZZ_URLENCODED,
	FUZZ_COOKIES,
	FUZZ_MULTIPART,      /* fixed content type, boundary XyZ */
	FUZZ_MULTIPART_TYPE, /* content type from the input, up to its first LF */
	FUZZ__MAX
};

/* Every parser keeps these promises, whatever the input; a broken one
 * stops the fuzzer as a crash would. */
static void check_fields(const struct http_fields *fields, size_t limit)
{
	if (fields->count > limit)
		abort();
	for (size_t i = 0; i < fields->count; i++) {
		const struct http_field *field = &fields->items[i];
		if (field->name == NULL || field->value == NULL)
			abort();
		if (strlen(field->value) != field->length || field->length > HTTP_MAX_FIELD_BYTES)
			abort();
	}
}

static void check_files(const struct http_file *files, size_t count, const uint8_t *data,
    size_t size)
{
	if (count > HTTP_MAX_FILES)
		abort();
	for (size_t i = 0; i < count; i++) {
		const struct http_file *file = &files[i];
		if (file->field == NULL || *file->field == '\0' || file->filename == NULL)
			abort();
		if (file->size > HTTP_MAX_FILE_BYTES)
			abort();
		/* File data points into the body, never past it. */
		if (file->data < data || file->size > size || file->data > data + size - file->size)
			abort();
	}
}

static void fuzz_multipart(struct arena *arena, const char *content_type, const uint8_t *data,
    size_t size)
{
	struct http_fields fields = { 0 };
	struct http_file *files = NULL;
	size_t file_count = 0;
	int status = http_parse_multipart(arena, content_type, data, size, &fields, &files,
	    &file_count);
	if (status != 0 && status != 400 && status != 413)
		abort();
	if (status == 0) {
		check_fields(&fields, HTTP_MAX_FIELDS);
		check_files(files, file_count, data, size);
	}
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static struct arena *arena;
	if (arena == NULL && (arena = arena_new()) == NULL)
		abort();
	if (size == 0)
		return 0;
	int parser = data[0] % FUZZ__MAX;
#ifdef FUZZ_PARSER
	/* Built for one parser: the first byte is still skipped, so that the
	 * same corpus serves every build. */
	parser = FUZZ_PARSER;
#endif
	data++;
	size--;
	struct http_fields fields = { 0 };
	int status;
	switch (parser) {
	case FUZZ_URLENCODED:
		status = http_parse_urlencoded(arena, (const char *)data, size, &fields);
		if (status != 0 && status != 400 && status != 413)
			abort();
		if (status == 0)
			check_fields(&fields, HTTP_MAX_FIELDS);
		break;
	case FUZZ_COOKIES: {
		/* A header arrives as a C string: an exact-size copy with its NUL. */
		char *header = malloc(size + 1);
		if (header == NULL)
			abort();
		memcpy(header, data, size);
		header[size] = '\0';
		status = http_parse_cookies(arena, header, &fields);
		if (status != 0 && status != 400)
			abort();
		if (status == 0)
			check_fields(&fields, HTTP_MAX_COOKIES);
		free(header);
		break;
	}
	case FUZZ_MULTIPART:
		fuzz_multipart(arena, "multipart/form-data; boundary=XyZ", data, size);
		break;
	case FUZZ_MULTIPART_TYPE: {
		const uint8_t *newline = memchr(data, '\n', size);
		if (newline == NULL)
			break;
		char *type = arena_strndup(arena, (const char *)data, (size_t)(newline - data));
		size_t skip = (size_t)(newline - data) + 1;
		fuzz_multipart(arena, type, data + skip, size - skip);
		break;
	}
	}
	arena_reset(arena);
	return 0;
}
