/* db_rooms: the queries of table rooms (one chat room per customer and account). */
#ifndef SANGDAM_DB_ROOMS_H
#define SANGDAM_DB_ROOMS_H

struct arena;

/* account: */
/* ACC-9 reset: completes every room of account_id, clears its unread count
 * and takes it off the list; the messages stay. Rooms changed, or <0 error. */
int db_rooms_reset_account(struct arena *arena, long long account_id);
/* end account */

#endif
