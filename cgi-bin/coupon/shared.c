/* coupon: what the coupon pages share: paths, the judging of the coupon
 * form, loading a coupon and showing one. */
#include "account.h"
#include "arena.h"
#include "codes.h"
#include "db_coupons.h"
#include "hours.h"
#include "http.h"
#include "pages.h"
#include "view.h"

#include <stdio.h>
#include <string.h>
#include <time.h>

static const char *const place_choices[] = { "online", "offline", NULL };
static const char *const codes_choices[] = { "generate", "upload", NULL };

const struct param_field coupon_fields[COUPON__MAX] = {
	[COUPON_TITLE] = { "title", PARAM_NAME, true, 1, 30, NULL },
	[COUPON_DETAILS] = { "details", PARAM_LINES, false, 0, 600, NULL },
	[COUPON_ENTRY_START] = { "entry_start", PARAM_TEXT, true, 10, 10, NULL },
	[COUPON_ENTRY_END] = { "entry_end", PARAM_TEXT, true, 10, 10, NULL },
	[COUPON_USE_BY] = { "use_by", PARAM_TEXT, true, 10, 10, NULL },
	[COUPON_REDEEM_URL] = { "redeem_url", PARAM_URL, false, 0, 1000, NULL },
	[COUPON_SHARE] = { "share", PARAM_CHECKBOX, false, 0, 0, NULL },
	[COUPON_PROBABILITY] = { "probability", PARAM_TEXT, true, 1, 12, NULL },
	[COUPON_PLACE] = { "place", PARAM_CHOICE, true, 0, 0, place_choices },
	[COUPON_CODES] = { "codes", PARAM_CHOICE, true, 0, 0, codes_choices },
	[COUPON_QUANTITY] = { "quantity", PARAM_INT, false, 1, COUPON_GENERATE_MAX, NULL },
};

const char *coupon_path(struct request *req, const char *suffix)
{
	return arena_printf(req->arena, "/a/%s/coupons%s", req->account->code, suffix);
}

long long coupon_today(struct request *req)
{
	struct hours_local now;
	if (hours_local_at(req->account->time_zone, time(NULL), &now) != 0
	    && hours_local_at("Asia/Seoul", time(NULL), &now) != 0)
		return 0;
	return now.day;
}

/* Parses the date of field f into *day, or sets its error. */
static void judge_date(struct param_value *values, int f, long long *day)
{
	if (values[f].error == NULL && hours_parse_date(values[f].text, day) != 0)
		values[f].error = "coupon.err.date";
}

int coupon_judge(struct param_value *values, const char *place, struct coupon *coupon)
{
	long long start = 0, end = 0, use_by = 0;
	judge_date(values, COUPON_ENTRY_START, &start);
	judge_date(values, COUPON_ENTRY_END, &end);
	judge_date(values, COUPON_USE_BY, &use_by);
	if (values[COUPON_ENTRY_END].error == NULL && values[COUPON_ENTRY_START].error == NULL
	    && end < start)
		values[COUPON_ENTRY_END].error = "coupon.err.end_before_start";
	if (values[COUPON_USE_BY].error == NULL && values[COUPON_ENTRY_END].error == NULL
	    && use_by <= end)
		values[COUPON_USE_BY].error = "coupon.err.use_by";
	if (values[COUPON_PROBABILITY].error == NULL
	    && !codes_probability_parse(values[COUPON_PROBABILITY].text, &coupon->probability))
		values[COUPON_PROBABILITY].error = "coupon.err.probability";
	if (strcmp(place, "online") == 0 && values[COUPON_REDEEM_URL].error == NULL
	    && !values[COUPON_REDEEM_URL].present)
		values[COUPON_REDEEM_URL].error = "coupon.err.redeem_url";
	coupon->title = values[COUPON_TITLE].text;
	coupon->details = values[COUPON_DETAILS].text;
	coupon->entry_start = values[COUPON_ENTRY_START].text;
	coupon->entry_end = values[COUPON_ENTRY_END].text;
	coupon->use_by = values[COUPON_USE_BY].text;
	coupon->place = place;
	coupon->redeem_url = strcmp(place, "online") == 0 ? values[COUPON_REDEEM_URL].text : "";
	coupon->share = values[COUPON_SHARE].number == 1;
	int errors = 0;
	for (int f = 0; f < COUPON_EDIT_COUNT; f++)
		errors += values[f].error != NULL;
	return errors;
}

int coupon_load(struct request *req, struct coupon *out)
{
	int found = db_coupons_get(req->arena, req->account->id, req->ids[1], out);
	return found > 0 ? 0 : found == 0 ? 404 : -1;
}

const char *coupon_probability_text(struct request *req, long long units)
{
	char text[32];
	snprintf(text, sizeof(text), "%lld.%07lld", units / 10000000, units % 10000000);
	size_t length = strlen(text);
	while (text[length - 1] == '0')
		text[--length] = '\0';
	if (text[length - 1] == '.')
		text[--length] = '\0';
	return arena_strdup(req->arena, text);
}

void coupon_view_fields(struct request *req, struct view *view, const char *prefix,
    const struct coupon *coupon)
{
	const char *const fields[][2] = {
		{ "TITLE", coupon->title },
		{ "DETAILS", coupon->details },
		{ "ENTRY_START", coupon->entry_start },
		{ "ENTRY_END", coupon->entry_end },
		{ "USE_BY", coupon->use_by },
		{ "REDEEM_URL", coupon->redeem_url },
		{ "PROBABILITY", coupon_probability_text(req, coupon->probability) },
	};
	for (size_t i = 0; i < sizeof(fields) / sizeof(fields[0]); i++)
		view_set(view, arena_printf(req->arena, "%s%s", prefix, fields[i][0]),
		    fields[i][1]);
}

void coupon_view(struct request *req, struct view *view, const struct coupon *coupon)
{
	view_set_int(view, "COUPON_ID", coupon->id);
	view_set(view, "CREATED", coupon->created);
	coupon_view_fields(req, view, "SHOWN_", coupon);
	view_set(view, "STATUS_WORD", coupon->status);
	view_set_text(view, "STATUS_TEXT", arena_printf(req->arena, "coupon.status.%s",
	    coupon->status));
	view_set_text(view, "PLACE_TEXT", arena_printf(req->arena, "coupon.place.%s",
	    coupon->place));
	view_set_int(view, "ISSUED", coupon->codes_total);
	view_set_int(view, "REMAINING", coupon->codes_total - coupon->issued);
	view_set_int(view, "WON", coupon->issued);
	view_show(view, arena_printf(req->arena, "CODES_%s", coupon->codes_state));
	if (coupon->image_name != NULL)
		view_show(view, "HAS_IMAGE");
	if (coupon->share)
		view_show(view, "SHARE_ON");
}
