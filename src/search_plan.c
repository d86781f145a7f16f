/* search_plan: the choice among the search's three shapes
 * (search_plan.h), from the statistics of room_search's keys kept by each
 * process. */
#include "search_plan.h"
#include "arena.h"
#include "db_room_search.h"

#include <limits.h>
#include <locale.h>
#include <stdint.h>
#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <wchar.h>
#include <wctype.h>

enum {
	SEARCH_PLAN_CHARS = 256,     /* code points of a query considered (a search
	                                has at most 100) */
	SEARCH_PLAN_BALANCE = 25,    /* p * p * rooms at which the walk wins */
	SEARCH_PLAN_MAX_AGE = 600,   /* seconds before the statistics are read again */
	SEARCH_PLAN_RETRY = 60,      /* seconds after a failed read */
};

/* The statistics of this process (a copy of the common keys in one block
 * of memory), whether they were read, and when they are to be read next
 * (CLOCK_MONOTONIC seconds; a thread that finds them due moves it on and
 * reads them). */
static struct room_search_stats search_plan_stats;
static void *search_plan_block;
static bool search_plan_have;
static long long search_plan_due;
static bool search_plan_started;
static pthread_mutex_t search_plan_lock = PTHREAD_MUTEX_INITIALIZER;

/* The C.UTF-8 character type, as the database's (initdb --locale=C.UTF-8,
 * bin/sangdamctl) lower-cases and splits at white space with; (locale_t)0
 * when the system has none. */
static locale_t search_plan_locale;
static pthread_once_t search_plan_locale_once = PTHREAD_ONCE_INIT;

static void search_plan_locale_init(void)
{
	search_plan_locale = newlocale(LC_CTYPE_MASK, "C.UTF-8", (locale_t)0);
}

static int search_plan_compare(const void *key, const void *share)
{
	int32_t a = *(const int32_t *)key, b = ((const struct search_key_share *)share)->key;
	return (a > b) - (a < b);
}

/* The share of rooms holding key, as the statistics estimate it; 0 for a
 * key not listed among the common ones (less than the least listed, maybe
 * none at all). */
static double search_plan_key_share(const struct room_search_stats *stats, int32_t key)
{
	const struct search_key_share *found = stats->common_count == 0 ? NULL
	    : bsearch(&key, stats->common, (size_t)stats->common_count, sizeof(*stats->common),
		search_plan_compare);
	return found != NULL ? found->share : 0;
}

/* The key of the lower-cased term of length (1 or 2) code points at text,
 * as search_key makes it (migration 0035): a code point itself, a pair
 * (c1 + 1) * 0x110000 + c2, modulo 2^32 as a signed integer. */
static int32_t search_plan_key(const wchar_t *text, size_t length)
{
	uint64_t c1 = (uint32_t)towlower((wint_t)text[0]);
	uint64_t value = length == 1 ? c1
	    : (c1 + 1) * 0x110000u + (uint32_t)towlower((wint_t)text[1]);
	uint32_t low = (uint32_t)value;
	return low <= INT32_MAX ? (int32_t)low : (int32_t)(low - 0x80000000u) + INT32_MIN;
}

/* Adds key to keys (count of them, at most SEARCH_PLAN_CHARS) unless it is
 * there already. */
static void search_plan_add(int32_t key, int32_t *keys, int *count)
{
	for (int i = 0; i < *count; i++)
		if (keys[i] == key)
			return;
	if (*count < SEARCH_PLAN_CHARS)
		keys[(*count)++] = key;
}

/* The distinct keys of the terms of query as search_query_keys makes them
 * (migrations 0013 and 0035): the words of the lower-cased query, split at
 * white space, give each pair of adjacent characters, a one-character word
 * itself. Call in the C.UTF-8 locale. Returns their count. */
static int search_plan_keys(const char *query, int32_t keys[SEARCH_PLAN_CHARS])
{
	wchar_t text[SEARCH_PLAN_CHARS];
	mbstate_t state = { 0 };
	size_t length = mbsrtowcs(text, &query, SEARCH_PLAN_CHARS, &state);
	if (length == (size_t)-1)
		return 0;
	int count = 0;
	for (size_t i = 0; i < length;) {
		while (i < length && iswspace((wint_t)text[i]))
			i++;
		size_t start = i;
		while (i < length && !iswspace((wint_t)text[i]))
			i++;
		if (i - start == 1)
			search_plan_add(search_plan_key(&text[start], 1), keys, &count);
		for (size_t j = start; j + 1 < i; j++)
			search_plan_add(search_plan_key(&text[j], 2), keys, &count);
	}
	return count;
}

enum rooms_search_shape search_plan_choose(const struct room_search_stats *stats,
    const char *query)
{
	pthread_once(&search_plan_locale_once, search_plan_locale_init);
	if (!stats->analyzed || stats->rooms <= 0 || search_plan_locale == (locale_t)0)
		return ROOMS_SEARCH_PLANNED;
	int32_t keys[SEARCH_PLAN_CHARS];
	locale_t before = uselocale(search_plan_locale);
	int count = search_plan_keys(query, keys);
	uselocale(before);
	if (count == 0)
		return ROOMS_SEARCH_PLANNED;
	double share = 1;
	for (int i = 0; i < count; i++)
		share *= search_plan_key_share(stats, keys[i]);
	return share * share * stats->rooms >= SEARCH_PLAN_BALANCE ? ROOMS_SEARCH_WALK
	    : ROOMS_SEARCH_TERMS;
}

static long long search_plan_now(void)
{
	struct timespec now;
	clock_gettime(CLOCK_MONOTONIC, &now);
	return (long long)now.tv_sec;
}

/* Reads the statistics and keeps a copy of them as this process's: true,
 * or false (those kept before stay). */
static bool search_plan_read(struct arena *arena)
{
	struct room_search_stats read;
	if (db_room_search_stats(arena, &read) != 1)
		return false;
	size_t size = sizeof(*read.common) * (size_t)read.common_count;
	void *block = malloc(size > 0 ? size : 1);
	if (block == NULL)
		return false;
	struct search_key_share *common = block;
	if (size > 0)
		memcpy(common, read.common, size);
	read.common = common;
	pthread_mutex_lock(&search_plan_lock);
	void *old = search_plan_block;
	search_plan_block = block;
	search_plan_stats = read;
	search_plan_have = true;
	pthread_mutex_unlock(&search_plan_lock);
	free(old);
	return true;
}

enum rooms_search_shape search_plan_shape(struct arena *arena, const char *query)
{
	long long now = search_plan_now();
	pthread_mutex_lock(&search_plan_lock);
	bool due = !search_plan_started || now >= search_plan_due;
	if (due) { /* this thread reads; the others go on with what there is */
		search_plan_started = true;
		search_plan_due = now + SEARCH_PLAN_MAX_AGE;
	}
	pthread_mutex_unlock(&search_plan_lock);
	if (due && !search_plan_read(arena)) {
		pthread_mutex_lock(&search_plan_lock);
		search_plan_due = now + SEARCH_PLAN_RETRY;
		pthread_mutex_unlock(&search_plan_lock);
	}
	pthread_mutex_lock(&search_plan_lock);
	enum rooms_search_shape shape = search_plan_have
	    ? search_plan_choose(&search_plan_stats, query) : ROOMS_SEARCH_PLANNED;
	pthread_mutex_unlock(&search_plan_lock);
	return shape;
}
