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

/* Which entries of an account to list (LOG-2): newest first, keyset-paged on
 * (at, id). */
struct history_filter {
	long long account_id;
	const char *time_zone;   /* IANA name: the zone of from, to and the times shown */
	const char *menu;        /* a menu word, or NULL for every menu */
	long long partner_id;    /* an author, or 0 for everyone */
	const char *from;        /* YYYY-MM-DD local date, first day included; NULL: open */
	const char *to;          /* YYYY-MM-DD local date, last day included; NULL: open */
	long long before_at;     /* the cursor: entries before (before_at, before_id), */
	long long before_id;     /* before_at in microseconds since 1970; 0: from the newest */
};

/* One entry as the page and the download show it (strings in the arena). */
struct history_row {
	long long id;
	long long at_micros;      /* the cursor of the next page */
	const char *at;           /* YYYY-MM-DD HH24:MI:SS in the filter's zone */
	long long partner_id;     /* 0 for the worker or a partner since gone */
	const char *partner_name; /* as at the time of the change */
	const char *menu;
	const char *action;
	const char *target;
	const char *before;
	const char *after;
};

/* Lists in *out (arena) at most limit (1..1000) entries of filter: the count,
 * or <0 a DB_* error. */
int db_account_history_list(struct arena *arena, const struct history_filter *filter, int limit,
    struct history_row **out);

#endif
