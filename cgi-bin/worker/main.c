/* worker: the background program. It takes jobs from the jobs table with
 * FOR UPDATE SKIP LOCKED (any number of workers on any hosts), wakes on
 * NOTIFY sangdam_jobs, and once a minute (or at once on NOTIFY sangdam_jobs,
 * 'sweep') runs the sweeps: accounts whose deletion time has come (ACC-8),
 * and expired sessions, password resets, rate counters, sign-in failures,
 * sign-ups and unlock links. It also serves sangdamctl's tasks that need the
 * C library, such as creating an operator with a hashed password and
 * restoring an account from a backup (restore.c). Backups are in backup.c
 * and export.c, retention in retention.c. */
#include "arena.h"
#include "auth.h"
#include "cache.h"
#include "config.h"
#include "db.h"
#include "db_accounts.h"
#include "db_form_keys.h"
#include "db_jobs.h"
#include "db_modules.h"
#include "db_partners.h"
#include "db_password_resets.h"
#include "db_rate_counters.h"
#include "db_sessions.h"
#include "db_sign_in_failures.h"
#include "db_sign_in_unlocks.h"
#include "db_signups.h"
#include "fcgi_main.h"
#include "jobs.h"
#include "log.h"
#include "param.h"
#include "upload.h"
#include "worker.h"

#include <poll.h>
#include <signal.h>
#include <sodium.h>
#include <stdio.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

/* Reads the password (first line of standard input) and creates or promotes
 * the partner with that email as an operator. Exit status 0 on success. */
static int create_operator(const char *email)
{
	struct arena *arena = arena_new();
	char password[256];
	int status = 1;
	struct param_value value;
	static const struct param_field email_field = { "email", PARAM_EMAIL, true, 0, 0, NULL };
	static const struct param_field password_field = { "password", PARAM_PASSWORD, true, 0, 0, NULL };
	if (fgets(password, sizeof(password), stdin) == NULL)
		password[0] = '\0';
	password[strcspn(password, "\r\n")] = '\0';
	char hash[AUTH_HASH_LENGTH];
	if (param_check(arena, &email_field, email, &value) != NULL)
		fprintf(stderr, "create-operator: not an email address: %s\n", email);
	else if (param_check(arena, &password_field, password, &value) != NULL)
		fprintf(stderr, "create-operator: the password must be 10 to 128 characters\n");
	else if (db_connect() != 0 || auth_hash_password(password, hash) != 0)
		fprintf(stderr, "create-operator: cannot reach the database\n");
	else if (db_partners_upsert_operator(arena, email, hash) != 1)
		fprintf(stderr, "create-operator: the database refused the change\n");
	else {
		printf("operator %s is ready\n", email);
		status = 0;
	}
	sodium_memzero(password, sizeof(password));
	db_disconnect();
	arena_free(arena);
	return status;
}

/* Prepares every statement of every db_TABLE module against the database
 * (db_check); each failure is logged. Exit status 0 when all prepared. */
static int check_statements(void)
{
	if (db_connect() != 0) {
		fprintf(stderr, "check-statements: cannot reach the database\n");
		return 1;
	}
	int failed = db_check();
	size_t total = 0;
	for (const struct db_module *const *module = db_modules; *module != NULL; module++)
		total += (*module)->count;
	printf("%zu statements in %s: %d failed\n", total, "db_modules", failed);
	db_disconnect();
	return failed == 0 ? 0 : 1;
}

/* A kind of job and the function that runs it; 0 done, <0 retry later. */
struct job_kind {
	const char *name;
	int (*run)(struct arena *arena, const char *account_id, const char *payload);
};

/* The kinds of job the worker runs (jobs.kind). */
static const struct job_kind job_kinds[] = {
	{ "coupon_codes", coupon_codes_run },
	{ "backup", backup_job_run },
	{ NULL, NULL },
};

static const struct job_kind *job_kind_find(const char *name)
{
	for (const struct job_kind *kind = job_kinds; kind->name != NULL; kind++)
		if (strcmp(kind->name, name) == 0)
			return kind;
	return NULL;
}

/* Takes one due job (or one whose worker died mid-way) and runs it; returns
 * 1 when a job ran, 0 when none was due, <0 on error. */
static int job_run_next(struct arena *arena)
{
	struct job job;
	int taken = db_jobs_take(arena, &job);
	if (taken <= 0)
		return taken;
	const struct job_kind *kind = job_kind_find(job.kind);
	int result = kind == NULL ? -1 : kind->run(arena, job.account_id, job.payload);
	if (result == 0)
		db_jobs_finish(arena, job.id);
	else
		db_jobs_retry(arena, job.id, kind == NULL ? "unknown kind" : "failed");
	return 1;
}

/* Deletes up to 20 accounts whose 7 days have passed, each once its
 * history is in a backup kept for the operator, then their files and their
 * cached answers (the QR codes under /a/CODE, which nginx would otherwise
 * go on sending). */
static int sweep_deleted_accounts(struct arena *arena)
{
	if (retention_backup_before_deletion(arena) < 0 || db_begin(arena) != 0)
		return -1;
	const char **files, **codes;
	int count = db_accounts_delete_due(arena, 20, &files, &codes);
	if (count < 0 || db_commit(arena) != 0) {
		db_rollback(arena);
		return -1;
	}
	for (int i = 0; files[i] != NULL; i++)
		upload_remove(files[i]);
	for (int i = 0; codes[i] != NULL; i++)
		cache_forget(arena, arena_printf(arena, "/a/%s", codes[i]));
	return count;
}

/* Deletes the rows that only take space once expired, each table through
 * an index of migration 0006: sessions past their end, password-reset tokens
 * past theirs, rate counters whose window (a minute) is long over and
 * sign-in failures older than a day (sign-in counts the last 15 minutes),
 * pending sign-ups past their end (an index of migration 0008) and unlock
 * links past theirs (migration 0014), and form keys older than a day
 * (migration 0037).
 * Returns the number of rows deleted, or -1. */
static int sweep_expired(struct arena *arena)
{
	static int (*const sweeps[])(struct arena *) = {
		db_sessions_delete_expired,
		db_password_resets_delete_expired,
		db_rate_counters_delete_old,
		db_sign_in_failures_delete_old,
		db_signups_delete_expired,
		db_sign_in_unlocks_delete_expired,
		db_form_keys_delete_old,
	};
	int total = 0;
	for (size_t i = 0; i < sizeof(sweeps) / sizeof(sweeps[0]); i++) {
		int deleted = sweeps[i](arena);
		if (deleted < 0)
			return -1;
		total += deleted;
	}
	return total;
}

static volatile sig_atomic_t worker_stopping;
/* Set by NOTIFY sangdam_jobs, 'sweep': run the sweeps now. */
static bool worker_sweep_now;

static void worker_signal(int signal_number)
{
	(void)signal_number;
	worker_stopping = 1;
}

static void worker_on_notice(const char *channel, const char *payload, void *unused)
{
	(void)channel;
	(void)unused;
	if (strcmp(payload, "sweep") == 0)
		worker_sweep_now = true;
}

static int run_jobs(void)
{
	struct sigaction action = { .sa_handler = worker_signal };
	sigaction(SIGTERM, &action, NULL);
	sigaction(SIGINT, &action, NULL);
	if (upload_init() != 0)
		return 1;
	struct arena *arena = arena_new();
	time_t last_sweep = 0;
	while (!worker_stopping) {
		/* LISTEN on every round (a no-op when listening already): db.c
		 * replaces a connection lost between statements, without the LISTEN. */
		if (db_jobs_listen(arena) < 0) {
			db_disconnect();
			sleep(5);
			continue;
		}
		int ran = job_run_next(arena);
		if (worker_sweep_now || time(NULL) - last_sweep >= 60) {
			worker_sweep_now = false;
			last_sweep = time(NULL);
			if (sweep_deleted_accounts(arena) > 0)
				log_info("worker: removed files of deleted accounts");
			int expired = sweep_expired(arena);
			if (expired > 0)
				log_info("worker: deleted %d expired rows", expired);
			if (backup_sweep(arena) > 0)
				log_info("worker: expired or failed stopped backups");
			retention_sweep(arena);
		}
		arena_reset(arena);
		/* A notice that came in while a job ran is already read: db_wait_notify
		 * hands it on at once rather than sleeping past it. */
		if (ran <= 0 && !worker_sweep_now
		    && db_wait_notify(ran < 0 ? 5000 : 60000, worker_on_notice, NULL) < 0)
			db_disconnect(); /* connect and LISTEN again */
	}
	db_disconnect();
	arena_free(arena);
	return 0;
}

int main(int argc, char **argv)
{
	if (argc < 3 || strcmp(argv[1], "-c") != 0) {
		fprintf(stderr, "usage: %s -c CONFIG [create-operator EMAIL | check-statements | "
		    "restore-account FILE (--owner EMAIL | --into CODE)]\n",
		    argv[0]);
		return 2;
	}
	if (fcgi_program_init(argv[2]) != 0)
		return 1;
	if (argc == 5 && strcmp(argv[3], "create-operator") == 0)
		return create_operator(argv[4]);
	if (argc == 4 && strcmp(argv[3], "check-statements") == 0)
		return check_statements();
	if (argc == 7 && strcmp(argv[3], "restore-account") == 0)
		return restore_account(argv[4], argv[5], argv[6]);
	if (argc == 3)
		return run_jobs();
	fprintf(stderr, "usage: %s -c CONFIG [create-operator EMAIL | check-statements | "
		    "restore-account FILE (--owner EMAIL | --into CODE)]\n", argv[0]);
	return 2;
}
