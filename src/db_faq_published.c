/* db_faq_published: publishing the draft FAQ, and the FAQ customers see. */
#include "db_faq_published.h"
#include "arena.h"
#include "db.h"
#include "db_modules.h"

enum db_faq_published_statement {
	DB_FAQ_PUBLISHED_CLEAR,
	DB_FAQ_PUBLISHED_COPY,
	DB_FAQ_PUBLISHED_LIST,
	DB_FAQ_PUBLISHED_GET,
	DB_FAQ_PUBLISHED__MAX
};

/* Columns of GET. */
enum { COL_ID, COL_QUESTION, COL_ANSWER, COL_LINK, COL_IMAGE_NAME, COL_IMAGE_MIME,
	COL_IMAGE_SIZE };

static const struct db_statement db_faq_published_sql[DB_FAQ_PUBLISHED__MAX] = {
	[DB_FAQ_PUBLISHED_CLEAR] = { "faq_published_clear",
	    "DELETE FROM faq_published WHERE account_id = $1 RETURNING image_name" },
	[DB_FAQ_PUBLISHED_COPY] = { "faq_published_copy",
	    "WITH stamp AS (UPDATE accounts SET faq_published_at = now() WHERE id = $1) "
	    "INSERT INTO faq_published (account_id, position, question, answer, link, image_name, "
	    "image_mime, image_size) SELECT account_id, row_number() OVER (ORDER BY position, id), "
	    "question, answer, link, image_name, image_mime, image_size FROM faq_entries "
	    "WHERE account_id = $1" },
	[DB_FAQ_PUBLISHED_LIST] = { "faq_published_list",
	    "SELECT id, question FROM faq_published WHERE account_id = $1 ORDER BY position, id" },
	[DB_FAQ_PUBLISHED_GET] = { "faq_published_get",
	    "SELECT id, question, answer, link, image_name, image_mime, image_size "
	    "FROM faq_published WHERE id = $2 AND account_id = $1" },
};

const struct db_module db_faq_published_module = {
	"faq_published", db_faq_published_sql, DB_FAQ_PUBLISHED__MAX
};

int db_faq_published_publish(struct arena *arena, long long account_id, const char ***gone,
    int *gone_count)
{
	struct db_rows rows;
	int count = DB_RUN(arena, &rows, &db_faq_published_sql[DB_FAQ_PUBLISHED_CLEAR],
	    db_param_int(arena, account_id));
	if (count < 0)
		return count;
	*gone = db_texts(arena, &rows, count, 0, gone_count);
	return DB_RUN(arena, NULL, &db_faq_published_sql[DB_FAQ_PUBLISHED_COPY],
	    db_param_int(arena, account_id));
}

int db_faq_published_list(struct arena *arena, long long account_id, struct faq_entry **out)
{
	struct db_rows rows;
	int count = DB_RUN(arena, &rows, &db_faq_published_sql[DB_FAQ_PUBLISHED_LIST],
	    db_param_int(arena, account_id));
	if (count < 0)
		return count;
	struct faq_entry *list = arena_alloc(arena, ((size_t)count + 1) * sizeof(*list));
	for (int i = 0; i < count; i++)
		list[i] = (struct faq_entry) {
			.id = db_int(&rows, i, COL_ID),
			.question = db_value(&rows, i, COL_QUESTION),
		};
	*out = list;
	return count;
}

int db_faq_published_get(struct arena *arena, long long account_id, long long id,
    struct faq_entry *out)
{
	struct db_rows rows;
	int found = DB_RUN(arena, &rows, &db_faq_published_sql[DB_FAQ_PUBLISHED_GET],
	    db_param_int(arena, account_id), db_param_int(arena, id));
	if (found <= 0)
		return found;
	bool image = !db_is_null(&rows, 0, COL_IMAGE_NAME);
	*out = (struct faq_entry) {
		.id = db_int(&rows, 0, COL_ID),
		.question = db_value(&rows, 0, COL_QUESTION),
		.answer = db_value(&rows, 0, COL_ANSWER),
		.link = db_value(&rows, 0, COL_LINK),
		.image_name = image ? db_value(&rows, 0, COL_IMAGE_NAME) : NULL,
		.image_mime = image ? db_value(&rows, 0, COL_IMAGE_MIME) : NULL,
		.image_size = image ? db_int(&rows, 0, COL_IMAGE_SIZE) : 0,
	};
	return 1;
}
