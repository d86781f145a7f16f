/* db_friend_groups: friend groups of an account and the customers in them. */
#include "db_friend_groups.h"
#include "arena.h"
#include "db.h"
#include "db_modules.h"

enum db_friend_groups_statement {
	DB_FRIEND_GROUPS_LIST_COUNTED,
	DB_FRIEND_GROUPS_EXISTS,
	DB_FRIEND_GROUPS_ENSURE,
	DB_FRIEND_GROUPS_INSERT,
	DB_FRIEND_GROUPS_DELETE,
	DB_FRIEND_GROUP_MEMBERS_ADD_ROOMS,
	DB_FRIEND_GROUPS__MAX
};

/* Columns of DB_FRIEND_GROUPS_LIST_COUNTED. */
enum { LIST_ID, LIST_NAME, LIST_DESCRIPTION, LIST_MEMBERS, LIST_FRIENDS };

static const struct db_statement db_friend_groups_sql[DB_FRIEND_GROUPS__MAX] = {
	[DB_FRIEND_GROUPS_LIST_COUNTED] = { "friend_groups_list_counted",
	    "SELECT g.id, g.name, g.description, (SELECT count(*) FROM friend_group_members fm "
	    "JOIN customers c ON c.id = fm.customer_id AND c.account_id = g.account_id "
	    "WHERE fm.group_id = g.id), "
	    "(SELECT count(*) FROM friend_group_members fm JOIN customers c ON c.id = fm.customer_id "
	    "AND c.account_id = g.account_id WHERE fm.group_id = g.id AND c.is_friend) "
	    "FROM friend_groups g WHERE g.account_id = $1 ORDER BY lower(g.name), g.id" },
	[DB_FRIEND_GROUPS_EXISTS] = { "friend_groups_exists",
	    "SELECT 1 FROM friend_groups WHERE id = $2 AND account_id = $1" },
	[DB_FRIEND_GROUPS_ENSURE] = { "friend_groups_ensure",
	    "WITH made AS (INSERT INTO friend_groups (account_id, name) "
	    "SELECT $1, $2 WHERE (SELECT count(*) FROM friend_groups WHERE account_id = $1) < $3 "
	    "ON CONFLICT (account_id, lower(name)) DO NOTHING RETURNING id) "
	    "SELECT id FROM made UNION ALL "
	    "SELECT id FROM friend_groups WHERE account_id = $1 AND lower(name) = lower($2)" },
	[DB_FRIEND_GROUPS_INSERT] = { "friend_groups_insert",
	    "INSERT INTO friend_groups (account_id, name, description) SELECT $1, $2, $3 "
	    "WHERE (SELECT count(*) FROM friend_groups WHERE account_id = $1) < $4" },
	[DB_FRIEND_GROUPS_DELETE] = { "friend_groups_delete",
	    "DELETE FROM friend_groups WHERE id = $2 AND account_id = $1" },
	[DB_FRIEND_GROUP_MEMBERS_ADD_ROOMS] = { "friend_group_members_add_rooms",
	    "INSERT INTO friend_group_members (group_id, customer_id) "
	    "SELECT g.id, r.customer_id FROM friend_groups g JOIN rooms r "
	    "ON r.account_id = g.account_id WHERE g.id = $3 AND g.account_id = $1 "
	    "AND r.id = ANY($2::bigint[]) ON CONFLICT DO NOTHING" },
};

const struct db_module db_friend_groups_module = { "friend_groups", db_friend_groups_sql,
	DB_FRIEND_GROUPS__MAX };

int db_friend_groups_list_counted(struct arena *arena, long long account_id,
    struct friend_group **out)
{
	struct db_rows rows;
	int count = DB_RUN(arena, &rows, &db_friend_groups_sql[DB_FRIEND_GROUPS_LIST_COUNTED],
	    db_param_int(arena, account_id));
	if (count < 0)
		return count;
	struct friend_group *groups = arena_alloc(arena, ((size_t)count + 1) * sizeof(*groups));
	for (int i = 0; i < count; i++)
		groups[i] = (struct friend_group) {
			.id = db_int(&rows, i, LIST_ID),
			.name = db_value(&rows, i, LIST_NAME),
			.description = db_value(&rows, i, LIST_DESCRIPTION),
			.member_count = db_int(&rows, i, LIST_MEMBERS),
			.friend_count = db_int(&rows, i, LIST_FRIENDS),
		};
	*out = groups;
	return count;
}

int db_friend_groups_exists(struct arena *arena, long long account_id, long long id)
{
	return DB_RUN(arena, NULL, &db_friend_groups_sql[DB_FRIEND_GROUPS_EXISTS],
	    db_param_int(arena, account_id), db_param_int(arena, id));
}

int db_friend_groups_ensure(struct arena *arena, long long account_id, const char *name,
    long long max, long long *id)
{
	return DB_RUN_INT(arena, &db_friend_groups_sql[DB_FRIEND_GROUPS_ENSURE], id,
	    db_param_int(arena, account_id), name, db_param_int(arena, max));
}

int db_friend_groups_insert(struct arena *arena, long long account_id, const char *name,
    const char *description, long long max)
{
	return DB_RUN(arena, NULL, &db_friend_groups_sql[DB_FRIEND_GROUPS_INSERT],
	    db_param_int(arena, account_id), name, description, db_param_int(arena, max));
}

int db_friend_groups_delete(struct arena *arena, long long account_id, long long id)
{
	return DB_RUN(arena, NULL, &db_friend_groups_sql[DB_FRIEND_GROUPS_DELETE],
	    db_param_int(arena, account_id), db_param_int(arena, id));
}

int db_friend_groups_add_rooms(struct arena *arena, long long account_id, long long group_id,
    const long long *ids, size_t count)
{
	return DB_RUN(arena, NULL, &db_friend_groups_sql[DB_FRIEND_GROUP_MEMBERS_ADD_ROOMS],
	    db_param_int(arena, account_id), db_param_ids(arena, ids, count),
	    db_param_int(arena, group_id));
}
