/* db: libpq behind a small API; statements are prepared once per connection. */
#include "db.h"
#include "arena.h"
#include "config.h"
#include "log.h"
#include "text.h"

#include <errno.h> /* also program_invocation_short_name */
#include <libpq-fe.h>
#include <poll.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

enum { DB_STATEMENTS = 1024 };

static _Thread_local PGconn *db_connection;
static _Thread_local struct {
	const struct db_statement *key; /* prepared on this connection */
} db_statements[DB_STATEMENTS];
static _Thread_local int db_statement_count;
/* Set by db_begin*, cleared by commit, rollback and db_end_request: while it
 * is set a lost connection is not replaced, since statements on a new one
 * would run outside the transaction (in autocommit). */
static _Thread_local bool db_in_transaction;
/* The statements that open the transaction (BEGIN, maybe SET LOCAL), not
 * sent yet: they go with its first statement, in one round trip (issue 8). */
static _Thread_local const struct db_statement *db_opening[2];
static _Thread_local int db_opening_count;

/* Notices queued by db_run_notice, sent after the commit (db_notices_send). */
struct db_notice {
	const struct db_statement *statement;
	int nparams;
	const char **params;
	struct db_notice *next;
};
static _Thread_local struct db_notice *db_notices;      /* oldest first */
static _Thread_local struct db_notice **db_notices_end; /* where the next one goes */
static int db_notices_send(struct arena *arena);
static int db_opening_flush(struct arena *arena);
static void db_notices_drop(void);

int db_connect(void)
{
	const char *const keys[] = { "dbname", "fallback_application_name", NULL };
	const char *const values[] = { config_str("database"), program_invocation_short_name,
		NULL };
	db_connection = PQconnectdbParams(keys, values, 1);
	/* No parallel workers, in the request programs and the worker alike: a
	 * request's plan is one of many running at once on a small server, the
	 * generic plans (DB_PLAN_GENERIC) would otherwise start a worker for a
	 * search that ends before it is ready (38 ms instead of 1.3, issue 8),
	 * and a backup's rows leave in order as they are read (db_exports.c). */
	PGresult *set = PQstatus(db_connection) == CONNECTION_OK
	    ? PQexec(db_connection, "SET max_parallel_workers_per_gather = 0") : NULL;
	if (PQresultStatus(set) != PGRES_COMMAND_OK) {
		log_error("db: cannot connect: %s", PQerrorMessage(db_connection));
		PQclear(set);
		PQfinish(db_connection);
		db_connection = NULL;
		return -1;
	}
	PQclear(set);
	memset(db_statements, 0, sizeof(db_statements));
	db_statement_count = 0;
	return 0;
}

void db_disconnect(void)
{
	if (db_connection != NULL)
		PQfinish(db_connection);
	db_connection = NULL;
}

/* Reconnects when the server went away between requests. An idle
 * connection is sent nothing but notices, so input waiting on it is usually
 * the server's goodbye (a restart): reading it lets libpq see the connection
 * is gone, and we connect again instead of failing the next statement. */
static int db_ensure_connected(void)
{
	if (db_connection != NULL && PQstatus(db_connection) == CONNECTION_OK
	    && PQtransactionStatus(db_connection) == PQTRANS_IDLE) {
		struct pollfd waiting = { .fd = PQsocket(db_connection), .events = POLLIN };
		/* the goodbye message first, then the end of the stream */
		for (int i = 0; i < 4 && PQstatus(db_connection) == CONNECTION_OK
		     && poll(&waiting, 1, 0) > 0; i++)
			if (!PQconsumeInput(db_connection))
				break;
	}
	if (db_connection != NULL && PQstatus(db_connection) == CONNECTION_OK)
		return 0;
	if (db_in_transaction && db_opening_count == 0) {
		log_error("db: the connection was lost inside a transaction; "
			  "refusing statements until the request ends");
		return DB_ERROR;
	}
	db_disconnect();
	return db_connect();
}

static void db_clear(void *result)
{
	PQclear(result);
}

static size_t db_slot(const void *key)
{
	uintptr_t bits = (uintptr_t)key;
	return (size_t)((bits >> 3) * 2654435761u) % DB_STATEMENTS;
}

/* Prepares statement under its name on this connection the first time it
 * is run; 0, or -1 (logged) when the server refused it or the table is full. */
static int db_prepare(const struct db_statement *statement)
{
	const void *key = statement;
	const char *name = statement->name;
	size_t slot = db_slot(key);
	while (db_statements[slot].key != NULL && db_statements[slot].key != key)
		slot = (slot + 1) % DB_STATEMENTS;
	if (db_statements[slot].key != NULL)
		return 0;
	if (db_statement_count >= DB_STATEMENTS / 2) {
		log_error("db: more than %d statements on one connection; not preparing %s",
		    DB_STATEMENTS / 2, name);
		return -1;
	}
	PGresult *result = PQprepare(db_connection, name, statement->sql, 0, NULL);
	bool ok = PQresultStatus(result) == PGRES_COMMAND_OK;
	if (!ok)
		log_error("db: prepare %s failed: %s -- %s", name, PQresultErrorMessage(result),
		    statement->sql);
	PQclear(result);
	if (!ok)
		return -1;
	db_statements[slot].key = key;
	db_statement_count++;
	return 0;
}

static int db_error_code(PGresult *result)
{
	const char *state = PQresultErrorField(result, PG_DIAG_SQLSTATE);
	if (state == NULL)
		return DB_ERROR;
	if (strcmp(state, "23505") == 0)
		return DB_UNIQUE_VIOLATION;
	if (strcmp(state, "40001") == 0 || strcmp(state, "40P01") == 0)
		return DB_SERIALIZATION;
	if (strcmp(state, "23514") == 0)
		return DB_CHECK_VIOLATION;
	return DB_ERROR;
}

/* Takes result (freed with arena) as the result of statement: the rows'
 * count, the changed rows' count, or a DB_* error (logged when DB_ERROR). */
static int db_result(struct arena *arena, struct db_rows *rows,
    const struct db_statement *statement, PGresult *result)
{
	arena_on_free(arena, db_clear, result);
	ExecStatusType status = PQresultStatus(result);
	if (status != PGRES_TUPLES_OK && status != PGRES_COMMAND_OK) {
		int code = result != NULL ? db_error_code(result) : DB_ERROR;
		if (code == DB_ERROR)
			log_error("db: %s: %s", statement->name, result != NULL
			    ? PQresultErrorMessage(result) : PQerrorMessage(db_connection));
		return code;
	}
	if (rows != NULL) {
		rows->result = result;
		rows->count = PQntuples(result);
	}
	if (status == PGRES_TUPLES_OK)
		return PQntuples(result);
	long long changed = 0;
	text_to_int(PQcmdTuples(result), 0, INT32_MAX, &changed);
	return (int)changed;
}

static int db_run_planned(struct arena *arena, struct db_query *queries, int count);
static int db_run_pipeline(struct arena *arena, struct db_query *queries, int count);

int db_run(struct arena *arena, struct db_rows *rows, const struct db_statement *statement,
    int nparams, const char *const *params)
{
	if (rows != NULL)
		*rows = (struct db_rows) { 0 };
	if (nparams > DB_QUERY_PARAMS && statement->plan != DB_PLAN_AUTO) {
		log_error("db: %s: more than %d parameters", statement->name, DB_QUERY_PARAMS);
		return DB_ERROR;
	}
	/* With the transaction's opening statements, or the plan mode's guards
	 * (db_run_planned), in one pipeline. */
	if (nparams <= DB_QUERY_PARAMS
	    && (db_opening_count > 0 || statement->plan != DB_PLAN_AUTO)) {
		struct db_query query = { .statement = statement, .nparams = nparams };
		memcpy(query.params, params, (size_t)nparams * sizeof(*params));
		db_run_queries(arena, &query, 1);
		if (rows != NULL && query.result >= 0)
			*rows = query.rows;
		return query.result;
	}
	if (db_opening_flush(arena) != 0)
		return DB_ERROR;
	if (db_ensure_connected() != 0 || db_prepare(statement) != 0)
		return DB_ERROR;
	PGresult *result = PQexecPrepared(db_connection, statement->name, nparams, params, NULL,
	    NULL, 0);
	return db_result(arena, rows, statement, result);
}

/* Sends query's prepared statement into the pipeline; true when libpq took
 * it. */
static bool db_send_query(const struct db_query *query)
{
	return PQsendQueryPrepared(db_connection, query->statement->name, query->nparams,
	    query->params, NULL, NULL, 0) == 1;
}

/* Reads the pipeline's results into the count queries that were sent, then
 * its sync; the first query's error, or 0. */
static int db_read_queries(struct arena *arena, struct db_query *queries, int count)
{
	int failed = 0;
	for (int i = 0; i < count; i++) {
		PGresult *result = PQgetResult(db_connection);
		if (PQresultStatus(result) == PGRES_PIPELINE_ABORTED) {
			arena_on_free(arena, db_clear, result);
			queries[i].result = DB_ERROR; /* an earlier one failed and was logged */
		} else {
			queries[i].result = db_result(arena, &queries[i].rows, queries[i].statement,
			    result);
		}
		if (queries[i].result < 0 && failed == 0)
			failed = queries[i].result;
		if (result != NULL)
			while ((result = PQgetResult(db_connection)) != NULL) /* the query's end */
				PQclear(result);
	}
	PGresult *sync;
	bool synced = false;
	while ((sync = PQgetResult(db_connection)) != NULL) {
		synced |= PQresultStatus(sync) == PGRES_PIPELINE_SYNC;
		PQclear(sync);
		if (synced)
			break;
	}
	if (!synced && failed == 0) {
		log_error("db: the pipeline ended without its sync: %s", PQerrorMessage(db_connection));
		failed = DB_ERROR;
	}
	return failed;
}

/* Runs the transaction's opening statements and the count queries in one
 * pipeline; results as db_run_queries's, the opening's failure as each
 * query's DB_ERROR. */
static int db_run_opened(struct arena *arena, struct db_query *queries, int count)
{
	if (db_ensure_connected() != 0) { /* while nothing is sent, a new connection may serve */
		for (int i = 0; i < count; i++)
			queries[i].result = DB_ERROR;
		return DB_ERROR;
	}
	int opening = db_opening_count;
	struct db_query *all = arena_alloc(arena, sizeof(*all) * (size_t)(opening + count));
	for (int i = 0; i < opening; i++)
		all[i] = (struct db_query) { .statement = db_opening[i] };
	memcpy(&all[opening], queries, sizeof(*queries) * (size_t)count);
	db_opening_count = 0; /* sent now, whatever comes of it */
	int result = db_run_queries(arena, all, opening + count);
	memcpy(queries, &all[opening], sizeof(*queries) * (size_t)count);
	return result;
}

/* The plan cache's mode around a statement whose plan is not DB_PLAN_AUTO
 * (issue 8). It is prepared like any other, so it is parsed once per
 * connection, and run between these two: db_plan_set sets the mode its
 * statement asks for ($1), and the statements after it get the mode they had
 * before (the server's, the database's or the role's) again, kept meanwhile
 * in sangdam.plan_cache_mode. Both settings are local: they end with the
 * transaction at the latest. */
static const struct db_statement db_plan_set = { "db_plan_set",
	"SELECT set_config('sangdam.plan_cache_mode', current_setting('plan_cache_mode'), true), "
	"set_config('plan_cache_mode', $1, true)" };
static const struct db_statement db_plan_restore = { "db_plan_restore",
	"SELECT set_config('plan_cache_mode', current_setting('sangdam.plan_cache_mode'), true)" };

/* db_run_queries for queries of which some are not DB_PLAN_AUTO: each of
 * those between db_plan_set and db_plan_restore, in the same round trip. */
static int db_run_planned(struct arena *arena, struct db_query *queries, int count)
{
	static const char *const modes[] = {
		[DB_PLAN_CUSTOM] = "force_custom_plan",
		[DB_PLAN_GENERIC] = "force_generic_plan",
	};
	struct db_query *all = arena_alloc(arena, sizeof(*all) * (size_t)count * 3);
	int *at = arena_alloc(arena, sizeof(*at) * (size_t)count); /* queries[i] is all[at[i]] */
	int n = 0;
	for (int i = 0; i < count; i++) {
		enum db_plan plan = queries[i].statement->plan;
		if (plan != DB_PLAN_AUTO)
			all[n++] = (struct db_query) { .statement = &db_plan_set, .nparams = 1,
				.params = { modes[plan] } };
		at[i] = n;
		all[n++] = queries[i];
		if (plan != DB_PLAN_AUTO)
			all[n++] = (struct db_query) { .statement = &db_plan_restore };
	}
	int result = db_run_pipeline(arena, all, n);
	for (int i = 0; i < count; i++) {
		queries[i].rows = all[at[i]].rows;
		queries[i].result = all[at[i]].result;
	}
	return result;
}

int db_run_queries(struct arena *arena, struct db_query *queries, int count)
{
	if (count <= 0)
		return 0; /* nothing to send, not even an empty round trip */
	if (db_opening_count > 0)
		return db_run_opened(arena, queries, count);
	for (int i = 0; i < count; i++)
		if (queries[i].statement->plan != DB_PLAN_AUTO)
			return db_run_planned(arena, queries, count);
	if (count == 1) { /* no pipeline for one */
		queries[0].result = db_run(arena, &queries[0].rows, queries[0].statement,
		    queries[0].nparams, queries[0].params);
		return queries[0].result < 0 ? queries[0].result : 0;
	}
	return db_run_pipeline(arena, queries, count);
}

/* Runs count queries in one pipeline, each statement prepared first. */
static int db_run_pipeline(struct arena *arena, struct db_query *queries, int count)
{
	for (int i = 0; i < count; i++) {
		queries[i].rows = (struct db_rows) { 0 };
		queries[i].result = DB_ERROR;
	}
	if (db_ensure_connected() != 0)
		return DB_ERROR;
	for (int i = 0; i < count; i++)
		if (db_prepare(queries[i].statement) != 0)
			return DB_ERROR;
	if (PQenterPipelineMode(db_connection) != 1) {
		log_error("db: cannot enter pipeline mode: %s", PQerrorMessage(db_connection));
		return DB_ERROR;
	}
	int sent = 0;
	while (sent < count && db_send_query(&queries[sent]))
		sent++;
	int failed = 0;
	if (sent < count) {
		log_error("db: %s: cannot send: %s", queries[sent].statement->name,
		    PQerrorMessage(db_connection));
		failed = DB_ERROR;
	}
	if (PQpipelineSync(db_connection) != 1) {
		log_error("db: pipeline sync: %s", PQerrorMessage(db_connection));
		failed = DB_ERROR;
	} else {
		int read = db_read_queries(arena, queries, sent);
		if (failed == 0)
			failed = read;
	}
	if (PQexitPipelineMode(db_connection) != 1) {
		log_error("db: cannot leave pipeline mode: %s", PQerrorMessage(db_connection));
		db_disconnect(); /* a connection in an unknown state is not used again */
		return DB_ERROR;
	}
	return failed;
}

int db_run_int(struct arena *arena, const struct db_statement *statement, long long *value,
    int nparams, const char *const *params)
{
	struct db_rows rows;
	int found = db_run(arena, &rows, statement, nparams, params);
	if (found > 0)
		*value = db_int(&rows, 0, 0);
	return found;
}

int db_check(void)
{
	if (db_ensure_connected() != 0)
		return -1;
	int failed = 0;
	for (const struct db_module *const *module = db_modules; *module != NULL; module++)
		for (size_t i = 0; i < (*module)->count; i++) {
			const struct db_statement *statement = &(*module)->statements[i];
			if (statement->name == NULL || statement->sql == NULL) {
				log_error("db: module %s: statement %zu has no name or SQL",
				    (*module)->name, i);
				failed++;
			} else if (db_prepare(statement) != 0) {
				log_error("db: module %s: statement %s does not prepare",
				    (*module)->name, statement->name);
				failed++;
			}
		}
	return failed;
}

const char *db_value(const struct db_rows *rows, int row, int column)
{
	if (row >= rows->count)
		return "";
	if (rows->cells != NULL) {
		const char *value = rows->cells[(size_t)row * (size_t)rows->columns + (size_t)column];
		return value != NULL ? value : "";
	}
	return rows->result != NULL ? PQgetvalue(rows->result, row, column) : "";
}

bool db_is_null(const struct db_rows *rows, int row, int column)
{
	if (row >= rows->count)
		return true;
	if (rows->cells != NULL)
		return rows->cells[(size_t)row * (size_t)rows->columns + (size_t)column] == NULL;
	return rows->result == NULL || PQgetisnull(rows->result, row, column);
}

/* ---- COPY TO STDOUT ---------------------------------------------------------- */

/* True while this thread's connection streams a COPY's rows. */
static _Thread_local bool db_copy_running;

int db_copy_begin(struct arena *arena, const struct db_statement *statement)
{
	if (!statement->copy_out || db_opening_flush(arena) != 0 || db_ensure_connected() != 0)
		return DB_ERROR;
	PGresult *result = PQexec(db_connection,
	    arena_printf(arena, "COPY (%s) TO STDOUT", statement->sql));
	arena_on_free(arena, db_clear, result);
	if (PQresultStatus(result) != PGRES_COPY_OUT) {
		log_error("db: %s: %s", statement->name, PQresultErrorMessage(result));
		return DB_ERROR;
	}
	db_copy_running = true;
	return 0;
}

/* Reads the results that end a COPY; 0 when it succeeded, else -1 (a
 * cancelled COPY's error is not logged). */
static int db_copy_finish(void)
{
	int result = 0;
	PGresult *end;
	while ((end = PQgetResult(db_connection)) != NULL) {
		if (PQresultStatus(end) != PGRES_COMMAND_OK) {
			const char *state = PQresultErrorField(end, PG_DIAG_SQLSTATE);
			if (state == NULL || strcmp(state, "57014") != 0)
				log_error("db: COPY: %s", PQresultErrorMessage(end));
			result = -1;
		}
		PQclear(end);
	}
	return result;
}

/* Decodes one escape of COPY's text format (the character after a
 * backslash); octal and hex escapes are never written by the server. */
static char db_copy_unescape(char c)
{
	switch (c) {
	case 'b': return '\b';
	case 'f': return '\f';
	case 'n': return '\n';
	case 'r': return '\r';
	case 't': return '\t';
	case 'v': return '\v';
	default: return c;
	}
}

/* Splits line (length bytes and room for one more, its own copy, without
 * the final newline) into columns values in cells, decoding escapes in
 * place; -1 when the count of values is not columns. */
static int db_copy_split(char *line, size_t length, const char **cells, int columns)
{
	char *out = line;
	size_t i = 0;
	for (int column = 0; column < columns; column++) {
		if (length - i >= 2 && line[i] == '\\' && line[i + 1] == 'N'
		    && (i + 2 == length || line[i + 2] == '\t')) {
			cells[column] = NULL; /* a bare \N is SQL NULL */
			i += 2;
		} else {
			cells[column] = out;
			while (i < length && line[i] != '\t') {
				if (line[i] == '\\' && i + 1 < length) {
					*out++ = db_copy_unescape(line[i + 1]);
					i += 2;
				} else
					*out++ = line[i++];
			}
			*out++ = '\0'; /* may overwrite the tab at i: read no more of it */
		}
		if (i == length)
			return column == columns - 1 ? 0 : -1;
		i++; /* the tab */
	}
	return -1;
}

int db_copy_rows(struct arena *arena, struct db_rows *rows, int columns, int max)
{
	*rows = (struct db_rows) { .columns = columns };
	if (!db_copy_running)
		return 0;
	rows->cells = arena_alloc(arena, sizeof(*rows->cells) * (size_t)columns * (size_t)max);
	while (rows->count < max) {
		char *data = NULL;
		int length = PQgetCopyData(db_connection, &data, 0);
		if (length == -1) {
			db_copy_running = false;
			return db_copy_finish() == 0 ? rows->count : DB_ERROR;
		}
		if (length < 1 || data[length - 1] != '\n') {
			if (data != NULL)
				PQfreemem(data);
			log_error("db: COPY: %s", length == -2 ? PQerrorMessage(db_connection)
			    : "a row without its newline");
			db_copy_end();
			return DB_ERROR;
		}
		char *line = arena_alloc(arena, (size_t)length);
		memcpy(line, data, (size_t)length - 1);
		PQfreemem(data);
		if (db_copy_split(line, (size_t)length - 1,
			&rows->cells[(size_t)rows->count * (size_t)columns], columns) != 0) {
			log_error("db: COPY: a row without %d values", columns);
			db_copy_end();
			return DB_ERROR;
		}
		rows->count++;
	}
	return rows->count;
}

void db_copy_end(void)
{
	if (!db_copy_running)
		return;
	db_copy_running = false;
	char error[256];
	PGcancel *cancel = PQgetCancel(db_connection);
	if (cancel != NULL) {
		PQcancel(cancel, error, sizeof(error));
		PQfreeCancel(cancel);
	}
	char *data = NULL;
	while (PQgetCopyData(db_connection, &data, 0) > 0)
		PQfreemem(data);
	db_copy_finish();
}

long long db_int(const struct db_rows *rows, int row, int column)
{
	long long value = 0;
	text_to_int(db_value(rows, row, column), INT64_MIN, INT64_MAX, &value);
	return value;
}

bool db_bool(const struct db_rows *rows, int row, int column)
{
	return strcmp(db_value(rows, row, column), "t") == 0;
}

const char **db_texts(struct arena *arena, const struct db_rows *rows, int count, int column,
    int *kept)
{
	const char **texts = arena_alloc(arena, ((size_t)count + 1) * sizeof(*texts));
	*kept = 0;
	for (int i = 0; i < count; i++)
		if (!db_is_null(rows, i, column))
			texts[(*kept)++] = db_value(rows, i, column);
	texts[*kept] = NULL;
	return texts;
}

/* The statements that begin and end transactions, for every module. */
enum db_transaction {
	DB_BEGIN, DB_BEGIN_SERIALIZABLE, DB_NO_WAIT, DB_COMMIT, DB_ROLLBACK, DB_BEGIN_SNAPSHOT,
	DB_TRANSACTION__MAX
};

static const struct db_statement db_transaction_sql[DB_TRANSACTION__MAX] = {
	[DB_BEGIN] = { "begin", "BEGIN" },
	[DB_BEGIN_SERIALIZABLE] = { "begin_serializable", "BEGIN ISOLATION LEVEL SERIALIZABLE" },
	[DB_NO_WAIT] = { "no_wait", "SET LOCAL synchronous_commit = off" },
	[DB_COMMIT] = { "commit", "COMMIT" },
	[DB_ROLLBACK] = { "rollback", "ROLLBACK" },
	[DB_BEGIN_SNAPSHOT] = { "begin_snapshot", "BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY" },
};

static int db_simple(struct arena *arena, enum db_transaction which)
{
	int result = db_run(arena, NULL, &db_transaction_sql[which], 0, NULL);
	return result < 0 ? result : 0;
}

/* Opens a transaction with first (and second, unless DB_TRANSACTION__MAX),
 * sent with its first statement (db_run, db_run_queries), or alone by
 * db_opening_flush before a statement that cannot share a pipeline (COPY).
 * A transaction that runs nothing sends nothing. Always 0. */
static int db_open(enum db_transaction first, enum db_transaction second)
{
	db_opening[0] = &db_transaction_sql[first];
	db_opening_count = 1;
	if (second != DB_TRANSACTION__MAX)
		db_opening[db_opening_count++] = &db_transaction_sql[second];
	db_in_transaction = true;
	return 0;
}

/* Sends the opening statements not sent yet, one at a time: 0 or DB_ERROR. */
static int db_opening_flush(struct arena *arena)
{
	int opening = db_opening_count;
	if (opening > 0 && db_ensure_connected() != 0)
		return DB_ERROR;
	db_opening_count = 0;
	for (int i = 0; i < opening; i++)
		if (db_run(arena, NULL, db_opening[i], 0, NULL) < 0)
			return DB_ERROR;
	return 0;
}

int db_begin(struct arena *arena)
{
	(void)arena;
	return db_open(DB_BEGIN, DB_TRANSACTION__MAX);
}

int db_begin_no_wait(struct arena *arena)
{
	(void)arena;
	return db_open(DB_BEGIN, DB_NO_WAIT);
}

int db_begin_serializable(struct arena *arena)
{
	(void)arena;
	return db_open(DB_BEGIN_SERIALIZABLE, DB_TRANSACTION__MAX);
}

int db_begin_snapshot(struct arena *arena)
{
	(void)arena;
	return db_open(DB_BEGIN_SNAPSHOT, DB_TRANSACTION__MAX);
}

/* The notices go once the commit is durable; their failure is only logged,
 * since what was committed stays committed (NF-4). A transaction that ran
 * no statement has nothing to commit. */
int db_commit(struct arena *arena)
{
	int result = db_opening_count > 0 ? 0 : db_simple(arena, DB_COMMIT);
	db_opening_count = 0;
	db_in_transaction = false;
	if (result == 0)
		db_notices_send(arena);
	db_notices_drop();
	return result;
}

/* A transaction whose connection is gone is over: nothing to send; nor is
 * one whose BEGIN was never sent. */
void db_rollback(struct arena *arena)
{
	bool opened = db_opening_count == 0;
	db_opening_count = 0;
	if (opened && (!db_in_transaction
		|| (db_connection != NULL && PQstatus(db_connection) == CONNECTION_OK)))
		db_simple(arena, DB_ROLLBACK);
	db_in_transaction = false;
	db_notices_drop();
}

void db_end_request(struct arena *arena)
{
	db_opening_count = 0;
	if (db_connection != NULL && PQstatus(db_connection) == CONNECTION_OK
	    && PQtransactionStatus(db_connection) != PQTRANS_IDLE)
		db_rollback(arena);
	db_in_transaction = false;
	db_notices_drop();
}

bool db_ping(void)
{
	if (db_ensure_connected() != 0)
		return false;
	PGresult *result = PQexec(db_connection, "SELECT 1");
	bool ok = PQresultStatus(result) == PGRES_TUPLES_OK;
	PQclear(result);
	if (!ok)
		db_disconnect();
	return ok;
}

const char *db_param_bool(bool value)
{
	return value ? "true" : "false";
}

const char *db_param_int(struct arena *arena, long long value)
{
	return arena_printf(arena, "%lld", value);
}

const char *db_param_ids(struct arena *arena, const long long *ids, size_t count)
{
	struct strbuf out;
	strbuf_init(&out, arena);
	strbuf_puts(&out, "{");
	for (size_t i = 0; i < count; i++)
		strbuf_printf(&out, i == 0 ? "%lld" : ",%lld", ids[i]);
	strbuf_puts(&out, "}");
	return strbuf_text(&out);
}

/* ---- notices after the commit ------------------------------------------------
 * PostgreSQL serialises the commits of transactions that NOTIFY (a lock taken
 * before the commit record and held until it is on disk), so a NOTIFY in a
 * durable transaction makes every such commit wait for its own flush, one
 * after the other. Notices therefore go in a transaction of their own, after
 * the durable commit, one that does not wait for the disk. */

int db_run_notice(struct arena *arena, const struct db_statement *statement, int nparams,
    const char *const *params)
{
	struct db_notice *notice = arena_alloc(arena, sizeof(*notice));
	notice->statement = statement;
	notice->nparams = nparams;
	notice->params = arena_alloc(arena, sizeof(*notice->params) * (size_t)(nparams + 1));
	for (int i = 0; i < nparams; i++)
		notice->params[i] = params[i] != NULL ? arena_strdup(arena, params[i]) : NULL;
	if (db_notices == NULL)
		db_notices_end = &db_notices;
	*db_notices_end = notice;
	db_notices_end = &notice->next;
	if (db_in_transaction)
		return 0;
	int result = db_notices_send(arena);
	db_notices_drop();
	return result;
}

static void db_notices_drop(void)
{
	db_notices = NULL;
	db_notices_end = &db_notices;
}

/* Sends statement (prepared before the pipeline began, unless
 * DB_PLAN_CUSTOM) into the notices' pipeline: 0, or -1. A DB_PLAN_CUSTOM
 * statement goes unnamed, planned at each run, and a DB_PLAN_GENERIC one
 * without its mode, as no notice is either (db_run_planned serves the rest). */
static int db_pipeline_send(const struct db_statement *statement, int nparams,
    const char *const *params)
{
	int sent = statement->plan == DB_PLAN_CUSTOM
	    ? PQsendQueryParams(db_connection, statement->sql, nparams, NULL, params, NULL, NULL, 0)
	    : PQsendQueryPrepared(db_connection, statement->name, nparams, params, NULL, NULL, 0);
	return sent == 1 ? 0 : -1;
}

/* Reads the pipeline's results up to its end (the sync): 0 when every
 * statement succeeded, else -1 (logged). */
static int db_pipeline_read(void)
{
	int failed = 0;
	for (int idle = 0; idle < 2 && PQstatus(db_connection) == CONNECTION_OK;) {
		PGresult *result = PQgetResult(db_connection);
		if (result == NULL) { /* the end of one statement's results; twice: no more */
			idle++;
			continue;
		}
		idle = 0;
		ExecStatusType status = PQresultStatus(result);
		if (status == PGRES_FATAL_ERROR)
			log_error("db: notice: %s", PQresultErrorMessage(result));
		PQclear(result);
		if (status == PGRES_PIPELINE_SYNC)
			return failed;
		if (status != PGRES_COMMAND_OK && status != PGRES_TUPLES_OK)
			failed = -1;
	}
	return -1;
}

/* Prepares the statements a pipeline of the queued notices runs: 0, or -1. */
static int db_notices_prepare(void)
{
	static const enum db_transaction steps[] = { DB_BEGIN, DB_NO_WAIT, DB_COMMIT };
	for (size_t i = 0; i < sizeof(steps) / sizeof(steps[0]); i++)
		if (db_prepare(&db_transaction_sql[steps[i]]) != 0)
			return -1;
	for (struct db_notice *n = db_notices; n != NULL; n = n->next)
		if (n->statement->plan != DB_PLAN_CUSTOM && db_prepare(n->statement) != 0)
			return -1;
	return 0;
}

/* Sends the queued notices in one round trip: BEGIN, SET LOCAL
 * synchronous_commit = off, each statement, COMMIT. 0, or DB_ERROR (logged;
 * the notices are lost, as in a crash between the two transactions). */
static int db_notices_send(struct arena *arena)
{
	if (db_notices == NULL)
		return 0;
	if (db_ensure_connected() != 0 || db_notices_prepare() != 0
	    || PQenterPipelineMode(db_connection) != 1)
		return DB_ERROR;
	int failed = db_pipeline_send(&db_transaction_sql[DB_BEGIN], 0, NULL)
	    | db_pipeline_send(&db_transaction_sql[DB_NO_WAIT], 0, NULL);
	for (struct db_notice *n = db_notices; n != NULL && failed == 0; n = n->next)
		failed = db_pipeline_send(n->statement, n->nparams, n->params);
	if (failed == 0)
		failed = db_pipeline_send(&db_transaction_sql[DB_COMMIT], 0, NULL);
	if (PQpipelineSync(db_connection) != 1 || db_pipeline_read() != 0)
		failed = -1;
	PQexitPipelineMode(db_connection);
	if (failed != 0 && PQstatus(db_connection) == CONNECTION_OK
	    && PQtransactionStatus(db_connection) != PQTRANS_IDLE)
		db_simple(arena, DB_ROLLBACK);
	return failed != 0 ? DB_ERROR : 0;
}

/* ---- waiting for NOTIFY ------------------------------------------------------
 * Kept apart at the end of the file so that it moves as one block. */

/* Hands on every notification libpq has or can read without waiting;
 * the number handed on, or -1 when the connection broke. */
static int db_notify_drain(void (*function)(const char *, const char *, void *), void *data)
{
	if (!PQconsumeInput(db_connection))
		return -1;
	int delivered = 0;
	PGnotify *notify;
	while ((notify = PQnotifies(db_connection)) != NULL) {
		if (function != NULL)
			function(notify->relname, notify->extra, data);
		PQfreemem(notify);
		delivered++;
	}
	return delivered;
}

int db_wait_notify(int timeout_ms,
    void (*function)(const char *channel, const char *payload, void *data), void *data)
{
	if (db_connection == NULL || PQstatus(db_connection) != CONNECTION_OK)
		return -1;
	/* What libpq already read (during LISTEN or an earlier statement) is not
	 * in the socket any more, so poll() alone would miss it: drain first. */
	int delivered = db_notify_drain(function, data);
	if (delivered != 0)
		return delivered;
	struct pollfd waiting = { .fd = PQsocket(db_connection), .events = POLLIN };
	if (poll(&waiting, 1, timeout_ms) < 0 && errno != EINTR)
		return -1;
	return db_notify_drain(function, data);
}
