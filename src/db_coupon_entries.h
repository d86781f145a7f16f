/* db_coupon_entries: the queries of table coupon_entries, one entry per
 * friend per coupon with its result (COUP-3, COUP-4, COUP-7). */
#ifndef SANGDAM_DB_COUPON_ENTRIES_H
#define SANGDAM_DB_COUPON_ENTRIES_H

#include <stdbool.h>

struct arena;

/* An entry as the customer or the look-up sees it; strings in the arena. */
struct coupon_entry {
	long long id;
	const char *phone;
	bool won;
	bool ran_out;     /* drawn to win when no code was left */
	const char *code; /* the code handed out, or NULL */
	const char *used; /* "YYYY-MM-DD HH:MM" staff confirmed, or NULL */
	const char *time; /* "YYYY-MM-DD HH:MM" of the entry, local */
};

/* Records the entry of customer_id in coupon_id: 1 with *id, or
 * DB_UNIQUE_VIOLATION when the customer entered already, or <0. */
int db_coupon_entries_insert(struct arena *arena, long long coupon_id, long long customer_id,
    const char *phone, bool won, long long *id);

/* Marks entry id drawn to win but left without a code. 1 or <0. */
int db_coupon_entries_ran_out(struct arena *arena, long long id);

/* The entry of customer_id in coupon_id (times in time_zone): 1, 0, <0. */
int db_coupon_entries_of_customer(struct arena *arena, long long coupon_id,
    long long customer_id, const char *time_zone, struct coupon_entry *out);

/* Marks the winning entry of customer_id in coupon_id used (staff
 * confirmed): 1, 0 when not a winner or used already, <0. */
int db_coupon_entries_use(struct arena *arena, long long coupon_id, long long customer_id);

/* The entries of coupon id of account_id made with phone (digits), newest
 * first, up to 20, times in time_zone, into *out: count or <0. */
int db_coupon_entries_by_phone(struct arena *arena, long long account_id, long long coupon_id,
    const char *phone, const char *time_zone, struct coupon_entry **out);

#endif
