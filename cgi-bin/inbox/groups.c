/* groups: the account's friend groups page: list with counts, create, delete. */
#include "account.h"
#include "arena.h"
#include "confirm.h"
#include "db.h"
#include "db_accounts.h"
#include "db_friend_groups.h"
#include "form.h"
#include "history.h"
#include "http.h"
#include "pages.h"
#include "page.h"
#include "param.h"
#include "view.h"

enum { GROUP_NAME, GROUP_DESCRIPTION, GROUP__MAX };
static const struct param_field group_fields[GROUP__MAX] = {
	[GROUP_NAME] = { "name", PARAM_NAME, true, 1, 30, NULL },
	[GROUP_DESCRIPTION] = { "description", PARAM_LINES, false, 0, 200, NULL },
};

static const char *const group_notices[] = { "created", "deleted", NULL };

static const struct form group_form = {
	.template_name = "page_groups", .title = "inbox.groups.title", .menu = "groups",
	.fields = group_fields, .field_count = GROUP__MAX, .notices = group_notices,
};

static void add_group(struct view *view, const struct friend_group *group)
{
	struct view *row = view_add_row(view, "GROUPS");
	view_set_int(row, "GROUP_ID", group->id);
	view_set(row, "GROUP_NAME", group->name);
	if (*group->description != '\0') {
		view_show(row, "HAS_DESCRIPTION");
		view_set(row, "GROUP_DESCRIPTION", group->description);
	}
	view_set_int(row, "MEMBER_COUNT", group->member_count);
	view_set_int(row, "FRIEND_COUNT", group->friend_count);
}

/* The groups page; values carry a refused create form. */
static int groups_page(struct request *req, const struct param_value *values, int status)
{
	struct friend_group *groups;
	int count = db_friend_groups_list_counted(req->arena, req->account->id, &groups);
	if (count < 0)
		return -1;
	struct view *view = form_view(req, &group_form, values, NULL, NULL);
	for (int i = 0; i < count; i++)
		add_group(view, &groups[i]);
	if (count == 0)
		view_show(view, "NO_GROUPS");
	if (values == NULL) {
		view_set(view, "NAME", "");
		view_set(view, "DESCRIPTION", "");
	}
	return form_render(req, &group_form, view, status);
}

static const char *groups_path(struct request *req)
{
	return arena_printf(req->arena, "/a/%s/groups", req->account->code);
}

int inbox_groups(struct request *req)
{
	return groups_page(req, NULL, 200);
}

int inbox_group_create(struct request *req)
{
	struct param_value values[GROUP__MAX];
	if (form_read(req, &group_form, values, NULL) > 0)
		return groups_page(req, values, 422);
	int created = account_lock(req);
	if (created == 0)
		created = history_commit(req, db_friend_groups_insert(req->arena,
		    req->account->id, values[GROUP_NAME].text, values[GROUP_DESCRIPTION].text,
		    INBOX_GROUPS_MAX), HISTORY_GROUPS, "create", values[GROUP_NAME].text, NULL,
		    values[GROUP_DESCRIPTION].text);
	if (created == DB_UNIQUE_VIOLATION || created == 0) {
		values[GROUP_NAME].error = created == 0 ? "inbox.err.groups_full" : "inbox.err.group_taken";
		return groups_page(req, values, 422);
	}
	if (created < 0)
		return -1;
	return form_done(req, groups_path(req), "created");
}

/* Asks before deleting the route's group (issue 13): 0 to go on, else the
 * status answered (the confirmation page, 404 for another account's group). */
static int group_delete_asked(struct request *req)
{
	struct friend_group *groups;
	int count = db_friend_groups_list_counted(req->arena, req->account->id, &groups);
	if (count < 0)
		return -1;
	for (int i = 0; i < count; i++)
		if (groups[i].id == req->ids[1]) {
			const struct confirm confirm = {
				.button = "confirm.group_delete",
				.question = "confirm.group_delete.question",
				.target = groups[i].name, .back = groups_path(req),
				.menu = "groups",
			};
			return confirm_ask(req, &confirm);
		}
	return 404;
}

int inbox_group_delete(struct request *req)
{
	long long id = req->ids[1];
	int asked = group_delete_asked(req);
	if (asked != 0)
		return asked;
	struct account_choices choices;
	if (db_begin(req->arena) != 0
	    || db_accounts_choices(req->arena, req->account->id, 0, &choices) < 0)
		return -1;
	int deleted = history_commit(req, db_friend_groups_delete(req->arena, req->account->id, id),
	    HISTORY_GROUPS, "delete", inbox_group_name(&choices, id), NULL, NULL);
	if (deleted <= 0)
		return deleted < 0 ? -1 : 404;
	return form_done(req, groups_path(req), "deleted");
}
