/* db_account_codes: public codes, reserved once and never given out again. */
#include "db_account_codes.h"
#include "arena.h"
#include "db.h"
#include "db_modules.h"

#include <sodium.h>

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

const char *db_account_codes_reserve(struct arena *arena)
{
	static const char alphabet[] = "abcdefghijklmnopqrstuvwxyz0123456789";
	for (int attempt = 0; attempt < 20; attempt++) {
		char code[7];
		for (int i = 0; i < 6; i++)
			code[i] = alphabet[randombytes_uniform(sizeof(alphabet) - 1)];
		code[6] = '\0';
		int inserted = db_account_codes_insert(arena, code);
		if (inserted < 0)
			return NULL;
		if (inserted == 1)
			return arena_strdup(arena, code);
	}
	return NULL;
}
