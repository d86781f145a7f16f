/* codes_generate: coupon codes drawn with libsodium from an alphabet without
 * look-alike characters (COUP-2). */
#include "codes.h"

#include <sodium.h>

void codes_generate(char *out, size_t length)
{
	static const char alphabet[] = CODES_ALPHABET;
	for (size_t i = 0; i < length; i++)
		out[i] = alphabet[randombytes_uniform(sizeof(alphabet) - 1)];
	out[length] = '\0';
}
