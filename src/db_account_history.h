/* db_account_history: the queries of table account_history, the record of
 * every change made to an account (LOG-1). The rows are written, never
 * changed: the application's role has no UPDATE or DELETE on the table. */
#ifndef SANGDAM_DB_ACCOUNT_HISTORY_H
#define SANGDAM_DB_ACCOUNT_HISTORY_H

struct arena;

/* One entry to write. menu and action are lowercase ASCII words
 * ([a-z_]{1,32} and {1,48}, checked by the table); target <= 200 code points,
 * before and after <= 2,000 (NULL is stored as ""). partner_id 0 means the
 * worker or the operator acting for the server. */
struct history_entry {
	long long account_id;
	long long partner_id;
	const char *menu;
	const char *action;
	const char *target;
	const char *before;
	const char *after;
};

/* Inserts entry with the partner's current name: 1, or <0 a DB_* error
 * (a CHECK failure included: the caller's transaction must then roll back). */
int db_account_history_insert(struct arena *arena, const struct history_entry *entry);

#endif
