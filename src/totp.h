/* totp: the partner's second factor (AUTH-6): TOTP secrets (RFC 6238, SHA-1,
 * 30-second steps, 6 digits, through liboath) kept encrypted, the recovery
 * codes, and the one check that guards the chat routes (ROUTE_CHAT). */
#ifndef SANGDAM_TOTP_H
#define SANGDAM_TOTP_H

#include <stdbool.h>

struct arena;
struct request;

enum {
	TOTP_SECRET_BYTES = 20,   /* 160 bits, RFC 4226's recommendation */
	TOTP_STEP_SECONDS = 30,
	TOTP_DIGITS = 6,
	TOTP_RECOVERY_COUNT = 10, /* recovery codes made at a time */
};

/* A new random secret: *box is what the database keeps (the secret encrypted
 * with XSalsa20-Poly1305 under a key derived from config's `secret`,
 * base64url of nonce and box), in arena. 0, or -1 on failure. */
int totp_new_secret(struct arena *arena, const char **box);

/* Decrypts box (totp_new_secret) into secret (TOTP_SECRET_BYTES bytes). 0, or
 * -1 when it was not made under this configuration's key. */
int totp_open(const char *box, unsigned char *secret);

/* The secret as RFC 4648 base32 without padding (32 characters), in arena;
 * NULL on failure. */
const char *totp_base32(struct arena *arena, const unsigned char *secret);

/* The otpauth:// URI an authenticator app reads from the QR code, naming
 * issuer (the service's name) and account (the partner's email), in arena. */
const char *totp_uri(struct arena *arena, const char *issuer, const char *account,
    const char *base32);

/* True when code is TOTP_DIGITS digits that secret gives at a time step
 * within one step of now (seconds since the epoch); sets *step to that step.
 * A caller accepts it only when *step is after the last step accepted. */
bool totp_match(const unsigned char *secret, const char *code, long long now,
    long long *step);

/* True when code (white space and dashes ignored) is TOTP_DIGITS digits. */
bool totp_is_code(const char *code);

/* A new recovery code: 16 characters of an unambiguous 31-letter alphabet
 * (79 random bits) shown in four groups of four ("abcd-efgh-jkmn-pqrs"),
 * in arena. */
const char *totp_recovery_new(struct arena *arena);

/* The hash kept of a recovery code as typed (case, blanks and dashes
 * ignored): hex BLAKE2b-256, in arena. */
const char *totp_recovery_hash(struct arena *arena, const char *code);

/* The check of every ROUTE_CHAT route, after the member check: 0 when the
 * partner has no second factor on or this session passed it less than
 * config `totp_fresh_hours` ago; otherwise the response asking for a code:
 * pages (GET, HEAD wanting HTML) 303 to /second-factor?next=PATH, which sends
 * the browser back after a code; a form POST 303 to the same with the
 * account's chat list as next; JSON and event-stream requests 401 with
 * {"error": TEXT, "second_factor": "/second-factor?next=..."}. */
int totp_route_check(struct request *req);

#endif
