/* db_partners: partners, the people who sign in and work in accounts. */
#include "db_partners.h"
#include "db.h"
#include "db_modules.h"

enum db_partners_statement {
	/* account: */
	DB_PARTNERS_LOCK,
	DB_PARTNERS_COUNT,
	DB_PARTNERS_DATABASE_SIZE,
	/* end account */
	DB_PARTNERS__MAX
};

static const struct db_statement db_partners_sql[DB_PARTNERS__MAX] = {
	/* account: */
	[DB_PARTNERS_LOCK] = { "partners_lock", "SELECT 1 FROM partners WHERE id = $1 FOR UPDATE" },
	[DB_PARTNERS_COUNT] = { "partners_count", "SELECT count(*) FROM partners" },
	[DB_PARTNERS_DATABASE_SIZE] = { "partners_database_size",
	    "SELECT pg_size_pretty(pg_database_size(current_database()))" },
	/* end account */
};

const struct db_module db_partners_module = { "partners", db_partners_sql, DB_PARTNERS__MAX };

/* account: */
int db_partners_lock(struct arena *arena, long long id)
{
	return DB_RUN(arena, NULL, &db_partners_sql[DB_PARTNERS_LOCK], db_param_int(arena, id));
}

int db_partners_count(struct arena *arena)
{
	struct db_rows rows;
	int found = db_run(arena, &rows, &db_partners_sql[DB_PARTNERS_COUNT], 0, NULL);
	if (found != 1)
		return found < 0 ? found : DB_ERROR;
	return (int)db_int(&rows, 0, 0);
}

int db_partners_database_size(struct arena *arena, const char **size)
{
	struct db_rows rows;
	int found = db_run(arena, &rows, &db_partners_sql[DB_PARTNERS_DATABASE_SIZE], 0, NULL);
	if (found != 1)
		return found < 0 ? found : DB_ERROR;
	*size = db_value(&rows, 0, 0);
	return 1;
}
/* end account */
