"""Issue 13 outside the agents' workspace: text in NFC (fields and file names,
one place for every program), the QR code's ref=qr and inflow sources in
words (CHAT-3), a rejected account corrected and resubmitted (ACC-3), the
customer's confirmations of unfriending and leaving and the timeline lines
they leave (CHAT-23), the unread mark customers see (CHAT-22), the operator's
home (OPS-2), the review page's words, the form error summary, and no
maxlength left in the templates this side owns."""

import glob
import json
import os
import re
import secrets
import shutil
import subprocess
import tempfile
import unicodedata

from client import Client, File
from testlib import Skip, expect, expect_status, expect_see_other, signup
from test_talk import new_account, Customer, PDF, _operator, _q, _sql, _count
from test_accounts import catalog, has_text

NFD = unicodedata.normalize("NFD", "견적서")
NFC = unicodedata.normalize("NFC", "견적서")


def _room(s, a, cust):
    return int(_q(s, "SELECT r.id FROM rooms r JOIN accounts a ON a.id = r.account_id "
                     "WHERE a.code = %s ORDER BY r.id DESC LIMIT 1" % _sql(a.code)))


def _agent_get(a, path):
    r = a.partner.get("/a/%s%s" % (a.code, path))
    expect_status(r, 200, what="GET /a/CODE%s" % path)
    return r


# ---------------------------------------------------------------------------
# text in NFC

def test_nfd_text_and_file_name_stored_nfc_and_found(s):
    """NFD Hangul, as a Mac sends it, is stored NFC as text and as a file name,
    and the inbox search for the NFC word finds the room."""
    expect(NFD != NFC, "the test needs a decomposed spelling")
    a = new_account(s)
    cust = Customer(s, a.code)
    word = "%s 문의 %s" % (NFD, secrets.token_hex(3))
    expect_see_other(cust.send(word), a.talk, what="a message typed in NFD")
    room = _room(s, a, cust)
    body = _q(s, "SELECT body FROM messages WHERE room_id = %d AND sender = 'customer'" % room)
    expect(body == unicodedata.normalize("NFC", word), "the message was stored as %r" % body)
    r = cust.send_file(File(NFD + ".pdf", PDF, "application/pdf"))
    expect_see_other(r, a.talk, what="a file named in NFD")
    name = _q(s, "SELECT display_name FROM attachments WHERE room_id = %d" % room)
    expect(name == NFC + ".pdf", "the file name was stored as %r (NFD kept?)" % name)
    r = _agent_get(a, "/chats?q=" + NFC)
    expect(re.search(r'/chats/%d[?"]' % room, r.text), "the search for %s does not find the room" % NFC, r)
    r = cust.open()
    expect((NFC + ".pdf") in r.text and (NFD + ".pdf") not in r.text,
           "the chat page shows the file name decomposed", r)


# ---------------------------------------------------------------------------
# inflow: ref=qr and words

def test_qr_code_carries_ref_qr(s):
    zbar = shutil.which("zbarimg")
    if not zbar:
        raise Skip("zbarimg (zbar-tools) is not installed")
    a = new_account(s, approve=False)
    r = a.partner.get("/a/%s/qr/600.png" % a.code)
    expect_status(r, 200, what="GET qr/600.png")
    folder = tempfile.mkdtemp(prefix="sdqr")
    try:
        path = os.path.join(folder, "qr.png")
        with open(path, "wb") as f:
            f.write(r.body)
        got = subprocess.run([zbar, "-q", "--raw", path], capture_output=True,
                             timeout=60).stdout.decode().strip()
    finally:
        shutil.rmtree(folder, ignore_errors=True)
    expect(got.endswith("/talk/%s?ref=qr" % a.code), "the QR code reads %r, without ref=qr" % got)


def test_inflow_sources_in_words(s):
    """The room summary names the source: QR 코드, 모바일 배너, PC 배너, 직접 방문;
    no internal code is shown."""
    a = new_account(s)
    for ref, key in (("qr", "inflow.qr"), ("banner_mobile", "inflow.banner_mobile"),
                     ("banner_pc", "inflow.banner_pc"), ("", "inflow.direct")):
        cust = Customer(s, a.code)
        cust.open("?ref=" + ref if ref else "")
        expect_see_other(cust.send("유입 " + (ref or "direct"), extra={"ref": ref}), a.talk,
                         what="first message from %r" % ref)
        room = _room(s, a, cust)
        expect(_q(s, "SELECT ref FROM rooms WHERE id = %d" % room) == ref, "ref not stored")
        r = _agent_get(a, "/chats/%d" % room)
        expect(has_text(r, catalog(s, key)), "the room does not say %s for ref %r"
               % (catalog(s, key), ref), r)
        if ref:
            expect(">%s<" % ref not in r.text, "the room shows the code %r" % ref, r)


# ---------------------------------------------------------------------------
# ACC-3: resubmission

def _reject(s, code, reason):
    op = _operator(s)
    op.get("/ops/accounts")
    r = op.post("/ops/accounts/%s/reject" % code, {"reason": reason})
    expect_status(r, 303, what="POST reject")


def test_rejected_account_corrected_and_resubmitted(s):
    a = new_account(s, approve=False)
    # not rejected: nothing to correct
    r = a.partner.get("/a/%s/review" % a.code)
    expect_see_other(r, "/a/%s/" % a.code, what="GET review of a pending account")
    reason = "사업자 정보가 필요합니다 " + secrets.token_hex(2)
    _reject(s, a.code, reason)
    r = a.partner.get("/a/%s/" % a.code)
    expect('href="/a/%s/review"' % a.code in r.text, "the rejected home has no way to resubmit", r)
    r = a.partner.get("/a/%s/review" % a.code)
    expect_status(r, 200, what="GET review of a rejected account")
    expect('value="%s"' % a.name in r.text, "the form is not filled with the registration", r)
    # errors keep what was typed
    r = a.partner.post("/a/%s/review" % a.code, {"kind": "personal", "name": "",
                                                 "category1": "food", "agree_terms": "1"})
    expect_status(r, 422, what="resubmission without a name")
    expect(_q(s, "SELECT status FROM accounts WHERE code = %s" % _sql(a.code)) == "rejected",
           "a refused resubmission changed the status")
    new_name = "고친상점 " + secrets.token_hex(3)
    r = a.partner.post("/a/%s/review" % a.code, {"kind": "personal", "name": new_name,
                                                 "category1": "food", "agree_terms": "1"})
    expect_see_other(r, "/a/%s/" % a.code, what="POST review")
    row = _q(s, "SELECT status || '|' || name || '|' || category1 FROM accounts WHERE code = %s"
             % _sql(a.code))
    expect(row == "pending|%s|food" % new_name, "after resubmission the account is %r" % row)
    actions = _q(s, "SELECT string_agg(r.action, ',' ORDER BY r.id) FROM account_reviews r "
                    "JOIN accounts a ON a.id = r.account_id WHERE a.code = %s" % _sql(a.code))
    expect(actions == "submitted,rejected,submitted", "the review history is %r" % actions)
    r = a.partner.get("/a/%s/" % a.code)
    expect(has_text(r, reason), "the home lost the rejection's reason", r)
    history = _count(s, "SELECT count(*) FROM account_history h JOIN accounts a "
                        "ON a.id = h.account_id WHERE a.code = %s AND h.action = 'resubmit'"
                     % _sql(a.code))
    expect(history == 1, "the resubmission is not in the account history")
    # once pending again it cannot be resubmitted twice
    r = a.partner.post("/a/%s/review" % a.code, {"kind": "personal", "name": new_name + "x",
                                                 "category1": "food", "agree_terms": "1"})
    expect(_q(s, "SELECT name FROM accounts WHERE code = %s" % _sql(a.code)) == new_name,
           "a pending account was changed through /review")


def _brn():
    """A random 10-digit registration number that passes the check digit."""
    digits = [int(c) for c in "%09d" % secrets.randbelow(10 ** 9)]
    weights = [1, 3, 7, 1, 3, 7, 1, 3, 5]
    total = sum(d * w for d, w in zip(digits, weights)) + digits[8] * 5 // 10
    return "".join(map(str, digits)) + str((10 - total % 10) % 10)


def test_operator_home_and_review_words(s):
    c, _, _ = signup(s)
    name = "검수상점 " + secrets.token_hex(3)
    brn = _brn()
    c.get("/accounts/new")
    r = c.post("/accounts/new", {"agree_terms": "1", "kind": "business", "name": name,
                                 "category1": "beauty", "brn": brn, "company": "상점 주식회사",
                                 "representative": "김대표"})
    expect(r.status == 303, "a business account was not created", r)
    op = _operator(s)
    r = op.get("/ops/")
    expect_status(r, 200, what="GET /ops/")
    waiting = _count(s, "SELECT count(*) FROM accounts WHERE status = 'pending'")
    oldest = _q(s, "SELECT name FROM accounts WHERE status = 'pending' ORDER BY created_at LIMIT 1")
    expect(re.search(r'<span class="count">%d</span>' % waiting, r.text),
           "the operator's home does not say %d accounts wait" % waiting, r)
    expect(has_text(r, oldest), "the operator's home does not list the oldest waiting account", r)
    expect('href="/ops/accounts"' in r.text, "the operator's home has no way to the reviews", r)
    r = op.get("/accounts")
    expect('href="/ops/"' in r.text and 'id="ops-waiting"' in r.text,
           "the operator's account list does not point to the reviews", r)
    r = op.get("/ops/accounts")
    expect(has_text(r, catalog(s, "category.beauty")), "the review page shows no category name", r)
    expect("<dd>beauty</dd>" not in r.text, "the review page shows the category code", r)
    formatted = "%s-%s-%s" % (brn[:3], brn[3:5], brn[5:])
    expect(formatted in r.text, "the registration number is not written %s" % formatted, r)


# ---------------------------------------------------------------------------
# CHAT-23: confirmations and timeline lines

def _customer_with_room(s, a):
    cust = Customer(s, a.code)
    expect_see_other(cust.send("안녕하세요 " + secrets.token_hex(2)), a.talk, what="first message")
    return cust, _room(s, a, cust)


def _friend(s, room):
    return _q(s, "SELECT c.is_friend FROM rooms r JOIN customers c ON c.id = r.customer_id "
                 "WHERE r.id = %d" % room)


def test_unfriend_and_leave_ask_first(s):
    a = new_account(s)
    cust, room = _customer_with_room(s, a)
    expect_see_other(cust.post("/friend"), a.talk, what="add friend")
    r = cust.open()
    expect(re.search(r'<form[^>]*action="%s/unfriend"[^>]*data-confirm=' % a.talk, r.text),
           "the unfriend form has no data-confirm for the script's dialog", r)
    expect('<main' in r.text, "the chat page has no main landmark", r)
    for path, question in (("/unfriend", "talk.confirm.unfriend.question"),
                           ("/leave", "talk.confirm.leave.question")):
        # as a browser without the script: no confirmed=1
        r = cust.c.post(a.talk + path, {}, csrf=cust.token)
        expect_status(r, 200, what="POST %s without confirmation" % path)
        expect(has_text(r, catalog(s, question)), "no question on the confirmation page", r)
        expect(re.search(r'name="confirmed" value="1"', r.text)
               and 'action="%s%s"' % (a.talk, path) in r.text,
               "the confirmation page has no confirming form", r)
        expect('href="%s"' % a.talk in r.text, "the confirmation page has no way back", r)
    expect(_friend(s, room) == "t", "an unconfirmed unfriend removed the friend")
    expect(_q(s, "SELECT customer_cleared_at IS NULL FROM rooms WHERE id = %d" % room) == "t",
           "an unconfirmed leave emptied the view")
    r = cust.c.post(a.talk + "/unfriend", {"confirmed": "1"}, csrf=cust.token)
    expect_see_other(r, a.talk, what="confirmed unfriend")
    expect(_friend(s, room) == "f", "a confirmed unfriend kept the friend")
    r = cust.c.post(a.talk + "/leave", {"confirmed": "1"}, csrf=cust.token)
    expect_see_other(r, a.talk, what="confirmed leave")
    expect(_q(s, "SELECT customer_cleared_at IS NOT NULL FROM rooms WHERE id = %d" % room) == "t",
           "a confirmed leave did not empty the view")


def test_timeline_lines_never_answer(s):
    """Becoming a friend, leaving and coming back leave lines agents see, the
    customer does not, and the room's status stays as the messages made it."""
    a = new_account(s)
    cust, room = _customer_with_room(s, a)
    expect_see_other(cust.post("/friend"), a.talk, what="add friend")
    expect(_q(s, "SELECT status FROM rooms WHERE id = %d" % room) == "unread",
           "the friend line changed the room's status")
    expect_see_other(cust.post("/leave"), a.talk, what="leave")
    expect_see_other(cust.send("다시 왔어요"), a.talk, what="write again")
    lines = _q(s, "SELECT string_agg(body, ',' ORDER BY id) FROM messages "
                  "WHERE room_id = %d AND kind = 'notice'" % room)
    expect(lines == "friend,left,returned", "the timeline lines are %r" % lines)
    expect(_q(s, "SELECT status FROM rooms WHERE id = %d" % room) == "unread",
           "after the lines the room is not unread")
    r = _agent_get(a, "/chats/%d" % room)
    for key in ("timeline.friend", "timeline.left", "timeline.returned"):
        expect(has_text(r, catalog(s, key)), "the room does not show %s" % key, r)
    # a second message after returning adds no second line
    expect_see_other(cust.send("또 씁니다"), a.talk, what="write once more")
    expect(_count(s, "SELECT count(*) FROM messages WHERE room_id = %d AND body = 'returned'"
                  % room) == 1, "a second 'returned' line")
    r = cust.open()
    expect(not has_text(r, catalog(s, "timeline.returned")) and ">returned<" not in r.text,
           "the customer sees the timeline line", r)


# ---------------------------------------------------------------------------
# CHAT-22: the unread mark

def test_unread_mark_until_an_agent_opens_the_room(s):
    a = new_account(s)
    cust, room = _customer_with_room(s, a)
    expect_see_other(cust.send("두 번째"), a.talk, what="second message")
    r = cust.open()
    expect(r.text.count('class="msg-unread"') == 2, "not two unread marks: %d"
           % r.text.count('class="msg-unread"'), r)
    r = cust.c.get(a.talk + "/read")
    expect_status(r, 200, what="GET read")
    expect(json.loads(r.text) == {"unread": 2}, "read state %r" % r.text, r)
    _agent_get(a, "/chats/%d" % room)
    r = cust.c.get(a.talk + "/read")
    expect(json.loads(r.text) == {"unread": 0}, "after the agent opened the room: %r" % r.text, r)
    r = cust.open()
    expect('class="msg-unread"' not in r.text, "the marks stay after the agent read", r)
    expect_see_other(cust.send("세 번째"), a.talk, what="third message")
    r = cust.open()
    expect(r.text.count('class="msg-unread"') == 1, "the new message has no single mark", r)
    # a stranger has no read state
    r = Client(s).get(a.talk + "/read")
    expect(json.loads(r.text) == {"unread": 0}, "a visitor without a room: %r" % r.text, r)


# ---------------------------------------------------------------------------
# forms and limits

def test_form_errors_summarised_and_linked(s):
    c = Client(s)
    c.get("/signup")
    r = c.post("/signup", {"email": "not-an-address", "password": "short", "name": ""})
    expect_status(r, 422, what="a sign-up with three errors")
    m = re.search(r'<div class="form-summary" id="form-summary"[^>]*>(.*?)</div>', r.text, re.S)
    expect(m and 'role="alert"' in m.group(0) and 'tabindex="-1"' in m.group(0),
           "no focusable error summary at the top", r)
    for field in ("email", "password", "name"):
        expect('href="#%s"' % field in m.group(1), "the summary has no link to %s" % field, r)
    expect(r.text.index('id="form-summary"') < r.text.index("<form method=\"post\" action=\"/signup\""),
           "the summary is not above the form", r)


def test_no_maxlength_outside_the_inbox(s):
    """Text fields carry data-maxlength (static/limits.js counts code points);
    maxlength counts UTF-16 units and cuts pasted text (issue 13)."""
    found = []
    for path in sorted(glob.glob(os.path.join(s.root, "templates", "*.tpl"))):
        if os.path.basename(path).startswith("page_inbox"):
            continue
        with open(path, encoding="utf-8") as f:
            for n, line in enumerate(f, 1):
                if re.search(r'(?<![-\w])maxlength=', line):
                    found.append("%s:%d" % (os.path.basename(path), n))
    expect(not found, "maxlength left in %s" % ", ".join(found))
    r = Client(s).get("/signup")
    expect('src="/static/limits.js"' in r.text, "the shared layout does not load limits.js", r)


def test_site_icon_is_served(s):
    """Browsers ask for /favicon.ico before any page names an icon; the pages name
    /static/favicon.svg. Both are there (no 404 in every browser's first visit)."""
    c = Client(s)
    r = c.get("/favicon.ico")
    expect_status(r, 200, what="GET /favicon.ico")
    expect(r.body[:4] == b"\0\0\1\0", "/favicon.ico is not an icon file", r)
    page = c.get("/login")
    icon = re.search(r'<link rel="icon" href="([^"]+)"', page.text)
    expect(icon is not None, "the sign-in page names no icon", page)
    r = c.get(icon.group(1))
    expect_status(r, 200, what="GET " + icon.group(1))
    expect(b"<svg" in r.body, "the named icon is not an SVG", r)


def test_terms_privacy_and_policy_can_be_read_before_agreeing(s):
    """Sign-up asks to agree to 이용약관 and 개인정보 처리방침, an account's creation to
    상담 계정 운영정책: each page is there, whole (no catalog key shown raw), in Korean and
    in English, and the forms link to them."""
    c = Client(s)
    page = c.get("/signup")
    expect('href="/terms"' in page.text and 'href="/privacy"' in page.text,
           "the sign-up form does not link to the terms and the privacy policy", page)
    for path, title, articles in (("/terms", "이용약관", 7), ("/privacy", "개인정보 처리방침", 7),
                                  ("/policy", "상담 계정 운영정책", 4)):
        r = c.get(path)
        expect_status(r, 200, what="GET " + path)
        expect("<h1>%s</h1>" % title in r.text, "%s has no title %s" % (path, title), r)
        expect(r.text.count("<h2>") == articles, "%s shows %d articles, not %d" % (path, r.text.count("<h2>"), articles), r)
        expect("legal." not in r.text, "%s shows a catalog key instead of its text" % path, r)
        r = c.get(path, headers={"Cookie": "sd_lang=en"}, send_cookies=False)
        expect('<html lang="en">' in r.text and "legal." not in r.text and r.text.count("<h2>") == articles,
               "%s in English lacks some text" % path, r)
