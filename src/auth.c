/* auth: Argon2id (libsodium), comparable emails and the failures that throttle sign-in. */
#include "auth.h"
#include "arena.h"
#include "config.h"
#include "db.h"
#include "db_sign_in_failures.h"
#include "text.h"

#include <sodium.h>
#include <stdlib.h>
#include <string.h>
#include <unicase.h>
#include <uninorm.h>
#include <unistr.h>

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

int auth_sign_in_throttled(struct arena *arena, const char *email, const char *address)
{
	if (db_begin(arena) != 0)
		return DB_ERROR;
	int recorded = db_sign_in_failures_lock(arena, email, address);
	if (recorded >= 0)
		recorded = db_sign_in_failures_try(arena, email, address,
		    config_num("login_limit"), config_num("login_limit_address"));
	if (recorded < 0) {
		db_rollback(arena);
		return recorded;
	}
	if (db_commit(arena) != 0)
		return DB_ERROR;
	return recorded == 0;
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
