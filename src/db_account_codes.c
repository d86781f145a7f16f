/* db_account_codes: public codes, reserved once and never given out again. */
#include "db_account_codes.h"
#include "db.h"
#include "db_modules.h"

enum db_account_codes_statement {
	DB_ACCOUNT_CODES_INSERT,
	DB_ACCOUNT_CODES__MAX
};

static const struct db_statement db_account_codes_sql[DB_ACCOUNT_CODES__MAX] = {
	[DB_ACCOUNT_CODES_INSERT] = { "account_codes_insert",
	    "INSERT INTO account_codes (code) VALUES ($1) ON CONFLICT DO NOTHING" },
};

const struct db_module db_account_codes_module = { "account_codes", db_account_codes_sql,
	DB_ACCOUNT_CODES__MAX };

int db_account_codes_insert(struct arena *arena, const char *code)
{
	return DB_RUN(arena, NULL, &db_account_codes_sql[DB_ACCOUNT_CODES_INSERT], code);
}
