/* text: byte-level helpers on strings: strict numbers, UTF-8, base64url, hex. */
#ifndef SANGDAM_TEXT_H
#define SANGDAM_TEXT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

struct arena;
struct strbuf;

/* FNV-1a, 64 bits: length bytes of data hashed on from hash, which starts
 * at TEXT_HASH_START. For tables in memory (buckets, cache slots), not for
 * anything an attacker must not predict. */
#define TEXT_HASH_START UINT64_C(0xcbf29ce484222325)
uint64_t text_hash(uint64_t hash, const void *data, size_t length);
/* text_hash of text with its NUL, so that ("ab", "c") and ("a", "bc")
 * differ when hashed one after the other. */
uint64_t text_hash_string(uint64_t hash, const char *text);

/* Parses a whole decimal integer within [min, max] like OpenBSD's strtonum:
 * returns 0 and sets *out, or -1 for empty, junk, or out of range. */
int text_to_int(const char *text, long long min, long long max, long long *out);

/* Counts code points of valid UTF-8; returns -1 when text is not valid UTF-8
 * (overlong forms, surrogates and bytes past U+10FFFF count as invalid). */
long text_utf8_length(const char *text, size_t bytes);

/* True when text contains a control character other than tab, CR and LF. */
bool text_has_control(const char *text);

/* URL-safe base64 without padding of bytes, in the arena. */
char *text_base64url(struct arena *arena, const unsigned char *bytes, size_t length);
/* Lower-case hex of bytes, in the arena. */
char *text_hex(struct arena *arena, const unsigned char *bytes, size_t length);

/* Trims ASCII white space at both ends, in place; returns text. */
char *text_trim(char *text);

/* Appends text percent-encoded for a URL query value (RFC 3986: all but
 * A-Z a-z 0-9 - _ . ~ are escaped). */
void text_url_encode(struct strbuf *out, const char *text);

/* True when text is an http:// or https:// address without blanks, control
 * characters, quotes, angle brackets or backslashes: safe to show as a link. */
bool text_is_web_address(const char *text);

/* A piece of a message: plain text, or an http(s) address to link. */
struct text_segment {
	const char *text;  /* in the arena */
	bool is_link;
};

/* Cuts text into segments (*out, in the arena): addresses that start with
 * http:// or https:// after a blank, a bracket or the start, run
 * to the first blank, quote, angle bracket, backslash or non-ASCII byte, and
 * lose trailing . , ; : ! ? ) ] as punctuation; every link satisfies
 * text_is_web_address. Returns the number of segments (0 for ""). */
int text_links(struct arena *arena, const char *text, struct text_segment **out);

#endif
