/* talk: what the files of the customers' chat page share: the account as
 * customers see it, the message form, and the page itself. */
#ifndef SANGDAM_TALK_PAGES_H
#define SANGDAM_TALK_PAGES_H

#include "chat.h"
#include "form.h"
#include "opening.h"

#include <stdbool.h>

struct request;
struct view;

/* Fields of the message form (POST /talk/CODE/messages). */
enum {
	MESSAGE_TEXT,
	MESSAGE_NAME,
	MESSAGE_CLIENT_ID,
	MESSAGE_REF,
	MESSAGE_REFERRER,
	MESSAGE__MAX
};

enum {
	TALK_REF_MAX = 100,       /* bytes of ?ref= (CHAT-3) */
	TALK_REFERRER_MAX = 1000, /* bytes of the referring page's URL */
};

extern const struct form talk_message_form;

/* What the page shows beyond the account and the conversation: the inflow to
 * carry, and after a refused post what was typed and what went wrong. */
struct talk_form {
	const char *ref;                  /* "" when none */
	const char *referrer;             /* "" when none */
	const struct param_value *values; /* MESSAGE__MAX values; NULL on a plain GET */
	const char *file_error;           /* catalog key, next to the file input */
	const char *form_error;           /* catalog key, above the input box */
	bool blocked;                     /* refused as blocked (CHAT-7) */
};

/* shared.c */

/* Loads the account of /talk/CODE (req->params[0]): 0, or the status the
 * handler answers instead (404 when there is none, -1 on a database error). */
int talk_account_load(struct request *req, struct chat_account *out);

/* Customers see the profile and their conversation only when the account is
 * approved and its home is public (ACC-3, ACC-6). */
bool talk_is_open(const struct chat_account *account);

/* The catalog key of why nobody can write now, or NULL when they can. */
const char *talk_closed_reason(const struct chat_account *account);

/* The customer of the sd_customer cookie, without making one: 1 found, 0 no
 * cookie or no such customer, <0 error. */
int talk_customer_find(struct request *req, const struct chat_account *account,
    struct chat_customer *out);

/* talk_account_load, then the visitor's customer (customer->id is 0 when
 * the visitor has none yet): 0, or the status to answer instead. */
int talk_visitor_load(struct request *req, struct chat_account *account,
    struct chat_customer *customer);

/* 303 to /talk/CODE. */
int talk_back(struct request *req, const struct chat_account *account);

/* True when the POST carries confirmed=1: the confirmation page's button,
 * or the script's after its dialog (CHAT-23, issue 13). */
bool talk_confirmed(struct request *req);

/* The page that asks before an action that cannot be undone (CHAT-23,
 * issue 13): title and button from catalog key talk.confirm.WHAT, the
 * question from talk.confirm.WHAT.question, a form posting /talk/CODE/PATH
 * again with confirmed=1, and a way back to back (NULL: the chat). 200. */
int talk_confirm_page(struct request *req, const struct chat_account *account,
    const char *what, const char *path, const char *back);

/* Answers a refused request with status: JSON {"error": the text of
 * error_key, with {max} and the account's name filled in} for the script,
 * else the page again (talk_render). */
int talk_refuse(struct request *req, const struct chat_account *account,
    const struct talk_form *form, int status, const char *error_key, long long max);

/* limits.c */

/* What a request counts against: messages, or the other POSTs (friend,
 * unfriend, leave). */
enum talk_limit {
	TALK_LIMIT_POST,
	TALK_LIMIT_ACTION,
	TALK_LIMIT__MAX
};

/* Counts one request of kind against the limits of its client address and
 * of *customer (when customer->id is not 0), per minute; when customer->id
 * is 0 and create_key is not NULL, also against the address's new customers
 * per hour, and then creates the customer of create_key (the sd_customer
 * key) into *customer. All or nothing, in one transaction: 1 counted (and
 * created), 0 over a limit (nothing counted or created, *customer as it
 * was), <0 error. Config talk_rate_*, talk_action_rate_*,
 * talk_new_customers_address. */
int talk_limit_take(struct request *req, enum talk_limit kind, const struct chat_account *account,
    const char *create_key, struct chat_customer *customer);

/* The 429 of a request over a limit, with error_key above the input box. */
int talk_refuse_rate(struct request *req, const struct chat_account *account,
    struct talk_form *form, const char *error_key);

/* inflow.c */

/* True for a ref: 1..100 of [A-Za-z0-9_.-]. */
bool talk_ref_valid(const char *ref);

/* The inflow of a GET (CHAT-3) into form->ref and form->referrer: ref and
 * from from the query, else the Referer when it is another site's page. Bad
 * values are dropped (""). */
void talk_inflow(struct request *req, struct talk_form *form);

/* page.c */

/* Renders the chat page with status: the profile, the conversation and,
 * when the customer may write, the input box (with form's values). Returns
 * status, or -1 for a 500. */
int talk_render(struct request *req, const struct chat_account *account,
    const struct talk_form *form, int status);

/* extras.c */

/* Adds the FAQ banner, the chat menu and, before the first message, the
 * request form (FAQ-1, 2, 4) to the chat page's view: 1 when the request
 * form is shown (in place of the input box), 0 when not, <0 error. */
int talk_render_extras(struct request *req, struct view *view,
    const struct chat_account *account, const struct chat_customer *customer);
/* hours.c */

enum { TALK_AUTOMATIC_MAX = 4 };

/* The opening of account now: 0 or -1. */
int talk_opening_load(struct request *req, const struct chat_account *account,
    struct opening *out);

/* The opening of account now and the customer of key (NULL: none, which
 * finds no one) in one round trip (issue 8): 1 found, 0 none (customer
 * zeroed), -1 error. */
int talk_visit_load(struct request *req, const struct chat_account *account, const char *key,
    struct opening *opening, struct chat_customer *customer);

/* True when the account refuses input now (outside hours in refusal mode). */
bool talk_refuses(const struct opening *opening);

/* The automatic messages that go with a post of customer (each stored only
 * if not had yet): welcome, chat notice (non-friends, when on), friend-thanks
 * (friends) before it; away or holiday after it while closed. The count. */
int talk_automatic(struct request *req, const struct opening *opening,
    const struct chat_customer *customer, struct chat_automatic out[TALK_AUTOMATIC_MAX]);

/* Rows of section GREETINGS (welcome, and the chat notice for a non-friend
 * when on) shown, not stored, to a customer without a conversation: their
 * number. */
int talk_greetings(struct request *req, struct view *view, const struct opening *opening,
    const struct chat_customer *customer);

/* Stores the friend-thanks message once in the room of a customer who just
 * became a friend (one without a room gets it with their first message):
 * 0 or -1. */
int talk_thank_friend(struct request *req, const struct chat_account *account,
    const struct chat_customer *customer);

/* Handlers, one file each (page.c holds the page and its fragment). */
int talk_page(struct request *req);
int talk_messages(struct request *req);
int talk_read(struct request *req);
int talk_post(struct request *req);
int talk_friend_add(struct request *req);
int talk_friend_remove(struct request *req);
int talk_leave(struct request *req);
int talk_file(struct request *req);
int talk_image(struct request *req);
int talk_faq_tap(struct request *req);
int talk_menu_tap(struct request *req);
int talk_request_answer(struct request *req);
/* coupons.c: a coupon's entry page (COUP-4). */
int talk_coupon_page(struct request *req);
int talk_coupon_enter(struct request *req);
int talk_coupon_used(struct request *req);
int talk_coupon_share(struct request *req);
int talk_coupon_image(struct request *req);

#endif
