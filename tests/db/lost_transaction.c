/* db against a real PostgreSQL (SANGDAM_TEST_DATABASE, a libpq connection
 * string): a connection lost inside a transaction is not silently replaced by
 * one in autocommit. Not a unit test: tests/http/test_lifecycle.py runs it
 * against the stack's database. */
#include "arena.h"
#include "db.h"

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>

#include <cmocka.h>

#include "test_database.h"

/* Statements of this test alone, run through the same path as a module's. */
static const struct db_statement select_number = { "test_select_number", "SELECT $1::int" };
static const struct db_statement terminate = { "test_terminate",
	"SELECT pg_terminate_backend(pg_backend_pid())" };

static int select_n(struct arena *arena, const char *number)
{
	return DB_RUN(arena, NULL, &select_number, number);
}

static void test_lost_transaction_refuses_until_request_end(void **state)
{
	(void)state;
	struct arena *arena = test_database_connect();
	assert_int_equal(select_n(arena, "1"), 1);

	assert_int_equal(db_begin(arena), 0);
	/* The server ends this very connection, as a restart or an operator would. */
	assert_true(db_run(arena, NULL, &terminate, 0, NULL) < 0);
	/* Before the fix the next statement reconnected and ran in autocommit. */
	assert_int_equal(select_n(arena, "1"), DB_ERROR);
	assert_int_equal(select_n(arena, "2"), DB_ERROR);
	assert_int_equal(db_commit(arena), DB_ERROR);
	db_end_request(arena);
	arena_reset(arena);

	/* The next request connects again. */
	assert_int_equal(select_n(arena, "3"), 1);
	/* A rollback ends the lost transaction too: later statements may reconnect. */
	assert_int_equal(db_begin(arena), 0);
	assert_true(db_run(arena, NULL, &terminate, 0, NULL) < 0);
	assert_int_equal(select_n(arena, "4"), DB_ERROR);
	db_rollback(arena);
	assert_int_equal(select_n(arena, "5"), 1);
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
