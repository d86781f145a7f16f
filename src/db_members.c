/* db_members: members of accounts and their roles. */
#include "db_members.h"
#include "arena.h"
#include "db.h"
#include "db_modules.h"

enum db_members_statement {
	/* inbox: */
	DB_MEMBERS_LIST_NAMES,
	DB_MEMBERS_EXISTS,
	/* end inbox */
	DB_MEMBERS__MAX
};

/* inbox: columns of DB_MEMBERS_LIST_NAMES. */
enum { LIST_NAMES_PARTNER_ID, LIST_NAMES_NAME };

static const struct db_statement db_members_sql[DB_MEMBERS__MAX] = {
	/* inbox: */
	[DB_MEMBERS_LIST_NAMES] = { "members_list_names",
	    "SELECT m.partner_id, p.name FROM members m JOIN partners p ON p.id = m.partner_id "
	    "WHERE m.account_id = $1 ORDER BY m.role = 'master' DESC, lower(p.name), p.id" },
	[DB_MEMBERS_EXISTS] = { "members_exists",
	    "SELECT 1 FROM members WHERE account_id = $1 AND partner_id = $2" },
	/* end inbox */
};

const struct db_module db_members_module = { "members", db_members_sql, DB_MEMBERS__MAX };

/* inbox: */
int db_members_list_names(struct arena *arena, long long account_id, struct member_name **out)
{
	struct db_rows rows;
	int count = DB_RUN(arena, &rows, &db_members_sql[DB_MEMBERS_LIST_NAMES],
	    db_param_int(arena, account_id));
	if (count < 0)
		return count;
	struct member_name *members = arena_alloc(arena, ((size_t)count + 1) * sizeof(*members));
	for (int i = 0; i < count; i++)
		members[i] = (struct member_name) {
			.partner_id = db_int(&rows, i, LIST_NAMES_PARTNER_ID),
			.name = db_value(&rows, i, LIST_NAMES_NAME),
		};
	*out = members;
	return count;
}

int db_members_exists(struct arena *arena, long long account_id, long long partner_id)
{
	return DB_RUN(arena, NULL, &db_members_sql[DB_MEMBERS_EXISTS],
	    db_param_int(arena, account_id), db_param_int(arena, partner_id));
}
/* end inbox */
