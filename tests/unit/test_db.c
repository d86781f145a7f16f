/* db against a real PostgreSQL (SANGDAM_TEST_DATABASE, a libpq connection
 * string; skipped without it: the HTTP suite runs it against its stack, see
 * tests/http/test_lifecycle.py): a connection lost inside a transaction is
 * not silently replaced by one in autocommit. */
#include "arena.h"
#include "config.h"
#include "db.h"

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdlib.h>

#include <cmocka.h>

static void test_lost_transaction_refuses_until_request_end(void **state)
{
	(void)state;
	const char *database = getenv("SANGDAM_TEST_DATABASE");
	if (database == NULL || *database == '\0')
		skip();
	config_set("database", database);
	struct arena *arena = arena_new();
	assert_int_equal(db_connect(), 0);
	assert_int_equal(db_exec(arena, NULL, "SELECT 1", 0, NULL), 1);

	assert_int_equal(db_begin(arena), 0);
	/* The server ends this very connection, as a restart or an operator would. */
	assert_true(db_exec(arena, NULL, "SELECT pg_terminate_backend(pg_backend_pid())", 0, NULL) < 0);
	/* Before the fix the next statement reconnected and ran in autocommit. */
	assert_int_equal(db_exec(arena, NULL, "SELECT 1", 0, NULL), DB_ERROR);
	assert_int_equal(db_exec(arena, NULL, "SELECT 2", 0, NULL), DB_ERROR);
	assert_int_equal(db_commit(arena), DB_ERROR);
	db_end_request(arena);
	arena_reset(arena);

	/* The next request connects again. */
	assert_int_equal(db_exec(arena, NULL, "SELECT 3", 0, NULL), 1);
	/* A rollback ends the lost transaction too: later statements may reconnect. */
	assert_int_equal(db_begin(arena), 0);
	assert_true(db_exec(arena, NULL, "SELECT pg_terminate_backend(pg_backend_pid())", 0, NULL) < 0);
	assert_int_equal(db_exec(arena, NULL, "SELECT 4", 0, NULL), DB_ERROR);
	db_rollback(arena);
	assert_int_equal(db_exec(arena, NULL, "SELECT 5", 0, NULL), 1);
	db_end_request(arena);
	db_disconnect();
	arena_free(arena);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_lost_transaction_refuses_until_request_end),
	};
	return cmocka_run_group_tests_name("db", tests, NULL, NULL);
}
