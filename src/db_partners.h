/* db_partners: the queries of table partners (the people who sign in). */
#ifndef SANGDAM_DB_PARTNERS_H
#define SANGDAM_DB_PARTNERS_H

struct arena;

/* account: */
/* Locks partner id's row until the transaction ends, so that one partner's
 * concurrent account creations are counted one after the other. 1, 0 no such
 * partner, <0 error. Call inside db_begin. */
int db_partners_lock(struct arena *arena, long long id);

/* The number of partners (>= 0), or <0 error (ops home). */
int db_partners_count(struct arena *arena);

/* The size of the whole database as PostgreSQL spells it ("12 MB", arena) in
 * *size, for the ops home beside the partner count. 1, or <0 error. */
int db_partners_database_size(struct arena *arena, const char **size);
/* end account */

#endif
