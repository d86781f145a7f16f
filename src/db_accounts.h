/* db_accounts: the queries of table accounts. */
#ifndef SANGDAM_DB_ACCOUNTS_H
#define SANGDAM_DB_ACCOUNTS_H

struct arena;

/* inbox: */
/* Sets *minutes to account_id's chat session timeout (CHAT-17): 1, 0 no such
 * account, <0 DB_* error. */
int db_accounts_session_timeout(struct arena *arena, long long account_id, long long *minutes);

/* Sets account_id's chat session timeout in minutes: rows changed, or <0. */
int db_accounts_set_session_timeout(struct arena *arena, long long account_id,
    long long minutes);
/* end inbox */

#endif
