/* rows_cache: the inbox rows' cache of one worker process (rows_cache.h). */
#include "rows_cache.h"
#include "arena.h"
#include "db_accounts.h"
#include "db_labels.h"
#include "db_members.h"
#include "text.h"

#include <pthread.h>
#include <stdlib.h>
#include <string.h>

enum { ROWS_CACHE_SLOTS = 64 };

struct rows_entry {
	char *key; /* NULL: empty */
	struct rows_stamp stamp;
	struct rooms_counts counts;
	char *html;
	size_t length;
};

static struct rows_entry rows_cache[ROWS_CACHE_SLOTS];
static pthread_mutex_t rows_cache_lock = PTHREAD_MUTEX_INITIALIZER;

uint64_t rows_cache_choices(const struct account_choices *choices)
{
	uint64_t hash = TEXT_HASH_START;
	for (int i = 0; i < choices->label_count; i++) {
		const struct label *label = &choices->labels[i];
		hash = text_hash(hash, &label->id, sizeof(label->id));
		hash = text_hash_string(text_hash_string(hash, label->name), label->color);
	}
	for (int i = 0; i < choices->member_count; i++) {
		const struct member_name *member = &choices->members[i];
		hash = text_hash(hash, &member->partner_id, sizeof(member->partner_id));
		hash = text_hash_string(hash, member->name);
	}
	return hash;
}

static struct rows_entry *rows_slot(const char *key)
{
	return &rows_cache[text_hash_string(TEXT_HASH_START, key) % ROWS_CACHE_SLOTS];
}

bool rows_cache_has(const char *key, long long minute)
{
	pthread_mutex_lock(&rows_cache_lock);
	const struct rows_entry *entry = rows_slot(key);
	bool has = entry->key != NULL && strcmp(entry->key, key) == 0
	    && entry->stamp.minute == minute;
	pthread_mutex_unlock(&rows_cache_lock);
	return has;
}

bool rows_cache_get(struct arena *arena, const char *key, const struct rows_stamp *stamp,
    const char **html, size_t *length, struct rooms_counts *counts)
{
	pthread_mutex_lock(&rows_cache_lock);
	const struct rows_entry *entry = rows_slot(key);
	bool current = entry->key != NULL && strcmp(entry->key, key) == 0
	    && entry->stamp.version == stamp->version && entry->stamp.choices == stamp->choices
	    && entry->stamp.minute == stamp->minute;
	if (current) {
		char *copy = arena_alloc(arena, entry->length + 1);
		memcpy(copy, entry->html, entry->length + 1);
		*html = copy;
		*length = entry->length;
		*counts = entry->counts;
	}
	pthread_mutex_unlock(&rows_cache_lock);
	return current;
}

void rows_cache_put(const char *key, const struct rows_stamp *stamp, const char *html,
    size_t length, const struct rooms_counts *counts)
{
	char *key_copy = strdup(key);
	char *html_copy = malloc(length + 1);
	if (key_copy != NULL && html_copy != NULL) {
		memcpy(html_copy, html, length);
		html_copy[length] = '\0';
		pthread_mutex_lock(&rows_cache_lock);
		struct rows_entry *entry = rows_slot(key);
		char *old_key = entry->key, *old_html = entry->html;
		*entry = (struct rows_entry) { key_copy, *stamp, *counts, html_copy, length };
		pthread_mutex_unlock(&rows_cache_lock);
		key_copy = old_key; /* freed below */
		html_copy = old_html;
	}
	free(key_copy);
	free(html_copy);
}
