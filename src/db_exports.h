/* db_exports: the reads of a consultation history backup (EXP-2, EXP-4):
 * an account's messages, rooms, customers and attachments through cursors
 * inside one REPEATABLE READ READ ONLY snapshot (db_begin_snapshot), fetched
 * 10,000 rows at a time so that no result is ever held whole. */
#ifndef SANGDAM_DB_EXPORTS_H
#define SANGDAM_DB_EXPORTS_H

struct arena;
struct db_rows;

enum export_cursor {
	EXPORT_MESSAGES,
	EXPORT_ROOMS,
	EXPORT_CUSTOMERS,
	EXPORT_ATTACHMENTS,
	EXPORT__MAX
};

/* Columns of EXPORT_MESSAGES, in time order (local and UTC times, sender
 * "customer", "automatic" or "member" with the member's email and name,
 * attachment path inside a zip backup). */
enum export_message_column {
	EXPORT_MESSAGE_ID, EXPORT_MESSAGE_ACCOUNT, EXPORT_MESSAGE_ROOM, EXPORT_MESSAGE_ROOM_NAME,
	EXPORT_MESSAGE_CUSTOMER_KEY, EXPORT_MESSAGE_CUSTOMER_NUMBER, EXPORT_MESSAGE_CUSTOMER_NAME,
	EXPORT_MESSAGE_INFLOW, EXPORT_MESSAGE_REFERRER, EXPORT_MESSAGE_LOCAL_TIME,
	EXPORT_MESSAGE_UTC_TIME, EXPORT_MESSAGE_SENDER, EXPORT_MESSAGE_MEMBER_EMAIL,
	EXPORT_MESSAGE_MEMBER_NAME, EXPORT_MESSAGE_KIND, EXPORT_MESSAGE_TEXT,
	EXPORT_MESSAGE_ATTACHMENT_NAME, EXPORT_MESSAGE_ATTACHMENT_PATH,
	EXPORT_MESSAGE_ATTACHMENT_TYPE, EXPORT_MESSAGE_ATTACHMENT_SIZE,
	EXPORT_MESSAGE__MAX
};

/* Columns of EXPORT_ROOMS; labels as text ("a, b") and as a JSON array of
 * {"name", "color"} objects. */
enum export_room_column {
	EXPORT_ROOM_ID, EXPORT_ROOM_CUSTOMER_KEY, EXPORT_ROOM_NAME, EXPORT_ROOM_MEMO,
	EXPORT_ROOM_STATUS, EXPORT_ROOM_INFLOW, EXPORT_ROOM_REFERRER, EXPORT_ROOM_IMPORTANT,
	EXPORT_ROOM_CREATED, EXPORT_ROOM_LABELS, EXPORT_ROOM_LABELS_JSON,
	EXPORT_ROOM__MAX
};

/* Columns of EXPORT_CUSTOMERS. */
enum export_customer_column {
	EXPORT_CUSTOMER_KEY, EXPORT_CUSTOMER_NUMBER, EXPORT_CUSTOMER_NAME, EXPORT_CUSTOMER_FRIEND,
	EXPORT_CUSTOMER_FRIEND_SINCE, EXPORT_CUSTOMER_BLOCKED, EXPORT_CUSTOMER_CREATED,
	EXPORT_CUSTOMER__MAX
};

/* Columns of EXPORT_ATTACHMENTS: the attachments of the period's messages. */
enum export_attachment_column {
	EXPORT_ATTACHMENT_PATH, EXPORT_ATTACHMENT_STORED, EXPORT_ATTACHMENT_SIZE,
	EXPORT_ATTACHMENT__MAX
};

/* One account of a backup, read in the snapshot. */
struct export_account {
	long long id;
	const char *code, *name, *kind, *category1, *time_zone, *brn, *company, *representative;
};

/* The accounts a backup covers: account_id's, or every account when 0;
 * in *out (arena). The count, or <0. */
int db_exports_accounts(struct arena *arena, long long account_id, struct export_account **out);

/* Messages of account_id in [from, to) (timestamptz texts; NULL for no
 * bound) in *count: 1, or <0. */
int db_exports_count(struct arena *arena, long long account_id, const char *from, const char *to,
    long long *count);

/* Starts streaming cursor's table of account_id (messages and attachments
 * within [from, to); all rooms and customers, which ignore the period) by
 * COPY, whose plan may run in parallel: 0, or <0. Until its rows have all
 * been fetched or db_exports_close has run, the connection takes no other
 * statement. */
int db_exports_open(struct arena *arena, enum export_cursor cursor, long long account_id,
    const char *from, const char *to);

/* The next up to 10,000 rows of cursor in *rows (freed with arena): the
 * count (0 at the end), or <0. */
int db_exports_fetch(struct arena *arena, enum export_cursor cursor, struct db_rows *rows);

/* Ends the stream early (a cancel or a failed write), or does nothing when
 * it has ended. */
void db_exports_close(void);

#endif
