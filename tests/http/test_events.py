"""Live updates (SPEC CHAT-16, DESIGN sections 1 and 8): the events program's Server-Sent
Events streams /events/a/CODE (members of the account) and /events/talk/CODE (a customer,
their own room only), fed by NOTIFY sangdam. Each test takes the running Stack.

Accounts, memberships, customers and rooms are made in SQL (stack.psql) so that these tests
depend on the sign-up pages only. Notices come from a customer's message through
/talk/CODE/messages when the talk program runs, else from pg_notify with the payload that
chat_notify sends."""

import hashlib
import json
import os
import queue
import re
import secrets
import socket
import subprocess
import threading
import time

import client as client_module
from client import Client
from testlib import Skip, expect, expect_status, expect_see_other, signup, expect_no_store, \
    expect_security_headers


# ---------------------------------------------------------------------------
# an EventSource of our own


class Stream:
    """One GET of an events URL kept open, read by a thread into a queue of events.

    Speaks HTTP/1.0 so that nginx sends the body as it comes, without chunked framing.
    Each event is a dict: {"event": type, "data": text, "id": text, "at": monotonic time}.
    """

    def __init__(self, stack, path, cookies="", source_address=None, headers=None, timeout=10):
        self.path = path
        self.events = queue.Queue()
        self.comments = 0
        self.busy = False  # the role's places were taken: `: busy` and a later retry
        self.limited = False  # a cap (cookie, session, address) was reached: `: limit`
        self.closed = threading.Event()
        self.retry = None
        self.last_id = None
        self.sock = socket.create_connection(
            (stack.host, stack.port), timeout=timeout,
            source_address=(source_address, 0) if source_address else None)
        lines = ["GET %s HTTP/1.0" % path, "Host: %s:%d" % (stack.host, stack.port),
                 "Accept: text/event-stream", "User-Agent: sangdam-tests/1"]
        if cookies:
            lines.append("Cookie: " + cookies)
        for k, v in (headers or {}).items():
            lines.append("%s: %s" % (k, v))
        self.sock.sendall(("\r\n".join(lines) + "\r\n\r\n").encode("utf-8"))
        self.file = self.sock.makefile("rb")
        status_line = self.file.readline().decode("latin-1")
        m = re.match(r"HTTP/1\.[01] (\d{3})", status_line)
        self.status = int(m.group(1)) if m else 0
        self.headers = {}
        while True:
            line = self.file.readline().decode("latin-1")
            if line in ("\r\n", "\n", ""):
                break
            k, _, v = line.partition(":")
            self.headers.setdefault(k.strip().lower(), v.strip())
        with client_module._responses_lock:
            client_module.RESPONSES.append(("GET", path, self.status, False))
        self.sock.settimeout(None)
        if self.status == 200:
            self.thread = threading.Thread(target=self._read, daemon=True)
            self.thread.start()
        else:
            self.body = self.file.read()
            self.close()

    def header(self, name):
        return self.headers.get(name.lower())

    def _read(self):
        fields = {}
        try:
            for raw in self.file:
                line = raw.decode("utf-8").rstrip("\r\n")
                if line == "":
                    if "data" in fields:
                        self.events.put({"event": fields.get("event", "message"), "data": fields["data"],
                                         "id": fields.get("id"), "at": time.monotonic()})
                    if "id" in fields:
                        self.last_id = fields["id"]
                    fields = {}
                elif line.startswith(":"):
                    self.comments += 1
                    self.busy = self.busy or line.strip() == ": busy"
                    self.limited = self.limited or line.strip() == ": limit"
                else:
                    name, _, value = line.partition(":")
                    value = value[1:] if value.startswith(" ") else value
                    if name == "retry":
                        self.retry = value
                    elif name == "data" and "data" in fields:
                        fields["data"] += "\n" + value
                    else:
                        fields[name] = value
        except (OSError, ValueError):
            pass
        self.closed.set()

    def next(self, timeout):
        """The next event within timeout seconds, or None."""
        try:
            return self.events.get(timeout=timeout)
        except queue.Empty:
            return None

    def wait_for(self, predicate, timeout):
        """The first event within timeout for which predicate(event, data) holds, or None;
        returns (event, skipped events)."""
        deadline = time.monotonic() + timeout
        skipped = []
        while True:
            left = deadline - time.monotonic()
            if left <= 0:
                return None, skipped
            ev = self.next(left)
            if ev is None:
                return None, skipped
            try:
                data = json.loads(ev["data"])
            except ValueError:
                data = None
            if predicate(ev, data):
                return ev, skipped
            skipped.append(ev)

    def wait_started(self, timeout=5):
        """Waits for the opening block (retry and id) to have been read."""
        deadline = time.monotonic() + timeout
        while self.retry is None and time.monotonic() < deadline and not self.closed.is_set():
            time.sleep(0.01)
        return self.retry is not None

    def close(self):
        try:
            self.sock.shutdown(socket.SHUT_RDWR)
        except OSError:
            pass
        try:
            self.sock.close()
        except OSError:
            pass


def open_stream(stack, c, path, headers=None):
    """A Stream from client c (its cookies and source address)."""
    return Stream(stack, path, cookies=c.cookie_header(path), source_address=c.source_address,
                  headers=headers)


# ---------------------------------------------------------------------------
# fixtures made in SQL


def _sql_text(value):
    return "'" + str(value).replace("'", "''") + "'"


def _psql_value(stack, sql):
    out = stack.psql(sql).strip().splitlines()
    return out[-1].strip() if out else ""


def _new_code():
    alphabet = "abcdefghijklmnopqrstuvwxyz0123456789"
    return "".join(secrets.choice(alphabet) for _ in range(6))


def make_account(stack, member_email, status="approved"):
    """An account whose master is the partner with member_email; returns (id, code)."""
    for _ in range(5):
        code = _new_code()
        name = "ev-" + secrets.token_hex(4)
        try:
            account_id = _psql_value(stack, (
                "WITH c AS (INSERT INTO account_codes (code) VALUES (%s) RETURNING code), "
                "a AS (INSERT INTO accounts (code, kind, name, category1, status) "
                "SELECT code, 'personal', %s, 'food', %s FROM c RETURNING id), "
                "m AS (INSERT INTO members (account_id, partner_id, role) SELECT a.id, p.id, 'master' "
                "FROM a, partners p WHERE lower(p.email) = lower(%s) RETURNING account_id) "
                "SELECT account_id FROM m") % (_sql_text(code), _sql_text(name), _sql_text(status),
                                               _sql_text(member_email)))
        except Exception as e:  # noqa: BLE001 (a code drawn twice: try another)
            if "duplicate key" in str(e):
                continue
            raise
        expect(account_id.isdigit(), "could not make an account for %s (got %r)" % (member_email, account_id))
        return int(account_id), code
    raise AssertionError("could not draw a free account code")


def customer_key():
    """A customer key as chat_customer_key expects: 43 characters of base64url."""
    return secrets.token_urlsafe(32)[:43].ljust(43, "A")


def key_hash(key):
    """auth_token_hash: unkeyed BLAKE2b-256 (libsodium's crypto_generichash) in hex."""
    return hashlib.blake2b(key.encode("ascii"), digest_size=32).hexdigest()


def make_customer(stack, account_id, with_room=True):
    """A customer of the account (and their room); returns (key, room id or 0)."""
    key = customer_key()
    number = secrets.randbelow(10 ** 8) + 10 ** 6
    customer_id = _psql_value(stack, (
        "INSERT INTO customers (account_id, key_hash, number) VALUES (%d, %s, %d) RETURNING id")
        % (account_id, _sql_text(key_hash(key)), number))
    if not with_room:
        return key, 0
    room_id = _psql_value(stack, (
        "INSERT INTO rooms (account_id, customer_id, last_message_text) VALUES (%d, %s, 'hi') RETURNING id")
        % (account_id, customer_id))
    return key, int(room_id)


def make_customers(stack, account_id, count):
    """count customers of the account with a room each, in one statement; returns their keys."""
    keys = [customer_key() for _ in range(count)]
    rows = ", ".join("(%s, %d)" % (_sql_text(key_hash(k)), secrets.randbelow(10 ** 8) + 10 ** 6) for k in keys)
    stack.psql("WITH c AS (INSERT INTO customers (account_id, key_hash, number) SELECT %d, h, n "
               "FROM (VALUES %s) AS v (h, n) RETURNING id) "
               "INSERT INTO rooms (account_id, customer_id, last_message_text) SELECT %d, id, 'hi' FROM c"
               % (account_id, rows, account_id))
    return keys


def customer_client(stack, key):
    c = Client(stack)
    c.cookies[("sd_customer", "/")] = client_module.parse_set_cookie("sd_customer=%s; Path=/" % key)
    return c


def session_client(stack, email):
    """A Client signed in as the partner with email through a session made in SQL (as
    session_start stores it: the hash of a 43-character token)."""
    token = customer_key()
    stack.psql("INSERT INTO sessions (partner_id, token_hash, expires_at) SELECT id, %s, "
               "now() + interval '1 hour' FROM partners WHERE lower(email) = lower(%s)"
               % (_sql_text(key_hash(token)), _sql_text(email)))
    c = Client(stack)
    c.cookies[("sd_session", "/")] = client_module.parse_set_cookie("sd_session=%s; Path=/" % token)
    return c


def notify(stack, account_id, room_id, kind="message", raw=None):
    """NOTIFY sangdam as chat_notify does (json_build_object), or with a raw payload."""
    payload = raw if raw is not None else None
    if payload is None:
        stack.psql("SELECT pg_notify('sangdam', json_build_object('a', %d::bigint, 'r', %d::bigint, "
                   "'k', %s::text)::text)" % (account_id, room_id, _sql_text(kind)))
    else:
        stack.psql("SELECT pg_notify('sangdam', %s)" % _sql_text(payload))


def talk_available(stack):
    return os.path.exists(os.path.join(stack.var, "run", "talk.sock"))


def post_customer_message(stack, code, c, text):
    """Sends a message as the customer c through the chat page's form; returns the time the
    POST answered (monotonic)."""
    r = c.get("/talk/%s" % code)
    expect_status(r, 200, what="GET /talk/%s" % code)
    expect(r.csrf() is not None, "the chat page has no csrf input", r)
    r = c.post("/talk/%s/messages" % code, {"text": text})
    done = time.monotonic()
    expect_see_other(r, "/talk/%s" % code, what="POST /talk/%s/messages" % code)
    return done


def room_of_key(stack, account_id, key):
    value = _psql_value(stack, "SELECT r.id FROM rooms r JOIN customers c ON c.id = r.customer_id "
                               "WHERE c.account_id = %d AND c.key_hash = %s" % (account_id, _sql_text(key_hash(key))))
    return int(value) if value.isdigit() else 0


_fixture = {}


def agent_setup(stack):
    """Two partners, each master of one approved account: (client, email, id, code) x 2."""
    if "agents" not in _fixture:
        try:
            stack.pg_data_dir()
        except Exception as e:  # noqa: BLE001
            raise Skip("no database access: %s" % e)
        c1, e1, _ = signup(stack)
        c2, e2, _ = signup(stack)
        a1, code1 = make_account(stack, e1)
        a2, code2 = make_account(stack, e2)
        _fixture["agents"] = ((c1, e1, a1, code1), (c2, e2, a2, code2))
    return _fixture["agents"]


def is_event(account_id, room_id=None, kind=None):
    def check(ev, data):
        return (isinstance(data, dict) and data.get("a") == account_id
                and (room_id is None or data.get("r") == room_id)
                and (kind is None or (data.get("k") == kind and ev["event"] == kind)))
    return check


# ---------------------------------------------------------------------------
# access


def test_events_signed_out_sent_to_login(s):
    (_, _, _, code), _ = agent_setup(s)
    r = Client(s).get("/events/a/%s" % code)
    expect_see_other(r, "/login", what="GET /events/a/CODE signed out")


def test_events_non_member_404(s):
    (c1, _, _, _), (_, _, _, code2) = agent_setup(s)
    r = c1.get("/events/a/%s" % code2)
    expect_status(r, 404, what="GET /events/a/CODE of another partner's account")
    r = c1.get("/events/a/zz0000")
    expect_status(r, 404, what="GET /events/a/CODE of no account")
    r = c1.get("/events/a/%s/more" % code2)
    expect_status(r, 404, what="GET /events/a/CODE/more")


def test_events_post_not_allowed(s):
    (c1, _, _, code1), _ = agent_setup(s)
    c1.get("/accounts")
    r = c1.post("/events/a/%s" % code1, {})
    expect_status(r, 403, 405, what="POST /events/a/CODE")


def test_events_member_gets_event_stream(s):
    (c1, _, _, code1), _ = agent_setup(s)
    st = open_stream(s, c1, "/events/a/%s" % code1)
    try:
        expect(st.status == 200, "GET /events/a/CODE as a member answered %d" % st.status)
        ctype = st.header("Content-Type") or ""
        expect(ctype.startswith("text/event-stream"), "Content-Type is %r" % ctype)
        expect("no-store" in (st.header("Cache-Control") or ""), "Cache-Control is %r" % st.header("Cache-Control"))
        expect((st.header("X-Content-Type-Options") or "").lower() == "nosniff", "no nosniff on the stream")
        expect(st.header("Content-Length") is None, "a stream with Content-Length: %s" % st.header("Content-Length"))
        expect(st.wait_started(3), "no `retry:` line within 3 s of opening the stream")
        expect(st.retry.isdigit(), "retry is %r" % st.retry)
        expect(st.last_id is not None and st.last_id.isdigit(), "the opening block has no numeric id (%r)" % st.last_id)
    finally:
        st.close()


def test_events_head_answers_without_streaming(s):
    (c1, _, _, code1), _ = agent_setup(s)
    r = c1.head("/events/a/%s" % code1)
    expect_status(r, 200, what="HEAD /events/a/CODE")
    expect((r.header("Content-Type") or "").startswith("text/event-stream"), "HEAD Content-Type", r)


# ---------------------------------------------------------------------------
# delivery to agents


def test_events_member_receives_account_event_within_1s(s):
    (c1, _, a1, code1), _ = agent_setup(s)
    st = open_stream(s, c1, "/events/a/%s" % code1)
    try:
        expect(st.status == 200 and st.wait_started(), "the stream did not open (%d)" % st.status)
        if talk_available(s):
            key = customer_key()
            customer = customer_client(s, key)
            sent = post_customer_message(s, code1, customer, "라이브 테스트 " + secrets.token_hex(3))
            room = room_of_key(s, a1, key)
            expect(room > 0, "the customer's message made no room")
            how = "a customer's POST /talk/CODE/messages"
        else:
            key, room = make_customer(s, a1)
            sent = time.monotonic()
            notify(s, a1, room)
            how = "pg_notify (the talk program is not running)"
        ev, skipped = st.wait_for(is_event(a1, room, "message"), 1.0)
        expect(ev is not None, "no `message` event for account %d room %d within 1 s of %s (other events: %r)"
               % (a1, room, how, skipped))
        print("# events: %s -> agent's stream in %.0f ms" % (how, (ev["at"] - sent) * 1000))
        expect(ev["id"] and ev["id"].isdigit(), "the event has no numeric id: %r" % ev)
        expect(json.loads(ev["data"]) == {"a": a1, "r": room, "k": "message"}, "data is %r" % ev["data"])
    finally:
        st.close()


def test_events_other_account_not_delivered(s):
    (c1, _, a1, code1), (_, _, a2, _) = agent_setup(s)
    st = open_stream(s, c1, "/events/a/%s" % code1)
    try:
        expect(st.status == 200 and st.wait_started(), "the stream did not open (%d)" % st.status)
        notify(s, a2, 424242)
        notify(s, a2, 0, "room")
        notify(s, a1, 777, "read")  # a marker that does belong here, sent last
        ev, skipped = st.wait_for(is_event(a1, 777, "read"), 2.0)
        expect(ev is not None, "the account's own event did not arrive (got %r)" % skipped)
        foreign = [e for e in skipped if '"a":%d,' % a2 in e["data"]]
        expect(not foreign, "events of another account reached this stream: %r" % foreign)
        ev, _ = st.wait_for(lambda e, d: True, 0.5)
        expect(ev is None or ('"a":%d,' % a2) not in ev["data"], "an event of another account arrived: %r" % ev)
    finally:
        st.close()


def test_events_malformed_notices_ignored(s):
    (c1, _, a1, code1), _ = agent_setup(s)
    st = open_stream(s, c1, "/events/a/%s" % code1)
    try:
        expect(st.status == 200 and st.wait_started(), "the stream did not open (%d)" % st.status)
        bad = [
            "", "garbage", "{}", '{"a":%d}' % a1, '{"a":%d,"r":1}' % a1,
            '{"a":%d,"r":1,"k":"message","x":1}' % a1, '{"a":%d,"r":1,"k":"mess\\"age"}' % a1,
            '{"a":%d,"r":1,"k":"<script>"}' % a1, '{"a":%d,"r":-1,"k":"message"}' % a1,
            '{"a":"%d","r":1,"k":"message"}' % a1, '{"a":%d,"r":1.5,"k":"message"}' % a1,
            '{"a":%d,"a":%d,"r":1,"k":"message"}' % (a1, a1), '{"a":%d,"r":1,"k":"message"} x' % a1,
            '{"a":%d,"r":01,"k":"message"}' % a1, '{"a":%d,"r":1,"k":"%s"}' % (a1, "x" * 40),
            '{"a":%d,"r":99999999999999999999,"k":"message"}' % a1, '{"a":%d,"r":1,"k":""}' % a1,
        ]
        for payload in bad:
            notify(s, 0, 0, raw=payload)
        notify(s, 0, 0, raw='{"r":5,"k":"read","a":%d}' % a1)  # keys in another order: fine
        notify(s, 0, 0, raw=' { "a" : %d , "r" : 6 , "k" : "room" } ' % a1)
        ev, skipped = st.wait_for(is_event(a1, 6, "room"), 2.0)
        expect(ev is not None, "the well-formed notice after the bad ones did not arrive (got %r)" % skipped)
        expect([json.loads(e["data"]) for e in skipped] == [{"a": a1, "r": 5, "k": "read"}],
               "malformed notices were delivered: %r" % skipped)
    finally:
        st.close()


def test_events_reconnection_reloads_only_when_something_was_missed(s):
    (c1, _, a1, code1), _ = agent_setup(s)
    time.sleep(2.2)  # earlier tests' events for this account are past the skew allowance
    st = open_stream(s, c1, "/events/a/%s" % code1)
    expect(st.status == 200 and st.wait_started(), "the stream did not open (%d)" % st.status)
    last_id = st.last_id
    st.close()
    # nothing happened for this account since: a reconnection starts quietly
    st = open_stream(s, c1, "/events/a/%s" % code1, headers={"Last-Event-ID": last_id})
    try:
        expect(st.status == 200 and st.wait_started(), "the stream did not reopen (%d)" % st.status)
        ev = st.next(0.7)
        expect(ev is None, "a reconnection with nothing missed got %r" % ev)
        last_id = st.last_id
    finally:
        st.close()
    time.sleep(2.2)  # past the allowance for skew between workers
    notify(s, a1, 31337)  # while nobody listens for this account
    time.sleep(0.3)
    st = open_stream(s, c1, "/events/a/%s" % code1, headers={"Last-Event-ID": last_id})
    try:
        expect(st.status == 200, "the stream did not reopen (%d)" % st.status)
        ev = st.next(2.0)
        expect(ev is not None and ev["event"] == "reload",
               "a reconnection after a missed event did not start with a reload (got %r)" % ev)
    finally:
        st.close()
    st = open_stream(s, c1, "/events/a/%s?since=garbage" % code1)
    try:
        ev = st.next(2.0)
        expect(ev is not None and ev["event"] == "reload", "since=garbage did not reload (got %r)" % ev)
    finally:
        st.close()


# ---------------------------------------------------------------------------
# customers


def test_events_customer_unknown_or_unapproved_account_404(s):
    (_, e1, _, _), _ = agent_setup(s)
    r = Client(s).get("/events/talk/zz0000")
    expect_status(r, 404, what="GET /events/talk/CODE of no account")
    r = Client(s).get("/events/talk/NOT-A-CODE")
    expect_status(r, 404, what="GET /events/talk/NOT-A-CODE")
    pending_id, pending_code = make_account(s, e1, status="pending")
    key, _ = make_customer(s, pending_id)
    r = customer_client(s, key).get("/events/talk/%s" % pending_code)
    expect_status(r, 404, what="GET /events/talk/CODE of an account under review")


def test_events_customer_without_room_204(s):
    (_, _, a1, code1), _ = agent_setup(s)
    r = Client(s).get("/events/talk/%s" % code1)
    expect_status(r, 204, what="GET /events/talk/CODE without a customer cookie")
    key, _ = make_customer(s, a1, with_room=False)
    r = customer_client(s, key).get("/events/talk/%s" % code1)
    expect_status(r, 204, what="GET /events/talk/CODE for a customer without a room")
    r = customer_client(s, customer_key()).get("/events/talk/%s" % code1)
    expect_status(r, 204, what="GET /events/talk/CODE with an unknown customer key")


def test_events_customer_gets_own_room_only(s):
    (_, _, a1, code1), (_, _, a2, _) = agent_setup(s)
    key1, room1 = make_customer(s, a1)
    _, room2 = make_customer(s, a1)
    c = customer_client(s, key1)
    st = open_stream(s, c, "/events/talk/%s" % code1)
    try:
        expect(st.status == 200, "GET /events/talk/CODE for a customer with a room answered %d" % st.status)
        expect((st.header("Content-Type") or "").startswith("text/event-stream"), "Content-Type %r"
               % st.header("Content-Type"))
        expect(st.wait_started(), "no `retry:` on the customer's stream")
        notify(s, a1, room2)                 # another room of the same account
        notify(s, a1, 0, "room")             # the account as a whole
        notify(s, a2, room1)                 # a forged notice: right room id, wrong account
        notify(s, a1, room1, "read")         # theirs
        t0 = time.monotonic()
        ev, skipped = st.wait_for(is_event(a1, room1, "read"), 2.0)
        expect(ev is not None, "the customer's own room event did not arrive (got %r)" % skipped)
        expect(ev["at"] - t0 < 1.0, "the customer's event took %.2f s" % (ev["at"] - t0))
        expect(not skipped, "the customer received events of other rooms: %r" % skipped)
        ev, _ = st.wait_for(lambda e, d: True, 0.5)
        expect(ev is None, "the customer received another event: %r" % ev)
    finally:
        st.close()


def customer_room(s):
    """An agent's account whose new customer has written a first message: the agent's
    client, the agent, the account's code, the customer's client and the room's id
    (skips when the talk program does not run)."""
    if not talk_available(s):
        raise Skip("the talk program does not run")
    (c1, _, a1, code1), _ = agent_setup(s)
    key = customer_key()
    customer = customer_client(s, key)
    post_customer_message(s, code1, customer, "첫 메시지")
    room = room_of_key(s, a1, key)
    expect(room > 0, "the first message made no room")
    return c1, a1, code1, customer, room


def test_events_customer_message_reaches_agent_and_customer(s):
    c1, a1, code1, customer, room = customer_room(s)
    agent = open_stream(s, c1, "/events/a/%s" % code1)
    mine = open_stream(s, customer, "/events/talk/%s" % code1)
    try:
        expect(agent.status == 200 and mine.status == 200, "streams answered %d and %d" % (agent.status, mine.status))
        expect(agent.wait_started() and mine.wait_started(), "a stream did not start")
        sent = post_customer_message(s, code1, customer, "두 번째 " + secrets.token_hex(3))
        ev, skipped = agent.wait_for(is_event(a1, room, "message"), 1.0)
        expect(ev is not None, "the agent's stream got no event within 1 s (got %r)" % skipped)
        print("# events: customer POST answered -> agent's stream in %.0f ms" % ((ev["at"] - sent) * 1000))
        ev, skipped = mine.wait_for(is_event(a1, room, "message"), 1.0)
        expect(ev is not None, "the customer's own stream got no event within 1 s (got %r)" % skipped)
    finally:
        agent.close()
        mine.close()


_PROBE_SETUP = """
CREATE TABLE durability_probe (body text, setting text, source text);
CREATE FUNCTION durability_probe() RETURNS trigger LANGUAGE plpgsql SECURITY DEFINER AS $$
BEGIN
    INSERT INTO durability_probe SELECT NEW.body, setting, source FROM pg_settings
    WHERE name = 'synchronous_commit';
    RETURN NULL;
END $$;
CREATE TRIGGER durability_probe AFTER INSERT ON messages FOR EACH ROW
    WHEN (NEW.body LIKE 'durability probe %') EXECUTE FUNCTION durability_probe();
"""
_PROBE_TEARDOWN = ("DROP TRIGGER IF EXISTS durability_probe ON messages; "
                   "DROP FUNCTION IF EXISTS durability_probe(); DROP TABLE IF EXISTS durability_probe")


def test_events_posts_durable_and_live(s):
    """NF-4 with CHAT-16: a customer's message and a member's reply are stored by transactions
    that keep the server's synchronous_commit (nothing SETs it in them, so their commits wait
    for the disk), while their live updates still reach the agent's and the customer's streams:
    the notices go after the commit, in a transaction of their own (db_run_notice), whose
    SET LOCAL synchronous_commit = off never leaks into the next message's transaction on the
    same connection. A trigger made for this test records the setting and where it came from
    in each probe message's transaction."""
    c1, a1, code1, customer, room = customer_room(s)
    server = _psql_value(s, "SELECT setting FROM pg_settings WHERE name = 'synchronous_commit'")
    s.psql(_PROBE_TEARDOWN)
    s.psql(_PROBE_SETUP)
    agent = open_stream(s, c1, "/events/a/%s" % code1)
    mine = open_stream(s, customer, "/events/talk/%s" % code1)
    try:
        expect(agent.wait_started() and mine.wait_started(), "a stream did not start")
        for i in range(3):
            post_customer_message(s, code1, customer, "durability probe customer %d" % i)
            ev, skipped = agent.wait_for(is_event(a1, room, "message"), 5.0)
            expect(ev is not None, "the agent's stream got no event for post %d (got %r)" % (i, skipped))
        r = c1.get("/a/%s/chats/%d" % (code1, room))
        expect_status(r, 200, what="the room page")
        r = c1.post("/a/%s/chats/%d/messages" % (code1, room), {"text": "durability probe member"})
        expect_status(r, 303, what="the member's reply")
        ev, skipped = mine.wait_for(is_event(a1, room, "message"), 5.0)
        expect(ev is not None, "the customer's stream got no event for the reply (got %r)" % skipped)
        rows = [line.split("\t") for line in s.psql(
            "SELECT body, setting, source FROM durability_probe ORDER BY body").splitlines()]
    finally:
        agent.close()
        mine.close()
        s.psql(_PROBE_TEARDOWN)
    expect(len(rows) == 4, "the probe saw %r" % rows)
    for body, setting, source in rows:
        expect(setting == server and source != "session",
               "%r was stored with synchronous_commit %s from %s (the server's: %s)"
               % (body, setting, source, server))


def test_events_post_writes_its_room_once(s):
    """Issue 8, CHAT-12: a customer's message and a member's reply each write their room's row
    once, and the search terms are not in that row (migration 0029: room_search, so that the
    room's versions insert nothing into a GIN index); search still finds the room by a word only
    that message has. The room is not written at all to be found (rooms_open only for a first
    message). A trigger made for this test counts the room's updates per transaction."""
    c1, a1, code1, customer, room = customer_room(s)
    teardown = ("DROP TRIGGER IF EXISTS room_versions ON rooms; DROP FUNCTION IF EXISTS room_versions(); "
                "DROP TABLE IF EXISTS room_versions")
    s.psql(teardown)
    s.psql("""
CREATE TABLE room_versions (xid bigint);
CREATE FUNCTION room_versions() RETURNS trigger LANGUAGE plpgsql SECURITY DEFINER AS $$
BEGIN
    INSERT INTO room_versions VALUES (txid_current());
    RETURN NULL;
END $$;
CREATE TRIGGER room_versions AFTER UPDATE ON rooms FOR EACH ROW WHEN (NEW.id = %d)
    EXECUTE FUNCTION room_versions();""" % room)
    customer_word = "고객단어" + secrets.token_hex(3)
    member_word = "상담단어" + secrets.token_hex(3)
    try:
        post_customer_message(s, code1, customer, "새 낱말 " + customer_word)
        r = c1.get("/a/%s/chats/%d" % (code1, room))
        expect_status(r, 200, what="the room page")
        r = c1.post("/a/%s/chats/%d/messages" % (code1, room), {"text": "답 " + member_word})
        expect_status(r, 303, what="the member's reply")
        counts = s.psql("SELECT count(*) FROM room_versions GROUP BY xid ORDER BY min(xid)").split()
    finally:
        s.psql(teardown)
    # the room page marks the room read in a transaction of its own: one version too
    expect(len(counts) >= 2 and all(n == "1" for n in counts),
           "the room's row was written %r times per transaction" % counts)
    for word in (customer_word, member_word):
        found = _psql_value(s, "SELECT count(*) FROM room_search WHERE account_id = %d "
                               "AND room_id = %d AND keys @> search_query_keys(%s)"
                            % (a1, room, _sql_text(word)))
        expect(found == "1", "the room's search terms lack %r" % word)


def _talk_worker_threads(stack):
    """The thread count of each talk worker process of this stack (not the master's)."""
    conf = os.path.join(stack.var, "sangdam.conf")
    pids = {}
    for pid in os.listdir("/proc"):
        if not pid.isdigit():
            continue
        try:
            with open("/proc/%s/cmdline" % pid, "rb") as f:
                argv = f.read().split(b"\0")
            with open("/proc/%s/stat" % pid) as f:
                ppid = f.read().rsplit(")", 1)[1].split()[1]
        except OSError:
            continue
        if len(argv) >= 3 and argv[0].endswith(b"/talk") and argv[2] == conf.encode():
            pids[pid] = ppid
    return [len(os.listdir("/proc/%s/task" % pid)) for pid, ppid in pids.items() if ppid in pids]


def test_events_concurrent_posts_on_talk_threads(s):
    """Issue 8: each talk worker serves requests with talk_threads (4) threads, so that posts in
    flight share a flush of the log; sixteen customers posting twice at once are each answered
    303, every message is stored once, each room counts its messages as unread, and the agent's
    stream gets a `message` event for every room (or a `reload` when they overflow its queue)."""
    if not talk_available(s):
        raise Skip("the talk program does not run")
    threads = _talk_worker_threads(s)
    expect(threads and all(n >= 4 for n in threads), "talk workers run %r threads" % threads)
    (c1, _, a1, code1), _ = agent_setup(s)
    customers = [customer_client(s, customer_key()) for _ in range(16)]
    tokens = []
    for c in customers:
        r = c.get("/talk/%s" % code1)
        expect_status(r, 200, what="GET /talk/%s" % code1)
        tokens.append(r.csrf())
    agent = open_stream(s, c1, "/events/a/%s" % code1)
    tag = secrets.token_hex(4)
    results = {}
    barrier = threading.Barrier(len(customers))

    def run(i):
        try:
            barrier.wait(30)
            results[i] = [customers[i].post("/talk/%s/messages" % code1, {"text": "동시 %s %d-%d" % (tag, i, n)},
                                            csrf=tokens[i]).status for n in range(2)]
        except Exception as e:  # noqa: BLE001
            results[i] = repr(e)

    try:
        expect(agent.wait_started(), "the agent's stream did not start")
        workers = [threading.Thread(target=run, args=(i,)) for i in range(len(customers))]
        for th in workers:
            th.start()
        for th in workers:
            th.join(120)
        expect(all(results.get(i) == [303, 303] for i in range(len(customers))), "posts answered %r" % results)
        rooms = s.psql("SELECT r.id, r.unread_count, count(m.id) FROM rooms r JOIN messages m ON m.room_id = r.id "
                       "WHERE r.account_id = %d AND m.body LIKE %s GROUP BY r.id, r.unread_count"
                       % (a1, _sql_text("동시 " + tag + " %"))).split("\n")
        rows = [line.split("\t") for line in rooms if line]
        expect(len(rows) == 16 and all(r[1] == "2" and r[2] == "2" for r in rows), "rooms: %r" % rows)
        # 32 messages at once may overflow the stream's queue (EVENTS_QUEUE): then the
        # events program sends one `reload` instead of what it could not queue
        seen, reloaded = set(), False
        wanted = is_event(a1, None, "message")
        deadline = time.monotonic() + 10
        while len(seen) < 16 and not reloaded and time.monotonic() < deadline:
            ev, _ = agent.wait_for(lambda e, d: wanted(e, d) or e["event"] == "reload", 1.0)
            if ev is not None and ev["event"] == "reload":
                reloaded = True
            elif ev is not None:
                seen.add(json.loads(ev["data"])["r"])
        expect(reloaded or {int(r[0]) for r in rows} <= seen, "no `message` event (nor a reload) for rooms %r"
               % sorted({int(r[0]) for r in rows} - seen))
    finally:
        agent.close()


# ---------------------------------------------------------------------------
# many waiting clients


def _events_pids(stack):
    """Pids of the events program (master and workers) of this stack."""
    conf = os.path.join(stack.var, "sangdam.conf")
    pids = []
    for pid in os.listdir("/proc"):
        if not pid.isdigit():
            continue
        try:
            with open("/proc/%s/cmdline" % pid, "rb") as f:
                argv = f.read().split(b"\0")
        except OSError:
            continue
        if len(argv) >= 3 and argv[0].endswith(b"/events") and argv[2] == conf.encode():
            pids.append(int(pid))
    return pids


def events_connections(stack):
    """The events program's PostgreSQL connections (db_connect names each by its program)."""
    return int(_psql_value(stack, "SELECT count(*) FROM pg_stat_activity WHERE datname = current_database() "
                                  "AND application_name = 'events' AND backend_type = 'client backend'"))


def events_connection_bound(stack):
    """The most connections the events program may hold, whatever its requests and streams:
    one per request thread and one listener per worker process."""
    conf = stack.conf()
    return int(conf.get("events_workers", "1")) * (int(conf.get("events_threads", "4")) + 1)


def test_events_fifty_streams_without_a_process_each(s):
    """50 streams of one member (five sessions, ten streams each: the cap per session)."""
    (c1, e1, a1, code1), _ = agent_setup(s)
    sessions = [session_client(s, e1) for _ in range(5)]
    pids_before = _events_pids(s)
    streams = []
    results = [None] * 50

    def opener(i):
        try:
            results[i] = open_stream(s, sessions[i % 5].clone(same_address=False), "/events/a/%s" % code1)
        except Exception as e:  # noqa: BLE001
            results[i] = e

    threads = [threading.Thread(target=opener, args=(i,)) for i in range(50)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(30)
    try:
        streams = [r for r in results if isinstance(r, Stream)]
        problems = [repr(r) if not isinstance(r, Stream) else "status %d" % r.status
                    for r in results if not isinstance(r, Stream) or r.status != 200]
        expect(not problems, "of 50 streams: %s" % ", ".join(problems[:5]))
        expect(all(st.wait_started(5) for st in streams), "not every stream sent its opening block")
        r = Client(s).get("/healthz")
        expect(r.status == 200 and r.text.strip() == "ok", "GET /healthz with 50 open streams: %d" % r.status, r)
        pids_during = _events_pids(s)
        expect(len(pids_during) == len(pids_before),
               "the events program has %d processes with 50 streams, %d before" % (len(pids_during), len(pids_before)))
        connections_during = events_connections(s)
        expect(0 < connections_during <= events_connection_bound(s),
               "with 50 open streams the events program has %d database connections (at most %d)"
               % (connections_during, events_connection_bound(s)))
        notify(s, a1, 4242)
        late = [i for i, st in enumerate(streams) if st.wait_for(is_event(a1, 4242), 3.0)[0] is None]
        expect(not late, "%d of 50 streams did not get the event within 3 s" % len(late))
        print("# events: 50 streams on %d processes, %d database connections"
              % (len(pids_during), connections_during))
    finally:
        for st in streams:
            st.close()


def test_events_short_answers_leave_no_connection_behind(s):
    """Customers without a room get 204, twice 40 at once: the request threads keep one
    PostgreSQL connection each between requests (so that a burst of reconnections
    costs no new server process per stream), never one per request."""
    (_, _, _, code1), _ = agent_setup(s)
    statuses = []

    def ask():
        statuses.append(Client(s).get("/events/talk/%s" % code1).status)

    counts = []
    for _ in range(2):
        threads = [threading.Thread(target=ask) for _ in range(40)]
        for t in threads:
            t.start()
        for t in threads:
            t.join(30)
        time.sleep(0.3)
        counts.append(events_connections(s))
    expect(statuses == [204] * 80, "80 customers without a room got %s" % sorted(set(statuses)))
    expect(0 < max(counts) <= events_connection_bound(s),
           "after 40 and 80 short answers the events program has %s database connections (at most %d)"
           % (counts, events_connection_bound(s)))


def _listen_backlogs(stack):
    """{program name: listen backlog} of the stack's program sockets (ss -xl: a
    listening unix socket's Send-Q is its backlog)."""
    try:
        out = subprocess.run(["ss", "-xlnH"], capture_output=True, text=True, timeout=10, check=True).stdout
    except (OSError, subprocess.SubprocessError) as e:
        raise Skip("ss (iproute2) does not run: %s" % e)
    run = os.path.join(os.path.realpath(stack.var), "run") + "/"
    backlogs = {}
    for line in out.splitlines():
        fields = line.split()
        if len(fields) >= 5 and fields[4].startswith(run) and fields[4].endswith(".sock"):
            backlogs[os.path.basename(fields[4])[:-len(".sock")]] = int(fields[3])
    return backlogs


def test_events_socket_queue_is_deeper_than_the_pages(s):
    """The events program listens with events_listen_backlog, the other programs with
    listen_backlog (both capped by the kernel's somaxconn): browsers reconnecting at
    once wait their turn instead of getting nginx's 503, which stops an EventSource."""
    conf = s.conf()
    with open("/proc/sys/net/core/somaxconn") as f:
        somaxconn = int(f.read())
    backlogs = _listen_backlogs(s)
    expect("events" in backlogs and "talk" in backlogs, "program sockets listening: %s" % sorted(backlogs))
    want_events = min(int(conf.get("events_listen_backlog", "4096")), somaxconn)
    want_pages = min(int(conf.get("listen_backlog", "128")), somaxconn)
    expect(backlogs["events"] == want_events,
           "events.sock listens with a backlog of %d, not %d" % (backlogs["events"], want_events))
    expect(backlogs["talk"] == want_pages,
           "talk.sock listens with a backlog of %d, not %d" % (backlogs["talk"], want_pages))
    expect(want_events > want_pages, "the events queue (%d) is not deeper than the pages' (%d)"
           % (want_events, want_pages))


def _open_until_streaming(stack, c, path, timeout=3.0):
    """Opens path until the answer is a stream that started (not `: limit` or `: busy`),
    for at most timeout seconds; the Stream, or the last refused one."""
    deadline = time.monotonic() + timeout
    while True:
        st = open_stream(stack, c, path)
        if st.status == 200 and st.wait_started() and not st.limited and not st.busy \
                and not st.closed.wait(0.2):
            return st
        st.close()
        if time.monotonic() > deadline:
            return st
        time.sleep(0.1)


def _customer_streams(stack, c, path, count):
    streams = [open_stream(stack, c, path) for _ in range(count)]
    for st in streams:
        st.wait_started()
    return streams


def test_events_leaving_clients_free_their_places(s):
    """One customer opens as many streams as the cap allows, closes them, and opens as
    many again at once: the loop must have noticed the clients leaving (not at the next
    keep-alive), or the new streams are refused as over the cap."""
    (_, _, a1, code1), _ = agent_setup(s)
    key, _ = make_customer(s, a1)
    c = customer_client(s, key)
    path = "/events/talk/%s" % code1
    streams = _customer_streams(s, c, path, 4)
    try:
        expect(all(st.status == 200 and st.retry == "3000" and not st.limited for st in streams),
               "the customer's first 4 streams did not all open")
    finally:
        for st in streams:
            st.close()
    again = []
    try:
        for _ in range(4):
            st = _open_until_streaming(s, c, path)
            again.append(st)
            expect(not st.limited and not st.closed.is_set(),
                   "4 streams closed by the browser still count against the customer's cap 3 s later")
    finally:
        for st in again:
            st.close()


# ---------------------------------------------------------------------------
# caps: no one client takes every place (issue 14, item 2)


def test_events_customer_cap_refuses_the_fifth_stream_not_agents(s):
    (_, _, a1, code1), (c2, _, a2, code2) = agent_setup(s)
    key, _ = make_customer(s, a1)
    c = customer_client(s, key)
    path = "/events/talk/%s" % code1
    streams = _customer_streams(s, c, path, 4)
    try:
        expect(all(st.status == 200 and not st.limited and not st.closed.is_set() for st in streams),
               "the customer's first 4 streams did not all open")
        extra = open_stream(s, c, path)
        streams.append(extra)
        expect(extra.status == 200, "the 5th stream of one customer answered %d" % extra.status)
        expect(extra.closed.wait(5), "the 5th stream of one customer cookie was not ended at once")
        expect(extra.limited and extra.retry and extra.retry.isdigit() and int(extra.retry) >= 5000,
               "the 5th stream of one customer is not a short `: limit` stream with retry >= 5 s "
               "(limited %r, retry %r)" % (extra.limited, extra.retry))
        other = open_stream(s, customer_client(s, make_customer(s, a1)[0]), path)
        streams.append(other)
        expect(other.wait_started() and not other.limited and not other.closed.wait(0.3),
               "another customer of the same account was refused")
        agent = open_stream(s, c2, "/events/a/%s" % code2)
        streams.append(agent)
        expect(agent.status == 200 and agent.wait_started() and not agent.limited and not agent.busy,
               "an agent of another account did not get a stream while a customer is at the cap")
        notify(s, a2, 9191)
        ev, _ = agent.wait_for(is_event(a2, 9191), 3.0)
        expect(ev is not None, "the agent's stream got no event")
    finally:
        for st in streams:
            st.close()


def test_events_address_cap_counts_customers_not_agents(s):
    """50 customers behind one address fill its cap; the 51st is refused, an agent at
    the same address is not."""
    (c1, e1, a1, code1), _ = agent_setup(s)
    address = client_module.next_source_address()
    path = "/events/talk/%s" % code1
    keys = make_customers(s, a1, 51)
    streams = []
    try:
        for key in keys[:50]:
            st = Stream(s, path, cookies="sd_customer=%s" % key, source_address=address)
            streams.append(st)
            expect(st.status == 200 and st.wait_started() and not st.limited,
                   "customer %d of one address was refused" % len(streams))
        st = Stream(s, path, cookies="sd_customer=%s" % keys[50], source_address=address)
        streams.append(st)
        expect(st.closed.wait(5) and st.limited, "the 51st customer stream of one address was not refused")
        agent = session_client(s, e1)
        st = Stream(s, "/events/a/%s" % code1, cookies=agent.cookie_header("/events/a/%s" % code1),
                    source_address=address)
        streams.append(st)
        expect(st.status == 200 and st.wait_started() and not st.limited and not st.closed.wait(0.3),
               "an agent was refused at an address that customers' streams fill")
    finally:
        for st in streams:
            st.close()


def test_events_session_cap(s):
    (_, e1, _, code1), _ = agent_setup(s)
    c = session_client(s, e1)
    path = "/events/a/%s" % code1
    streams = []
    try:
        for i in range(10):
            st = open_stream(s, c.clone(same_address=False), path)
            streams.append(st)
            expect(st.wait_started() and not st.limited, "stream %d of one session was refused" % (i + 1))
        st = open_stream(s, c.clone(same_address=False), path)
        streams.append(st)
        expect(st.closed.wait(5) and st.limited, "the 11th stream of one session was not refused")
    finally:
        for st in streams:
            st.close()


# ---------------------------------------------------------------------------
# access that changes while a stream is open


def test_events_removed_member_stream_ends(s):
    (_, _, a1, code1), _ = agent_setup(s)
    c, email, _ = signup(s)
    s.psql("INSERT INTO members (account_id, partner_id, role) SELECT %d, id, 'manager' FROM partners "
           "WHERE lower(email) = lower(%s)" % (a1, _sql_text(email)))
    path = "/events/a/%s" % code1
    st = open_stream(s, c, path)
    try:
        expect(st.status == 200 and st.wait_started() and not st.limited, "the member's stream did not open")
        s.psql("DELETE FROM members WHERE account_id = %d AND partner_id = "
               "(SELECT id FROM partners WHERE lower(email) = lower(%s))" % (a1, _sql_text(email)))
        notify(s, a1, 0, "access")  # what removing a member sends
        expect(st.closed.wait(5), "the stream of a removed member did not end after the `access` notice")
        leaked = [e for e in list(st.events.queue) if e["event"] == "access"]
        expect(not leaked, "the `access` notice was delivered as an event: %r" % leaked)
    finally:
        st.close()
    r = c.get(path)
    expect_status(r, 404, what="GET /events/a/CODE again after the membership was removed")


def test_events_blocked_customer_stream_ends(s):
    (c1, _, a1, code1), _ = agent_setup(s)
    key, room = make_customer(s, a1)
    customer = customer_client(s, key)
    path = "/events/talk/%s" % code1
    st = open_stream(s, customer, path)
    try:
        expect(st.status == 200 and st.wait_started() and not st.limited, "the customer's stream did not open")
        r = c1.get("/a/%s/chats" % code1)
        expect_status(r, 200, what="GET /a/CODE/chats")
        r = c1.post("/a/%s/chats/bulk" % code1, [("action", "block"), ("room", str(room))])
        expect_status(r, 303, what="POST /a/CODE/chats/bulk action=block")
        blocked = _psql_value(s, "SELECT blocked FROM customers c JOIN rooms r ON r.customer_id = c.id "
                                 "WHERE r.id = %d" % room)
        expect(blocked == "t", "the bulk block did not block the customer (%r)" % blocked)
        expect(st.closed.wait(5), "the stream of a customer who was blocked did not end")
    finally:
        st.close()
    r = customer.get(path)
    expect_status(r, 204, what="GET /events/talk/CODE again as a blocked customer")
