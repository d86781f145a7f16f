/* test_database: what the database tests in tests/db (run by the HTTP
 * suite's test_lifecycle with SANGDAM_TEST_DATABASE set) share. Include
 * after <cmocka.h>. */
#ifndef SANGDAM_TEST_DATABASE_H
#define SANGDAM_TEST_DATABASE_H

#include "arena.h"
#include "config.h"
#include "db.h"

#include <stdlib.h>

/* Connects this thread to the test stack's database (env
 * SANGDAM_TEST_DATABASE, a libpq connection string); a new arena for the
 * caller to free. Fails the test when either is missing. */
static inline struct arena *test_database_connect(void)
{
	const char *database = getenv("SANGDAM_TEST_DATABASE");
	assert_non_null(database);
	assert_true(*database != '\0');
	config_set("database", database);
	struct arena *arena = arena_new();
	assert_int_equal(db_connect(), 0);
	return arena;
}

#endif
