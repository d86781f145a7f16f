/* db_canned_replies: an account's canned replies, searched by substring. */
#include "db_canned_replies.h"
#include "arena.h"
#include "db.h"
#include "db_modules.h"

enum db_canned_replies_statement {
	DB_CANNED_REPLIES_SEARCH,
	DB_CANNED_REPLIES_GET,
	DB_CANNED_REPLIES_INSERT,
	DB_CANNED_REPLIES_UPDATE,
	DB_CANNED_REPLIES_DELETE,
	DB_CANNED_REPLIES__MAX
};

enum { COL_ID, COL_TITLE, COL_TEXT };

static const struct db_statement db_canned_replies_sql[DB_CANNED_REPLIES__MAX] = {
	/* strpos, not LIKE: the search is plain text, % and _ included */
	[DB_CANNED_REPLIES_SEARCH] = { "canned_replies_search",
	    "SELECT id, title, text FROM canned_replies WHERE account_id = $1 "
	    "AND ($2 = '' OR strpos(lower(title), lower($2)) > 0 "
	    "OR strpos(lower(text), lower($2)) > 0) ORDER BY lower(title), id LIMIT $3" },
	[DB_CANNED_REPLIES_GET] = { "canned_replies_get",
	    "SELECT id, title, text FROM canned_replies WHERE id = $2 AND account_id = $1" },
	[DB_CANNED_REPLIES_INSERT] = { "canned_replies_insert",
	    "INSERT INTO canned_replies (account_id, title, text) SELECT $1, $2, $3 "
	    "WHERE (SELECT count(*) FROM canned_replies WHERE account_id = $1) < $4" },
	[DB_CANNED_REPLIES_UPDATE] = { "canned_replies_update",
	    "UPDATE canned_replies SET title = $3, text = $4 WHERE id = $2 AND account_id = $1" },
	[DB_CANNED_REPLIES_DELETE] = { "canned_replies_delete",
	    "DELETE FROM canned_replies WHERE id = $2 AND account_id = $1" },
};

const struct db_module db_canned_replies_module = {
	"canned_replies", db_canned_replies_sql, DB_CANNED_REPLIES__MAX
};

int db_canned_replies_search(struct arena *arena, long long account_id, const char *q,
    long long limit, struct canned_reply **out)
{
	struct db_rows rows;
	int count = DB_RUN(arena, &rows, &db_canned_replies_sql[DB_CANNED_REPLIES_SEARCH],
	    db_param_int(arena, account_id), q, db_param_int(arena, limit));
	if (count < 0)
		return count;
	struct canned_reply *list = arena_alloc(arena, ((size_t)count + 1) * sizeof(*list));
	for (int i = 0; i < count; i++)
		list[i] = (struct canned_reply) {
			.id = db_int(&rows, i, COL_ID),
			.title = db_value(&rows, i, COL_TITLE),
			.text = db_value(&rows, i, COL_TEXT),
		};
	*out = list;
	return count;
}

int db_canned_replies_get(struct arena *arena, long long account_id, long long id,
    struct canned_reply *out)
{
	struct db_rows rows;
	int found = DB_RUN(arena, &rows, &db_canned_replies_sql[DB_CANNED_REPLIES_GET],
	    db_param_int(arena, account_id), db_param_int(arena, id));
	if (found > 0)
		*out = (struct canned_reply) {
			.id = db_int(&rows, 0, COL_ID),
			.title = db_value(&rows, 0, COL_TITLE),
			.text = db_value(&rows, 0, COL_TEXT),
		};
	return found;
}

int db_canned_replies_insert(struct arena *arena, long long account_id, const char *title,
    const char *text, long long max)
{
	return DB_RUN(arena, NULL, &db_canned_replies_sql[DB_CANNED_REPLIES_INSERT],
	    db_param_int(arena, account_id), title, text, db_param_int(arena, max));
}

int db_canned_replies_update(struct arena *arena, long long account_id, long long id,
    const char *title, const char *text)
{
	return DB_RUN(arena, NULL, &db_canned_replies_sql[DB_CANNED_REPLIES_UPDATE],
	    db_param_int(arena, account_id), db_param_int(arena, id), title, text);
}

int db_canned_replies_delete(struct arena *arena, long long account_id, long long id)
{
	return DB_RUN(arena, NULL, &db_canned_replies_sql[DB_CANNED_REPLIES_DELETE],
	    db_param_int(arena, account_id), db_param_int(arena, id));
}
