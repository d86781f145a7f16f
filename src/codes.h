/* codes: coupon codes (COUP-2, COUP-3): uploaded code files read as a stream
 * (txt, csv, xls, xlsx judged by content), generated codes, and the win
 * probability parsed exactly. */
#ifndef SANGDAM_CODES_H
#define SANGDAM_CODES_H

#include <stdbool.h>
#include <stddef.h>

/* Problem kinds of one line (struct codes_problem.kind). */
enum { CODES_TOO_LONG = 1, CODES_BAD_CHAR = 2 };

/* Errors of codes_read_file (a sink's own nonzero result is returned as is). */
enum {
	CODES_EUNREADABLE = -1, /* cannot be opened, damaged, encrypted, an unsafe zip */
	CODES_ETYPE = -2,       /* libmagic says it is not text, csv, xls or xlsx */
	CODES_EBOMB = -3,       /* a zip bomb (zip_guard) or an XML DTD or entity */
	CODES_ETOO_MANY = -4,   /* more than CODES_MAX codes */
};

#define CODES_MAX 5000000       /* codes in one file (COUP-2) */
#define CODES_MAX_LENGTH 24     /* code points in one code (COUP-2) */
#define CODES_FIRST 100         /* problems kept with their line */

/* One code: text is length bytes of UTF-8 (1 to CODES_MAX_LENGTH code points,
 * trimmed, no control characters) followed by a NUL, valid only during the
 * call; line is 1-based (the row of a sheet, the line of a text file where
 * the record begins: a quoted field may hold line ends). Returns 0 to go on, or a
 * positive value that stops the reading and is returned by codes_read_file. */
typedef int (*codes_sink)(void *ctx, const char *code, size_t length, long long line);

struct codes_problem {
	long long line;
	int kind; /* CODES_TOO_LONG or CODES_BAD_CHAR */
};

struct codes_report {
	long long lines;  /* lines (rows) read, blank ones included */
	long long codes;  /* codes given to the sink */
	long long bad;    /* lines with a problem, all counted */
	struct codes_problem first[CODES_FIRST]; /* the first of them, in file order */
	int first_count;
};

/* Reads the codes of the file at path, judged by its content with libmagic
 * (never by its name; libmagic reads its first 1 MiB, and calls text with C0
 * controls other than tab, CR, LF, FF, BS, BEL and ESC data: CODES_ETYPE):
 * - text (UTF-8 with or without BOM, UTF-16 LE/BE with BOM, else CP949/EUC-KR
 *   when the file is not valid UTF-8; LF, CRLF or CR), its lines read through
 *   libcsv, the first field being the code: one code a line and a csv are the
 *   same to it (libmagic calls a csv text/plain as soon as it has a blank
 *   line), so a code holds no comma and does not begin with a double quote;
 * - xls: the first column of the first sheet, through freexl, once a child
 *   process has found that the sheets declare at most 2,097,152 cells (freexl
 *   allocates them all; more is CODES_EBOMB);
 * - xlsx: the first column of the first sheet (workbook.xml's first sheet,
 *   through the relationships), the zip judged by zip_guard (over 1,000
 *   entries, 1 GiB declared, 100:1 in one entry, or an archive inside:
 *   CODES_EBOMB), its XML streamed with expat (a DTD or an entity declaration:
 *   CODES_EBOMB; an entry inflating past its declared size: CODES_EBOMB),
 *   shared strings kept in temporary files.
 * Blank values are skipped; spaces (ASCII space and tab, U+00A0, U+3000)
 * around a value are trimmed; a value over CODES_MAX_LENGTH code points is
 * CODES_TOO_LONG and one with a control character (C0, DEL, C1, U+2028/9,
 * bidirectional controls, U+FEFF, or bytes the encoding cannot decode) is
 * CODES_BAD_CHAR: such lines are counted, and the first CODES_FIRST kept, in
 * report. Every other value goes to sink, whose results should be positive.
 * Memory stays flat whatever the file's length (a value is judged on its
 * first 4 KiB; a text field over 1 MiB makes the file CODES_EUNREADABLE).
 * Duplicates are the caller's to find. Returns 0 when the whole file was read
 * (report complete; report->bad may be nonzero), a CODES_E* error, or the
 * sink's nonzero result; report is filled as far as reading went. */
int codes_read_file(const char *path, codes_sink sink, void *ctx, struct codes_report *report);

/* The type check of codes_read_file alone, on the first size bytes of a code
 * file (of which libmagic judges the first 1 MiB, as codes_read_file does),
 * for a form to refuse at once what the reader would: 0 when the type is one
 * it reads, CODES_ETYPE when not, CODES_EUNREADABLE when libmagic fails. */
int codes_type_check(const void *data, size_t size);

/* The 22 characters of generated codes: digits and upper-case letters less
 * one of each look-alike pair or group: 0 O Q, 1 I L, 2 Z, 5 S, 8 B, G (6),
 * V (U); no lower case. */
#define CODES_ALPHABET "34679ACDEFHJKMNPRTUWXY"

/* Writes length characters drawn uniformly and independently from
 * CODES_ALPHABET (libsodium's randombytes_uniform, unbiased; sodium_init
 * called before) and a NUL: out has room for length + 1 bytes. 22^10 is
 * 2.7e13: 3,000,000 codes of 10 characters hold a repeat one time in six, so
 * the caller's unique index and a redraw are still needed (COUP-2). */
void codes_generate(char *out, size_t length);

/* Parses a win probability in percent (COUP-3): "0.00001" to "100" with at
 * most five decimals, into units of 1e-7 percent (100 % is 1,000,000,000,
 * 0.00001 % is 100). Form: an integer part of 1 to 3 digits without a
 * leading zero (just "0" before a dot), then optionally a dot and 1 to 5
 * digits; no sign, space, exponent, comma, or bare dot ("5." and ".5" are
 * refused). Returns false (out untouched) for anything else, for 0 and for
 * more than 100. */
bool codes_probability_parse(const char *text, long long *out);

#endif
