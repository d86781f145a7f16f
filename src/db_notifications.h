/* db_notifications: the queries of table notifications (each partner's
 * latest notifications, LOG-3). */
#ifndef SANGDAM_DB_NOTIFICATIONS_H
#define SANGDAM_DB_NOTIFICATIONS_H

#include <stdbool.h>

struct arena;

/* One notification as the list shows it (strings in the arena). */
struct notification_row {
	long long id;
	const char *kind;          /* catalog text "notification.KIND" */
	const char *code;          /* the account's code, "" when it is gone */
	const char *account_name;  /* as it was when written */
	const char *who;           /* the partner or address it is about, may be "" */
	const char *created;       /* "YYYY-MM-DD HH:MI", Korean time */
	bool unread;
};

/* Adds a notification of kind for partner_id about account_id (0: none)
 * and who (may be ""), and deletes the partner's older ones beyond the
 * newest keep - 1 so that keep remain. 1, or <0 error. */
int db_notifications_insert(struct arena *arena, long long partner_id, const char *kind,
    long long account_id, const char *who, long long keep);

/* The same for every member of account_id but except_partner_id (0: none).
 * Rows inserted (>= 0), or <0 error. */
int db_notifications_insert_members(struct arena *arena, long long account_id,
    long long except_partner_id, const char *kind, const char *who, long long keep);

/* partner_id's newest notifications, at most max into out. Rows filled, or
 * <0 error. */
int db_notifications_list(struct arena *arena, long long partner_id,
    struct notification_row *out, int max);

/* Marks every notification of partner_id read. Rows changed, or <0 error. */
int db_notifications_mark_read(struct arena *arena, long long partner_id);

#endif
