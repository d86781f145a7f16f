/* auth: passwords (Argon2id), sign-in throttling and one-time tokens. */
#ifndef SANGDAM_AUTH_H
#define SANGDAM_AUTH_H

#include <stdbool.h>
#include <stddef.h>

struct arena;

enum { AUTH_HASH_LENGTH = 128 };

/* Reads config's `argon2` (interactive or min) and prepares a decoy hash. 0 or -1. */
int auth_init(void);

/* Hashes password into out (AUTH_HASH_LENGTH bytes); 0, or -1 out of memory. */
int auth_hash_password(const char *password, char *out);
/* True when password matches hash. With hash NULL it still spends the same
 * time on a decoy, so that unknown emails cannot be told from wrong passwords. */
bool auth_verify_password(const char *hash, const char *password);

/* Sign-in throttling per email (any case) and per client address over 15
 * minutes, with limits from config `login_limit` and `login_limit_address`.
 * Returns 1 when either is over its limit, 0 when not, <0 DB_* error. */
int auth_throttled(struct arena *arena, const char *email, const char *address);
/* Records a failed sign-in for email and address (and forgets failures
 * older than a day). 0, or <0 DB_* error. */
int auth_record_failure(struct arena *arena, const char *email, const char *address);

/* A new random token for a link (base64url, 43 characters) and the hash the
 * database keeps of a token (hex). */
const char *auth_new_token(struct arena *arena);
const char *auth_token_hash(struct arena *arena, const char *token);

#endif
