/* db_labels: the queries of table labels (an account's names for sorting rooms). */
#ifndef SANGDAM_DB_LABELS_H
#define SANGDAM_DB_LABELS_H

struct arena;

/* account: */
/* Deletes every label of account_id (ACC-9 reset; their room links go with
 * them). Labels deleted, or <0 error. */
int db_labels_delete_account(struct arena *arena, long long account_id);
/* end account */

#endif
