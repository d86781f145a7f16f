/* search_plan: which shape of the inbox search (db_rooms.c) a query takes
 * (CHAT-12 q, issue 8). All list the same rooms; WALK and TERMS have one
 * plan for every query, so that they are not planned again.
 *
 * The newest rooms are walked, each room's terms checked, when the query's
 * terms are common; else the rooms holding them are read from the terms'
 * index (room_search_keys) and sorted. A walk checks about 31 / p rooms for
 * a query that a share p of the rooms hold, the index about p * rooms, each
 * costing about the same (12-15 µs, measured with the terms as text; the
 * integer keys of migration 0035 made a walked room's check about 9 µs
 * cheaper, and the balance was not measured again), so the walk is taken
 * when p * p * rooms >= 25. p is estimated from PostgreSQL's statistics of
 * the rooms' terms (their keys) as its planner estimates @>
 * (array_selfuncs.c): the product of each term's share. A term
 * not listed among the common ones may be in no room at all, and a walk for
 * it would read every room of the account: then the index is read.
 * Without statistics (a table never analyzed, or no rooms yet), without
 * terms (a query of white space) or without the C.UTF-8 locale, PostgreSQL
 * plans the search for its values (ROOMS_SEARCH_PLANNED), as before these
 * shapes.
 *
 * The statistics are read by one request thread of each process, and again
 * 10 minutes later (a minute after a failed read). */
#ifndef SANGDAM_SEARCH_PLAN_H
#define SANGDAM_SEARCH_PLAN_H

#include "db_rooms.h"

struct arena;
struct room_search_stats;

/* The shape for query (NFC, as typed). Reads the statistics on this
 * thread's connection when they are due; until a read succeeds, the answer
 * is ROOMS_SEARCH_PLANNED. Safe from several threads. */
enum rooms_search_shape search_plan_shape(struct arena *arena, const char *query);

/* search_plan_shape with the statistics given: the rule alone. */
enum rooms_search_shape search_plan_choose(const struct room_search_stats *stats,
    const char *query);

#endif
