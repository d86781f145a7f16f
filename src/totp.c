/* totp: TOTP secrets and codes (liboath), recovery codes (libsodium) and the
 * second-factor check of the chat routes. */
#include "totp.h"
#include "account.h"
#include "arena.h"
#include "config.h"
#include "http.h"
#include "page.h"
#include "session.h"
#include "text.h"
#include "view.h"

#include <ctype.h>
#include <liboath/oath.h>
#include <pthread.h>
#include <sodium.h>
#include <stdlib.h>
#include <string.h>

enum {
	TOTP_BOX_BYTES = crypto_secretbox_NONCEBYTES + crypto_secretbox_MACBYTES
	    + TOTP_SECRET_BYTES,
	TOTP_RECOVERY_LETTERS = 16,
};

static unsigned char totp_key[crypto_secretbox_KEYBYTES];
static int totp_ready = -1;
static pthread_once_t totp_once = PTHREAD_ONCE_INIT;

/* Starts liboath and derives the key of the secrets from config's `secret`
 * (changing it makes every stored secret unreadable: partners set up again). */
static void totp_init(void)
{
	static const char label[] = "totp secrets";
	const char *secret = config_str("secret");
	if (oath_init() != OATH_OK)
		return;
	if (crypto_generichash(totp_key, sizeof(totp_key), (const unsigned char *)secret,
		strlen(secret), (const unsigned char *)label, sizeof(label) - 1) == 0)
		totp_ready = 0;
}

static int totp_start(void)
{
	pthread_once(&totp_once, totp_init);
	return totp_ready;
}

int totp_new_secret(struct arena *arena, const char **box)
{
	unsigned char secret[TOTP_SECRET_BYTES], sealed[TOTP_BOX_BYTES];
	*box = NULL;
	if (totp_start() != 0)
		return -1;
	randombytes_buf(secret, sizeof(secret));
	randombytes_buf(sealed, crypto_secretbox_NONCEBYTES);
	crypto_secretbox_easy(sealed + crypto_secretbox_NONCEBYTES, secret, sizeof(secret), sealed,
	    totp_key);
	sodium_memzero(secret, sizeof(secret));
	*box = text_base64url(arena, sealed, sizeof(sealed));
	return *box != NULL ? 0 : -1;
}

int totp_open(const char *box, unsigned char *secret)
{
	unsigned char sealed[TOTP_BOX_BYTES];
	size_t length;
	if (totp_start() != 0
	    || sodium_base642bin(sealed, sizeof(sealed), box, strlen(box), NULL, &length, NULL,
		sodium_base64_VARIANT_URLSAFE_NO_PADDING) != 0
	    || length != sizeof(sealed))
		return -1;
	return crypto_secretbox_open_easy(secret, sealed + crypto_secretbox_NONCEBYTES,
	    sizeof(sealed) - crypto_secretbox_NONCEBYTES, sealed, totp_key);
}

const char *totp_base32(struct arena *arena, const unsigned char *secret)
{
	char *out = NULL;
	size_t length = 0;
	if (totp_start() != 0
	    || oath_base32_encode((const char *)secret, TOTP_SECRET_BYTES, &out, &length)
		!= OATH_OK)
		return NULL;
	const char *copy = arena_strndup(arena, out, strcspn(out, "="));
	free(out);
	return copy;
}

const char *totp_uri(struct arena *arena, const char *issuer, const char *account,
    const char *base32)
{
	struct strbuf uri;
	strbuf_init(&uri, arena);
	strbuf_puts(&uri, "otpauth://totp/");
	text_url_encode(&uri, issuer);
	strbuf_puts(&uri, ":");
	text_url_encode(&uri, account);
	strbuf_printf(&uri, "?secret=%s&issuer=", base32);
	text_url_encode(&uri, issuer);
	strbuf_printf(&uri, "&algorithm=SHA1&digits=%d&period=%d", TOTP_DIGITS, TOTP_STEP_SECONDS);
	return strbuf_text(&uri);
}

/* Copies code into out (size bytes) without white space and dashes; false
 * when it does not fit. */
static bool totp_squeeze(const char *code, char *out, size_t size)
{
	size_t n = 0;
	for (const char *p = code; *p != '\0'; p++) {
		if (isspace((unsigned char)*p) || *p == '-')
			continue;
		if (n + 1 >= size)
			return false;
		out[n++] = (char)tolower((unsigned char)*p);
	}
	out[n] = '\0';
	return true;
}

bool totp_is_code(const char *code)
{
	char digits[TOTP_DIGITS + 2];
	return totp_squeeze(code, digits, sizeof(digits)) && strlen(digits) == TOTP_DIGITS
	    && strspn(digits, "0123456789") == TOTP_DIGITS;
}

bool totp_match(const unsigned char *secret, const char *code, long long now, long long *step)
{
	char digits[TOTP_DIGITS + 2];
	int position;
	uint64_t counter;
	if (!totp_is_code(code) || totp_start() != 0)
		return false;
	totp_squeeze(code, digits, sizeof(digits));
	int found = oath_totp_validate3((const char *)secret, TOTP_SECRET_BYTES, (time_t)now,
	    TOTP_STEP_SECONDS, 0, 1, &position, &counter, digits);
	if (found < 0)
		return false;
	*step = (long long)counter;
	return true;
}

/* 31 letters and digits without 0 o 1 l i: 16 of them are 79 random bits. */
static const char totp_letters[] = "abcdefghjkmnpqrstuvwxyz23456789";

const char *totp_recovery_new(struct arena *arena)
{
	char code[TOTP_RECOVERY_LETTERS + 4];
	size_t n = 0;
	for (int i = 0; i < TOTP_RECOVERY_LETTERS; i++) {
		if (i > 0 && i % 4 == 0)
			code[n++] = '-';
		code[n++] = totp_letters[randombytes_uniform(sizeof(totp_letters) - 1)];
	}
	code[n] = '\0';
	return arena_strndup(arena, code, n);
}

const char *totp_recovery_hash(struct arena *arena, const char *code)
{
	char letters[64];
	unsigned char hash[32];
	if (!totp_squeeze(code, letters, sizeof(letters)))
		letters[0] = '\0';
	crypto_generichash(hash, sizeof(hash), (const unsigned char *)letters, strlen(letters),
	    NULL, 0);
	return text_hex(arena, hash, sizeof(hash));
}

/* The code page's address that comes back to next, in the arena. */
static const char *totp_check_url(struct request *req, const char *next)
{
	struct strbuf url;
	strbuf_init(&url, req->arena);
	strbuf_puts(&url, "/second-factor?next=");
	text_url_encode(&url, next);
	return strbuf_text(&url);
}

int totp_route_check(struct request *req)
{
	const struct session *session = req->session;
	if (!session->totp_on
	    || (session->totp_age >= 0 && session->totp_age < config_num("totp_fresh_hours") * 3600))
		return 0;
	const char *query = http_env(req, "QUERY_STRING");
	const char *next = !http_is_safe_method(req)
	    ? arena_printf(req->arena, "/a/%s/chats", req->account->code)
	    : query != NULL && *query != '\0' ? arena_printf(req->arena, "%s?%s", req->path, query)
	    : req->path;
	const char *accept = http_env(req, "HTTP_ACCEPT");
	if (page_wants_json(req) || (accept != NULL && strstr(accept, "text/event-stream") != NULL)) {
		struct strbuf body;
		strbuf_init(&body, req->arena);
		strbuf_puts(&body, "{\"error\": ");
		page_json_string(&body, view_text(req->lang, "totp.required"));
		strbuf_puts(&body, ", \"second_factor\": ");
		page_json_string(&body, totp_check_url(req, next));
		strbuf_puts(&body, "}");
		return page_json(req, 401, strbuf_text(&body));
	}
	return http_redirect(req, totp_check_url(req, next));
}
