/* db_jobs: the queries of table jobs, the background work that the worker
 * takes with FOR UPDATE SKIP LOCKED (DESIGN.md section 1). */
#ifndef SANGDAM_DB_JOBS_H
#define SANGDAM_DB_JOBS_H

struct arena;

struct job {
	long long id;
	const char *kind;       /* the job kind's name */
	const char *account_id; /* "" when the job is about no account */
	const char *payload;    /* JSON text */
};

/* Takes one due job, or one whose worker died more than 30 minutes ago, that
 * has been tried fewer than 5 times, counting the attempt; other workers
 * skip it. Fills out (strings in arena). 1 taken, 0 none due, <0 error. */
int db_jobs_take(struct arena *arena, struct job *out);

/* Marks job id done. 1, 0 no such job, <0 error. */
int db_jobs_finish(struct arena *arena, long long id);

/* Puts job id back, due again after 5 minutes per attempt so far, with the
 * error text (a short code, not shown to people). 1, 0, <0 error. */
int db_jobs_retry(struct arena *arena, long long id, const char *error);

/* LISTENs on channel sangdam_jobs, where new jobs and `sweep` are announced,
 * connecting first when needed. A connection that db.c replaced does not
 * listen any more: call this before each wait. 0, or <0 error. */
int db_jobs_listen(struct arena *arena);

#endif
