/* db: the only user of libpq: one connection per worker (per thread in
 * threaded programs), statements prepared on first use, transactions. */
#ifndef SANGDAM_DB_H
#define SANGDAM_DB_H

#include <stdbool.h>
#include <stddef.h>

struct arena;

enum {
	DB_ERROR = -1,             /* any failure; already logged */
	DB_UNIQUE_VIOLATION = -2,  /* a unique index refused the row */
	DB_SERIALIZATION = -3,     /* serialization failure or deadlock: retry */
	DB_CHECK_VIOLATION = -4,   /* a CHECK constraint refused the change */
};

/* The rows of one statement; freed with the arena that ran it. */
struct db_rows {
	void *result;       /* PGresult; NULL for rows read from a COPY */
	const char **cells; /* a COPY's rows: count * columns values, NULL for SQL NULL */
	int columns;
	int count;
};

/* Connects this thread with config's `database`, named in pg_stat_activity
 * by the program's name (unless `database` sets application_name); 0 or -1
 * (logged). */
int db_connect(void);
void db_disconnect(void);
/* True when the connection answers a trivial query. */
bool db_ping(void);

/* How PostgreSQL plans a statement's runs (issue 8). */
enum db_plan {
	DB_PLAN_AUTO,    /* the server's plan_cache_mode (five custom plans, then maybe
	                    the generic one) */
	DB_PLAN_CUSTOM,  /* planned for each run's values: for the few queries whose
	                    best plan depends on them (the history's filters, the
	                    search's PLANNED shape) */
	DB_PLAN_GENERIC  /* one plan for every run, made once per connection: for a
	                    statement written so that one plan serves all values
	                    (the search's WALK and TERMS shapes, search_plan.h) */
};

/* One statement of a db_TABLE module. Modules keep their statements in a
 * table indexed by an enum (DB_TABLE_VERB, sized by DB_TABLE__MAX) with the
 * SQL beside each name; result columns are named by enums next to the SQL. */
struct db_statement {
	const char *name; /* the prepared statement's name, unique in the program */
	const char *sql;  /* $n parameters only; never built at run time */
	enum db_plan plan; /* but for DB_PLAN_AUTO, run with plan_cache_mode set
	                      to match (db.c) */
	bool copy_out;    /* a SELECT without parameters run as COPY (sql) TO STDOUT
	                     by db_copy_begin (db_check prepares the SELECT) */
};

/* A module's statements, listed in db_modules.c so that every statement of
 * every module can be prepared against a migrated schema (db_check). */
struct db_module {
	const char *name;
	const struct db_statement *statements;
	size_t count;
};

/* Every module, NULL-terminated (db_modules.c). */
extern const struct db_module *const db_modules[];

/* Runs statement (prepared under its name on first use on this connection)
 * with nparams text parameters (NULL is SQL NULL). Returns the number of rows
 * returned, or of rows changed for statements without RETURNING, or a DB_*
 * error. rows may be NULL when the caller needs no values; the result is
 * freed with the arena. */
int db_run(struct arena *arena, struct db_rows *rows, const struct db_statement *statement,
    int nparams, const char *const *params);

/* Convenience: db_run with the parameters as arguments. */
#define DB_RUN(arena, rows, statement, ...)                                               \
	db_run((arena), (rows), (statement),                                               \
	    (int)(sizeof((const char *[]) { __VA_ARGS__ }) / sizeof(const char *)),          \
	    (const char *[]) { __VA_ARGS__ })

/* db_run for a statement whose first column is an integer (an id, a count):
 * when it returned a row, sets *value from the first row. Returns as db_run. */
int db_run_int(struct arena *arena, const struct db_statement *statement, long long *value,
    int nparams, const char *const *params);

#define DB_RUN_INT(arena, statement, value, ...)                                          \
	db_run_int((arena), (statement), (value),                                          \
	    (int)(sizeof((const char *[]) { __VA_ARGS__ }) / sizeof(const char *)),          \
	    (const char *[]) { __VA_ARGS__ })

/* ---- several statements in one round trip ---------------------------------
 * A statement, its parameters, and once run its rows and result. */
enum { DB_QUERY_PARAMS = 16 };
struct db_query {
	const struct db_statement *statement;
	int nparams;
	const char *params[DB_QUERY_PARAMS]; /* NULL is SQL NULL */
	struct db_rows rows;                 /* freed with the arena that ran it */
	int result;                          /* as db_run's */
};
/* Runs count queries that do not depend on each other in one round trip
 * (libpq's pipeline mode, one sync: one implicit transaction, or a part of
 * the open one; each statement takes its own snapshot, as alone). Each query's result and rows are
 * as db_run would give them; once one fails, the later ones are not run
 * (DB_ERROR). Returns 0 when all succeeded, else the first error (issue 8: a
 * round trip is a sleep and two context switches of each side). */
int db_run_queries(struct arena *arena, struct db_query *queries, int count);
/* The query of statement with nparams parameters (at most DB_QUERY_PARAMS). */
#define DB_QUERY(statement, ...)                                                          \
	((struct db_query) { (statement),                                                  \
	    (int)(sizeof((const char *[]) { __VA_ARGS__ }) / sizeof(const char *)),          \
	    { __VA_ARGS__ }, { 0 }, DB_ERROR })
/* Starts statement (copy_out) as COPY (sql) TO STDOUT in text format: the
 * server streams its rows, with a parallel plan where one pays, and this
 * connection takes no other statement until db_copy_rows has returned 0 or
 * db_copy_end has run. Values the SELECT needs come from settings set before
 * (set_config with parameters), as COPY takes none. 0 or DB_ERROR (logged). */
int db_copy_begin(struct arena *arena, const struct db_statement *statement);

/* Reads up to max rows of the running COPY into rows, whose values (columns
 * per row, decoded from the text format) live in arena. Returns the count,
 * 0 when the COPY has ended (and succeeded), or DB_ERROR (logged). */
int db_copy_rows(struct arena *arena, struct db_rows *rows, int columns, int max);

/* Ends a COPY still running (a cancelled export): asks the server to cancel
 * it and reads what is left, so that the connection can roll back. */
void db_copy_end(void);

/* Prepares every statement of every module on this connection and logs each
 * failure with its module and name; returns the number that failed, or -1
 * when there is no connection. For `worker -check-statements` and the tests. */
int db_check(void);

/* Value of a column in a row ("" for NULL), its NULL-ness, and integers. */
const char *db_value(const struct db_rows *rows, int row, int column);
bool db_is_null(const struct db_rows *rows, int row, int column);
long long db_int(const struct db_rows *rows, int row, int column);
bool db_bool(const struct db_rows *rows, int row, int column);
/* The values of column in the first count rows that are not NULL, in
 * order, NULL-terminated, in arena (the strings are the rows'); *kept is
 * set to how many. count >= 0. */
const char **db_texts(struct arena *arena, const struct db_rows *rows, int count, int column,
    int *kept);

/* Transactions; each returns 0 or DB_ERROR. A transaction still open when a
 * request ends is rolled back by db_end_request. db_begin* send nothing: the
 * BEGIN goes with the transaction's first statement, in one pipeline (issue
 * 8: a round trip less per transaction), so a failure to open it is that
 * statement's; a transaction that runs no statement sends nothing at all. */
int db_begin(struct arena *arena);
int db_begin_serializable(struct arena *arena);
/* A REPEATABLE READ READ ONLY transaction: one snapshot for every statement
 * until commit, for exports that stream many statements' rows (EXP-4). */
int db_begin_snapshot(struct arena *arena);
/* A transaction whose commit does not wait for the disk, for changes a crash
 * may lose without harm (rate counters): never for an accepted message or
 * anything a person was told is saved (NF-4). What it wrote becomes durable
 * with the next ordinary commit of any connection, as the log is written in
 * order. */
int db_begin_no_wait(struct arena *arena);
int db_commit(struct arena *arena);
void db_rollback(struct arena *arena);
void db_end_request(struct arena *arena);

/* Formats an integer for a parameter, in the arena. */
const char *db_param_int(struct arena *arena, long long value);

/* The text of a boolean parameter, "true" or "false" (static). */
const char *db_param_bool(bool value);

/* Formats count ids as a PostgreSQL array literal "{1,2,3}" for a
 * $n::bigint[] parameter, in the arena ("{}" when count is 0). */
const char *db_param_ids(struct arena *arena, const long long *ids, size_t count);

/* ---- notices after the commit ---------------------------------------------
 * Runs statement, one that only sends notifications (pg_notify), after the
 * durable commit of the transaction open on this connection, or at once when
 * none is open: the notices of a commit go in one round trip, in a
 * transaction of their own that does not wait for the disk (a NOTIFY inside
 * the durable transaction would make every such commit wait for its own
 * flush, one after the other, as PostgreSQL queues notices in commit order).
 * A rollback drops them, as does the end of the request. Parameters are
 * copied into arena, which must live until the commit. Returns 0 (queued, or
 * sent), or DB_ERROR when sending at once failed; a failure to send after a
 * commit is logged and leaves the commit's result alone: the change is
 * saved, and a lost notice is a live update missed (NF-4, CHAT-16). */
int db_run_notice(struct arena *arena, const struct db_statement *statement, int nparams,
    const char *const *params);

#define DB_RUN_NOTICE(arena, statement, ...)                                              \
	db_run_notice((arena), (statement),                                                \
	    (int)(sizeof((const char *[]) { __VA_ARGS__ }) / sizeof(const char *)),          \
	    (const char *[]) { __VA_ARGS__ })

/* ---- waiting for NOTIFY ---------------------------------------------------
 * Hands on the notifications pending on this thread's connection; when there
 * were none, waits up to timeout_ms (-1: no limit) for the socket to become
 * readable and hands on what arrived. A signal ends the wait early. For each
 * calls function(channel, payload, data) (function may be NULL to drop them).
 * Returns the number handed on (0 after a timeout), or -1 when there is no
 * connection or it broke. */
int db_wait_notify(int timeout_ms,
    void (*function)(const char *channel, const char *payload, void *data), void *data);

#endif
