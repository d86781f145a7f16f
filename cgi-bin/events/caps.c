/* events: how many streams one process holds per role, and per customer
 * cookie, partner session and client address, so that no one client can take
 * every place and customers can never take the agents' places. */
#include "pages.h"
#include "config.h"
#include "log.h"
#include "text.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

enum { EVENTS_HOLDER_BUCKETS = 16384 };

/* The open streams of one key: "c" + customer cookie, "s" + session id,
 * "a" + customer's address, "A" + agent's address. */
struct events_holder {
	struct events_holder *next;
	int count;
	char key[EVENTS_KEY_MAX + 1];
};

/* Guarded by events_lock. */
static struct events_holder *events_holders[EVENTS_HOLDER_BUCKETS];
static int events_open[EVENTS_ROLE__MAX];

/* Settings, fixed before the threads start. */
static int events_places[EVENTS_ROLE__MAX];
static int events_caps[EVENTS_ROLE__MAX][EVENTS_CAP__MAX];

void events_caps_init(void)
{
	events_places[EVENTS_AGENT] = (int)config_num("events_agent_streams");
	events_places[EVENTS_CUSTOMER] = (int)config_num("events_customer_streams");
	events_caps[EVENTS_AGENT][EVENTS_CAP_WHO] = (int)config_num("events_per_session");
	events_caps[EVENTS_AGENT][EVENTS_CAP_ADDRESS] =
	    (int)config_num("events_per_address_agents");
	events_caps[EVENTS_CUSTOMER][EVENTS_CAP_WHO] = (int)config_num("events_per_customer");
	events_caps[EVENTS_CUSTOMER][EVENTS_CAP_ADDRESS] = (int)config_num("events_per_address");
}

static size_t events_holder_bucket(const char *key)
{
	return text_hash_string(TEXT_HASH_START, key) % EVENTS_HOLDER_BUCKETS;
}

static struct events_holder *events_holder_find(const char *key)
{
	struct events_holder *holder = events_holders[events_holder_bucket(key)];
	while (holder != NULL && strcmp(holder->key, key) != 0)
		holder = holder->next;
	return holder;
}

/* The holder of key, made with a count of 0 when there is none; NULL when
 * memory is out. */
static struct events_holder *events_holder_get(const char *key)
{
	struct events_holder *holder = events_holder_find(key);
	if (holder != NULL)
		return holder;
	holder = calloc(1, sizeof(*holder));
	if (holder == NULL)
		return NULL;
	snprintf(holder->key, sizeof(holder->key), "%s", key);
	size_t bucket = events_holder_bucket(holder->key);
	holder->next = events_holders[bucket];
	events_holders[bucket] = holder;
	return holder;
}

static void events_holder_release(struct events_holder *holder)
{
	if (--holder->count > 0)
		return;
	struct events_holder **link = &events_holders[events_holder_bucket(holder->key)];
	while (*link != holder)
		link = &(*link)->next;
	*link = holder->next;
	free(holder);
}

/* Logs the first refusal of each kind and every 100th: answer EVENTS_FULL
 * or EVENTS_LIMIT. */
static void events_refusal(enum events_admission answer, enum events_role role)
{
	static unsigned counts[EVENTS_ROLE__MAX][2]; /* guarded by events_lock */
	unsigned count = ++counts[role][answer == EVENTS_LIMIT];
	if (count == 1 || count % 100 == 0)
		log_error("events: %s stream refused, %s (%u times so far)",
		    role == EVENTS_AGENT ? "an agent's" : "a customer's",
		    answer == EVENTS_LIMIT ? "its client or address is at its cap"
					   : "all places are taken", count);
}

enum events_admission events_caps_take_locked(struct events_client *client,
    const char *const keys[EVENTS_CAP__MAX])
{
	enum events_role role = client->role;
	if (events_open[role] >= events_places[role]) {
		events_refusal(EVENTS_FULL, role);
		return EVENTS_FULL;
	}
	for (int cap = 0; cap < EVENTS_CAP__MAX; cap++) {
		struct events_holder *holder =
		    keys[cap] != NULL ? events_holder_find(keys[cap]) : NULL;
		if (holder != NULL && holder->count >= events_caps[role][cap]) {
			events_refusal(EVENTS_LIMIT, role);
			return EVENTS_LIMIT;
		}
	}
	for (int cap = 0; cap < EVENTS_CAP__MAX; cap++) {
		client->holders[cap] = keys[cap] != NULL ? events_holder_get(keys[cap]) : NULL;
		if (client->holders[cap] != NULL)
			client->holders[cap]->count++;
	}
	events_open[role]++;
	return EVENTS_ADMITTED;
}

void events_caps_give_locked(struct events_client *client)
{
	for (int cap = 0; cap < EVENTS_CAP__MAX; cap++)
		if (client->holders[cap] != NULL) {
			events_holder_release(client->holders[cap]);
			client->holders[cap] = NULL;
		}
	events_open[client->role]--;
}
