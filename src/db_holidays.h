/* db_holidays: the queries of table holidays, an account's date ranges on
 * which it does not answer (HOURS-3). */
#ifndef SANGDAM_DB_HOLIDAYS_H
#define SANGDAM_DB_HOLIDAYS_H

#include "db.h"

struct arena;

struct holiday {
	long long id;
	const char *first; /* YYYY-MM-DD, a local date of the account */
	const char *last;  /* YYYY-MM-DD, >= first */
};

/* Lists in *out (arena) the holidays of account_id that end on or after
 * from (YYYY-MM-DD), by first date: the count, or <0 error. */
int db_holidays_list(struct arena *arena, long long account_id, const char *from,
    struct holiday **out);
/* The same in two parts, for other statements in one round trip
 * (db_run_queries): the query, then, once run, its rows read into *out. */
struct db_query db_holidays_list_query(struct arena *arena, long long account_id,
    const char *from);
int db_holidays_list_rows(struct arena *arena, const struct db_query *query,
    struct holiday **out);

/* Adds first..last (YYYY-MM-DD) to account_id: 1, or <0 error. */
int db_holidays_insert(struct arena *arena, long long account_id, const char *first,
    const char *last);

/* Deletes holiday id of account_id: rows deleted (0 when it is another
 * account's or gone), or <0. */
int db_holidays_delete(struct arena *arena, long long account_id, long long id);

#endif
