/* db_customers: customers of an account, found by their key's hash. */
#include "db_customers.h"
#include "chat.h"
#include "db.h"
#include "db_modules.h"

enum db_customers_statement {
	DB_CUSTOMERS_GET,
	DB_CUSTOMERS_INSERT,
	DB_CUSTOMERS_SET_NAME,
	DB_CUSTOMERS_SET_FRIEND,
	DB_CUSTOMERS_BLOCK_ROOMS,
	DB_CUSTOMERS_TAKE_ONCE,
	DB_CUSTOMERS__MAX
};

/* Columns of DB_CUSTOMERS_GET. */
enum { GET_ID, GET_NUMBER, GET_DISPLAY_NAME, GET_IS_FRIEND, GET_BLOCKED, GET_ROOM_ID };

static const struct db_statement db_customers_sql[DB_CUSTOMERS__MAX] = {
	[DB_CUSTOMERS_GET] = { "customers_get",
	    "SELECT c.id, c.number, c.display_name, c.is_friend, c.blocked, r.id "
	    "FROM customers c LEFT JOIN rooms r ON r.customer_id = c.id AND r.account_id = c.account_id "
	    "WHERE c.account_id = $1 AND c.key_hash = $2" },
	/* The account row numbers its customers; a parallel first visit of the
	 * same browser loses the insert and finds the winner's row. */
	[DB_CUSTOMERS_INSERT] = { "customers_insert",
	    "WITH next AS (UPDATE accounts SET customer_count = customer_count + 1 WHERE id = $1 "
	    "RETURNING customer_count) INSERT INTO customers (account_id, key_hash, number) "
	    "SELECT $1, $2, customer_count FROM next ON CONFLICT (account_id, key_hash) DO NOTHING" },
	[DB_CUSTOMERS_SET_NAME] = { "customers_set_name",
	    "UPDATE customers SET display_name = $3 WHERE id = $2 AND account_id = $1" },
	[DB_CUSTOMERS_SET_FRIEND] = { "customers_set_friend",
	    "UPDATE customers SET is_friend = $3, "
	    "friend_since = CASE WHEN $3 THEN coalesce(friend_since, now()) END "
	    "WHERE id = $2 AND account_id = $1" },
	[DB_CUSTOMERS_BLOCK_ROOMS] = { "customers_block_rooms",
	    "WITH changed AS (UPDATE customers c SET blocked = $3::boolean FROM rooms r "
	    "WHERE r.account_id = $1 AND r.id = ANY($2::bigint[]) AND c.id = r.customer_id "
	    "AND c.account_id = $1 RETURNING c.id) "
	    "UPDATE rooms SET important = important AND NOT $3::boolean "
	    "WHERE account_id = $1 AND id = ANY($2::bigint[])" },
	/* $3: what is sent once (enum db_customers_once); $4: the period's key */
	[DB_CUSTOMERS_TAKE_ONCE] = { "customers_take_once",
	    "UPDATE customers SET "
	    "away_period = CASE WHEN $3::int = 0 THEN $4::text ELSE away_period END, "
	    "welcomed_at = CASE WHEN $3::int = 1 THEN now() ELSE welcomed_at END, "
	    "noticed_at = CASE WHEN $3::int = 2 THEN now() ELSE noticed_at END, "
	    "thanked_at = CASE WHEN $3::int = 3 THEN now() ELSE thanked_at END "
	    "WHERE id = $2 AND account_id = $1 AND CASE $3::int "
	    "WHEN 0 THEN away_period IS DISTINCT FROM $4::text WHEN 1 THEN welcomed_at IS NULL "
	    "WHEN 2 THEN noticed_at IS NULL ELSE thanked_at IS NULL END" },
};

const struct db_module db_customers_module = { "customers", db_customers_sql,
	DB_CUSTOMERS__MAX };

struct db_query db_customers_get_query(struct arena *arena, long long account_id,
    const char *key_hash)
{
	return DB_QUERY(&db_customers_sql[DB_CUSTOMERS_GET], db_param_int(arena, account_id),
	    key_hash);
}

int db_customers_get_rows(const struct db_query *query, struct chat_customer *out)
{
	const struct db_rows *rows = &query->rows;
	int found = query->result;
	if (found <= 0)
		return found;
	out->id = db_int(rows, 0, GET_ID);
	out->number = db_int(rows, 0, GET_NUMBER);
	out->display_name = db_value(rows, 0, GET_DISPLAY_NAME);
	out->is_friend = db_bool(rows, 0, GET_IS_FRIEND);
	out->blocked = db_bool(rows, 0, GET_BLOCKED);
	out->room_id = db_is_null(rows, 0, GET_ROOM_ID) ? 0 : db_int(rows, 0, GET_ROOM_ID);
	return 1;
}

int db_customers_get(struct arena *arena, long long account_id, const char *key_hash,
    struct chat_customer *out)
{
	struct db_query query = db_customers_get_query(arena, account_id, key_hash);
	db_run_queries(arena, &query, 1);
	return db_customers_get_rows(&query, out);
}

int db_customers_insert(struct arena *arena, long long account_id, const char *key_hash)
{
	return DB_RUN(arena, NULL, &db_customers_sql[DB_CUSTOMERS_INSERT],
	    db_param_int(arena, account_id), key_hash);
}

int db_customers_set_name(struct arena *arena, long long account_id, long long customer_id,
    const char *display_name)
{
	return DB_RUN(arena, NULL, &db_customers_sql[DB_CUSTOMERS_SET_NAME],
	    db_param_int(arena, account_id), db_param_int(arena, customer_id), display_name);
}

int db_customers_set_friend(struct arena *arena, long long account_id, long long customer_id,
    bool is_friend)
{
	return DB_RUN(arena, NULL, &db_customers_sql[DB_CUSTOMERS_SET_FRIEND],
	    db_param_int(arena, account_id), db_param_int(arena, customer_id),
	    db_param_bool(is_friend));
}

int db_customers_block_rooms(struct arena *arena, long long account_id, const long long *ids,
    size_t count, bool blocked)
{
	return DB_RUN(arena, NULL, &db_customers_sql[DB_CUSTOMERS_BLOCK_ROOMS],
	    db_param_int(arena, account_id), db_param_ids(arena, ids, count),
	    db_param_bool(blocked));
}

struct db_query db_customers_take_once_query(struct arena *arena, long long account_id,
    long long customer_id, enum db_customers_once what, const char *period)
{
	return DB_QUERY(&db_customers_sql[DB_CUSTOMERS_TAKE_ONCE], db_param_int(arena, account_id),
	    db_param_int(arena, customer_id), db_param_int(arena, what), period);
}

int db_customers_take_once(struct arena *arena, long long account_id, long long customer_id,
    enum db_customers_once what, const char *period)
{
	struct db_query query = db_customers_take_once_query(arena, account_id, customer_id, what,
	    period);
	db_run_queries(arena, &query, 1);
	return query.result;
}
