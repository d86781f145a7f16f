/* db_attachments: files of messages, always looked up with room and account. */
#include "db_attachments.h"
#include "db.h"
#include "db_modules.h"

enum db_attachments_statement {
	/* inbox: */
	DB_ATTACHMENTS_GET,
	/* end inbox */
	DB_ATTACHMENTS__MAX
};

/* inbox: columns of DB_ATTACHMENTS_GET. */
enum { GET_STORED_NAME, GET_MIME, GET_DISPLAY_NAME };

static const struct db_statement db_attachments_sql[DB_ATTACHMENTS__MAX] = {
	/* inbox: */
	[DB_ATTACHMENTS_GET] = { "attachments_get",
	    "SELECT stored_name, mime, display_name FROM attachments "
	    "WHERE id = $3 AND room_id = $2 AND account_id = $1" },
	/* end inbox */
};

const struct db_module db_attachments_module = { "attachments", db_attachments_sql,
	DB_ATTACHMENTS__MAX };

/* inbox: */
int db_attachments_get(struct arena *arena, long long account_id, long long room_id,
    long long id, struct attachment_file *out)
{
	struct db_rows rows;
	int found = DB_RUN(arena, &rows, &db_attachments_sql[DB_ATTACHMENTS_GET],
	    db_param_int(arena, account_id), db_param_int(arena, room_id), db_param_int(arena, id));
	if (found <= 0)
		return found;
	out->stored_name = db_value(&rows, 0, GET_STORED_NAME);
	out->mime = db_value(&rows, 0, GET_MIME);
	out->display_name = db_value(&rows, 0, GET_DISPLAY_NAME);
	return 1;
}
/* end inbox */
