/* db_customers: customers of an account (one per browser key). */
#include "db_customers.h"
#include "db.h"
#include "db_modules.h"

enum db_customers_statement {
	/* inbox: */
	DB_CUSTOMERS_BLOCK_ROOMS,
	/* end inbox */
	DB_CUSTOMERS__MAX
};

static const struct db_statement db_customers_sql[DB_CUSTOMERS__MAX] = {
	/* inbox: */
	[DB_CUSTOMERS_BLOCK_ROOMS] = { "customers_block_rooms",
	    "WITH changed AS (UPDATE customers c SET blocked = $3::boolean FROM rooms r "
	    "WHERE r.account_id = $1 AND r.id = ANY($2::bigint[]) AND c.id = r.customer_id "
	    "AND c.account_id = $1 RETURNING c.id) "
	    "UPDATE rooms SET important = important AND NOT $3::boolean "
	    "WHERE account_id = $1 AND id = ANY($2::bigint[])" },
	/* end inbox */
};

const struct db_module db_customers_module = { "customers", db_customers_sql,
	DB_CUSTOMERS__MAX };

/* inbox: */
int db_customers_block_rooms(struct arena *arena, long long account_id, const long long *ids,
    size_t count, bool blocked)
{
	return DB_RUN(arena, NULL, &db_customers_sql[DB_CUSTOMERS_BLOCK_ROOMS],
	    db_param_int(arena, account_id), db_param_ids(arena, ids, count),
	    blocked ? "true" : "false");
}
/* end inbox */
