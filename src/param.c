/* param: validators for each field type; the only place input is judged. */
#include "param.h"
#include "arena.h"
#include "http.h"
#include "text.h"

#include <ctype.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <uninorm.h>

static const char *param_fail(struct param_value *out, const char *key)
{
	out->error = key;
	return key;
}

/* Length in code points within [min, max], or the matching error. */
static const char *param_check_length(struct param_value *out, const char *text, long long min,
    long long max)
{
	long length = text_utf8_length(text, strlen(text));
	if (length < 0)
		return param_fail(out, "err.encoding");
	if (max > 0 && length > max)
		return param_fail(out, "err.too_long");
	if (length < min)
		return param_fail(out, "err.too_short");
	return NULL;
}

static const char *param_check_text(struct param_value *out, const struct param_field *field,
    bool lines)
{
	const char *error = param_check_length(out, out->text, field->min, field->max);
	if (error != NULL)
		return error;
	for (const unsigned char *p = (const unsigned char *)out->text; *p != '\0'; p++)
		if ((*p < 0x20 && !(lines && (*p == '\n' || *p == '\r' || *p == '\t'))) || *p == 0x7f)
			return param_fail(out, "err.control");
	return NULL;
}

/* Turns each space separator of Unicode (category Zs) in text, valid UTF-8,
 * into U+0020 in place: U+00A0, U+1680, U+2000..U+200A, U+202F, U+205F and
 * U+3000, the ideographic space of a Korean keyboard's full-width mode and
 * the no-break space of text copied from a web page (CHAT-12 q). */
static void param_fold_spaces(char *text)
{
	unsigned char *in = (unsigned char *)text, *out = in;
	while (*in != '\0') {
		size_t length = in[0] == 0xC2 && in[1] == 0xA0 ? 2
		    : (in[0] == 0xE1 && in[1] == 0x9A && in[2] == 0x80)
			|| (in[0] == 0xE2 && in[1] == 0x80
			    && ((in[2] >= 0x80 && in[2] <= 0x8A) || in[2] == 0xAF))
			|| (in[0] == 0xE2 && in[1] == 0x81 && in[2] == 0x9F)
			|| (in[0] == 0xE3 && in[1] == 0x80 && in[2] == 0x80) ? 3 : 0;
		if (length > 0) {
			*out++ = ' ';
			in += length;
		} else {
			*out++ = *in++;
		}
	}
	*out = '\0';
}

/* True when text (valid UTF-8) holds a bidirectional control, which can
 * reorder what is shown around it: the marks U+061C, U+200E and U+200F, the
 * embeddings and overrides U+202A..U+202E and the isolates U+2066..U+2069. */
static bool param_has_bidi(const char *text)
{
	for (const unsigned char *p = (const unsigned char *)text; *p != '\0'; p++) {
		if (p[0] == 0xD8 && p[1] == 0x9C)
			return true;
		if (p[0] != 0xE2 || p[1] == '\0')
			continue;
		if ((p[1] == 0x80 && (p[2] == 0x8E || p[2] == 0x8F || (p[2] >= 0xAA && p[2] <= 0xAE)))
		    || (p[1] == 0x81 && p[2] >= 0xA6 && p[2] <= 0xA9))
			return true;
	}
	return false;
}

/* One-line text that is a name: no bidirectional controls (NF-6). */
static const char *param_check_name(struct param_value *out, const struct param_field *field)
{
	const char *error = param_check_text(out, field, false);
	if (error != NULL)
		return error;
	return param_has_bidi(out->text) ? param_fail(out, "err.bidi") : NULL;
}

static const char *param_check_email(struct param_value *out)
{
	const char *text = out->text;
	const char *at = strchr(text, '@');
	if (strlen(text) > 254 || at == NULL || at == text || strchr(at + 1, '@') != NULL
	    || strchr(at + 1, '.') == NULL || at[1] == '.' || text[strlen(text) - 1] == '.'
	    || strstr(at, "..") != NULL)
		return param_fail(out, "err.email");
	for (const unsigned char *p = (const unsigned char *)text; *p != '\0'; p++)
		if (*p <= 0x20 || *p >= 0x7f || strchr("<>()[]\\,;:\"", *p) != NULL)
			return param_fail(out, "err.email");
	return NULL;
}

static const char *param_check_password(struct param_value *out)
{
	long length = text_utf8_length(out->text, strlen(out->text));
	if (length < 0)
		return param_fail(out, "err.encoding");
	if (length < 10 || length > 128)
		return param_fail(out, "err.password_length");
	if (text_has_control(out->text))
		return param_fail(out, "err.control");
	return NULL;
}

static const char *param_check_choice(struct param_value *out, const struct param_field *field)
{
	for (const char *const *choice = field->choices; choice != NULL && *choice != NULL; choice++)
		if (strcmp(*choice, out->text) == 0)
			return NULL;
	return param_fail(out, "err.choice");
}

static const char *param_check_token(struct param_value *out)
{
	size_t length = strlen(out->text);
	if (length < 20 || length > 100)
		return param_fail(out, "err.token");
	for (const char *p = out->text; *p != '\0'; p++)
		if (!isalnum((unsigned char)*p) && *p != '-' && *p != '_')
			return param_fail(out, "err.token");
	return NULL;
}

static const char *param_check_url(struct param_value *out, const struct param_field *field)
{
	const char *text = out->text;
	size_t length = strlen(text);
	/* too long is said as such, not as a wrong address (the limit is in
	 * bytes, which an address of ASCII has as many as characters) */
	if (length > (size_t)(field->max > 0 ? field->max : 2000))
		return param_fail(out, "err.too_long");
	if (strncmp(text, "http://", 7) != 0 && strncmp(text, "https://", 8) != 0)
		return param_fail(out, "err.url");
	const char *host = strstr(text, "://") + 3;
	if (*host == '\0' || *host == '/' || *host == '.')
		return param_fail(out, "err.url");
	/* Bytes past ASCII are allowed (IRIs), but only as UTF-8 that the
	 * database will take: a Referer header can carry anything. */
	if (text_utf8_length(text, length) < 0)
		return param_fail(out, "err.encoding");
	for (const unsigned char *p = (const unsigned char *)text; *p != '\0'; p++)
		if (*p <= 0x20 || *p == 0x7f || *p == '"' || *p == '<' || *p == '>' || *p == '\\')
			return param_fail(out, "err.url");
	return NULL;
}

static const char *param_check_phone(struct arena *arena, struct param_value *out)
{
	size_t length = strlen(out->text), digits = 0;
	for (size_t i = 0; i < length; i++) {
		char c = out->text[i];
		if (isdigit((unsigned char)c))
			digits++;
		else if (!(c == '-' || c == ' ' || (c == '+' && i == 0)))
			return param_fail(out, "err.phone");
	}
	if (digits < 8 || length > 20)
		return param_fail(out, "err.phone");
	(void)arena;
	return NULL;
}

bool param_brn_valid(const char *digits)
{
	static const int weights[9] = { 1, 3, 7, 1, 3, 7, 1, 3, 5 };
	if (strlen(digits) != 10)
		return false;
	int sum = 0;
	for (int i = 0; i < 10; i++)
		if (!isdigit((unsigned char)digits[i]))
			return false;
	for (int i = 0; i < 9; i++)
		sum += (digits[i] - '0') * weights[i];
	sum += (digits[8] - '0') * 5 / 10;
	return (10 - sum % 10) % 10 == digits[9] - '0';
}

/* Accepts 10 digits with or without dashes (123-45-67890); keeps the digits. */
static const char *param_check_brn(struct arena *arena, struct param_value *out)
{
	char digits[11];
	size_t count = 0;
	for (const char *p = out->text; *p != '\0'; p++) {
		if (*p == '-' || *p == ' ')
			continue;
		if (!isdigit((unsigned char)*p) || count == 10)
			return param_fail(out, "err.brn");
		digits[count++] = *p;
	}
	digits[count] = '\0';
	if (!param_brn_valid(digits))
		return param_fail(out, "err.brn");
	out->text = arena_strdup(arena, digits);
	return NULL;
}

/* True for a code point in the Hangul syllable or compatibility jamo blocks. */
static bool param_is_korean(unsigned long point)
{
	return (point >= 0xAC00 && point <= 0xD7A3) || (point >= 0x3131 && point <= 0x318E);
}

bool param_account_name_valid(const char *text)
{
	long length = text_utf8_length(text, strlen(text));
	if (length < 1 || length > 20)
		return false;
	const unsigned char *p = (const unsigned char *)text;
	while (*p != '\0') {
		if (*p < 0x80) {
			if (!isalnum(*p) && strchr(" #!&?-_,.()", *p) == NULL)
				return false;
			p++;
			continue;
		}
		if ((*p & 0xF0) != 0xE0)
			return false; /* Korean syllables and jamo are three bytes */
		unsigned long point = ((unsigned long)(p[0] & 0x0F) << 12)
		    | ((unsigned long)(p[1] & 0x3F) << 6) | (p[2] & 0x3F);
		if (!param_is_korean(point))
			return false;
		p += 3;
	}
	return true;
}

static const char *param_check_account_name(struct param_value *out)
{
	if (text_utf8_length(out->text, strlen(out->text)) < 0)
		return param_fail(out, "err.encoding");
	if (text_utf8_length(out->text, strlen(out->text)) > 20)
		return param_fail(out, "err.too_long");
	if (param_has_bidi(out->text))
		return param_fail(out, "err.bidi");
	if (!param_account_name_valid(out->text))
		return param_fail(out, "err.account_name");
	return NULL;
}

const char *param_nfc(struct arena *arena, const char *text)
{
	size_t length = strlen(text);
	if (text_utf8_length(text, length) < 0)
		return NULL;
	bool ascii = true;
	for (const unsigned char *p = (const unsigned char *)text; *p != '\0' && ascii; p++)
		ascii = *p < 0x80;
	if (ascii)
		return text;
	size_t out_length = 0;
	uint8_t *normal = u8_normalize(UNINORM_NFC, (const uint8_t *)text, length, NULL, &out_length);
	if (normal == NULL)
		return NULL;
	char *copy = arena_strndup(arena, (const char *)normal, out_length);
	free(normal);
	return copy;
}

/* Turns CR LF and lone CR into LF, in place. */
static void param_unix_lines(char *text)
{
	char *out = text;
	for (const char *p = text; *p != '\0'; p++) {
		if (p[0] == '\r' && p[1] == '\n')
			continue;
		*out++ = *p == '\r' ? '\n' : *p;
	}
	*out = '\0';
}

static const char *param_check_client_id(struct param_value *out)
{
	size_t length = strlen(out->text);
	if (length < 8 || length > 64)
		return param_fail(out, "err.choice");
	for (const char *p = out->text; *p != '\0'; p++)
		if (!isalnum((unsigned char)*p) && *p != '-' && *p != '_')
			return param_fail(out, "err.choice");
	return NULL;
}

const char *param_check(struct arena *arena, const struct param_field *field, const char *raw,
    struct param_value *out)
{
	out->error = NULL;
	out->number = 0;
	out->ids = NULL;
	out->id_count = 0;
	const char *normal = raw != NULL ? param_nfc(arena, raw) : "";
	if (normal == NULL) {
		out->text = "";
		out->present = true;
		return param_fail(out, "err.encoding");
	}
	char *text = arena_strdup(arena, field->type == PARAM_PASSWORD && raw != NULL ? raw : normal);
	if (field->type == PARAM_LINES)
		param_unix_lines(text);
	if (field->type == PARAM_SEARCH)
		param_fold_spaces(text);
	/* Passwords are taken as typed; everything else loses surrounding blanks. */
	out->text = field->type == PARAM_PASSWORD ? text : text_trim(text);
	out->present = *out->text != '\0';
	if (!out->present) {
		if (field->type == PARAM_CHECKBOX)
			return field->required ? param_fail(out, "err.must_agree") : NULL;
		return field->required ? param_fail(out, "err.required") : NULL;
	}
	switch (field->type) {
	case PARAM_TEXT:
	case PARAM_SEARCH: return param_check_text(out, field, false);
	case PARAM_LINES: return param_check_text(out, field, true);
	case PARAM_EMAIL: return param_check_email(out);
	case PARAM_PASSWORD: return param_check_password(out);
	case PARAM_CHECKBOX:
		out->number = 1;
		return strcmp(out->text, "1") == 0 ? NULL : param_fail(out, "err.choice");
	case PARAM_CHOICE: return param_check_choice(out, field);
	case PARAM_INT:
		return text_to_int(out->text, field->min, field->max, &out->number) == 0
		    ? NULL : param_fail(out, "err.number");
	case PARAM_TOKEN: return param_check_token(out);
	case PARAM_URL: return param_check_url(out, field);
	case PARAM_PHONE: return param_check_phone(arena, out);
	case PARAM_BRN: return param_check_brn(arena, out);
	case PARAM_ACCOUNT_NAME: return param_check_account_name(out);
	case PARAM_ID:
	case PARAM_ID_LIST:
		return text_to_int(out->text, 1, INT64_MAX, &out->number) == 0
		    ? NULL : param_fail(out, "err.id");
	case PARAM_CLIENT_ID: return param_check_client_id(out);
	case PARAM_NAME: return param_check_name(out, field);
	case PARAM__MAX: break;
	}
	return param_fail(out, "err.choice");
}

/* Reads every value sent under field's name as an id, in the order sent. */
static const char *param_read_ids(struct request *req, const struct param_field *field,
    const struct http_fields *fields, struct param_value *out)
{
	size_t count = 0;
	for (size_t i = 0; i < fields->count; i++)
		count += strcmp(fields->items[i].name, field->name) == 0;
	long long *ids = arena_alloc(req->arena, (count + 1) * sizeof(*ids));
	size_t taken = 0;
	for (size_t i = 0; i < fields->count; i++) {
		if (strcmp(fields->items[i].name, field->name) != 0)
			continue;
		if (param_check(req->arena, field, fields->items[i].value, out) != NULL)
			return out->error;
		ids[taken++] = out->number;
	}
	out->text = "";
	out->number = 0;
	out->ids = ids;
	out->id_count = taken;
	out->present = taken > 0;
	out->error = NULL;
	if (field->max > 0 && (long long)taken > field->max)
		return param_fail(out, "err.too_many");
	if (field->required && taken == 0)
		return param_fail(out, "err.required");
	return NULL;
}

int param_read(struct request *req, const struct param_field *fields, size_t count,
    struct param_value *values)
{
	int errors = 0;
	bool from_query = http_is_safe_method(req);
	for (size_t i = 0; i < count; i++) {
		if (fields[i].name == NULL)
			abort(); /* a gap in a field table: see param.h */
		const char *error;
		if (fields[i].type == PARAM_ID_LIST)
			error = param_read_ids(req, &fields[i], from_query ? &req->query : &req->form,
			    &values[i]);
		else
			error = param_check(req->arena, &fields[i], from_query
				? http_query(req, fields[i].name) : http_form(req, fields[i].name),
			    &values[i]);
		errors += error != NULL;
	}
	return errors;
}
