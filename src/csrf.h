/* csrf: tokens that prove a form came from one of our pages (AUTH-4). For a
 * signed-in partner the form carries an HMAC of the session's token hash
 * under the server's secret, so it changes with every sign-in and no other
 * browser's cookie can stand in for it. Before sign-in the browser holds a
 * random cookie and the form carries an HMAC of that, under another key. A
 * third-party page can neither read nor compute either. */
#ifndef SANGDAM_CSRF_H
#define SANGDAM_CSRF_H

#include <stdbool.h>
#include <stddef.h>

struct request;

enum { CSRF_TOKEN_LENGTH = 43 }; /* base64url of 32 bytes */

/* Sets the two keys from config's `secret` (any length; hashed to 32 bytes). */
void csrf_init(const char *secret);

/* Writes the token for cookie_value into out (at least CSRF_TOKEN_LENGTH + 1). */
void csrf_compute(const char *cookie_value, char *out, size_t size);
/* True when token is the token of cookie_value; constant time. */
bool csrf_matches(const char *cookie_value, const char *token);

/* The same for a session, named by the hash of its token (struct session). */
void csrf_compute_session(const char *session_hash, char *out, size_t size);
bool csrf_matches_session(const char *session_hash, const char *token);

/* The token to put in this response's forms: the session's when signed in,
 * else the cookie's (made and set when the visitor has none yet). The string
 * lives in the request's arena. */
const char *csrf_token(struct request *req);
/* True when the request carries a valid token in the `csrf` field or the
 * X-CSRF-Token header: the session's token when signed in, or the cookie's
 * when signed out or when cookie_token_ok (routes open to everyone, such as
 * the sign-in and sign-up forms, whose page may predate the session). */
bool csrf_request_valid(struct request *req, bool cookie_token_ok);

#endif
