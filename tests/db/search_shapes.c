/* The inbox search's shapes (db_rooms.c, search_plan.h) against a real
 * PostgreSQL: for each case, the rooms the rare word's shape (TERMS) lists
 * are the ones expected, and the others (WALK on a first page, PLANNED for
 * each run's values, each shape with a filter) list the same rooms in the
 * same order, with each status too, and so do the pages after a room's
 * cursor (a walk there is planned). tests/http/test_inbox.py makes the
 * rooms through the pages and runs it with SANGDAM_TEST_ACCOUNT (the
 * account's id) and SANGDAM_TEST_SEARCHES: one case per line, the query, a
 * tab, and the expected room ids separated by commas. */
#include "arena.h"
#include "db.h"
#include "db_rooms.h"

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "test_database.h"

/* The ids of filter's rooms, "1,2,3" in the list's order, or NULL; the
 * first room's cursor into *first when there is one (first may be NULL). */
static const char *list_ids(struct arena *arena, long long account_id,
    const struct rooms_filter *filter, struct rooms_filter *first)
{
	struct room_row *rows;
	int count = db_rooms_list(arena, account_id, "Asia/Seoul", filter, &rows, NULL);
	if (count < 0)
		return NULL;
	const char *ids = "";
	for (int i = 0; i < count; i++)
		ids = arena_printf(arena, "%s%s%lld", ids, i > 0 ? "," : "", rows[i].id);
	if (first != NULL && count > 0) {
		first->cursor_id = rows[0].id;
		first->cursor_time = rows[0].cursor_time;
	}
	return ids;
}

/* The rooms after the first of the page listed by TERMS (terms, its ids,
 * with that first room's cursor in after) by every shape: the same. */
static void check_next_page(struct arena *arena, long long account_id, const char *query,
    struct rooms_filter *after, const char *terms)
{
	const char *rest = strchr(terms, ',');
	const char *expected = rest != NULL ? rest + 1 : "";
	static const enum rooms_search_shape shapes[] = { ROOMS_SEARCH_TERMS, ROOMS_SEARCH_WALK,
		ROOMS_SEARCH_PLANNED };
	for (size_t i = 0; i < sizeof(shapes) / sizeof(shapes[0]); i++) {
		after->search_shape = shapes[i];
		const char *ids = list_ids(arena, account_id, after, NULL);
		assert_non_null(ids);
		if (strcmp(ids, expected) != 0)
			fail_msg("q=%s after room %lld, shape %d: %s, expected %s", query,
			    after->cursor_id, (int)shapes[i], ids, expected);
	}
}

/* The ids of text ("3,1,2") in ascending order, as text. */
static const char *sorted_ids(struct arena *arena, const char *text)
{
	long long ids[64];
	int count = 0;
	for (const char *p = text; *p != '\0' && count < 64;) {
		ids[count++] = strtoll(p, (char **)&p, 10);
		if (*p == ',')
			p++;
	}
	for (int i = 1; i < count; i++)
		for (int j = i; j > 0 && ids[j - 1] > ids[j]; j--) {
			long long swap = ids[j];
			ids[j] = ids[j - 1];
			ids[j - 1] = swap;
		}
	const char *out = "";
	for (int i = 0; i < count; i++)
		out = arena_printf(arena, "%s%s%lld", out, i > 0 ? "," : "", ids[i]);
	return out;
}

/* Checks one case: query, and the rooms expected (ids, any order). */
static void check_case(struct arena *arena, long long account_id, const char *query,
    const char *expected)
{
	static const char *const statuses[] = { NULL, "unread", "unanswered", "answered" };
	for (size_t i = 0; i < sizeof(statuses) / sizeof(statuses[0]); i++) {
		struct rooms_filter filter = { .order = ROOMS_NEWEST, .status = statuses[i],
			.search = query, .search_shape = ROOMS_SEARCH_TERMS };
		struct rooms_filter after = filter;
		const char *terms = list_ids(arena, account_id, &filter, &after);
		filter.search_shape = ROOMS_SEARCH_WALK;
		const char *walk = list_ids(arena, account_id, &filter, NULL);
		filter.search_shape = ROOMS_SEARCH_PLANNED;
		const char *planned = list_ids(arena, account_id, &filter, NULL);
		filter.days = 3650; /* a filter: a walk is planned */
		filter.search_shape = ROOMS_SEARCH_WALK;
		const char *walk_filtered = list_ids(arena, account_id, &filter, NULL);
		filter.search_shape = ROOMS_SEARCH_TERMS;
		const char *terms_filtered = list_ids(arena, account_id, &filter, NULL);
		assert_non_null(terms);
		assert_non_null(walk);
		assert_non_null(planned);
		assert_non_null(walk_filtered);
		assert_non_null(terms_filtered);
		if (*terms != '\0')
			check_next_page(arena, account_id, query, &after, terms);
		if (statuses[i] == NULL && strcmp(sorted_ids(arena, terms), expected) != 0)
			fail_msg("q=%s lists %s, expected %s", query, terms, expected);
		if (strcmp(walk, terms) != 0 || strcmp(planned, terms) != 0
		    || strcmp(walk_filtered, terms) != 0 || strcmp(terms_filtered, terms) != 0)
			fail_msg("q=%s status=%s: terms %s, walk %s, planned %s, with a filter: "
			    "walk %s, terms %s", query, statuses[i] != NULL ? statuses[i] : "-", terms,
			    walk, planned, walk_filtered, terms_filtered);
	}
}

static void test_shapes_list_the_same_rooms(void **state)
{
	(void)state;
	struct arena *arena = test_database_connect();
	const char *account = getenv("SANGDAM_TEST_ACCOUNT");
	const char *searches = getenv("SANGDAM_TEST_SEARCHES");
	assert_non_null(account);
	assert_non_null(searches);
	long long account_id = strtoll(account, NULL, 10);
	int cases = 0;
	char *copy = arena_printf(arena, "%s", searches);
	for (char *line = strtok(copy, "\n"); line != NULL; line = strtok(NULL, "\n")) {
		char *tab = strchr(line, '\t');
		assert_non_null(tab);
		*tab = '\0';
		check_case(arena, account_id, line, sorted_ids(arena, tab + 1));
		cases++;
	}
	assert_true(cases > 0);
	db_end_request(arena);
	db_disconnect();
	arena_free(arena);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_shapes_list_the_same_rooms),
	};
	return cmocka_run_group_tests_name("db_search_shapes", tests, NULL, NULL);
}
