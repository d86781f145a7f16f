"""Actions that cannot be undone ask first (issue 13, "a destructive action acts on
one tap"): deleting a label or a friend group, cancelling a running backup (the
member's and the operator's) and cancelling an invitation. A POST without
confirm=1 changes nothing and answers 200 with the shared confirmation page, whose
form posts the same action with confirm=1 and whose other way goes back; with
confirm=1 it acts (303); another account's id is still 404, asked or not. The
pages' forms carry data-confirm, which static/confirm.js turns into a dialog."""

import html
import re

from testlib import expect, expect_status, expect_see_other
from test_inbox import Agent, one, operator, sql_text


def confirm_form(r, action, target, what):
    """Checks that r is the confirmation page of action naming target."""
    expect_status(r, 200, what=what)
    forms = re.findall(r'<form[^>]*class="confirm-form"[^>]*>.*?</form>', r.text, re.S)
    expect(len(forms) == 1, "%s: no single confirmation form" % what, r)
    form = forms[0]
    expect('action="%s"' % action in form, "%s: the form does not post %s" % (what, action), r)
    expect('name="confirm" value="1"' in form, "%s: the form does not send confirm=1" % what, r)
    expect(re.search(r'<button type="submit"[^>]*>[^<]+</button>', form),
           "%s: the form has no named button" % what, r)
    expect(re.search(r'<a class="button" href="/[^"]*">', form), "%s: no way back" % what, r)
    expect(html.escape(target, quote=False) in r.text, "%s: the page does not name %r" % (what, target), r)
    expect("data-confirm" not in form, "%s: the confirmation page would ask twice" % what, r)


def asks_on_page(r, action, what):
    """The list page's form of action carries data-confirm for the dialog."""
    expect_status(r, 200, what=what)
    expect(re.search(r'<form[^>]*action="%s"[^>]*data-confirm="[^"]+"' % re.escape(action), r.text),
           "%s: the form of %s has no data-confirm" % (what, action), r)


def check_asks(a, other, path, count_sql, target, what):
    """POST path of a without confirm=1 asks and keeps count_sql's row; another
    account's partner gets 404 asked or not; with confirm=1 it acts."""
    full = a.base + path
    r = a.post(path, {})
    confirm_form(r, full, target, what)
    expect(one(a.s, count_sql) == "1", "%s: asking changed the data" % what)
    for fields in ({}, {"confirm": "1"}):
        r = other.client.post(full, fields, csrf=other.csrf)
        expect_status(r, 404, what="%s of another account's, %r" % (what, fields))
    expect(one(a.s, count_sql) == "1", "%s: another account's partner changed it" % what)
    return a.post(path, {"confirm": "1"})


def test_label_delete_asks_first(s):
    a, other = Agent(s), Agent(s)
    expect_see_other(a.post("/labels", {"name": "재문의 <고객>", "color": "#e53935"}), a.base + "/labels")
    label = one(s, "SELECT id FROM labels WHERE account_id = %s" % a.account_id)
    path = "/labels/%s/delete" % label
    asks_on_page(a.get("/labels"), a.base + path, "the labels page")
    r = check_asks(a, other, path, "SELECT count(*) FROM labels WHERE id = %s" % label,
                   "재문의 <고객>", "delete a label")
    expect_see_other(r, a.base + "/labels", what="confirmed label delete")
    expect(one(s, "SELECT count(*) FROM labels WHERE id = %s" % label) == "0", "the label was kept")
    expect_status(a.post(path, {}), 404, what="ask to delete a deleted label")


def test_group_delete_asks_first(s):
    a, other = Agent(s), Agent(s)
    expect_see_other(a.post("/groups", {"name": "VIP 고객", "description": ""}), a.base + "/groups")
    group = one(s, "SELECT id FROM friend_groups WHERE account_id = %s" % a.account_id)
    path = "/groups/%s/delete" % group
    asks_on_page(a.get("/groups"), a.base + path, "the groups page")
    r = check_asks(a, other, path, "SELECT count(*) FROM friend_groups WHERE id = %s" % group,
                   "VIP 고객", "delete a friend group")
    expect_see_other(r, a.base + "/groups", what="confirmed group delete")
    expect(one(s, "SELECT count(*) FROM friend_groups WHERE id = %s" % group) == "0", "the group was kept")


def queued_backup(s, account_id=None, code=""):
    """A backup row that stays queued (no job is queued for it)."""
    if account_id is None:
        return one(s, "INSERT INTO backups (scope, reason, format) VALUES ('all', 'operator', 'csv') "
                      "RETURNING id")
    return one(s, "INSERT INTO backups (account_id, account_code, scope, reason, format) "
                  "VALUES (%s, %s, 'account', 'member', 'jsonl') RETURNING id"
               % (account_id, sql_text(code)))


def test_backup_cancel_asks_first(s):
    a, other = Agent(s), Agent(s)
    backup = queued_backup(s, a.account_id, a.code)
    path = "/backups/%s/cancel" % backup
    asks_on_page(a.get("/backups"), a.base + path, "the backups page")
    queued = "SELECT count(*) FROM backups WHERE id = %s AND status = 'queued'" % backup
    r = check_asks(a, other, path, queued, "JSON Lines", "cancel a backup")
    expect_see_other(r, a.base + "/backups", what="confirmed backup cancel")
    expect(one(s, "SELECT status FROM backups WHERE id = %s" % backup) == "cancelled",
           "the backup was not cancelled")
    # a backup that no longer runs has nothing to ask about
    expect_see_other(a.post(path, {}), a.base + "/backups", what="cancel an ended backup")


def test_operator_backup_cancel_asks_first(s):
    op = operator(s)
    backup = queued_backup(s)
    path = "/ops/backups/%s/cancel" % backup
    r = op.get("/ops/backups")
    asks_on_page(r, path, "the operator's backups page")
    token = r.csrf()
    confirm_form(op.post(path, {}, csrf=token), path, "CSV", "operator cancels a backup")
    expect(one(s, "SELECT status FROM backups WHERE id = %s" % backup) == "queued",
           "asking cancelled the operator's backup")
    expect_see_other(op.post(path, {"confirm": "1"}, csrf=token), "/ops/backups",
                     what="operator confirms the cancel")
    expect(one(s, "SELECT status FROM backups WHERE id = %s" % backup) == "cancelled",
           "the operator's backup was not cancelled")
    expect_status(op.post("/ops/backups/9000000000/cancel", {}, csrf=token), 404,
                  what="operator cancels a missing backup")


def test_invitation_cancel_asks_first(s):
    a, other = Agent(s), Agent(s)
    email = "invited-%s@example.com" % a.code
    expect_see_other(a.post("/members/invite", {"email": email}), a.base + "/members")
    invitation = one(s, "SELECT id FROM member_invitations WHERE account_id = %s" % a.account_id)
    path = "/members/invitations/%s/cancel" % invitation
    asks_on_page(a.get("/members"), a.base + path, "the members page")
    r = check_asks(a, other, path, "SELECT count(*) FROM member_invitations WHERE id = %s" % invitation,
                   email, "cancel an invitation")
    expect_see_other(r, a.base + "/members", what="confirmed invitation cancel")
    expect(one(s, "SELECT count(*) FROM member_invitations WHERE id = %s" % invitation) == "0",
           "the invitation was kept")


def test_faq_deletions_ask_on_the_shared_page(s):
    """The FAQ program's four deletions (which asked on a page of their own) ask on
    the shared page naming what goes, their forms open the dialog, and another
    account's request-form question is 404 before anything is asked."""
    a, other = Agent(s), Agent(s)
    aid = a.account_id
    made = {
        "faq": one(s, "INSERT INTO faq_entries (account_id, position, question, answer) "
                      "VALUES (%s, 1, '배송은 언제 오나요?', '2-3일') RETURNING id" % aid),
        "menu": one(s, "INSERT INTO chat_menu_buttons (account_id, label, response) "
                       "VALUES (%s, '영업시간', '10-19시') RETURNING id" % aid),
        "replies": one(s, "INSERT INTO canned_replies (account_id, title, text) "
                          "VALUES (%s, '첫 인사', '안녕하세요') RETURNING id" % aid),
        "request-form": one(s, "INSERT INTO request_questions (account_id, position, prompt, kind) "
                               "VALUES (%s, 1, '주문번호를 알려 주세요', 'text') RETURNING id" % aid),
    }
    tables = {"faq": "faq_entries", "menu": "chat_menu_buttons", "replies": "canned_replies",
              "request-form": "request_questions"}
    names = {"faq": "배송은 언제 오나요?", "menu": "영업시간", "replies": "첫 인사",
             "request-form": "주문번호를 알려 주세요"}
    for area, id_ in made.items():
        path = "/%s/%s/delete" % (area, id_)
        asks_on_page(a.get("/" + area), a.base + path, "the %s page" % area)
        r = check_asks(a, other, path, "SELECT count(*) FROM %s WHERE id = %s" % (tables[area], id_),
                       names[area], "delete from %s" % area)
        expect_see_other(r, a.base + "/" + area, what="confirmed delete from %s" % area)
        expect(one(s, "SELECT count(*) FROM %s WHERE id = %s" % (tables[area], id_)) == "0",
               "the confirmed delete from %s kept it" % area)
