/* sha256: SHA-256 digests through libcrypto's EVP interface. */
#include "sha256.h"
#include "arena.h"
#include "text.h"

#include <openssl/evp.h>

int sha256_start(struct sha256 *hash)
{
	EVP_MD_CTX *context = EVP_MD_CTX_new();
	if (context != NULL && EVP_DigestInit_ex(context, EVP_sha256(), NULL) != 1) {
		EVP_MD_CTX_free(context);
		context = NULL;
	}
	hash->context = context;
	return context != NULL ? 0 : -1;
}

void sha256_add(struct sha256 *hash, const void *data, size_t length)
{
	if (hash->context != NULL && length > 0)
		EVP_DigestUpdate(hash->context, data, length);
}

const char *sha256_hex(struct sha256 *hash, struct arena *arena)
{
	if (hash->context == NULL)
		return NULL;
	unsigned char digest[EVP_MAX_MD_SIZE];
	unsigned int length = 0;
	int ok = EVP_DigestFinal_ex(hash->context, digest, &length);
	sha256_free(hash);
	return ok == 1 && length == SHA256_BYTES ? text_hex(arena, digest, length) : NULL;
}

void sha256_free(struct sha256 *hash)
{
	EVP_MD_CTX_free(hash->context);
	hash->context = NULL;
}
