/* auth: passwords (Argon2id), sign-in throttling and one-time tokens. */
#ifndef SANGDAM_AUTH_H
#define SANGDAM_AUTH_H

#include <stdbool.h>
#include <stddef.h>

struct arena;

enum { AUTH_HASH_LENGTH = 128 };

/* Reads config's `argon2` (interactive or min), prepares a decoy hash and
 * derives the unlock cookie's key from config's `secret`. 0 or -1. */
int auth_init(void);

/* Hashes password into out (AUTH_HASH_LENGTH bytes); 0, or -1 out of memory. */
int auth_hash_password(const char *password, char *out);
/* True when password matches hash. With hash NULL it still spends the same
 * time on a decoy, so that unknown emails cannot be told from wrong passwords. */
bool auth_verify_password(const char *hash, const char *password);

/* The one form of an email that sign-in compares and counts (AUTH-5): NFC,
 * then Unicode full case folding (libunistring's u8_casefold, no language,
 * result in NFC). Folding rather than lower-casing is what Unicode defines for
 * caseless matching: the Kelvin sign and "K" both become "k", "ß" becomes
 * "ss". For ASCII, which every stored email is (migration 0007), it is
 * PostgreSQL's lower(). A string in arena, or NULL for invalid UTF-8 or out
 * of memory. */
const char *auth_email_normal(struct arena *arena, const char *email);

/* Answers of auth_sign_in_throttled. */
enum auth_sign_in {
	AUTH_SIGN_IN_GO,        /* counted as a failure until it passes: check the password */
	AUTH_SIGN_IN_THROTTLED, /* the pair or the address is over its limit */
	AUTH_SIGN_IN_LOCKED     /* only the email's distinct addresses: offer the unlock mail */
};

/* Sign-in throttling (AUTH-5) over the last 15 minutes, for email in
 * auth_email_normal form and the client address: refused when the pair has
 * `login_limit` failures, when the address has `login_limit_address`
 * failures for any emails, or, unless trusted (a browser unlocked by mail,
 * auth_unlock_valid), when `login_limit` distinct addresses have failed for
 * the email (one address alone cannot lock the owner out elsewhere).
 * Otherwise counts this attempt as a failure at once, under a lock per email
 * and per address, so that parallel attempts cannot pass a limit; a sign-in
 * that then succeeds calls auth_sign_in_passed. Returns an enum
 * auth_sign_in (nothing counted unless AUTH_SIGN_IN_GO), or <0 DB_* error. */
int auth_sign_in_throttled(struct arena *arena, const char *email, const char *address,
    bool trusted);
/* Forgets the failures of email (normal form) from address after a right
 * password. 0, or <0 DB_* error. */
int auth_sign_in_passed(struct arena *arena, const char *email, const char *address);

/* A new random token for a link (base64url, 43 characters) and the hash the
 * database keeps of a token (hex). */
const char *auth_new_token(struct arena *arena);
const char *auth_token_hash(struct arena *arena, const char *token);

/* The cookie that marks a browser unlocked by a mailed link (AUTH-5) for
 * AUTH_UNLOCK_SECONDS: "EXPIRY.MAC", EXPIRY in seconds since the epoch and
 * MAC the base64url HMAC-SHA256, under a key derived from config's `secret`
 * (auth_init), of EXPIRY and the email in auth_email_normal form. The email
 * is not in the cookie: it passes for that email only. */
#define AUTH_UNLOCK_COOKIE "sd_unlock"
enum { AUTH_UNLOCK_SECONDS = 24 * 60 * 60 };

/* The cookie's value for email (normal form) from now (seconds since the
 * epoch), in arena. */
const char *auth_unlock_cookie(struct arena *arena, const char *email, long long now);
/* True when cookie (NULL: none) is a value of auth_unlock_cookie for email
 * (normal form) that has not expired at now; constant time in the MAC. */
bool auth_unlock_valid(const char *email, const char *cookie, long long now);

#endif
