/* invite: the invitee's side of an invitation (MEM-1): the mailed link
 * /invitations/TOKEN shows the account and asks to sign in or sign up when signed
 * out, refuses a partner signed in with another address, and lets the
 * invited partner join as a manager, once, within 7 days, while the account
 * has room (MEM-2). */
#include "pages.h"
#include "arena.h"
#include "auth.h"
#include "db.h"
#include "db_accounts.h"
#include "db_member_invitations.h"
#include "db_members.h"
#include "form.h"
#include "history.h"
#include "http.h"
#include "notify.h"
#include "page.h"
#include "session.h"
#include "text.h"
#include "view.h"

#include <stdbool.h>
#include <strings.h>

/* The invitation page in one of its states (section state: GONE,
 * INVITE_SIGNED_OUT, OTHER_EMAIL, ACCEPT, FULL) with status. invitation may
 * be NULL for GONE. Not SIGNED_OUT: the layout shows that section to every
 * visitor without a session, and a gone link then also said "sign in to
 * accept" with no address. */
static int invite_render(struct request *req, const struct invitation *invitation,
    const char *state, int status)
{
	struct view *view = page_new(req, "member.invite.title");
	view_show(view, state);
	if (invitation != NULL) {
		view_set(view, "INVITE_ACCOUNT", invitation->account_name);
		view_set(view, "INVITED_EMAIL", invitation->email);
		view_set(view, "INVITE_LEAD", member_text(req, "member.invite.lead",
		    invitation->account_name, NULL));
	}
	view_set(view, "ACTION", req->path);
	struct strbuf next; /* back here after signing in or up */
	strbuf_init(&next, req->arena);
	strbuf_puts(&next, "?next=");
	text_url_encode(&next, req->path);
	view_set(view, "NEXT_QUERY", strbuf_text(&next));
	return page_render(req, view, "page_invite", status);
}

/* Finds the route's invitation: 1 live, 0 unknown, spent or expired, <0. */
static int invite_find(struct request *req, struct invitation *out)
{
	int found = db_member_invitations_find(req->arena,
	    auth_token_hash(req->arena, req->params[0]), out);
	return found == 1 && !out->live ? 0 : found;
}

/* What a signed-in partner may do with a live invitation: NULL when it is
 * theirs, else the page's state. */
static const char *invite_refusal(const struct request *req, const struct invitation *invitation)
{
	return strcasecmp(invitation->email, req->session->partner_email) == 0 ? NULL
	    : "OTHER_EMAIL";
}

/* GET /invitations/TOKEN. */
int invite_page(struct request *req)
{
	struct invitation invitation;
	int found = invite_find(req, &invitation);
	if (found <= 0)
		return found < 0 ? -1 : invite_render(req, NULL, "GONE", 404);
	if (req->session == NULL)
		return invite_render(req, &invitation, "INVITE_SIGNED_OUT", 200);
	if (invite_refusal(req, &invitation) != NULL)
		return invite_render(req, &invitation, "OTHER_EMAIL", 403);
	int member = db_members_exists(req->arena, invitation.account_id,
	    req->session->partner_id);
	if (member < 0)
		return -1;
	if (member == 1)
		return http_redirect(req, arena_printf(req->arena, "/a/%s/", invitation.code));
	return invite_render(req, &invitation, "ACCEPT", 200);
}

/* Joins under the account's lock with the invitation found again and locked
 * (it may have been used, cancelled or replaced meanwhile): 0 done, else the
 * status to answer (404 gone, 422 full, -1). */
static int invite_join_locked(struct request *req, struct invitation *invitation)
{
	long long account = invitation->account_id, me = req->session->partner_id;
	if (db_accounts_lock(req->arena, account) != 1)
		return -1;
	int found = invite_find(req, invitation);
	if (found <= 0 || invitation->account_id != account)
		return found < 0 ? -1 : 404;
	int member = db_members_exists(req->arena, account, me);
	int count = db_members_count_account(req->arena, account);
	if (member < 0 || count < 0)
		return -1;
	if (member == 0 && count >= members_max())
		return 422;
	if (db_member_invitations_delete(req->arena, invitation->id) != 1)
		return -1;
	if (member == 1)
		return 0;
	const char *name = req->session->partner_name;
	if (db_members_insert(req->arena, account, me, "manager") != 1
	    || history_add_for(req->arena, account, me, HISTORY_MEMBERS, "member_join", name,
		NULL, NULL) != 1
	    || notify_members(req->arena, account, me, "member_joined", name) < 0)
		return -1;
	return 0;
}

/* POST /invitations/TOKEN: the invited partner joins as a manager. */
int invite_accept(struct request *req)
{
	struct invitation invitation;
	int found = invite_find(req, &invitation);
	if (found <= 0)
		return found < 0 ? -1 : invite_render(req, NULL, "GONE", 404);
	if (invite_refusal(req, &invitation) != NULL)
		return invite_render(req, &invitation, "OTHER_EMAIL", 403);
	if (db_begin(req->arena) != 0)
		return -1;
	int status = invite_join_locked(req, &invitation);
	if (status != 0) {
		db_rollback(req->arena);
		if (status == 404)
			return invite_render(req, NULL, "GONE", 404);
		return status == 422 ? invite_render(req, &invitation, "FULL", 422) : -1;
	}
	if (db_commit(req->arena) != 0)
		return -1;
	return form_done(req, arena_printf(req->arena, "/a/%s/members", invitation.code),
	    "joined");
}
