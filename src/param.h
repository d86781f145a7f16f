/* param: every input field declared once, with its validator; handlers see
 * typed values or a per-field error, never raw bytes. */
#ifndef SANGDAM_PARAM_H
#define SANGDAM_PARAM_H

#include <stdbool.h>
#include <stddef.h>

struct arena;
struct request;

enum param_type {
	PARAM_TEXT,         /* one line: valid UTF-8, no control characters, min..max code points */
	PARAM_LINES,        /* like PARAM_TEXT, line breaks allowed */
	PARAM_EMAIL,        /* one @, a dot in the domain, ≤ 254 bytes; kept as typed */
	PARAM_PASSWORD,     /* 10..128 code points, anything printable */
	PARAM_CHECKBOX,     /* "1" or absent */
	PARAM_CHOICE,       /* one of choices */
	PARAM_INT,          /* whole decimal number in min..max */
	PARAM_TOKEN,        /* base64url, 20..100 characters */
	PARAM_URL,          /* http:// or https:// URL, ≤ max bytes */
	PARAM_PHONE,        /* digits with optional - and leading +, 8..20 characters */
	PARAM_BRN,          /* 10-digit Korean business number with its check digit */
	PARAM_ACCOUNT_NAME, /* 1..20 of Korean, English, digits, spaces and #!&?-_,.();
			     * a bidirectional control is "err.bidi" as in PARAM_NAME */
	PARAM_ID,           /* a row id: whole number 1..2^63-1, in number */
	PARAM_ID_LIST,      /* every value sent under the name, each an id; at most max */
	PARAM_CLIENT_ID,    /* a client's idempotency key: 8..64 of A-Z a-z 0-9 _ - */
	PARAM_NAME,         /* a name: PARAM_TEXT without bidirectional controls (NF-6) */
	PARAM_SEARCH,       /* words to look for: PARAM_TEXT where every Unicode space
			     * (no-break, ideographic U+3000 ...) is a space */
	PARAM__MAX
};

struct param_field {
	const char *name;
	enum param_type type;
	bool required;
	long long min, max;         /* code points for text, value for PARAM_INT */
	const char *const *choices; /* NULL-terminated, for PARAM_CHOICE */
};

/* Text fields are normalised before they are judged: Unicode NFC, blanks
 * trimmed at both ends (not passwords), CR LF and lone CR turned into LF
 * (PARAM_LINES). Lengths count code points of the normalised text. */
struct param_value {
	const char *text;   /* the normalised value ("" when absent) */
	long long number;   /* PARAM_INT, PARAM_ID and PARAM_CHECKBOX */
	const long long *ids; /* PARAM_ID_LIST: id_count ids in the order sent */
	size_t id_count;
	bool present;       /* a non-empty value was sent */
	const char *error;  /* catalog key of the problem, or NULL */
};

/* Checks raw (NULL when the field was not sent) against field; fills out and
 * returns out->error. Pure: no request, no database. */
const char *param_check(struct arena *arena, const struct param_field *field, const char *raw,
    struct param_value *out);

/* Checks fields from the request's form (POST) or query (GET); returns how
 * many fields have errors. values has count entries. A field without a name
 * (a gap in a table sized by __MAX) is a programming error: it aborts. */
int param_read(struct request *req, const struct param_field *fields, size_t count,
    struct param_value *values);

/* Text in Unicode NFC (arena); NULL when text is not valid UTF-8. */
const char *param_nfc(struct arena *arena, const char *text);

/* Helpers used by the checks and elsewhere. */
bool param_brn_valid(const char *digits);
bool param_account_name_valid(const char *text);

#endif
