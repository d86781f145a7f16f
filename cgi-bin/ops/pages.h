/* ops: the operator's pages, one file each (home.c, review.c), as main.c's
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

#endif
