/* ops: the operator's pages, one file each (home.c, review.c, backups.c), as main.c's
 * routes name them. Every handler returns an HTTP status, or -1 for a 500. */
#ifndef SANGDAM_OPS_PAGES_H
#define SANGDAM_OPS_PAGES_H

struct request;

/* home.c: GET /ops/, server status (OPS-2). */
int home_page(struct request *req);

/* review.c: GET /ops/accounts and the decisions on a pending account (ACC-3). */
int review_list(struct request *req);
int review_approve(struct request *req);
int review_reject(struct request *req);

/* backups.c: GET and POST /ops/backups, every account's backup (EXP-1) and
 * the ones kept from deleted accounts; .../ID/status, download, cancel. */
int ops_backups_page(struct request *req);
int ops_backups_start(struct request *req);
int ops_backups_status(struct request *req);
int ops_backups_file(struct request *req);
int ops_backups_stop(struct request *req);

#endif
