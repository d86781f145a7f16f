/* db_room_search: what PostgreSQL's statistics say of the search keys of
 * the rooms (table room_search, migrations 0029 and 0035), for
 * search_plan.h. */
#ifndef SANGDAM_DB_ROOM_SEARCH_H
#define SANGDAM_DB_ROOM_SEARCH_H

#include <stdbool.h>
#include <stdint.h>

struct arena;

/* The key of one of the terms most rooms hold (search_key, migration
 * 0035), and the share of rooms that hold it. */
struct search_key_share {
	int32_t key;
	double share; /* 0 to 1 */
};

/* The statistics of room_search's keys as the last ANALYZE left them. */
struct room_search_stats {
	bool analyzed;                    /* false: no statistics (no ANALYZE yet) */
	struct search_key_share *common; /* ordered by key */
	int common_count;                /* 0: no key common enough */
	double rooms; /* the rows of room_search as PostgreSQL estimates them,
	                 0 when it has none yet */
};

/* Reads the statistics into *out (its array in arena): 1, or <0 error. */
int db_room_search_stats(struct arena *arena, struct room_search_stats *out);

#endif
