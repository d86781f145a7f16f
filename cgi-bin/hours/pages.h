/* hours pages: what the files of the hours program share: the hours page
 * (week.c) shows the weekly hours and the holidays (holidays.c) on one page;
 * messages.c is the automatic messages' page. Every handler returns an HTTP
 * status, or -1 for a 500 (route.h). */
#ifndef SANGDAM_HOURS_PAGES_H
#define SANGDAM_HOURS_PAGES_H

#include "param.h"

struct request;
struct view;

/* What the hours page shows beyond the stored hours after a refused post:
 * the holiday form's values, and the holiday whose deletion was not
 * confirmed (0: none). */
struct week_extra {
	const struct param_value *holiday_values; /* HOLIDAY__MAX values, or NULL */
	long long unconfirmed_id;
};

/* Fields of the holiday form (POST /a/CODE/hours/holidays). */
enum { HOLIDAY_START, HOLIDAY_END, HOLIDAY__MAX };
extern const struct param_field holiday_fields[HOLIDAY__MAX];

/* week.c: GET and POST /a/CODE/hours (HOURS-1, 2, 4). */
int week_page(struct request *req);
int week_post(struct request *req);

/* The hours page with week_values (NULL: the stored hours) and extra, with
 * status (200, 404, 422). */
int week_show(struct request *req, const struct param_value *week_values,
    const struct week_extra *extra, int status);

/* holidays.c: POST /a/CODE/hours/holidays and .../holidays/ID/delete (HOURS-3). */
int holidays_add(struct request *req);
int holidays_delete(struct request *req);

/* Adds the account's holidays from today on to view's section HOLIDAYS,
 * marking the one of extra->unconfirmed_id: the count, or <0 error. */
int holidays_view(struct request *req, struct view *view, const struct week_extra *extra);

/* messages.c: GET and POST /a/CODE/hours/messages (HOURS-4, 5). */
int messages_page(struct request *req);
int messages_post(struct request *req);

#endif
