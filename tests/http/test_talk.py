"""The customers' chat page /talk/CODE (SPEC CHAT-1..7, CHAT-15, ACC-6, NF-1..4;
DESIGN section 10): page and cookie, inflow, messages and their limits, files,
leaving, friends, the account's switches, blocking, rate limits, parallel
customers, and that customers never see which member answered.

Needs an approved account: a partner signs up and creates one, and an operator
(made with bin/sangdamctl create-operator) approves it. Checks that reach past
HTTP use the stack's psql helper."""

import json
import os
import re
import secrets
import struct
import threading
import zlib

from client import Client, File, unique_email, html_lang, parse_inputs, input_value
from testlib import (expect, expect_status, expect_see_other, signup, login_ok, new_password,
                     expect_security_headers, expect_no_store, csp_directives)

# ---------------------------------------------------------------------------
# helpers

_cache = {}


def _sql(value):
    return "'" + str(value).replace("'", "''") + "'"


def _q(s, sql):
    return s.psql(sql).strip()


def _count(s, sql):
    return int(_q(s, sql) or "0")


def _operator(s):
    """A signed-in operator client (made once per stack)."""
    key = ("operator", s.var)
    if key not in _cache:
        email = unique_email("op")
        password = new_password()
        s.sangdamctl("create-operator", email, input_text=password + "\n")
        _cache[key] = login_ok(s, email, password)
    return _cache[key]


class Account:
    def __init__(self, partner, code, name, partner_name):
        self.partner = partner  # the master's signed-in client
        self.code = code
        self.name = name
        self.partner_name = partner_name

    @property
    def talk(self):
        return "/talk/" + self.code

    def switches(self, home_public, chat_on):
        r = self.partner.get("/a/%s/" % self.code)
        expect_status(r, 200, what="GET account home")
        fields = {}
        if home_public:
            fields["home_public"] = "1"
        if chat_on:
            fields["chat_on"] = "1"
        r = self.partner.post("/a/%s/switches" % self.code, fields)
        expect_status(r, 303, what="POST switches")


def new_account(s, approve=True):
    partner_name = "비밀상담원" + secrets.token_hex(3)
    c, _, _ = signup(s, name=partner_name)
    name = "톡상점 " + secrets.token_hex(4)
    r = c.get("/accounts/new")
    expect_status(r, 200, what="GET /accounts/new")
    r = c.post("/accounts/new", {"kind": "personal", "name": name, "category1": "shopping",
                                 "agree_terms": "1"})
    expect(r.status == 303 and re.match(r"^/a/[a-z0-9]{6}/$", r.location_path or ""),
           "POST /accounts/new did not send to /a/CODE/", r)
    code = r.location_path.split("/")[2]
    if approve:
        op = _operator(s)
        r = op.get("/ops/accounts")
        expect_status(r, 200, what="GET /ops/accounts")
        r = op.post("/ops/accounts/%s/approve" % code, {})
        expect_status(r, 303, what="POST approve")
        expect(_q(s, "SELECT status FROM accounts WHERE code = %s" % _sql(code)) == "approved",
               "the account was not approved")
    return Account(c, code, name, partner_name)


def shared_account(s):
    """One approved account for the tests that do not change it."""
    key = ("account", s.var)
    if key not in _cache:
        _cache[key] = new_account(s)
    return _cache[key]


class Customer:
    """A browser on the chat page: its own cookies and loopback address."""

    def __init__(self, s, code, client=None):
        self.s = s
        self.c = client or Client(s)
        self.code = code
        self.token = None
        self.page = None

    @property
    def path(self):
        return "/talk/" + self.code

    def open(self, query="", **kw):
        r = self.c.get(self.path + query, **kw)
        if r.status == 200:
            self.page = r
            self.token = r.csrf()
        return r

    def fields(self, text=None, client_id=None, extra=None):
        items = []
        if text is not None:
            items.append(("text", text))
        if client_id is not None:
            items.append(("client_id", client_id))
        for k, v in (extra or {}).items():
            items.append((k, v))
        return items

    def send(self, text=None, client_id=None, extra=None, headers=None, **kw):
        if self.token is None:
            self.open()
        return self.c.post(self.path + "/messages", self.fields(text, client_id, extra),
                           csrf=self.token, headers=headers, **kw)

    def send_file(self, file, text=None, client_id=None, extra=None, headers=None, **kw):
        if self.token is None:
            self.open()
        return self.c.post_multipart(self.path + "/messages", self.fields(text, client_id, extra),
                                     {"file": file}, csrf=self.token, headers=headers, **kw)

    def send_json(self, text=None, file=None, client_id=None, extra=None):
        """As talk.js does: multipart, Accept: application/json, token in X-CSRF-Token."""
        if self.token is None:
            self.open()
        return self.c.post_multipart(self.path + "/messages", self.fields(text, client_id, extra),
                                     {"file": file} if file else None, csrf=False,
                                     headers={"Accept": "application/json", "X-CSRF-Token": self.token})

    def post(self, suffix, fields=None):
        if self.token is None:
            self.open()
        fields = dict(fields or {})
        if suffix in ("/leave", "/unfriend"):  # past the question (CHAT-23)
            fields.setdefault("confirmed", "1")
        return self.c.post(self.path + suffix, fields, csrf=self.token)


def png_bytes(width=2, height=2):
    def chunk(kind, data):
        return (struct.pack(">I", len(data)) + kind + data
                + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF))
    raw = b"".join(b"\x00" + b"\xff\x80\x00" * width for _ in range(height))
    return (b"\x89PNG\r\n\x1a\n"
            + chunk(b"IHDR", struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0))
            + chunk(b"IDAT", zlib.compress(raw)) + chunk(b"IEND", b""))


PDF = (b"%PDF-1.4\n1 0 obj\n<< /Type /Catalog /Pages 2 0 R >>\nendobj\n"
       b"2 0 obj\n<< /Type /Pages /Kids [] /Count 0 >>\nendobj\n"
       b"trailer\n<< /Root 1 0 R >>\n%%EOF\n")


def messages_of_account(s, code):
    """Messages customers wrote (not the account's automatic ones, HOURS-4, 5)."""
    return _count(s, "SELECT count(*) FROM messages m JOIN accounts a ON a.id = m.account_id "
                     "WHERE a.code = %s AND m.sender = 'customer'" % _sql(code))


def room_of_body(s, body):
    """(room id, ref, referrer) of the room holding a message with BODY."""
    out = _q(s, "SELECT r.id, r.ref, r.referrer FROM rooms r JOIN messages m ON m.room_id = r.id "
                "WHERE m.body = %s" % _sql(body))
    expect(out, "no stored message %r" % body)
    expect(len(out.splitlines()) == 1, "message %r is stored %d times" % (body, len(out.splitlines())))
    room, ref, referrer = (out.split("\t") + ["", ""])[:3]
    return int(room), ref, referrer


def upload_files(s):
    count = 0
    for _, _, files in os.walk(os.path.join(s.var, "uploads")):
        count += len(files)
    return count


def has_input_box(page_text):
    inputs = parse_inputs(page_text).inputs
    return any(a.get("_tag") == "textarea" and a.get("name") == "text" for a in inputs)


def form_actions(page_text):
    return [f.get("action") for f in parse_inputs(page_text).forms]


def tag():
    return secrets.token_hex(6)


# ---------------------------------------------------------------------------
# the page


def test_page_sets_customer_cookie_and_is_korean(s):
    a = shared_account(s)
    cust = Customer(s, a.code)
    cust.c.default_headers["Accept-Language"] = "en-US,en;q=0.9"
    r = cust.open()
    expect_status(r, 200, what="GET /talk/CODE")
    cookie = cust.c.cookie("sd_customer")
    expect(cookie is not None and len(cookie.value) >= 40, "no long sd_customer cookie", r)
    expect(cookie.http_only, "the customer cookie is not HttpOnly", r)
    expect(cookie.expires is not None, "the customer cookie ends with the browser session", r)
    expect(html_lang(r.text) == "ko", "the chat page is not Korean", r)
    expect(re.search("[\uac00-\ud7a3]", r.text), "the chat page shows no Hangul", r)
    expect(a.name in r.text, "the page does not show the account name", r)
    expect(has_input_box(r.text), "no textarea named text", r)
    expect(any(x.get("type") == "file" and x.get("name") == "file" for x in parse_inputs(r.text).inputs),
           "no file input named file", r)
    expect(r.csrf(), "no csrf input", r)
    expect(input_value(r.text, "name") is not None, "no display-name input before the first message", r)
    cid = input_value(r.text, "client_id")
    expect(cid and re.match(r"^[A-Za-z0-9_-]{20,64}$", cid), "no usable client_id (%r)" % cid, r)
    expect('src="/static/talk.js"' in r.text, "talk.js is not loaded", r)
    expect(not re.search(r"<script\b(?![^>]*\bsrc=)[^>]*>", r.text, re.I), "inline script on the page", r)
    expect(not re.search(r"\son[a-z]+\s*=", r.text, re.I), "inline event handler on the page", r)
    # embeddable: frame-ancestors is not 'none', the rest of the headers as everywhere
    expect_security_headers(r, frame_ancestors=False)
    d = csp_directives(r.header("Content-Security-Policy"))
    expect(d.get("frame-ancestors") != ["'none'"], "the chat page cannot be framed", r)
    expect(r.header("X-Frame-Options") is None, "X-Frame-Options forbids framing", r)
    expect_no_store(r)
    # the same browser keeps its key
    r2 = cust.open()
    expect(cust.c.cookie("sd_customer").value == cookie.value, "the customer key changed on reload", r2)
    second = input_value(r2.text, "client_id")
    expect(second != cid, "client_id is not new on each page", r2)


def test_static_files_for_the_page(s):
    c = Client(s)
    for path, kind in (("/static/talk.js", "javascript"), ("/static/talk.css", "css")):
        r = c.get(path)
        expect_status(r, 200, what="GET " + path)
        expect(kind in (r.header("Content-Type") or ""), "%s has type %r" % (path, r.header("Content-Type")), r)


def test_unknown_code_404(s):
    c = Client(s)
    for path in ("/talk/zzzzzz", "/talk/zzzzzz/messages?after=0", "/talk/zzzzzz/files/1",
                 "/talk/zzzzzz/images/profile", "/talk/" + "a" * 300, "/talk/", "/talk/%s/" % shared_account(s).code):
        r = c.get(path)
        expect_status(r, 404, what="GET " + path)
    r = c.get(shared_account(s).talk)
    r = c.post("/talk/zzzzzz/messages", {"text": "hello"}, csrf=r.csrf())
    expect_status(r, 404, what="POST to an unknown code")


def test_methods(s):
    a = shared_account(s)
    c = Client(s)
    r = c.request("PUT", a.talk, body=b"", content_type="application/x-www-form-urlencoded")
    expect_status(r, 405, what="PUT /talk/CODE")
    r = c.request("DELETE", a.talk + "/messages", body=b"", content_type="application/x-www-form-urlencoded")
    expect_status(r, 405, what="DELETE /talk/CODE/messages")
    r = c.get(a.talk + "/leave")
    expect_status(r, 405, what="GET /talk/CODE/leave")


def test_pending_account_no_input_and_post_refused(s):
    a = new_account(s, approve=False)
    cust = Customer(s, a.code)
    r = cust.open()
    expect_status(r, 200, what="GET pending account's page")
    expect(not has_input_box(r.text), "a pending account's page has an input box", r)
    expect("준비" in r.text, "no 'not open yet' notice", r)
    expect(not any(x and x.endswith("/friend") for x in form_actions(r.text)), "friend button on a pending account", r)
    r = cust.send("안녕하세요 " + tag())
    expect_status(r, 403, what="POST to a pending account")
    expect("준비" in r.text, "the 403 page does not say why", r)
    r = cust.send_json("json " + tag())
    expect_status(r, 403, what="JSON POST to a pending account")
    expect("error" in json.loads(r.text), "no error in the JSON answer", r)
    r = cust.post("/friend")
    expect_status(r, 403, what="friend on a pending account")
    expect(messages_of_account(s, a.code) == 0, "a message was stored for a pending account")
    expect(_count(s, "SELECT count(*) FROM rooms r JOIN accounts a ON a.id = r.account_id WHERE a.code = %s"
                  % _sql(a.code)) == 0, "a room was created for a pending account")
    expect(Client(s).get(a.talk + "/images/profile").status == 404, "images of a pending account")


# ---------------------------------------------------------------------------
# messages


def test_first_message_creates_room_with_inflow(s):
    a = shared_account(s)
    cust = Customer(s, a.code)
    origin = "https://shop.example.com/item?id=5&x=%EA%B0%80"
    r = cust.open("?ref=banner_pc&from=" + re.sub(r"[&?=%]", lambda m: "%%%02X" % ord(m.group(0)), origin))
    expect_status(r, 200, what="GET with ref and from")
    expect(input_value(r.text, "ref") == "banner_pc", "hidden ref is %r" % input_value(r.text, "ref"), r)
    expect(input_value(r.text, "referrer") == origin,
           "hidden referrer is %r" % input_value(r.text, "referrer"), r)
    body = "첫 메시지 " + tag()
    r = cust.send(body, extra={"ref": "banner_pc", "referrer": origin, "name": "김고객"})
    expect_see_other(r, a.talk, what="POST first message")
    room, ref, referrer = room_of_body(s, body)
    expect(ref == "banner_pc", "stored ref is %r" % ref)
    expect(referrer == origin, "stored referrer is %r" % referrer)
    expect(_q(s, "SELECT c.display_name FROM customers c JOIN rooms r ON r.customer_id = c.id "
                 "WHERE r.id = %d" % room) == "김고객", "the display name was not stored")
    r = cust.open()
    expect(body in r.text, "the page does not show the message", r)
    expect(input_value(r.text, "name") is None, "the name field is still offered after the first message", r)
    # the second message keeps the first inflow and name
    r = cust.send("둘째 " + tag(), extra={"ref": "qr", "referrer": "https://other.example/", "name": "바꾼이름"})
    expect_see_other(r, a.talk, what="POST second message")
    out = _q(s, "SELECT r.ref, r.referrer, c.display_name FROM rooms r JOIN customers c ON c.id = r.customer_id "
                "WHERE r.id = %d" % room)
    expect(out == "banner_pc\t%s\t김고객" % origin, "the room's inflow or name changed: %r" % out)


def test_inflow_from_referer_and_bad_values_dropped(s):
    a = shared_account(s)
    cust = Customer(s, a.code)
    r = cust.open(headers={"Referer": "https://blog.example.org/post/1"})
    expect(input_value(r.text, "referrer") == "https://blog.example.org/post/1",
           "the Referer of another site is not carried", r)
    r = cust.open("?ref=%3Cscript%3E&from=javascript:alert(1)")
    expect(input_value(r.text, "ref") == "", "a bad ref is carried: %r" % input_value(r.text, "ref"), r)
    expect(input_value(r.text, "referrer") == "", "a javascript: from is carried", r)
    r = cust.open("?ref=" + "a" * 101)
    expect(input_value(r.text, "ref") == "", "a ref of 101 characters is carried", r)
    own = "http://127.0.0.1:%d/talk/%s" % (s.port, a.code)
    r = cust.open(headers={"Referer": own})
    expect(input_value(r.text, "referrer") == "", "our own page is carried as the referrer", r)
    # a tampered hidden field is dropped, not stored
    body = "변조 " + tag()
    r = cust.send(body, extra={"ref": "<b>x</b>", "referrer": "javascript:alert(1)"})
    expect_see_other(r, a.talk, what="POST with bad hidden fields")
    _, ref, referrer = room_of_body(s, body)
    expect(ref == "" and referrer == "", "bad inflow stored: %r %r" % (ref, referrer))


def test_returning_customer_same_room_other_cookie_other_room(s):
    a = shared_account(s)
    one = Customer(s, a.code)
    first, second = "하나 " + tag(), "둘 " + tag()
    expect_see_other(one.send(first), a.talk, what="first")
    expect_see_other(one.send(second), a.talk, what="second")
    room1, _, _ = room_of_body(s, first)
    room2, _, _ = room_of_body(s, second)
    expect(room1 == room2, "the same customer got two rooms")
    # a new browser holding the saved cookie continues too
    again = Customer(s, a.code, client=one.c.clone(same_address=False))
    third = "셋 " + tag()
    expect_see_other(again.send(third), a.talk, what="returning customer")
    expect(room_of_body(s, third)[0] == room1, "the returning customer got another room")
    r = again.open()
    for body in (first, second, third):
        expect(body in r.text, "returning customer does not see %r" % body, r)
    expect(r.text.index(first) < r.text.index(second) < r.text.index(third), "messages are not oldest first", r)
    other = Customer(s, a.code)
    fourth = "넷 " + tag()
    expect_see_other(other.send(fourth), a.talk, what="another customer")
    expect(room_of_body(s, fourth)[0] != room1, "another cookie shares the room")
    r = other.open()
    expect(first not in r.text, "another customer sees the first customer's messages", r)


def test_client_id_retry_stored_once(s):
    a = shared_account(s)
    cust = Customer(s, a.code)
    body = "재시도 " + tag()
    cid = cust.open() and input_value(cust.page.text, "client_id")
    for _ in range(3):
        expect_see_other(cust.send(body, client_id=cid), a.talk, what="POST with the same client_id")
    expect(_count(s, "SELECT count(*) FROM messages WHERE body = %s" % _sql(body)) == 1,
           "a retried post was stored more than once")
    body2 = "재시도 json " + tag()
    cid2 = secrets.token_urlsafe(32)
    for _ in range(2):
        r = cust.send_json(body2, client_id=cid2)
        expect_status(r, 200, what="JSON retry")
        expect(json.loads(r.text) == {"ok": True}, "JSON answer is %r" % r.text, r)
    expect(_count(s, "SELECT count(*) FROM messages WHERE body = %s" % _sql(body2)) == 1,
           "a retried JSON post was stored more than once")
    # a client id the database could not keep is ignored rather than refused
    body3 = "긴 아이디 " + tag()
    expect_see_other(cust.send(body3, client_id="a" * 90), a.talk, what="overlong client_id")
    expect(_count(s, "SELECT count(*) FROM messages WHERE body = %s" % _sql(body3)) == 1, "not stored")


def test_json_path(s):
    a = shared_account(s)
    cust = Customer(s, a.code)
    r = cust.send_json("json 경로 " + tag())
    expect_status(r, 200, what="JSON post")
    expect((r.header("Content-Type") or "").startswith("application/json"), "not application/json", r)
    expect(json.loads(r.text) == {"ok": True}, "answer is %r" % r.text, r)
    r = cust.send_json("   ")
    expect_status(r, 422, what="JSON empty post")
    expect((r.header("Content-Type") or "").startswith("application/json"), "not application/json", r)
    err = json.loads(r.text).get("error", "")
    expect(re.search("[\uac00-\ud7a3]", err), "the JSON error is not a Korean message: %r" % err, r)
    r = cust.send_json("x" * 1001)
    expect_status(r, 422, what="JSON 1001 characters")
    expect("1000" in json.loads(r.text).get("error", ""), "the error does not name the limit", r)
    # without the token the route refuses it
    r = cust.c.post_multipart(cust.path + "/messages", {"text": "no token"}, csrf=False,
                              headers={"Accept": "application/json"})
    expect_status(r, 403, what="JSON post without a token")


def test_hostile_text_escaped(s):
    a = shared_account(s)
    cust = Customer(s, a.code)
    hostile = "<script>alert(1)</script> & \"q\" 'a' " + tag()
    expect_see_other(cust.send(hostile), a.talk, what="hostile text")
    r = cust.open()
    expect("<script>alert(1)</script>" not in r.text, "hostile text comes back unescaped", r)
    expect("&lt;script&gt;alert(1)&lt;/script&gt;" in r.text, "hostile text not shown escaped", r)
    r = cust.c.get(cust.path + "/messages?after=0")
    expect_status(r, 200, what="fragment")
    expect("<script>" not in r.text and "&lt;script&gt;" in r.text, "fragment not escaped", r)


def test_text_limits(s):
    a = shared_account(s)
    cust = Customer(s, a.code)
    before = messages_of_account(s, a.code)
    long_text = "가" * 1001
    r = cust.send(long_text, extra={"name": "이름유지"})
    expect_status(r, 422, what="1001 characters")
    expect(has_input_box(r.text), "the 422 answer is not the page with its form", r)
    expect(long_text in r.text, "the typed text is not kept", r)
    expect("1000" in r.text, "the message does not name the limit", r)
    expect(input_value(r.text, "name") == "이름유지", "the typed name is not kept", r)
    for empty in ("", "   \r\n  "):
        r = cust.send(empty)
        expect_status(r, 422, what="empty text %r" % empty)
        expect(has_input_box(r.text), "the 422 answer is not the page", r)
    r = cust.send(None)
    expect_status(r, 422, what="no text field")
    expect(messages_of_account(s, a.code) == before, "a refused message was stored")
    r = cust.send("x", extra={"name": "이" * 21})
    expect_status(r, 422, what="a name of 21 characters")
    expect(messages_of_account(s, a.code) == before, "a message with a bad name was stored")
    # exactly 1000 characters, with a line break sent as CRLF (counted as one)
    exact = "a" * 500 + "\r\n" + tag() + "b" * (499 - 12)
    r = cust.send(exact)
    expect_see_other(r, a.talk, what="1000 characters with CRLF")
    stored = exact.replace("\r\n", "\n")
    expect(_count(s, "SELECT count(*) FROM messages WHERE body = %s" % _sql(stored)) == 1,
           "the 1000-character message was not stored with its line break")
    r = cust.send("\x01control")
    expect_status(r, 422, what="control character")


def test_csrf_required(s):
    a = shared_account(s)
    cust = Customer(s, a.code)
    cust.open()
    before = messages_of_account(s, a.code)
    r = cust.c.post(cust.path + "/messages", {"text": "no token"}, csrf=False)
    expect_status(r, 403, what="POST without csrf")
    r = cust.c.post(cust.path + "/messages", {"text": "bad token"}, csrf="x" * 43)
    expect_status(r, 403, what="POST with a wrong csrf")
    expect(messages_of_account(s, a.code) == before, "a message without a valid token was stored")


# ---------------------------------------------------------------------------
# files


def test_disguised_files_refused(s):
    a = shared_account(s)
    cust = Customer(s, a.code)
    before, files_before = messages_of_account(s, a.code), upload_files(s)
    cases = (
        File("shell.png", b"<?php system($_GET['c']); ?>\n", "image/png"),
        File("page.html", b"<!doctype html><html><body><script>alert(1)</script></body></html>", "text/html"),
        File("run.exe", b"MZ\x90\x00\x03\x00\x00\x00\x04\x00\x00\x00\xff\xff" + b"\x00" * 200, "application/octet-stream"),
        File("photo.jpg", b"<svg xmlns='http://www.w3.org/2000/svg'><script>alert(1)</script></svg>", "image/jpeg"),
    )
    for f in cases:
        r = cust.send_file(f, "파일 " + f.filename)
        expect_status(r, 422, what="upload %s" % f.filename)
        expect(has_input_box(r.text), "the refusal is not the page with its form", r)
        expect("형식" in r.text, "no clear message next to the file input", r)
        expect(("파일 " + f.filename) in r.text, "the typed text was not kept", r)
    r = cust.send_file(File("empty.png", b"", "image/png"), "빈 파일")
    expect_status(r, 422, what="empty file")
    r = cust.send_json(file=File("shell.png", b"<?php echo 1; ?>", "image/png"))
    expect_status(r, 422, what="JSON disguised file")
    expect("error" in json.loads(r.text), "no JSON error", r)
    expect(messages_of_account(s, a.code) == before, "a refused file made a message")
    expect(upload_files(s) == files_before, "a refused file was left in the upload folder")


def test_large_files(s):
    a = shared_account(s)
    cust = Customer(s, a.code)
    big = png_bytes() + b"\x00" * (11 * 1024 * 1024)
    r = cust.send_file(File("big.jpg", big, "image/jpeg"))
    expect_see_other(r, a.talk, what="an 11 MB image")
    mime = _q(s, "SELECT att.mime FROM attachments att JOIN accounts a ON a.id = att.account_id "
                 "WHERE a.code = %s AND att.size = %d" % (_sql(a.code), len(big)))
    expect(mime == "image/png", "the 11 MB image was stored as %r" % mime)
    before, files_before = messages_of_account(s, a.code), upload_files(s)
    huge = png_bytes() + b"\x00" * (21 * 1000 * 1000)
    r = cust.send_file(File("huge.png", huge, "image/png"))
    expect_status(r, 413, what="a 21 MB image")
    r = cust.send_file(File("over.png", png_bytes() + b"\x00" * (20 * 1024 * 1024 + 10), "image/png"))
    expect_status(r, 413, what="an image just over 20 MiB")
    expect(messages_of_account(s, a.code) == before, "a refused large file made a message")
    expect(upload_files(s) == files_before, "a refused large file was stored")


def test_file_size_in_the_same_words_on_both_sides(s):
    """The customer's file bubble gives the size as the agents' room does (1.5 KB, 17 B),
    not PostgreSQL's English ("1536 bytes", "2 kB")."""
    a = shared_account(s)
    cust = Customer(s, a.code)
    for name, data, want in (("작은.pdf", PDF, "%d B" % len(PDF)),
                             ("큰.pdf", PDF + b"%" * (1536 - len(PDF)), "1.5 KB")):
        expect_see_other(cust.send_file(File(name, data, "application/pdf")), a.talk, what="a PDF")
        page = cust.open()
        sizes = re.findall(r'<span class="msg-file-name">%s</span> <span class="msg-file-size">([^<]*)</span>'
                           % re.escape(name), page.text)
        expect(sizes == [want], "the chat page gives %s's size as %r, not %r" % (name, sizes, want), page)


def _attachment_ids(page_text, code):
    return re.findall(r"/talk/%s/files/(\d+)" % code, page_text)


def test_image_served_only_to_its_customer(s):
    a = shared_account(s)
    cust = Customer(s, a.code)
    image = png_bytes(3, 3)
    r = cust.send_file(File("사진.png", image, "image/png"), "사진 " + tag())
    expect_see_other(r, a.talk, what="image upload")
    r = cust.open()
    ids = _attachment_ids(r.text, a.code)
    expect(ids, "the page does not show the image", r)
    expect(re.search(r'<img[^>]+src="/talk/%s/files/%s"' % (a.code, ids[-1]), r.text), "the image is not inline", r)
    url = "%s/files/%s" % (cust.path, ids[-1])
    r = cust.c.get(url)
    expect_status(r, 200, what="GET own image")
    expect(r.body == image, "the served image differs from the upload", r)
    expect(r.header("Content-Type") == "image/png", "type %r" % r.header("Content-Type"), r)
    expect((r.header("X-Content-Type-Options") or "").lower() == "nosniff", "no nosniff", r)
    expect((r.header("Content-Disposition") or "").startswith("inline"), "image not inline", r)
    expect("sandbox" in (r.header("Content-Security-Policy") or ""), "no CSP sandbox on the file", r)
    other = Customer(s, a.code)
    other.open()
    expect_status(other.c.get(url), 404, what="another customer's image")
    expect_status(Client(s).get(url), 404, what="image without a cookie")
    b = new_account(s)
    thief = Customer(s, b.code, client=cust.c.clone())
    expect_status(thief.c.get("/talk/%s/files/%s" % (b.code, ids[-1])), 404, what="image through another account")
    expect_status(cust.c.get(cust.path + "/files/abc"), 404, what="bad file id")
    expect_status(cust.c.get(cust.path + "/files/99999999999"), 404, what="missing file id")


def test_pdf_served_as_attachment(s):
    a = shared_account(s)
    cust = Customer(s, a.code)
    name = "<img src=x onerror=alert(1)>견적서 2026.pdf"
    r = cust.send_file(File(name, PDF, "application/pdf"))
    expect_see_other(r, a.talk, what="pdf upload")
    r = cust.open()
    expect("<img src=x" not in r.text, "the file name is not escaped", r)
    expect("&lt;img src=x onerror=alert(1)&gt;견적서 2026.pdf" in r.text, "the file name is not shown", r)
    ids = _attachment_ids(r.text, a.code)
    expect(ids, "no download link", r)
    r = cust.c.get("%s/files/%s" % (cust.path, ids[-1]))
    expect_status(r, 200, what="GET pdf")
    expect(r.header("Content-Type") == "application/pdf", "type %r" % r.header("Content-Type"), r)
    disp = r.header("Content-Disposition") or ""
    expect(disp.startswith("attachment"), "pdf not served as attachment: %r" % disp, r)
    expect("filename*=UTF-8''" in disp and "%EA%B2%AC" in disp, "no UTF-8 file name: %r" % disp, r)
    expect(r.body == PDF, "the served pdf differs", r)
    txt = "메모,값\n하나,1\n".encode("utf-8")
    r = cust.send_file(File("memo.csv", txt, "text/csv"))
    expect_see_other(r, a.talk, what="csv upload")


# ---------------------------------------------------------------------------
# fragment for the live path


def test_fragment_after(s):
    a = shared_account(s)
    cust = Customer(s, a.code)
    r = cust.c.get(cust.path + "/messages?after=0")
    expect_status(r, 204, what="fragment before any message")
    first = "조각 " + tag()
    cust.send(first)
    r = cust.c.get(cust.path + "/messages?after=0")
    expect_status(r, 200, what="fragment")
    expect(first in r.text and "<html" not in r.text, "fragment is not just the messages", r)
    ids = [int(x) for x in re.findall(r'data-id="(\d+)"', r.text)]
    expect(ids, "fragment items carry no data-id", r)
    last = max(ids)
    expect_status(cust.c.get(cust.path + "/messages?after=%d" % last), 204, what="nothing new")
    second = "조각2 " + tag()
    cust.send(second)
    r = cust.c.get(cust.path + "/messages?after=%d" % last)
    expect_status(r, 200, what="fragment after")
    expect(second in r.text and first not in r.text, "fragment after ID has the wrong messages", r)
    page = cust.open()
    expect(page.text.count('data-last-id="') == 1, "no data-last-id on the page", page)
    expect_status(Client(s).get(cust.path + "/messages?after=0"), 204, what="fragment without cookie")
    other = Customer(s, a.code)
    other.open()
    expect_status(other.c.get(cust.path + "/messages?after=0"), 204, what="another customer's fragment")
    expect_status(cust.c.get(cust.path + "/messages?after=abc"), 400, what="after=abc")


# ---------------------------------------------------------------------------
# leaving, friends


def test_leave_empties_view(s):
    a = shared_account(s)
    cust = Customer(s, a.code)
    old = "나가기 전 " + tag()
    cust.send(old)
    room, _, _ = room_of_body(s, old)
    r = cust.open()
    expect(old in r.text and a.talk + "/leave" in form_actions(r.text), "no leave button", r)
    r = cust.post("/leave")
    expect_see_other(r, a.talk, what="POST leave")
    r = cust.open()
    expect(old not in r.text, "the view still shows the old message after leaving", r)
    expect(_count(s, "SELECT count(*) FROM messages WHERE body = %s" % _sql(old)) == 1,
           "leaving deleted the history")
    new = "다시 " + tag()
    cust.send(new)
    r = cust.open()
    expect(new in r.text and old not in r.text, "after writing again the view is wrong", r)
    expect(room_of_body(s, new)[0] == room, "writing again made another room")
    r = Customer(s, a.code).post("/leave")
    expect_see_other(r, a.talk, what="leave without a room")


def test_friend_add_remove(s):
    a = shared_account(s)
    cust = Customer(s, a.code)
    r = cust.open()
    expect(a.talk + "/friend" in form_actions(r.text), "no add-friend button", r)
    expect_see_other(cust.post("/friend"), a.talk, what="POST friend")
    body = "친구 " + tag()
    cust.send(body)
    room, _, _ = room_of_body(s, body)
    customer = "(SELECT customer_id FROM rooms WHERE id = %d)" % room
    expect(_q(s, "SELECT is_friend, friend_since IS NOT NULL FROM customers WHERE id = %s" % customer) == "t\tt",
           "not a friend after adding")
    r = cust.open()
    expect(a.talk + "/unfriend" in form_actions(r.text) and a.talk + "/friend" not in form_actions(r.text),
           "the page does not offer removing the friend", r)
    expect_see_other(cust.post("/unfriend"), a.talk, what="POST unfriend")
    expect(_q(s, "SELECT is_friend FROM customers WHERE id = %s" % customer) == "f", "still a friend")


# ---------------------------------------------------------------------------
# the account's switches, blocking


def test_home_public_off(s):
    a = new_account(s)
    cust = Customer(s, a.code)
    early = "공개 중 " + tag()
    cust.send(early)
    a.switches(home_public=False, chat_on=True)
    r = cust.open()
    expect_status(r, 200, what="GET with home hidden")
    expect("이용할 수 없는" in r.text, "no 'not available' notice", r)
    expect(not has_input_box(r.text), "an input box while the home is hidden", r)
    expect(not any(x and x.endswith("/friend") for x in form_actions(r.text)), "a friend button while hidden", r)
    before = messages_of_account(s, a.code)
    r = cust.send("숨김 중 " + tag())
    expect_status(r, 403, what="POST while hidden")
    expect("이용할 수 없는" in r.text, "the 403 does not say why", r)
    expect_status(cust.post("/friend"), 403, what="friend while hidden")
    expect(messages_of_account(s, a.code) == before, "a message was stored while hidden")
    expect_status(Client(s).get(a.talk + "/images/profile"), 404, what="image while hidden")
    expect_status(cust.c.get(cust.path + "/messages?after=0"), 204, what="fragment while hidden")


def test_chat_off_shows_history_without_input(s):
    a = new_account(s)
    cust = Customer(s, a.code)
    early = "채팅 켜짐 " + tag()
    cust.send(early)
    a.switches(home_public=True, chat_on=False)
    r = cust.open()
    expect(early in r.text, "history hidden while chat is off", r)
    expect(not has_input_box(r.text), "an input box while chat is off", r)
    expect("채팅 상담을 받지 않고" in r.text, "no chat-off notice", r)
    before = messages_of_account(s, a.code)
    expect_status(cust.send("꺼짐 " + tag()), 403, what="POST while chat is off")
    expect(messages_of_account(s, a.code) == before, "a message was stored while chat is off")
    a.switches(home_public=True, chat_on=True)
    expect(has_input_box(cust.open().text), "no input box after chat is on again")


def test_blocked_customer(s):
    a = shared_account(s)
    cust = Customer(s, a.code)
    body = "차단 전 " + tag()
    cust.send(body)
    room, _, _ = room_of_body(s, body)
    _q(s, "UPDATE customers SET blocked = true WHERE id = (SELECT customer_id FROM rooms WHERE id = %d)" % room)
    notice = "%s에 의해 차단된 사용자로 1:1 채팅을 할 수 없습니다." % a.name
    r = cust.open()
    expect(notice in r.text, "the page does not show the CHAT-7 notice", r)
    expect(not has_input_box(r.text), "a blocked customer gets an input box", r)
    before = _count(s, "SELECT count(*) FROM messages WHERE room_id = %d" % room)
    r = cust.send("차단 후 " + tag())
    expect_status(r, 403, what="blocked customer's post")
    expect(notice in r.text, "the refusal does not show the CHAT-7 notice", r)
    r = cust.send_json("차단 후 json " + tag())
    expect_status(r, 403, what="blocked customer's JSON post")
    expect(json.loads(r.text).get("error") == notice, "JSON error is %r" % r.text, r)
    r = cust.send_file(File("a.png", png_bytes(), "image/png"))
    expect_status(r, 403, what="blocked customer's image")
    expect(_count(s, "SELECT count(*) FROM messages WHERE room_id = %d" % room) == before,
           "a blocked customer's message was stored")
    expect(_count(s, "SELECT count(*) FROM attachments WHERE room_id = %d" % room) == 0,
           "a blocked customer's file was stored")
    expect_status(cust.post("/friend"), 403, what="blocked customer adds friend")


def test_rate_limit(s):
    a = shared_account(s)
    cust = Customer(s, a.code)
    limit = int(s.conf().get("talk_rate_customer", "20"))
    for i in range(limit):
        r = cust.send("빠르게 %d %s" % (i, tag()))
        expect_see_other(r, a.talk, what="post %d of %d" % (i + 1, limit))
    before = messages_of_account(s, a.code)
    r = cust.send("넘침 " + tag())
    expect_status(r, 429, what="post over the limit")
    expect("너무 빨리" in r.text and has_input_box(r.text), "the 429 page does not say why", r)
    r = cust.send_json("넘침 json " + tag())
    expect_status(r, 429, what="JSON post over the limit")
    expect("너무 빨리" in json.loads(r.text).get("error", ""), "JSON 429 without a message", r)
    expect(messages_of_account(s, a.code) == before, "a message over the limit was stored")
    other = Customer(s, a.code)
    expect_see_other(other.send("다른 고객 " + tag()), a.talk, what="another customer is not limited")


def test_parallel_customers(s):
    a = new_account(s)
    count, per = 8, 10
    errors = []
    customers = [Customer(s, a.code) for _ in range(count)]
    for cust in customers:
        cust.open()

    def run(n, cust):
        try:
            for i in range(per):
                cid = secrets.token_urlsafe(24)
                body = "동시 %d-%d" % (n, i)
                r = cust.send(body, client_id=cid)
                if r.status != 303:
                    errors.append("customer %d message %d: %d" % (n, i, r.status))
                if i % 2 == 0:  # a retry of the same post, as after a lost answer
                    r = cust.send(body, client_id=cid)
                    if r.status != 303:
                        errors.append("customer %d retry %d: %d" % (n, i, r.status))
        except Exception as e:  # noqa: BLE001
            errors.append("customer %d: %r" % (n, e))

    threads = [threading.Thread(target=run, args=(n, c)) for n, c in enumerate(customers)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(120)
    expect(not errors, "parallel posts failed: %s" % "; ".join(errors[:5]))
    code = _sql(a.code)
    total = messages_of_account(s, a.code)
    distinct = _count(s, "SELECT count(DISTINCT body) FROM messages m JOIN accounts a ON a.id = m.account_id "
                         "WHERE a.code = %s AND m.sender = 'customer'" % code)
    rooms = _count(s, "SELECT count(*) FROM rooms r JOIN accounts a ON a.id = r.account_id WHERE a.code = %s" % code)
    expect(total == count * per, "%d messages stored, not %d" % (total, count * per))
    expect(distinct == count * per, "duplicates among the messages (%d distinct)" % distinct)
    expect(rooms == count, "%d rooms, not %d" % (rooms, count))
    unread = _count(s, "SELECT sum(unread_count) FROM rooms r JOIN accounts a ON a.id = r.account_id "
                       "WHERE a.code = %s" % code)
    expect(unread == count * per, "unread counts add up to %d" % unread)
    for n, cust in enumerate(customers):
        r = cust.open()
        mine = re.findall(r"동시 (\d+)-\d+", r.text)
        expect(len(mine) == per and set(mine) == {str(n)}, "customer %d sees %r" % (n, sorted(set(mine))), r)


def test_agent_name_never_shown(s):
    a = new_account(s)
    cust = Customer(s, a.code)
    body = "상담원 확인 " + tag()
    cust.send(body)
    room, _, _ = room_of_body(s, body)
    reply = "답변드립니다 " + tag()
    _q(s, "INSERT INTO messages (account_id, room_id, sender, partner_id, kind, body) "
          "SELECT r.account_id, r.id, 'agent', m.partner_id, 'text', %s FROM rooms r "
          "JOIN members m ON m.account_id = r.account_id AND m.role = 'master' WHERE r.id = %d"
          % (_sql(reply), room))
    email = _q(s, "SELECT p.email FROM partners p JOIN members m ON m.partner_id = p.id "
                  "JOIN accounts a ON a.id = m.account_id WHERE a.code = %s" % _sql(a.code))
    r = cust.open()
    expect(reply in r.text, "the agent's reply is not shown", r)
    expect(a.partner_name not in r.text, "the member's name is shown to the customer", r)
    expect(email not in r.text, "the member's email is shown to the customer", r)
    sender = re.search(r'class="msg msg-theirs".*?class="msg-sender">([^<]*)<', r.text, re.S)
    expect(sender and sender.group(1) == a.name, "agent messages are not signed with the account name", r)
    r = cust.c.get(cust.path + "/messages?after=0")
    expect(reply in r.text and a.partner_name not in r.text, "the fragment shows the member's name", r)


def test_profile_images_on_the_page(s):
    a = new_account(s)
    r = a.partner.get("/a/%s/profile" % a.code)
    expect_status(r, 200, what="GET profile")
    image = png_bytes(4, 4)
    r = a.partner.post_multipart("/a/%s/profile" % a.code,
                                 {"name": a.name, "intro": "<i>소개</i>합니다", "category1": "shopping"},
                                 {"profile_image": File("p.png", image, "image/png"),
                                  "background_image": File("b.png", image, "image/png")})
    expect_status(r, 303, what="POST profile")
    cust = Customer(s, a.code)
    r = cust.open()
    expect('src="/talk/%s/images/profile"' % a.code in r.text, "no profile image on the page", r)
    expect('src="/talk/%s/images/background"' % a.code in r.text, "no background image on the page", r)
    expect("&lt;i&gt;소개&lt;/i&gt;합니다" in r.text, "the intro is not shown escaped", r)
    for which in ("profile", "background"):
        r = Client(s).get("%s/images/%s" % (a.talk, which))
        expect_status(r, 200, what="GET %s image" % which)
        expect(r.body == image and r.header("Content-Type") == "image/png", "wrong %s image" % which, r)
    expect_status(Client(s).get(a.talk + "/images/other"), 404, what="unknown image")
    expect_status(Client(s).get(shared_account(s).talk + "/images/profile"), 404, what="no image set")
