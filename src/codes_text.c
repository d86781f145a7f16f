/* codes_text: a text code file's encoding detected (BOM, UTF-8, else CP949)
 * and converted to UTF-8 with iconv as a stream, its line ends (LF, CRLF, CR)
 * made LF, for the csv reader. */
#include "codes_read.h"

#include <errno.h>
#include <iconv.h>
#include <stdlib.h>
#include <string.h>
#include <sys/types.h>
#include <unistd.h>

#define CODES_CHUNK 65536

/* Put in place of bytes the encoding cannot decode: a control character,
 * so that the line is reported as CODES_BAD_CHAR. */
#define CODES_UNDECODABLE '\x1a'

/* A file read as UTF-8, converted when it is in another encoding. */
struct codes_utf8 {
	int fd;
	iconv_t cd;   /* (iconv_t)-1 for UTF-8 read as it is */
	size_t unit;  /* bytes skipped at an undecodable sequence */
	bool eof;
	size_t in_length;
	char in[CODES_CHUNK];
};

struct codes_text {
	struct codes_utf8 source;
	bool after_cr;   /* the last byte was a CR (a LF next is part of it) */
	char out[CODES_CHUNK];
};

/* Length of the longest prefix of s (n bytes) that holds whole UTF-8
 * sequences, the rest being the start of an unfinished one; -1 when s is not
 * UTF-8 (overlong forms, surrogates, past U+10FFFF). */
static ssize_t codes_utf8_prefix(const unsigned char *s, size_t n)
{
	size_t i = 0;
	while (i < n) {
		unsigned char c = s[i];
		if (c < 0x80) {
			i++;
			continue;
		}
		size_t extra = c >= 0xC2 && c < 0xE0 ? 1 : c >= 0xE0 && c < 0xF0 ? 2 :
		    c >= 0xF0 && c < 0xF5 ? 3 : 0;
		if (extra == 0)
			return -1;
		for (size_t k = 1; k <= extra; k++) {
			if (i + k == n)
				return (ssize_t)i;
			if ((s[i + k] & 0xC0) != 0x80)
				return -1;
		}
		unsigned char d = s[i + 1];
		if ((c == 0xE0 && d < 0xA0) || (c == 0xED && d >= 0xA0) ||
		    (c == 0xF0 && d < 0x90) || (c == 0xF4 && d >= 0x90))
			return -1;
		i += extra + 1;
	}
	return (ssize_t)i;
}

/* True when the whole file (from offset 0) is UTF-8; false also on a read
 * error, which the second reading then meets. */
static bool codes_file_is_utf8(int fd, char *buffer, size_t size)
{
	size_t carry = 0;
	ssize_t n;
	off_t offset = 0;
	while ((n = pread(fd, buffer + carry, size - carry, offset)) > 0) {
		offset += n;
		size_t have = carry + (size_t)n;
		ssize_t whole = codes_utf8_prefix((const unsigned char *)buffer, have);
		if (whole < 0)
			return false;
		carry = have - (size_t)whole;
		memmove(buffer, buffer + whole, carry);
	}
	return n == 0 && carry == 0;
}

/* Detects source's encoding and positions its file after any BOM. Returns
 * 0 or CODES_EUNREADABLE. */
static int codes_utf8_open(struct codes_utf8 *source, int fd)
{
	unsigned char bom[3] = { 0 };
	const char *from = NULL;
	off_t skip = 0;
	source->fd = fd;
	source->cd = (iconv_t)-1;
	source->unit = 1;
	ssize_t n = pread(fd, bom, sizeof(bom), 0);
	if (n < 0)
		return CODES_EUNREADABLE;
	if (n == 3 && bom[0] == 0xEF && bom[1] == 0xBB && bom[2] == 0xBF)
		skip = 3;
	else if (n >= 2 && bom[0] == 0xFF && bom[1] == 0xFE)
		from = "UTF-16LE";
	else if (n >= 2 && bom[0] == 0xFE && bom[1] == 0xFF)
		from = "UTF-16BE";
	else if (!codes_file_is_utf8(fd, source->in, sizeof(source->in)))
		from = "CP949"; /* a superset of EUC-KR */
	if (from != NULL) {
		skip = from[0] == 'U' ? 2 : 0;
		source->unit = (size_t)skip > 0 ? 2 : 1;
		source->cd = iconv_open("UTF-8", from);
		if (source->cd == (iconv_t)-1)
			return CODES_EUNREADABLE;
	}
	return lseek(fd, skip, SEEK_SET) == skip ? 0 : CODES_EUNREADABLE;
}

/* Reads more of the file into source->in. 0, or -1 on a read error. */
static int codes_utf8_refill(struct codes_utf8 *source)
{
	if (source->eof || source->in_length == sizeof(source->in))
		return 0;
	ssize_t n = read(source->fd, source->in + source->in_length,
	    sizeof(source->in) - source->in_length);
	if (n < 0)
		return -1;
	source->eof = n == 0;
	source->in_length += (size_t)n;
	return 0;
}

/* Drops the first count bytes of source->in. */
static void codes_utf8_consume(struct codes_utf8 *source, size_t count)
{
	source->in_length -= count;
	memmove(source->in, source->in + count, source->in_length);
}

/* One iconv step from source->in into out (cap >= 1 bytes): the bytes
 * written, an undecodable sequence becoming CODES_UNDECODABLE. */
static size_t codes_utf8_convert(struct codes_utf8 *source, char *out, size_t cap)
{
	char *in = source->in, *next = out;
	size_t in_left = source->in_length, out_left = cap;
	size_t result = iconv(source->cd, &in, &in_left, &next, &out_left);
	int error = errno;
	codes_utf8_consume(source, source->in_length - in_left);
	size_t produced = cap - out_left;
	bool stuck = result == (size_t)-1 && (error == EILSEQ || (error == EINVAL && source->eof));
	if (stuck && out_left > 0) {
		out[produced++] = CODES_UNDECODABLE;
		codes_utf8_consume(source, source->unit < source->in_length ?
		    source->unit : source->in_length);
	}
	return produced;
}

/* Fills out with up to cap (>= 4) bytes of UTF-8. Returns the count, 0 at
 * the end of the file, or -1 on a read error. */
static ssize_t codes_utf8_pull(struct codes_utf8 *source, char *out, size_t cap)
{
	if (source->cd == (iconv_t)-1)
		return read(source->fd, out, cap);
	for (;;) {
		if (codes_utf8_refill(source) != 0)
			return -1;
		if (source->in_length == 0 && source->eof)
			return 0;
		size_t produced = codes_utf8_convert(source, out, cap);
		if (produced > 0)
			return (ssize_t)produced;
	}
}

/* Makes every line end of length bytes at text one LF, in place: CRLF
 * (also across two calls) and CR alike. Returns the new length. */
static size_t codes_text_line_ends(struct codes_text *text, char *bytes, size_t length)
{
	size_t kept = 0;
	for (size_t i = 0; i < length; i++) {
		char c = bytes[i];
		bool crlf_end = c == '\n' && text->after_cr;
		text->after_cr = c == '\r';
		if (!crlf_end)
			bytes[kept++] = c == '\r' ? '\n' : c;
	}
	return kept;
}

/* Reads the converted text as csv: a text of one code a line is a csv of one
 * column, and libmagic calls a csv with a blank line text/plain, so both
 * take the same way (a code holds no comma and does not begin with a quote). */
static int codes_text_csv(struct codes_run *run, struct codes_text *text)
{
	struct codes_csv *csv = codes_csv_new(run);
	if (csv == NULL)
		return CODES_EUNREADABLE;
	int result;
	for (;;) {
		ssize_t n = codes_utf8_pull(&text->source, text->out, sizeof(text->out));
		if (n <= 0) {
			result = n < 0 ? CODES_EUNREADABLE : codes_csv_finish(csv);
			break;
		}
		size_t length = codes_text_line_ends(text, text->out, (size_t)n);
		if ((result = codes_csv_feed(csv, text->out, length)) != 0)
			break;
	}
	codes_csv_free(csv);
	return result;
}

int codes_text_read(struct codes_run *run)
{
	struct codes_text *text = calloc(1, sizeof(*text));
	if (text == NULL)
		return CODES_EUNREADABLE;
	int result = codes_utf8_open(&text->source, run->fd);
	if (result == 0)
		result = codes_text_csv(run, text);
	if (text->source.cd != (iconv_t)-1)
		iconv_close(text->source.cd);
	free(text);
	return result;
}
