/* db_coupon_entries: friends' entries in coupons and their results. */
#include "db_coupon_entries.h"
#include "arena.h"
#include "db.h"
#include "db_modules.h"

enum db_coupon_entries_statement {
	DB_COUPON_ENTRIES_INSERT,
	DB_COUPON_ENTRIES_RAN_OUT,
	DB_COUPON_ENTRIES_OF_CUSTOMER,
	DB_COUPON_ENTRIES_USE,
	DB_COUPON_ENTRIES_BY_PHONE,
	DB_COUPON_ENTRIES__MAX
};

/* Columns of the statements that read entries (ENTRY_COLUMNS, times in $3). */
enum { COL_ID, COL_PHONE, COL_WON, COL_RAN_OUT, COL_CODE, COL_USED, COL_TIME };

#define ENTRY_COLUMNS \
	"e.id, e.phone, e.won, e.ran_out, k.code, " \
	"to_char(e.used_at AT TIME ZONE $3, 'YYYY-MM-DD HH24:MI'), " \
	"to_char(e.created_at AT TIME ZONE $3, 'YYYY-MM-DD HH24:MI') " \
	"FROM coupon_entries e LEFT JOIN coupon_codes k ON k.entry_id = e.id "

static const struct db_statement db_coupon_entries_sql[DB_COUPON_ENTRIES__MAX] = {
	[DB_COUPON_ENTRIES_INSERT] = { "coupon_entries_insert",
	    "INSERT INTO coupon_entries (coupon_id, customer_id, phone, won) "
	    "VALUES ($1, $2, $3, $4) RETURNING id" },
	[DB_COUPON_ENTRIES_RAN_OUT] = { "coupon_entries_ran_out",
	    "UPDATE coupon_entries SET won = false, ran_out = true WHERE id = $1" },
	[DB_COUPON_ENTRIES_OF_CUSTOMER] = { "coupon_entries_of_customer",
	    "SELECT " ENTRY_COLUMNS "WHERE e.coupon_id = $1 AND e.customer_id = $2" },
	[DB_COUPON_ENTRIES_USE] = { "coupon_entries_use",
	    "UPDATE coupon_entries SET used_at = now() WHERE coupon_id = $1 AND customer_id = $2 "
	    "AND won AND used_at IS NULL" },
	[DB_COUPON_ENTRIES_BY_PHONE] = { "coupon_entries_by_phone",
	    "SELECT " ENTRY_COLUMNS "JOIN coupons c ON c.id = e.coupon_id "
	    "WHERE c.account_id = $1 AND e.coupon_id = $2 AND e.phone = $4 "
	    "ORDER BY e.created_at DESC, e.id DESC LIMIT 20" },
};

const struct db_module db_coupon_entries_module = { "coupon_entries", db_coupon_entries_sql,
	DB_COUPON_ENTRIES__MAX };

static void entry_from(const struct db_rows *rows, int i, struct coupon_entry *out)
{
	*out = (struct coupon_entry) {
		.id = db_int(rows, i, COL_ID),
		.phone = db_value(rows, i, COL_PHONE),
		.won = db_bool(rows, i, COL_WON),
		.ran_out = db_bool(rows, i, COL_RAN_OUT),
		.code = db_is_null(rows, i, COL_CODE) ? NULL : db_value(rows, i, COL_CODE),
		.used = db_is_null(rows, i, COL_USED) ? NULL : db_value(rows, i, COL_USED),
		.time = db_value(rows, i, COL_TIME),
	};
}

int db_coupon_entries_insert(struct arena *arena, long long coupon_id, long long customer_id,
    const char *phone, bool won, long long *id)
{
	return DB_RUN_INT(arena, &db_coupon_entries_sql[DB_COUPON_ENTRIES_INSERT], id,
	    db_param_int(arena, coupon_id), db_param_int(arena, customer_id), phone,
	    db_param_bool(won));
}

int db_coupon_entries_ran_out(struct arena *arena, long long id)
{
	return DB_RUN(arena, NULL, &db_coupon_entries_sql[DB_COUPON_ENTRIES_RAN_OUT],
	    db_param_int(arena, id));
}

int db_coupon_entries_of_customer(struct arena *arena, long long coupon_id,
    long long customer_id, const char *time_zone, struct coupon_entry *out)
{
	struct db_rows rows;
	int found = DB_RUN(arena, &rows, &db_coupon_entries_sql[DB_COUPON_ENTRIES_OF_CUSTOMER],
	    db_param_int(arena, coupon_id), db_param_int(arena, customer_id), time_zone);
	if (found > 0)
		entry_from(&rows, 0, out);
	return found;
}

int db_coupon_entries_use(struct arena *arena, long long coupon_id, long long customer_id)
{
	return DB_RUN(arena, NULL, &db_coupon_entries_sql[DB_COUPON_ENTRIES_USE],
	    db_param_int(arena, coupon_id), db_param_int(arena, customer_id));
}

int db_coupon_entries_by_phone(struct arena *arena, long long account_id, long long coupon_id,
    const char *phone, const char *time_zone, struct coupon_entry **out)
{
	struct db_rows rows;
	int count = DB_RUN(arena, &rows, &db_coupon_entries_sql[DB_COUPON_ENTRIES_BY_PHONE],
	    db_param_int(arena, account_id), db_param_int(arena, coupon_id), time_zone, phone);
	if (count < 0)
		return count;
	struct coupon_entry *entries = arena_alloc(arena, ((size_t)count + 1) * sizeof(*entries));
	for (int i = 0; i < count; i++)
		entry_from(&rows, i, &entries[i]);
	*out = entries;
	return count;
}
