/* rows_cache: the rendered rows of the inbox's lists (part_inbox_rows) with
 * their status tabs' counts, kept by each worker process so that a list
 * whose rooms have not changed is neither read nor rendered again (issue 8).
 *
 * An entry is found by its key (the account, language, time zone and the
 * list's address; rows_key in list.c) and is current only with the same
 * stamp: the account's inbox version (migration 0032, read before the rows
 * were), a hash of the account's labels and members (the chips' names and
 * colours, the assignees' names) and the minute (the rows' times and
 * waiting minutes). Entries are few (64, one per slot of the key's hash; a
 * colliding key replaces the older) and each holds its own copy; all
 * functions are safe from several request threads. */
#ifndef SANGDAM_INBOX_ROWS_CACHE_H
#define SANGDAM_INBOX_ROWS_CACHE_H

#include "db_rooms.h"

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

struct account_choices;
struct arena;

struct rows_stamp {
	long long version; /* the account's inbox version */
	uint64_t choices;  /* rows_cache_choices of the account's choices */
	long long minute;  /* minutes since the epoch, UTC */
};

/* The hash of what the rows show of choices: each label's id, name and
 * colour and each member's id and name, in their order. */
uint64_t rows_cache_choices(const struct account_choices *choices);

/* True when key has an entry of minute, which is likely to be current: the
 * caller may leave the list's statement out of its first round trip. */
bool rows_cache_has(const char *key, long long minute);

/* When key's entry has stamp: copies its rows into arena (*html, *length,
 * NUL-terminated) and its counts into *counts, and returns true. */
bool rows_cache_get(struct arena *arena, const char *key, const struct rows_stamp *stamp,
    const char **html, size_t *length, struct rooms_counts *counts);

/* Stores a copy of key's rows read under stamp, replacing its slot's entry.
 * Without memory nothing is stored. */
void rows_cache_put(const char *key, const struct rows_stamp *stamp, const char *html,
    size_t length, const struct rooms_counts *counts);

#endif
