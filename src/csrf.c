/* csrf: HMAC-SHA256 of a per-browser cookie, checked once in route. */
#include "csrf.h"
#include "http.h"
#include "text.h"

#include <sodium.h>
#include <string.h>

#define CSRF_COOKIE "sd_csrf"

static unsigned char csrf_key[crypto_auth_hmacsha256_KEYBYTES];

void csrf_init(const char *secret)
{
	crypto_generichash(csrf_key, sizeof(csrf_key), (const unsigned char *)secret,
	    strlen(secret), (const unsigned char *)"csrf", 4);
}

void csrf_compute(const char *cookie_value, char *out, size_t size)
{
	unsigned char mac[crypto_auth_hmacsha256_BYTES];
	crypto_auth_hmacsha256(mac, (const unsigned char *)cookie_value, strlen(cookie_value),
	    csrf_key);
	sodium_bin2base64(out, size, mac, sizeof(mac), sodium_base64_VARIANT_URLSAFE_NO_PADDING);
}

bool csrf_matches(const char *cookie_value, const char *token)
{
	if (cookie_value == NULL || token == NULL || strlen(cookie_value) < 20
	    || strlen(token) != CSRF_TOKEN_LENGTH)
		return false;
	char expected[CSRF_TOKEN_LENGTH + 1];
	csrf_compute(cookie_value, expected, sizeof(expected));
	return sodium_memcmp(expected, token, CSRF_TOKEN_LENGTH) == 0;
}

const char *csrf_token(struct request *req)
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
	char *token = arena_alloc(req->arena, CSRF_TOKEN_LENGTH + 1);
	csrf_compute(req->csrf_cookie, token, CSRF_TOKEN_LENGTH + 1);
	return token;
}

bool csrf_request_valid(struct request *req)
{
	const char *token = http_form(req, "csrf");
	if (token == NULL)
		token = http_env(req, "HTTP_X_CSRF_TOKEN");
	return csrf_matches(http_cookie(req, CSRF_COOKIE), token);
}
