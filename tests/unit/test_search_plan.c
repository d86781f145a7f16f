/* Unit tests of search_plan_choose (search_plan.h): the walk for a query
 * whose terms most rooms hold, the terms index for a rare one, the terms
 * made as search_query_terms makes them (lower case, split at white space,
 * adjacent pairs, a one-character word itself, each once), and a search
 * planned for its values when nothing tells. */
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
	return (struct room_search_stats) { .analyzed = true, .common = common,
		.common_count = (int)(sizeof(common) / sizeof(common[0])), .rooms = rooms };
}

static void test_common_word_walks(void **state)
{
	(void)state;
	struct room_search_stats s = stats(100000);
	assert_int_equal(search_plan_choose(&s, "배송"), ROOMS_SEARCH_WALK);
	/* four common terms: 0.47^4 = 0.049, 0.049^2 * 100,000 = 238 >= 25 */
	assert_int_equal(search_plan_choose(&s, "오전 중 배송 예정"), ROOMS_SEARCH_WALK);
	assert_int_equal(search_plan_choose(&s, "  AB  "), ROOMS_SEARCH_WALK); /* lower case */
	assert_int_equal(search_plan_choose(&s, "X"), ROOMS_SEARCH_WALK); /* one character */
	/* U+3000 (ideographic space) parts words as PostgreSQL's \s does */
	assert_int_equal(search_plan_choose(&s, "배송\u3000예정"), ROOMS_SEARCH_WALK);
	/* each term once: 0.47^2 * 1,000 = 221 walks, where three times over
	 * (0.47^6 * 1,000 = 10.8) would not */
	struct room_search_stats thousand = stats(1000);
	assert_int_equal(search_plan_choose(&thousand, "배송 배송\t배송"), ROOMS_SEARCH_WALK);
}

static void test_rare_word_reads_the_index(void **state)
{
	(void)state;
	struct room_search_stats s = stats(100000);
	assert_int_equal(search_plan_choose(&s, "없는단어"), ROOMS_SEARCH_TERMS);
	/* "a" and "b" alone are not the pair "ab" */
	assert_int_equal(search_plan_choose(&s, "a b"), ROOMS_SEARCH_TERMS);
	/* 배송예정 is 배송, 송예, 예정: 송예 is not listed */
	assert_int_equal(search_plan_choose(&s, "배송예정"), ROOMS_SEARCH_TERMS);
	/* few rooms: the index reads few; 0.47^2 * 100 = 22 < 25 */
	struct room_search_stats few = stats(100);
	assert_int_equal(search_plan_choose(&few, "배송"), ROOMS_SEARCH_TERMS);
	assert_int_equal(search_plan_choose(&few, "x"), ROOMS_SEARCH_WALK); /* 0.81 * 100 */
	/* a term not listed may be in no room: never a walk, however many
	 * rooms there are, with common terms beside it or none listed at all */
	struct room_search_stats many = stats(10000000);
	assert_int_equal(search_plan_choose(&many, "택배"), ROOMS_SEARCH_TERMS);
	assert_int_equal(search_plan_choose(&many, "배송 택배"), ROOMS_SEARCH_TERMS);
	struct room_search_stats none_common = { .analyzed = true, .rooms = 10000000 };
	assert_int_equal(search_plan_choose(&none_common, "배송"), ROOMS_SEARCH_TERMS);
}

static void test_unknown_is_planned(void **state)
{
	(void)state;
	struct room_search_stats never = { .analyzed = false, .rooms = 100000 };
	assert_int_equal(search_plan_choose(&never, "배송"), ROOMS_SEARCH_PLANNED);
	struct room_search_stats empty = stats(0);
	assert_int_equal(search_plan_choose(&empty, "배송"), ROOMS_SEARCH_PLANNED);
	struct room_search_stats s = stats(100000);
	assert_int_equal(search_plan_choose(&s, ""), ROOMS_SEARCH_PLANNED);
	assert_int_equal(search_plan_choose(&s, "\u3000 \t"), ROOMS_SEARCH_PLANNED); /* no terms */
	assert_int_equal(search_plan_choose(&s, "\xff\xfe"), ROOMS_SEARCH_PLANNED); /* not UTF-8 */
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_common_word_walks),
		cmocka_unit_test(test_rare_word_reads_the_index),
		cmocka_unit_test(test_unknown_is_planned),
	};
	return cmocka_run_group_tests_name("search_plan", tests, NULL, NULL);
}
