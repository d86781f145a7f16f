/* backup: the worker's backup jobs (EXP-1, EXP-4): a thread with its own
 * connection writes the file inside its snapshot while this thread records
 * the progress every half second and watches for a cancellation; and the
 * sweeps of expired files and of backups whose worker stopped. */
#include "worker.h"
#include "arena.h"
#include "db.h"
#include "db_backups.h"
#include "log.h"

#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

/* One backup being written by the thread. */
struct backup_thread {
	const struct backup_job *job;
	struct export_progress progress;
	atomic_bool finished;
	int result;
	const char *file_name;
	long long size;
	const char *error;
	struct arena *arena; /* the thread's own */
};

static void *backup_thread_main(void *data)
{
	struct backup_thread *thread = data;
	if (db_connect() != 0) {
		thread->result = -1;
		thread->error = "database";
	} else {
		thread->result = export_write(thread->arena, thread->job, &thread->progress,
		    &thread->file_name, &thread->size, &thread->error);
		db_disconnect();
	}
	atomic_store(&thread->finished, true);
	return NULL;
}

/* Records the progress until the thread ends; a backup no longer running
 * (cancelled from a page) tells the thread to stop. */
static void backup_watch(struct arena *arena, struct backup_thread *thread)
{
	const struct timespec pause = { 0, 100 * 1000 * 1000 };
	for (int tick = 0; !atomic_load(&thread->finished); tick++) {
		nanosleep(&pause, NULL);
		if (tick % 5 != 4)
			continue;
		int running = db_backups_progress(arena, thread->job->id,
		    atomic_load(&thread->progress.done), atomic_load(&thread->progress.total));
		if (running == 0)
			atomic_store(&thread->progress.cancel, true);
	}
}

/* Marks the outcome; 0 when done or cancelled, -1 when it failed. */
static int backup_record(struct arena *arena, struct backup_thread *thread, bool keep)
{
	const struct backup_job *job = thread->job;
	if (thread->result == 0) {
		db_backups_progress(arena, job->id, atomic_load(&thread->progress.done),
		    atomic_load(&thread->progress.total));
		int finished = db_backups_finish(arena, job->id, thread->file_name, thread->size, keep);
		if (finished > 0) {
			log_info("worker: backup %lld ready (%lld bytes)", job->id, thread->size);
			return 0;
		}
		export_remove(thread->file_name);
		return finished == 0 ? 0 : -1;
	}
	if (strcmp(thread->error, "cancelled") == 0)
		return 0;
	log_error("worker: backup %lld failed: %s", job->id, thread->error);
	db_backups_fail(arena, job->id, thread->error);
	return -1;
}

/* Runs backup id in a thread watched from here (so that its heartbeat goes
 * on however long it takes). */
static int backup_run(struct arena *arena, long long id, bool keep)
{
	struct backup_job job;
	int begun = db_backups_begin(arena, id, &job);
	if (begun <= 0)
		return begun; /* cancelled before it started: nothing to do */
	export_remove_partial(id);
	struct backup_thread thread = { .job = &job, .arena = arena_new() };
	pthread_t handle;
	if (pthread_create(&handle, NULL, backup_thread_main, &thread) != 0) {
		arena_free(thread.arena);
		db_backups_fail(arena, id, "thread");
		return -1;
	}
	backup_watch(arena, &thread);
	pthread_join(handle, NULL);
	int result = backup_record(arena, &thread, keep);
	arena_free(thread.arena);
	return result;
}

int backup_run_now(struct arena *arena, long long id, bool keep)
{
	return backup_run(arena, id, keep);
}

int backup_job_run(struct arena *arena, const char *account_id, const char *payload)
{
	(void)account_id;
	const char *key = strstr(payload, "\"backup\":");
	long long id = key != NULL ? strtoll(key + strlen("\"backup\":"), NULL, 10) : 0;
	if (id <= 0) {
		log_error("worker: backup job without a backup: %s", payload);
		return 0;
	}
	return backup_run(arena, id, false);
}

int backup_sweep(struct arena *arena)
{
	const char **files;
	long long *ids;
	int expired = db_backups_expire_due(arena, &files);
	for (int i = 0; i < expired; i++)
		export_remove(files[i]);
	int stale = db_backups_fail_stale(arena, &ids);
	for (int i = 0; i < stale; i++)
		export_remove_partial(ids[i]);
	if (expired < 0 || stale < 0)
		return -1;
	return expired + stale;
}
