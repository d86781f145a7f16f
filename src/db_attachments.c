/* db_attachments: recording stored files and finding them for their room's customer. */
#include "db_attachments.h"
#include "chat.h"
#include "db.h"
#include "db_modules.h"

#include <stdbool.h>

enum db_attachments_statement {
	DB_ATTACHMENTS_INSERT,
	DB_ATTACHMENTS_GET_FOR_CUSTOMER,
		DB_ATTACHMENTS_GET,
	DB_ATTACHMENTS__MAX
};

/* Columns of DB_ATTACHMENTS_GET_FOR_CUSTOMER and DB_ATTACHMENTS_GET. */
enum { GET_STORED_NAME, GET_MIME, GET_DISPLAY_NAME, GET_IS_IMAGE };

static const struct db_statement db_attachments_sql[DB_ATTACHMENTS__MAX] = {
	[DB_ATTACHMENTS_INSERT] = { "attachments_insert",
	    "INSERT INTO attachments (account_id, room_id, stored_name, mime, display_name, size, "
	    "is_image, width, height) VALUES ($1, $2, $3, $4, $5, $6, $4 LIKE 'image/%', "
	    "$7::int, $8::int) RETURNING id" },
	[DB_ATTACHMENTS_GET_FOR_CUSTOMER] = { "attachments_get_for_customer",
	    "SELECT att.stored_name, att.mime, att.display_name, att.is_image FROM attachments att "
	    "JOIN rooms r ON r.id = att.room_id AND r.account_id = att.account_id "
	    "WHERE att.account_id = $1 AND r.customer_id = $2 AND att.id = $3" },
		[DB_ATTACHMENTS_GET] = { "attachments_get",
	    "SELECT stored_name, mime, display_name, is_image FROM attachments "
	    "WHERE id = $3 AND room_id = $2 AND account_id = $1" },
};

const struct db_module db_attachments_module = { "attachments", db_attachments_sql,
	DB_ATTACHMENTS__MAX };

int db_attachments_insert(struct arena *arena, long long account_id, long long room_id,
    const char *stored_name, const char *mime, const char *display_name, size_t size,
    int width, int height, long long *id)
{
	bool sized = width > 0 && height > 0;
	int inserted = DB_RUN_INT(arena, &db_attachments_sql[DB_ATTACHMENTS_INSERT], id,
	    db_param_int(arena, account_id), db_param_int(arena, room_id), stored_name, mime,
	    display_name, db_param_int(arena, (long long)size),
	    sized ? db_param_int(arena, width) : NULL, sized ? db_param_int(arena, height) : NULL);
	return inserted == 0 ? DB_ERROR : inserted;
}

/* Fills out from the one row of a GET query. */
static int db_attachments_fill(const struct db_rows *rows, int found,
    struct chat_attachment *out)
{
	if (found <= 0)
		return found;
	out->stored_name = db_value(rows, 0, GET_STORED_NAME);
	out->mime = db_value(rows, 0, GET_MIME);
	out->display_name = db_value(rows, 0, GET_DISPLAY_NAME);
	out->is_image = db_bool(rows, 0, GET_IS_IMAGE);
	return 1;
}

int db_attachments_get_for_customer(struct arena *arena, long long account_id,
    long long customer_id, long long id, struct chat_attachment *out)
{
	struct db_rows rows;
	int found = DB_RUN(arena, &rows, &db_attachments_sql[DB_ATTACHMENTS_GET_FOR_CUSTOMER],
	    db_param_int(arena, account_id), db_param_int(arena, customer_id),
	    db_param_int(arena, id));
	return db_attachments_fill(&rows, found, out);
}

int db_attachments_get(struct arena *arena, long long account_id, long long room_id,
    long long id, struct chat_attachment *out)
{
	struct db_rows rows;
	int found = DB_RUN(arena, &rows, &db_attachments_sql[DB_ATTACHMENTS_GET],
	    db_param_int(arena, account_id), db_param_int(arena, room_id), db_param_int(arena, id));
	return db_attachments_fill(&rows, found, out);
}
