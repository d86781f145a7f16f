/* coupon: the rule of a coupon that both the coupon and the talk programs
 * and the tests need: the win draw (COUP-3). */
#ifndef SANGDAM_COUPON_H
#define SANGDAM_COUPON_H

#include <stdbool.h>

/* 100 % in the units of a stored probability (1e-7 percent). */
#define COUPON_CERTAIN 1000000000LL

/* Draws one entry's result on the server with libsodium: true with the
 * chance probability / COUPON_CERTAIN (probability 1..COUPON_CERTAIN;
 * COUPON_CERTAIN always wins, first come, first served). */
bool coupon_draw(long long probability);

#endif
