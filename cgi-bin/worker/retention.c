/* retention: the daily retention (CHAT-19, EXP-6): for every account with
 * messages older than its retention years, a zip backup of exactly those
 * messages first, then, once it is ready, the messages and their attachment
 * files are deleted through the database function retention_delete, which
 * refuses without that backup. And the backup written before an account is
 * deleted (ACC-8), kept for the operator. */
#include "worker.h"
#include "arena.h"
#include "db.h"
#include "db_backups.h"
#include "history.h"
#include "log.h"
#include "upload.h"

/* Backs up account_id's messages before before, then deletes them. */
static int retention_account(struct arena *arena, const struct retention_due *due)
{
	struct backup_request request = {
		.account_id = due->account_id, .scope = "account", .reason = "retention",
		.format = "zip", .before = due->before,
	};
	long long id;
	if (db_backups_start(arena, &request, &id) != 1 || backup_run_now(arena, id, false) != 0)
		return -1;
	const char **files;
	if (db_begin(arena) != 0)
		return -1;
	int count = db_backups_retention_delete(arena, due->account_id, due->before, id, &files);
	if (count < 0 || history_add_for(arena, due->account_id, 0, HISTORY_BACKUPS,
	    "retention_delete", due->before, NULL, NULL) != 1 || db_commit(arena) != 0) {
		db_rollback(arena);
		return -1;
	}
	for (int i = 0; i < count; i++)
		upload_remove(files[i]);
	log_info("worker: retention deleted the messages of account %lld before %s (backup %lld)",
	    due->account_id, due->before, id);
	return 1;
}

int retention_sweep(struct arena *arena)
{
	struct retention_due *due;
	int count = db_backups_retention_due(arena, &due);
	int done = 0;
	for (int i = 0; i < count; i++)
		if (due[i].has_old && retention_account(arena, &due[i]) > 0)
			done++;
	return count < 0 ? -1 : done;
}

int retention_backup_before_deletion(struct arena *arena)
{
	long long *ids;
	int count = db_backups_deletion_due(arena, &ids);
	for (int i = 0; i < count; i++) {
		struct backup_request request = {
			.account_id = ids[i], .scope = "account", .reason = "deletion", .format = "zip",
		};
		long long id;
		if (db_backups_start(arena, &request, &id) != 1 || backup_run_now(arena, id, true) != 0)
			log_error("worker: the backup before deleting account %lld failed", ids[i]);
	}
	return count;
}
