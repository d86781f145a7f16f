/* db_room_search: what PostgreSQL's statistics say of the search terms of
 * the rooms (table room_search, migration 0029), for search_plan.h. */
#ifndef SANGDAM_DB_ROOM_SEARCH_H
#define SANGDAM_DB_ROOM_SEARCH_H

#include <stdbool.h>

struct arena;

/* One of the terms most rooms hold, and the share of rooms that hold it. */
struct search_term_share {
	const char *term;
	double share; /* 0 to 1 */
};

/* The statistics of room_search's terms as the last ANALYZE left them. */
struct room_search_stats {
	bool analyzed;                    /* false: no statistics (no ANALYZE yet) */
	struct search_term_share *common; /* by term, ordered as strcmp orders */
	int common_count;                 /* 0: no term common enough */
	double rooms; /* the rows of room_search as PostgreSQL estimates them,
	                 0 when it has none yet */
};

/* Reads the statistics into *out (arrays and strings in arena): 1, or <0
 * error. */
int db_room_search_stats(struct arena *arena, struct room_search_stats *out);

#endif
