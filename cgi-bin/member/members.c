/* members: the members page of an account (MEM-1, 2): who is a member with
 * their role, joining date and last activity; the invitation form; the
 * pending invitations, which any member may cancel. */
#include "pages.h"
#include "account.h"
#include "arena.h"
#include "auth.h"
#include "config.h"
#include "confirm.h"
#include "db.h"
#include "db_member_invitations.h"
#include "db_members.h"
#include "form.h"
#include "history.h"
#include "http.h"
#include "log.h"
#include "mail.h"
#include "page.h"
#include "session.h"
#include "view.h"

#include <stdbool.h>
#include <string.h>
#include <strings.h>

enum { MEMBERS_SHOWN = 10000, INVITATIONS_SHOWN = 200 };

static const struct param_field invite_fields[INVITE__MAX] = {
	[INVITE_EMAIL] = { "email", PARAM_EMAIL, true, 0, 0, NULL },
};

static const char *const members_notices[] = {
	"invited", "cancelled", "removed", "delegated", "joined", NULL,
};

static const struct form invite_form = {
	.template_name = "page_members",
	.title = "member.title",
	.menu = "members",
	.fields = invite_fields,
	.field_count = INVITE__MAX,
	.notices = members_notices,
};

long long members_max(void)
{
	return config_num("max_members");
}

/* Adds one member's row to view, with the actions the viewer may take. */
static void members_view_row(struct request *req, struct view *view,
    const struct member_row *member)
{
	const struct account_access *account = req->account;
	bool self = member->partner_id == req->session->partner_id;
	bool manager = strcmp(member->role, "manager") == 0;
	struct view *row = view_add_row(view, "MEMBERS");
	view_set_int(row, "PARTNER_ID", member->partner_id);
	view_set(row, "NAME", member->name);
	view_set(row, "EMAIL", member->email);
	view_set(row, "ROLE", member->role);
	view_set_text(row, "ROLE_TEXT", manager ? "member.role.manager" : "member.role.master");
	view_set(row, "JOINED", member->joined);
	if (*member->last_active != '\0')
		view_set(row, "LAST_ACTIVE", member->last_active);
	else
		view_set_text(row, "LAST_ACTIVE", "member.never");
	if (self)
		view_show(row, "SELF");
	if (account->is_master && manager) {
		view_show(row, "CAN_REMOVE");
		if (strcmp(account->kind, "personal") != 0)
			view_show(row, "CAN_DELEGATE");
	}
	if (self && manager)
		view_show(row, "CAN_LEAVE");
}

/* Adds the members (section MEMBERS) and their count; the count, or <0. */
static int members_view_list(struct request *req, struct view *view)
{
	struct member_row *members = arena_alloc(req->arena, sizeof(*members) * MEMBERS_SHOWN);
	int count = db_members_list_account(req->arena, req->account->id,
	    req->account->time_zone, members, MEMBERS_SHOWN);
	for (int i = 0; i < count; i++)
		members_view_row(req, view, &members[i]);
	return count;
}

/* Adds the pending invitations (section INVITATIONS); the count, or <0. */
static int members_view_invitations(struct request *req, struct view *view)
{
	struct invitation_row *rows = arena_alloc(req->arena, sizeof(*rows) * INVITATIONS_SHOWN);
	int count = db_member_invitations_list(req->arena, req->account->id,
	    req->account->time_zone, rows, INVITATIONS_SHOWN);
	for (int i = 0; i < count; i++) {
		struct view *row = view_add_row(view, "INVITATIONS");
		view_set_int(row, "INVITATION_ID", rows[i].id);
		view_set(row, "INVITED_EMAIL", rows[i].email);
		view_set(row, "INVITED_AT", rows[i].created);
		if (rows[i].expired)
			view_show(row, "EXPIRED");
	}
	if (count == 0)
		view_show(view, "NO_INVITATIONS");
	return count;
}

int members_show(struct request *req, const struct param_value *values, const char *error,
    int status)
{
	struct view *view = form_view(req, &invite_form, values, NULL, error);
	int members = members_view_list(req, view);
	if (members < 0 || members_view_invitations(req, view) < 0)
		return -1;
	view_set_int(view, "MEMBER_COUNT", members);
	view_set_int(view, "MEMBER_MAX", members_max());
	if (members >= members_max())
		view_show(view, "AT_LIMIT");
	if (req->account->is_master)
		view_show(view, "VIEWER_MASTER");
	if (strcmp(req->account->kind, "personal") == 0)
		view_show(view, "PERSONAL");
	return form_render(req, &invite_form, view, status);
}

int members_page(struct request *req)
{
	return members_show(req, NULL, NULL, 200);
}

/* Whether email is already a member's address (case-insensitive): 1, 0, or <0. */
static int members_has_email(struct request *req, const char *email)
{
	struct member_row *members = arena_alloc(req->arena, sizeof(*members) * MEMBERS_SHOWN);
	int count = db_members_list_account(req->arena, req->account->id,
	    req->account->time_zone, members, MEMBERS_SHOWN);
	for (int i = 0; i < count; i++)
		if (strcasecmp(members[i].email, email) == 0)
			return 1;
	return count < 0 ? count : 0;
}

/* Records and mails the invitation inside account_lock's transaction: a
 * catalog key when refused, NULL when done (*failed on errors). */
static const char *members_invite_locked(struct request *req, const char *email, bool *failed)
{
	int count = db_members_count_account(req->arena, req->account->id);
	int member = members_has_email(req, email);
	*failed = count < 0 || member < 0;
	if (*failed)
		return NULL;
	if (member == 1)
		return "member.err.already";
	if (count >= members_max())
		return "member.err.full";
	const char *token = auth_new_token(req->arena);
	*failed = db_member_invitations_put(req->arena, req->account->id, email,
	    auth_token_hash(req->arena, token), req->session->partner_id) != 1
	    || history_add(req, HISTORY_MEMBERS, "member_invite", email, NULL, NULL) != 1
	    || mail_send_link_with(req->arena, email, req->lang, "mail_invite",
		"mail.invite.subject", arena_printf(req->arena, "/invitations/%s", token),
		(const char *const[]) { "ACCOUNT", req->account->name,
		    "INVITER", req->session->partner_name, NULL }) != 0;
	return NULL;
}

/* POST /a/CODE/members/invite: a single-use link valid 7 days, mailed;
 * inviting the same address again voids its previous link (MEM-1). */
int members_invite(struct request *req)
{
	struct param_value values[INVITE__MAX];
	if (form_read(req, &invite_form, values, NULL) > 0)
		return members_show(req, values, NULL, 422);
	if (account_lock(req) != 0)
		return -1;
	bool failed;
	const char *refused = members_invite_locked(req, values[INVITE_EMAIL].text, &failed);
	int done = account_unlock(req, failed || refused != NULL ? 0 : 1);
	if (done < 0 || failed)
		return -1;
	/* an address that is already a member's (yours too) is said next to
	 * it; a full account is the form's */
	if (refused != NULL && strcmp(refused, "member.err.already") == 0) {
		values[INVITE_EMAIL].error = refused;
		return members_show(req, values, NULL, 422);
	}
	if (refused != NULL)
		return members_show(req, values, refused, 422);
	return form_done(req, arena_printf(req->arena, "/a/%s/members", req->account->code),
	    "invited");
}

/* Asks before cancelling the route's invitation (issue 13), one of those
 * the page lists: 0 to go on, else the status (the page, 404, -1). */
static int members_cancel_asked(struct request *req)
{
	struct invitation_row *rows = arena_alloc(req->arena, sizeof(*rows) * INVITATIONS_SHOWN);
	int count = db_member_invitations_list(req->arena, req->account->id,
	    req->account->time_zone, rows, INVITATIONS_SHOWN);
	if (count < 0)
		return -1;
	for (int i = 0; i < count; i++)
		if (rows[i].id == req->ids[1]) {
			const struct confirm confirm = {
				.button = "confirm.invite_cancel",
				.question = "confirm.invite_cancel.question",
				.target = rows[i].email,
				.back = arena_printf(req->arena, "/a/%s/members",
				    req->account->code),
				.menu = "members",
			};
			return confirm_ask(req, &confirm);
		}
	return 404;
}

/* POST /a/CODE/members/invitations/ID/cancel: any member (MEM-1), asked first. */
int members_cancel(struct request *req)
{
	int asked = members_cancel_asked(req);
	if (asked != 0)
		return asked;
	if (account_lock(req) != 0)
		return -1;
	const char *email = NULL;
	int cancelled = db_member_invitations_cancel(req->arena, req->ids[1], req->account->id,
	    &email);
	if (cancelled == 1 && history_add(req, HISTORY_MEMBERS, "member_invite_cancel", email,
		NULL, NULL) != 1)
		cancelled = DB_ERROR;
	if (account_unlock(req, cancelled) != 1)
		return cancelled < 0 ? -1 : 404;
	return form_done(req, arena_printf(req->arena, "/a/%s/members", req->account->code),
	    "cancelled");
}
