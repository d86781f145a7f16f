/* db_restore: inserts of an account restored from a backup. */
#include "db_restore.h"
#include "arena.h"
#include "db.h"
#include "db_modules.h"
#include "db_rooms.h"

enum db_restore_statement {
	DB_RESTORE_PAUSE,
	DB_RESTORE_PARTNER,
	DB_RESTORE_NAME_TAKEN,
	DB_RESTORE_EMPTY_ACCOUNT,
	DB_RESTORE_LABEL,
	DB_RESTORE_CUSTOMER,
	DB_RESTORE_ROOM,
	DB_RESTORE_ROOM_LABEL,
	DB_RESTORE_ATTACHMENT,
	DB_RESTORE_MESSAGE,
	DB_RESTORE_FINISH_ROOMS,
	DB_RESTORE_FINISH_ACCOUNT,
	DB_RESTORE_FINISH_SEARCH,
	DB_RESTORE__MAX
};

/* The room of customer $2 in account $1. */
#define RESTORE_ROOM_OF                                                                   \
	"FROM rooms r JOIN customers c ON c.id = r.customer_id "                           \
	"WHERE r.account_id = $1 AND c.account_id = $1 AND c.key_hash = $2"

static const struct db_statement db_restore_sql[DB_RESTORE__MAX] = {
	/* The rooms' status counts (migration 0028) and search terms (0034)
	 * are written once, by the finish, not for each room or message. */
	[DB_RESTORE_PAUSE] = { "restore_pause",
	    "SELECT trigger_work_pause('room_status_counts', true), "
	    "trigger_work_pause('room_search', true)" },
	[DB_RESTORE_PARTNER] = { "restore_partner",
	    "SELECT id FROM partners WHERE lower(email) = lower($1)" },
	[DB_RESTORE_NAME_TAKEN] = { "restore_name_taken",
	    "SELECT 1 FROM accounts WHERE lower(name) = lower($1)" },
	[DB_RESTORE_EMPTY_ACCOUNT] = { "restore_empty_account",
	    "SELECT id FROM accounts a WHERE code = $1 "
	    "AND NOT EXISTS (SELECT 1 FROM customers WHERE account_id = a.id) "
	    "AND NOT EXISTS (SELECT 1 FROM rooms WHERE account_id = a.id) "
	    "AND NOT EXISTS (SELECT 1 FROM messages WHERE account_id = a.id) FOR UPDATE" },
	[DB_RESTORE_LABEL] = { "restore_label",
	    "INSERT INTO labels (account_id, name, color) VALUES ($1, $2, $3) "
	    "ON CONFLICT (account_id, lower(name)) DO NOTHING" },
	[DB_RESTORE_CUSTOMER] = { "restore_customer",
	    "INSERT INTO customers (account_id, key_hash, number, display_name, is_friend, "
	    "friend_since, blocked, created_at) "
	    "VALUES ($1, $2, $3, $4, $5, nullif($6, '')::timestamptz, $7, $8)" },
	[DB_RESTORE_ROOM] = { "restore_room",
	    "INSERT INTO rooms (account_id, customer_id, name, memo, status, ref, referrer, "
	    "important, created_at) "
	    "SELECT $1, c.id, $3, $4, $5, $6, $7, $8, $9 FROM customers c "
	    "WHERE c.account_id = $1 AND c.key_hash = $2 RETURNING id" },
	[DB_RESTORE_ROOM_LABEL] = { "restore_room_label",
	    "INSERT INTO room_labels (room_id, label_id) SELECT $2, id FROM labels "
	    "WHERE account_id = $1 AND lower(name) = lower($3) ON CONFLICT DO NOTHING" },
	[DB_RESTORE_ATTACHMENT] = { "restore_attachment",
	    "INSERT INTO attachments (account_id, room_id, stored_name, mime, display_name, size, "
	    "is_image, created_at) "
	    "SELECT $1, r.id, $3, $4, $5, $6, $4 LIKE 'image/%', $7 " RESTORE_ROOM_OF
	    " RETURNING id" },
	[DB_RESTORE_MESSAGE] = { "restore_message",
	    "INSERT INTO messages (account_id, room_id, sender, partner_id, kind, body, "
	    "attachment_id, created_at, sender_email, sender_name) "
	    "SELECT $1, r.id, $3, (SELECT id FROM partners WHERE lower(email) = lower($4)), "
	    "$5, $6, nullif($7, '0')::bigint, $8, nullif($4, ''), nullif($9, '') "
	    RESTORE_ROOM_OF },
	[DB_RESTORE_FINISH_ROOMS] = { "restore_finish_rooms",
	    "UPDATE rooms r SET last_message_at = last.at, last_message_text = last.body, "
	    "last_customer_message_at = coalesce(last.customer_at, r.created_at) "
	    "FROM (SELECT DISTINCT ON (room_id) room_id, created_at AS at, body, "
	    "max(created_at) FILTER (WHERE sender = 'customer') OVER (PARTITION BY room_id) "
	    "AS customer_at FROM messages WHERE account_id = $1 "
	    "ORDER BY room_id, created_at DESC, id DESC) last "
	    "WHERE r.id = last.room_id AND r.account_id = $1" },
	[DB_RESTORE_FINISH_ACCOUNT] = { "restore_finish_account",
	    "UPDATE accounts SET customer_count = (SELECT coalesce(max(number), 0) "
	    "FROM customers WHERE account_id = $1) WHERE id = $1" },
	[DB_RESTORE_FINISH_SEARCH] = { "restore_finish_search",
	    "SELECT room_search_rebuild($1)" },
};

const struct db_module db_restore_module = { "restore", db_restore_sql, DB_RESTORE__MAX };

int db_restore_partner(struct arena *arena, const char *email, long long *id)
{
	return DB_RUN_INT(arena, &db_restore_sql[DB_RESTORE_PARTNER], id, email);
}

int db_restore_name_taken(struct arena *arena, const char *name)
{
	return DB_RUN(arena, NULL, &db_restore_sql[DB_RESTORE_NAME_TAKEN], name);
}

int db_restore_empty_account(struct arena *arena, const char *code, long long *id)
{
	return DB_RUN_INT(arena, &db_restore_sql[DB_RESTORE_EMPTY_ACCOUNT], id, code);
}

int db_restore_label(struct arena *arena, long long account_id, const char *name,
    const char *color)
{
	return DB_RUN(arena, NULL, &db_restore_sql[DB_RESTORE_LABEL],
	    db_param_int(arena, account_id), name, color);
}

int db_restore_customer(struct arena *arena, long long account_id,
    const struct restore_customer *customer)
{
	return DB_RUN(arena, NULL, &db_restore_sql[DB_RESTORE_CUSTOMER],
	    db_param_int(arena, account_id), customer->key, customer->number,
	    customer->display_name, customer->is_friend ? "t" : "f", customer->friend_since,
	    customer->blocked ? "t" : "f", customer->created);
}

int db_restore_room(struct arena *arena, long long account_id, const struct restore_room *room,
    long long *id)
{
	return DB_RUN_INT(arena, &db_restore_sql[DB_RESTORE_ROOM], id,
	    db_param_int(arena, account_id), room->customer_key, room->name, room->memo,
	    room->status, room->inflow, room->referrer, room->important ? "t" : "f", room->created);
}

int db_restore_room_label(struct arena *arena, long long account_id, long long room_id,
    const char *name)
{
	return DB_RUN(arena, NULL, &db_restore_sql[DB_RESTORE_ROOM_LABEL],
	    db_param_int(arena, account_id), db_param_int(arena, room_id), name);
}

int db_restore_attachment(struct arena *arena, long long account_id,
    const struct restore_attachment *attachment, long long *id)
{
	return DB_RUN_INT(arena, &db_restore_sql[DB_RESTORE_ATTACHMENT], id,
	    db_param_int(arena, account_id), attachment->customer_key, attachment->stored_name,
	    attachment->mime, attachment->display_name, db_param_int(arena, attachment->size),
	    attachment->created);
}

int db_restore_message(struct arena *arena, long long account_id,
    const struct restore_message *message)
{
	return DB_RUN(arena, NULL, &db_restore_sql[DB_RESTORE_MESSAGE],
	    db_param_int(arena, account_id), message->customer_key, message->sender,
	    message->member_email, message->kind, message->text,
	    db_param_int(arena, message->attachment_id), message->created, message->member_name);
}

int db_restore_finish(struct arena *arena, long long account_id)
{
	const char *id = db_param_int(arena, account_id);
	int rooms = DB_RUN(arena, NULL, &db_restore_sql[DB_RESTORE_FINISH_ROOMS], id);
	if (rooms < 0)
		return rooms;
	int search = DB_RUN(arena, NULL, &db_restore_sql[DB_RESTORE_FINISH_SEARCH], id);
	if (search < 0)
		return search;
	int account = DB_RUN(arena, NULL, &db_restore_sql[DB_RESTORE_FINISH_ACCOUNT], id);
	if (account < 0)
		return account;
	return db_rooms_counts_recount(arena, account_id);
}

int db_restore_pause(struct arena *arena)
{
	int result = db_run(arena, NULL, &db_restore_sql[DB_RESTORE_PAUSE], 0, NULL);
	return result < 0 ? result : 0;
}
