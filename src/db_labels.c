/* db_labels: the labels an account puts on its rooms. */
#include "db_labels.h"
#include "db.h"
#include "db_modules.h"

enum db_labels_statement {
	/* account: */
	DB_LABELS_DELETE_ACCOUNT,
	/* end account */
	DB_LABELS__MAX
};

static const struct db_statement db_labels_sql[DB_LABELS__MAX] = {
	/* account: */
	[DB_LABELS_DELETE_ACCOUNT] = { "labels_delete_account",
	    "DELETE FROM labels WHERE account_id = $1" },
	/* end account */
};

const struct db_module db_labels_module = { "labels", db_labels_sql, DB_LABELS__MAX };

/* account: */
int db_labels_delete_account(struct arena *arena, long long account_id)
{
	return DB_RUN(arena, NULL, &db_labels_sql[DB_LABELS_DELETE_ACCOUNT],
	    db_param_int(arena, account_id));
}
/* end account */
