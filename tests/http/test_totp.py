"""HTTP tests of the second factor (SPEC AUTH-6, 관리자 추가인증; issue 10): set up from
"my account" (/settings/second-factor) with a QR code of the otpauth URI, the secret in
text and a typed code; ten recovery codes shown once and kept hashed; the chat pages
(inbox, rooms, attachments, the agents' live stream) ask for a fresh code after
sign-in and again after totp_fresh_hours, while the chat settings page does not; wrong,
reused and stale codes refused; each recovery code once; codes throttled like
passwords; turning it off needs a current code; nothing written to account history.

Codes are computed here with RFC 6238 (HMAC-SHA1, 30 s, 6 digits); oathtool, when
installed, is asked once to agree. Time is moved in SQL (sessions.totp_at), never waited
for; where a test needs another unused code at the same time step it forgets the last
step accepted in SQL (totp_secrets.last_step), saying so.
"""

import base64
import hashlib
import hmac
import json
import re
import shutil
import struct
import subprocess
import tempfile
import threading
import time
import urllib.parse

from client import Client
from test_events import open_stream
from test_inbox import Customer, one, operator, sql_text
from stack import StackError
from testlib import expect, expect_status, login_ok, signup

STEP = 30


def totp(secret, at=None, offset=0):
    """The RFC 6238 code of base32 secret at time at (now) plus offset steps."""
    key = base64.b32decode(secret + "=" * (-len(secret) % 8))
    counter = int((time.time() if at is None else at) // STEP) + offset
    mac = hmac.new(key, struct.pack(">Q", counter), hashlib.sha1).digest()
    start = mac[-1] & 0x0F
    value = struct.unpack(">I", mac[start:start + 4])[0] & 0x7FFFFFFF
    return "%06d" % (value % 1000000)


class Partner:
    """A partner with an approved account of their own and a second factor set up,
    signed in on self.client (which passed it at set-up)."""

    def __init__(self, s, setup=True):
        self.s = s
        self.client, self.email, self.password = signup(s, name="추가인증 " + str(time.time_ns())[-6:])
        c = self.client
        c.get("/accounts/new")
        r = c.post("/accounts/new", {"agree_terms": "1", "kind": "personal",
                                     "name": "Totp " + str(time.time_ns())[-8:], "category1": "shopping"})
        expect(r.status == 303, "POST /accounts/new", r)
        self.code = r.location_path.split("/")[2]
        op = operator(s)
        op.get("/ops/accounts")
        expect_status(op.post("/ops/accounts/%s/approve" % self.code, {}), 303, what="approve")
        self.account_id = one(s, "SELECT id FROM accounts WHERE code = %s" % sql_text(self.code))
        self.partner_id = one(s, "SELECT id FROM partners WHERE lower(email) = lower(%s)"
                              % sql_text(self.email))
        self.secret = None
        self.recovery = []
        if setup:
            self.set_up()

    def set_up(self):
        c = self.client
        r = c.get("/settings/second-factor")
        expect_status(r, 200, what="GET /settings/second-factor")
        expect('data-totp-state="off"' in r.text, "the page does not say the second factor is off", r)
        expect_status(c.post("/settings/second-factor/start", {}), 303, what="POST .../start")
        r = c.get("/settings/second-factor")
        m = re.search(r'data-totp-secret>([A-Z2-7]{32})<', r.text)
        expect(m, "the pending page shows no base32 secret", r)
        self.secret = m.group(1)
        self.setup_at = time.time()
        r = c.post("/settings/second-factor/confirm", {"code": totp(self.secret, self.setup_at)})
        expect_status(r, 200, what="POST .../confirm with the current code")
        self.recovery = re.findall(r'data-recovery-code>([a-z2-9-]+)<', r.text)
        expect(len(self.recovery) == 10, "%d recovery codes shown, not 10" % len(self.recovery), r)
        return r

    @property
    def chats(self):
        return "/a/%s/chats" % self.code

    def login(self):
        """A new session of this partner from its own address."""
        return login_ok(self.s, self.email, self.password)

    def forget_last_step(self):
        """Lets the codes of the current time steps pass once more (as if 90 s went by)."""
        self.s.psql("UPDATE totp_secrets SET last_step = 0 WHERE partner_id = %s" % self.partner_id)

    def history_count(self):
        return int(one(self.s, "SELECT count(*) FROM account_history WHERE account_id = %s"
                       % self.account_id))


def post_code(c, code, next_path="/accounts"):
    """The code page, then its form with code; returns the POST's response."""
    r = c.get("/second-factor?next=" + urllib.parse.quote(next_path, safe=""))
    expect_status(r, 200, what="GET /second-factor")
    return c.post("/second-factor", {"code": code, "next": next_path})


def expect_asks_for_code(r, next_path, what):
    expect(r.status == 303, "%s answered %d, not 303 to the code page" % (what, r.status), r)
    parts = urllib.parse.urlsplit(r.location or "")
    expect(parts.path == "/second-factor", "%s sent to %r, not /second-factor" % (what, r.location), r)
    got = urllib.parse.parse_qs(parts.query).get("next", [""])[0]
    expect(got == next_path, "%s: next is %r, not %r" % (what, got, next_path), r)


_state = {}


def shared(s):
    """One partner set up once for the tests that only read."""
    if "partner" not in _state:
        _state["partner"] = Partner(s)
    return _state["partner"]


# ---------------------------------------------------------------------------


def test_totp_matches_oathtool(s):
    """The codes computed here are liboath's (oathtool), so the tests judge the server fairly."""
    if not shutil.which("oathtool"):
        return
    secret = "JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP"
    at = 1_700_000_000
    out = subprocess.run(["oathtool", "--totp", "-b", "--now", "2023-11-14 22:13:20 UTC", secret],
                         capture_output=True, text=True, check=True).stdout.strip()
    expect(out == totp(secret, at), "oathtool says %s, this test's RFC 6238 %s" % (out, totp(secret, at)))


def test_totp_setup_shows_qr_secret_and_codes_once(s):
    p = Partner(s, setup=False)
    c = p.client
    before = p.history_count()
    r = c.get("/settings")
    expect_status(r, 200, what="GET /settings")
    expect('href="/settings/second-factor"' in r.text, "my account links no second-factor page", r)
    r = c.get("/settings/second-factor/qr.png")
    expect(r.status == 303 and r.location_path == "/settings/second-factor", "a QR code before any set-up", r)
    c.get("/settings/second-factor")
    expect_status(c.post("/settings/second-factor/start", {}), 303, what="POST .../start")
    r = c.get("/settings/second-factor")
    m = re.search(r'data-totp-secret>([A-Z2-7]{32})<', r.text)
    expect(m, "no secret in text on the pending page", r)
    secret = m.group(1)
    qr = c.get("/settings/second-factor/qr.png")
    expect_status(qr, 200, what="GET .../qr.png")
    expect(qr.body.startswith(b"\x89PNG"), "the QR code is not a PNG")
    expect("no-store" in (qr.header("Cache-Control") or ""), "the QR code may be cached")
    if shutil.which("zbarimg"):
        with tempfile.NamedTemporaryFile(suffix=".png") as f:
            f.write(qr.body)
            f.flush()
            out = subprocess.run(["zbarimg", "-q", "--raw", f.name], capture_output=True, text=True).stdout.strip()
        expect(out.startswith("otpauth://totp/") and "secret=%s" % secret in out
               and "digits=6" in out and "period=30" in out,
               "the QR code reads %r, not the otpauth URI of the secret" % out)
    stored = one(s, "SELECT secret FROM totp_secrets WHERE partner_id = %s" % p.partner_id)
    raw = base64.b32decode(secret)
    expect(secret not in stored and raw.hex() not in stored
           and base64.urlsafe_b64encode(raw).decode().rstrip("=") not in stored,
           "the secret is kept in clear: %r" % stored)
    # a wrong code does not turn it on
    wrong = "%06d" % ((int(totp(secret)) + 1) % 1000000)
    r = c.post("/settings/second-factor/confirm", {"code": wrong})
    expect_status(r, 422, what="confirm with a wrong code")
    expect(one(s, "SELECT enabled FROM totp_secrets WHERE partner_id = %s" % p.partner_id) == "f",
           "a wrong code turned the second factor on")
    r = c.post("/settings/second-factor/confirm", {"code": totp(secret)})
    expect_status(r, 200, what="confirm with the current code")
    codes = re.findall(r'data-recovery-code>([a-z2-9-]+)<', r.text)
    expect(len(codes) == 10 and len(set(codes)) == 10, "not ten distinct recovery codes: %r" % codes, r)
    hashes = s.psql("SELECT code_hash FROM recovery_codes WHERE partner_id = %s" % p.partner_id).split()
    expect(len(hashes) == 10, "%d recovery codes stored" % len(hashes))
    expect(not any(code.replace("-", "") in h or code in h for code in codes for h in hashes),
           "a recovery code is stored in clear")
    r = c.get("/settings/second-factor")
    expect('data-totp-state="on"' in r.text, "the page does not say it is on", r)
    expect(not any(code in r.text for code in codes), "the recovery codes are shown again", r)
    expect(re.search(r"data-recovery-left>10<", r.text), "the page does not count 10 codes left", r)
    r = c.get("/settings/second-factor/qr.png")
    expect(r.status == 303 and r.location_path == "/settings/second-factor", "a QR code once it is on", r)
    expect(p.history_count() == before, "setting up the second factor wrote account history")


def test_totp_chat_pages_and_stream_ask_for_a_code(s):
    p = shared(s)
    customer = Customer(s, _AgentView(p))
    room = customer.send("안녕하세요")
    c = p.login()
    for path in (p.chats, p.chats + "?status=unread", "%s/%s" % (p.chats, room),
                 "%s/%s/files/1" % (p.chats, room)):
        expect_asks_for_code(c.get(path), path, "GET " + path)
    c.get("/a/%s/" % p.code)
    expect_asks_for_code(c.post("%s/%s/memo" % (p.chats, room), {"memo": "x"}), p.chats, "POST memo")
    expect(one(s, "SELECT memo FROM rooms WHERE id = %s" % room) == "", "the memo was saved without a code")
    r = c.get(p.chats + "/unread", headers={"Accept": "application/json"})
    expect_status(r, 401, what="GET .../chats/unread as JSON")
    body = json.loads(r.text)
    expect(body.get("second_factor", "").startswith("/second-factor?next="), "the 401 names no code page", r)
    st = open_stream(s, c, "/events/a/%s" % p.code)
    try:
        expect(st.status == 401, "the agents' stream answered %d without a code" % st.status)
    finally:
        st.close()
    # pages that are not the chats' do not ask
    for path in ("/a/%s/" % p.code, p.chats + "/settings", "/settings", "/accounts"):
        expect_status(c.get(path), 200, what="GET %s without a code" % path)
    # the session that set it up passed it
    expect_status(p.client.get(p.chats), 200, what="GET chats in the set-up session")


class _AgentView:
    """What test_inbox.Customer needs of an agent."""

    def __init__(self, p):
        self.code, self.account_id = p.code, p.account_id


def test_totp_code_page_returns_and_opens_the_stream(s):
    p = Partner(s)
    c = p.login()
    target = p.chats + "?status=unread"
    r = c.get(target)
    expect_asks_for_code(r, target, "GET chats")
    r = post_code(c, totp(p.secret, offset=1), target)
    expect(r.status == 303 and r.location_path == target, "a right code did not return to %s" % target, r)
    expect_status(c.get(target), 200, what="GET chats after the code")
    st = open_stream(s, c, "/events/a/%s" % p.code)
    try:
        expect(st.status == 200, "the agents' stream answered %d after the code" % st.status)
    finally:
        st.close()
    # next is a local path only
    p.forget_last_step()
    c2 = p.login()
    r = post_code(c2, totp(p.secret), "//evil.example/")
    expect(r.status == 303 and r.location_path == "/accounts", "next went off the site", r)


def test_totp_wrong_reused_and_stale_codes_refused(s):
    p = Partner(s)
    c = p.login()
    right = totp(p.secret, offset=1)
    wrong = "%06d" % ((int(right) + 500000) % 1000000)
    expect_status(post_code(c, wrong, p.chats), 422, what="a wrong code")
    expect_status(post_code(c, totp(p.secret, offset=-3), p.chats), 422, what="a code 90 s old")
    expect_status(post_code(c, totp(p.secret, offset=3), p.chats), 422, what="a code 90 s ahead")
    expect_status(post_code(c, "12345", p.chats), 422, what="five digits")
    expect_asks_for_code(c.get(p.chats), p.chats, "GET chats after refused codes")
    r = post_code(c, right, p.chats)
    expect(r.status == 303 and r.location_path == p.chats, "the right code was refused", r)
    other = p.login()
    expect_status(post_code(other, right, p.chats), 422, what="the same code again in another session")
    # the set-up's own code (an earlier step) is refused too
    expect_status(post_code(other, totp(p.secret, p.setup_at), p.chats), 422,
                  what="the set-up's code")
    expect_asks_for_code(other.get(p.chats), p.chats, "GET chats after a reused code")


def test_totp_one_code_passes_once_in_parallel(s):
    p = Partner(s)
    p.forget_last_step()
    code = totp(p.secret)
    clients = []
    for _ in range(4):  # under login_limit addresses, so no partner-wide lock
        c = p.login()
        expect_status(c.get("/second-factor?next=%2Faccounts"), 200, what="GET /second-factor")
        clients.append(c)
    results = [None] * len(clients)

    def run(i):
        results[i] = clients[i].post("/second-factor", {"code": code, "next": "/accounts"}).status

    threads = [threading.Thread(target=run, args=(i,)) for i in range(len(clients))]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    expect(results.count(303) == 1 and results.count(422) == len(clients) - 1,
           "one code posted at once by %d sessions: %r" % (len(clients), results))


def test_totp_recovery_codes_pass_once_each(s):
    p = Partner(s)
    first, second = p.recovery[0], p.recovery[1]
    c1 = p.login()
    r = post_code(c1, first, p.chats)
    expect(r.status == 303 and r.location_path == p.chats, "a recovery code was refused", r)
    expect_status(c1.get(p.chats), 200, what="GET chats after a recovery code")
    c2 = p.login()
    expect_status(post_code(c2, first, p.chats), 422, what="a recovery code used twice")
    r = post_code(c2, " " + second.upper().replace("-", "") + " ", p.chats)
    expect(r.status == 303, "the second recovery code, typed in capitals without dashes, was refused", r)
    left = one(s, "SELECT count(*) FROM recovery_codes WHERE partner_id = %s AND used_at IS NULL"
               % p.partner_id)
    expect(left == "8", "%s recovery codes left after two, not 8" % left)
    r = c2.get("/settings/second-factor")
    expect(re.search(r"data-recovery-left>8<", r.text), "the page does not count 8 codes left", r)


def test_totp_codes_throttled_like_passwords(s):
    p = Partner(s)
    p.forget_last_step()
    c = p.login()
    limit = s.login_limit()
    for i in range(limit):
        r = post_code(c, "%06d" % ((int(totp(p.secret)) + 1 + i) % 1000000), p.chats)
        expect_status(r, 422, what="wrong code %d of %d" % (i + 1, limit))
    r = post_code(c, totp(p.secret), p.chats)
    expect_status(r, 429, what="the right code after %d wrong ones" % limit)
    expect_asks_for_code(c.get(p.chats), p.chats, "GET chats while throttled")
    # the count is per partner and address, as for passwords: another address passes
    other = p.login()
    r = post_code(other, totp(p.secret), p.chats)
    expect(r.status == 303, "another address was throttled too", r)


def test_totp_fresh_code_expires(s):
    p = Partner(s)
    c = p.client
    expect_status(c.get(p.chats), 200, what="GET chats right after set-up")
    hours = int(s.conf().get("totp_fresh_hours", "12"))
    s.psql("UPDATE sessions SET totp_at = now() - make_interval(hours => %d) + interval '5 minutes' "
           "WHERE partner_id = %s AND totp_at IS NOT NULL" % (hours, p.partner_id))
    expect_status(c.get(p.chats), 200, what="GET chats 5 minutes before the code expires")
    s.psql("UPDATE sessions SET totp_at = now() - make_interval(hours => %d) - interval '1 second' "
           "WHERE partner_id = %s AND totp_at IS NOT NULL" % (hours, p.partner_id))
    expect_asks_for_code(c.get(p.chats), p.chats, "GET chats after %d hours" % hours)
    expect_status(c.get(p.chats + "/settings"), 200, what="the chat settings page after expiry")
    r = post_code(c, totp(p.secret, offset=1), p.chats)
    expect(r.status == 303, "a fresh code was refused after expiry", r)
    expect_status(c.get(p.chats), 200, what="GET chats after a fresh code")


def test_totp_turning_off_needs_a_current_code(s):
    p = Partner(s)
    c = p.client
    other = p.login()
    before = p.history_count()
    r = c.get("/settings/second-factor")
    expect('data-totp-state="on"' in r.text, "not on", r)
    expect_status(c.post("/settings/second-factor/off", {}), 422, what="turning off without a code")
    expect_status(c.post("/settings/second-factor/off", {"code": "000000" if totp(p.secret) != "000000" else "111111"}),
                  422, what="turning off with a wrong code")
    expect_status(c.post("/settings/second-factor/off", {"code": totp(p.secret, offset=-3)}), 422,
                  what="turning off with a stale code")
    expect_status(c.post("/settings/second-factor/off", {"code": totp(p.secret, p.setup_at)}), 422,
                  what="turning off with the code the set-up used")
    expect(one(s, "SELECT count(*) FROM totp_secrets WHERE partner_id = %s AND enabled" % p.partner_id) == "1",
           "a refused code turned the second factor off")
    r = c.post("/settings/second-factor/off", {"code": totp(p.secret, offset=1)})
    expect(r.status == 303 and r.location_path.startswith("/settings/second-factor?done=off"),
           "a current code did not turn it off", r)
    r = c.get("/settings/second-factor")
    expect('data-totp-state="off"' in r.text, "the page does not say off", r)
    expect(one(s, "SELECT count(*) FROM recovery_codes WHERE partner_id = %s" % p.partner_id) == "0",
           "the recovery codes are left")
    expect_status(other.get(p.chats), 200, what="GET chats in another session once it is off")
    expect(p.history_count() == before, "turning the second factor off wrote account history")


# Renewing the recovery codes (복구 코드 새로 만들기) with a current code.

RENEW = "/settings/second-factor/recovery"


def recovery_hashes(p):
    return sorted(p.s.psql("SELECT code_hash FROM recovery_codes WHERE partner_id = %s"
                           % p.partner_id).split())


def wrong_code(p):
    return "%06d" % ((int(totp(p.secret)) + 500000) % 1000000)


def expect_error_beside(r, field, other, what):
    """The refusal's message is next to field's input and in the summary, not next to other's."""
    expect('id="%s-error"' % field in r.text, "%s: no message next to #%s" % (what, field), r)
    expect('id="%s-error"' % other not in r.text, "%s: a message next to #%s too" % (what, other), r)
    expect(re.search(r'id="form-summary".*href="#%s"' % field, r.text, re.S),
           "%s: the summary does not link to #%s" % (what, field), r)


def test_totp_renew_refused_changes_nothing(s):
    p = Partner(s)
    c = p.client
    before = recovery_hashes(p)
    r = c.get("/settings/second-factor")
    expect('action="%s"' % RENEW in r.text, "the page has no form that renews the recovery codes", r)
    ids = re.findall(r'<input id="([^"]+)"', r.text)
    expect(ids.count("code") == 1 and ids.count("renew_code") == 1,
           "the two code forms' inputs are not #code and #renew_code: %r" % ids, r)
    expect_status(c.post(RENEW, {}), 422, what="renewing without a code")
    r = c.post(RENEW, {"renew_code": wrong_code(p)})
    expect_status(r, 422, what="renewing with a wrong code")
    expect_error_beside(r, "renew_code", "code", "renewal refused")
    expect('data-recovery-code' not in r.text, "a refused renewal shows codes", r)
    r = c.post("/settings/second-factor/off", {"code": wrong_code(p)})
    expect_status(r, 422, what="turning off with a wrong code")
    expect_error_beside(r, "code", "renew_code", "turning off refused")
    expect_status(c.post(RENEW, {"renew_code": "abcd-efgh-jkmn"}), 422,
                  what="renewing with a recovery code never made")
    expect(recovery_hashes(p) == before, "a refused renewal changed the recovery codes")
    r = c.get("/settings/second-factor")
    expect(re.search(r"data-recovery-left>10<", r.text), "the count is not 10 after refusals", r)
    r = post_code(p.login(), p.recovery[0], p.chats)
    expect(r.status == 303, "an old recovery code was refused after a refused renewal", r)


def test_totp_renew_replaces_the_recovery_codes(s):
    p = Partner(s)
    c = p.client
    c.get("/settings/second-factor")
    r = c.post(RENEW, {"renew_code": totp(p.secret, offset=1)})
    expect_status(r, 200, what="renewing with the current code")
    expect('data-totp-state="codes"' in r.text, "the renewal does not show the codes page", r)
    codes = re.findall(r'data-recovery-code>([a-z2-9-]+)<', r.text)
    expect(len(codes) == 10 and len(set(codes)) == 10 and not set(codes) & set(p.recovery),
           "not ten new distinct recovery codes: %r" % codes, r)
    expect(one(s, "SELECT count(*) FROM recovery_codes WHERE partner_id = %s AND used_at IS NULL"
               % p.partner_id) == "10", "not ten unused codes stored")
    r = c.get("/settings/second-factor")
    expect('data-totp-state="on"' in r.text, "the second factor is no longer on", r)
    expect(re.search(r"data-recovery-left>10<", r.text), "the count is not 10 after renewal", r)
    expect(not any(code in r.text for code in codes), "the new codes are shown again", r)
    old = p.login()
    for code in p.recovery[:2]:
        expect_status(post_code(old, code, p.chats), 422, what="an old recovery code after renewal")
    new = p.login()
    r = post_code(new, codes[0], p.chats)
    expect(r.status == 303 and r.location_path == p.chats, "a new recovery code was refused", r)
    expect_status(post_code(p.login(), codes[0], p.chats), 422, what="a new recovery code twice")
    r = c.get("/settings/second-factor")
    expect(re.search(r"data-recovery-left>9<", r.text), "the count is not 9 after one use", r)
    # a recovery code renews too, and is the last use of the set it belonged to
    r = c.post(RENEW, {"renew_code": codes[1]})
    expect_status(r, 200, what="renewing with a recovery code")
    expect(len(re.findall(r'data-recovery-code>', r.text)) == 10, "no ten codes after renewal", r)
    expect_status(post_code(p.login(), codes[2], p.chats), 422, what="a code of the set renewed")


def test_totp_renew_needs_csrf_and_a_session(s):
    p = Partner(s)
    c = p.client
    before = recovery_hashes(p)
    c.get("/settings/second-factor")
    r = c.post(RENEW, {"renew_code": totp(p.secret, offset=1)}, csrf=False)
    expect_status(r, 403, what="renewing without a csrf token")
    anon = Client(s)
    expect_status(anon.get("/login"), 200, what="GET /login")
    expect_status(anon.post(RENEW, {"renew_code": p.recovery[0]}), 403, what="renewing signed out")
    expect(recovery_hashes(p) == before, "a refused request changed the recovery codes")
    r = c.get("/settings/second-factor")
    expect(re.search(r"data-recovery-left>10<", r.text), "the count is not 10", r)


def test_totp_renew_throttled_with_the_other_code_forms(s):
    p = Partner(s)
    p.forget_last_step()
    c = p.client
    before = recovery_hashes(p)
    limit = s.login_limit()
    expect(limit >= 3, "login_limit %d: too low for this test" % limit)
    c.get("/settings/second-factor")
    for i in range(limit - 2):
        expect_status(c.post(RENEW, {"renew_code": wrong_code(p)}), 422, what="wrong renewal %d" % i)
    expect_status(c.post("/settings/second-factor/off", {"code": wrong_code(p)}), 422,
                  what="a wrong code to turn off")
    expect_status(post_code(c, wrong_code(p), p.chats), 422, what="a wrong code on the code page")
    c.get("/settings/second-factor")
    r = c.post(RENEW, {"renew_code": totp(p.secret)})
    expect_status(r, 429, what="renewing with the right code after %d wrong ones" % limit)
    expect_error_beside(r, "renew_code", "code", "renewal throttled")
    expect_status(post_code(c, totp(p.secret), p.chats), 429,
                  what="the code page's right code after %d wrong ones" % limit)
    expect(recovery_hashes(p) == before, "a throttled renewal changed the recovery codes")


def recovery_hash(code):
    """As src/totp.c keeps a recovery code: BLAKE2b-256 (hex) of its letters, lower case."""
    letters = re.sub(r"[\s-]", "", code).lower()
    return hashlib.blake2b(letters.encode(), digest_size=32).hexdigest()


def _hold_codes(s, partner_id, hashes):
    """Holds partner_id's recovery code rows whose hashes are in hashes in SQL until the
    sleep is cancelled."""
    try:
        s.psql("BEGIN; SELECT 1 FROM recovery_codes WHERE partner_id = %s AND code_hash IN (%s) "
               "FOR UPDATE; SELECT pg_sleep(60); COMMIT"
               % (partner_id, ", ".join(sql_text(h) for h in hashes)))
    except StackError:
        pass  # cancelled: the transaction ends and the rows are free


def _wait_sql(s, sql, what):
    deadline = time.monotonic() + 30
    while one(s, sql) == "0":
        expect(time.monotonic() < deadline, what)
        time.sleep(0.05)


def _wait_locks(s, n, what):
    _wait_sql(s, "SELECT (count(*) >= %d)::int FROM pg_stat_activity WHERE wait_event_type = 'Lock'"
              % n, what)


def test_totp_renewals_at_once_leave_one_set(s):
    """Two renewals at once, each with its own recovery code (A, B), made to overlap: the
    other eight code rows are held in SQL (so the first row in any order the DELETE may
    take), the first renewal is sent and waits, then the second. One renews; the other
    is refused (B went with the old set); ten codes stored; no deadlock (500)."""
    p = Partner(s)
    hashes = {code: recovery_hash(code) for code in p.recovery}
    expect(sorted(hashes.values()) == recovery_hashes(p), "the recovery codes are not kept as "
           "this test thinks (BLAKE2b-256 of the letters): it cannot choose the rows to hold")
    first_by_hash = min(p.recovery, key=hashes.get)
    a, b = [code for code in p.recovery[1:] if code != first_by_hash][-2:]
    clients = [p.client, p.login()]
    for c in clients:
        expect_status(c.get("/settings/second-factor"), 200, what="GET /settings/second-factor")
    holder = threading.Thread(target=_hold_codes, args=(
        s, p.partner_id, [h for code, h in hashes.items() if code not in (a, b)]))
    holder.start()
    results = [None, None]

    def run(i, code):
        results[i] = clients[i].post(RENEW, {"renew_code": code}, expect_5xx=True)

    threads = [threading.Thread(target=run, args=(0, a)), threading.Thread(target=run, args=(1, b))]
    try:
        _wait_sql(s, "SELECT count(*) FROM pg_stat_activity WHERE wait_event = 'PgSleep'",
                  "the SQL holding the recovery codes did not start")
        threads[0].start()
        _wait_locks(s, 1, "the first renewal did not wait for the rows held")
        threads[1].start()
        _wait_locks(s, 2, "the second renewal did not wait")
    finally:
        one(s, "SELECT count(pg_cancel_backend(pid)) FROM pg_stat_activity WHERE wait_event = 'PgSleep'")
        for t in threads:
            if t.ident is not None:
                t.join()
        holder.join()
    statuses = [r.status for r in results]
    expect(statuses == [200, 422], "two renewals at once (A, then B while A waited): %r" % statuses)
    shown = re.findall(r'data-recovery-code>([a-z2-9-]+)<', results[0].text)
    stored = one(s, "SELECT count(*) FROM recovery_codes WHERE partner_id = %s" % p.partner_id)
    expect(stored == "10", "%s recovery codes stored after renewals at once, not 10" % stored)
    r = post_code(p.login(), shown[0], p.chats)
    expect(r.status == 303, "a code of the renewal that was shown was refused", r)
