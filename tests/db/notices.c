/* db against a real PostgreSQL (SANGDAM_TEST_DATABASE): notices queued with
 * db_run_notice go after the durable commit, in a transaction of their own
 * that does not wait for the disk, and never weaken the transaction that
 * queued them (NF-4). tests/http/test_lifecycle.py runs it against the
 * stack's database. */
#include "arena.h"
#include "db.h"

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <string.h>

#include <cmocka.h>

#include "test_database.h"

/* Statements of this test alone, run through the same path as a module's.
 * The notice tells, in its payload, the synchronous_commit and the
 * transaction id of the transaction that sent it. */
static const struct db_statement listen_test = { "test_listen", "LISTEN sangdam_test" };
static const struct db_statement notice = { "test_notice",
	"SELECT pg_notify('sangdam_test', $1 || ' ' || current_setting('synchronous_commit') "
	"|| ' ' || txid_current())" };
static const struct db_statement bad_notice = { "test_bad_notice",
	"SELECT pg_notify('sangdam_test', ($1::int)::text)" };
static const struct db_statement xid = { "test_xid", "SELECT txid_current()" };
/* the production setting, whatever the test stack's is */
static const struct db_statement durable_session = { "test_durable_session",
	"SET synchronous_commit = on" };
static const struct db_statement durability = { "test_durability",
	"SELECT current_setting('synchronous_commit') = 'on'" };
static const struct db_statement select_one = { "test_select_one", "SELECT 1" };

/* The notifications received, as "payload\n" lines. */
struct received {
	char text[1024];
	int count;
};

static void collect(const char *channel, const char *payload, void *data)
{
	struct received *received = data;
	size_t used = strlen(received->text);
	if (strcmp(channel, "sangdam_test") == 0)
		snprintf(received->text + used, sizeof(received->text) - used, "%s\n", payload);
	received->count++;
}

/* Waits up to 5 s for at least one notification into received. */
static void wait_for(struct received *received)
{
	for (int i = 0; i < 50 && received->count == 0; i++)
		assert_true(db_wait_notify(100, collect, received) >= 0);
}

static bool durable_now(struct arena *arena)
{
	struct db_rows rows;
	assert_int_equal(db_run(arena, &rows, &durability, 0, NULL), 1);
	return db_bool(&rows, 0, 0);
}

static struct arena *setup(void)
{
	struct arena *arena = test_database_connect();
	assert_true(db_run(arena, NULL, &listen_test, 0, NULL) >= 0);
	assert_true(db_run(arena, NULL, &durable_session, 0, NULL) >= 0);
	return arena;
}

/* The notice leaves after the commit, from another transaction whose commit
 * does not wait for the disk; the transaction that queued it stays durable. */
static void test_notice_after_durable_commit(void **state)
{
	(void)state;
	struct arena *arena = setup();
	struct received received = { 0 };
	long long message_xid = 0;
	assert_int_equal(db_begin(arena), 0);
	assert_int_equal(db_run_int(arena, &xid, &message_xid, 0, NULL), 1);
	assert_int_equal(DB_RUN_NOTICE(arena, &notice, "first"), 0);
	assert_true(durable_now(arena));
	assert_int_equal(db_wait_notify(0, collect, &received), 0);
	assert_int_equal(db_commit(arena), 0);
	wait_for(&received);
	long long notice_xid = 0;
	char setting[8] = "";
	assert_int_equal(sscanf(received.text, "first %7s %lld", setting, &notice_xid), 2);
	assert_string_equal(setting, "off");
	assert_true(notice_xid > message_xid);
	/* SET LOCAL ended with the notices' transaction. */
	assert_true(durable_now(arena));
	db_end_request(arena);
	db_disconnect();
	arena_free(arena);
}

/* A rollback drops the queued notices; outside a transaction one goes at
 * once, without waiting for the disk either. */
static void test_rollback_drops_notices(void **state)
{
	(void)state;
	struct arena *arena = setup();
	struct received received = { 0 };
	assert_int_equal(db_begin(arena), 0);
	assert_int_equal(DB_RUN_NOTICE(arena, &notice, "dropped"), 0);
	db_rollback(arena);
	assert_int_equal(DB_RUN_NOTICE(arena, &notice, "alone"), 0);
	wait_for(&received);
	assert_int_equal(received.count, 1);
	assert_non_null(strstr(received.text, "alone off "));
	assert_null(strstr(received.text, "dropped"));
	db_end_request(arena);
	db_disconnect();
	arena_free(arena);
}

/* A notice that fails after the commit leaves the commit's result (the
 * change is saved) and the connection ready for the next statement. */
static void test_failed_notice_keeps_commit(void **state)
{
	(void)state;
	struct arena *arena = setup();
	assert_int_equal(db_begin(arena), 0);
	assert_int_equal(DB_RUN_NOTICE(arena, &bad_notice, "not a number"), 0);
	assert_int_equal(db_commit(arena), 0);
	assert_int_equal(db_run(arena, NULL, &select_one, 0, NULL), 1);
	assert_int_equal(DB_RUN_NOTICE(arena, &bad_notice, "not a number"), DB_ERROR);
	assert_int_equal(db_run(arena, NULL, &select_one, 0, NULL), 1);
	db_end_request(arena);
	db_disconnect();
	arena_free(arena);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_notice_after_durable_commit),
		cmocka_unit_test(test_rollback_drops_notices),
		cmocka_unit_test(test_failed_notice_keeps_commit),
	};
	return cmocka_run_group_tests_name("db_notices", tests, NULL, NULL);
}
