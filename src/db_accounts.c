/* db_accounts: accounts and their settings. */
#include "db_accounts.h"
#include "db.h"
#include "db_modules.h"

enum db_accounts_statement {
	/* inbox: */
	DB_ACCOUNTS_SESSION_TIMEOUT,
	DB_ACCOUNTS_SET_SESSION_TIMEOUT,
	/* end inbox */
	DB_ACCOUNTS__MAX
};

static const struct db_statement db_accounts_sql[DB_ACCOUNTS__MAX] = {
	/* inbox: */
	[DB_ACCOUNTS_SESSION_TIMEOUT] = { "accounts_session_timeout",
	    "SELECT session_timeout_minutes FROM accounts WHERE id = $1" },
	[DB_ACCOUNTS_SET_SESSION_TIMEOUT] = { "accounts_set_session_timeout",
	    "UPDATE accounts SET session_timeout_minutes = $2 WHERE id = $1" },
	/* end inbox */
};

const struct db_module db_accounts_module = { "accounts", db_accounts_sql, DB_ACCOUNTS__MAX };

/* inbox: */
int db_accounts_session_timeout(struct arena *arena, long long account_id, long long *minutes)
{
	struct db_rows rows;
	int found = DB_RUN(arena, &rows, &db_accounts_sql[DB_ACCOUNTS_SESSION_TIMEOUT],
	    db_param_int(arena, account_id));
	if (found <= 0)
		return found;
	*minutes = db_int(&rows, 0, 0);
	return 1;
}

int db_accounts_set_session_timeout(struct arena *arena, long long account_id, long long minutes)
{
	return DB_RUN(arena, NULL, &db_accounts_sql[DB_ACCOUNTS_SET_SESSION_TIMEOUT],
	    db_param_int(arena, account_id), db_param_int(arena, minutes));
}
/* end inbox */
