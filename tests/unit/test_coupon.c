/* Unit tests of coupon's draw (COUP-3: 100 % always wins, 0.00001 % almost
 * never, 50 % lands within 4 standard deviations of half over 10,000 draws)
 * and of barcode's Code 128 SVG (ASCII codes only). */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <math.h>
#include <sodium.h>
#include <string.h>

#include "arena.h"
#include "barcode.h"
#include "coupon.h"

enum { DRAWS = 10000 };

static int wins(long long probability)
{
	int won = 0;
	for (int i = 0; i < DRAWS; i++)
		won += coupon_draw(probability);
	return won;
}

static void test_certain_always_wins(void **state)
{
	assert_int_equal(wins(COUPON_CERTAIN), DRAWS);
}

static void test_smallest_almost_never_wins(void **state)
{
	/* 0.00001 % is 1 in 10,000,000: 10,000 draws win none with 99.9 % */
	assert_true(wins(100) <= 2);
}

static void test_half_within_four_sigma(void **state)
{
	double sigma = sqrt(DRAWS * 0.25);
	int won = wins(COUPON_CERTAIN / 2);
	assert_true(fabs(won - DRAWS / 2.0) <= 4 * sigma);
}

static void test_fifth_within_four_sigma(void **state)
{
	double sigma = sqrt(DRAWS * 0.2 * 0.8);
	int won = wins(COUPON_CERTAIN / 5);
	assert_true(fabs(won - DRAWS * 0.2) <= 4 * sigma);
}

/* Counts the bars (rect elements after the white background). */
static int bars(const char *svg)
{
	int count = -1;
	for (const char *p = svg; (p = strstr(p, "<rect")) != NULL; p++)
		count++;
	return count;
}

static void test_barcode(void **state)
{
	struct arena *arena = arena_new();
	const char *svg = barcode_code128_svg(arena, "ABCD2345EFGH");
	assert_non_null(svg);
	assert_true(strncmp(svg, "<svg", 4) == 0);
	/* Code 128: start, 12 data/check symbols of 3 bars each, stop of 4 */
	assert_true(bars(svg) >= 3 * 8 + 4);
	assert_null(strstr(svg, "ABCD"));
	assert_null(barcode_code128_svg(arena, ""));
	assert_null(barcode_code128_svg(arena, "쿠폰번호"));
	assert_null(barcode_code128_svg(arena, "A\nB"));
	arena_free(arena);
}

int main(void)
{
	if (sodium_init() < 0)
		return 1;
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_certain_always_wins),
		cmocka_unit_test(test_smallest_almost_never_wins),
		cmocka_unit_test(test_half_within_four_sigma),
		cmocka_unit_test(test_fifth_within_four_sigma),
		cmocka_unit_test(test_barcode),
	};
	return cmocka_run_group_tests_name("coupon", tests, NULL, NULL);
}
