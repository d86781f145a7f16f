/* text: strict parsing and encoding helpers shared by every module. */
#include "text.h"
#include "arena.h"

#include <ctype.h>
#include <errno.h>
#include <stdlib.h>
#include <string.h>

int text_to_int(const char *text, long long min, long long max, long long *out)
{
	if (text == NULL || *text == '\0')
		return -1;
	const char *p = text;
	if (*p == '-')
		p++;
	if (!isdigit((unsigned char)*p))
		return -1;
	for (; *p != '\0'; p++)
		if (!isdigit((unsigned char)*p))
			return -1;
	errno = 0;
	long long value = strtoll(text, NULL, 10);
	if (errno != 0 || value < min || value > max)
		return -1;
	*out = value;
	return 0;
}

long text_utf8_length(const char *text, size_t bytes)
{
	const unsigned char *s = (const unsigned char *)text;
	long count = 0;
	size_t i = 0;
	while (i < bytes) {
		unsigned char c = s[i];
		size_t extra;
		uint32_t point;
		if (c < 0x80) {
			i++;
			count++;
			continue;
		} else if ((c & 0xE0) == 0xC0) {
			extra = 1;
			point = c & 0x1F;
		} else if ((c & 0xF0) == 0xE0) {
			extra = 2;
			point = c & 0x0F;
		} else if ((c & 0xF8) == 0xF0) {
			extra = 3;
			point = c & 0x07;
		} else {
			return -1;
		}
		if (i + extra >= bytes)
			return -1;
		for (size_t k = 1; k <= extra; k++) {
			if ((s[i + k] & 0xC0) != 0x80)
				return -1;
			point = (point << 6) | (s[i + k] & 0x3F);
		}
		static const uint32_t smallest[] = { 0, 0x80, 0x800, 0x10000 };
		if (point < smallest[extra] || point > 0x10FFFF || (point >= 0xD800 && point <= 0xDFFF))
			return -1;
		i += extra + 1;
		count++;
	}
	return count;
}

bool text_has_control(const char *text)
{
	for (const unsigned char *p = (const unsigned char *)text; *p != '\0'; p++)
		if ((*p < 0x20 && *p != '\t' && *p != '\r' && *p != '\n') || *p == 0x7F)
			return true;
	return false;
}

char *text_base64url(struct arena *arena, const unsigned char *bytes, size_t length)
{
	static const char alphabet[] =
	    "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
	char *out = arena_alloc(arena, length * 4 / 3 + 4);
	size_t o = 0;
	for (size_t i = 0; i < length; i += 3) {
		uint32_t v = (uint32_t)bytes[i] << 16;
		if (i + 1 < length)
			v |= (uint32_t)bytes[i + 1] << 8;
		if (i + 2 < length)
			v |= bytes[i + 2];
		out[o++] = alphabet[(v >> 18) & 63];
		out[o++] = alphabet[(v >> 12) & 63];
		if (i + 1 < length)
			out[o++] = alphabet[(v >> 6) & 63];
		if (i + 2 < length)
			out[o++] = alphabet[v & 63];
	}
	out[o] = '\0';
	return out;
}

char *text_hex(struct arena *arena, const unsigned char *bytes, size_t length)
{
	static const char digits[] = "0123456789abcdef";
	char *out = arena_alloc(arena, length * 2 + 1);
	for (size_t i = 0; i < length; i++) {
		out[2 * i] = digits[bytes[i] >> 4];
		out[2 * i + 1] = digits[bytes[i] & 15];
	}
	return out;
}

char *text_trim(char *text)
{
	while (*text != '\0' && isspace((unsigned char)*text))
		text++;
	size_t length = strlen(text);
	while (length > 0 && isspace((unsigned char)text[length - 1]))
		text[--length] = '\0';
	return text;
}

void text_url_encode(struct strbuf *out, const char *text)
{
	static const char hex[] = "0123456789ABCDEF";
	for (const unsigned char *p = (const unsigned char *)text; *p != '\0'; p++) {
		if ((*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z') || (*p >= '0' && *p <= '9')
		    || *p == '-' || *p == '_' || *p == '.' || *p == '~') {
			strbuf_append(out, (const char *)p, 1);
		} else {
			char escaped[3] = { '%', hex[*p >> 4], hex[*p & 15] };
			strbuf_append(out, escaped, 3);
		}
	}
}

bool text_is_web_address(const char *text)
{
	if (strncmp(text, "http://", 7) != 0 && strncmp(text, "https://", 8) != 0)
		return false;
	for (const unsigned char *p = (const unsigned char *)text; *p != '\0'; p++)
		if (*p <= 0x20 || *p == 0x7f || *p == '"' || *p == '<' || *p == '>' || *p == '\\')
			return false;
	return true;
}

/* The length of the address at p (0 when none starts there). */
static size_t text_link_length(const char *p)
{
	size_t scheme = strncmp(p, "https://", 8) == 0 ? 8
	    : strncmp(p, "http://", 7) == 0 ? 7 : 0;
	if (scheme == 0)
		return 0;
	size_t n = scheme;
	for (const unsigned char *c = (const unsigned char *)p + n; *c > 0x20 && *c < 0x7f
	     && *c != '"' && *c != '\'' && *c != '<' && *c != '>' && *c != '\\' && *c != '`'; c++)
		n++;
	while (n > scheme && strchr(".,;:!?)]", p[n - 1]) != NULL)
		n--;
	return n > scheme ? n : 0;
}

int text_links(struct arena *arena, const char *text, struct text_segment **out)
{
	size_t length = strlen(text);
	/* at most one link and one text segment per 7 bytes, plus the tail */
	struct text_segment *segments = arena_alloc(arena, (length / 7 + 2) * 2
	    * sizeof(*segments));
	int count = 0;
	size_t start = 0;
	for (size_t i = 0; i < length; i++) {
		bool boundary = i == 0 || strchr(" \t\n(<[", text[i - 1]) != NULL;
		size_t n = boundary ? text_link_length(text + i) : 0;
		if (n == 0)
			continue;
		if (i > start)
			segments[count++] = (struct text_segment) {
				arena_strndup(arena, text + start, i - start), false };
		segments[count++] = (struct text_segment) {
			arena_strndup(arena, text + i, n), true };
		start = i + n;
		i = start - 1;
	}
	if (length > start)
		segments[count++] = (struct text_segment) {
			arena_strndup(arena, text + start, length - start), false };
	*out = segments;
	return count;
}

uint64_t text_hash(uint64_t hash, const void *data, size_t length)
{
	const unsigned char *p = data;
	for (size_t i = 0; i < length; i++) {
		hash ^= p[i];
		hash *= UINT64_C(0x100000001b3);
	}
	return hash;
}

uint64_t text_hash_string(uint64_t hash, const char *text)
{
	return text_hash(hash, text, strlen(text) + 1);
}
