/* chat: customers, rooms and messages; each change is one transaction that
 * also queues the NOTIFY which the events program turns into live updates. */
#include "chat.h"
#include "arena.h"
#include "auth.h"
#include "db.h"
#include "http.h"
#include "session.h"
#include "text.h"
#include "upload.h"
#include "view.h"

#include <string.h>

#define CHAT_CUSTOMER_COOKIE "sd_customer"

const char *chat_customer_key(struct request *req, bool create)
{
	const char *key = http_cookie(req, CHAT_CUSTOMER_COOKIE);
	if (key != NULL && strlen(key) == 43)
		return key;
	if (!create)
		return NULL;
	key = auth_new_token(req->arena);
	http_set_cookie(req, CHAT_CUSTOMER_COOKIE, key, 365L * 24 * 3600);
	return key;
}

static void chat_customer_from_row(const struct db_rows *rows, struct chat_customer *out)
{
	out->id = db_int(rows, 0, 0);
	out->number = db_int(rows, 0, 1);
	out->display_name = db_value(rows, 0, 2);
	out->is_friend = db_bool(rows, 0, 3);
	out->blocked = db_bool(rows, 0, 4);
	out->room_id = db_is_null(rows, 0, 5) ? 0 : db_int(rows, 0, 5);
}

int chat_customer_find(struct request *req, long long account_id, const char *key,
    struct chat_customer *out)
{
	struct db_rows rows;
	int found = DB_EXEC(req->arena, &rows,
	    "SELECT c.id, c.number, c.display_name, c.is_friend, c.blocked, r.id "
	    "FROM customers c LEFT JOIN rooms r ON r.customer_id = c.id AND r.account_id = c.account_id "
	    "WHERE c.account_id = $1 AND c.key_hash = $2",
	    db_param_int(req->arena, account_id), auth_token_hash(req->arena, key));
	if (found == 1)
		chat_customer_from_row(&rows, out);
	return found;
}

int chat_customer_ensure(struct request *req, long long account_id, const char *key,
    struct chat_customer *out)
{
	int found = chat_customer_find(req, account_id, key, out);
	if (found != 0)
		return found;
	const char *account = db_param_int(req->arena, account_id);
	/* The account row numbers its customers; a parallel first visit of the
	 * same browser loses the insert and finds the winner's row. */
	int created = DB_EXEC(req->arena, NULL,
	    "WITH next AS (UPDATE accounts SET customer_count = customer_count + 1 WHERE id = $1 "
	    "RETURNING customer_count) INSERT INTO customers (account_id, key_hash, number) "
	    "SELECT $1, $2, customer_count FROM next ON CONFLICT (account_id, key_hash) DO NOTHING",
	    account, auth_token_hash(req->arena, key));
	if (created < 0)
		return created;
	return chat_customer_find(req, account_id, key, out);
}

int chat_notify(struct request *req, long long account_id, long long room_id, const char *kind)
{
	int result = DB_EXEC(req->arena, NULL,
	    "SELECT pg_notify('sangdam', json_build_object('a', $1::bigint, 'r', $2::bigint, "
	    "'k', $3::text)::text)",
	    db_param_int(req->arena, account_id), db_param_int(req->arena, room_id), kind);
	return result < 0 ? result : 0;
}

/* Stores the attachment of input (if any) for room; sets *attachment_id to its
 * id as text or NULL, and *stored to the file name for removal on failure. */
static int chat_store_attachment(struct request *req, long long account_id, const char *room,
    const struct chat_input *input, const char **attachment_id, const char **stored)
{
	*attachment_id = NULL;
	if (input->file == NULL)
		return 0;
	if (*stored == NULL
	    && upload_store(req->arena, input->file->data, input->file->size, stored) != 0)
		return DB_ERROR;
	struct db_rows rows;
	int inserted = DB_EXEC(req->arena, &rows,
	    "INSERT INTO attachments (account_id, room_id, stored_name, mime, display_name, size, "
	    "is_image) VALUES ($1, $2, $3, $4, $5, $6, $4 LIKE 'image/%') RETURNING id",
	    db_param_int(req->arena, account_id), room, *stored, input->mime,
	    upload_display_name(req->arena, input->file->filename),
	    db_param_int(req->arena, (long long)input->file->size));
	if (inserted != 1)
		return DB_ERROR;
	*attachment_id = db_value(&rows, 0, 0);
	return 0;
}

/* Inserts the message row; 1 stored, 0 duplicate client id, <0 error. */
static int chat_insert_message(struct request *req, long long account_id, const char *room,
    const char *sender, const struct chat_input *input, const char *attachment_id)
{
	const char *kind = input->friend_request ? "friend_request" : input->file == NULL ? "text"
	    : strncmp(input->mime, "image/", 6) == 0 ? "image" : "file";
	const char *partner = strcmp(sender, "agent") == 0
	    ? db_param_int(req->arena, req->session->partner_id) : NULL;
	return DB_EXEC(req->arena, NULL,
	    "INSERT INTO messages (account_id, room_id, sender, partner_id, kind, body, "
	    "attachment_id, client_id) VALUES ($1, $2, $3, $4, $5, $6, $7, $8) "
	    "ON CONFLICT (room_id, client_id) DO NOTHING",
	    db_param_int(req->arena, account_id), room, sender, partner, kind, input->text,
	    attachment_id, input->client_id);
}

/* The text the inbox shows as the room's last message. */
static const char *chat_summary(struct request *req, const struct chat_input *input)
{
	if (input->text != NULL && *input->text != '\0')
		return input->text;
	return upload_display_name(req->arena, input->file != NULL ? input->file->filename : "");
}

/* Commits, or rolls back and removes the stored file; returns result or <0. */
static int chat_finish(struct request *req, int result, const char *stored)
{
	if (result == CHAT_OK && db_commit(req->arena) == 0)
		return CHAT_OK;
	db_rollback(req->arena);
	if (stored != NULL)
		upload_remove(stored);
	return result == CHAT_OK ? DB_ERROR : result;
}

/* Creates the customer's room on the first message; returns its id as text. */
static const char *chat_open_room(struct request *req, long long account_id,
    struct chat_customer *customer, const char *ref, const char *referrer)
{
	struct db_rows rows;
	if (DB_EXEC(req->arena, &rows,
		"INSERT INTO rooms (account_id, customer_id, ref, referrer) VALUES ($1, $2, $3, $4) "
		"ON CONFLICT (account_id, customer_id) DO UPDATE SET account_id = EXCLUDED.account_id "
		"RETURNING id",
		db_param_int(req->arena, account_id), db_param_int(req->arena, customer->id),
		ref != NULL ? ref : "", referrer != NULL ? referrer : "") != 1)
		return NULL;
	customer->room_id = db_int(&rows, 0, 0);
	return db_value(&rows, 0, 0);
}

int chat_post_customer(struct request *req, long long account_id, struct chat_customer *customer,
    const struct chat_input *input, const char *ref, const char *referrer)
{
	if (customer->blocked)
		return CHAT_BLOCKED;
	const char *stored = NULL, *attachment_id;
	if (db_begin(req->arena) != 0)
		return DB_ERROR;
	const char *room = chat_open_room(req, account_id, customer, ref, referrer);
	int result = room == NULL ? DB_ERROR
	    : chat_store_attachment(req, account_id, room, input, &attachment_id, &stored);
	if (result == 0) {
		result = chat_insert_message(req, account_id, room, "customer", input, attachment_id);
		result = result == 1 ? CHAT_OK : result == 0 ? CHAT_DUPLICATE : result;
	}
	if (result == CHAT_OK
	    && (DB_EXEC(req->arena, NULL,
		    "UPDATE rooms SET status = 'unread', unread_count = unread_count + 1, hidden = false, "
		    "last_message_at = now(), last_message_text = left($3, 100), "
		    "last_customer_message_at = now() WHERE id = $1 AND account_id = $2",
		    room, db_param_int(req->arena, account_id), chat_summary(req, input)) != 1
		|| chat_notify(req, account_id, customer->room_id, "message") != 0))
		result = DB_ERROR;
	return chat_finish(req, result, stored);
}

int chat_post_agent(struct request *req, long long account_id, long long room_id,
    const struct chat_input *input)
{
	const char *room = db_param_int(req->arena, room_id);
	const char *account = db_param_int(req->arena, account_id);
	if (db_begin(req->arena) != 0)
		return DB_ERROR;
	struct db_rows rows;
	int found = DB_EXEC(req->arena, &rows,
	    "SELECT r.last_customer_message_at > now() - make_interval(mins => a.session_timeout_minutes), "
	    "c.is_friend FROM rooms r JOIN accounts a ON a.id = r.account_id "
	    "JOIN customers c ON c.id = r.customer_id AND c.account_id = r.account_id "
	    "WHERE r.id = $1 AND r.account_id = $2 FOR UPDATE OF r", room, account);
	int refusal = found <= 0 ? found : !db_bool(&rows, 0, 0) ? CHAT_SESSION_ENDED
	    : input->friend_request && db_bool(&rows, 0, 1) ? CHAT_ALREADY_FRIEND : CHAT_OK;
	if (refusal != CHAT_OK) {
		db_rollback(req->arena);
		return refusal;
	}
	const char *stored = NULL, *attachment_id;
	int result = chat_store_attachment(req, account_id, room, input, &attachment_id, &stored);
	if (result == 0) {
		result = chat_insert_message(req, account_id, room, "agent", input, attachment_id);
		result = result == 1 ? CHAT_OK : result == 0 ? CHAT_DUPLICATE : result;
	}
	if (result == CHAT_OK
	    && (DB_EXEC(req->arena, NULL,
		    "UPDATE rooms SET status = 'answered', unread_count = 0, last_message_at = now(), "
		    "last_message_text = left($3, 100) WHERE id = $1 AND account_id = $2",
		    room, account, chat_summary(req, input)) != 1
		|| chat_notify(req, account_id, room_id, "message") != 0))
		result = DB_ERROR;
	return chat_finish(req, result, stored);
}

int chat_unread_totals(struct request *req, long long account_id, long long *account,
    long long *all)
{
	struct db_rows rows;
	int found = DB_EXEC(req->arena, &rows,
	    "SELECT coalesce(sum(r.unread_count) FILTER (WHERE r.account_id = $2), 0), "
	    "coalesce(sum(r.unread_count), 0) FROM members m JOIN rooms r "
	    "ON r.account_id = m.account_id AND r.unread_count > 0 AND NOT r.hidden "
	    "WHERE m.partner_id = $1",
	    db_param_int(req->arena, req->session != NULL ? req->session->partner_id : 0),
	    db_param_int(req->arena, account_id));
	if (found != 1)
		return DB_ERROR;
	*account = db_int(&rows, 0, 0);
	*all = db_int(&rows, 0, 1);
	return 0;
}

int chat_rate_allow(struct request *req, const char *key, int limit, int window_seconds)
{
	struct db_rows rows;
	int found = DB_EXEC(req->arena, &rows,
	    "INSERT INTO rate_counters AS c (key, window_start, count) VALUES ($1, now(), 1) "
	    "ON CONFLICT (key) DO UPDATE SET "
	    "count = CASE WHEN c.window_start < now() - make_interval(secs => $2::int) "
	    "THEN 1 ELSE c.count + 1 END, "
	    "window_start = CASE WHEN c.window_start < now() - make_interval(secs => $2::int) "
	    "THEN now() ELSE c.window_start END RETURNING count",
	    key, db_param_int(req->arena, window_seconds));
	if (found != 1)
		return DB_ERROR;
	return db_int(&rows, 0, 0) <= limit ? 1 : 0;
}

const char *chat_customer_label(struct request *req, const char *display_name, long long number)
{
	if (display_name != NULL && *display_name != '\0')
		return display_name;
	const char *pattern = view_text(req->lang, "chat.customer_default");
	const char *at = strstr(pattern, "{number}");
	if (at == NULL)
		return arena_printf(req->arena, "%s%04lld", pattern, number);
	return arena_printf(req->arena, "%.*s%04lld%s", (int)(at - pattern), pattern, number,
	    at + strlen("{number}"));
}
