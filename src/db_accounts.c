/* db_accounts: accounts, looked up once per /a/CODE/ request with the member's role. */
#include "db_accounts.h"
#include "account.h"
#include "arena.h"
#include "chat.h"
#include "db.h"
#include "db_friend_groups.h"
#include "db_labels.h"
#include "db_members.h"
#include "db_modules.h"

#include <string.h>

enum db_accounts_statement {
	DB_ACCOUNTS_GET_ACCESS,
	DB_ACCOUNTS_INSERT,
	DB_ACCOUNTS_DECIDE,
	DB_ACCOUNTS_SET_SWITCHES,
	DB_ACCOUNTS_GET_PROFILE,
	DB_ACCOUNTS_UPDATE_PROFILE,
	DB_ACCOUNTS_GET_IMAGE,
	DB_ACCOUNTS_SCHEDULE_DELETE,
	DB_ACCOUNTS_CANCEL_DELETE,
	DB_ACCOUNTS_LIST_PENDING,
	DB_ACCOUNTS_SESSION_TIMEOUT,
	DB_ACCOUNTS_SET_SESSION_TIMEOUT,
	DB_ACCOUNTS_DELETE_DUE,
	DB_ACCOUNTS_GET_FOR_CUSTOMERS,
	DB_ACCOUNTS_EXISTS,
	DB_ACCOUNTS_FIND_APPROVED,
	DB_ACCOUNTS_LOCK,
	DB_ACCOUNTS_CHOICES,
	DB_ACCOUNTS_ASSIGN_GET,
	DB_ACCOUNTS_SET_ASSIGN,
	DB_ACCOUNTS_GET_REGISTRATION,
	DB_ACCOUNTS_RESUBMIT,
	DB_ACCOUNTS_RETENTION,
	DB_ACCOUNTS_SET_RETENTION,
	DB_ACCOUNTS_REPLY_ASSIGNS,
	DB_ACCOUNTS_SET_REPLY_ASSIGNS,
	DB_ACCOUNTS__MAX
};

/* Columns of DB_ACCOUNTS_GET_ACCESS. */
enum { ACCESS_ID, ACCESS_CODE, ACCESS_NAME, ACCESS_KIND, ACCESS_STATUS, ACCESS_IS_MASTER,
	ACCESS_HOME_PUBLIC, ACCESS_CHAT_ON, ACCESS_DELETE_AFTER, ACCESS_TIME_ZONE, ACCESS_AVAILABLE };

/* Columns of DB_ACCOUNTS_ASSIGN_GET. */
enum { ASSIGN_ON, ASSIGN_LIMIT };

/* Columns of DB_ACCOUNTS_CHOICES, and its kinds of rows. */
enum { CHOICE_KIND, CHOICE_ID, CHOICE_NAME, CHOICE_COLOR, CHOICE_ON_ROOM };
enum { CHOICE_LABEL, CHOICE_MEMBER, CHOICE_GROUP };

/* Columns of DB_ACCOUNTS_GET_PROFILE. */
enum { PROFILE_NAME, PROFILE_INTRO, PROFILE_HOMEPAGE, PROFILE_PHONE, PROFILE_CATEGORY1,
	PROFILE_CATEGORY2, PROFILE_HAS_PROFILE_IMAGE, PROFILE_HAS_BACKGROUND_IMAGE };

/* Columns of DB_ACCOUNTS_GET_IMAGE: name and type per enum account_image. */
enum { IMAGE_PROFILE, IMAGE_PROFILE_TYPE, IMAGE_BACKGROUND, IMAGE_BACKGROUND_TYPE };

/* Columns of DB_ACCOUNTS_LIST_PENDING. */
enum { PENDING_CODE, PENDING_NAME, PENDING_KIND, PENDING_CATEGORY1, PENDING_BRN, PENDING_COMPANY,
	PENDING_REPRESENTATIVE, PENDING_CREATED, PENDING_MASTER_EMAIL };

static const struct db_statement db_accounts_sql[DB_ACCOUNTS__MAX] = {
	[DB_ACCOUNTS_GET_ACCESS] = { "accounts_get_access",
	    "SELECT " DB_ACCOUNTS_ACCESS_COLUMNS " "
	    "FROM accounts a JOIN members m ON m.account_id = a.id AND m.partner_id = $2 "
	    "WHERE a.code = $1" },
	[DB_ACCOUNTS_INSERT] = { "accounts_insert",
	    "INSERT INTO accounts (code, kind, name, category1, brn, company, representative) "
	    "VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING id" },
	[DB_ACCOUNTS_DECIDE] = { "accounts_decide",
	    "UPDATE accounts SET status = $2 WHERE code = $1 AND status = 'pending' RETURNING id" },
	[DB_ACCOUNTS_SET_SWITCHES] = { "accounts_set_switches",
	    "UPDATE accounts SET home_public = $2, chat_on = $3 WHERE id = $1" },
	[DB_ACCOUNTS_GET_PROFILE] = { "accounts_get_profile",
	    "SELECT name, intro, homepage, phone, category1, category2, "
	    "profile_image IS NOT NULL, background_image IS NOT NULL FROM accounts WHERE id = $1" },
	/* One statement, so that the replaced names come back with the change. */
	[DB_ACCOUNTS_UPDATE_PROFILE] = { "accounts_update_profile",
	    "UPDATE accounts a SET name = $2, intro = $3, homepage = $4, phone = $5, category1 = $6, "
	    "category2 = $7, profile_image = coalesce($8, a.profile_image), "
	    "profile_image_type = coalesce($9, a.profile_image_type), "
	    "background_image = coalesce($10, a.background_image), "
	    "background_image_type = coalesce($11, a.background_image_type) "
	    "FROM accounts old WHERE a.id = $1 AND old.id = a.id "
	    "RETURNING CASE WHEN $8::text IS NOT NULL THEN old.profile_image END, "
	    "CASE WHEN $10::text IS NOT NULL THEN old.background_image END" },
	[DB_ACCOUNTS_GET_IMAGE] = { "accounts_get_image",
	    "SELECT profile_image, profile_image_type, background_image, background_image_type "
	    "FROM accounts WHERE id = $1" },
	[DB_ACCOUNTS_SCHEDULE_DELETE] = { "accounts_schedule_delete",
	    "UPDATE accounts SET delete_after = now() + interval '7 days' "
	    "WHERE id = $1 AND delete_after IS NULL" },
	[DB_ACCOUNTS_CANCEL_DELETE] = { "accounts_cancel_delete",
	    "UPDATE accounts SET delete_after = NULL WHERE id = $1 AND delete_after IS NOT NULL" },
	[DB_ACCOUNTS_LIST_PENDING] = { "accounts_list_pending",
	    "SELECT a.code, a.name, a.kind, a.category1, a.brn, a.company, a.representative, "
	    "to_char(a.created_at AT TIME ZONE 'Asia/Seoul', 'YYYY-MM-DD HH24:MI'), p.email "
	    "FROM accounts a JOIN members m ON m.account_id = a.id AND m.role = 'master' "
	    "JOIN partners p ON p.id = m.partner_id WHERE a.status = 'pending' "
	    "ORDER BY a.created_at LIMIT 200" },
	[DB_ACCOUNTS_SESSION_TIMEOUT] = { "accounts_session_timeout",
	    "SELECT session_timeout_minutes FROM accounts WHERE id = $1" },
	[DB_ACCOUNTS_SET_SESSION_TIMEOUT] = { "accounts_set_session_timeout",
	    "UPDATE accounts SET session_timeout_minutes = $2 WHERE id = $1" },
	[DB_ACCOUNTS_DELETE_DUE] = { "accounts_delete_due",
	    "WITH due AS (SELECT id FROM accounts a WHERE delete_after < now() "
	    /* only once its history is in a backup kept for the operator (EXP-6) */
	    "AND EXISTS (SELECT 1 FROM backups b WHERE b.account_id = a.id "
	    "AND b.reason = 'deletion' AND b.status = 'ready') "
	    "ORDER BY delete_after LIMIT $1 FOR UPDATE SKIP LOCKED), "
	    "gone AS (DELETE FROM accounts a USING due WHERE a.id = due.id "
	    "RETURNING a.id, a.code, a.profile_image, a.background_image) "
	    "SELECT stored_name, NULL::text FROM attachments t JOIN gone g ON g.id = t.account_id "
	    "UNION SELECT profile_image, NULL FROM gone WHERE profile_image IS NOT NULL "
	    "UNION SELECT background_image, NULL FROM gone WHERE background_image IS NOT NULL "
	    "UNION SELECT image_name, NULL FROM faq_entries f JOIN gone g ON g.id = f.account_id "
	    "WHERE image_name IS NOT NULL "
	    "UNION SELECT image_name, NULL FROM faq_published f JOIN gone g ON g.id = f.account_id "
	    "WHERE image_name IS NOT NULL "
	    "UNION SELECT image_name, NULL FROM coupons f JOIN gone g ON g.id = f.account_id "
	    "WHERE image_name IS NOT NULL "
	    "UNION SELECT code_file, NULL FROM coupons f JOIN gone g ON g.id = f.account_id "
	    "WHERE code_file IS NOT NULL "
	    "UNION SELECT NULL, code FROM gone" },
	[DB_ACCOUNTS_GET_FOR_CUSTOMERS] = { "accounts_get_for_customers",
	    "SELECT id, code, name, intro, status, home_public, chat_on, profile_image IS NOT NULL, "
	    "background_image IS NOT NULL, time_zone FROM accounts WHERE code = $1" },
	[DB_ACCOUNTS_EXISTS] = { "accounts_exists", "SELECT 1 FROM accounts WHERE code = $1" },
	[DB_ACCOUNTS_FIND_APPROVED] = { "accounts_find_approved",
	    "SELECT id FROM accounts WHERE code = $1 AND status = 'approved'" },
	/* NO KEY UPDATE: serialises the lockers, yet leaves the foreign key checks
	 * of rows being added to the account (KEY SHARE) free to go on. */
	[DB_ACCOUNTS_LOCK] = { "accounts_lock",
	    "SELECT 1 FROM accounts WHERE id = $1 FOR NO KEY UPDATE" },
	/* The inbox's choices in one round trip (kinds enum CHOICE_*): labels
	 * by name (on room $2 or not), members (the master first) by name, and
	 * friend groups by name. */
	[DB_ACCOUNTS_CHOICES] = { "accounts_choices",
	    "SELECT 0 AS kind, l.id, l.name, l.color, EXISTS (SELECT 1 FROM room_labels rl "
	    "WHERE rl.room_id = $2::bigint AND rl.label_id = l.id), false AS first, lower(l.name) "
	    "FROM labels l WHERE l.account_id = $1 "
	    "UNION ALL SELECT 1, m.partner_id, p.name, '', false, m.role = 'master', lower(p.name) "
	    "FROM members m JOIN partners p ON p.id = m.partner_id WHERE m.account_id = $1 "
	    "UNION ALL SELECT 2, g.id, g.name, '', false, false, lower(g.name) "
	    "FROM friend_groups g WHERE g.account_id = $1 ORDER BY 1, 6 DESC, 7, 2" },
	[DB_ACCOUNTS_ASSIGN_GET] = { "accounts_assign_get",
	    "SELECT auto_assign, assign_limit FROM accounts WHERE id = $1" },
	[DB_ACCOUNTS_SET_ASSIGN] = { "accounts_set_assign",
	    "UPDATE accounts SET auto_assign = $2::boolean, assign_limit = $3 WHERE id = $1" },
	[DB_ACCOUNTS_GET_REGISTRATION] = { "accounts_get_registration",
	    "SELECT code, kind, name, category1, brn, company, representative "
	    "FROM accounts WHERE id = $1" },
	/* Only a rejected account goes back to review (ACC-3). */
	[DB_ACCOUNTS_RESUBMIT] = { "accounts_resubmit",
	    "UPDATE accounts SET kind = $2, name = $3, category1 = $4, brn = $5, company = $6, "
	    "representative = $7, status = 'pending' WHERE id = $1 AND status = 'rejected'" },
	[DB_ACCOUNTS_RETENTION] = { "accounts_retention",
	    "SELECT retention_years FROM accounts WHERE id = $1" },
	[DB_ACCOUNTS_SET_RETENTION] = { "accounts_set_retention",
	    "UPDATE accounts SET retention_years = $2, retention_checked_at = NULL WHERE id = $1" },
	[DB_ACCOUNTS_REPLY_ASSIGNS] = { "accounts_reply_assigns",
	    "SELECT reply_assigns::int FROM accounts WHERE id = $1" },
	[DB_ACCOUNTS_SET_REPLY_ASSIGNS] = { "accounts_set_reply_assigns",
	    "UPDATE accounts SET reply_assigns = $2 WHERE id = $1" },
};

const struct db_module db_accounts_module = { "accounts", db_accounts_sql, DB_ACCOUNTS__MAX };

int db_accounts_get_access(struct arena *arena, const char *code, long long partner_id,
    struct account_access *out)
{
	struct db_rows rows;
	int found = DB_RUN(arena, &rows, &db_accounts_sql[DB_ACCOUNTS_GET_ACCESS], code,
	    db_param_int(arena, partner_id));
	if (found <= 0)
		return found;
	return db_accounts_access_row(&rows, 0, 0, out);
}

int db_accounts_access_row(const struct db_rows *rows, int row, int first,
    struct account_access *out)
{
	if (db_is_null(rows, row, first + ACCESS_ID))
		return 0;
	out->id = db_int(rows, row, first + ACCESS_ID);
	out->code = db_value(rows, row, first + ACCESS_CODE);
	out->name = db_value(rows, row, first + ACCESS_NAME);
	out->kind = db_value(rows, row, first + ACCESS_KIND);
	out->status = db_value(rows, row, first + ACCESS_STATUS);
	out->is_master = db_bool(rows, row, first + ACCESS_IS_MASTER);
	out->home_public = db_bool(rows, row, first + ACCESS_HOME_PUBLIC);
	out->chat_on = db_bool(rows, row, first + ACCESS_CHAT_ON);
	out->deleting = !db_is_null(rows, row, first + ACCESS_DELETE_AFTER);
	out->delete_after = db_value(rows, row, first + ACCESS_DELETE_AFTER);
	out->time_zone = db_value(rows, row, first + ACCESS_TIME_ZONE);
	out->available = db_bool(rows, row, first + ACCESS_AVAILABLE);
	return 1;
}

int db_accounts_insert(struct arena *arena, const struct account_registration *account,
    long long *id)
{
	int inserted = DB_RUN_INT(arena, &db_accounts_sql[DB_ACCOUNTS_INSERT], id, account->code,
	    account->kind, account->name, account->category1, account->brn, account->company,
	    account->representative);
	return inserted == 0 ? DB_ERROR : inserted;
}

int db_accounts_decide(struct arena *arena, const char *code, const char *status, long long *id)
{
	return DB_RUN_INT(arena, &db_accounts_sql[DB_ACCOUNTS_DECIDE], id, code, status);
}

int db_accounts_set_switches(struct arena *arena, long long id, bool home_public, bool chat_on)
{
	return DB_RUN(arena, NULL, &db_accounts_sql[DB_ACCOUNTS_SET_SWITCHES],
	    db_param_int(arena, id), db_param_bool(home_public), db_param_bool(chat_on));
}

int db_accounts_get_profile(struct arena *arena, long long id, struct account_profile *out,
    bool *has_image)
{
	struct db_rows rows;
	int found = DB_RUN(arena, &rows, &db_accounts_sql[DB_ACCOUNTS_GET_PROFILE],
	    db_param_int(arena, id));
	if (found <= 0)
		return found;
	out->name = db_value(&rows, 0, PROFILE_NAME);
	out->intro = db_value(&rows, 0, PROFILE_INTRO);
	out->homepage = db_value(&rows, 0, PROFILE_HOMEPAGE);
	out->phone = db_value(&rows, 0, PROFILE_PHONE);
	out->category1 = db_value(&rows, 0, PROFILE_CATEGORY1);
	out->category2 = db_value(&rows, 0, PROFILE_CATEGORY2);
	has_image[ACCOUNT_IMAGE_PROFILE] = db_bool(&rows, 0, PROFILE_HAS_PROFILE_IMAGE);
	has_image[ACCOUNT_IMAGE_BACKGROUND] = db_bool(&rows, 0, PROFILE_HAS_BACKGROUND_IMAGE);
	return 1;
}

int db_accounts_update_profile(struct arena *arena, long long id,
    const struct account_profile *profile, const struct account_image_file *images,
    const char **old_names)
{
	struct db_rows rows;
	const struct account_image_file *picture = &images[ACCOUNT_IMAGE_PROFILE];
	const struct account_image_file *background = &images[ACCOUNT_IMAGE_BACKGROUND];
	int updated = DB_RUN(arena, &rows, &db_accounts_sql[DB_ACCOUNTS_UPDATE_PROFILE],
	    db_param_int(arena, id), profile->name, profile->intro, profile->homepage,
	    profile->phone, profile->category1, profile->category2, picture->stored_name,
	    picture->mime, background->stored_name, background->mime);
	if (updated == DB_UNIQUE_VIOLATION)
		return 0;
	if (updated != 1)
		return updated < 0 ? updated : DB_ERROR;
	for (int i = 0; i < ACCOUNT_IMAGE__MAX; i++)
		old_names[i] = db_is_null(&rows, 0, i) ? NULL : db_value(&rows, 0, i);
	return 1;
}

int db_accounts_get_image(struct arena *arena, long long id, enum account_image which,
    struct account_image_file *out)
{
	struct db_rows rows;
	int found = DB_RUN(arena, &rows, &db_accounts_sql[DB_ACCOUNTS_GET_IMAGE],
	    db_param_int(arena, id));
	if (found <= 0)
		return found;
	int column = which == ACCOUNT_IMAGE_PROFILE ? IMAGE_PROFILE : IMAGE_BACKGROUND;
	if (db_is_null(&rows, 0, column))
		return 0;
	out->stored_name = db_value(&rows, 0, column);
	out->mime = db_value(&rows, 0, column + 1);
	return 1;
}

int db_accounts_schedule_delete(struct arena *arena, long long id)
{
	return DB_RUN(arena, NULL, &db_accounts_sql[DB_ACCOUNTS_SCHEDULE_DELETE],
	    db_param_int(arena, id));
}

int db_accounts_cancel_delete(struct arena *arena, long long id)
{
	return DB_RUN(arena, NULL, &db_accounts_sql[DB_ACCOUNTS_CANCEL_DELETE],
	    db_param_int(arena, id));
}

int db_accounts_list_pending(struct arena *arena, struct account_pending **out)
{
	struct db_rows rows;
	int count = db_run(arena, &rows, &db_accounts_sql[DB_ACCOUNTS_LIST_PENDING], 0, NULL);
	if (count < 0)
		return count;
	struct account_pending *list = arena_alloc(arena, sizeof(*list) * (size_t)(count + 1));
	for (int i = 0; i < count; i++) {
		list[i] = (struct account_pending) {
			.registration = {
				.code = db_value(&rows, i, PENDING_CODE),
				.name = db_value(&rows, i, PENDING_NAME),
				.kind = db_value(&rows, i, PENDING_KIND),
				.category1 = db_value(&rows, i, PENDING_CATEGORY1),
				.brn = db_value(&rows, i, PENDING_BRN),
				.company = db_value(&rows, i, PENDING_COMPANY),
				.representative = db_value(&rows, i, PENDING_REPRESENTATIVE),
			},
			.created = db_value(&rows, i, PENDING_CREATED),
			.master_email = db_value(&rows, i, PENDING_MASTER_EMAIL),
		};
	}
	*out = list;
	return count;
}

int db_accounts_session_timeout(struct arena *arena, long long account_id, long long *minutes)
{
	return DB_RUN_INT(arena, &db_accounts_sql[DB_ACCOUNTS_SESSION_TIMEOUT], minutes,
	    db_param_int(arena, account_id));
}

int db_accounts_set_session_timeout(struct arena *arena, long long account_id, long long minutes)
{
	return DB_RUN(arena, NULL, &db_accounts_sql[DB_ACCOUNTS_SET_SESSION_TIMEOUT],
	    db_param_int(arena, account_id), db_param_int(arena, minutes));
}

int db_accounts_delete_due(struct arena *arena, long long limit, const char ***files,
    const char ***codes)
{
	struct db_rows rows;
	int count = DB_RUN(arena, &rows, &db_accounts_sql[DB_ACCOUNTS_DELETE_DUE],
	    db_param_int(arena, limit));
	if (count < 0)
		return count;
	const char **names = arena_alloc(arena, ((size_t)count + 1) * sizeof(*names));
	const char **gone = arena_alloc(arena, ((size_t)count + 1) * sizeof(*gone));
	int file_count = 0, code_count = 0;
	for (int i = 0; i < count; i++) {
		if (!db_is_null(&rows, i, 0))
			names[file_count++] = db_value(&rows, i, 0);
		else
			gone[code_count++] = db_value(&rows, i, 1);
	}
	names[file_count] = NULL;
	gone[code_count] = NULL;
	*files = names;
	*codes = gone;
	return code_count;
}

int db_accounts_exists(struct arena *arena, const char *code)
{
	return DB_RUN(arena, NULL, &db_accounts_sql[DB_ACCOUNTS_EXISTS], code);
}

/* Columns of DB_ACCOUNTS_GET_FOR_CUSTOMERS. */
enum {
	CUSTOMERS_ID, CUSTOMERS_CODE, CUSTOMERS_NAME, CUSTOMERS_INTRO, CUSTOMERS_STATUS,
	CUSTOMERS_HOME_PUBLIC, CUSTOMERS_CHAT_ON, CUSTOMERS_HAS_PROFILE_IMAGE,
	CUSTOMERS_HAS_BACKGROUND_IMAGE, CUSTOMERS_TIME_ZONE
};

int db_accounts_get_for_customers(struct arena *arena, const char *code,
    struct chat_account *out)
{
	struct db_rows rows;
	int found = DB_RUN(arena, &rows, &db_accounts_sql[DB_ACCOUNTS_GET_FOR_CUSTOMERS], code);
	if (found <= 0)
		return found;
	out->id = db_int(&rows, 0, CUSTOMERS_ID);
	out->code = db_value(&rows, 0, CUSTOMERS_CODE);
	out->name = db_value(&rows, 0, CUSTOMERS_NAME);
	out->intro = db_value(&rows, 0, CUSTOMERS_INTRO);
	out->status = db_value(&rows, 0, CUSTOMERS_STATUS);
	out->approved = strcmp(out->status, "approved") == 0;
	out->home_public = db_bool(&rows, 0, CUSTOMERS_HOME_PUBLIC);
	out->chat_on = db_bool(&rows, 0, CUSTOMERS_CHAT_ON);
	out->has_profile_image = db_bool(&rows, 0, CUSTOMERS_HAS_PROFILE_IMAGE);
	out->has_background_image = db_bool(&rows, 0, CUSTOMERS_HAS_BACKGROUND_IMAGE);
	out->time_zone = db_value(&rows, 0, CUSTOMERS_TIME_ZONE);
	return 1;
}

int db_accounts_find_approved(struct arena *arena, const char *code, long long *id)
{
	return DB_RUN_INT(arena, &db_accounts_sql[DB_ACCOUNTS_FIND_APPROVED], id, code);
}

int db_accounts_lock(struct arena *arena, long long id)
{
	return DB_RUN(arena, NULL, &db_accounts_sql[DB_ACCOUNTS_LOCK], db_param_int(arena, id));
}

/* Counts the rows of each kind of DB_ACCOUNTS_CHOICES and makes their arrays. */
static void db_accounts_choices_alloc(struct arena *arena, const struct db_rows *rows,
    struct account_choices *out)
{
	int counts[3] = { 0 };
	for (int i = 0; i < rows->count; i++)
		counts[db_int(rows, i, CHOICE_KIND)]++;
	*out = (struct account_choices) {
		.labels = arena_alloc(arena, ((size_t)counts[CHOICE_LABEL] + 1) * sizeof(*out->labels)),
		.members = arena_alloc(arena,
		    ((size_t)counts[CHOICE_MEMBER] + 1) * sizeof(*out->members)),
		.groups = arena_alloc(arena, ((size_t)counts[CHOICE_GROUP] + 1) * sizeof(*out->groups)),
	};
}

struct db_query db_accounts_choices_query(struct arena *arena, long long account_id,
    long long room_id)
{
	return DB_QUERY(&db_accounts_sql[DB_ACCOUNTS_CHOICES], db_param_int(arena, account_id),
	    room_id != 0 ? db_param_int(arena, room_id) : NULL);
}

int db_accounts_choices(struct arena *arena, long long account_id, long long room_id,
    struct account_choices *out)
{
	struct db_query query = db_accounts_choices_query(arena, account_id, room_id);
	db_run_queries(arena, &query, 1);
	return db_accounts_choices_rows(arena, &query, out);
}

int db_accounts_choices_rows(struct arena *arena, const struct db_query *query,
    struct account_choices *out)
{
	const struct db_rows *rows = &query->rows;
	int found = query->result;
	if (found < 0)
		return found;
	db_accounts_choices_alloc(arena, rows, out);
	for (int i = 0; i < found; i++) {
		long long id = db_int(rows, i, CHOICE_ID);
		const char *name = db_value(rows, i, CHOICE_NAME);
		switch (db_int(rows, i, CHOICE_KIND)) {
		case CHOICE_LABEL:
			out->labels[out->label_count++] = (struct label) { .id = id, .name = name,
				.color = db_value(rows, i, CHOICE_COLOR),
				.on_room = db_bool(rows, i, CHOICE_ON_ROOM) };
			break;
		case CHOICE_MEMBER:
			out->members[out->member_count++] = (struct member_name) { id, name };
			break;
		default:
			out->groups[out->group_count++] = (struct friend_group) { .id = id, .name = name };
		}
	}
	return found;
}

int db_accounts_assign_get(struct arena *arena, long long account_id, bool *on, long long *limit)
{
	struct db_rows rows;
	int found = DB_RUN(arena, &rows, &db_accounts_sql[DB_ACCOUNTS_ASSIGN_GET],
	    db_param_int(arena, account_id));
	if (found <= 0)
		return found;
	*on = db_bool(&rows, 0, ASSIGN_ON);
	*limit = db_int(&rows, 0, ASSIGN_LIMIT);
	return 1;
}

int db_accounts_set_assign(struct arena *arena, long long account_id, bool on, long long limit)
{
	return DB_RUN(arena, NULL, &db_accounts_sql[DB_ACCOUNTS_SET_ASSIGN],
	    db_param_int(arena, account_id), db_param_bool(on), db_param_int(arena, limit));
}

int db_accounts_get_registration(struct arena *arena, long long id,
    struct account_registration *out)
{
	struct db_rows rows;
	int found = DB_RUN(arena, &rows, &db_accounts_sql[DB_ACCOUNTS_GET_REGISTRATION],
	    db_param_int(arena, id));
	if (found <= 0)
		return found;
	*out = (struct account_registration) {
		.code = db_value(&rows, 0, 0), .kind = db_value(&rows, 0, 1),
		.name = db_value(&rows, 0, 2), .category1 = db_value(&rows, 0, 3),
		.brn = db_value(&rows, 0, 4), .company = db_value(&rows, 0, 5),
		.representative = db_value(&rows, 0, 6),
	};
	return 1;
}

int db_accounts_resubmit(struct arena *arena, long long id,
    const struct account_registration *account)
{
	return DB_RUN(arena, NULL, &db_accounts_sql[DB_ACCOUNTS_RESUBMIT], db_param_int(arena, id),
	    account->kind, account->name, account->category1, account->brn, account->company,
	    account->representative);
}

int db_accounts_retention(struct arena *arena, long long account_id, long long *years)
{
	return DB_RUN_INT(arena, &db_accounts_sql[DB_ACCOUNTS_RETENTION], years,
	    db_param_int(arena, account_id));
}

int db_accounts_set_retention(struct arena *arena, long long account_id, long long years)
{
	return DB_RUN(arena, NULL, &db_accounts_sql[DB_ACCOUNTS_SET_RETENTION],
	    db_param_int(arena, account_id), db_param_int(arena, years));
}

int db_accounts_reply_assigns(struct arena *arena, long long account_id, bool *on)
{
	long long value = 0;
	int found = DB_RUN_INT(arena, &db_accounts_sql[DB_ACCOUNTS_REPLY_ASSIGNS], &value,
	    db_param_int(arena, account_id));
	*on = value != 0;
	return found;
}

int db_accounts_set_reply_assigns(struct arena *arena, long long account_id, bool on)
{
	return DB_RUN(arena, NULL, &db_accounts_sql[DB_ACCOUNTS_SET_REPLY_ASSIGNS],
	    db_param_int(arena, account_id), db_param_bool(on));
}
