/* search_plan: which of the inbox search's two shapes (db_rooms.c) a query
 * takes (CHAT-12 q, issue 8). Both find the same rooms; each has one plan
 * for every query, so that no search is planned again.
 *
 * The newest rooms are walked, each room's terms checked, when the query's
 * terms are common; else the rooms holding them are read from the terms
 * index and sorted. A walk checks about 31 / p rooms for a query that a
 * share p of the rooms hold, the index about p * rooms, each costing about
 * the same (12-15 µs), so the walk is taken when p * p * rooms >= 25. p is
 * estimated from PostgreSQL's statistics of the rooms' terms as the planner
 * does for @>: the product of each term's share, a term not listed among
 * the common ones taking half the least listed share. Without statistics
 * (a table never analyzed) the index is read.
 *
 * The statistics are read once per process and again after 10 minutes. */
#ifndef SANGDAM_SEARCH_PLAN_H
#define SANGDAM_SEARCH_PLAN_H

#include <stdbool.h>

struct arena;
struct room_search_stats;

/* True when query (NFC, as typed) is best searched by walking the newest
 * rooms. Reads the statistics when this process has none or old ones, on
 * this thread's connection; when that fails, the last ones read serve, or
 * none (false). Safe from several threads. */
bool search_plan_walk(struct arena *arena, const char *query);

/* search_plan_walk with the statistics given: the rule alone. */
bool search_plan_choose(const struct room_search_stats *stats, const char *query);

#endif
