/* history: what a member changed in an account, recorded in the account
 * history (LOG-1) inside the transaction of the change itself. */
#ifndef SANGDAM_HISTORY_H
#define SANGDAM_HISTORY_H

#include <stdbool.h>

struct arena;
struct request;

/* The menus of the partner center an entry belongs to (LOG-2's filter). The
 * stored word is history_menu_word(menu); the page names it with the catalog
 * key "history_menu_<word>". Append new menus at the end. */
enum history_menu {
	HISTORY_PROFILE,   /* profile and exposure */
	HISTORY_SETTINGS,  /* switches, chat settings, retention */
	HISTORY_CHAT,      /* actions on rooms: assign, block, complete, leave, memo */
	HISTORY_LABELS,
	HISTORY_GROUPS,    /* friend groups */
	HISTORY_MEMBERS,
	HISTORY_HOURS,     /* operating hours, holidays, automatic messages */
	HISTORY_FAQ,       /* FAQ, chat menu, canned replies, request form */
	HISTORY_COUPONS,
	HISTORY_WALLET,
	HISTORY_BACKUPS,
	HISTORY__MAX
};

/* Every menu's stored word in enum order, NULL-terminated (a PARAM_CHOICE
 * list for the page's filter). */
extern const char *const history_menu_words[HISTORY__MAX + 1];

/* The stored word of menu ("profile", "chat", ...); NULL when out of range. */
const char *history_menu_word(enum history_menu menu);

/* Writes one entry for the request's member in the request's account:
 * action is a lowercase word naming what happened ("rename", "assign", ...;
 * the page names it with "history_action_<action>"), target what it happened
 * to (a room's name, a label, an email; <= 200 code points), before and after
 * the values where they help (<= 2,000 code points each, longer texts are
 * cut there; NULL for none).
 * Call it inside the change's transaction, after the change succeeded; on
 * <0 roll the transaction back so that no change goes unrecorded.
 * Returns 1, or <0 a DB_* error. */
int history_add(struct request *req, enum history_menu menu, const char *action,
    const char *target, const char *before, const char *after);

/* Ends the transaction of one change (begun with db_begin or account_lock)
 * whose result is changed (>0 done, 0 nothing to change or found, <0 a DB_*
 * error): when changed > 0 writes the entry as history_add does and commits;
 * otherwise, or when the entry or the commit fails, rolls back, so that a
 * refused change writes nothing and no change goes unrecorded (LOG-1).
 * Returns changed, or DB_ERROR when the entry or the commit failed. */
int history_commit(struct request *req, int changed, enum history_menu menu, const char *action,
    const char *target, const char *before, const char *after);

/* The word of a switch for before/after, in the request's language
 * (catalog history_value_on / history_value_off). */
const char *history_on_off(struct request *req, bool on);

/* One value a change may touch: the catalog key of its label and its text
 * before and after ("" or NULL for none). */
struct history_field {
	const char *label_key;
	const char *before;
	const char *after;
};

/* Sets *before and *after (arena) to the lines "label: value" of those of
 * the count fields whose value changed, for an entry's before and after;
 * both "" when none changed. */
void history_diff(struct request *req, const struct history_field *fields, int count,
    const char **before, const char **after);

/* The same for the worker or the operator (partner_id 0 when nobody in
 * particular): account_id given, no request. */
int history_add_for(struct arena *arena, long long account_id, long long partner_id,
    enum history_menu menu, const char *action, const char *target, const char *before,
    const char *after);

#endif
