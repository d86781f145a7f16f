/* coupon: the win draw, uniform over 1,000,000,000 outcomes so that every
 * probability with five decimals of a percent is exact (COUP-3). */
#include "coupon.h"

#include <sodium.h>

bool coupon_draw(long long probability)
{
	return (long long)randombytes_uniform((uint32_t)COUPON_CERTAIN) < probability;
}
