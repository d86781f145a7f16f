/* db_jobs: jobs, taken one at a time by any number of workers. */
#include "db_jobs.h"
#include "db.h"
#include "db_modules.h"

enum db_jobs_statement {
	DB_JOBS_TAKE,
	DB_JOBS_FINISH,
	DB_JOBS_RETRY,
	DB_JOBS_LISTEN,
	DB_JOBS__MAX
};

/* Columns of DB_JOBS_TAKE. */
enum { TAKE_ID, TAKE_KIND, TAKE_ACCOUNT_ID, TAKE_PAYLOAD };

static const struct db_statement db_jobs_sql[DB_JOBS__MAX] = {
	[DB_JOBS_TAKE] = { "jobs_take",
	    "UPDATE jobs SET started_at = now(), attempts = attempts + 1 WHERE id = ("
	    "SELECT id FROM jobs WHERE finished_at IS NULL AND run_at <= now() AND attempts < 5 "
	    "AND (started_at IS NULL OR started_at < now() - interval '30 minutes') "
	    "ORDER BY run_at LIMIT 1 FOR UPDATE SKIP LOCKED) "
	    "RETURNING id, kind, account_id, payload::text" },
	[DB_JOBS_FINISH] = { "jobs_finish",
	    "UPDATE jobs SET finished_at = now(), error = NULL WHERE id = $1" },
	[DB_JOBS_RETRY] = { "jobs_retry",
	    "UPDATE jobs SET started_at = NULL, run_at = now() + make_interval(mins => attempts * 5), "
	    "error = $2 WHERE id = $1" },
	[DB_JOBS_LISTEN] = { "jobs_listen",
	    "LISTEN sangdam_jobs" },
};

const struct db_module db_jobs_module = { "jobs", db_jobs_sql, DB_JOBS__MAX };

int db_jobs_take(struct arena *arena, struct job *out)
{
	struct db_rows rows;
	int taken = db_run(arena, &rows, &db_jobs_sql[DB_JOBS_TAKE], 0, NULL);
	if (taken <= 0)
		return taken;
	out->id = db_int(&rows, 0, TAKE_ID);
	out->kind = db_value(&rows, 0, TAKE_KIND);
	out->account_id = db_value(&rows, 0, TAKE_ACCOUNT_ID);
	out->payload = db_value(&rows, 0, TAKE_PAYLOAD);
	return 1;
}

int db_jobs_finish(struct arena *arena, long long id)
{
	return DB_RUN(arena, NULL, &db_jobs_sql[DB_JOBS_FINISH], db_param_int(arena, id));
}

int db_jobs_retry(struct arena *arena, long long id, const char *error)
{
	return DB_RUN(arena, NULL, &db_jobs_sql[DB_JOBS_RETRY], db_param_int(arena, id), error);
}

int db_jobs_listen(struct arena *arena)
{
	return db_run(arena, NULL, &db_jobs_sql[DB_JOBS_LISTEN], 0, NULL);
}
