/* history: entries of the account history (LOG-1) for a request's member or
 * for the worker, written through db_account_history. */
#include "history.h"
#include "account.h"
#include "arena.h"
#include "db.h"
#include "db_account_history.h"
#include "http.h"
#include "session.h"
#include "view.h"

#include <stddef.h>
#include <string.h>

const char *const history_menu_words[HISTORY__MAX + 1] = {
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

/* The limits of the table's CHECKs, in code points. */
enum { HISTORY_TARGET_MAX = 200, HISTORY_VALUE_MAX = 2000 };

/* text cut after max code points (in arena when cut; NULL stays NULL). */
static const char *history_clip(struct arena *arena, const char *text, size_t max)
{
	size_t points = 0;
	for (const char *p = text; p != NULL && *p != '\0'; p++)
		if (((unsigned char)*p & 0xc0) != 0x80 && ++points > max)
			return arena_strndup(arena, text, (size_t)(p - text));
	return text;
}

const char *history_menu_word(enum history_menu menu)
{
	if ((unsigned)menu >= HISTORY__MAX)
		return NULL;
	return history_menu_words[menu];
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
		.target = history_clip(arena, target, HISTORY_TARGET_MAX),
		.before = history_clip(arena, before, HISTORY_VALUE_MAX),
		.after = history_clip(arena, after, HISTORY_VALUE_MAX),
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

int history_commit(struct request *req, int changed, enum history_menu menu, const char *action,
    const char *target, const char *before, const char *after)
{
	if (changed > 0 && (history_add(req, menu, action, target, before, after) < 0
	    || db_commit(req->arena) != 0))
		changed = DB_ERROR;
	if (changed <= 0)
		db_rollback(req->arena);
	return changed;
}

const char *history_on_off(struct request *req, bool on)
{
	return view_text(req->lang, on ? "history_value_on" : "history_value_off");
}

void history_diff(struct request *req, const struct history_field *fields, int count,
    const char **before, const char **after)
{
	struct strbuf old, new;
	strbuf_init(&old, req->arena);
	strbuf_init(&new, req->arena);
	for (int i = 0; i < count; i++) {
		const char *was = fields[i].before != NULL ? fields[i].before : "";
		const char *is = fields[i].after != NULL ? fields[i].after : "";
		if (strcmp(was, is) == 0)
			continue;
		const char *label = view_text(req->lang, fields[i].label_key);
		strbuf_printf(&old, "%s%s: %s", old.length > 0 ? "\n" : "", label, was);
		strbuf_printf(&new, "%s%s: %s", new.length > 0 ? "\n" : "", label, is);
	}
	*before = strbuf_text(&old);
	*after = strbuf_text(&new);
}
