/* talk: the account's hours on the chat page (HOURS-7), refusal outside
 * hours (HOURS-4), and the automatic messages of a customer's post and of
 * becoming a friend (HOURS-4, HOURS-5).
 *
 * The welcome message (and the chat notice for non-friends) is shown to a
 * customer who opens the chat without a conversation yet, but a GET stores
 * nothing: visitors who never write would otherwise fill the database with
 * customers and rooms. It is stored in the room once, just before the
 * customer's first message, so the agents see what the customer saw; the
 * friend-thanks of a customer who became a friend before writing waits for
 * that moment too. */
#include "pages.h"
#include "arena.h"
#include "db_customers.h"
#include "http.h"
#include "view.h"

int talk_opening_load(struct request *req, const struct chat_account *account,
    struct opening *out)
{
	return opening_load(req, account->id, out) == 0 ? 0 : -1;
}

int talk_visit_load(struct request *req, const struct chat_account *account, const char *key,
    struct opening *opening, struct chat_customer *customer)
{
	*customer = (struct chat_customer) { 0 };
	struct db_query find;
	int extra = 0;
	if (key != NULL) {
		find = chat_customer_find_query(req, account->id, key);
		extra = 1;
	}
	if (opening_load_with(req, account->id, opening, &find, extra) != 0)
		return -1;
	return extra == 0 ? 0 : db_customers_get_rows(&find, customer);
}

bool talk_refuses(const struct opening *opening)
{
	return opening->settings.refuse && !opening_is_open(opening);
}

int talk_automatic(struct request *req, const struct opening *opening,
    const struct chat_customer *customer, struct chat_automatic out[TALK_AUTOMATIC_MAX])
{
	int count = 0;
	out[count++] = (struct chat_automatic) { DB_CUSTOMERS_ONCE_WELCOME, NULL,
		opening_message(req, opening, ACCOUNT_MESSAGE_WELCOME), false };
	if (opening->settings.notice_on && !customer->is_friend)
		out[count++] = (struct chat_automatic) { DB_CUSTOMERS_ONCE_NOTICE, NULL,
			opening_message(req, opening, ACCOUNT_MESSAGE_NOTICE), false };
	if (customer->is_friend)
		out[count++] = (struct chat_automatic) { DB_CUSTOMERS_ONCE_THANKS, NULL,
			opening_message(req, opening, ACCOUNT_MESSAGE_FRIEND_THANKS), false };
	char *key = arena_alloc(req->arena, HOURS_KEY_SIZE);
	if (hours_period_key(&opening->rules, &opening->now, key) != NULL)
		out[count++] = (struct chat_automatic) { DB_CUSTOMERS_ONCE_PERIOD, key,
			opening_message(req, opening, opening->state == HOURS_HOLIDAY
			    ? ACCOUNT_MESSAGE_HOLIDAY : ACCOUNT_MESSAGE_AWAY), true };
	return count;
}

int talk_greetings(struct request *req, struct view *view, const struct opening *opening,
    const struct chat_customer *customer)
{
	if (customer->room_id != 0)
		return 0;
	struct view *row = view_add_row(view, "GREETINGS");
	view_set(row, "BODY", opening_message(req, opening, ACCOUNT_MESSAGE_WELCOME));
	if (!opening->settings.notice_on || customer->is_friend)
		return 1;
	row = view_add_row(view, "GREETINGS");
	view_set(row, "BODY", opening_message(req, opening, ACCOUNT_MESSAGE_NOTICE));
	return 2;
}

int talk_thank_friend(struct request *req, const struct chat_account *account,
    const struct chat_customer *customer)
{
	if (customer->room_id == 0)
		return 0;
	struct opening opening;
	if (talk_opening_load(req, account, &opening) != 0)
		return -1;
	const struct chat_automatic thanks = { DB_CUSTOMERS_ONCE_THANKS, NULL,
		opening_message(req, &opening, ACCOUNT_MESSAGE_FRIEND_THANKS), false };
	return chat_post_automatic(req, account->id, customer, &thanks, 1) == CHAT_OK ? 0 : -1;
}
