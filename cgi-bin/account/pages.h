/* account pages: the pages of the account program, one file each (list.c,
 * new.c, home.c, profile.c, exposure.c, manage.c), as main.c's routes name them.
 * Every handler returns an HTTP status, or -1 for a 500 (route.h). */
#ifndef SANGDAM_ACCOUNT_PAGES_H
#define SANGDAM_ACCOUNT_PAGES_H

struct request;

/* list.c: GET /accounts, the partner's accounts. */
int list_page(struct request *req);

/* new.c: GET and POST /accounts/new, the creation wizard (ACC-1, ACC-2). */
int new_form(struct request *req);
int new_post(struct request *req);
int resubmit_form_page(struct request *req);
int resubmit_post(struct request *req);

/* home.c: GET /a/CODE/ and POST /a/CODE/switches. */
int home_page(struct request *req);
int home_switches(struct request *req);

/* profile.c: GET and POST /a/CODE/profile, GET /a/CODE/images/NAME (ACC-5). */
int profile_form(struct request *req);
int profile_post(struct request *req);
int profile_image(struct request *req);

/* exposure.c: GET /a/CODE/exposure, /a/CODE/qr/SIZE.png and /a/CODE/qr.svg (ACC-6). */
int exposure_page(struct request *req);
int exposure_qr_png(struct request *req);
int exposure_qr_svg(struct request *req);

/* manage.c: GET /a/CODE/manage, POST delete, delete/cancel and reset (ACC-8, ACC-9). */
int manage_page(struct request *req);
int manage_delete(struct request *req);
int manage_cancel_delete(struct request *req);
int manage_reset(struct request *req);

/* availability.c: POST /a/CODE/availability, the member's available or
 * away switch (MEM-6). */
int availability_post(struct request *req);

#endif
