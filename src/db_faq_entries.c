/* db_faq_entries: the draft FAQ of an account: listing, editing, ordering. */
#include "db_faq_entries.h"
#include "arena.h"
#include "db.h"
#include "db_modules.h"

#include <string.h>

enum db_faq_entries_statement {
	DB_FAQ_ENTRIES_LIST,
	DB_FAQ_ENTRIES_GET,
	DB_FAQ_ENTRIES_INSERT,
	DB_FAQ_ENTRIES_UPDATE,
	DB_FAQ_ENTRIES_UPDATE_IMAGE,
	DB_FAQ_ENTRIES_DELETE,
	DB_FAQ_ENTRIES_DELETE_ACCOUNT,
	DB_FAQ_ENTRIES_MOVE_UP,
	DB_FAQ_ENTRIES_MOVE_DOWN,
	DB_FAQ_ENTRIES_REORDER,
	DB_FAQ_ENTRIES_PENDING,
	DB_FAQ_ENTRIES_IMAGE_UNUSED,
	DB_FAQ_ENTRIES__MAX
};

/* Columns of LIST and GET. */
enum { COL_ID, COL_QUESTION, COL_ANSWER, COL_LINK, COL_IMAGE_NAME, COL_IMAGE_MIME,
	COL_IMAGE_SIZE };

#define FAQ_COLUMNS "id, question, answer, link, image_name, image_mime, image_size "

/* Swaps the positions of id ($2) and of the entry before it (cmp "<",
 * order DESC) or after it; positions are distinct (appended under the
 * account's lock, or renumbered by a reorder). */
#define FAQ_MOVE(cmp, order)                                                                \
	"WITH me AS (SELECT id, position FROM faq_entries WHERE id = $2 AND account_id = $1), "   \
	"other AS (SELECT f.id, f.position FROM faq_entries f, me WHERE f.account_id = $1 "      \
	"AND (f.position, f.id) " cmp " (me.position, me.id) "                                    \
	"ORDER BY f.position " order ", f.id " order " LIMIT 1) "                                 \
	"UPDATE faq_entries f SET position = CASE WHEN f.id = me.id THEN other.position "        \
	"ELSE me.position END FROM me, other WHERE f.account_id = $1 AND f.id IN (me.id, other.id)"

static const struct db_statement db_faq_entries_sql[DB_FAQ_ENTRIES__MAX] = {
	[DB_FAQ_ENTRIES_LIST] = { "faq_entries_list",
	    "SELECT " FAQ_COLUMNS "FROM faq_entries WHERE account_id = $1 ORDER BY position, id" },
	[DB_FAQ_ENTRIES_GET] = { "faq_entries_get",
	    "SELECT " FAQ_COLUMNS "FROM faq_entries WHERE id = $2 AND account_id = $1" },
	[DB_FAQ_ENTRIES_INSERT] = { "faq_entries_insert",
	    "INSERT INTO faq_entries (account_id, position, question, answer, link, image_name, "
	    "image_mime, image_size) SELECT $1, coalesce(max(position) + 1, 0), $2, $3, $4, $5, "
	    "$6, $7::bigint FROM faq_entries WHERE account_id = $1 HAVING count(*) < $8" },
	[DB_FAQ_ENTRIES_UPDATE] = { "faq_entries_update",
	    "UPDATE faq_entries SET question = $3, answer = $4, link = $5 "
	    "WHERE id = $2 AND account_id = $1" },
	[DB_FAQ_ENTRIES_UPDATE_IMAGE] = { "faq_entries_update_image",
	    "WITH old AS (SELECT id, image_name FROM faq_entries WHERE id = $2 AND account_id = $1 "
	    "FOR UPDATE) UPDATE faq_entries f SET question = $3, answer = $4, link = $5, "
	    "image_name = $6, image_mime = $7, image_size = $8::bigint FROM old "
	    "WHERE f.id = old.id AND f.account_id = $1 RETURNING old.image_name" },
	[DB_FAQ_ENTRIES_DELETE] = { "faq_entries_delete",
	    "DELETE FROM faq_entries WHERE id = $2 AND account_id = $1 RETURNING image_name" },
	[DB_FAQ_ENTRIES_DELETE_ACCOUNT] = { "faq_entries_delete_account",
	    "WITH draft AS (DELETE FROM faq_entries WHERE account_id = $1 RETURNING image_name), "
	    "published AS (DELETE FROM faq_published WHERE account_id = $1 RETURNING image_name) "
	    "SELECT image_name FROM draft WHERE image_name IS NOT NULL "
	    "UNION SELECT image_name FROM published WHERE image_name IS NOT NULL" },
	[DB_FAQ_ENTRIES_MOVE_UP] = { "faq_entries_move_up", FAQ_MOVE("<", "DESC") },
	[DB_FAQ_ENTRIES_MOVE_DOWN] = { "faq_entries_move_down", FAQ_MOVE(">", "ASC") },
	[DB_FAQ_ENTRIES_REORDER] = { "faq_entries_reorder",
	    "UPDATE faq_entries f SET position = o.ord FROM unnest($2::bigint[]) "
	    "WITH ORDINALITY o(id, ord) WHERE f.id = o.id AND f.account_id = $1 "
	    "AND (SELECT count(*) FROM faq_entries WHERE account_id = $1) "
	    "= cardinality($2::bigint[]) AND (SELECT count(DISTINCT x) "
	    "FROM unnest($2::bigint[]) x) = cardinality($2::bigint[])" },
	[DB_FAQ_ENTRIES_PENDING] = { "faq_entries_pending",
	    "SELECT (SELECT array_agg(ROW(question, answer, link, image_name) "
	    "ORDER BY position, id) FROM faq_entries WHERE account_id = $1)::text "
	    "IS DISTINCT FROM (SELECT array_agg(ROW(question, answer, link, image_name) "
	    "ORDER BY position, id) "
	    "FROM faq_published WHERE account_id = $1)::text" },
	[DB_FAQ_ENTRIES_IMAGE_UNUSED] = { "faq_entries_image_unused",
	    "SELECT NOT EXISTS (SELECT 1 FROM faq_entries WHERE image_name = $1) "
	    "AND NOT EXISTS (SELECT 1 FROM faq_published WHERE image_name = $1) "
	    "AND NOT EXISTS (SELECT 1 FROM attachments WHERE stored_name = $1)" },
};

const struct db_module db_faq_entries_module = {
	"faq_entries", db_faq_entries_sql, DB_FAQ_ENTRIES__MAX
};

/* Row row of a LIST or GET result into out. */
static void db_faq_entries_row(const struct db_rows *rows, int row, struct faq_entry *out)
{
	bool image = !db_is_null(rows, row, COL_IMAGE_NAME);
	*out = (struct faq_entry) {
		.id = db_int(rows, row, COL_ID),
		.question = db_value(rows, row, COL_QUESTION),
		.answer = db_value(rows, row, COL_ANSWER),
		.link = db_value(rows, row, COL_LINK),
		.image_name = image ? db_value(rows, row, COL_IMAGE_NAME) : NULL,
		.image_mime = image ? db_value(rows, row, COL_IMAGE_MIME) : NULL,
		.image_size = image ? db_int(rows, row, COL_IMAGE_SIZE) : 0,
	};
}

int db_faq_entries_list(struct arena *arena, long long account_id, struct faq_entry **out)
{
	struct db_rows rows;
	int count = DB_RUN(arena, &rows, &db_faq_entries_sql[DB_FAQ_ENTRIES_LIST],
	    db_param_int(arena, account_id));
	if (count < 0)
		return count;
	struct faq_entry *list = arena_alloc(arena, ((size_t)count + 1) * sizeof(*list));
	for (int i = 0; i < count; i++)
		db_faq_entries_row(&rows, i, &list[i]);
	*out = list;
	return count;
}

int db_faq_entries_get(struct arena *arena, long long account_id, long long id,
    struct faq_entry *out)
{
	struct db_rows rows;
	int found = DB_RUN(arena, &rows, &db_faq_entries_sql[DB_FAQ_ENTRIES_GET],
	    db_param_int(arena, account_id), db_param_int(arena, id));
	if (found > 0)
		db_faq_entries_row(&rows, 0, out);
	return found;
}

/* The size parameter of an image: NULL (SQL NULL) without one. */
static const char *db_faq_entries_size(struct arena *arena, const struct faq_entry *entry)
{
	return entry->image_name != NULL ? db_param_int(arena, entry->image_size) : NULL;
}

int db_faq_entries_insert(struct arena *arena, long long account_id,
    const struct faq_entry *entry, long long max)
{
	return DB_RUN(arena, NULL, &db_faq_entries_sql[DB_FAQ_ENTRIES_INSERT],
	    db_param_int(arena, account_id), entry->question, entry->answer, entry->link,
	    entry->image_name, entry->image_mime, db_faq_entries_size(arena, entry),
	    db_param_int(arena, max));
}

int db_faq_entries_update(struct arena *arena, long long account_id,
    const struct faq_entry *entry, bool set_image, const char **old_image)
{
	*old_image = NULL;
	if (!set_image)
		return DB_RUN(arena, NULL, &db_faq_entries_sql[DB_FAQ_ENTRIES_UPDATE],
		    db_param_int(arena, account_id), db_param_int(arena, entry->id),
		    entry->question, entry->answer, entry->link);
	struct db_rows rows;
	int changed = DB_RUN(arena, &rows, &db_faq_entries_sql[DB_FAQ_ENTRIES_UPDATE_IMAGE],
	    db_param_int(arena, account_id), db_param_int(arena, entry->id), entry->question,
	    entry->answer, entry->link, entry->image_name, entry->image_mime,
	    db_faq_entries_size(arena, entry));
	if (changed > 0 && !db_is_null(&rows, 0, 0))
		*old_image = db_value(&rows, 0, 0);
	return changed;
}

int db_faq_entries_delete(struct arena *arena, long long account_id, long long id,
    const char **image)
{
	struct db_rows rows;
	*image = NULL;
	int deleted = DB_RUN(arena, &rows, &db_faq_entries_sql[DB_FAQ_ENTRIES_DELETE],
	    db_param_int(arena, account_id), db_param_int(arena, id));
	if (deleted > 0 && !db_is_null(&rows, 0, 0))
		*image = db_value(&rows, 0, 0);
	return deleted;
}

int db_faq_entries_delete_account(struct arena *arena, long long account_id,
    const char ***images)
{
	struct db_rows rows;
	int count = DB_RUN(arena, &rows, &db_faq_entries_sql[DB_FAQ_ENTRIES_DELETE_ACCOUNT],
	    db_param_int(arena, account_id));
	if (count < 0)
		return count;
	int named;
	*images = db_texts(arena, &rows, count, 0, &named);
	return named;
}

int db_faq_entries_move(struct arena *arena, long long account_id, long long id, bool up)
{
	return DB_RUN(arena, NULL,
	    &db_faq_entries_sql[up ? DB_FAQ_ENTRIES_MOVE_UP : DB_FAQ_ENTRIES_MOVE_DOWN],
	    db_param_int(arena, account_id), db_param_int(arena, id));
}

int db_faq_entries_reorder(struct arena *arena, long long account_id, const long long *ids,
    int count)
{
	return DB_RUN(arena, NULL, &db_faq_entries_sql[DB_FAQ_ENTRIES_REORDER],
	    db_param_int(arena, account_id), db_param_ids(arena, ids, (size_t)count));
}

int db_faq_entries_pending(struct arena *arena, long long account_id)
{
	struct db_rows rows;
	int found = DB_RUN(arena, &rows, &db_faq_entries_sql[DB_FAQ_ENTRIES_PENDING],
	    db_param_int(arena, account_id));
	if (found <= 0)
		return found < 0 ? found : DB_ERROR;
	return db_bool(&rows, 0, 0) ? 1 : 0;
}

int db_faq_entries_image_unused(struct arena *arena, const char *name)
{
	struct db_rows rows;
	int found = DB_RUN(arena, &rows, &db_faq_entries_sql[DB_FAQ_ENTRIES_IMAGE_UNUSED], name);
	if (found <= 0)
		return found < 0 ? found : DB_ERROR;
	return db_bool(&rows, 0, 0) ? 1 : 0;
}
