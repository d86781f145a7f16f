/* db_account_reviews: the review history of accounts, written by creation and operators. */
#include "db_account_reviews.h"
#include "arena.h"
#include "db.h"
#include "db_modules.h"

enum db_account_reviews_statement {
	DB_ACCOUNT_REVIEWS_INSERT,
	DB_ACCOUNT_REVIEWS_LIST,
	DB_ACCOUNT_REVIEWS__MAX
};

/* Columns of DB_ACCOUNT_REVIEWS_LIST. */
enum { LIST_ACTION, LIST_REASON, LIST_AT };

static const struct db_statement db_account_reviews_sql[DB_ACCOUNT_REVIEWS__MAX] = {
	[DB_ACCOUNT_REVIEWS_INSERT] = { "account_reviews_insert",
	    "INSERT INTO account_reviews (account_id, action, reason, operator_id) "
	    "VALUES ($1, $2, $3, nullif($4::bigint, 0))" },
	[DB_ACCOUNT_REVIEWS_LIST] = { "account_reviews_list",
	    "SELECT action, reason, to_char(created_at AT TIME ZONE $2, 'YYYY-MM-DD HH24:MI') "
	    "FROM account_reviews WHERE account_id = $1 ORDER BY created_at DESC, id DESC" },
};

const struct db_module db_account_reviews_module = { "account_reviews", db_account_reviews_sql,
	DB_ACCOUNT_REVIEWS__MAX };

int db_account_reviews_insert(struct arena *arena, long long account_id, const char *action,
    const char *reason, long long operator_id)
{
	return DB_RUN(arena, NULL, &db_account_reviews_sql[DB_ACCOUNT_REVIEWS_INSERT],
	    db_param_int(arena, account_id), action, reason, db_param_int(arena, operator_id));
}

int db_account_reviews_list(struct arena *arena, long long account_id, const char *time_zone,
    struct account_review **out)
{
	struct db_rows rows;
	int count = DB_RUN(arena, &rows, &db_account_reviews_sql[DB_ACCOUNT_REVIEWS_LIST],
	    db_param_int(arena, account_id), time_zone);
	if (count < 0)
		return count;
	struct account_review *list = arena_alloc(arena, sizeof(*list) * (size_t)(count + 1));
	for (int i = 0; i < count; i++) {
		list[i] = (struct account_review) {
			.action = db_value(&rows, i, LIST_ACTION),
			.reason = db_value(&rows, i, LIST_REASON),
			.at = db_value(&rows, i, LIST_AT),
		};
	}
	*out = list;
	return count;
}
