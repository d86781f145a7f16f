/* talk: a coupon's entry page (COUP-4): /talk/CODE/coupons/ID, reached from
 * a message, the chat or its link. A visitor who is not a friend is asked to
 * add the account first; a friend enters with a phone number and sees at
 * once whether they won, drawn here on the server; a winner sees the code
 * and the use-by date, for offline use as a Code 128 barcode with a "staff
 * confirmed" button. One entry per friend per coupon (a unique index); a
 * code is taken by one statement, FOR UPDATE SKIP LOCKED. */
#include "pages.h"
#include "arena.h"
#include "barcode.h"
#include "config.h"
#include "coupon.h"
#include "db.h"
#include "db_coupon_codes.h"
#include "db_coupon_entries.h"
#include "db_coupons.h"
#include "http.h"
#include "page.h"
#include "upload.h"
#include "view.h"

#include <string.h>

static const struct param_field phone_field = { "phone", PARAM_PHONE, true, 0, 0, NULL };

/* What the entry page needs: the account, the visitor and the coupon. */
struct coupon_visit {
	struct chat_account account;
	struct chat_customer customer;
	struct coupon coupon;
};

/* Loads the visit of /talk/CODE/coupons/ID: 0, or the status to answer (a
 * coupon whose codes are not in yet is not there for customers). */
static int visit_load(struct request *req, struct coupon_visit *visit)
{
	int status = talk_visitor_load(req, &visit->account, &visit->customer);
	if (status != 0)
		return status;
	if (!talk_is_open(&visit->account))
		return 404;
	int found = db_coupons_get(req->arena, visit->account.id, req->ids[1], &visit->coupon);
	if (found < 0)
		return -1;
	if (found == 0 || strcmp(visit->coupon.codes_state, "ready") != 0)
		return 404;
	return 0;
}

static const char *visit_path(struct request *req, const struct coupon_visit *visit)
{
	return arena_printf(req->arena, "/talk/%s/coupons/%lld", visit->account.code,
	    visit->coupon.id);
}

/* The result of the visitor's entry: section WON (code, barcode, used),
 * LOST or RAN_OUT. */
static void show_entry(struct request *req, struct view *view, const struct coupon_visit *visit,
    const struct coupon_entry *entry)
{
	view_show(view, "ENTERED");
	if (!entry->won) {
		view_show(view, entry->ran_out ? "RAN_OUT" : "LOST");
		return;
	}
	view_show(view, "WON");
	view_set(view, "CODE_TEXT", entry->code != NULL ? entry->code : "");
	if (strcmp(visit->coupon.place, "online") == 0) {
		view_show(view, "ONLINE");
		return;
	}
	view_show(view, "OFFLINE");
	/* :none in the template: SVG of numbers built by barcode.c */
	const char *svg = entry->code != NULL ? barcode_code128_svg(req->arena, entry->code) : NULL;
	if (svg != NULL) {
		view_show(view, "HAS_BARCODE");
		view_set(view, "BARCODE", svg);
	}
	view_show(view, entry->used != NULL ? "USED" : "NOT_USED");
	view_set(view, "USED_AT", entry->used != NULL ? entry->used : "");
}

/* What the visitor may do now, when they have not entered. */
static void show_state(struct view *view, const struct coupon_visit *visit)
{
	const char *status = visit->coupon.status;
	if (strcmp(status, "running") != 0)
		view_show(view, strcmp(status, "stopped") == 0 ? "STOPPED"
		    : strcmp(status, "scheduled") == 0 ? "SCHEDULED" : "ENDED");
	else if (visit->customer.id == 0 || !visit->customer.is_friend)
		view_show(view, "ADD_FRIEND");
	else
		view_show(view, "CAN_ENTER");
}

/* Renders the entry page with status; phone carries a refused entry. */
static int coupon_page_render(struct request *req, const struct coupon_visit *visit,
    const struct param_value *phone, int status)
{
	struct coupon_entry entry;
	int entered = visit->customer.id == 0 ? 0 : db_coupon_entries_of_customer(req->arena,
	    visit->coupon.id, visit->customer.id, visit->coupon.time_zone, &entry);
	if (entered < 0)
		return -1;
	struct view *view = page_new(req, "talk.coupon.title");
	req->framable = true;
	view_set(view, "CODE", visit->account.code);
	view_set(view, "ACCOUNT_NAME", visit->account.name);
	view_set_int(view, "COUPON_ID", visit->coupon.id);
	view_set(view, "SHOWN_TITLE", visit->coupon.title);
	view_set(view, "SHOWN_DETAILS", visit->coupon.details);
	view_set(view, "ENTRY_START", visit->coupon.entry_start);
	view_set(view, "ENTRY_END", visit->coupon.entry_end);
	view_set(view, "USE_BY", visit->coupon.use_by);
	view_set(view, "REDEEM_URL", visit->coupon.redeem_url);
	if (visit->coupon.image_name != NULL)
		view_show(view, "HAS_IMAGE");
	if (visit->coupon.share)
		view_show(view, "SHARE_ON");
	const char *shared = http_query(req, "shared");
	if (visit->coupon.share && shared != NULL && strcmp(shared, "1") == 0) {
		view_show(view, "SHARED");
		view_set(view, "SHARE_URL", arena_printf(req->arena, "%s%s", config_str("base_url"),
		    visit_path(req, visit)));
	}
	if (phone != NULL)
		page_form(view, &phone_field, 1, phone);
	if (entered > 0)
		show_entry(req, view, visit, &entry);
	else
		show_state(view, visit);
	return page_render(req, view, "page_talk_coupon", status);
}

/* Counts a page view (or a share) of today in a transaction whose commit
 * does not wait for the disk: a crash may lose a few counts, never an entry.
 * 0 or -1. */
static int count_day(struct request *req, const struct coupon_visit *visit, bool share)
{
	if (db_begin_no_wait(req->arena) != 0)
		return -1;
	if (db_coupons_count_day(req->arena, visit->account.id, visit->coupon.id, share) < 0
	    || db_commit(req->arena) != 0) {
		db_rollback(req->arena);
		return -1;
	}
	return 0;
}

int talk_coupon_page(struct request *req)
{
	struct coupon_visit visit;
	int status = visit_load(req, &visit);
	if (status != 0)
		return status;
	if (!req->is_head && count_day(req, &visit, false) != 0)
		return -1;
	return coupon_page_render(req, &visit, NULL, 200);
}

/* Stores the entry with the result of the draw, and for a win the code
 * taken in the same transaction (none left: the entry says it ran out).
 * 1 stored, 0 the customer had entered already, <0 error. */
static int entry_store(struct request *req, const struct coupon_visit *visit, const char *phone)
{
	bool won = coupon_draw(visit->coupon.probability);
	if (db_begin(req->arena) != 0)
		return -1;
	long long entry_id = 0;
	int stored = db_coupon_entries_insert(req->arena, visit->coupon.id, visit->customer.id,
	    phone, won, &entry_id);
	if (stored > 0 && won) {
		const char *code;
		int taken = db_coupon_codes_take(req->arena, visit->coupon.id, entry_id, &code);
		if (taken == 0)
			taken = db_coupon_entries_ran_out(req->arena, entry_id);
		stored = taken < 0 ? taken : 1;
	}
	if (stored <= 0 || db_commit(req->arena) != 0) {
		db_rollback(req->arena);
		return stored == DB_UNIQUE_VIOLATION ? 0 : -1;
	}
	return 1;
}

int talk_coupon_enter(struct request *req)
{
	struct coupon_visit visit;
	int status = visit_load(req, &visit);
	if (status != 0)
		return status;
	struct param_value phone;
	param_read(req, &phone_field, 1, &phone);
	const char *digits = phone.error == NULL ? coupon_phone_digits(req->arena, phone.text) : "";
	if (phone.error == NULL && (strlen(digits) < 8 || strlen(digits) > 15))
		phone.error = "err.phone";
	if (visit.customer.id == 0 || !visit.customer.is_friend || visit.customer.blocked)
		return coupon_page_render(req, &visit, NULL, 403);
	if (strcmp(visit.coupon.status, "running") != 0)
		return coupon_page_render(req, &visit, NULL, 409);
	if (phone.error != NULL)
		return coupon_page_render(req, &visit, &phone, 422);
	int allowed = talk_limit_take(req, TALK_LIMIT_ACTION, &visit.account, NULL,
	    &visit.customer);
	if (allowed <= 0)
		return allowed < 0 ? -1 : coupon_page_render(req, &visit, NULL, 429);
	if (entry_store(req, &visit, digits) < 0)
		return -1;
	return http_redirect(req, visit_path(req, &visit));
}

int talk_coupon_used(struct request *req)
{
	struct coupon_visit visit;
	int status = visit_load(req, &visit);
	if (status != 0)
		return status;
	if (visit.customer.id == 0 || strcmp(visit.coupon.place, "offline") != 0)
		return 404;
	if (!talk_confirmed(req))
		return talk_confirm_page(req, &visit.account, "coupon_used",
		    arena_printf(req->arena, "coupons/%lld/used", visit.coupon.id),
		    visit_path(req, &visit));
	if (db_coupon_entries_use(req->arena, visit.coupon.id, visit.customer.id) < 0)
		return -1;
	return http_redirect(req, visit_path(req, &visit));
}

int talk_coupon_share(struct request *req)
{
	struct coupon_visit visit;
	int status = visit_load(req, &visit);
	if (status != 0)
		return status;
	if (!visit.coupon.share)
		return 404;
	if (count_day(req, &visit, true) != 0)
		return -1;
	return http_redirect(req, arena_printf(req->arena, "%s?shared=1", visit_path(req, &visit)));
}

int talk_coupon_image(struct request *req)
{
	struct coupon_visit visit;
	int status = visit_load(req, &visit);
	if (status != 0)
		return status;
	if (visit.coupon.image_name == NULL)
		return 404;
	return upload_serve(req, visit.coupon.image_name, visit.coupon.image_mime, "coupon",
	    false);
}
