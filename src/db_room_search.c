/* db_room_search: the key statistics of room_search, read from pg_stats
 * (the most common elements of its keys column and their frequencies; the
 * frequencies' array has three more at its end, the least, the greatest and
 * the share of NULLs, which unnest pairs with NULL keys) and pg_class (its
 * estimated rows). */
#include "db_room_search.h"
#include "arena.h"
#include "db.h"
#include "db_modules.h"

#include <stdlib.h>

enum db_room_search_statement {
	DB_ROOM_SEARCH_STATS,
	DB_ROOM_SEARCH__MAX
};

/* Columns of DB_ROOM_SEARCH_STATS: one row per common key, or one row of
 * NULL key when none is listed. */
enum { STATS_KEY, STATS_SHARE, STATS_ROOMS, STATS_ANALYZED };

static const struct db_statement db_room_search_sql[DB_ROOM_SEARCH__MAX] = {
	[DB_ROOM_SEARCH_STATS] = { "room_search_stats",
	    "SELECT e.key, e.share, greatest(c.reltuples, 0), s.attname IS NOT NULL "
	    "FROM pg_class c "
	    "LEFT JOIN pg_stats s ON s.schemaname = current_schema() "
	    "AND s.tablename = 'room_search' AND s.attname = 'keys' "
	    "LEFT JOIN LATERAL unnest(s.most_common_elems::text::integer[], "
	    "s.most_common_elem_freqs) AS e(key, share) ON e.key IS NOT NULL "
	    "WHERE c.oid = 'room_search'::regclass ORDER BY e.key" },
};

const struct db_module db_room_search_module = { "room_search", db_room_search_sql,
	DB_ROOM_SEARCH__MAX };

/* A column of real, 0 when NULL. */
static double db_room_search_real(const struct db_rows *rows, int row, int column)
{
	return db_is_null(rows, row, column) ? 0 : strtod(db_value(rows, row, column), NULL);
}

int db_room_search_stats(struct arena *arena, struct room_search_stats *out)
{
	struct db_rows rows;
	int found = db_run(arena, &rows, &db_room_search_sql[DB_ROOM_SEARCH_STATS], 0, NULL);
	if (found < 0)
		return found;
	if (found == 0)
		return DB_ERROR; /* pg_class always has the table */
	*out = (struct room_search_stats) {
		.analyzed = db_bool(&rows, 0, STATS_ANALYZED),
		.common = arena_alloc(arena, sizeof(*out->common) * (size_t)rows.count),
		.rooms = db_room_search_real(&rows, 0, STATS_ROOMS),
	};
	for (int i = 0; i < rows.count; i++) {
		if (db_is_null(&rows, i, STATS_KEY))
			continue;
		out->common[out->common_count++] = (struct search_key_share) {
			.key = (int32_t)db_int(&rows, i, STATS_KEY),
			.share = db_room_search_real(&rows, i, STATS_SHARE),
		};
	}
	return 1;
}
