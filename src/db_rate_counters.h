/* db_rate_counters: the queries of table rate_counters (events counted per
 * key in fixed windows, for rate limits). */
#ifndef SANGDAM_DB_RATE_COUNTERS_H
#define SANGDAM_DB_RATE_COUNTERS_H

struct arena;

/* Counts one event against key: in the key's current window of
 * window_seconds, or in a new one starting now when that is over. Sets
 * *count to the events in the window, this one included. 1, or <0. */
int db_rate_counters_hit(struct arena *arena, const char *key, int window_seconds,
    long long *count);

/* Deletes counters whose window (a minute) ended more than a day ago (the
 * worker's sweep). Rows deleted, or <0 error. */
int db_rate_counters_delete_old(struct arena *arena);

#endif
