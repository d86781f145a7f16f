/* coupon: the rule of a coupon that both the coupon and the talk programs
 * and the tests need: the win draw (COUP-3) and the phone number as
 * entries store it. */
#ifndef SANGDAM_COUPON_H
#define SANGDAM_COUPON_H

#include <stdbool.h>

struct arena;

/* 100 % in the units of a stored probability (1e-7 percent). */
#define COUPON_CERTAIN 1000000000LL

/* Draws one entry's result on the server with libsodium: true with the
 * chance probability / COUPON_CERTAIN (probability 1..COUPON_CERTAIN;
 * COUPON_CERTAIN always wins, first come, first served). */
bool coupon_draw(long long probability);

/* The digits of text, a phone number that PARAM_PHONE accepted (- and +
 * dropped), as entries store and look it up; allocated in arena. */
const char *coupon_phone_digits(struct arena *arena, const char *text);

#endif
