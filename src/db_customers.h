/* db_customers: the queries of table customers, the people who write to an
 * account. */
#ifndef SANGDAM_DB_CUSTOMERS_H
#define SANGDAM_DB_CUSTOMERS_H

#include <stdbool.h>
#include <stddef.h>

struct arena;

/* inbox: */
/* Blocks (or unblocks) the customers of the count rooms ids of account_id;
 * blocking also clears those rooms' "important" mark (CHAT-13), in the same
 * statement. Rooms updated, or <0 DB_* error. */
int db_customers_block_rooms(struct arena *arena, long long account_id, const long long *ids,
    size_t count, bool blocked);
/* end inbox */

#endif
