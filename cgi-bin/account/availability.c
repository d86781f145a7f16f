/* availability: a member marks themselves available or away in an account
 * (MEM-6), from the switch in the header of every account page; away
 * members get no rooms from automatic assignment (CHAT-18). */
#include "pages.h"
#include "account.h"
#include "arena.h"
#include "db.h"
#include "db_members.h"
#include "form.h"
#include "history.h"
#include "http.h"
#include "session.h"

#include <string.h>

static const char *const availability_choices[] = { "1", "0", NULL };

enum { AVAILABILITY_AVAILABLE, AVAILABILITY_NEXT, AVAILABILITY__MAX };

static const struct param_field availability_fields[AVAILABILITY__MAX] = {
	[AVAILABILITY_AVAILABLE] = { "available", PARAM_CHOICE, true, 0, 0, availability_choices },
	[AVAILABILITY_NEXT] = { "next", PARAM_TEXT, false, 0, 500, NULL },
};

/* Posted from the header; never shown again: a bad value is a bare 422. */
static const struct form availability_form = {
	.template_name = "page_account_home",
	.title = "menu.home",
	.fields = availability_fields,
	.field_count = AVAILABILITY__MAX,
};

/* The page to go back to: next when it is one of this account's pages,
 * else the account's home. */
static const char *availability_next(struct request *req, const struct param_value *next)
{
	const char *home = arena_printf(req->arena, "/a/%s/", req->account->code);
	const char *path = next->text;
	if (!next->present || strncmp(path, home, strlen(home)) != 0
	    || strstr(path, "//") != NULL || strpbrk(path, "\\\r\n") != NULL)
		return home;
	return path;
}

/* Marks the member and writes the history in one transaction; 1 changed,
 * 0 already so, <0 error. */
static int availability_set(struct request *req, bool available)
{
	if (db_begin(req->arena) != 0)
		return DB_ERROR;
	int changed = db_members_set_available(req->arena, req->account->id,
	    req->session->partner_id, available);
	if (changed == 1)
		changed = history_add(req, HISTORY_MEMBERS, available ? "available" : "away",
		    req->session->partner_name, NULL, NULL);
	if (changed < 0 || db_commit(req->arena) != 0) {
		db_rollback(req->arena);
		return DB_ERROR;
	}
	return changed;
}

int availability_post(struct request *req)
{
	struct param_value values[AVAILABILITY__MAX];
	if (form_read(req, &availability_form, values, NULL) > 0)
		return 422;
	if (availability_set(req, strcmp(values[AVAILABILITY_AVAILABLE].text, "1") == 0) < 0)
		return -1;
	return form_done(req, availability_next(req, &values[AVAILABILITY_NEXT]), NULL);
}
