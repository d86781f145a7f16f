/* db_member_invitations: pending invitations, one per account and address,
 * found by the hash of the mailed token. */
#include "db_member_invitations.h"
#include "db.h"
#include "db_modules.h"

enum db_member_invitations_statement {
	DB_MEMBER_INVITATIONS_PUT,
	DB_MEMBER_INVITATIONS_LIST,
	DB_MEMBER_INVITATIONS_CANCEL,
	DB_MEMBER_INVITATIONS_FIND,
	DB_MEMBER_INVITATIONS_DELETE,
	DB_MEMBER_INVITATIONS__MAX
};

/* Columns of DB_MEMBER_INVITATIONS_LIST. */
enum { LIST_ID, LIST_EMAIL, LIST_CREATED, LIST_EXPIRED };

/* Columns of DB_MEMBER_INVITATIONS_FIND. */
enum { FIND_ID, FIND_ACCOUNT_ID, FIND_CODE, FIND_NAME, FIND_EMAIL, FIND_LIVE };

static const struct db_statement db_member_invitations_sql[DB_MEMBER_INVITATIONS__MAX] = {
	/* A new token and a new 7 days for an address invited again. */
	[DB_MEMBER_INVITATIONS_PUT] = { "member_invitations_put",
	    "INSERT INTO member_invitations (account_id, email, token_hash, invited_by) "
	    "VALUES ($1, $2, $3, $4) ON CONFLICT (account_id, lower(email)) DO UPDATE "
	    "SET email = EXCLUDED.email, token_hash = EXCLUDED.token_hash, "
	    "invited_by = EXCLUDED.invited_by, created_at = now()" },
	[DB_MEMBER_INVITATIONS_LIST] = { "member_invitations_list",
	    "SELECT id, email, to_char(created_at AT TIME ZONE $2, 'YYYY-MM-DD HH24:MI'), "
	    "created_at <= now() - interval '7 days' FROM member_invitations "
	    "WHERE account_id = $1 ORDER BY created_at DESC, id DESC LIMIT $3" },
	[DB_MEMBER_INVITATIONS_CANCEL] = { "member_invitations_cancel",
	    "DELETE FROM member_invitations WHERE id = $1 AND account_id = $2 RETURNING email" },
	[DB_MEMBER_INVITATIONS_FIND] = { "member_invitations_find",
	    "SELECT i.id, i.account_id, a.code, a.name, i.email, "
	    "i.created_at > now() - interval '7 days' "
	    "FROM member_invitations i JOIN accounts a ON a.id = i.account_id "
	    "WHERE i.token_hash = $1 FOR UPDATE OF i" },
	[DB_MEMBER_INVITATIONS_DELETE] = { "member_invitations_delete",
	    "DELETE FROM member_invitations WHERE id = $1" },
};

const struct db_module db_member_invitations_module = {
	"member_invitations", db_member_invitations_sql, DB_MEMBER_INVITATIONS__MAX
};

int db_member_invitations_put(struct arena *arena, long long account_id, const char *email,
    const char *token_hash, long long invited_by)
{
	return DB_RUN(arena, NULL, &db_member_invitations_sql[DB_MEMBER_INVITATIONS_PUT],
	    db_param_int(arena, account_id), email, token_hash, db_param_int(arena, invited_by));
}

int db_member_invitations_list(struct arena *arena, long long account_id, const char *time_zone,
    struct invitation_row *out, int max)
{
	struct db_rows rows;
	int count = DB_RUN(arena, &rows, &db_member_invitations_sql[DB_MEMBER_INVITATIONS_LIST],
	    db_param_int(arena, account_id), time_zone, db_param_int(arena, max));
	for (int i = 0; i < count; i++) {
		out[i] = (struct invitation_row) {
			.id = db_int(&rows, i, LIST_ID),
			.email = db_value(&rows, i, LIST_EMAIL),
			.created = db_value(&rows, i, LIST_CREATED),
			.expired = db_bool(&rows, i, LIST_EXPIRED),
		};
	}
	return count;
}

int db_member_invitations_cancel(struct arena *arena, long long id, long long account_id,
    const char **email)
{
	struct db_rows rows;
	int found = DB_RUN(arena, &rows, &db_member_invitations_sql[DB_MEMBER_INVITATIONS_CANCEL],
	    db_param_int(arena, id), db_param_int(arena, account_id));
	if (found == 1)
		*email = db_value(&rows, 0, 0);
	return found;
}

int db_member_invitations_find(struct arena *arena, const char *token_hash,
    struct invitation *out)
{
	struct db_rows rows;
	int found = DB_RUN(arena, &rows, &db_member_invitations_sql[DB_MEMBER_INVITATIONS_FIND],
	    token_hash);
	if (found != 1)
		return found;
	*out = (struct invitation) {
		.id = db_int(&rows, 0, FIND_ID),
		.account_id = db_int(&rows, 0, FIND_ACCOUNT_ID),
		.code = db_value(&rows, 0, FIND_CODE),
		.account_name = db_value(&rows, 0, FIND_NAME),
		.email = db_value(&rows, 0, FIND_EMAIL),
		.live = db_bool(&rows, 0, FIND_LIVE),
	};
	return 1;
}

int db_member_invitations_delete(struct arena *arena, long long id)
{
	return DB_RUN(arena, NULL, &db_member_invitations_sql[DB_MEMBER_INVITATIONS_DELETE],
	    db_param_int(arena, id));
}
