/* auth: libsodium's Argon2id, and the failure table that throttles sign-in. */
#include "auth.h"
#include "arena.h"
#include "config.h"
#include "db_sign_in_failures.h"
#include "text.h"

#include <sodium.h>
#include <string.h>

static unsigned long long auth_opslimit = crypto_pwhash_OPSLIMIT_INTERACTIVE;
static size_t auth_memlimit = crypto_pwhash_MEMLIMIT_INTERACTIVE;
static char auth_decoy[crypto_pwhash_STRBYTES];

int auth_init(void)
{
	if (strcmp(config_str("argon2"), "min") == 0) {
		auth_opslimit = crypto_pwhash_OPSLIMIT_MIN;
		auth_memlimit = crypto_pwhash_MEMLIMIT_MIN;
	}
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

static const char *auth_email_key(struct arena *arena, const char *email)
{
	return arena_printf(arena, "email:%s", text_lower(arena, email));
}

static const char *auth_address_key(struct arena *arena, const char *address)
{
	return arena_printf(arena, "addr:%s", address);
}

int auth_throttled(struct arena *arena, const char *email, const char *address)
{
	long long per_email, per_address;
	int found = db_sign_in_failures_count(arena, auth_email_key(arena, email),
	    auth_address_key(arena, address), &per_email, &per_address);
	if (found < 0)
		return found;
	return per_email >= config_num("login_limit")
	    || per_address >= config_num("login_limit_address");
}

int auth_record_failure(struct arena *arena, const char *email, const char *address)
{
	int result = db_sign_in_failures_insert(arena, auth_email_key(arena, email),
	    auth_address_key(arena, address));
	if (result >= 0)
		result = db_sign_in_failures_delete_old(arena);
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
