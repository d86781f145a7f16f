/* db_members: memberships, listed per partner and counted against the account limit. */
#include "db_members.h"
#include "arena.h"
#include "db.h"
#include "db_modules.h"

enum db_members_statement {
	DB_MEMBERS_LIST_PARTNER,
	DB_MEMBERS_COUNT_MASTER,
	DB_MEMBERS_INSERT,
	DB_MEMBERS_EXISTS,
	DB_MEMBERS_SET_AVAILABLE,
	DB_MEMBERS__MAX
};

/* Columns of DB_MEMBERS_LIST_PARTNER. */
enum { LIST_CODE, LIST_NAME, LIST_KIND, LIST_STATUS, LIST_ROLE, LIST_DELETING };


static const struct db_statement db_members_sql[DB_MEMBERS__MAX] = {
	[DB_MEMBERS_LIST_PARTNER] = { "members_list_partner",
	    "SELECT a.code, a.name, a.kind, a.status, m.role, a.delete_after IS NOT NULL "
	    "FROM members m JOIN accounts a ON a.id = m.account_id WHERE m.partner_id = $1 "
	    "ORDER BY a.created_at" },
	[DB_MEMBERS_COUNT_MASTER] = { "members_count_master",
	    "SELECT count(*) FROM members WHERE partner_id = $1 AND role = 'master'" },
	[DB_MEMBERS_INSERT] = { "members_insert",
	    "INSERT INTO members (account_id, partner_id, role) VALUES ($1, $2, $3)" },
	[DB_MEMBERS_EXISTS] = { "members_exists",
	    "SELECT 1 FROM members WHERE account_id = $1 AND partner_id = $2" },
	[DB_MEMBERS_SET_AVAILABLE] = { "members_set_available",
	    "UPDATE members SET available = $3::boolean "
	    "WHERE account_id = $1 AND partner_id = $2 AND available <> $3::boolean" },
};

const struct db_module db_members_module = { "members", db_members_sql, DB_MEMBERS__MAX };

int db_members_list_partner(struct arena *arena, long long partner_id,
    struct member_account **out)
{
	struct db_rows rows;
	int count = DB_RUN(arena, &rows, &db_members_sql[DB_MEMBERS_LIST_PARTNER],
	    db_param_int(arena, partner_id));
	if (count < 0)
		return count;
	struct member_account *list = arena_alloc(arena, sizeof(*list) * (size_t)(count + 1));
	for (int i = 0; i < count; i++) {
		list[i] = (struct member_account) {
			.code = db_value(&rows, i, LIST_CODE),
			.name = db_value(&rows, i, LIST_NAME),
			.kind = db_value(&rows, i, LIST_KIND),
			.status = db_value(&rows, i, LIST_STATUS),
			.role = db_value(&rows, i, LIST_ROLE),
			.deleting = db_bool(&rows, i, LIST_DELETING),
		};
	}
	*out = list;
	return count;
}

int db_members_count_master(struct arena *arena, long long partner_id)
{
	long long count;
	int found = DB_RUN_INT(arena, &db_members_sql[DB_MEMBERS_COUNT_MASTER], &count,
	    db_param_int(arena, partner_id));
	return found == 1 ? (int)count : found < 0 ? found : DB_ERROR;
}

int db_members_insert(struct arena *arena, long long account_id, long long partner_id,
    const char *role)
{
	return DB_RUN(arena, NULL, &db_members_sql[DB_MEMBERS_INSERT],
	    db_param_int(arena, account_id), db_param_int(arena, partner_id), role);
}

int db_members_exists(struct arena *arena, long long account_id, long long partner_id)
{
	return DB_RUN(arena, NULL, &db_members_sql[DB_MEMBERS_EXISTS],
	    db_param_int(arena, account_id), db_param_int(arena, partner_id));
}

int db_members_set_available(struct arena *arena, long long account_id, long long partner_id,
    bool available)
{
	return DB_RUN(arena, NULL, &db_members_sql[DB_MEMBERS_SET_AVAILABLE],
	    db_param_int(arena, account_id), db_param_int(arena, partner_id),
	    available ? "true" : "false");
}
