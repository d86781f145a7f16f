/* talk: the rate limits of customers' requests (every POST of /talk/CODE):
 * per client address, per customer, and new customers per address. A request
 * is counted only when every limit has room for it, so refused requests
 * neither use up what the neighbours behind the same address may send nor
 * store anything. */
#include "pages.h"
#include "arena.h"
#include "config.h"
#include "db.h"
#include "db_rate_counters.h"
#include "http.h"

enum {
	TALK_RATE_WINDOW = 60,           /* seconds, of the per-address and per-customer limits */
	TALK_NEW_CUSTOMER_WINDOW = 3600, /* seconds, of the new customers per address */
};

/* The counters' key prefix and the config keys of each kind of request. */
static const struct talk_limit_kind {
	const char *prefix;
	const char *per_address;
	const char *per_customer;
} talk_limit_kinds[TALK_LIMIT__MAX] = {
	[TALK_LIMIT_POST] = { "talk", "talk_rate_address", "talk_rate_customer" },
	[TALK_LIMIT_ACTION] = { "talk-action", "talk_action_rate_address",
	    "talk_action_rate_customer" },
};

/* The query that counts one event against key if config_key's limit has
 * room in its window; its result: 1 counted, 0 full, <0 error. */
static struct db_query talk_take_query(struct request *req, const char *key,
    const char *config_key, int window)
{
	return db_rate_counters_take_query(req->arena, key, window, (int)config_num(config_key));
}

/* Counts one event against key if config_key's limit has room in its
 * window: 1 counted, 0 full, <0 error. */
static int talk_take(struct request *req, const char *key, const char *config_key, int window)
{
	return db_rate_counters_take(req->arena, key, window, (int)config_num(config_key));
}

/* The customer to create (counted against the address's new customers),
 * then the customer's and the address's limits, in this order in every
 * request so that parallel ones lock the counters alike. */
static int talk_count(struct request *req, const struct talk_limit_kind *kind,
    const struct chat_account *account, const char *create_key, struct chat_customer *customer)
{
	int allowed = 1;
	if (customer->id == 0 && create_key != NULL) {
		const char *key = arena_printf(req->arena, "talk-new:a:%s", req->remote_addr);
		allowed = talk_take(req, key, "talk_new_customers_address",
		    TALK_NEW_CUSTOMER_WINDOW);
		if (allowed == 1
		    && chat_customer_ensure(req, account->id, create_key, customer) != 1)
			allowed = -1;
	}
	if (allowed != 1)
		return allowed;
	/* the customer's and the address's counters in one round trip; one
	 * that is full makes the caller roll the other back */
	struct db_query takes[2];
	int count = 0;
	if (customer->id != 0)
		takes[count++] = talk_take_query(req, arena_printf(req->arena, "%s:c:%lld",
		    kind->prefix, customer->id), kind->per_customer, TALK_RATE_WINDOW);
	takes[count++] = talk_take_query(req, arena_printf(req->arena, "%s:a:%s", kind->prefix,
	    req->remote_addr), kind->per_address, TALK_RATE_WINDOW);
	db_run_queries(req->arena, takes, count);
	for (int i = 0; i < count && allowed == 1; i++)
		allowed = takes[i].result;
	return allowed;
}

int talk_limit_take(struct request *req, enum talk_limit kind, const struct chat_account *account,
    const char *create_key, struct chat_customer *customer)
{
	struct chat_customer before = *customer;
	/* A crash may forget a count or an unused customer row; a message posted
	 * next commits durably, and the log being in order, takes them along. */
	if (db_begin_no_wait(req->arena) != 0)
		return -1;
	int allowed = talk_count(req, &talk_limit_kinds[kind], account, create_key, customer);
	if (allowed == 1 && db_commit(req->arena) == 0)
		return 1;
	db_rollback(req->arena);
	*customer = before;
	return allowed == 1 ? -1 : allowed;
}

int talk_refuse_rate(struct request *req, const struct chat_account *account,
    struct talk_form *form, const char *error_key)
{
	form->form_error = error_key;
	return talk_refuse(req, account, form, 429, error_key, 0);
}
