/* db_messages: storing messages and reading a room's as its customer sees it. */
#include "db_messages.h"
#include "arena.h"
#include "chat.h"
#include "db.h"
#include "db_modules.h"

#include <string.h>

enum db_messages_statement {
	DB_MESSAGES_INSERT,
	DB_MESSAGES_LIST_FOR_CUSTOMER,
	DB_MESSAGES_GET_FOR_CUSTOMER,
	DB_MESSAGES_BEFORE,
	DB_MESSAGES_AFTER,
	DB_MESSAGES_RETURNED,
	DB_MESSAGES__MAX
};

/* Columns of DB_MESSAGES_LIST_FOR_CUSTOMER. */
enum {
	LIST_ID, LIST_SENDER, LIST_KIND, LIST_BODY, LIST_TIME, LIST_DAY,
	LIST_ATTACHMENT_ID, LIST_FILE_NAME, LIST_IS_IMAGE, LIST_FILE_SIZE, LIST_WIDTH, LIST_HEIGHT
};
/* Columns of DB_MESSAGES_GET_FOR_CUSTOMER. */
enum { GET_SENDER, GET_DAY };

/* Columns of DB_MESSAGES_BEFORE and DB_MESSAGES_AFTER. */
enum { ITEM_ID, ITEM_SENDER, ITEM_KIND, ITEM_BODY, ITEM_ATTACHMENT, ITEM_FILE_NAME,
	ITEM_IS_IMAGE, ITEM_FILE_SIZE, ITEM_AT, ITEM_AGENT, ITEM_AGENT_GONE, ITEM_DELIVERED,
	ITEM_WIDTH, ITEM_HEIGHT };

/* A message's attachment, NULLs when it has none, read only for a message
 * that has one: the subquery's condition on the message alone is a
 * one-time filter (OFFSET 0 keeps it a subquery), where a join scanned the
 * attachments again for every message shown (issue 8). */
#define DB_MESSAGES_ATTACHMENT(alias, same_room)                                                \
	"LEFT JOIN LATERAL (SELECT f.id, f.display_name, f.is_image, f.size, f.width, f.height "   \
	"FROM attachments f WHERE m.attachment_id IS NOT NULL AND f.id = m.attachment_id "         \
	"AND f.account_id = m.account_id " same_room "OFFSET 0) " alias " ON true "
#define DB_MESSAGES_ITEM                                                                        \
	"SELECT m.id, m.sender, m.kind, m.body, a.id, coalesce(a.display_name, ''), "              \
	"coalesce(a.is_image, false), coalesce(a.size, 0), "                                       \
	"to_char(m.created_at AT TIME ZONE $3, 'YYYY-MM-DD HH24:MI'), coalesce(p.name, ''), "      \
	"p.id IS NULL, m.delivered, coalesce(a.width, 0), coalesce(a.height, 0) FROM messages m " \
	DB_MESSAGES_ATTACHMENT("a", "AND f.room_id = m.room_id ")                                  \
	"LEFT JOIN partners p ON p.id = m.partner_id WHERE m.account_id = $1 AND m.room_id = $2 "

static const struct db_statement db_messages_sql[DB_MESSAGES__MAX] = {
	[DB_MESSAGES_INSERT] = { "messages_insert",
	    "INSERT INTO messages (account_id, room_id, sender, partner_id, kind, body, "
	    "attachment_id, client_id) VALUES ($1, $2, $3, $4, $5, $6, $7, $8) "
	    "ON CONFLICT (room_id, client_id) DO NOTHING" },
	[DB_MESSAGES_LIST_FOR_CUSTOMER] = { "messages_list_for_customer",
	    "SELECT m.id, m.sender, m.kind, m.body, "
	    "to_char(m.created_at AT TIME ZONE $3::text, 'HH24:MI'), "
	    "to_char(m.created_at AT TIME ZONE $3::text, 'YYYY-MM-DD'), "
	    "att.id, att.display_name, att.is_image, att.size, "
	    "coalesce(att.width, 0), coalesce(att.height, 0) "
	    "FROM messages m JOIN rooms r ON r.id = m.room_id AND r.account_id = m.account_id "
	    DB_MESSAGES_ATTACHMENT("att", "")
	    "WHERE m.account_id = $1 AND m.room_id = $2 AND m.id > $4 AND m.delivered "
	    "AND m.kind <> 'notice' "
	    "AND (r.customer_cleared_at IS NULL OR m.created_at > r.customer_cleared_at) "
	    "ORDER BY m.id DESC LIMIT 300" },
	[DB_MESSAGES_GET_FOR_CUSTOMER] = { "messages_get_for_customer",
	    "SELECT m.sender, to_char(m.created_at AT TIME ZONE $3::text, 'YYYY-MM-DD') "
	    "FROM messages m JOIN rooms r ON r.id = m.room_id AND r.account_id = m.account_id "
	    "WHERE m.account_id = $1 AND m.room_id = $2 AND m.id = $4 "
	    "AND (r.customer_cleared_at IS NULL OR m.created_at > r.customer_cleared_at)" },
	[DB_MESSAGES_BEFORE] = { "messages_before", DB_MESSAGES_ITEM
	    "AND m.id < coalesce($4::bigint, 9223372036854775807) ORDER BY m.id DESC LIMIT $5::int" },
	[DB_MESSAGES_AFTER] = { "messages_after", DB_MESSAGES_ITEM
	    "AND m.id > $4::bigint ORDER BY m.id LIMIT $5::int" },
	/* The timeline line of a customer who left (CHAT-5) and writes again:
	 * only while they have not written since leaving. */
	[DB_MESSAGES_RETURNED] = { "messages_returned",
	    "INSERT INTO messages (account_id, room_id, sender, kind, body) "
	    "SELECT account_id, id, 'system', 'notice', 'returned' FROM rooms "
	    "WHERE account_id = $1 AND id = $2 "
	    "AND customer_cleared_at > last_customer_message_at FOR UPDATE" },
};

const struct db_module db_messages_module = { "messages", db_messages_sql, DB_MESSAGES__MAX };

/* The text of id for a parameter, or NULL (SQL NULL) for 0. */
static const char *db_messages_optional_id(struct arena *arena, long long id)
{
	return id != 0 ? db_param_int(arena, id) : NULL;
}

struct db_query db_messages_insert_query(struct arena *arena,
    const struct db_messages_new *message)
{
	return DB_QUERY(&db_messages_sql[DB_MESSAGES_INSERT],
	    db_param_int(arena, message->account_id), db_param_int(arena, message->room_id),
	    message->sender, db_messages_optional_id(arena, message->partner_id), message->kind,
	    message->body, db_messages_optional_id(arena, message->attachment_id),
	    message->client_id);
}

int db_messages_insert(struct arena *arena, const struct db_messages_new *message)
{
	struct db_query query = db_messages_insert_query(arena, message);
	db_run_queries(arena, &query, 1);
	return query.result;
}

static void db_messages_from_row(const struct db_rows *rows, int row, struct chat_message *out)
{
	memset(out, 0, sizeof(*out));
	out->id = db_int(rows, row, LIST_ID);
	out->sender = db_value(rows, row, LIST_SENDER);
	out->kind = db_value(rows, row, LIST_KIND);
	out->body = db_value(rows, row, LIST_BODY);
	out->time = db_value(rows, row, LIST_TIME);
	out->day = db_value(rows, row, LIST_DAY);
	if (db_is_null(rows, row, LIST_ATTACHMENT_ID))
		return;
	out->attachment_id = db_int(rows, row, LIST_ATTACHMENT_ID);
	out->file_name = db_value(rows, row, LIST_FILE_NAME);
	out->is_image = db_bool(rows, row, LIST_IS_IMAGE);
	out->file_size = db_int(rows, row, LIST_FILE_SIZE);
	out->width = (int)db_int(rows, row, LIST_WIDTH);
	out->height = (int)db_int(rows, row, LIST_HEIGHT);
}

int db_messages_list_for_customer(struct arena *arena, long long account_id, long long room_id,
    const char *time_zone, long long after, struct chat_message **out)
{
	struct db_rows rows;
	int count = DB_RUN(arena, &rows, &db_messages_sql[DB_MESSAGES_LIST_FOR_CUSTOMER],
	    db_param_int(arena, account_id), db_param_int(arena, room_id), time_zone,
	    db_param_int(arena, after));
	if (count <= 0)
		return count;
	struct chat_message *list = arena_alloc(arena, (size_t)count * sizeof(*list));
	for (int i = 0; i < count; i++)
		db_messages_from_row(&rows, i, &list[i]);
	*out = list;
	return count;
}

int db_messages_get_for_customer(struct arena *arena, long long account_id, long long room_id,
    const char *time_zone, long long id, struct chat_message *out)
{
	struct db_rows rows;
	int found = DB_RUN(arena, &rows, &db_messages_sql[DB_MESSAGES_GET_FOR_CUSTOMER],
	    db_param_int(arena, account_id), db_param_int(arena, room_id), time_zone,
	    db_param_int(arena, id));
	if (found <= 0)
		return found;
	out->sender = db_value(&rows, 0, GET_SENDER);
	out->day = db_value(&rows, 0, GET_DAY);
	return 1;
}

static struct db_query db_messages_items_query(struct arena *arena,
    enum db_messages_statement statement, long long account_id, long long room_id,
    const char *time_zone, long long edge_id, long long limit)
{
	return DB_QUERY(&db_messages_sql[statement], db_param_int(arena, account_id),
	    db_param_int(arena, room_id), time_zone,
	    edge_id != 0 || statement == DB_MESSAGES_AFTER ? db_param_int(arena, edge_id) : NULL,
	    db_param_int(arena, limit));
}

int db_messages_items_rows(struct arena *arena, const struct db_query *query,
    struct message_item **out)
{
	const struct db_rows *rows = &query->rows;
	int count = query->result;
	if (count < 0)
		return count;
	struct message_item *items = arena_alloc(arena, ((size_t)count + 1) * sizeof(*items));
	for (int i = 0; i < count; i++)
		items[i] = (struct message_item) {
			.id = db_int(rows, i, ITEM_ID),
			.sender = db_value(rows, i, ITEM_SENDER),
			.kind = db_value(rows, i, ITEM_KIND),
			.body = db_value(rows, i, ITEM_BODY),
			.attachment_id = db_is_null(rows, i, ITEM_ATTACHMENT) ? 0
			    : db_int(rows, i, ITEM_ATTACHMENT),
			.file_name = db_value(rows, i, ITEM_FILE_NAME),
			.is_image = db_bool(rows, i, ITEM_IS_IMAGE),
			.file_size = db_int(rows, i, ITEM_FILE_SIZE),
			.at = db_value(rows, i, ITEM_AT),
			.agent_name = db_value(rows, i, ITEM_AGENT),
			.agent_gone = db_bool(rows, i, ITEM_AGENT_GONE),
			.delivered = db_bool(rows, i, ITEM_DELIVERED),
			.width = (int)db_int(rows, i, ITEM_WIDTH),
			.height = (int)db_int(rows, i, ITEM_HEIGHT),
		};
	*out = items;
	return count;
}

static int db_messages_items(struct arena *arena, enum db_messages_statement statement,
    long long account_id, long long room_id, const char *time_zone, long long edge_id,
    long long limit, struct message_item **out)
{
	struct db_query query = db_messages_items_query(arena, statement, account_id, room_id,
	    time_zone, edge_id, limit);
	db_run_queries(arena, &query, 1);
	return db_messages_items_rows(arena, &query, out);
}

struct db_query db_messages_before_query(struct arena *arena, long long account_id,
    long long room_id, const char *time_zone, long long before_id, long long limit)
{
	return db_messages_items_query(arena, DB_MESSAGES_BEFORE, account_id, room_id, time_zone,
	    before_id, limit);
}

int db_messages_after(struct arena *arena, long long account_id, long long room_id,
    const char *time_zone, long long after_id, long long limit, struct message_item **out)
{
	return db_messages_items(arena, DB_MESSAGES_AFTER, account_id, room_id, time_zone,
	    after_id, limit, out);
}

struct db_query db_messages_returned_query(struct arena *arena, long long account_id,
    long long room_id)
{
	return DB_QUERY(&db_messages_sql[DB_MESSAGES_RETURNED], db_param_int(arena, account_id),
	    db_param_int(arena, room_id));
}

int db_messages_returned(struct arena *arena, long long account_id, long long room_id)
{
	struct db_query query = db_messages_returned_query(arena, account_id, room_id);
	db_run_queries(arena, &query, 1);
	return query.result;
}
