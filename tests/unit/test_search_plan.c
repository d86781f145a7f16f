/* Unit tests of search_plan_choose (search_plan.h): the walk for a query
 * whose terms most rooms hold, the terms index for a rare one, the terms
 * made as search_query_terms makes them (lower case, split at white space,
 * adjacent pairs, a one-character word itself, each once) and keyed as
 * search_key keys them (migration 0035), and a search planned for its
 * values when nothing tells. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include "db_room_search.h"
#include "search_plan.h"

/* The keys of common terms, ordered by key as db_room_search_stats gives
 * them: the numbers are what PostgreSQL's search_key gave for each term, so
 * that a key made otherwise in C is not found. */
static struct search_key_share common[] = {
	{ -557844992, 0.5 },  /* 택😀: a pair beyond 2^31, negative */
	{ 120, 0.9 },         /* x */
	{ 51473, 0.47 },      /* 중 */
	{ 109183074, 0.5 },   /* ab */
	{ 647612437, 0.47 },  /* 예정 */
	{ 678807556, 0.47 },  /* 오전 */
	{ 1074004065, 0.5 },  /* σa */
	{ 1443954785, 0.5 },  /* 😀a */
	{ 2135015841, 0.47 }, /* 배송 */
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
	/* emoji, a key wrapped to a negative one, a lower-cased Greek letter */
	assert_int_equal(search_plan_choose(&s, "😀A 택😀 Σa"), ROOMS_SEARCH_WALK);
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
