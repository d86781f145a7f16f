/* db_messages: messages of a room, read page by page. */
#include "db_messages.h"
#include "arena.h"
#include "db.h"
#include "db_modules.h"

enum db_messages_statement {
	/* inbox: */
	DB_MESSAGES_BEFORE,
	DB_MESSAGES_AFTER,
	/* end inbox */
	DB_MESSAGES__MAX
};

/* inbox: columns of DB_MESSAGES_BEFORE and DB_MESSAGES_AFTER. */
enum { ITEM_ID, ITEM_SENDER, ITEM_KIND, ITEM_BODY, ITEM_ATTACHMENT, ITEM_FILE_NAME,
	ITEM_IS_IMAGE, ITEM_FILE_SIZE, ITEM_AT, ITEM_AGENT, ITEM_AGENT_GONE, ITEM_DELIVERED };

#define DB_MESSAGES_ITEM                                                                        \
	"SELECT m.id, m.sender, m.kind, m.body, a.id, coalesce(a.display_name, ''), "              \
	"coalesce(a.is_image, false), coalesce(a.size, 0), "                                       \
	"to_char(m.created_at AT TIME ZONE $3, 'YYYY-MM-DD HH24:MI'), coalesce(p.name, ''), "      \
	"p.id IS NULL, m.delivered FROM messages m "                                               \
	"LEFT JOIN attachments a ON a.id = m.attachment_id AND a.account_id = m.account_id "       \
	"AND a.room_id = m.room_id LEFT JOIN partners p ON p.id = m.partner_id "                   \
	"WHERE m.account_id = $1 AND m.room_id = $2 "

static const struct db_statement db_messages_sql[DB_MESSAGES__MAX] = {
	/* inbox: */
	[DB_MESSAGES_BEFORE] = { "messages_before", DB_MESSAGES_ITEM
	    "AND m.id < coalesce($4::bigint, 9223372036854775807) ORDER BY m.id DESC LIMIT $5::int" },
	[DB_MESSAGES_AFTER] = { "messages_after", DB_MESSAGES_ITEM
	    "AND m.id > $4::bigint ORDER BY m.id LIMIT $5::int" },
	/* end inbox */
};

const struct db_module db_messages_module = { "messages", db_messages_sql, DB_MESSAGES__MAX };

/* inbox: */
static int db_messages_items(struct arena *arena, enum db_messages_statement statement,
    long long account_id, long long room_id, const char *time_zone, long long edge_id,
    long long limit, struct message_item **out)
{
	struct db_rows rows;
	int count = DB_RUN(arena, &rows, &db_messages_sql[statement], db_param_int(arena, account_id),
	    db_param_int(arena, room_id), time_zone,
	    edge_id != 0 || statement == DB_MESSAGES_AFTER ? db_param_int(arena, edge_id) : NULL,
	    db_param_int(arena, limit));
	if (count < 0)
		return count;
	struct message_item *items = arena_alloc(arena, ((size_t)count + 1) * sizeof(*items));
	for (int i = 0; i < count; i++)
		items[i] = (struct message_item) {
			.id = db_int(&rows, i, ITEM_ID),
			.sender = db_value(&rows, i, ITEM_SENDER),
			.kind = db_value(&rows, i, ITEM_KIND),
			.body = db_value(&rows, i, ITEM_BODY),
			.attachment_id = db_is_null(&rows, i, ITEM_ATTACHMENT) ? 0
			    : db_int(&rows, i, ITEM_ATTACHMENT),
			.file_name = db_value(&rows, i, ITEM_FILE_NAME),
			.is_image = db_bool(&rows, i, ITEM_IS_IMAGE),
			.file_size = db_int(&rows, i, ITEM_FILE_SIZE),
			.at = db_value(&rows, i, ITEM_AT),
			.agent_name = db_value(&rows, i, ITEM_AGENT),
			.agent_gone = db_bool(&rows, i, ITEM_AGENT_GONE),
			.delivered = db_bool(&rows, i, ITEM_DELIVERED),
		};
	*out = items;
	return count;
}

int db_messages_before(struct arena *arena, long long account_id, long long room_id,
    const char *time_zone, long long before_id, long long limit, struct message_item **out)
{
	return db_messages_items(arena, DB_MESSAGES_BEFORE, account_id, room_id, time_zone,
	    before_id, limit, out);
}

int db_messages_after(struct arena *arena, long long account_id, long long room_id,
    const char *time_zone, long long after_id, long long limit, struct message_item **out)
{
	return db_messages_items(arena, DB_MESSAGES_AFTER, account_id, room_id, time_zone,
	    after_id, limit, out);
}
/* end inbox */
