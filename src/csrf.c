/* csrf: HMAC-SHA256 of the session or of a per-browser cookie, checked once in route. */
#include "csrf.h"
#include "http.h"
#include "session.h"
#include "text.h"

#include <sodium.h>
#include <string.h>

#define CSRF_COOKIE "sd_csrf"

/* Two keys from one secret, so that no cookie value can give a session's token. */
static unsigned char csrf_key[crypto_auth_hmacsha256_KEYBYTES];
static unsigned char csrf_session_key[crypto_auth_hmacsha256_KEYBYTES];

void csrf_init(const char *secret)
{
	crypto_generichash(csrf_key, sizeof(csrf_key), (const unsigned char *)secret,
	    strlen(secret), (const unsigned char *)"csrf", 4);
	crypto_generichash(csrf_session_key, sizeof(csrf_session_key),
	    (const unsigned char *)secret, strlen(secret), (const unsigned char *)"csrf session",
	    12);
}

/* Writes the base64url HMAC of value under key into out. */
static void csrf_mac(const unsigned char *key, const char *value, char *out, size_t size)
{
	unsigned char mac[crypto_auth_hmacsha256_BYTES];
	crypto_auth_hmacsha256(mac, (const unsigned char *)value, strlen(value), key);
	sodium_bin2base64(out, size, mac, sizeof(mac), sodium_base64_VARIANT_URLSAFE_NO_PADDING);
}

/* True when token is the HMAC of value under key; constant time. */
static bool csrf_mac_matches(const unsigned char *key, const char *value, const char *token)
{
	if (value == NULL || token == NULL || strlen(value) < 20
	    || strlen(token) != CSRF_TOKEN_LENGTH)
		return false;
	char expected[CSRF_TOKEN_LENGTH + 1];
	csrf_mac(key, value, expected, sizeof(expected));
	return sodium_memcmp(expected, token, CSRF_TOKEN_LENGTH) == 0;
}

void csrf_compute(const char *cookie_value, char *out, size_t size)
{
	csrf_mac(csrf_key, cookie_value, out, size);
}

bool csrf_matches(const char *cookie_value, const char *token)
{
	return csrf_mac_matches(csrf_key, cookie_value, token);
}

void csrf_compute_session(const char *session_hash, char *out, size_t size)
{
	csrf_mac(csrf_session_key, session_hash, out, size);
}

bool csrf_matches_session(const char *session_hash, const char *token)
{
	return csrf_mac_matches(csrf_session_key, session_hash, token);
}

/* The visitor's CSRF cookie; made and set when there is none yet. */
static const char *csrf_cookie(struct request *req)
{
	if (req->csrf_cookie == NULL) {
		const char *cookie = http_cookie(req, CSRF_COOKIE);
		if (cookie == NULL || strlen(cookie) < 20 || strlen(cookie) > 100) {
			unsigned char random[32];
			randombytes_buf(random, sizeof(random));
			cookie = text_base64url(req->arena, random, sizeof(random));
			http_set_cookie(req, CSRF_COOKIE, cookie, -1);
		}
		req->csrf_cookie = cookie;
	}
	return req->csrf_cookie;
}

const char *csrf_token(struct request *req)
{
	char *token = arena_alloc(req->arena, CSRF_TOKEN_LENGTH + 1);
	if (req->session != NULL)
		csrf_compute_session(req->session->token_hash, token, CSRF_TOKEN_LENGTH + 1);
	else
		csrf_compute(csrf_cookie(req), token, CSRF_TOKEN_LENGTH + 1);
	return token;
}

bool csrf_request_valid(struct request *req, bool cookie_token_ok)
{
	const char *token = http_form(req, "csrf");
	if (token == NULL)
		token = http_env(req, "HTTP_X_CSRF_TOKEN");
	if (req->session != NULL && csrf_matches_session(req->session->token_hash, token))
		return true;
	return (req->session == NULL || cookie_token_ok)
	    && csrf_matches(http_cookie(req, CSRF_COOKIE), token);
}
