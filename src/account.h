/* account: who may reach an account (membership looked up with the account in
 * one query), and the layout shared by every page under /a/CODE/. */
#ifndef SANGDAM_ACCOUNT_H
#define SANGDAM_ACCOUNT_H

#include <stdbool.h>

struct request;
struct view;

struct account_access {
	long long id;
	const char *code;
	const char *name;
	const char *kind;      /* personal, business, organization */
	const char *status;    /* pending, approved, rejected */
	bool is_master;
	bool home_public;
	bool chat_on;
	bool deleting;         /* deletion requested; gone after delete_after */
	const char *delete_after; /* "YYYY-MM-DD HH:MI" in time_zone; "" unless deleting */
	const char *time_zone;
	bool available;        /* the member takes rooms by automatic assignment (MEM-6) */
};

/* A page view inside an account: the layout plus the account's name, code,
 * menu (with menu_item marked current) and review status. */
struct view *account_page_new(struct request *req, const char *title_key, const char *menu_item);

/* The chat URL of an account: base_url + /talk/CODE (arena string). */
const char *account_chat_url(struct request *req, const char *code);

/* How many accounts one partner may be the master of (config max_accounts,
 * 1..1000, default 10). */
long long account_limit(void);

/* Begins a transaction holding req->account's row until it ends, so that a
 * count of the account's rows taken next sees every creation committed
 * before it and concurrent requests cannot pass an "at most N" (NF-7).
 * 0, or <0 error (nothing left open). End it with account_unlock. */
int account_lock(struct request *req);

/* Ends account_lock's transaction: commits when result > 0, else rolls back.
 * Returns result, or DB_ERROR when the commit failed. */
int account_unlock(struct request *req, int result);

/* Fixed category keys; their names are catalog keys "category.KEY". */
extern const char *const account_categories[];

/* Adds every category to view as rows of section (KEY, LABEL in the page's
 * language, SELECTED for the one equal to chosen, which may be NULL), for a
 * <select>. */
void account_view_categories(struct view *view, const char *section, const char *chosen);

#endif
