/* db_recovery_codes: a partner's recovery codes, hashed, each used once. */
#include "db_recovery_codes.h"
#include "db.h"
#include "db_modules.h"

enum db_recovery_codes_statement {
	DB_RECOVERY_CODES_INSERT,
	DB_RECOVERY_CODES_USE,
	DB_RECOVERY_CODES_DELETE_PARTNER,
	DB_RECOVERY_CODES_COUNT_LEFT,
	DB_RECOVERY_CODES__MAX
};

static const struct db_statement db_recovery_codes_sql[DB_RECOVERY_CODES__MAX] = {
	[DB_RECOVERY_CODES_INSERT] = { "recovery_codes_insert",
	    "INSERT INTO recovery_codes (partner_id, code_hash) VALUES ($1, $2)" },
	/* The row lock makes parallel uses of one code pass once. */
	[DB_RECOVERY_CODES_USE] = { "recovery_codes_use",
	    "UPDATE recovery_codes SET used_at = now() "
	    "WHERE partner_id = $1 AND code_hash = $2 AND used_at IS NULL" },
	[DB_RECOVERY_CODES_DELETE_PARTNER] = { "recovery_codes_delete_partner",
	    "DELETE FROM recovery_codes WHERE partner_id = $1" },
	[DB_RECOVERY_CODES_COUNT_LEFT] = { "recovery_codes_count_left",
	    "SELECT count(*) FROM recovery_codes WHERE partner_id = $1 AND used_at IS NULL" },
};

const struct db_module db_recovery_codes_module = {
	"recovery_codes", db_recovery_codes_sql, DB_RECOVERY_CODES__MAX
};

int db_recovery_codes_insert(struct arena *arena, long long partner_id, const char *code_hash)
{
	return DB_RUN(arena, NULL, &db_recovery_codes_sql[DB_RECOVERY_CODES_INSERT],
	    db_param_int(arena, partner_id), code_hash);
}

int db_recovery_codes_use(struct arena *arena, long long partner_id, const char *code_hash)
{
	return DB_RUN(arena, NULL, &db_recovery_codes_sql[DB_RECOVERY_CODES_USE],
	    db_param_int(arena, partner_id), code_hash);
}

int db_recovery_codes_delete_partner(struct arena *arena, long long partner_id)
{
	return DB_RUN(arena, NULL, &db_recovery_codes_sql[DB_RECOVERY_CODES_DELETE_PARTNER],
	    db_param_int(arena, partner_id));
}

int db_recovery_codes_count_left(struct arena *arena, long long partner_id)
{
	long long count;
	int found = DB_RUN_INT(arena, &db_recovery_codes_sql[DB_RECOVERY_CODES_COUNT_LEFT], &count,
	    db_param_int(arena, partner_id));
	return found == 1 ? (int)count : found < 0 ? found : DB_ERROR;
}
