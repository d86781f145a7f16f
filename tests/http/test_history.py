"""HTTP tests of the account history (SPEC LOG-1, LOG-2; issue 10): every change a member
makes in the account, profile, inbox, hours and FAQ programs writes exactly one entry
(one per room for bulk actions) with its author, in the change's transaction, and a
refused change (bad input, another account's id, a manager on a master-only action)
writes none; /a/CODE/history lists entries newest first with menu, member and period
filters and keyset pages without duplicates or gaps; /a/CODE/history.csv downloads the
filtered entries as CSV with a byte-order mark and formula cells neutralised; the
programs' database role cannot UPDATE or DELETE an entry.
"""

import csv
import datetime
import html
import io
import re
import secrets

from client import File
from test_db_roles import _app
from test_inbox import Agent, Customer, one, png_bytes, sql_text
from testlib import expect, expect_see_other, expect_status

_state = {}


def team(s):
    """(master, manager): an approved account of master's, manager a member of it."""
    if "team" not in _state:
        master, manager = Agent(s, name="마스터 " + secrets.token_hex(2)), Agent(s)
        master.add_member(manager)
        _state["team"] = (master, manager)
    return _state["team"]


def last_id(s, a):
    return int(one(s, "SELECT coalesce(max(id), 0) FROM account_history WHERE account_id = %s"
                   % a.account_id))


def entries_since(s, a, since):
    """The entries of a's account after id since, oldest first, as dicts."""
    out = s.psql("SELECT id, coalesce(partner_id, 0), menu, action, "
                 "replace(target, E'\\n', ' '), replace(before, E'\\n', ' '), "
                 "replace(after, E'\\n', ' ') FROM account_history "
                 "WHERE account_id = %s AND id > %d ORDER BY id" % (a.account_id, since))
    rows = []
    for line in out.splitlines():
        if not line:
            continue
        parts = line.split("\t")
        parts += [""] * (7 - len(parts))
        rows.append(dict(id=int(parts[0]), partner=parts[1], menu=parts[2], action=parts[3],
                         target=parts[4], before=parts[5], after=parts[6]))
    return rows


class Recorder:
    """Checks that one change wrote the entries expected of it."""

    def __init__(self, s, a):
        self.s, self.a = s, a

    def check(self, what, do, menu, action, author, count=1, target=None, before=None,
              after=None):
        since = last_id(self.s, self.a)
        r = do()
        expect(r.status in (200, 303), "%s answered %d" % (what, r.status), r)
        got = entries_since(self.s, self.a, since)
        expect(len(got) == count, "%s wrote %d history entries, not %d: %r"
               % (what, len(got), count, got))
        for e in got:
            expect((e["menu"], e["action"]) == (menu, action),
                   "%s was recorded as %s/%s, not %s/%s" % (what, e["menu"], e["action"], menu,
                                                          action))
            expect(e["partner"] == str(author.partner_id),
                   "%s was recorded for partner %s, not its author %s"
                   % (what, e["partner"], author.partner_id))
            for name, want in (("target", target), ("before", before), ("after", after)):
                expect(want is None or want in e[name],
                       "%s: the entry's %s %r lacks %r" % (what, name, e[name], want))
        return got


def manager_csrf(m, a):
    r = m.client.get(a.base + "/chats")
    expect_status(r, 200, what="the manager opens the master's inbox")
    return r.csrf()


def room(s, a, name=""):
    c = Customer(s, a, name=name)
    c.send("안녕하세요 " + secrets.token_hex(2))
    return c.room


def first_id(page, pattern):
    m = re.search(pattern, page)
    expect(m is not None, "no match for %s" % pattern)
    return int(m.group(1))


# ---------------------------------------------------------------------------
# LOG-1: every change is recorded with its author


def test_account_and_inbox_changes_are_recorded(s):
    a, m = team(s)
    rec = Recorder(s, a)
    rec.check("the switches", lambda: a.post("/switches", {"home_public": "1", "chat_on": "1"}),
              "settings", "switches", a)
    new_name = "히스토리" + secrets.token_hex(2)
    old_name = one(s, "SELECT name FROM accounts WHERE id = %s" % a.account_id)
    rec.check("the profile", lambda: a.client.post_multipart(
        a.base + "/profile", {"name": new_name, "intro": "소개", "category1": "shopping"},
        {"profile_image": File("p.png", png_bytes(), "image/png")}, csrf=a.csrf),
        "profile", "profile", a, target=old_name, before=old_name, after=new_name)
    # a category is recorded in the member's words, not by its code
    r = a.client.post_multipart(a.base + "/profile", {"name": new_name, "intro": "소개", "category1": "food"},
                                {}, csrf=a.csrf)
    expect_status(r, 303, what="change the profile's category")
    changed = one(s, "SELECT before || ' > ' || after FROM account_history WHERE account_id = %s "
                     "AND action = 'profile' ORDER BY id DESC LIMIT 1" % a.account_id)
    expect("음식점/식품" in changed and "food" not in changed,
           "the profile's history names the category by its code: %r" % changed)
    rec.check("the session timeout", lambda: a.post("/chats/settings",
                                                    {"session_timeout_minutes": "90"}),
              "settings", "session_timeout", a, after="90")
    label = "라벨" + secrets.token_hex(2)
    rec.check("a new label", lambda: a.post("/labels", {"name": label, "color": "#e53935"}),
              "labels", "create", a, target=label)
    label_id = int(one(s, "SELECT id FROM labels WHERE account_id = %s AND name = %s"
                       % (a.account_id, sql_text(label))))
    rec.check("a renamed label", lambda: a.post("/labels/%d" % label_id,
                                                {"name": label + "b", "color": "#1e88e5"}),
              "labels", "update", a, target=label, before=label, after=label + "b")
    group = "그룹" + secrets.token_hex(2)
    rec.check("a new friend group", lambda: a.post("/groups", {"name": group}),
              "groups", "create", a, target=group)
    group_id = int(one(s, "SELECT id FROM friend_groups WHERE account_id = %s AND name = %s"
                       % (a.account_id, sql_text(group))))
    r1 = room(s, a, name="손님" + secrets.token_hex(2))
    r2 = room(s, a)
    rec.check("a room's name", lambda: a.post("/chats/%d/rename" % r1, {"name": "단골"}),
              "chat", "rename", a, after="단골")
    rec.check("a room's memo", lambda: a.post("/chats/%d/memo" % r1, {"memo": "메모 내용"}),
              "chat", "memo", a, target="단골", after="메모 내용")
    rec.check("a room's labels", lambda: a.post("/chats/%d/labels" % r1,
                                                {"label": str(label_id)}),
              "chat", "labels", a, target="단골", after=label + "b")
    rec.check("completing a room", lambda: a.post("/chats/%d/complete" % r1, {}),
              "chat", "complete", a, target="단골")
    # the manager acts too: the entries name the manager
    m.csrf = manager_csrf(m, a)
    mpost = lambda path, fields: m.client.post(a.base + path, fields, csrf=m.csrf)  # noqa: E731
    rooms = [("room", str(r1)), ("room", str(r2))]
    rec.check("bulk assign", lambda: mpost("/chats/bulk", [("action", "assign"),
                                                           ("assignee", str(m.partner_id))] + rooms),
              "chat", "assign", m, count=2, after=m.name)
    rec.check("bulk important", lambda: mpost("/chats/bulk", [("action", "important")] + rooms),
              "chat", "important", m, count=2)
    rec.check("bulk group", lambda: mpost("/chats/bulk", [("action", "group"),
                                                          ("group", str(group_id))] + rooms),
              "chat", "group", m, count=2, after=group)
    rec.check("bulk block", lambda: mpost("/chats/bulk", [("action", "block"), ("room", str(r2))]),
              "chat", "block", m)
    rec.check("bulk unblock", lambda: mpost("/chats/bulk", [("action", "unblock"),
                                                            ("room", str(r2))]),
              "chat", "unblock", m)
    rec.check("bulk complete", lambda: mpost("/chats/bulk", [("action", "complete"),
                                                             ("room", str(r2))]),
              "chat", "complete", m)
    rec.check("bulk leave", lambda: mpost("/chats/bulk", [("action", "leave"), ("room", str(r2))]),
              "chat", "leave", m)
    rec.check("deleting a label", lambda: a.post("/labels/%d/delete" % label_id, {"confirm": "1"}),
              "labels", "delete", a, target=label + "b")
    rec.check("deleting a group", lambda: a.post("/groups/%d/delete" % group_id, {"confirm": "1"}),
              "groups", "delete", a, target=group)
    rec.check("scheduling the deletion", lambda: a.post("/delete", {"confirm": "1"}),
              "settings", "account_delete", a)
    rec.check("cancelling the deletion", lambda: a.post("/delete/cancel", {}),
              "settings", "account_delete_cancel", a)


def hours_fields():
    # outside_hours accept: the module's shared team account takes customers'
    # messages later on (room()), whatever the time of day the suite runs at
    fields = {"timezone": "Asia/Seoul", "outside_hours": "accept"}
    for i, day in enumerate(("mon", "tue", "wed", "thu", "fri", "sat", "sun")):
        if i < 5:
            fields[day + "_open"] = "1"
        fields[day + "_start"] = "10:00"
        fields[day + "_end"] = "19:00"
    return fields


def test_hours_and_faq_changes_are_recorded(s):
    a, _ = team(s)
    rec = Recorder(s, a)
    rec.check("the hours", lambda: a.post("/hours", hours_fields()), "hours", "hours", a,
              after="10:00-19:00")
    day = (datetime.date.today() + datetime.timedelta(days=30)).isoformat()
    rec.check("a holiday", lambda: a.post("/hours/holidays", {"start": day, "end": day}),
              "hours", "holiday_add", a, target=day)
    holiday = int(one(s, "SELECT id FROM holidays WHERE account_id = %s" % a.account_id))
    rec.check("deleting a holiday", lambda: a.post("/hours/holidays/%d/delete" % holiday,
                                                   {"confirm": "1"}),
              "hours", "holiday_delete", a, target=day)
    rec.check("the automatic messages", lambda: a.post("/hours/messages",
                                                       {"away_message": "자리에 없습니다"}),
              "hours", "messages", a, after="자리에 없습니다")
    rec.check("a FAQ entry", lambda: a.client.post_multipart(
        a.base + "/faq", {"question": "배송은?", "answer": "이틀", "link": ""}, None, csrf=a.csrf),
        "faq", "faq_create", a, target="배송은?")
    faq = int(one(s, "SELECT id FROM faq_entries WHERE account_id = %s" % a.account_id))
    rec.check("an edited FAQ entry", lambda: a.client.post_multipart(
        a.base + "/faq/%d" % faq, {"question": "배송은?", "answer": "사흘", "link": ""}, None,
        csrf=a.csrf), "faq", "faq_update", a, before="이틀", after="사흘")
    rec.check("publishing the FAQ", lambda: a.post("/faq/publish", {}), "faq", "faq_publish", a)
    rec.check("deleting a FAQ entry", lambda: a.post("/faq/%d/delete" % faq, {"confirm": "1"}),
              "faq", "faq_delete", a, target="배송은?")
    rec.check("a menu button", lambda: a.post("/menu", {"label": "가격", "response": "만 원"}),
              "faq", "menu_create", a, target="가격")
    button = int(one(s, "SELECT id FROM chat_menu_buttons WHERE account_id = %s" % a.account_id))
    rec.check("an edited button", lambda: a.post("/menu/%d" % button,
                                                 {"label": "가격표", "response": "만 원"}),
              "faq", "menu_update", a, before="가격", after="가격표")
    rec.check("deleting a button", lambda: a.post("/menu/%d/delete" % button, {"confirm": "1"}),
              "faq", "menu_delete", a, target="가격표")
    rec.check("a canned reply", lambda: a.post("/replies", {"title": "인사", "text": "반갑습니다"}),
              "faq", "reply_create", a, target="인사")
    reply = int(one(s, "SELECT id FROM canned_replies WHERE account_id = %s" % a.account_id))
    rec.check("an edited reply", lambda: a.post("/replies/%d" % reply,
                                                {"title": "인사", "text": "어서 오세요"}),
              "faq", "reply_update", a, after="어서 오세요")
    rec.check("deleting a reply", lambda: a.post("/replies/%d/delete" % reply, {"confirm": "1"}),
              "faq", "reply_delete", a, target="인사")
    rec.check("the request form", lambda: a.post("/request-form", {
        "on": "1", "question": "연락처?", "kind": "text", "choices": ""}),
        "faq", "request_form", a, after="연락처?")
    rec.check("a second question", lambda: a.post("/request-form", {
        "on": "1", "question": "주소?", "kind": "text", "choices": ""}),
        "faq", "request_form", a, after="주소?")
    question = int(one(s, "SELECT max(id) FROM request_questions WHERE account_id = %s"
                       % a.account_id))
    rec.check("moving a question", lambda: a.post("/request-form/%d/move" % question,
                                                  {"dir": "up"}),
              "faq", "request_move", a, target="주소?")
    rec.check("deleting a question", lambda: a.post("/request-form/%d/delete" % question,
                                                    {"confirm": "1"}),
              "faq", "request_delete", a, target="주소?")


def test_refused_changes_write_nothing(s):
    a, m = team(s)
    other = Agent(s)
    own_label = "남의" + secrets.token_hex(2)
    r = other.post("/labels", {"name": own_label, "color": "#e53935"})
    expect_see_other(r, other.base + "/labels", what="the other account's label")
    other_label = int(one(s, "SELECT id FROM labels WHERE account_id = %s" % other.account_id))
    r1 = room(s, a)
    since, since_other = last_id(s, a), last_id(s, other)
    m.csrf = manager_csrf(m, a)
    refusals = (
        ("an empty label name", lambda: a.post("/labels", {"name": "", "color": "#e53935"}), 422),
        ("a colour not offered", lambda: a.post("/labels", {"name": "x", "color": "#000000"}),
         422),
        ("a timeout out of range", lambda: a.post("/chats/settings",
                                                  {"session_timeout_minutes": "1"}), 422),
        ("a memo too long", lambda: a.post("/chats/%d/memo" % r1, {"memo": "가" * 1001}), 422),
        ("an unknown time zone", lambda: a.post("/hours", dict(hours_fields(),
                                                                timezone="Mars/Base")), 422),
        ("another account's label", lambda: a.post("/labels/%d" % other_label,
                                                    {"name": "빼앗기", "color": "#e53935"}), 404),
        ("deleting another account's label", lambda: a.post("/labels/%d/delete" % other_label,
                                                             {}), 404),
        ("another account's label on a room", lambda: a.post("/chats/%d/labels" % r1,
                                                             {"label": str(other_label)}), 422),
        ("renaming another account's room", lambda: other.post("/chats/%d/rename" % r1,
                                                               {"name": "남의 방"}), 404),
        ("assigning to a non-member", lambda: a.post("/chats/bulk", [
            ("action", "assign"), ("assignee", str(other.partner_id)), ("room", str(r1))]), 422),
        ("a manager deleting the account", lambda: m.client.post(
            a.base + "/delete", {"confirm": "1"}, csrf=m.csrf), 403),
        ("a manager resetting the account", lambda: m.client.post(
            a.base + "/reset", {"confirm": "1"}, csrf=m.csrf), 403),
    )
    for what, do, status in refusals:
        r = do()
        # master-only routes answer a manager 403 or, as today, 404 (route.c)
        expect_status(r, *((403, 404) if status == 403 else (status,)), what=what)
    got = entries_since(s, a, since) + entries_since(s, other, since_other)
    expect(not got, "refused changes wrote history entries: %r" % got)


# ---------------------------------------------------------------------------
# LOG-2: the page, its filters and pages, the download


def seed(s, account_id, count, at_sql, menu="labels", partner_id="NULL", name="seed",
         target_sql="'t' || g"):
    """count entries at at_sql (an SQL timestamptz expression of g), written as the owner."""
    s.psql("INSERT INTO account_history (account_id, partner_id, partner_name, at, menu, action, "
           "target) SELECT %s, %s, %s, %s, %s, 'create', %s FROM generate_series(1, %d) g"
           % (account_id, partner_id, sql_text(name), at_sql, sql_text(menu), target_sql, count))


def page_ids(text):
    return [int(x) for x in re.findall(r'<li class="history-entry" data-id="(\d+)"', text)]


def next_link(text):
    m = re.search(r'<a href="([^"]+)" class="next" rel="next"', text)
    return html.unescape(m.group(1)) if m else None


def walk(a, first):
    """Every entry id of the pages from first on, following the older-entries links."""
    ids, url, pages = [], first, 0
    while url is not None:
        r = a.client.get(url)
        expect_status(r, 200, what="GET " + url)
        expect("OFFSET" not in url and "offset" not in url, "a page link uses an offset: " + url)
        ids += page_ids(r.text)
        url = next_link(r.text)
        pages += 1
        expect(pages < 50, "the pages do not end")
    return ids, pages


def test_pages_are_keyset_without_duplicates_or_gaps(s):
    a = Agent(s)
    # 130 entries, many sharing one instant: the id breaks the ties
    seed(s, a.account_id, 60, "timestamptz '2026-03-01 12:00+09'")
    seed(s, a.account_id, 70, "timestamptz '2026-03-01 12:00+09' - g * interval '1 second'")
    want = [int(x) for x in s.psql("SELECT id FROM account_history WHERE account_id = %s "
                                   "ORDER BY at DESC, id DESC" % a.account_id).split()]
    ids, pages = walk(a, a.base + "/history")
    expect(pages == 3, "130 entries took %d pages, not 3 of 50" % pages)
    expect(ids == want, "the pages do not list every entry once, newest first: %d listed, "
           "%d distinct, %d stored" % (len(ids), len(set(ids)), len(want)))
    # an entry written while paging shows on the first page, not as a duplicate later
    r = a.get("/history")
    later = next_link(r.text)
    seed(s, a.account_id, 1, "now()")
    rest, _ = walk(a, later)
    expect(rest == want[50:], "a new entry moved the later pages")


def test_filters_by_menu_member_and_period(s):
    a, m = team(s)
    b = Agent(s)
    b.add_member(m)
    seed(s, b.account_id, 3, "timestamptz '2026-01-10 09:00+09'", menu="hours",
         partner_id=m.partner_id, name=m.name)
    seed(s, b.account_id, 4, "timestamptz '2026-01-20 09:00+09'", menu="faq",
         partner_id=b.partner_id, name=b.name)
    seed(s, b.account_id, 2, "timestamptz '2026-01-31 23:30+09'", menu="faq",
         partner_id=m.partner_id, name=m.name)

    def count(query):
        ids, _ = walk(b, b.base + "/history?" + query)
        return len(ids)

    expect(count("") == 9, "unfiltered: not 9 entries")
    expect(count("menu=faq") == 6, "menu=faq: not 6 entries")
    expect(count("member=%s" % m.partner_id) == 5, "the manager's: not 5 entries")
    expect(count("menu=faq&member=%s" % m.partner_id) == 2, "faq by the manager: not 2")
    expect(count("from=2026-01-15") == 6, "from 2026-01-15: not 6")
    # the account's day (Asia/Seoul): 23:30 on the 31st is in January
    expect(count("from=2026-01-20&to=2026-01-31") == 6, "20..31 January: not 6")
    expect(count("to=2026-01-19") == 3, "to 19 January: not 3")
    expect(count("menu=nonsense") == 9, "an unknown menu is not ignored")
    r = b.get("/history?menu=faq&member=%s" % m.partner_id)
    expect_status(r, 200, what="GET filtered history")
    expect(html.escape(m.name) in r.text or m.name in r.text, "the author's name is not shown", r)
    expect("FAQ" in r.text, "the menu's catalog word is not shown", r)
    # another account's member filter shows nothing of b's to a
    ids, _ = walk(a, a.base + "/history?member=%s" % b.partner_id)
    expect(not set(ids) & set(page_ids(b.get("/history").text)),
           "one account's page lists another account's entries")


HOSTILE_CELLS = ['=HYPERLINK("http://example.com/x","click")', "+1+2", "-3", "@SUM(A1)",
                 "\tlead", "\rcr"]


def test_csv_download_is_spreadsheet_safe(s):
    a = Agent(s)
    values = ", ".join("(%d, %s)" % (i, sql_text(v)) for i, v in enumerate(HOSTILE_CELLS))
    s.psql("INSERT INTO account_history (account_id, partner_name, at, menu, action, target, "
           "before, after) SELECT %s, '=cmd|calc', timestamptz '2026-02-01 10:00+09' "
           "+ v.i * interval '1 minute', 'chat', 'rename', v.t, 'a,\"b\"', E'two\\nlines' "
           "FROM (VALUES %s) v(i, t)" % (a.account_id, values))
    seed(s, a.account_id, 1100, "timestamptz '2026-01-01 10:00+09' + g * interval '1 second'",
         menu="faq")
    r = a.get("/history.csv?menu=chat")
    expect_status(r, 200, what="GET history.csv")
    expect((r.header("Content-Type") or "").startswith("text/csv"), "not text/csv", r)
    expect("attachment" in (r.header("Content-Disposition") or ""), "not an attachment", r)
    expect(r.body.startswith(b"\xef\xbb\xbf"), "the CSV has no byte-order mark")
    rows = list(csv.reader(io.StringIO(r.body.decode("utf-8-sig"), newline="")))
    expect(len(rows) == 1 + len(HOSTILE_CELLS), "%d rows, not a header and %d"
           % (len(rows), len(HOSTILE_CELLS)))
    targets = sorted(row[4] for row in rows[1:])
    expect(targets == sorted("'" + v for v in HOSTILE_CELLS),
           "formula cells are not neutralised with a leading apostrophe: %r" % targets)
    for row in rows[1:]:
        expect(row[1] == "'=cmd|calc", "the author cell is not neutralised: %r" % row[1])
        expect(row[5] == 'a,"b"' and row[6] == "two\nlines",
               "commas, quotes or line breaks did not survive: %r" % row[5:])
        expect(row[2] == "채팅", "the menu is not in the reader's words: %r" % row[2])
    # every entry, across many batches of the stream
    r = a.get("/history.csv")
    rows = list(csv.reader(io.StringIO(r.body.decode("utf-8-sig"), newline="")))
    expect(len(rows) == 1 + len(HOSTILE_CELLS) + 1100,
           "the full download has %d rows, not %d" % (len(rows), 1 + len(HOSTILE_CELLS) + 1100))
    r = a.get("/history.csv?from=2026-02-01&to=2026-02-01&menu=faq")
    rows = list(csv.reader(io.StringIO(r.body.decode("utf-8-sig"), newline="")))
    expect(len(rows) == 1, "the download does not follow the filter")


def test_history_is_members_only(s):
    a = Agent(s)
    other = Agent(s)
    for path in ("/history", "/history.csv"):
        r = other.client.get(a.base + path)
        expect(r.status == 404, "a non-member got %s with %d" % (path, r.status), r)


def test_app_role_cannot_change_or_remove_entries(s):
    a = Agent(s)
    seed(s, a.account_id, 1, "now()")
    for sql, what in (("UPDATE account_history SET target = 'x' WHERE account_id = %s",
                       "update"),
                      ("DELETE FROM account_history WHERE account_id = %s", "delete")):
        proc = _app(s, sql % a.account_id)
        expect(proc.returncode != 0 and "permission denied" in proc.stderr,
               "the programs' role could %s an entry: %r %r" % (what, proc.stdout, proc.stderr))
    expect(one(s, "SELECT count(*) FROM account_history WHERE account_id = %s AND target <> 'x'"
               % a.account_id) == "1", "the entry changed")
    proc = _app(s, "INSERT INTO account_history (account_id, menu, action) VALUES (%s, 'chat', "
                   "'rename')" % a.account_id)
    expect(proc.returncode == 0, "the programs' role cannot write an entry: %s" % proc.stderr)


def test_long_values_are_cut_not_refused(s):
    a = Agent(s)
    since = last_id(s, a)
    fields = {name: ("%s " % name) + "가" * 470 for name in (
        "away_message", "holiday_message", "welcome_message", "notice_message",
        "friend_thanks_message")}
    r = a.post("/hours/messages", fields)
    expect_see_other(r, a.base + "/hours/messages", what="five long automatic messages")
    got = one(s, "SELECT count(*) || ' ' || max(char_length(after)) FROM account_history "
                 "WHERE account_id = %s AND id > %d AND action = 'messages'" % (a.account_id, since))
    expect(got == "1 2000", "the entry of 2,500 characters of messages is not one cut at 2,000: "
           + got)


def test_a_change_whose_entry_fails_is_rolled_back(s):
    """The entry is written in the change's transaction: when writing it fails (here a
    trigger refuses it), the change is not kept either."""
    a = Agent(s)
    label = "전" + secrets.token_hex(3)
    r = a.post("/labels", {"name": label, "color": "#e53935"})
    expect_see_other(r, a.base + "/labels", what="a label")
    label_id = int(one(s, "SELECT id FROM labels WHERE account_id = %s" % a.account_id))
    refused = "후" + secrets.token_hex(3)
    fn = "history_refuse_" + secrets.token_hex(4)
    s.psql("CREATE FUNCTION %s() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN "
           "IF NEW.after LIKE '%s%%' THEN RAISE EXCEPTION 'refused by the test'; END IF; "
           "RETURN NEW; END $$; CREATE TRIGGER %s BEFORE INSERT ON account_history "
           "FOR EACH ROW EXECUTE FUNCTION %s()" % (fn, refused, fn, fn))
    try:
        r = a.post("/labels/%d" % label_id, {"name": refused, "color": "#e53935"},
                   expect_5xx=True)
        expect_status(r, 500, what="a rename whose history entry fails")
    finally:
        s.psql("DROP TRIGGER %s ON account_history; DROP FUNCTION %s()" % (fn, fn))
    name = one(s, "SELECT name FROM labels WHERE id = %d" % label_id)
    expect(name == label, "the label was renamed to %r although its entry failed" % name)


def test_hostile_text_is_inert(s):
    a = Agent(s)
    hostile = "<script>alert(1)</script>"
    s.psql("INSERT INTO account_history (account_id, partner_name, menu, action, target, before, "
           "after) VALUES (%s, %s, 'chat', %s, %s, %s, %s)"
           % (a.account_id, sql_text(hostile), sql_text("rename"), sql_text(hostile),
              sql_text(hostile + "\n2"), sql_text(hostile)))
    r = a.get("/history")
    expect_status(r, 200, what="GET history")
    expect(hostile not in r.text, "an entry's text reached the page unescaped", r)
    expect(r.text.count("&lt;script&gt;alert(1)&lt;/script&gt;") == 4,
           "the author, target, before and after are not each shown escaped", r)
