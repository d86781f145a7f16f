/* Unit tests of search_plan_choose (search_plan.h): the walk for a query
 * whose terms most rooms hold, the terms index for a rare one, the terms
 * made as search_query_terms makes them (lower case, split at white space,
 * adjacent pairs, a one-character word itself, each once), and the index
 * whenever there are no statistics. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include "db_room_search.h"
#include "search_plan.h"

/* The common terms, in strcmp order as db_room_search_stats gives them. */
static struct search_term_share common[] = {
	{ "ab", 0.5 }, { "x", 0.9 }, { "배송", 0.47 }, { "예정", 0.47 }, { "오전", 0.47 },
	{ "중", 0.47 },
};

static struct room_search_stats stats(double rooms)
{
	return (struct room_search_stats) { .common = common,
		.common_count = (int)(sizeof(common) / sizeof(common[0])), .floor = 0.02,
		.rooms = rooms };
}

static void test_common_word_walks(void **state)
{
	(void)state;
	struct room_search_stats s = stats(100000);
	assert_true(search_plan_choose(&s, "배송"));
	/* four common terms: 0.47^4 = 0.049, 0.049^2 * 100,000 = 238 >= 25 */
	assert_true(search_plan_choose(&s, "오전 중 배송 예정"));
	/* each term once: as common as 배송 alone */
	assert_true(search_plan_choose(&s, "배송 배송\t배송"));
	assert_true(search_plan_choose(&s, "  AB  "));  /* lower case, spaces around */
	assert_true(search_plan_choose(&s, "X"));       /* a one-character word */
}

static void test_rare_word_reads_the_index(void **state)
{
	(void)state;
	struct room_search_stats s = stats(100000);
	/* unlisted terms: at most half the least share, 0.01 each */
	assert_false(search_plan_choose(&s, "없는단어"));
	/* 배송 with one unlisted term: 0.0047^2 * 100,000 = 2.2 < 25 */
	assert_false(search_plan_choose(&s, "배송 택배"));
	/* "a" and "b" alone are not the pair "ab" */
	assert_false(search_plan_choose(&s, "a b"));
	/* few rooms: the index reads few; 0.47^2 * 100 = 22 < 25 */
	struct room_search_stats few = stats(100);
	assert_false(search_plan_choose(&few, "배송"));
	assert_true(search_plan_choose(&few, "x")); /* 0.81 * 100 = 81 */
}

static void test_no_statistics_reads_the_index(void **state)
{
	(void)state;
	struct room_search_stats none = { .rooms = 100000 };
	assert_false(search_plan_choose(&none, "배송"));
	struct room_search_stats empty = stats(0);
	assert_false(search_plan_choose(&empty, "배송"));
	struct room_search_stats s = stats(100000);
	assert_false(search_plan_choose(&s, ""));
	assert_false(search_plan_choose(&s, " \t "));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_common_word_walks),
		cmocka_unit_test(test_rare_word_reads_the_index),
		cmocka_unit_test(test_no_statistics_reads_the_index),
	};
	return cmocka_run_group_tests_name("search_plan", tests, NULL, NULL);
}
