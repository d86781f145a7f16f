/* talk: adding the account as a friend and removing it (POST
 * /talk/CODE/friend and /unfriend, CHAT-6), and leaving the room (POST
 * /talk/CODE/leave, CHAT-5); removing and leaving ask first (CHAT-23). */
#include "pages.h"
#include "db.h"
#include "db_customers.h"
#include "db_rooms.h"
#include "arena.h"
#include "http.h"
#include "param.h"

/* Changes the friendship and, when the customer has a room and becomes a
 * friend, writes the timeline line, in one transaction: 0 or -1. */
static int talk_friend_store(struct request *req, const struct chat_account *account,
    const struct chat_customer *customer, bool friend)
{
	if (db_begin(req->arena) != 0)
		return -1;
	bool ok = db_customers_set_friend(req->arena, account->id, customer->id, friend) == 1;
	if (ok && friend && !customer->is_friend && customer->room_id != 0)
		ok = chat_timeline(req, account->id, customer->room_id, "friend") == 0;
	if (ok && db_commit(req->arena) == 0)
		return 0;
	db_rollback(req->arena);
	return -1;
}

/* Counts one action (friend, unfriend, leave) against the rate limits,
 * making the customer first when create_key is set: 0, or the status
 * answered instead (429 with the chat page, or -1). */
static int talk_action_limit(struct request *req, const struct chat_account *account,
    const char *create_key, struct chat_customer *customer)
{
	int allowed = talk_limit_take(req, TALK_LIMIT_ACTION, account, create_key, customer);
	if (allowed == 1)
		return 0;
	struct talk_form form = { .ref = "", .referrer = "" };
	return allowed < 0 ? -1 : talk_refuse_rate(req, account, &form, "talk.err.rate_action");
}

/* Back to the chat, or to the coupon entry page the visitor added the
 * account from (a valid id in the field coupon, COUP-4). */
static int friend_back(struct request *req, const struct chat_account *account)
{
	static const struct param_field coupon_field = { "coupon", PARAM_ID, false, 0, 0, NULL };
	struct param_value coupon;
	if (param_read(req, &coupon_field, 1, &coupon) == 0 && coupon.present)
		return http_redirect(req, arena_printf(req->arena, "/talk/%s/coupons/%lld",
		    account->code, coupon.number));
	return talk_back(req, account);
}

/* Not while the home is hidden, and a blocked customer cannot add the
 * account. Adding makes the customer when this browser has none yet;
 * removing then changes nothing. Counted against the rate limits. */
static int talk_set_friend(struct request *req, bool friend)
{
	struct chat_account account;
	struct chat_customer customer;
	int status = talk_visitor_load(req, &account, &customer);
	if (status != 0)
		return status;
	struct talk_form form = { .ref = "", .referrer = "" };
	if (!talk_is_open(&account))
		return talk_render(req, &account, &form, 403);
	if (friend && customer.blocked) {
		form.blocked = true;
		return talk_render(req, &account, &form, 403);
	}
	if (!friend && !talk_confirmed(req))
		return talk_confirm_page(req, &account, "unfriend", "unfriend", NULL);
	status = talk_action_limit(req, &account, friend ? chat_customer_key(req, true) : NULL,
	    &customer);
	if (status != 0)
		return status;
	if (customer.id != 0 && talk_friend_store(req, &account, &customer, friend) != 0)
		return -1;
	if (friend && talk_thank_friend(req, &account, &customer) != 0)
		return -1;
	return friend_back(req, &account);
}

int talk_friend_add(struct request *req)
{
	return talk_set_friend(req, true);
}

int talk_friend_remove(struct request *req)
{
	return talk_set_friend(req, false);
}

/* Empties the customer's view of the room and writes the timeline line,
 * in one transaction: 0 or -1. */
static int talk_leave_store(struct request *req, const struct chat_account *account,
    const struct chat_customer *customer)
{
	if (db_begin(req->arena) != 0)
		return -1;
	int cleared = db_rooms_clear_for_customer(req->arena, account->id, customer->room_id,
	    customer->id);
	if (cleared >= 0
	    && (cleared == 0 || chat_timeline(req, account->id, customer->room_id, "left") == 0)
	    && db_commit(req->arena) == 0)
		return 0;
	db_rollback(req->arena);
	return -1;
}

/* Empties the customer's view of the room; the account keeps the history,
 * and new messages show again. Counted against the rate limits. */
int talk_leave(struct request *req)
{
	struct chat_account account;
	struct chat_customer customer;
	int status = talk_visitor_load(req, &account, &customer);
	if (status != 0)
		return status;
	if (!talk_confirmed(req))
		return talk_confirm_page(req, &account, "leave", "leave", NULL);
	status = talk_action_limit(req, &account, NULL, &customer);
	if (status != 0)
		return status;
	if (customer.id != 0 && customer.room_id != 0 && talk_leave_store(req, &account,
		&customer) != 0)
		return -1;
	return talk_back(req, &account);
}
