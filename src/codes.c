/* codes: an uploaded code file judged by libmagic and handed to its reader,
 * and every value judged here the same way whatever the file's type. */
#include "codes_read.h"
#include "log.h"

#include <errno.h>
#include <fcntl.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

/* What libmagic reads of a file to judge it. */
#define CODES_MAGIC_BYTES (1024 * 1024)

typedef int codes_reader(struct codes_run *run);

/* Which reader a libmagic type goes to (NULL: none). */
static codes_reader *codes_reader_for(const char *mime)
{
	static const struct {
		const char *mime;
		codes_reader *reader;
	} types[] = {
		{ "text/plain", codes_text_read },
		{ "text/csv", codes_text_read },
		{ "inode/x-empty", codes_text_read },
		{ "application/x-empty", codes_text_read },
		{ "application/vnd.ms-excel", codes_xls_read },
		{ "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", codes_xlsx_read },
		{ "application/zip", codes_xlsx_read }, /* [Content_Types].xml not first */
	};
	for (size_t i = 0; i < sizeof(types) / sizeof(types[0]); i++)
		if (strcmp(types[i].mime, mime) == 0)
			return types[i].reader;
	return NULL;
}

/* Opens libmagic for run. 0 or CODES_EUNREADABLE (logged). */
static int codes_magic_open(struct codes_run *run)
{
	run->magic = magic_open(MAGIC_MIME_TYPE | MAGIC_ERROR);
	if (run->magic == NULL) {
		log_error("codes: magic_open: %s", strerror(errno));
		return CODES_EUNREADABLE;
	}
	/* libmagic 5.44 reads 7 MiB by default, and holds text 4 bytes a character. */
	size_t bytes = CODES_MAGIC_BYTES;
	if (magic_setparam(run->magic, MAGIC_PARAM_BYTES_MAX, &bytes) != 0 ||
	    magic_load(run->magic, NULL) != 0) {
		log_error("codes: magic_load: %s", magic_error(run->magic));
		return CODES_EUNREADABLE;
	}
	return 0;
}

/* Decides the type of run's file and reads it. */
static int codes_dispatch(struct codes_run *run)
{
	struct stat st;
	if (fstat(run->fd, &st) != 0 || !S_ISREG(st.st_mode))
		return CODES_EUNREADABLE;
	int result = codes_magic_open(run);
	if (result != 0)
		return result;
	const char *mime = magic_descriptor(run->magic, run->fd);
	if (mime == NULL || lseek(run->fd, 0, SEEK_SET) != 0)
		return CODES_EUNREADABLE;
	codes_reader *reader = codes_reader_for(mime);
	return reader != NULL ? reader(run) : CODES_ETYPE;
}

int codes_type_check(const void *data, size_t size)
{
	struct codes_run run = { .fd = -1 };
	int result = codes_magic_open(&run);
	if (result == 0) {
		const char *mime = magic_buffer(run.magic, data,
		    size < CODES_MAGIC_BYTES ? size : CODES_MAGIC_BYTES);
		result = mime == NULL ? CODES_EUNREADABLE
		    : codes_reader_for(mime) != NULL ? 0 : CODES_ETYPE;
	}
	if (run.magic != NULL)
		magic_close(run.magic);
	return result;
}

int codes_read_file(const char *path, codes_sink sink, void *ctx, struct codes_report *report)
{
	struct codes_run run = { .path = path, .sink = sink, .ctx = ctx, .report = report };
	memset(report, 0, sizeof(*report));
	run.fd = open(path, O_RDONLY | O_CLOEXEC);
	if (run.fd < 0)
		return CODES_EUNREADABLE;
	int result = codes_dispatch(&run);
	if (run.magic != NULL)
		magic_close(run.magic);
	close(run.fd);
	return result;
}

void codes_line_seen(struct codes_run *run, long long line)
{
	if (line > run->report->lines)
		run->report->lines = line;
}

/* Decodes the code point at *p (before end), advancing *p; -1 when the bytes
 * are not valid UTF-8 (one byte is then skipped). */
static long codes_next_point(const unsigned char **p, const unsigned char *end)
{
	const unsigned char *s = *p;
	int extra = s[0] < 0x80 ? 0 : s[0] >= 0xC2 && s[0] < 0xE0 ? 1 :
	    s[0] >= 0xE0 && s[0] < 0xF0 ? 2 : s[0] >= 0xF0 && s[0] < 0xF5 ? 3 : -1;
	*p = s + 1;
	if (extra < 0 || end - s <= extra)
		return -1;
	long point = extra == 0 ? s[0] : s[0] & (0x3F >> extra);
	for (int i = 1; i <= extra; i++) {
		if ((s[i] & 0xC0) != 0x80)
			return -1;
		point = point << 6 | (s[i] & 0x3F);
	}
	static const long least[] = { 0, 0x80, 0x800, 0x10000 };
	if (point < least[extra] || point > 0x10FFFF || (point >= 0xD800 && point < 0xE000))
		return -1;
	*p = s + 1 + extra;
	return point;
}

/* True for what may not be in a code: C0, DEL, C1, line and paragraph
 * separators, bidirectional marks, embeddings, overrides and isolates, and
 * U+FEFF. */
static bool codes_is_control(long point)
{
	return point < 0x20 || (point >= 0x7F && point < 0xA0) || point == 0x200E ||
	    point == 0x200F || (point >= 0x2028 && point <= 0x202E) ||
	    (point >= 0x2066 && point <= 0x2069) || point == 0xFEFF;
}

/* Bytes of the space (ASCII space or tab, U+00A0, U+3000) at text, 0 if none. */
static size_t codes_space_at(const char *text, size_t length)
{
	const unsigned char *s = (const unsigned char *)text;
	if (length >= 1 && (s[0] == ' ' || s[0] == '\t'))
		return 1;
	if (length >= 2 && s[0] == 0xC2 && s[1] == 0xA0)
		return 2;
	if (length >= 3 && s[0] == 0xE3 && s[1] == 0x80 && s[2] == 0x80)
		return 3;
	return 0;
}

/* Bytes of the space that ends text (length bytes), 0 if none. */
static size_t codes_space_before(const char *text, size_t length)
{
	for (size_t n = 1; n <= 3 && n <= length; n++)
		if (codes_space_at(text + length - n, n) == n)
			return n;
	return 0;
}

/* The problem of a trimmed value, or 0 when it is a code. */
static int codes_judge(const char *text, size_t length, bool cut)
{
	const unsigned char *p = (const unsigned char *)text, *end = p + length;
	long points = 0;
	if (cut)
		return CODES_TOO_LONG;
	while (p < end) {
		long point = codes_next_point(&p, end);
		if (point < 0 || codes_is_control(point))
			return CODES_BAD_CHAR;
		points++;
	}
	return points > CODES_MAX_LENGTH ? CODES_TOO_LONG : 0;
}

/* Counts a problem of line, keeping the first CODES_FIRST. */
static void codes_problem(struct codes_report *report, long long line, int kind)
{
	if (report->first_count < CODES_FIRST)
		report->first[report->first_count++] = (struct codes_problem){ line, kind };
	report->bad++;
}

int codes_take(struct codes_run *run, const char *text, size_t length, bool cut, long long line)
{
	size_t n;
	codes_line_seen(run, line);
	while ((n = codes_space_at(text, length)) > 0) {
		text += n;
		length -= n;
	}
	if (!cut)
		while ((n = codes_space_before(text, length)) > 0)
			length -= n;
	if (length == 0)
		return 0;
	int kind = codes_judge(text, length, cut);
	if (kind != 0) {
		codes_problem(run->report, line, kind);
		return 0;
	}
	if (run->report->codes >= CODES_MAX)
		return CODES_ETOO_MANY;
	run->report->codes++;
	char code[CODES_MAX_LENGTH * 4 + 1];
	memcpy(code, text, length);
	code[length] = '\0';
	return run->sink(run->ctx, code, length, line);
}
