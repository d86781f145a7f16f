/* csrf: tokens that prove a form came from one of our pages. The visitor's
 * browser holds a random cookie; the form carries an HMAC of it under the
 * server's secret, which a third-party page can neither read nor compute. */
#ifndef SANGDAM_CSRF_H
#define SANGDAM_CSRF_H

#include <stdbool.h>
#include <stddef.h>

struct request;

enum { CSRF_TOKEN_LENGTH = 43 }; /* base64url of 32 bytes */

/* Sets the key from config's `secret` (any length; hashed to 32 bytes). */
void csrf_init(const char *secret);

/* Writes the token for cookie_value into out (at least CSRF_TOKEN_LENGTH + 1). */
void csrf_compute(const char *cookie_value, char *out, size_t size);
/* True when token is the token of cookie_value; constant time. */
bool csrf_matches(const char *cookie_value, const char *token);

/* The token to put in this response's forms; makes and sets the cookie when
 * the visitor has none yet. The string lives in the request's arena. */
const char *csrf_token(struct request *req);
/* True when the request carries a valid token in the `csrf` field or the
 * X-CSRF-Token header. */
bool csrf_request_valid(struct request *req);

#endif
