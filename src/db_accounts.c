/* db_accounts: accounts, by id or by their public code. */
#include "db_accounts.h"
#include "db.h"
#include "db_modules.h"

/* talk: */
#include "chat.h"

#include <string.h>
/* end talk */

enum db_accounts_statement {
	/* talk: */
	DB_ACCOUNTS_GET_FOR_CUSTOMERS,
	DB_ACCOUNTS_FIND_APPROVED,
	DB_ACCOUNTS_GET_IMAGE,
	/* end talk */
	DB_ACCOUNTS__MAX
};

/* talk: */
/* Columns of DB_ACCOUNTS_GET_FOR_CUSTOMERS and DB_ACCOUNTS_GET_IMAGE. */
enum {
	CUSTOMERS_ID, CUSTOMERS_CODE, CUSTOMERS_NAME, CUSTOMERS_INTRO, CUSTOMERS_STATUS,
	CUSTOMERS_HOME_PUBLIC, CUSTOMERS_CHAT_ON, CUSTOMERS_HAS_PROFILE_IMAGE,
	CUSTOMERS_HAS_BACKGROUND_IMAGE, CUSTOMERS_TIME_ZONE
};
enum { IMAGE_STORED_NAME, IMAGE_MIME };
/* end talk */

static const struct db_statement db_accounts_sql[DB_ACCOUNTS__MAX] = {
	/* talk: */
	[DB_ACCOUNTS_GET_FOR_CUSTOMERS] = { "accounts_get_for_customers",
	    "SELECT id, code, name, intro, status, home_public, chat_on, profile_image IS NOT NULL, "
	    "background_image IS NOT NULL, time_zone FROM accounts WHERE code = $1" },
	[DB_ACCOUNTS_FIND_APPROVED] = { "accounts_find_approved",
	    "SELECT id FROM accounts WHERE code = $1 AND status = 'approved'" },
	[DB_ACCOUNTS_GET_IMAGE] = { "accounts_get_image",
	    "SELECT CASE WHEN $2 THEN profile_image ELSE background_image END, "
	    "CASE WHEN $2 THEN profile_image_type ELSE background_image_type END "
	    "FROM accounts WHERE id = $1" },
	/* end talk */
};

const struct db_module db_accounts_module = { "accounts", db_accounts_sql, DB_ACCOUNTS__MAX };

/* talk: */
int db_accounts_get_for_customers(struct arena *arena, const char *code,
    struct chat_account *out)
{
	struct db_rows rows;
	int found = DB_RUN(arena, &rows, &db_accounts_sql[DB_ACCOUNTS_GET_FOR_CUSTOMERS], code);
	if (found <= 0)
		return found;
	out->id = db_int(&rows, 0, CUSTOMERS_ID);
	out->code = db_value(&rows, 0, CUSTOMERS_CODE);
	out->name = db_value(&rows, 0, CUSTOMERS_NAME);
	out->intro = db_value(&rows, 0, CUSTOMERS_INTRO);
	out->status = db_value(&rows, 0, CUSTOMERS_STATUS);
	out->approved = strcmp(out->status, "approved") == 0;
	out->home_public = db_bool(&rows, 0, CUSTOMERS_HOME_PUBLIC);
	out->chat_on = db_bool(&rows, 0, CUSTOMERS_CHAT_ON);
	out->has_profile_image = db_bool(&rows, 0, CUSTOMERS_HAS_PROFILE_IMAGE);
	out->has_background_image = db_bool(&rows, 0, CUSTOMERS_HAS_BACKGROUND_IMAGE);
	out->time_zone = db_value(&rows, 0, CUSTOMERS_TIME_ZONE);
	return 1;
}

int db_accounts_find_approved(struct arena *arena, const char *code, long long *id)
{
	struct db_rows rows;
	int found = DB_RUN(arena, &rows, &db_accounts_sql[DB_ACCOUNTS_FIND_APPROVED], code);
	if (found <= 0)
		return found;
	*id = db_int(&rows, 0, 0);
	return 1;
}

int db_accounts_get_image(struct arena *arena, long long account_id, bool profile,
    const char **stored_name, const char **mime)
{
	struct db_rows rows;
	int found = DB_RUN(arena, &rows, &db_accounts_sql[DB_ACCOUNTS_GET_IMAGE],
	    db_param_int(arena, account_id), profile ? "true" : "false");
	if (found <= 0 || db_is_null(&rows, 0, IMAGE_STORED_NAME))
		return found < 0 ? found : 0;
	*stored_name = db_value(&rows, 0, IMAGE_STORED_NAME);
	*mime = db_value(&rows, 0, IMAGE_MIME);
	return 1;
}
/* end talk */
