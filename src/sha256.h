/* sha256: SHA-256 digests (FIPS 180-4) of streamed bytes, for the backups'
 * manifest.json (EXP-2) and its check at restore (EXP-5). Through OpenSSL's
 * libcrypto, which uses the processor's SHA instructions where it has them:
 * libsodium's portable SHA-256 took a third of a backup's CPU time. */
#ifndef SANGDAM_SHA256_H
#define SANGDAM_SHA256_H

#include <stddef.h>

struct arena;

enum { SHA256_BYTES = 32 };

/* A digest being computed; owns a libcrypto context until sha256_hex or
 * sha256_free. A zeroed struct is "not started". */
struct sha256 {
	void *context; /* EVP_MD_CTX */
};

/* Starts a digest: 0, or -1 when libcrypto could not (out of memory). */
int sha256_start(struct sha256 *hash);

/* Adds length bytes at data; nothing after a failed start. */
void sha256_add(struct sha256 *hash, const void *data, size_t length);

/* Ends the digest and frees its context: the 64 lowercase hex digits in
 * arena, or NULL when it was never started or libcrypto failed. */
const char *sha256_hex(struct sha256 *hash, struct arena *arena);

/* Frees a digest that will not be finished; harmless when it was. */
void sha256_free(struct sha256 *hash);

#endif
