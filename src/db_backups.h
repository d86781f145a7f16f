/* db_backups: the queries of table backups, the consultation history files
 * members and the operator start and the worker writes (EXP-1..6). */
#ifndef SANGDAM_DB_BACKUPS_H
#define SANGDAM_DB_BACKUPS_H

#include <stdbool.h>

struct arena;

/* What to back up: account_id 0 means every account (the operator's). */
struct backup_request {
	long long account_id;
	const char *scope;  /* "account" or "all" */
	const char *reason; /* "member", "operator", "retention" or "deletion" */
	const char *format; /* "csv", "jsonl" or "zip" */
	const char *from;   /* YYYY-MM-DD in the account's time zone, or NULL (all time) */
	const char *to;     /* YYYY-MM-DD inclusive, or NULL (up to the start) */
	const char *before; /* a timestamptz the period ends at (retention), or NULL */
	long long partner_id; /* who started it; 0 for the worker */
};

/* One backup as the pages list it. Times are "YYYY-MM-DD HH:MI" in the
 * account's time zone (UTC for the operator's). */
struct backup {
	long long id;
	const char *account_code;
	const char *reason;
	const char *format;
	const char *status;     /* queued, running, ready, failed, cancelled, expired */
	long long done, total;  /* messages */
	long long size;         /* bytes of the ready file; 0 otherwise */
	const char *file_name;  /* "" unless ready */
	const char *period_from; /* YYYY-MM-DD, "" for all time */
	const char *period_to;   /* YYYY-MM-DD inclusive, "" for up to the start */
	const char *created;
	const char *expires;    /* "" when kept for the operator or not ready */
};

/* Inserts a queued backup and its job (kind "backup") and wakes a worker.
 * Sets *id. 1, or <0 error. */
int db_backups_start(struct arena *arena, const struct backup_request *request, long long *id);

/* Sets *count to the backups that members of account_id started and that
 * are queued or running. 0, or <0 error. */
int db_backups_active(struct arena *arena, long long account_id, long long *count);

/* The newest 30 backups of account_id (account_id 0: the operator's list:
 * every account's backups and those kept from deleted accounts), newest
 * first, in *out (arena). The count, or <0. */
int db_backups_list(struct arena *arena, long long account_id, struct backup **out);

/* Backup id of account_id (0: any, for the operator) in *out: 1, 0 when
 * there is none (or it is another account's), <0. */
int db_backups_get(struct arena *arena, long long account_id, long long id, struct backup *out);

/* Cancels backup id of account_id (0: any) while queued or running:
 * 1, 0 when it is not (any more), <0. */
int db_backups_cancel(struct arena *arena, long long account_id, long long id);

/* ---- for the worker ---- */

/* A backup being written: what the worker needs. */
struct backup_job {
	long long id;
	long long account_id;   /* 0 for every account */
	const char *scope, *reason, *format;
	const char *period_from; /* timestamptz text, or NULL */
	const char *period_to;   /* timestamptz text, or NULL */
	const char *lang;        /* the starter's language (the CSV's words), else "ko" */
};

/* Marks backup id running (from queued, or failed for a retry) with a fresh
 * heartbeat and fills *out: 1, 0 when it was cancelled or is done, <0. */
int db_backups_begin(struct arena *arena, long long id, struct backup_job *out);

/* Records progress and the heartbeat of running backup id: 1, 0 when it is
 * no longer running (cancelled), <0. */
int db_backups_progress(struct arena *arena, long long id, long long done, long long total);

/* Marks running backup id ready with file_name and size bytes; it expires
 * after 7 days unless keep (deletion backups stay for the operator).
 * 1, 0 when it was cancelled meanwhile, <0. */
int db_backups_finish(struct arena *arena, long long id, const char *file_name, long long size,
    bool keep);

/* Marks running backup id failed with a short error code: 1, 0, <0. */
int db_backups_fail(struct arena *arena, long long id, const char *error);

/* Marks up to 100 ready backups past their expiry expired; their file names
 * in *files (arena), for the caller to remove. The count, or <0. */
int db_backups_expire_due(struct arena *arena, const char ***files);

/* Marks backups whose worker gave no sign of life for 2 minutes failed and
 * makes their jobs due again (a killed worker, EXP faults); their ids in
 * *ids (arena) so that partial files can be removed. The count, or <0. */
int db_backups_fail_stale(struct arena *arena, long long **ids);

/* ---- retention (CHAT-19, EXP-6) and deletion (ACC-8) ---- */

/* An account looked at by the daily retention: messages before before
 * (timestamptz text) are past its retention; has_old when there are any. */
struct retention_due {
	long long account_id;
	const char *before;
	bool has_old;
};

/* Marks up to 20 accounts not looked at for a day as looked at and lists
 * them in *out (arena). The count, or <0. (Reads and changes accounts.) */
int db_backups_retention_due(struct arena *arena, struct retention_due **out);

/* Deletes account_id's messages before before and their attachments through
 * the database function retention_delete, which refuses (<0) unless the
 * ready retention backup backup_id covers them; the deleted attachments'
 * stored names in *files (arena) for the caller to remove after its
 * commit. The count of files, or <0. */
int db_backups_retention_delete(struct arena *arena, long long account_id, const char *before,
    long long backup_id, const char ***files);

/* Up to 20 accounts whose deletion time has come that have no ready
 * deletion backup yet, in *ids (arena). The count, or <0. */
int db_backups_deletion_due(struct arena *arena, long long **ids);

#endif
