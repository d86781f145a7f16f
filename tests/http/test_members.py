"""Members, roles and notifications (SPEC MEM-1..5, LOG-3; issue 10): the member
program's /a/CODE/members, /invitations/TOKEN and /notifications.

Partners, sessions, accounts and extra memberships are made in SQL (as in
test_events) so that the tests stay fast; invitations go through the pages and the
mailed link (read from VAR/mail). Each change checks its account_history row, and
each refusal checks that nothing changed and no row was written."""

import re
import secrets
import threading
import time
import urllib.parse

from client import Client, unique_email
from testlib import (expect, expect_status, expect_see_other, new_password, signup, signup_request,
                     wait_new_mail)
from test_events import open_stream, session_client, key_hash, _sql_text, _psql_value, _new_code
from test_talk import _operator


# ---------------------------------------------------------------------------
# fixtures


def make_partner(s, name=None):
    """A partner made in SQL and a Client signed in as them: (client, email, id, name)."""
    email = unique_email("mem")
    name = name or "멤버" + secrets.token_hex(3)
    pid = int(_psql_value(s, "INSERT INTO partners (email, name, password_hash) VALUES (%s, %s, 'x') "
                             "RETURNING id" % (_sql_text(email), _sql_text(name))))
    return session_client(s, email), email, pid, name


def make_business(s, master_id, status="approved", kind="business"):
    """An account of kind whose master is master_id: (id, code, name)."""
    for _ in range(5):
        code, name = _new_code(), "멤" + secrets.token_hex(4)
        try:
            aid = int(_psql_value(s, (
                "WITH c AS (INSERT INTO account_codes (code) VALUES (%s) RETURNING code), "
                "a AS (INSERT INTO accounts (code, kind, name, category1, status, brn) "
                "SELECT code, %s, %s, 'food', %s, %s FROM c RETURNING id) "
                "INSERT INTO members (account_id, partner_id, role) SELECT a.id, %d, 'master' FROM a "
                "RETURNING account_id") % (_sql_text(code), _sql_text(kind), _sql_text(name),
                                           _sql_text(status),
                                           "''" if kind == "personal" else "'1234567890'", master_id)))
        except Exception as e:  # noqa: BLE001 (a code drawn twice: try another)
            if "duplicate key" in str(e):
                continue
            raise
        return aid, code, name
    raise AssertionError("could not draw a free account code")


def add_manager(s, account_id, partner_id):
    s.psql("INSERT INTO members (account_id, partner_id, role) VALUES (%d, %d, 'manager')"
           % (account_id, partner_id))


class Team:
    """A business account with a master and managers, each a signed-in Client."""

    def __init__(self, s, managers=2, kind="business"):
        self.s = s
        self.master, self.master_email, self.master_id, self.master_name = make_partner(s, "마스터" + secrets.token_hex(2))
        self.id, self.code, self.name = make_business(s, self.master_id, kind=kind)
        self.managers = []
        for _ in range(managers):
            c, email, pid, name = make_partner(s)
            add_manager(s, self.id, pid)
            self.managers.append((c, email, pid, name))

    @property
    def page(self):
        return "/a/%s/members" % self.code

    def roles(self):
        """{partner id: role} of the account's members."""
        out = self.s.psql("SELECT partner_id, role FROM members WHERE account_id = %d" % self.id)
        return {int(p): r for p, r in (line.split("\t") for line in out.strip().splitlines())}

    def masters(self):
        return int(_psql_value(self.s, "SELECT count(*) FROM members WHERE account_id = %d AND role = 'master'"
                                       % self.id))

    def history(self, action=None):
        """[(action, partner_id, target, before, after)] of the members menu, oldest first."""
        where = "" if action is None else " AND action = %s" % _sql_text(action)
        out = self.s.psql("SELECT action, coalesce(partner_id, 0), target, before, after FROM account_history "
                          "WHERE account_id = %d AND menu = 'members'%s ORDER BY id" % (self.id, where))
        return [tuple(line.split("\t")) for line in out.strip("\n").splitlines() if line]

    def invitations(self):
        out = self.s.psql("SELECT email FROM member_invitations WHERE account_id = %d ORDER BY id" % self.id)
        return [line for line in out.strip().splitlines() if line]


def notices(s, partner_id, kind=None):
    """[(kind, account_name, who, unread)] of a partner, newest first."""
    where = "" if kind is None else " AND kind = %s" % _sql_text(kind)
    out = s.psql("SELECT kind, account_name, who, read_at IS NULL FROM notifications WHERE partner_id = %d%s "
                 "ORDER BY id DESC" % (partner_id, where))
    return [tuple(line.split("\t")) for line in out.strip().splitlines() if line]


def invite(team, email):
    """The master invites email through the page; returns the mailed path /invitations/TOKEN."""
    return invite_as(team.s, team.master, team.code, email)


def invite_as(s, c, code, email):
    """Member c invites email to account code; returns the mailed path /invitations/TOKEN."""
    page = "/a/%s/members" % code
    before = set(s.mail_files())
    r = c.submit(page, page + "/invite", {"email": email})
    expect_see_other(r, page, what="POST %s/invite" % page)
    mail = wait_new_mail(s, email, before)
    m = re.search(r"https?://[^\s/]+(/invitations/[A-Za-z0-9_-]+)", mail)
    expect(m, "the invitation mail to %s has no /invitations/ link: %r" % (email, mail[-400:]))
    _last_invitation["mail"] = mail
    return m.group(1)


_last_invitation = {}


def act(c, team, path):
    """POST a member action from the members page (as its confirmation page's form does)."""
    r = c.get(team.page)
    expect_status(r, 200, what="GET %s" % team.page)
    return c.post(path, {})


def accept(c, link):
    r = c.get(link)
    if r.status != 200:
        return r
    return c.post(link, {})


# ---------------------------------------------------------------------------
# the page


def test_members_page_lists_members_roles_and_dates(s):
    t = Team(s, managers=1)
    r = t.master.get(t.page)
    expect_status(r, 200, what="GET the members page as the master")
    for name in (t.master_name, t.managers[0][3]):
        expect(name in r.text, "the members page does not list %s" % name, r)
    expect(r.text.count('data-role="master"') == 1 and r.text.count('data-role="manager"') == 1,
           "the page does not show one master and one manager", r)
    expect("마스터 위임" in r.text and "내보내기" in r.text, "the master sees no 마스터 위임 / 내보내기", r)
    expect('/delegate"' in r.text and '/remove"' in r.text, "the master has no delegate / remove forms", r)
    expect(re.search(r"\d{4}-\d\d-\d\d", r.text), "no joining date on the members page", r)
    m = t.managers[0][0].get(t.page)
    expect_status(m, 200, what="GET the members page as a manager")
    expect('/delegate"' not in m.text and '/remove"' not in m.text, "a manager is offered master-only actions", m)
    expect("나가기" in m.text, "a manager is not offered 나가기", m)
    outsider, _, _, _ = make_partner(s)
    expect_status(outsider.get(t.page), 404, what="GET the members page as a non-member")


# ---------------------------------------------------------------------------
# invitations (MEM-1)


def test_invitation_accepted_once_by_the_invited_partner(s):
    t = Team(s, managers=0)
    invitee, email, pid, name = make_partner(s)
    link = invite(t, email)
    mail = _last_invitation["mail"]
    expect(t.name in mail and t.master_name in mail,
           "the invitation mail names neither the account %r nor who invited (%r): %r"
           % (t.name, t.master_name, mail[-500:]))
    token = link.rsplit("/", 1)[1]
    expect(_psql_value(s, "SELECT count(*) FROM member_invitations WHERE token_hash = %s" % _sql_text(token)) == "0"
           and _psql_value(s, "SELECT count(*) FROM member_invitations WHERE token_hash = %s"
                           % _sql_text(key_hash(token))) == "1",
           "the invitation is not stored as the hash of the mailed token")
    expect(t.history("member_invite") == [("member_invite", str(t.master_id), email, "", "")],
           "no history row for the invitation: %r" % t.history())
    r = t.master.get(t.page)
    expect(email in r.text, "the pending invitation is not listed", r)
    # signed out: sign in or sign up first
    r = Client(s).get(link)
    expect_status(r, 200, what="GET the invitation link signed out")
    expect('href="/login?next=' in r.text and 'href="/signup?next=' in r.text,
           "the signed-out page offers no sign-in/up", r)
    # another partner signed in: a clear refusal, and nothing changes
    other, _, other_id, _ = make_partner(s)
    r = other.get(link)
    expect_status(r, 403, what="GET the invitation link as another partner")
    expect("다른 이메일" in r.text, "the refusal does not say the invitation is for another address", r)
    r = other.post(link, {})
    expect_status(r, 403, what="POST the invitation link as another partner")
    expect(other_id not in t.roles(), "another partner joined through the link")
    # the invited partner joins as a manager
    r = accept(invitee, link)
    expect_see_other(r, t.page, what="POST the invitation link as the invitee")
    expect(t.roles().get(pid) == "manager", "the invitee is not a manager: %r" % t.roles())
    expect(t.invitations() == [], "the used invitation is still pending")
    expect(t.history("member_join") == [("member_join", str(pid), name, "", "")],
           "no history row for the acceptance: %r" % t.history())
    expect([n[0] for n in notices(s, t.master_id)] == ["member_joined"],
           "the master was not notified of the acceptance: %r" % notices(s, t.master_id))
    # reused: refused, and nothing more is written
    count = len(t.history())
    for c in (invitee, other):
        expect_status(c.get(link), 404, what="GET a used invitation link")
        expect_status(c.post(link, {}), 404, what="POST a used invitation link")
    expect(len(t.history()) == count, "a refused acceptance wrote history")


def test_invitation_expires_after_seven_days(s):
    t = Team(s, managers=0)
    invitee, email, pid, _ = make_partner(s)
    link = invite(t, email)
    s.psql("UPDATE member_invitations SET created_at = now() - interval '7 days 1 second' "
           "WHERE account_id = %d" % t.id)
    expect_status(invitee.get(link), 404, what="GET an invitation link 7 days + 1 s old")
    expect_status(invitee.post(link, {}), 404, what="POST an invitation link 7 days + 1 s old")
    expect(pid not in t.roles(), "an expired invitation let the invitee join")
    # to a visitor without a session, a gone link says only that: no "sign in to accept"
    r = Client(s).get(link)
    expect_status(r, 404, what="GET an expired invitation link signed out")
    expect("초대받은 이메일로 로그인하거나" not in r.text and "돌아와 수락할 수" not in r.text,
           "a gone invitation still offers to sign in and accept", r)
    expect(t.history("member_join") == [], "an expired invitation wrote history")
    r = t.master.get(t.page)
    expect("기간 만료" in r.text, "the expired invitation is not marked so on the page", r)
    # the same link a little before its end still works
    s.psql("UPDATE member_invitations SET created_at = now() - interval '7 days' + interval '1 minute' "
           "WHERE account_id = %d" % t.id)
    expect_see_other(accept(invitee, link), t.page, what="accept an invitation a minute before its end")


def test_invitation_cancelled(s):
    t = Team(s, managers=1)
    invitee, email, pid, _ = make_partner(s)
    link = invite(t, email)
    inv_id = int(_psql_value(s, "SELECT id FROM member_invitations WHERE account_id = %d" % t.id))
    manager = t.managers[0][0]  # any member may cancel
    r = manager.submit(t.page, "%s/invitations/%d/cancel" % (t.page, inv_id), {"confirm": "1"})
    expect_see_other(r, t.page, what="cancel an invitation as a manager")
    expect(t.invitations() == [], "the cancelled invitation is still pending")
    expect(t.history("member_invite_cancel") == [("member_invite_cancel", str(t.managers[0][2]), email, "", "")],
           "no history row for the cancellation: %r" % t.history())
    expect_status(invitee.get(link), 404, what="GET a cancelled invitation link")
    expect_status(invitee.post(link, {}), 404, what="POST a cancelled invitation link")
    expect(pid not in t.roles(), "a cancelled invitation let the invitee join")
    count = len(t.history())
    r = manager.submit(t.page, "%s/invitations/%d/cancel" % (t.page, inv_id), {"confirm": "1"})
    expect_status(r, 404, what="cancel the same invitation again")
    expect(len(t.history()) == count, "a refused cancellation wrote history")


def test_invitation_superseded_by_a_new_one(s):
    t = Team(s, managers=0)
    invitee, email, pid, _ = make_partner(s)
    first = invite(t, email)
    second = invite(t, email.upper())
    expect(first != second, "inviting again mailed the same link")
    expect(len(t.invitations()) == 1, "inviting the same address twice left %d invitations" % len(t.invitations()))
    expect_status(invitee.get(first), 404, what="GET the superseded invitation link")
    expect_status(invitee.post(first, {}), 404, what="POST the superseded invitation link")
    expect(pid not in t.roles(), "the superseded link let the invitee join")
    expect_see_other(accept(invitee, second), t.page, what="accept the newer invitation")
    expect(t.roles().get(pid) == "manager", "the newer invitation did not make a manager")


def test_inviting_a_member_is_refused(s):
    t = Team(s, managers=1)
    count = len(t.history())
    r = t.master.submit(t.page, t.page + "/invite", {"email": t.managers[0][1]})
    expect_status(r, 422, what="invite an address that is already a member")
    expect(t.invitations() == [] and len(t.history()) == count, "a refused invitation was stored or recorded")
    # said next to the address, and at the top of the page (a phone's first screen)
    expect(re.search(r'id="invite-email"[^>]*aria-invalid="true"', r.text)
           and 'class="form-summary"' in r.text, "the refusal is not said next to the address", r)
    r = t.master.submit(t.page, t.page + "/invite", {"email": t.master_email})
    expect_status(r, 422, what="invite yourself")
    expect(re.search(r'id="invite-email"[^>]*aria-invalid="true"', r.text), "inviting yourself is not said next to the address", r)


# ---------------------------------------------------------------------------
# roles (MEM-3, 4)


def test_manager_gets_403_on_every_master_only_action(s):
    t = Team(s, managers=2)
    a, _, a_id, _ = t.managers[0]
    b_id = t.managers[1][2]
    roles, history = t.roles(), t.history()
    for path in ("/%d/remove" % b_id, "/%d/remove" % t.master_id, "/%d/delegate" % b_id,
                 "/%d/delegate" % a_id):
        expect_status(a.get(t.page + path), 403, what="GET %s (its confirmation) as a manager" % path)
        r = a.submit(t.page, t.page + path, {})
        expect_status(r, 403, what="POST %s as a manager" % path)
    expect(t.roles() == roles, "a manager's refused action changed the members: %r" % t.roles())
    expect(t.history() == history, "a manager's refused action wrote history")


def test_master_cannot_leave_or_be_removed_and_personal_accounts_keep_their_master(s):
    t = Team(s, managers=1)
    roles, history = t.roles(), t.history()
    r = act(t.master, t, t.page + "/leave")
    expect_status(r, 422, what="the master leaves")
    expect("위임" in r.text, "the refusal does not say to delegate first", r)
    r = act(t.master, t, "%s/%d/remove" % (t.page, t.master_id))
    expect_status(r, 422, what="the master removes themselves")
    r = act(t.master, t, "%s/%d/delegate" % (t.page, t.master_id))
    expect_status(r, 422, what="the master delegates to themselves")
    expect(t.roles() == roles and t.history() == history, "a refused action changed something")
    p = Team(s, managers=1, kind="personal")
    r = act(p.master, p, "%s/%d/delegate" % (p.page, p.managers[0][2]))
    expect_status(r, 422, what="delegate in a personal account")
    expect(p.roles()[p.master_id] == "master" and p.history() == [], "a personal account's master changed")
    expect('/delegate"' not in p.master.get(p.page).text, "a personal account offers 마스터 위임")


def test_destructive_actions_ask_for_confirmation_first(s):
    """The members page links each role change to a confirmation page (GET) whose form
    posts the change; opening it changes nothing."""
    t = Team(s, managers=2)
    a, _, a_id, a_name = t.managers[0]
    roles = t.roles()
    for c, path in ((t.master, "/%d/remove" % a_id), (t.master, "/%d/delegate" % a_id), (a, "/leave")):
        page = c.get(t.page)
        expect('href="%s%s"' % (t.page, path) in page.text, "the members page has no link to %s" % path, page)
        expect('action="%s%s"' % (t.page, path) not in page.text,
               "the members page posts %s without asking first" % path, page)
        r = c.get(t.page + path)
        expect_status(r, 200, what="GET the confirmation of %s" % path)
        expect('method="post" action="%s%s"' % (t.page, path) in r.text,
               "the confirmation of %s has no form posting it" % path, r)
    expect(a_name in t.master.get("%s/%d/remove" % (t.page, a_id)).text, "the confirmation does not name the member")
    expect(t.roles() == roles and t.history() == [], "opening a confirmation changed something")


def test_remove_leave_and_delegate_write_history_and_notify(s):
    t = Team(s, managers=3)
    (a, _, a_id, a_name), (b, _, b_id, b_name), (c, _, c_id, c_name) = t.managers
    # removal: at once (MEM-5)
    expect_status(a.get("/a/%s/" % t.code), 200, what="a manager's account home before removal")
    r = act(t.master, t, "%s/%d/remove" % (t.page, a_id))
    expect_see_other(r, t.page, what="the master removes a manager")
    expect(a_id not in t.roles(), "the removed manager is still a member")
    expect_status(a.get("/a/%s/" % t.code), 404, what="the removed manager's next request")
    expect_status(a.get(t.page), 404, what="the removed manager's members page")
    expect(t.history("member_remove") == [("member_remove", str(t.master_id), a_name, "", "")],
           "no history row for the removal: %r" % t.history())
    expect([n[0] for n in notices(s, a_id)] == ["removed_you"], "the removed manager was not notified")
    expect(notices(s, b_id, "member_removed")[0][2] == a_name, "the other managers were not told of the removal")
    expect(notices(s, t.master_id, "member_removed") == [], "the master was notified of their own removal")
    # leaving
    r = act(b, t, t.page + "/leave")
    expect_see_other(r, "/accounts", what="a manager leaves")
    expect(b_id not in t.roles(), "the manager who left is still a member")
    expect_status(b.get("/a/%s/" % t.code), 404, what="the next request of the manager who left")
    expect(t.history("member_leave") == [("member_leave", str(b_id), b_name, "", "")],
           "no history row for leaving: %r" % t.history())
    expect(notices(s, t.master_id, "member_left")[0][2] == b_name, "the master was not told of the leaving")
    # delegation (MEM-4)
    r = act(t.master, t, "%s/%d/delegate" % (t.page, c_id))
    expect_see_other(r, t.page, what="the master delegates to a manager")
    expect(t.roles() == {t.master_id: "manager", c_id: "master"}, "roles after delegation: %r" % t.roles())
    expect(t.history("master_delegate") == [("master_delegate", str(t.master_id), c_name, t.master_name, c_name)],
           "no history row for the delegation: %r" % t.history())
    expect(notices(s, c_id, "master_delegated")[0][2] == c_name, "the new master was not notified")
    # the former master is a manager now: master-only actions are refused
    r = t.master.submit(t.page, "%s/%d/remove" % (t.page, c_id), {})
    expect_status(r, 403, what="the former master removes the new master")
    r = act(t.master, t, t.page + "/leave")
    expect_see_other(r, "/accounts", what="the former master leaves")


def _race(t, jobs):
    """Runs jobs [(client, path)] at once, each a POST after its own GET."""
    for c, _ in jobs:
        expect_status(c.get(t.page), 200, what="GET the members page before the race")
    start = threading.Barrier(len(jobs))
    statuses = [None] * len(jobs)

    def run(i, c, path):
        start.wait()
        try:
            statuses[i] = c.post(path, {}).status
        except Exception as e:  # noqa: BLE001
            statuses[i] = repr(e)

    threads = [threading.Thread(target=run, args=(i, c, p)) for i, (c, p) in enumerate(jobs)]
    for th in threads:
        th.start()
    for th in threads:
        th.join(60)
    return statuses


def test_parallel_delegations_and_removals_leave_one_master(s):
    for _ in range(2):
        t = Team(s, managers=4)
        ids = [m[2] for m in t.managers]
        emails = [m[1] for m in t.managers]
        jobs = []
        for i in range(20):
            target = ids[i % 4]
            if i % 5 == 4:  # a manager who may have become master acts too
                who = session_client(s, emails[(i + 1) % 4])
                jobs.append((who, "%s/%d/%s" % (t.page, ids[(i + 2) % 4], "delegate" if i % 2 else "remove")))
            else:
                who = session_client(s, t.master_email)
                jobs.append((who, "%s/%d/%s" % (t.page, target, "delegate" if i % 2 else "remove")))
        statuses = _race(t, jobs)
        expect(all(st in (303, 403, 404, 422) for st in statuses), "unexpected answers in the race: %r" % statuses)
        expect(t.masters() == 1, "the race left %d masters: %r (answers %r)" % (t.masters(), t.roles(), statuses))
        done = sum(1 for st in statuses if st == 303)
        changes = len(t.history("master_delegate")) + len(t.history("member_remove"))
        expect(done == changes, "%d actions succeeded but %d history rows were written" % (done, changes))
        expect(done >= 1, "no action of the race succeeded: %r" % statuses)
        # replayed in order, every change was made by the master of that moment
        names = {t.master_id: t.master_name}
        names.update({m[2]: m[3] for m in t.managers})
        master = t.master_name
        for action, actor, target, _, _ in t.history():
            expect(names.get(int(actor)) == master, "%s of %s was made by %s while %s was the master"
                   % (action, target, names.get(int(actor)), master))
            if action == "master_delegate":
                master = target


def test_role_is_read_again_under_the_account_lock(s):
    """A request that began while its partner was the master, and waited for the account's
    row while the role was handed over, is judged by the role after the wait: 403."""
    t = Team(s, managers=2)
    (_, _, a_id, _), (_, _, b_id, _) = t.managers
    expect_status(t.master.get(t.page), 200, what="GET the members page")
    holder = threading.Thread(target=s.psql, args=(
        "BEGIN; SELECT 1 FROM accounts WHERE id = %d FOR UPDATE; SELECT pg_sleep(3); "
        "UPDATE members SET role = 'manager' WHERE account_id = %d AND partner_id = %d; "
        "UPDATE members SET role = 'master' WHERE account_id = %d AND partner_id = %d; COMMIT"
        % (t.id, t.id, t.master_id, t.id, a_id),))
    holder.start()
    # the SQL holds the row (and sleeps) before the request asks for it
    deadline = time.monotonic() + 30
    while _psql_value(s, "SELECT count(*) FROM pg_stat_activity WHERE wait_event = 'PgSleep'") == "0":
        expect(time.monotonic() < deadline, "the SQL holding the account's row did not start")
        time.sleep(0.05)
    r = t.master.post("%s/%d/remove" % (t.page, b_id), {})
    holder.join()
    expect_status(r, 403, what="remove, by a master who stopped being one while waiting for the lock")
    expect(t.roles() == {t.master_id: "manager", a_id: "master", b_id: "manager"},
           "the waiting request changed the members: %r" % t.roles())
    expect(t.history() == [], "the refused request wrote history")


def test_removed_member_stream_ends_and_others_stay(s):
    t = Team(s, managers=2)
    (a, _, a_id, _), (b, _, _, _) = t.managers
    path = "/events/a/%s" % t.code
    gone, stays = open_stream(s, a, path), open_stream(s, b, path)
    try:
        expect(gone.status == 200 and gone.wait_started(), "the manager's stream did not open")
        expect(stays.status == 200 and stays.wait_started(), "the other manager's stream did not open")
        began = time.monotonic()
        r = act(t.master, t, "%s/%d/remove" % (t.page, a_id))
        expect_see_other(r, t.page, what="remove the manager with an open stream")
        expect(gone.closed.wait(5), "the removed member's stream did not end")
        print("# removed member's stream ended %.0f ms after the POST began" % ((time.monotonic() - began) * 1000))
        expect(not stays.closed.wait(0.5), "another member's stream ended with the removed one's")
    finally:
        gone.close()
        stays.close()
    expect_status(a.get(path), 404, what="the removed member opens the stream again")


# ---------------------------------------------------------------------------
# notifications (LOG-3)


def _badge(r):
    m = re.search(r'data-notices>(\d+)<', r.text)
    return int(m.group(1)) if m else 0


def test_notifications_page_header_count_and_review_result(s):
    master, email, pid, _ = make_partner(s)
    aid, code, name = make_business(s, pid, status="pending")
    expect(_badge(master.get("/accounts")) == 0, "a header shows unread notifications before any")
    op = _operator(s)
    r = op.get("/ops/accounts")
    expect_status(r, 200, what="GET /ops/accounts")
    expect_status(op.post("/ops/accounts/%s/approve" % code, {}), 303, what="approve the account")
    expect(notices(s, pid) == [("review_approved", name, "", "t")], "no review notification: %r" % notices(s, pid))
    for page in ("/accounts", "/settings", "/a/%s/" % code, "/a/%s/members" % code):
        expect(_badge(master.get(page)) == 1, "the header of %s does not count 1 unread notification" % page,
               master.last)
    r = master.get("/notifications")
    expect_status(r, 200, what="GET /notifications")
    expect(name in r.text and "승인" in r.text, "the notification is not listed", r)
    expect(_badge(r) == 0, "the notifications page still counts them unread", r)
    expect(notices(s, pid)[0][3] == "f", "opening the list did not mark the notification read")
    expect(_badge(master.get("/accounts")) == 0, "the header still counts a read notification")
    # the latest 100 are kept
    s.psql("INSERT INTO notifications (partner_id, kind, account_id, who) SELECT %d, 'member_left', %d, 'x' || n "
           "FROM generate_series(1, 100) n" % (pid, aid))
    invitee, inv_email, _, inv_name = make_partner(s)
    r = accept(invitee, invite_as(s, master, code, inv_email))
    expect_see_other(r, "/a/%s/members" % code, what="accept an invitation")
    kept = notices(s, pid)
    expect(len(kept) == 100 and kept[0][:3] == ("member_joined", name, inv_name),
           "after 101 notifications %d are kept, newest %r" % (len(kept), kept[:1]))
    expect(_badge(master.get("/accounts")) == 100, "the header does not count 100 unread notifications")
    expect_status(Client(s).get("/notifications"), 303, what="GET /notifications signed out")


# ---------------------------------------------------------------------------
# follow-ups: the limit of members, coming back to the invitation after signing in


def test_max_members_enforced_at_invite_and_at_accept(s):
    """At most max_members (config, 100 by default) members: the account is filled up to
    one below the limit in SQL (the shared stack's limit is not lowered); two invitations
    go out, the first acceptance fills it, then a third invitation is refused (nothing
    stored or mailed) and the second acceptance is refused with the page's message (the
    invitation stays pending); after a removal it is accepted."""
    limit = int(s.conf().get("max_members", "100"))
    t = Team(s, managers=0)
    s.psql("WITH p AS (INSERT INTO partners (email, name, password_hash) "
           "SELECT 'fill-' || %d || '-' || g || '@example.com', '채움' || g, 'x' "
           "FROM generate_series(1, %d) g RETURNING id) "
           "INSERT INTO members (account_id, partner_id, role) SELECT %d, id, 'manager' FROM p"
           % (t.id, limit - 2, t.id))
    expect(len(t.roles()) == limit - 1, "the account has %d members, not %d" % (len(t.roles()), limit - 1))
    first, first_email, first_id, _ = make_partner(s)
    second, second_email, second_id, _ = make_partner(s)
    first_link, second_link = invite(t, first_email), invite(t, second_email)
    expect_see_other(accept(first, first_link), t.page, what="the acceptance that fills the account")
    expect(len(t.roles()) == limit, "the account does not have %d members" % limit)
    third_email = "third-%s@example.com" % secrets.token_hex(4)
    before = set(s.mail_files())
    r = t.master.submit(t.page, t.page + "/invite", {"email": third_email})
    expect_status(r, 422, what="inviting into a full account")
    expect("최대 인원" in r.text, "the refusal does not say the account is full", r)
    expect(third_email not in t.invitations(), "an invitation was stored for a full account")
    expect(not any(third_email in open(p, encoding="utf-8", errors="replace").read()
                   for p in set(s.mail_files()) - before), "an invitation was mailed for a full account")
    expect(not t.history("member_invite") or all(h[2] != third_email for h in t.history("member_invite")),
           "a refused invitation was written in the history")
    r = second.get(second_link)
    expect_status(r, 200, what="GET the second invitation")
    r = second.post(second_link, {})
    expect_status(r, 422, what="accepting into a full account")
    expect("최대 인원" in r.text, "the refused acceptance does not say the account is full", r)
    expect(second_id not in t.roles() and second_email in t.invitations(),
           "the refused acceptance joined or spent the invitation")
    s.psql("DELETE FROM members WHERE account_id = %d AND partner_id = %d" % (t.id, first_id))
    expect_see_other(accept(second, second_link), t.page, what="accepting after a member left")
    expect(len(t.roles()) == limit, "the account has %d members after the second acceptance" % len(t.roles()))


def _signed_out_invitee(s):
    """A team, an invitee's address and its mailed link, and a signed-out client on the
    invitation page: (team, email, link, client, page)."""
    t = Team(s, managers=0)
    email = unique_email("back")
    link = invite(t, email)
    c = Client(s)
    r = c.get(link)
    expect_status(r, 200, what="GET the invitation signed out")
    return t, email, link, c, r


def test_invitee_signing_up_comes_back_to_the_invitation(s):
    """The signed-out invitation page's sign-up link carries next=/invitations/TOKEN; the
    mailed sign-up link keeps it, and confirming it lands on the invitation."""
    t, email, link, c, r = _signed_out_invitee(s)
    quoted = urllib.parse.quote(link, safe="")
    expect('href="/signup?next=%s"' % quoted in r.text and 'href="/login?next=%s"' % quoted in r.text,
           "the invitation page's sign-in/up links do not come back to it", r)
    r = c.get("/signup?next=" + quoted)
    expect_status(r, 200, what="GET /signup?next=")
    expect('name="next" value="%s"' % link in r.text, "the sign-up form does not keep next", r)
    fields = {"email": email, "password": new_password(), "name": "초대받은 분", "agree_terms": "1",
              "agree_age": "1", "next": link}
    mail = signup_request(s, c, fields)
    m = re.search(r"https?://[^\s/]+(/signup/confirm/[A-Za-z0-9_-]+\?next=[A-Za-z0-9%_.~-]+)", mail)
    expect(m, "the sign-up mail's link does not carry next: %r" % mail[-600:])
    path = m.group(1)
    r = c.get(path)
    expect_status(r, 200, what="GET the mailed sign-up link")
    r = c.post(path.split("?")[0], {"next": link})
    expect_see_other(r, link, what="confirming the sign-up from an invitation")
    r = accept(c, link)
    expect_see_other(r, t.page, what="accepting after signing up")


def test_invitee_signing_in_comes_back_to_the_invitation(s):
    """Signing in from the invitation page lands on it; next outside the site is refused
    (to /accounts) at log-in, at sign-up confirmation and on GET when signed in."""
    t, email, link, c, r = _signed_out_invitee(s)
    password = new_password()
    c2, _, _ = signup(s, email=email, password=password)
    quoted = urllib.parse.quote(link, safe="")
    r = c.get("/login?next=" + quoted)
    expect_status(r, 200, what="GET /login?next=")
    expect('name="next" value="%s"' % link in r.text, "the log-in form does not keep next", r)
    r = c.post("/login", {"email": email, "password": password, "next": link})
    expect_see_other(r, link, what="signing in from an invitation")
    expect_see_other(c.get("/login?next=" + quoted), link, what="GET /login?next= signed in")
    for evil in ("//evil.example", "https://evil.example", "/\\evil", "/\\/evil.example", "http:evil"):
        o = Client(s)
        o.get("/login?next=" + urllib.parse.quote(evil, safe=""))
        r = o.post("/login", {"email": email, "password": password, "next": evil})
        expect_see_other(r, "/accounts", what="log-in with next=%r" % evil)
        expect_see_other(o.get("/signup?next=" + urllib.parse.quote(evil, safe="")), "/accounts",
                         what="GET /signup?next=%r signed in" % evil)
        o = Client(s)
        r = o.get("/signup?next=" + urllib.parse.quote(evil, safe=""))
        expect('name="next" value=""' in r.text, "the sign-up form keeps next=%r" % evil, r)
