/* db_notifications: each partner's notifications, trimmed to the newest
 * ones as they are written. */
#include "db_notifications.h"
#include "db.h"
#include "db_modules.h"

enum db_notifications_statement {
	DB_NOTIFICATIONS_INSERT,
	DB_NOTIFICATIONS_INSERT_MEMBERS,
	DB_NOTIFICATIONS_LIST,
	DB_NOTIFICATIONS_MARK_READ,
	DB_NOTIFICATIONS__MAX
};

/* Columns of DB_NOTIFICATIONS_LIST. */
enum { LIST_ID, LIST_KIND, LIST_CODE, LIST_ACCOUNT_NAME, LIST_WHO, LIST_CREATED, LIST_UNREAD };

static const struct db_statement db_notifications_sql[DB_NOTIFICATIONS__MAX] = {
	/* $3 is NULL for no account; the older rows beyond $5 - 1 go first. */
	[DB_NOTIFICATIONS_INSERT] = { "notifications_insert",
	    "WITH gone AS (DELETE FROM notifications WHERE id IN (SELECT id FROM notifications "
	    "WHERE partner_id = $1 ORDER BY id DESC OFFSET $5::int - 1)) "
	    "INSERT INTO notifications (partner_id, kind, account_id, account_name, who) "
	    "SELECT $1, $2, $3, coalesce((SELECT name FROM accounts WHERE id = $3), ''), $4" },
	[DB_NOTIFICATIONS_INSERT_MEMBERS] = { "notifications_insert_members",
	    "WITH targets AS (SELECT partner_id FROM members WHERE account_id = $1 "
	    "AND partner_id <> $2), "
	    "old AS (SELECT id, row_number() OVER (PARTITION BY partner_id ORDER BY id DESC) AS n "
	    "FROM notifications WHERE partner_id IN (SELECT partner_id FROM targets)), "
	    "gone AS (DELETE FROM notifications WHERE id IN (SELECT id FROM old WHERE n >= $5)) "
	    "INSERT INTO notifications (partner_id, kind, account_id, account_name, who) "
	    "SELECT t.partner_id, $3, a.id, a.name, $4 FROM targets t "
	    "JOIN accounts a ON a.id = $1" },
	[DB_NOTIFICATIONS_LIST] = { "notifications_list",
	    "SELECT n.id, n.kind, coalesce(a.code, ''), n.account_name, n.who, "
	    "to_char(n.created_at AT TIME ZONE 'Asia/Seoul', 'YYYY-MM-DD HH24:MI'), "
	    "n.read_at IS NULL FROM notifications n LEFT JOIN accounts a ON a.id = n.account_id "
	    "WHERE n.partner_id = $1 ORDER BY n.id DESC LIMIT $2" },
	[DB_NOTIFICATIONS_MARK_READ] = { "notifications_mark_read",
	    "UPDATE notifications SET read_at = now() WHERE partner_id = $1 AND read_at IS NULL" },
};

const struct db_module db_notifications_module = {
	"notifications", db_notifications_sql, DB_NOTIFICATIONS__MAX
};

int db_notifications_insert(struct arena *arena, long long partner_id, const char *kind,
    long long account_id, const char *who, long long keep)
{
	return DB_RUN(arena, NULL, &db_notifications_sql[DB_NOTIFICATIONS_INSERT],
	    db_param_int(arena, partner_id), kind,
	    account_id > 0 ? db_param_int(arena, account_id) : NULL, who,
	    db_param_int(arena, keep));
}

int db_notifications_insert_members(struct arena *arena, long long account_id,
    long long except_partner_id, const char *kind, const char *who, long long keep)
{
	return DB_RUN(arena, NULL, &db_notifications_sql[DB_NOTIFICATIONS_INSERT_MEMBERS],
	    db_param_int(arena, account_id), db_param_int(arena, except_partner_id), kind, who,
	    db_param_int(arena, keep));
}

int db_notifications_list(struct arena *arena, long long partner_id,
    struct notification_row *out, int max)
{
	struct db_rows rows;
	int count = DB_RUN(arena, &rows, &db_notifications_sql[DB_NOTIFICATIONS_LIST],
	    db_param_int(arena, partner_id), db_param_int(arena, max));
	for (int i = 0; i < count; i++) {
		out[i] = (struct notification_row) {
			.id = db_int(&rows, i, LIST_ID),
			.kind = db_value(&rows, i, LIST_KIND),
			.code = db_value(&rows, i, LIST_CODE),
			.account_name = db_value(&rows, i, LIST_ACCOUNT_NAME),
			.who = db_value(&rows, i, LIST_WHO),
			.created = db_value(&rows, i, LIST_CREATED),
			.unread = db_bool(&rows, i, LIST_UNREAD),
		};
	}
	return count;
}

int db_notifications_mark_read(struct arena *arena, long long partner_id)
{
	return DB_RUN(arena, NULL, &db_notifications_sql[DB_NOTIFICATIONS_MARK_READ],
	    db_param_int(arena, partner_id));
}
