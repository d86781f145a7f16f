/* auth: Argon2id (libsodium), comparable emails, the failures that throttle sign-in
 * and the cookie of a browser unlocked by mail. */
#include "auth.h"
#include "arena.h"
#include "config.h"
#include "db.h"
#include "db_sign_in_failures.h"
#include "text.h"

#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unicase.h>
#include <uninorm.h>
#include <unistr.h>

static unsigned long long auth_opslimit = crypto_pwhash_OPSLIMIT_INTERACTIVE;
static size_t auth_memlimit = crypto_pwhash_MEMLIMIT_INTERACTIVE;
static char auth_decoy[crypto_pwhash_STRBYTES];
static unsigned char auth_unlock_key[crypto_auth_hmacsha256_KEYBYTES];

enum { AUTH_UNLOCK_MAC_LENGTH = 43 }; /* base64url of 32 bytes */

int auth_init(void)
{
	static const char label[] = "sign-in unlock cookie";
	const char *secret = config_str("secret");
	if (strcmp(config_str("argon2"), "min") == 0) {
		auth_opslimit = crypto_pwhash_OPSLIMIT_MIN;
		auth_memlimit = crypto_pwhash_MEMLIMIT_MIN;
	}
	if (crypto_generichash(auth_unlock_key, sizeof(auth_unlock_key),
		(const unsigned char *)secret, strlen(secret), (const unsigned char *)label,
		sizeof(label) - 1) != 0)
		return -1;
	return auth_hash_password("decoy password, never matches", auth_decoy);
}

int auth_hash_password(const char *password, char *out)
{
	_Static_assert(AUTH_HASH_LENGTH >= crypto_pwhash_STRBYTES, "hash buffer too small");
	return crypto_pwhash_str(out, password, strlen(password), auth_opslimit, auth_memlimit);
}

bool auth_verify_password(const char *hash, const char *password)
{
	if (hash == NULL) {
		int ignored = crypto_pwhash_str_verify(auth_decoy, password, strlen(password));
		(void)ignored;
		return false;
	}
	return crypto_pwhash_str_verify(hash, password, strlen(password)) == 0;
}

const char *auth_email_normal(struct arena *arena, const char *email)
{
	size_t length = strlen(email), nfc_length = 0, folded_length = 0;
	if (u8_check((const uint8_t *)email, length) != NULL)
		return NULL;
	uint8_t *nfc = u8_normalize(UNINORM_NFC, (const uint8_t *)email, length, NULL,
	    &nfc_length);
	if (nfc == NULL)
		return NULL;
	uint8_t *folded = u8_casefold(nfc, nfc_length, NULL, UNINORM_NFC, NULL, &folded_length);
	free(nfc);
	if (folded == NULL)
		return NULL;
	char *copy = arena_strndup(arena, (const char *)folded, folded_length);
	free(folded);
	return copy;
}

int auth_sign_in_throttled(struct arena *arena, const char *email, const char *address,
    bool trusted)
{
	struct sign_in_limits limits = { config_num("login_limit"),
		config_num("login_limit_address"), trusted };
	bool email_only = false;
	if (db_begin(arena) != 0)
		return DB_ERROR;
	int recorded = db_sign_in_failures_lock(arena, email, address);
	if (recorded >= 0)
		recorded = db_sign_in_failures_try(arena, email, address, &limits, &email_only);
	if (recorded < 0) {
		db_rollback(arena);
		return recorded;
	}
	if (db_commit(arena) != 0)
		return DB_ERROR;
	if (recorded == 1)
		return AUTH_SIGN_IN_GO;
	return email_only ? AUTH_SIGN_IN_LOCKED : AUTH_SIGN_IN_THROTTLED;
}

int auth_sign_in_passed(struct arena *arena, const char *email, const char *address)
{
	int result = db_sign_in_failures_forget(arena, email, address);
	return result < 0 ? result : 0;
}

const char *auth_new_token(struct arena *arena)
{
	unsigned char random[32];
	randombytes_buf(random, sizeof(random));
	return text_base64url(arena, random, sizeof(random));
}

const char *auth_token_hash(struct arena *arena, const char *token)
{
	unsigned char hash[32];
	crypto_generichash(hash, sizeof(hash), (const unsigned char *)token, strlen(token), NULL, 0);
	return text_hex(arena, hash, sizeof(hash));
}

/* Writes the base64url MAC of expiry and email under the unlock key into out
 * (AUTH_UNLOCK_MAC_LENGTH + 1 bytes). */
static void auth_unlock_mac(const char *email, long long expiry, char *out)
{
	char prefix[32];
	int length = snprintf(prefix, sizeof(prefix), "%lld\n", expiry);
	unsigned char mac[crypto_auth_hmacsha256_BYTES];
	crypto_auth_hmacsha256_state state;
	crypto_auth_hmacsha256_init(&state, auth_unlock_key, sizeof(auth_unlock_key));
	crypto_auth_hmacsha256_update(&state, (const unsigned char *)prefix, (size_t)length);
	crypto_auth_hmacsha256_update(&state, (const unsigned char *)email, strlen(email));
	crypto_auth_hmacsha256_final(&state, mac);
	sodium_bin2base64(out, AUTH_UNLOCK_MAC_LENGTH + 1, mac, sizeof(mac),
	    sodium_base64_VARIANT_URLSAFE_NO_PADDING);
}

const char *auth_unlock_cookie(struct arena *arena, const char *email, long long now)
{
	char mac[AUTH_UNLOCK_MAC_LENGTH + 1];
	long long expiry = now + AUTH_UNLOCK_SECONDS;
	auth_unlock_mac(email, expiry, mac);
	return arena_printf(arena, "%lld.%s", expiry, mac);
}

bool auth_unlock_valid(const char *email, const char *cookie, long long now)
{
	if (cookie == NULL)
		return false;
	size_t digits = strspn(cookie, "0123456789");
	if (digits == 0 || digits > 18 || cookie[digits] != '.'
	    || strlen(cookie + digits + 1) != AUTH_UNLOCK_MAC_LENGTH)
		return false;
	long long expiry = strtoll(cookie, NULL, 10);
	if (expiry <= now || expiry > now + AUTH_UNLOCK_SECONDS)
		return false;
	char expected[AUTH_UNLOCK_MAC_LENGTH + 1];
	auth_unlock_mac(email, expiry, expected);
	return sodium_memcmp(expected, cookie + digits + 1, AUTH_UNLOCK_MAC_LENGTH) == 0;
}
