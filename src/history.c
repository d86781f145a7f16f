/* history: entries of the account history (LOG-1) for a request's member or
 * for the worker, written through db_account_history. */
#include "history.h"
#include "account.h"
#include "db.h"
#include "db_account_history.h"
#include "http.h"
#include "session.h"

#include <stddef.h>

static const char *const history_words[HISTORY__MAX] = {
	[HISTORY_PROFILE] = "profile",
	[HISTORY_SETTINGS] = "settings",
	[HISTORY_CHAT] = "chat",
	[HISTORY_LABELS] = "labels",
	[HISTORY_GROUPS] = "groups",
	[HISTORY_MEMBERS] = "members",
	[HISTORY_HOURS] = "hours",
	[HISTORY_FAQ] = "faq",
	[HISTORY_COUPONS] = "coupons",
	[HISTORY_WALLET] = "wallet",
	[HISTORY_BACKUPS] = "backups",
};

const char *history_menu_word(enum history_menu menu)
{
	if ((unsigned)menu >= HISTORY__MAX)
		return NULL;
	return history_words[menu];
}

int history_add_for(struct arena *arena, long long account_id, long long partner_id,
    enum history_menu menu, const char *action, const char *target, const char *before,
    const char *after)
{
	const char *word = history_menu_word(menu);
	if (word == NULL)
		return DB_ERROR;
	struct history_entry entry = {
		.account_id = account_id,
		.partner_id = partner_id,
		.menu = word,
		.action = action,
		.target = target,
		.before = before,
		.after = after,
	};
	return db_account_history_insert(arena, &entry);
}

int history_add(struct request *req, enum history_menu menu, const char *action,
    const char *target, const char *before, const char *after)
{
	if (req->account == NULL || req->session == NULL)
		return DB_ERROR;
	return history_add_for(req->arena, req->account->id, req->session->partner_id, menu,
	    action, target, before, after);
}
