/* db_customers: the queries of table customers (the people who write to an
 * account, known by the hash of their cookie key, CHAT-1). */
#ifndef SANGDAM_DB_CUSTOMERS_H
#define SANGDAM_DB_CUSTOMERS_H

#include <stdbool.h>
#include <stddef.h>

struct arena;
struct chat_customer;

/* Finds the customer of account_id whose key hashes to key_hash, with the id
 * of their room (0 before the first message). Fills out (strings in arena).
 * 1 found, 0 none, <0 DB_* error. */
int db_customers_get(struct arena *arena, long long account_id, const char *key_hash,
    struct chat_customer *out);
/* The same in two parts, for other statements in one round trip
 * (db_run_queries): the query, then, once run, its row read into out. */
struct db_query db_customers_get_query(struct arena *arena, long long account_id,
    const char *key_hash);
int db_customers_get_rows(const struct db_query *query, struct chat_customer *out);

/* Inserts the customer of key_hash with the account's next customer number;
 * a customer already there is left alone. Rows inserted (0 or 1), or <0. */
int db_customers_insert(struct arena *arena, long long account_id, const char *key_hash);

/* Sets the name the customer gave (1..20 code points). Rows changed, or <0. */
int db_customers_set_name(struct arena *arena, long long account_id, long long customer_id,
    const char *display_name);

/* Makes the customer a friend of the account or not (CHAT-6); the first
 * friendship's time is kept. Rows changed (0 or 1), or <0. */
int db_customers_set_friend(struct arena *arena, long long account_id, long long customer_id,
    bool is_friend);

/* Blocks (or unblocks) the customers of the count rooms ids of account_id;
 * blocking also clears those rooms' "important" mark (CHAT-13), in the same
 * statement. Rooms updated, or <0 DB_* error. */
int db_customers_block_rooms(struct arena *arena, long long account_id, const long long *ids,
    size_t count, bool blocked);

/* What a customer is sent once (HOURS-4, HOURS-5); the numbers are used in SQL. */
enum db_customers_once {
	DB_CUSTOMERS_ONCE_PERIOD = 0,  /* the away or holiday message of one closed period */
	DB_CUSTOMERS_ONCE_WELCOME = 1,
	DB_CUSTOMERS_ONCE_NOTICE = 2,
	DB_CUSTOMERS_ONCE_THANKS = 3,
};

/* Takes the customer's one sending of what (for DB_CUSTOMERS_ONCE_PERIOD,
 * of the closed period named period, a src/hours.h key; else NULL): 1 when
 * it was not taken before (now it is), 0 when it was, <0 error. Inside the
 * transaction that stores the message, so that a rollback gives it back. */
int db_customers_take_once(struct arena *arena, long long account_id, long long customer_id,
    enum db_customers_once what, const char *period);
/* The same as a query, for other statements in one round trip
 * (db_run_queries); its result is db_customers_take_once's. */
struct db_query db_customers_take_once_query(struct arena *arena, long long account_id,
    long long customer_id, enum db_customers_once what, const char *period);

#endif
