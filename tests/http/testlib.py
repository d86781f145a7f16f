"""Helpers shared by the HTTP tests: sign-up and log-in as a browser does, and checks
that say what went wrong with the request and response in the message."""

import os
import pwd
import re
import secrets
import subprocess
import time

from client import Client, unique_email


class Skip(Exception):
    """Raised by a test when something it needs is not there; not counted as pass or fail."""


def run_last(func):
    """Marks a test that disturbs the whole stack (stops the database, say): run.py runs
    such tests after every other test of every module."""
    func.run_last = True
    return func


def new_password():
    return "pw-" + secrets.token_hex(8)  # 19 characters


def expect(cond, message, resp=None):
    if not cond:
        if resp is not None:
            message = "%s | %s" % (message, resp.describe())
        raise AssertionError(message)


def expect_status(resp, *codes, what=""):
    expect(resp.status in codes,
           "%sexpected status %s, got %d" % (what + ": " if what else "", "/".join(map(str, codes)), resp.status),
           resp)


def expect_4xx(resp, what=""):
    expect(400 <= resp.status < 500, "%sexpected a 4xx, got %d" % (what + ": " if what else "", resp.status), resp)


def expect_see_other(resp, path, allow_query=True, what=""):
    """303 with Location naming PATH (scheme and host, if any, must be this server's); a query
    after the path (such as /login?done=reset for a notice) is allowed unless allow_query=False."""
    prefix = what + ": " if what else ""
    expect(resp.status == 303, "%sexpected 303 See Other to %s, got %d" % (prefix, path, resp.status), resp)
    loc = resp.location or ""
    m = re.match(r"^https?://([^/]+)", loc)
    if m:
        expect(m.group(1).startswith("127.0.0.1") or m.group(1).startswith("localhost"),
               "%sLocation goes to another host: %s" % (prefix, loc), resp)
    got = resp.location_path or ""
    if allow_query:
        got = got.split("?", 1)[0]
    expect(got == path, "%sexpected Location %s, got %r" % (prefix, path, loc), resp)


def signup_request(stack, client, fields):
    """POST /signup with FIELDS from CLIENT (which has the form); expects the 303 to
    /signup that says a mail was sent, and returns the text of the new mail it sent to
    fields["email"] (the confirmation link, or the warning to a registered owner)."""
    before = set(stack.mail_files())
    r = client.post("/signup", fields)
    expect_see_other(r, "/signup", what="POST /signup")
    return wait_new_mail(stack, fields["email"], before)


def wait_new_mail(stack, address, before, seconds=20):
    """The newest mail naming ADDRESS among the files of the mail folder not in BEFORE."""
    deadline = time.time() + seconds
    while True:
        for path in reversed([p for p in stack.mail_files() if p not in before]):
            with open(path, "rb") as f:
                text = f.read().decode("utf-8", "replace")
            if address.lower() in text.lower():
                return text
        if time.time() > deadline:
            raise AssertionError("no new mail to %s in %s within %ds" % (address, stack.mail_dir(), seconds))
        time.sleep(0.1)


def signup_link(mail):
    """The path /signup/confirm/TOKEN of a sign-up mail, or None."""
    m = re.search(r"https?://[^\s/]+(/signup/confirm/[A-Za-z0-9_-]+)", mail)
    return m.group(1) if m else None


def signup_confirm(client, path):
    """GET the mailed link's form, then post its button; returns the POST's response."""
    r = client.get(path)
    expect_status(r, 200, what="GET the mailed sign-up link")
    expect(r.csrf() is not None, "the sign-up link's page has no hidden csrf input", r)
    return client.post(path, {})


def signup(stack, email=None, password=None, name=None, client=None, extra=None):
    """Signs up a new partner through GET+POST /signup and the mailed link's form;
    returns (client, email, password)."""
    c = client or Client(stack)
    email = email or unique_email()
    password = password or new_password()
    name = name or "테스트 파트너"
    r = c.get("/signup")
    expect_status(r, 200, what="GET /signup")
    expect(r.csrf() is not None, "GET /signup has no hidden csrf input", r)
    fields = {"email": email, "password": password, "name": name, "agree_terms": "1", "agree_age": "1"}
    fields.update(extra or {})
    mail = signup_request(stack, c, fields)
    path = signup_link(mail)
    expect(path, "the sign-up mail to %s has no /signup/confirm/ link: %r" % (email, mail[-600:]))
    r = signup_confirm(c, path)
    expect_see_other(r, "/accounts", what="POST the mailed sign-up link")
    return c, email, password


def login(stack, email, password, client=None):
    """GET /login then POST it; returns (client, response) without checking the outcome."""
    c = client or Client(stack)
    r = c.get("/login")
    expect_status(r, 200, what="GET /login")
    expect(r.csrf() is not None, "GET /login has no hidden csrf input", r)
    r = c.post("/login", {"email": email, "password": password})
    return c, r


def login_ok(stack, email, password, client=None):
    c, r = login(stack, email, password, client)
    expect_see_other(r, "/accounts", what="POST /login")
    return c


def signed_in(c):
    """True when GET /accounts answers 200; False when it sends to /login."""
    r = c.get("/accounts")
    if r.status == 200:
        return True
    if r.status == 303 and (r.location_path or "").split("?")[0] == "/login":
        return False
    raise AssertionError("GET /accounts neither 200 nor 303 to /login | " + r.describe())


def session_cookie_name(c):
    """Name of the cookie that carries the sign-in: removing it signs the client out."""
    expect(signed_in(c), "client is not signed in")
    names = sorted({n for (n, _) in c.cookies})
    for name in names:
        probe = c.clone()
        probe.cookies = {k: v for k, v in probe.cookies.items() if k[0] != name}
        if not signed_in(probe):
            return name
    raise AssertionError("no single cookie carries the session (cookies: %s)" % names)


def csp_directives(value):
    out = {}
    for part in (value or "").split(";"):
        words = part.strip().split()
        if words:
            out[words[0].lower()] = [w for w in words[1:]]
    return out


def security_header_problems(resp, frame_ancestors=True):
    problems = []
    csp = resp.header("Content-Security-Policy")
    if not csp:
        problems.append("no Content-Security-Policy")
    else:
        d = csp_directives(csp)
        script = d.get("script-src", d.get("default-src"))
        if script is None:
            problems.append("CSP has neither script-src nor default-src")
        elif "'unsafe-inline'" in [w.lower() for w in script]:
            problems.append("CSP script-src allows 'unsafe-inline'")
        elif "*" in script or "data:" in script:
            problems.append("CSP script-src allows * or data:")
        if frame_ancestors and d.get("frame-ancestors") != ["'none'"]:
            problems.append("CSP frame-ancestors is not 'none' (%r)" % d.get("frame-ancestors"))
    if (resp.header("X-Content-Type-Options") or "").lower() != "nosniff":
        problems.append("X-Content-Type-Options is %r" % resp.header("X-Content-Type-Options"))
    if not resp.header("Referrer-Policy"):
        problems.append("no Referrer-Policy")
    return problems


def expect_security_headers(resp, frame_ancestors=True):
    problems = security_header_problems(resp, frame_ancestors)
    expect(not problems, "security headers: " + ", ".join(problems), resp)


def expect_no_store(resp):
    cc = (resp.header("Cache-Control") or "").lower()
    expect("no-store" in cc, "Cache-Control lacks no-store (%r)" % resp.header("Cache-Control"), resp)


def normalize_page(text, replace=()):
    """A page with the request-specific bits taken out, for comparing two answers."""
    for old, new in replace:
        text = text.replace(old, new)
    text = re.sub(r'(name="csrf"[^>]*value=")[^"]*"', r'\1X"', text)
    text = re.sub(r'(value=")[^"]*("[^>]*name="csrf")', r'\1X\2', text)
    text = re.sub(r'(name="form_key" value=")[^"]*"', r'\1X"', text)
    text = re.sub(r'nonce="[^"]*"', 'nonce="X"', text)
    text = re.sub(r"[A-Za-z0-9_-]{24,}", "TOKEN", text)  # request ids, tokens
    return text


def run_db_test(s, name, tests, env=None):
    """Runs build/tests/db_NAME (tests/db/NAME.c) against this stack's database as the
    cluster's owner, with env's variables added; expects its `tests` cmocka tests to
    pass."""
    build = os.environ.get("BUILD", "build")
    binary = os.path.join(s.root, build, "tests", "db_" + name)
    if not os.path.exists(binary):
        raise Skip("%s is not built" % binary)
    data = s.pg_data_dir()
    sockdir, port = s.pg_socket()
    user = pwd.getpwuid(os.stat(data).st_uid).pw_name
    conninfo = "host=%s port=%s dbname=%s user=%s" % (sockdir, port, s.app_database(), user)
    env = dict(os.environ, SANGDAM_TEST_DATABASE=conninfo, CMOCKA_MESSAGE_OUTPUT="TAP",
               **(env or {}))
    proc = subprocess.run(s._as_owner(data) + [binary], capture_output=True, text=True, timeout=60,
                          env=env, cwd="/")
    out = proc.stdout + proc.stderr
    expect(proc.returncode == 0 and "not ok" not in out and "# SKIP" not in out
           and "ok %d" % tests in out,
           "%s exited %d: %s" % (binary, proc.returncode, " ".join(out.split())[:1500]))
