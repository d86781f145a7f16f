/* db_accounts: the queries of table accounts. */
#ifndef SANGDAM_DB_ACCOUNTS_H
#define SANGDAM_DB_ACCOUNTS_H

#include <stdbool.h>

struct arena;

/* talk: */
struct chat_account;

/* The account of code as its customers see it; fills out (strings in arena).
 * 1 found, 0 none, <0 DB_* error. */
int db_accounts_get_for_customers(struct arena *arena, const char *code,
    struct chat_account *out);

/* The id of the approved account of code. 1 found, 0 none (or not
 * approved), <0 error. */
int db_accounts_find_approved(struct arena *arena, const char *code, long long *id);

/* The stored name and type of account_id's profile image (profile true) or
 * background image. 1 found, 0 no such image, <0 error. */
int db_accounts_get_image(struct arena *arena, long long account_id, bool profile,
    const char **stored_name, const char **mime);
/* end talk */

#endif
