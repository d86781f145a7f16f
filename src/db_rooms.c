/* db_rooms: chat rooms, each between one customer and one account. */
#include "db_rooms.h"
#include "db.h"
#include "db_modules.h"

enum db_rooms_statement {
	/* account: */
	DB_ROOMS_RESET_ACCOUNT,
	/* end account */
	DB_ROOMS__MAX
};

static const struct db_statement db_rooms_sql[DB_ROOMS__MAX] = {
	/* account: */
	[DB_ROOMS_RESET_ACCOUNT] = { "rooms_reset_account",
	    "UPDATE rooms SET status = 'completed', unread_count = 0, hidden = true "
	    "WHERE account_id = $1" },
	/* end account */
};

const struct db_module db_rooms_module = { "rooms", db_rooms_sql, DB_ROOMS__MAX };

/* account: */
int db_rooms_reset_account(struct arena *arena, long long account_id)
{
	return DB_RUN(arena, NULL, &db_rooms_sql[DB_ROOMS_RESET_ACCOUNT],
	    db_param_int(arena, account_id));
}
/* end account */
