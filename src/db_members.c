/* db_members: memberships, listed per partner and per account, counted against the
 * limits, and changed by invitations, removal, leaving and delegation (MEM-1..5). */
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
	DB_MEMBERS_LIST_ACCOUNT,
	DB_MEMBERS_GET,
	DB_MEMBERS_COUNT_ACCOUNT,
	DB_MEMBERS_SET_ROLE,
	DB_MEMBERS_DELETE_MANAGER,
	DB_MEMBERS__MAX
};

/* Columns of DB_MEMBERS_LIST_PARTNER. */
enum { LIST_CODE, LIST_NAME, LIST_KIND, LIST_STATUS, LIST_ROLE, LIST_DELETING };

/* Columns of DB_MEMBERS_LIST_ACCOUNT and DB_MEMBERS_GET. */
enum { ROW_PARTNER_ID, ROW_NAME, ROW_EMAIL, ROW_ROLE, ROW_JOINED, ROW_LAST_ACTIVE };

/* The columns of one member: last activity is their latest history entry in
 * the account or, when later, their latest use of a session. */
#define DB_MEMBERS_ROW_COLUMNS                                                              \
	"p.id, p.name, p.email, m.role, to_char(m.joined_at AT TIME ZONE $2, 'YYYY-MM-DD'), " \
	"coalesce(to_char(greatest((SELECT max(h.at) FROM account_history h "                  \
	"WHERE h.account_id = m.account_id AND h.partner_id = p.id), "                         \
	"(SELECT max(s.last_seen_at) FROM sessions s WHERE s.partner_id = p.id)) "             \
	"AT TIME ZONE $2, 'YYYY-MM-DD HH24:MI'), '') "


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
	/* The master first, then by joining. */
	[DB_MEMBERS_LIST_ACCOUNT] = { "members_list_account",
	    "SELECT " DB_MEMBERS_ROW_COLUMNS
	    "FROM members m JOIN partners p ON p.id = m.partner_id "
	    "WHERE m.account_id = $1 ORDER BY m.role = 'master' DESC, m.joined_at, p.id LIMIT $3" },
	[DB_MEMBERS_GET] = { "members_get",
	    "SELECT " DB_MEMBERS_ROW_COLUMNS
	    "FROM members m JOIN partners p ON p.id = m.partner_id "
	    "WHERE m.account_id = $1 AND m.partner_id = $3" },
	[DB_MEMBERS_COUNT_ACCOUNT] = { "members_count_account",
	    "SELECT count(*) FROM members WHERE account_id = $1" },
	[DB_MEMBERS_SET_ROLE] = { "members_set_role",
	    "UPDATE members SET role = $3 WHERE account_id = $1 AND partner_id = $2" },
	/* The master is never deleted: they delegate first (MEM-3). */
	[DB_MEMBERS_DELETE_MANAGER] = { "members_delete_manager",
	    "DELETE FROM members WHERE account_id = $1 AND partner_id = $2 AND role = 'manager'" },
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

/* The count statement gives for id: >= 0, or <0 (no row is an error). */
static int db_members_count(struct arena *arena, enum db_members_statement statement,
    long long id)
{
	long long count;
	int found = DB_RUN_INT(arena, &db_members_sql[statement], &count, db_param_int(arena, id));
	return found == 1 ? (int)count : found < 0 ? found : DB_ERROR;
}

int db_members_count_master(struct arena *arena, long long partner_id)
{
	return db_members_count(arena, DB_MEMBERS_COUNT_MASTER, partner_id);
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
	    db_param_bool(available));
}

/* Fills out from row i of a DB_MEMBERS_ROW_COLUMNS result. */
static void db_members_row(const struct db_rows *rows, int i, struct member_row *out)
{
	*out = (struct member_row) {
		.partner_id = db_int(rows, i, ROW_PARTNER_ID),
		.name = db_value(rows, i, ROW_NAME),
		.email = db_value(rows, i, ROW_EMAIL),
		.role = db_value(rows, i, ROW_ROLE),
		.joined = db_value(rows, i, ROW_JOINED),
		.last_active = db_value(rows, i, ROW_LAST_ACTIVE),
	};
}

int db_members_list_account(struct arena *arena, long long account_id, const char *time_zone,
    struct member_row *out, int max)
{
	struct db_rows rows;
	int count = DB_RUN(arena, &rows, &db_members_sql[DB_MEMBERS_LIST_ACCOUNT],
	    db_param_int(arena, account_id), time_zone, db_param_int(arena, max));
	for (int i = 0; i < count; i++)
		db_members_row(&rows, i, &out[i]);
	return count;
}

int db_members_get(struct arena *arena, long long account_id, long long partner_id,
    const char *time_zone, struct member_row *out)
{
	struct db_rows rows;
	int found = DB_RUN(arena, &rows, &db_members_sql[DB_MEMBERS_GET],
	    db_param_int(arena, account_id), time_zone, db_param_int(arena, partner_id));
	if (found == 1)
		db_members_row(&rows, 0, out);
	return found;
}

int db_members_count_account(struct arena *arena, long long account_id)
{
	return db_members_count(arena, DB_MEMBERS_COUNT_ACCOUNT, account_id);
}

int db_members_set_role(struct arena *arena, long long account_id, long long partner_id,
    const char *role)
{
	return DB_RUN(arena, NULL, &db_members_sql[DB_MEMBERS_SET_ROLE],
	    db_param_int(arena, account_id), db_param_int(arena, partner_id), role);
}

int db_members_delete_manager(struct arena *arena, long long account_id, long long partner_id)
{
	return DB_RUN(arena, NULL, &db_members_sql[DB_MEMBERS_DELETE_MANAGER],
	    db_param_int(arena, account_id), db_param_int(arena, partner_id));
}
