/* db_rate_counters: the queries of table rate_counters (events counted per
 * key in fixed windows, for rate limits). */
#ifndef SANGDAM_DB_RATE_COUNTERS_H
#define SANGDAM_DB_RATE_COUNTERS_H

#include "db.h"

struct arena;

/* Counts one event against key when its window of window_seconds (the
 * current one, or a new one starting now when that is over) holds fewer
 * than limit (>= 1) events; else changes nothing. 1 counted, 0 over the
 * limit, <0 error. Inside a transaction the row stays locked until its end,
 * and a rollback takes the event back. */
int db_rate_counters_take(struct arena *arena, const char *key, int window_seconds, int limit);
/* The same as a query, for several counters in one round trip
 * (db_run_queries); its result is db_rate_counters_take's. */
struct db_query db_rate_counters_take_query(struct arena *arena, const char *key,
    int window_seconds, int limit);

/* Deletes counters whose window (a minute) ended more than a day ago (the
 * worker's sweep). Rows deleted, or <0 error. */
int db_rate_counters_delete_old(struct arena *arena);

#endif
