/* coupon: what the files of the coupon program share (limits, the coupon
 * form's fields, paths) and the handlers its route table names. */
#ifndef SANGDAM_COUPON_PAGES_H
#define SANGDAM_COUPON_PAGES_H

#include <stdbool.h>
#include <stddef.h>

#include "param.h"

struct coupon;
struct request;
struct view;

enum {
	COUPON_ACTIVE_MAX = 10,            /* scheduled or running per account (COUP-5) */
	COUPON_GENERATE_MAX = 3000000,     /* generated codes (COUP-2) */
	COUPON_LIST_MAX = 200,             /* rows of the list */
	COUPON_BODY_MAX = 160 * 1024 * 1024, /* a create with a 5,000,000-line code file */
	COUPON_FILE_MAX = 150 * 1024 * 1024, /* the code file itself */
};

/* Fields of the coupon form: the first COUPON_EDIT_COUNT are those COUP-8
 * lets change (the edit form), the rest only the create form has. */
enum {
	COUPON_TITLE,
	COUPON_DETAILS,
	COUPON_ENTRY_START,
	COUPON_ENTRY_END,
	COUPON_USE_BY,
	COUPON_REDEEM_URL,
	COUPON_SHARE,
	COUPON_PROBABILITY,
	COUPON_PLACE,
	COUPON_CODES,
	COUPON_QUANTITY,
	COUPON__MAX
};
#define COUPON_EDIT_COUNT COUPON_PLACE

extern const struct param_field coupon_fields[COUPON__MAX];

/* shared.c */

/* "/a/CODE/coupons" with suffix appended (arena). */
const char *coupon_path(struct request *req, const char *suffix);

/* Today in the account's time zone as a day number (hours.h). */
long long coupon_today(struct request *req);

/* Judges the fields both forms share (values of COUPON_EDIT_COUNT at least)
 * into coupon (strings kept from values): dates real and in order (use-by
 * after the entry end), the probability (COUP-3), the redeem URL when
 * online. Sets each error; returns their number. */
int coupon_judge(struct param_value *values, const char *place, struct coupon *coupon);

/* Loads coupon req->ids[1] of the account: 0, or the status to answer. */
int coupon_load(struct request *req, struct coupon *out);

/* The probability in 1e-7 percent as people type it ("12.5", "100"), arena. */
const char *coupon_probability_text(struct request *req, long long units);

/* Sets the fields a master types of coupon (title, details, dates, redeem
 * URL, probability as typed), each name with prefix: "" for the edit
 * form's values, "SHOWN_" for a list row or the detail page. */
void coupon_view_fields(struct request *req, struct view *view, const char *prefix,
    const struct coupon *coupon);

/* Sets the values of one coupon on a list row or the detail page. */
void coupon_view(struct request *req, struct view *view, const struct coupon *coupon);

/* list.c */
int coupon_list(struct request *req);

/* new.c */
int coupon_new_page(struct request *req);
int coupon_create(struct request *req);

/* detail.c */
int coupon_detail(struct request *req);
int coupon_progress(struct request *req);
int coupon_stop_page(struct request *req);
int coupon_stop(struct request *req);

/* chart.c: the per-day chart as SVG markup built here (numbers only). */
struct coupon_day;
const char *coupon_chart_svg(struct request *req, const struct coupon_day *days, int count);

/* edit.c */
int coupon_edit_page(struct request *req);
int coupon_edit(struct request *req);

/* files.c: the image and the code downloads. */
int coupon_image(struct request *req);
int coupon_codes_all(struct request *req);
int coupon_codes_remaining(struct request *req);

/* send.c: sending a coupon from a chat room (COUP-9). */
int coupon_send_page(struct request *req);
int coupon_send(struct request *req);

#endif
