/* db_exports: an account's history streamed for the backups, each table
 * through COPY (SELECT ...) TO STDOUT inside the export's snapshot. */
#include "db_exports.h"
#include "arena.h"
#include "db.h"
#include "db_modules.h"

#include <stdbool.h>

enum db_exports_statement {
	DB_EXPORTS_ACCOUNTS,
	DB_EXPORTS_ACCOUNTS_ALL,
	DB_EXPORTS_COUNT,
	DB_EXPORTS_SCOPE,
	DB_EXPORTS_COPY_MESSAGES,
	DB_EXPORTS_COPY_ROOMS,
	DB_EXPORTS_COPY_CUSTOMERS,
	DB_EXPORTS_COPY_ATTACHMENTS,
	DB_EXPORTS__MAX
};

/* Columns of DB_EXPORTS_ACCOUNTS*. */
enum {
	ACCOUNT_ID, ACCOUNT_CODE, ACCOUNT_NAME, ACCOUNT_KIND, ACCOUNT_CATEGORY, ACCOUNT_ZONE, ACCOUNT_BRN,
	ACCOUNT_COMPANY, ACCOUNT_REPRESENTATIVE
};

#define EXPORTS_ACCOUNT_COLUMNS                                                           \
	"SELECT id, code, name, kind, category1, time_zone, brn, company, representative "  \
	"FROM accounts "
#define EXPORTS_PERIOD                                                                    \
	"m.account_id = $1 AND m.created_at >= coalesce($2::timestamptz, '-infinity') "    \
	"AND m.created_at < coalesce($3::timestamptz, 'infinity') "
/* The export's account and period, set by DB_EXPORTS_SCOPE for the COPY
 * statements, which take no parameters. */
#define EXPORTS_ACCOUNT "current_setting('sangdam.export_account')::bigint"
#define EXPORTS_SCOPE                                                                     \
	"m.account_id = " EXPORTS_ACCOUNT " AND m.created_at >= coalesce(nullif("           \
	"current_setting('sangdam.export_from'), '')::timestamptz, '-infinity') "           \
	"AND m.created_at < coalesce(nullif(current_setting('sangdam.export_to'), '')"      \
	"::timestamptz, 'infinity') "
/* The path of an attachment inside a zip backup: its id and its name with no
 * separators (a name of "." or ".." becomes "file"). */
#define EXPORTS_ATTACHMENT_PATH                                                           \
	"'attachments/' || f.id || '/' || CASE WHEN f.display_name IN ('', '.', '..') "    \
	"THEN 'file' ELSE translate(f.display_name, '/\\:', '___') END"
#define EXPORTS_UTC(column) "to_char(" column " AT TIME ZONE 'UTC', " \
	"'YYYY-MM-DD\"T\"HH24:MI:SS.US\"Z\"')"

static const struct db_statement db_exports_sql[DB_EXPORTS__MAX] = {
	[DB_EXPORTS_ACCOUNTS] = { "exports_accounts", EXPORTS_ACCOUNT_COLUMNS "WHERE id = $1" },
	[DB_EXPORTS_ACCOUNTS_ALL] = { "exports_accounts_all", EXPORTS_ACCOUNT_COLUMNS "ORDER BY id" },
	[DB_EXPORTS_COUNT] = { "exports_count",
	    "SELECT count(*) FROM messages m WHERE " EXPORTS_PERIOD },
	[DB_EXPORTS_SCOPE] = { "exports_scope",
	    "SELECT set_config('sangdam.export_account', $1, true), "
	    "set_config('sangdam.export_from', coalesce($2, ''), true), "
	    "set_config('sangdam.export_to', coalesce($3, ''), true), "
	    /* Rows in their order as they are read: the messages' index in
	     * time order, each joined row found through its key's index (and
	     * kept in Memoize), so that the first row leaves at once and the
	     * worker formats while the database reads, with no sort of the
	     * whole period on the disk. Left to itself the planner hashes and
	     * sorts everything first (a core idle for most of a backup), or
	     * rescans a small table (the attachments: none yet) once per
	     * message, a system call each. JIT costs more than it saves, and
	     * db_connect allows no parallel workers. */
	    "set_config('enable_hashjoin', 'off', true), set_config('enable_mergejoin', 'off', true), "
	    "set_config('enable_seqscan', 'off', true), set_config('jit', 'off', true)" },
	[DB_EXPORTS_COPY_MESSAGES] = { "exports_copy_messages",
	    "SELECT m.id, a.code, m.room_id, r.name, c.key_hash, c.number, c.display_name, "
	    "r.ref, r.referrer, "
	    "to_char(m.created_at AT TIME ZONE a.time_zone, 'YYYY-MM-DD HH24:MI:SS'), "
	    EXPORTS_UTC("m.created_at") ", "
	    "CASE m.sender WHEN 'agent' THEN 'member' WHEN 'system' THEN 'automatic' "
	    "ELSE 'customer' END, "
	    "coalesce(p.email, m.sender_email, ''), coalesce(p.name, m.sender_name, ''), "
	    "m.kind, m.body, coalesce(f.display_name, ''), "
	    "CASE WHEN f.id IS NULL THEN '' ELSE " EXPORTS_ATTACHMENT_PATH " END, "
	    "coalesce(f.mime, ''), coalesce(f.size::text, '') "
	    "FROM messages m JOIN accounts a ON a.id = m.account_id "
	    "JOIN rooms r ON r.id = m.room_id JOIN customers c ON c.id = r.customer_id "
	    "LEFT JOIN partners p ON p.id = m.partner_id "
	    "LEFT JOIN attachments f ON f.id = m.attachment_id "
	    "WHERE " EXPORTS_SCOPE "ORDER BY m.created_at, m.id", .copy_out = true },
	[DB_EXPORTS_COPY_ROOMS] = { "exports_copy_rooms",
	    "SELECT r.id, c.key_hash, r.name, r.memo, r.status, r.ref, r.referrer, r.important, "
	    EXPORTS_UTC("r.created_at") ", "
	    "coalesce((SELECT string_agg(l.name, ', ' ORDER BY lower(l.name)) FROM room_labels rl "
	    "JOIN labels l ON l.id = rl.label_id WHERE rl.room_id = r.id), ''), "
	    "coalesce((SELECT json_agg(json_build_object('name', l.name, 'color', l.color) "
	    "ORDER BY lower(l.name)) FROM room_labels rl JOIN labels l ON l.id = rl.label_id "
	    "WHERE rl.room_id = r.id), '[]')::text "
	    "FROM rooms r JOIN customers c ON c.id = r.customer_id "
	    "WHERE r.account_id = " EXPORTS_ACCOUNT " ORDER BY r.id", .copy_out = true },
	[DB_EXPORTS_COPY_CUSTOMERS] = { "exports_copy_customers",
	    "SELECT c.key_hash, c.number, c.display_name, c.is_friend, "
	    "coalesce(" EXPORTS_UTC("c.friend_since") ", ''), c.blocked, "
	    EXPORTS_UTC("c.created_at") " "
	    "FROM customers c WHERE c.account_id = " EXPORTS_ACCOUNT " ORDER BY c.id",
	    .copy_out = true },
	[DB_EXPORTS_COPY_ATTACHMENTS] = { "exports_copy_attachments",
	    "SELECT " EXPORTS_ATTACHMENT_PATH ", f.stored_name, f.size "
	    "FROM messages m JOIN attachments f ON f.id = m.attachment_id "
	    /* the few messages with a file: their own index (0031) where it is cheaper */
	    "WHERE m.attachment_id IS NOT NULL AND " EXPORTS_SCOPE "ORDER BY m.created_at, m.id",
	    .copy_out = true },
};

const struct db_module db_exports_module = { "exports", db_exports_sql, DB_EXPORTS__MAX };

int db_exports_accounts(struct arena *arena, long long account_id, struct export_account **out)
{
	struct db_rows rows;
	int count = account_id > 0
	    ? DB_RUN(arena, &rows, &db_exports_sql[DB_EXPORTS_ACCOUNTS],
		db_param_int(arena, account_id))
	    : db_run(arena, &rows, &db_exports_sql[DB_EXPORTS_ACCOUNTS_ALL], 0, NULL);
	if (count < 0)
		return count;
	struct export_account *accounts = arena_alloc(arena, ((size_t)count + 1) * sizeof(*accounts));
	for (int i = 0; i < count; i++)
		accounts[i] = (struct export_account) {
			.id = db_int(&rows, i, ACCOUNT_ID),
			.code = db_value(&rows, i, ACCOUNT_CODE),
			.name = db_value(&rows, i, ACCOUNT_NAME),
			.kind = db_value(&rows, i, ACCOUNT_KIND),
			.category1 = db_value(&rows, i, ACCOUNT_CATEGORY),
			.time_zone = db_value(&rows, i, ACCOUNT_ZONE),
			.brn = db_value(&rows, i, ACCOUNT_BRN),
			.company = db_value(&rows, i, ACCOUNT_COMPANY),
			.representative = db_value(&rows, i, ACCOUNT_REPRESENTATIVE),
		};
	*out = accounts;
	return count;
}

int db_exports_count(struct arena *arena, long long account_id, const char *from, const char *to,
    long long *count)
{
	return DB_RUN_INT(arena, &db_exports_sql[DB_EXPORTS_COUNT], count,
	    db_param_int(arena, account_id), from, to);
}

/* Values per row of each table. */
static const int db_exports_columns[EXPORT__MAX] = {
	[EXPORT_MESSAGES] = EXPORT_MESSAGE__MAX,
	[EXPORT_ROOMS] = EXPORT_ROOM__MAX,
	[EXPORT_CUSTOMERS] = EXPORT_CUSTOMER__MAX,
	[EXPORT_ATTACHMENTS] = EXPORT_ATTACHMENT__MAX,
};

int db_exports_open(struct arena *arena, enum export_cursor cursor, long long account_id,
    const char *from, const char *to)
{
	/* rooms and customers are the account's all, whatever the period */
	if (DB_RUN(arena, NULL, &db_exports_sql[DB_EXPORTS_SCOPE], db_param_int(arena, account_id),
		from, to) < 0)
		return DB_ERROR;
	return db_copy_begin(arena, &db_exports_sql[DB_EXPORTS_COPY_MESSAGES + cursor]);
}

int db_exports_fetch(struct arena *arena, enum export_cursor cursor, struct db_rows *rows)
{
	return db_copy_rows(arena, rows, db_exports_columns[cursor], 10000);
}

void db_exports_close(void)
{
	db_copy_end();
}
