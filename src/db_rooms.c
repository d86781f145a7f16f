/* db_rooms: rooms (conversations), their counters and status, and the
 * NOTIFY channel that carries what happens in them. */
#include "db_rooms.h"
#include "db.h"
#include "db_modules.h"

enum db_rooms_statement {
	DB_ROOMS_OPEN,
	DB_ROOMS_LOCK_FOR_REPLY,
	DB_ROOMS_CUSTOMER_WROTE,
	DB_ROOMS_AGENT_WROTE,
	DB_ROOMS_CLEAR_FOR_CUSTOMER,
	DB_ROOMS_UNREAD_TOTALS,
	DB_ROOMS_NOTIFY,
	DB_ROOMS_LISTEN,
	DB_ROOMS__MAX
};

/* Columns of DB_ROOMS_LOCK_FOR_REPLY and of DB_ROOMS_UNREAD_TOTALS. */
enum { REPLY_SESSION_OPEN, REPLY_IS_FRIEND };
enum { UNREAD_ACCOUNT, UNREAD_ALL };

static const struct db_statement db_rooms_sql[DB_ROOMS__MAX] = {
	[DB_ROOMS_OPEN] = { "rooms_open",
	    "INSERT INTO rooms (account_id, customer_id, ref, referrer) VALUES ($1, $2, $3, $4) "
	    "ON CONFLICT (account_id, customer_id) DO UPDATE SET account_id = EXCLUDED.account_id "
	    "RETURNING id" },
	[DB_ROOMS_LOCK_FOR_REPLY] = { "rooms_lock_for_reply",
	    "SELECT r.last_customer_message_at > now() - make_interval(mins => a.session_timeout_minutes), "
	    "c.is_friend FROM rooms r JOIN accounts a ON a.id = r.account_id "
	    "JOIN customers c ON c.id = r.customer_id AND c.account_id = r.account_id "
	    "WHERE r.account_id = $1 AND r.id = $2 FOR UPDATE OF r" },
	[DB_ROOMS_CUSTOMER_WROTE] = { "rooms_customer_wrote",
	    "UPDATE rooms SET status = 'unread', unread_count = unread_count + 1, hidden = false, "
	    "last_message_at = now(), last_message_text = left($3, 100), "
	    "last_customer_message_at = now() WHERE account_id = $1 AND id = $2" },
	[DB_ROOMS_AGENT_WROTE] = { "rooms_agent_wrote",
	    "UPDATE rooms SET status = 'answered', unread_count = 0, last_message_at = now(), "
	    "last_message_text = left($3, 100) WHERE account_id = $1 AND id = $2" },
	[DB_ROOMS_CLEAR_FOR_CUSTOMER] = { "rooms_clear_for_customer",
	    "UPDATE rooms SET customer_cleared_at = now() "
	    "WHERE account_id = $1 AND id = $2 AND customer_id = $3" },
	/* The partner's rooms with unread messages (index rooms_unread),
	 * summed for one account and for all, in one query. */
	[DB_ROOMS_UNREAD_TOTALS] = { "rooms_unread_totals",
	    "SELECT coalesce(sum(r.unread_count) FILTER (WHERE r.account_id = $2), 0), "
	    "coalesce(sum(r.unread_count), 0) FROM rooms r JOIN members m "
	    "ON m.account_id = r.account_id AND m.partner_id = $1 "
	    "WHERE r.unread_count > 0 AND NOT r.hidden" },
	[DB_ROOMS_NOTIFY] = { "rooms_notify",
	    "SELECT pg_notify('sangdam', json_build_object('a', $1::bigint, 'r', $2::bigint, "
	    "'k', $3::text)::text)" },
	[DB_ROOMS_LISTEN] = { "rooms_listen", "LISTEN sangdam" },
};

const struct db_module db_rooms_module = { "rooms", db_rooms_sql, DB_ROOMS__MAX };

int db_rooms_open(struct arena *arena, long long account_id, long long customer_id,
    const char *ref, const char *referrer, long long *room_id)
{
	struct db_rows rows;
	int found = DB_RUN(arena, &rows, &db_rooms_sql[DB_ROOMS_OPEN], db_param_int(arena, account_id),
	    db_param_int(arena, customer_id), ref, referrer);
	if (found <= 0)
		return found < 0 ? found : DB_ERROR;
	*room_id = db_int(&rows, 0, 0);
	return 1;
}

int db_rooms_lock_for_reply(struct arena *arena, long long account_id, long long room_id,
    struct db_rooms_reply *out)
{
	struct db_rows rows;
	int found = DB_RUN(arena, &rows, &db_rooms_sql[DB_ROOMS_LOCK_FOR_REPLY],
	    db_param_int(arena, account_id), db_param_int(arena, room_id));
	if (found <= 0)
		return found;
	out->session_open = db_bool(&rows, 0, REPLY_SESSION_OPEN);
	out->customer_is_friend = db_bool(&rows, 0, REPLY_IS_FRIEND);
	return 1;
}

int db_rooms_customer_wrote(struct arena *arena, long long account_id, long long room_id,
    const char *summary)
{
	return DB_RUN(arena, NULL, &db_rooms_sql[DB_ROOMS_CUSTOMER_WROTE],
	    db_param_int(arena, account_id), db_param_int(arena, room_id), summary);
}

int db_rooms_agent_wrote(struct arena *arena, long long account_id, long long room_id,
    const char *summary)
{
	return DB_RUN(arena, NULL, &db_rooms_sql[DB_ROOMS_AGENT_WROTE],
	    db_param_int(arena, account_id), db_param_int(arena, room_id), summary);
}

int db_rooms_clear_for_customer(struct arena *arena, long long account_id, long long room_id,
    long long customer_id)
{
	return DB_RUN(arena, NULL, &db_rooms_sql[DB_ROOMS_CLEAR_FOR_CUSTOMER],
	    db_param_int(arena, account_id), db_param_int(arena, room_id),
	    db_param_int(arena, customer_id));
}

int db_rooms_unread_totals(struct arena *arena, long long partner_id, long long account_id,
    long long *account, long long *all)
{
	struct db_rows rows;
	int found = DB_RUN(arena, &rows, &db_rooms_sql[DB_ROOMS_UNREAD_TOTALS],
	    db_param_int(arena, partner_id), db_param_int(arena, account_id));
	if (found <= 0)
		return found < 0 ? found : DB_ERROR;
	*account = db_int(&rows, 0, UNREAD_ACCOUNT);
	*all = db_int(&rows, 0, UNREAD_ALL);
	return 1;
}

int db_rooms_notify(struct arena *arena, long long account_id, long long room_id,
    const char *kind)
{
	int result = DB_RUN(arena, NULL, &db_rooms_sql[DB_ROOMS_NOTIFY],
	    db_param_int(arena, account_id), db_param_int(arena, room_id), kind);
	return result < 0 ? result : 1;
}

int db_rooms_listen(struct arena *arena)
{
	int result = db_run(arena, NULL, &db_rooms_sql[DB_ROOMS_LISTEN], 0, NULL);
	return result < 0 ? result : 0;
}
