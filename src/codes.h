/* codes: coupon codes (COUP-2): reading the codes of an uploaded txt, csv,
 * xls or xlsx file, generating random codes, and parsing a win probability. */
#ifndef SANGDAM_CODES_H
#define SANGDAM_CODES_H

#include <stdbool.h>
#include <stddef.h>

/* Kinds of a bad line (report) and errors of codes_read_file. Blank lines
 * are skipped and not reported. */
enum {
	CODES_TOO_LONG = 1,
	CODES_BAD_CHAR = 2,
	CODES_EUNREADABLE = -1,
	CODES_ETYPE = -2,
	CODES_EBOMB = -3,
	CODES_ETOO_MANY = -4,
};

/* one code: text of length bytes (ASCII or UTF-8, <= 24 code points), line 1-based */
typedef int (*codes_sink)(void *ctx, const char *code, size_t length, long long line);

struct codes_problem {
	long long line;
	int kind; /* CODES_TOO_LONG, CODES_BAD_CHAR, ... */
};

struct codes_report {
	long long lines, codes, bad;
	struct codes_problem first[100];
	int first_count;
};

/* Reads path (txt, csv, xls, xlsx judged by libmagic; encodings converted), calls sink per
 * code, fills report; returns 0 ok, or a negative CODES_E* (unreadable, not a supported
 * type, zip bomb...). */
int codes_read_file(const char *path, codes_sink sink, void *ctx, struct codes_report *report);

/* Writes one random code of length characters (8..24) from the look-alike-free alphabet into out
 * (length+1 bytes), drawn with libsodium. */
void codes_generate(char *out, size_t length);

/* Parses a win probability "0.00001".."100" with up to five decimals into units of 1e-7 percent
 * (so 100 % = 1,000,000,000); false when invalid ("1e2", "50,5", "0", "-1", "100.000001"). */
bool codes_probability_parse(const char *text, long long *out);

#endif
