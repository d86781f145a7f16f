/* talk: adding the account as a friend and removing it (POST
 * /talk/CODE/friend and /unfriend, CHAT-6), and leaving the room (POST
 * /talk/CODE/leave, CHAT-5). */
#include "pages.h"
#include "db_customers.h"
#include "db_rooms.h"
#include "http.h"

/* Not while the home is hidden, and a blocked customer cannot add the account. */
static int talk_set_friend(struct request *req, bool friend)
{
	struct chat_account account;
	int status = talk_account_load(req, &account);
	if (status != 0)
		return status;
	struct talk_form form = { .ref = "", .referrer = "" };
	if (!talk_is_open(&account))
		return talk_render(req, &account, &form, 403);
	struct chat_customer customer;
	if (chat_customer_ensure(req, account.id, chat_customer_key(req, true), &customer) != 1)
		return -1;
	if (friend && customer.blocked) {
		form.blocked = true;
		return talk_render(req, &account, &form, 403);
	}
	if (db_customers_set_friend(req->arena, account.id, customer.id, friend) != 1)
		return -1;
	return talk_back(req, &account);
}

int talk_friend_add(struct request *req)
{
	return talk_set_friend(req, true);
}

int talk_friend_remove(struct request *req)
{
	return talk_set_friend(req, false);
}

/* Empties the customer's view of the room; the account keeps the history,
 * and new messages show again. */
int talk_leave(struct request *req)
{
	struct chat_account account;
	struct chat_customer customer;
	int status = talk_visitor_load(req, &account, &customer);
	if (status != 0)
		return status;
	if (customer.id != 0 && customer.room_id != 0
	    && db_rooms_clear_for_customer(req->arena, account.id, customer.room_id, customer.id) < 0)
		return -1;
	return talk_back(req, &account);
}
