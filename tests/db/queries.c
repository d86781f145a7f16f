/* db against a real PostgreSQL (SANGDAM_TEST_DATABASE, a libpq connection
 * string): db_run_queries runs several statements in one round trip (issue
 * 8) with each result as db_run would give it, stops at the first failure,
 * and leaves the connection usable. Not a unit test:
 * tests/http/test_lifecycle.py runs it against the stack's database. */
#include "arena.h"
#include "db.h"

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <string.h>

#include <cmocka.h>

#include "test_database.h"

/* Statements of this test alone, run through the same path as a module's. */
static const struct db_statement series = { "test_series",
	"SELECT g, 'row ' || g FROM generate_series(1, $1::int) AS g" };
static const struct db_statement words = { "test_words",
	"SELECT $1::text || ' ' || $2::text" };
static const struct db_statement none = { "test_none", "SELECT 1 WHERE false" };
static const struct db_statement divide = { "test_divide", "SELECT 1 / $1::int" };
static const struct db_statement planned = { "test_planned", "SELECT $1::int * 2",
	.plan = DB_PLAN_CUSTOM };
static const struct db_statement backend = { "test_backend", "SELECT pg_backend_pid()" };
static const struct db_statement transaction = { "test_transaction",
	"SELECT now()::text" };

static void test_results_in_order(void **state)
{
	(void)state;
	struct arena *arena = test_database_connect();
	long long pid_before;
	assert_int_equal(DB_RUN_INT(arena, &backend, &pid_before), 1);
	for (int round = 0; round < 2; round++) { /* prepared on the first, reused on the second */
		struct db_query queries[] = {
			DB_QUERY(&series, "3"),
			DB_QUERY(&words, "hello", NULL),
			DB_QUERY(&none),
			DB_QUERY(&planned, "21"),
			DB_QUERY(&series, "2"),
		};
		assert_int_equal(db_run_queries(arena, queries, 5), 0);
		assert_int_equal(queries[0].result, 3);
		assert_int_equal(queries[0].rows.count, 3);
		assert_int_equal(db_int(&queries[0].rows, 2, 0), 3);
		assert_string_equal(db_value(&queries[0].rows, 1, 1), "row 2");
		assert_int_equal(queries[1].result, 1);
		assert_true(db_is_null(&queries[1].rows, 0, 0)); /* text || NULL */
		assert_int_equal(queries[2].result, 0);
		assert_int_equal(queries[3].result, 1);
		assert_int_equal(db_int(&queries[3].rows, 0, 0), 42);
		assert_int_equal(queries[4].result, 2);
		assert_string_equal(db_value(&queries[4].rows, 1, 1), "row 2");
	}
	/* one query goes without the pipeline, with the same result */
	struct db_query one = DB_QUERY(&series, "4");
	assert_int_equal(db_run_queries(arena, &one, 1), 0);
	assert_int_equal(one.result, 4);
	/* the same connection throughout */
	long long pid_after;
	assert_int_equal(DB_RUN_INT(arena, &backend, &pid_after), 1);
	assert_int_equal(pid_before, pid_after);
	db_end_request(arena);
	db_disconnect();
	arena_free(arena);
}

static void test_first_failure_stops_the_rest(void **state)
{
	(void)state;
	struct arena *arena = test_database_connect();
	struct db_query queries[] = {
		DB_QUERY(&series, "2"),
		DB_QUERY(&divide, "0"),
		DB_QUERY(&series, "5"),
	};
	assert_int_equal(db_run_queries(arena, queries, 3), DB_ERROR);
	assert_int_equal(queries[0].result, 2);
	assert_int_equal(db_int(&queries[0].rows, 1, 0), 2);
	assert_int_equal(queries[1].result, DB_ERROR);
	assert_int_equal(queries[2].result, DB_ERROR);
	assert_int_equal(queries[2].rows.count, 0);
	/* the connection takes the next statements, alone or in a pipeline */
	struct db_query again[] = { DB_QUERY(&divide, "2"), DB_QUERY(&series, "1") };
	assert_int_equal(db_run_queries(arena, again, 2), 0);
	assert_int_equal(db_int(&again[0].rows, 0, 0), 0);
	assert_int_equal(again[1].result, 1);
	assert_int_equal(DB_RUN(arena, NULL, &series, "3"), 3);
	db_end_request(arena);
	db_disconnect();
	arena_free(arena);
}

/* The queries of one run are one implicit transaction: one now(). */
static void test_one_transaction(void **state)
{
	(void)state;
	struct arena *arena = test_database_connect();
	struct db_query queries[] = { DB_QUERY(&transaction), DB_QUERY(&series, "1"),
		DB_QUERY(&transaction) };
	assert_int_equal(db_run_queries(arena, queries, 3), 0);
	assert_string_equal(db_value(&queries[0].rows, 0, 0), db_value(&queries[2].rows, 0, 0));
	struct db_query later = DB_QUERY(&transaction);
	assert_int_equal(db_run_queries(arena, &later, 1), 0);
	assert_string_not_equal(db_value(&queries[0].rows, 0, 0), db_value(&later.rows, 0, 0));
	db_end_request(arena);
	db_disconnect();
	arena_free(arena);
}

static const struct db_statement xact = { "test_xact",
	"SELECT pg_current_xact_id()::text" };
static const struct db_statement set_mark = { "test_set_mark",
	"SELECT set_config('sangdam.test_mark', $1::text, true)" };
static const struct db_statement get_mark = { "test_get_mark",
	"SELECT coalesce(current_setting('sangdam.test_mark', true), '')" };
static const struct db_statement sync_commit = { "test_sync_commit",
	"SELECT current_setting('synchronous_commit')" };

/* db_begin sends its BEGIN with the transaction's first statement: what
 * follows is one transaction (one id, a local setting kept until the end),
 * db_run_queries opens it too, a rollback undoes it, and db_begin_no_wait's
 * SET LOCAL goes along. */
static void test_begin_goes_with_the_first_statement(void **state)
{
	(void)state;
	struct arena *arena = test_database_connect();
	assert_int_equal(db_begin(arena), 0);
	struct db_rows first, second;
	assert_int_equal(db_run(arena, &first, &xact, 0, NULL), 1);
	assert_int_equal(DB_RUN(arena, NULL, &set_mark, "kept"), 1);
	assert_int_equal(db_run(arena, &second, &xact, 0, NULL), 1);
	assert_string_equal(db_value(&first, 0, 0), db_value(&second, 0, 0));
	assert_int_equal(db_run(arena, &second, &get_mark, 0, NULL), 1);
	assert_string_equal(db_value(&second, 0, 0), "kept");
	db_rollback(arena);
	assert_int_equal(db_run(arena, &second, &get_mark, 0, NULL), 1);
	assert_string_equal(db_value(&second, 0, 0), "");

	/* opened by a pipeline: its queries and the next statement share it */
	assert_int_equal(db_begin(arena), 0);
	struct db_query queries[] = { DB_QUERY(&xact), DB_QUERY(&set_mark, "piped") };
	assert_int_equal(db_run_queries(arena, queries, 2), 0);
	assert_int_equal(queries[0].result, 1);
	assert_int_equal(db_run(arena, &second, &xact, 0, NULL), 1);
	assert_string_equal(db_value(&queries[0].rows, 0, 0), db_value(&second, 0, 0));
	assert_int_equal(db_commit(arena), 0);
	/* outside it, every statement is a transaction of its own */
	assert_int_equal(db_run(arena, &first, &xact, 0, NULL), 1);
	assert_int_equal(db_run(arena, &second, &xact, 0, NULL), 1);
	assert_string_not_equal(db_value(&first, 0, 0), db_value(&second, 0, 0));

	/* the test cluster may run with synchronous_commit off: SET LOCAL is
	 * seen as off inside and as the server's setting after */
	struct db_rows server;
	assert_int_equal(db_run(arena, &server, &sync_commit, 0, NULL), 1);
	assert_int_equal(db_begin_no_wait(arena), 0);
	assert_int_equal(db_run(arena, &first, &sync_commit, 0, NULL), 1);
	assert_string_equal(db_value(&first, 0, 0), "off");
	assert_int_equal(db_commit(arena), 0);
	assert_int_equal(db_run(arena, &first, &sync_commit, 0, NULL), 1);
	assert_string_equal(db_value(&first, 0, 0), db_value(&server, 0, 0));

	/* nothing run: nothing to commit or roll back, and the connection is idle */
	assert_int_equal(db_begin(arena), 0);
	assert_int_equal(db_commit(arena), 0);
	assert_int_equal(db_begin(arena), 0);
	db_rollback(arena);
	assert_int_equal(db_run(arena, &first, &get_mark, 0, NULL), 1);
	assert_string_equal(db_value(&first, 0, 0), "");
	db_end_request(arena);
	db_disconnect();
	arena_free(arena);
}

/* A transaction begun without a connection (a worker's first request, or
 * after db_idle_seconds let it go) connects with its first statement, in a
 * pipeline and alone. */
static void test_begin_without_a_connection(void **state)
{
	(void)state;
	struct arena *arena = test_database_connect();
	struct db_rows first, second;
	db_disconnect();
	assert_int_equal(db_begin(arena), 0);
	assert_int_equal(db_run(arena, &first, &xact, 0, NULL), 1);
	assert_int_equal(db_run(arena, &second, &xact, 0, NULL), 1);
	assert_string_equal(db_value(&first, 0, 0), db_value(&second, 0, 0));
	assert_int_equal(db_commit(arena), 0);
	db_disconnect();
	assert_int_equal(db_begin_no_wait(arena), 0);
	struct db_query queries[] = { DB_QUERY(&sync_commit), DB_QUERY(&xact) };
	assert_int_equal(db_run_queries(arena, queries, 2), 0);
	assert_string_equal(db_value(&queries[0].rows, 0, 0), "off");
	assert_int_equal(db_commit(arena), 0);
	db_end_request(arena);
	db_disconnect();
	arena_free(arena);
}

/* A failing first statement fails with its BEGIN; a rollback ends that
 * transaction and the connection takes the next one. */
static void test_failed_first_statement(void **state)
{
	(void)state;
	struct arena *arena = test_database_connect();
	assert_int_equal(db_begin(arena), 0);
	assert_int_equal(DB_RUN(arena, NULL, &divide, "0"), DB_ERROR);
	assert_int_equal(DB_RUN(arena, NULL, &series, "1"), DB_ERROR); /* aborted */
	db_rollback(arena);
	assert_int_equal(DB_RUN(arena, NULL, &series, "2"), 2);
	db_end_request(arena);
	db_disconnect();
	arena_free(arena);
}

static const struct db_statement mode_planned = { "test_mode_planned",
	"SELECT current_setting('plan_cache_mode') || $1::text", .plan = DB_PLAN_CUSTOM };
static const struct db_statement mode_generic = { "test_mode_generic",
	"SELECT current_setting('plan_cache_mode') || $1::text", .plan = DB_PLAN_GENERIC };
static const struct db_statement mode = { "test_mode",
	"SELECT current_setting('plan_cache_mode')" };
static const struct db_statement set_mode = { "test_set_mode",
	"SELECT set_config('plan_cache_mode', $1::text, false)" };
static const struct db_statement plans = { "test_plans",
	"SELECT generic_plans, custom_plans FROM pg_prepared_statements WHERE name = $1" };

/* statement (of plan cache mode forced) in a pipeline and in a
 * transaction, between statements that must read the session's mode,
 * around (two runs of statement). */
static void check_mode_around(struct arena *arena, const struct db_statement *statement,
    const char *forced, const char *around)
{
	struct db_query queries[] = { DB_QUERY(&mode), DB_QUERY(statement, "?"),
		DB_QUERY(&mode), DB_QUERY(&series, "2") };
	assert_int_equal(db_run_queries(arena, queries, 4), 0);
	assert_string_equal(db_value(&queries[0].rows, 0, 0), around);
	assert_string_equal(db_value(&queries[1].rows, 0, 0),
	    arena_printf(arena, "%s?", forced));
	assert_string_equal(db_value(&queries[2].rows, 0, 0), around);
	assert_int_equal(queries[3].result, 2);
	struct db_rows rows;
	assert_int_equal(db_begin(arena), 0);
	assert_int_equal(DB_RUN(arena, &rows, statement, "#"), 1);
	assert_string_equal(db_value(&rows, 0, 0), arena_printf(arena, "%s#", forced));
	assert_int_equal(DB_RUN(arena, &rows, &mode), 1);
	assert_string_equal(db_value(&rows, 0, 0), around);
	assert_int_equal(db_commit(arena), 0);
	assert_int_equal(DB_RUN(arena, &rows, &mode), 1);
	assert_string_equal(db_value(&rows, 0, 0), around);
}

/* A statement of a forced plan (DB_PLAN_CUSTOM: the history's filters;
 * DB_PLAN_GENERIC: the search's shapes) is prepared once and planned as it
 * asks, however often it runs, alone, in a pipeline or in a transaction;
 * the statements after it keep the mode they had, PostgreSQL's default or
 * one set for the session (issue 8). Without its guards, PostgreSQL would
 * switch the custom one to its generic plan after the fifth run, and plan
 * the generic one for its values five times first. */
static void check_plan(const struct db_statement *statement, const char *forced,
    const char *other, int generic_plans, int custom_plans)
{
	struct arena *arena = test_database_connect();
	struct db_rows rows;
	for (int run = 0; run < 8; run++) {
		assert_int_equal(DB_RUN(arena, &rows, statement, "!"), 1);
		assert_string_equal(db_value(&rows, 0, 0), arena_printf(arena, "%s!", forced));
		assert_int_equal(DB_RUN(arena, &rows, &mode), 1);
		assert_string_equal(db_value(&rows, 0, 0), "auto");
	}
	check_mode_around(arena, statement, forced, "auto");
	assert_int_equal(DB_RUN(arena, NULL, &set_mode, other), 1);
	check_mode_around(arena, statement, forced, other);
	assert_int_equal(DB_RUN(arena, &rows, &plans, statement->name), 1);
	assert_int_equal(db_int(&rows, 0, 0), generic_plans);
	assert_int_equal(db_int(&rows, 0, 1), custom_plans);
	db_end_request(arena);
	db_disconnect();
	arena_free(arena);
}

static void test_plan_forced_on_each_run(void **state)
{
	(void)state;
	check_plan(&mode_planned, "force_custom_plan", "force_generic_plan", 0, 12);
	check_plan(&mode_generic, "force_generic_plan", "force_custom_plan", 12, 0);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_results_in_order),
		cmocka_unit_test(test_first_failure_stops_the_rest),
		cmocka_unit_test(test_one_transaction),
		cmocka_unit_test(test_begin_goes_with_the_first_statement),
		cmocka_unit_test(test_failed_first_statement),
		cmocka_unit_test(test_begin_without_a_connection),
		cmocka_unit_test(test_plan_forced_on_each_run),
	};
	return cmocka_run_group_tests_name("db_queries", tests, NULL, NULL);
}
