/* coupon: the win draw, uniform over 1,000,000,000 outcomes so that every
 * probability with five decimals of a percent is exact (COUP-3), and the
 * digits of an entry's phone number. */
#include "coupon.h"
#include "arena.h"

#include <sodium.h>

bool coupon_draw(long long probability)
{
	return (long long)randombytes_uniform((uint32_t)COUPON_CERTAIN) < probability;
}

const char *coupon_phone_digits(struct arena *arena, const char *text)
{
	char *digits = arena_strdup(arena, text);
	size_t n = 0;
	for (const char *p = text; *p != '\0'; p++)
		if (*p >= '0' && *p <= '9')
			digits[n++] = *p;
	digits[n] = '\0';
	return digits;
}
