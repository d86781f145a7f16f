/* worker: what the worker's files share: the backup writer (export.c), the
 * backup jobs and sweeps (backup.c), restore (restore.c) and retention
 * (retention.c). */
#ifndef SANGDAM_WORKER_H
#define SANGDAM_WORKER_H

#include <stdatomic.h>
#include <stdbool.h>

struct arena;
struct backup_job;

/* Shared between the thread writing a backup and the one watching it. */
struct export_progress {
	atomic_llong done;   /* messages written */
	atomic_llong total;  /* messages in the snapshot */
	atomic_bool cancel;  /* set by the watcher: stop and fail */
};

/* export.c: writes backup job as one file under export_dir, inside one
 * REPEATABLE READ READ ONLY snapshot on this thread's connection, streaming
 * rows through cursors (EXP-2..4). Sets *file_name (arena, a name under
 * export_dir) and *size (bytes). 0, or -1 with *error set to a short code
 * ("cancelled", "write", "database", "zip"); a partial file is removed. */
int export_write(struct arena *arena, const struct backup_job *job,
    struct export_progress *progress, const char **file_name, long long *size,
    const char **error);

/* Removes every file and folder of backup id under export_dir that a
 * stopped or failed run left ("ID-..."). */
void export_remove_partial(long long id);

/* Removes the finished file file_name under export_dir; 0 or -1. */
int export_remove(const char *file_name);

/* The folder of backups (config export_dir); NULL (logged) when unset. */
const char *export_dir(void);

/* backup.c: the job kind "backup" (payload {"backup": ID}): 0 done (or
 * cancelled), -1 failed (the job is tried again later). */
int backup_job_run(struct arena *arena, const char *account_id, const char *payload);

/* Writes backup id at once (retention, deletion), kept for the operator
 * when keep: 0 done, or -1. */
int backup_run_now(struct arena *arena, long long id, bool keep);

/* The sweeps: expired files removed, backups of stopped workers failed.
 * The number of backups changed, or -1. */
int backup_sweep(struct arena *arena);

/* retention.c: the daily retention of the accounts due (CHAT-19, EXP-6):
 * the number of accounts whose old messages went, or -1. */
int retention_sweep(struct arena *arena);

/* Writes the backup kept for the operator of every account whose deletion
 * time has come (ACC-8); the accounts are deleted only once it is ready.
 * The number of accounts, or -1. */
int retention_backup_before_deletion(struct arena *arena);

/* restore.c: `worker restore-account FILE (--owner EMAIL | --into CODE)`
 * (EXP-5). Exit status: 0, 1 refused or failed. */
int restore_account(const char *file, const char *option, const char *value);

#endif
