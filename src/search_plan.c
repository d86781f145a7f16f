/* search_plan: the choice among the search's three shapes
 * (search_plan.h), from the statistics of room_search's terms kept by each
 * process. */
#include "search_plan.h"
#include "arena.h"
#include "db_room_search.h"

#include <limits.h>
#include <locale.h>
#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <wchar.h>
#include <wctype.h>

enum {
	SEARCH_PLAN_CHARS = 256,     /* code points of a query considered (a search
	                                has at most 100) */
	SEARCH_PLAN_TERM_BYTES = 2 * MB_LEN_MAX + 1,
	SEARCH_PLAN_BALANCE = 25,    /* p * p * rooms at which the walk wins */
	SEARCH_PLAN_MAX_AGE = 600,   /* seconds before the statistics are read again */
	SEARCH_PLAN_RETRY = 60,      /* seconds after a failed read */
};

/* The statistics of this process (a copy in one block of memory), whether
 * they were read, and when they are to be read next (CLOCK_MONOTONIC
 * seconds; a thread that finds them due moves it on and reads them). */
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

static int search_plan_compare(const void *term, const void *share)
{
	return strcmp(term, ((const struct search_term_share *)share)->term);
}

/* The share of rooms holding term, as the statistics estimate it; 0 for
 * a term not listed among the common ones (less than the least listed,
 * maybe none at all). */
static double search_plan_term_share(const struct room_search_stats *stats, const char *term)
{
	const struct search_term_share *found = stats->common_count == 0 ? NULL
	    : bsearch(term, stats->common, (size_t)stats->common_count, sizeof(*stats->common),
		search_plan_compare);
	return found != NULL ? found->share : 0;
}

/* Adds the lower-cased term of length characters at text to terms (count
 * of them, at most SEARCH_PLAN_CHARS) unless it is there already. */
static void search_plan_add(const wchar_t *text, size_t length,
    char terms[][SEARCH_PLAN_TERM_BYTES], int *count)
{
	char term[SEARCH_PLAN_TERM_BYTES];
	size_t bytes = 0;
	mbstate_t state = { 0 };
	for (size_t i = 0; i < length; i++) {
		size_t written = wcrtomb(term + bytes, (wchar_t)towlower((wint_t)text[i]), &state);
		if (written == (size_t)-1)
			return;
		bytes += written;
	}
	term[bytes] = '\0';
	for (int i = 0; i < *count; i++)
		if (strcmp(terms[i], term) == 0)
			return;
	if (*count < SEARCH_PLAN_CHARS)
		memcpy(terms[(*count)++], term, bytes + 1);
}

/* The distinct terms of query as search_query_terms makes them (migration
 * 0013): the words of the lower-cased query, split at white space, give each
 * pair of adjacent characters, a one-character word itself. Call in the
 * C.UTF-8 locale. Returns their count. */
static int search_plan_terms(const char *query, char terms[][SEARCH_PLAN_TERM_BYTES])
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
			search_plan_add(&text[start], 1, terms, &count);
		for (size_t j = start; j + 1 < i; j++)
			search_plan_add(&text[j], 2, terms, &count);
	}
	return count;
}

enum rooms_search_shape search_plan_choose(const struct room_search_stats *stats,
    const char *query)
{
	pthread_once(&search_plan_locale_once, search_plan_locale_init);
	if (!stats->analyzed || stats->rooms <= 0 || search_plan_locale == (locale_t)0)
		return ROOMS_SEARCH_PLANNED;
	static _Thread_local char terms[SEARCH_PLAN_CHARS][SEARCH_PLAN_TERM_BYTES];
	locale_t before = uselocale(search_plan_locale);
	int count = search_plan_terms(query, terms);
	uselocale(before);
	if (count == 0)
		return ROOMS_SEARCH_PLANNED;
	double share = 1;
	for (int i = 0; i < count; i++)
		share *= search_plan_term_share(stats, terms[i]);
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
	for (int i = 0; i < read.common_count; i++)
		size += strlen(read.common[i].term) + 1;
	char *block = malloc(size > 0 ? size : 1);
	if (block == NULL)
		return false;
	struct search_term_share *common = (struct search_term_share *)(void *)block;
	char *strings = block + sizeof(*read.common) * (size_t)read.common_count;
	for (int i = 0; i < read.common_count; i++) {
		size_t bytes = strlen(read.common[i].term) + 1;
		common[i] = (struct search_term_share) { strings, read.common[i].share };
		memcpy(strings, read.common[i].term, bytes);
		strings += bytes;
	}
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
