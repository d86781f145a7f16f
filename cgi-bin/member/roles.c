/* roles: removing a member (내보내기, MEM-3), leaving (나가기) and handing
 * the master role to a manager (마스터 위임, MEM-4). Each asks for
 * confirmation first: its GET is a page (no script needed) whose form is
 * the POST, which runs as one transaction holding the account's row (account_lock) in which the
 * request's role is read again, so that racing requests are judged one
 * after the other and the account keeps exactly one master; the unique
 * index members_one_master (migration 0002) refuses a second one anyway.
 * A removed member loses access at once (MEM-5): membership is read with
 * the session on every request, and a `member` notice ends their live
 * streams of the account. */
#include "pages.h"
#include "account.h"
#include "arena.h"
#include "db.h"
#include "db_members.h"
#include "db_rooms.h"
#include "form.h"
#include "history.h"
#include "http.h"
#include "notify.h"
#include "page.h"
#include "session.h"
#include "view.h"

#include <string.h>

/* The confirmation page of a role change: the question (catalog key what,
 * {who} being who) and a form posting to the same path with a button
 * labelled by catalog key button. Returns the status. */
static int roles_confirm(struct request *req, const char *what, const char *who,
    const char *button)
{
	struct view *view = account_page_new(req, "member.confirm.title", "members");
	view_set(view, "QUESTION", member_text(req, what, req->account->name, who));
	view_set_text(view, "BUTTON", button);
	view_set(view, "ACTION", req->path);
	view_set(view, "BACK", arena_printf(req->arena, "/a/%s/members", req->account->code));
	return page_render(req, view, "page_member_confirm", 200);
}

/* The member partner_id of the request's account into out: 1, 0, <0. */
static int roles_get(struct request *req, long long partner_id, struct member_row *out)
{
	return db_members_get(req->arena, req->account->id, partner_id, req->account->time_zone,
	    out);
}

/* Locks the account (account_lock) and reads the request's own member row
 * again into me: 1 found, 0 no longer a member, <0 error; on anything but 1
 * the transaction is already rolled back. */
static int roles_lock(struct request *req, struct member_row *me)
{
	if (account_lock(req) != 0)
		return DB_ERROR;
	int found = roles_get(req, req->session->partner_id, me);
	if (found != 1)
		db_rollback(req->arena);
	return found;
}

/* Ends the transaction of a role change: commits and sends the browser to
 * location with notice when status is 0; else rolls back and answers status
 * (403, 404, -1) or the members page with refused (422). */
static int roles_end(struct request *req, int status, const char *refused,
    const char *location, const char *notice)
{
	if (status != 0) {
		db_rollback(req->arena);
		return status == 422 ? members_show(req, NULL, refused, 422) : status;
	}
	if (db_commit(req->arena) != 0)
		return -1;
	return form_done(req, location, notice);
}

/* What removing or leaving does besides the deletion: the partner's rooms
 * go back to nobody and their live streams of the account end. 0, or -1. */
static int roles_gone(struct request *req, long long partner_id)
{
	return db_rooms_unassign_partner(req->arena, req->account->id, partner_id) >= 0
	    && db_rooms_notify(req->arena, req->account->id, partner_id, "member") == 1 ? 0 : -1;
}

/* The member of the route (ID) into target when a manager: 0; 404, -1, or
 * 422 with *refused set to the catalog key not_manager. */
static int roles_manager(struct request *req, struct member_row *target,
    const char *not_manager, const char **refused)
{
	int found = roles_get(req, req->ids[1], target);
	if (found <= 0)
		return found < 0 ? -1 : 404;
	if (strcmp(target->role, "manager") != 0) {
		*refused = not_manager;
		return 422;
	}
	return 0;
}

/* The removal under the lock, by master me: 0 done, 404, 422 (*refused), -1. */
static int roles_remove_locked(struct request *req, const struct member_row *me,
    const char **refused)
{
	struct member_row target;
	int status = roles_manager(req, &target, "member.err.master_stays", refused);
	if (status != 0)
		return status;
	long long account = req->account->id;
	if (db_members_delete_manager(req->arena, account, target.partner_id) != 1
	    || roles_gone(req, target.partner_id) != 0
	    || history_add(req, HISTORY_MEMBERS, "member_remove", target.name, NULL, NULL) != 1
	    || notify_partner(req->arena, target.partner_id, "removed_you", account, me->name) != 1
	    || notify_members(req->arena, account, me->partner_id, "member_removed", target.name)
		< 0)
		return -1;
	return 0;
}

/* The member of the route (ID) for a master's confirmation page: 0 and
 * *target filled, else the status (403 for a manager, 404, -1). */
static int roles_target(struct request *req, struct member_row *target)
{
	if (!req->account->is_master)
		return 403;
	int found = roles_get(req, req->ids[1], target);
	return found == 1 ? 0 : found < 0 ? -1 : 404;
}

/* GET /a/CODE/members/ID/remove: asks the master first. */
int roles_remove_page(struct request *req)
{
	struct member_row target;
	int status = roles_target(req, &target);
	return status != 0 ? status
	    : roles_confirm(req, "member.confirm.remove", target.name, "member.remove");
}

/* A master's change of another member: locks, checks that the request's
 * member is still the master (else 403) and runs locked, then ends as
 * roles_end does, back on the members page with notice. */
static int roles_by_master(struct request *req,
    int (*locked)(struct request *, const struct member_row *, const char **),
    const char *notice)
{
	struct member_row me;
	int found = roles_lock(req, &me);
	if (found <= 0)
		return found < 0 ? -1 : 404;
	const char *refused = NULL;
	int status = strcmp(me.role, "master") != 0 ? 403 : locked(req, &me, &refused);
	return roles_end(req, status, refused,
	    arena_printf(req->arena, "/a/%s/members", req->account->code), notice);
}

/* POST /a/CODE/members/ID/remove: the master only (MEM-3). */
int roles_remove(struct request *req)
{
	if (!req->account->is_master)
		return 403;
	return roles_by_master(req, roles_remove_locked, "removed");
}

/* The hand-over under the lock, from master me: 0 done, 404, 422, -1. The
 * old master steps down before the new one steps up, so that no statement
 * ever sees two masters. */
static int roles_delegate_locked(struct request *req, const struct member_row *me,
    const char **refused)
{
	struct member_row target;
	int status = roles_manager(req, &target, "member.err.already_master", refused);
	if (status != 0)
		return status;
	long long account = req->account->id;
	if (db_members_set_role(req->arena, account, me->partner_id, "manager") != 1
	    || db_members_set_role(req->arena, account, target.partner_id, "master") != 1
	    || history_add(req, HISTORY_MEMBERS, "master_delegate", target.name, me->name,
		target.name) != 1
	    || notify_members(req->arena, account, me->partner_id, "master_delegated",
		target.name) < 0)
		return -1;
	return 0;
}

/* GET /a/CODE/members/ID/delegate: asks the master first. */
int roles_delegate_page(struct request *req)
{
	struct member_row target;
	int status = roles_target(req, &target);
	if (status == 0 && strcmp(req->account->kind, "personal") == 0)
		return members_show(req, NULL, "member.err.personal", 422);
	return status != 0 ? status
	    : roles_confirm(req, "member.confirm.delegate", target.name, "member.delegate");
}

/* POST /a/CODE/members/ID/delegate: the master only, not for personal
 * accounts (MEM-4). */
int roles_delegate(struct request *req)
{
	if (!req->account->is_master)
		return 403;
	if (strcmp(req->account->kind, "personal") == 0)
		return members_show(req, NULL, "member.err.personal", 422);
	return roles_by_master(req, roles_delegate_locked, "delegated");
}

/* Leaving under the lock, by manager me: 0 done, -1. */
static int roles_leave_locked(struct request *req, const struct member_row *me)
{
	long long account = req->account->id;
	if (db_members_delete_manager(req->arena, account, me->partner_id) != 1
	    || roles_gone(req, me->partner_id) != 0
	    || history_add(req, HISTORY_MEMBERS, "member_leave", me->name, NULL, NULL) != 1
	    || notify_members(req->arena, account, me->partner_id, "member_left", me->name) < 0)
		return -1;
	return 0;
}

/* GET /a/CODE/members/leave: asks the manager first; the master delegates
 * first (MEM-3). */
int roles_leave_page(struct request *req)
{
	if (req->account->is_master)
		return members_show(req, NULL, "member.err.master_leave", 422);
	return roles_confirm(req, "member.confirm.leave", req->session->partner_name,
	    "member.leave");
}

/* POST /a/CODE/members/leave: a manager leaves; the master cannot (MEM-3). */
int roles_leave(struct request *req)
{
	if (req->account->is_master)
		return members_show(req, NULL, "member.err.master_leave", 422);
	struct member_row me;
	int found = roles_lock(req, &me);
	if (found <= 0)
		return found < 0 ? -1 : 404;
	int status = strcmp(me.role, "master") == 0 ? 422 : roles_leave_locked(req, &me);
	return roles_end(req, status, "member.err.master_leave", "/accounts", NULL);
}
