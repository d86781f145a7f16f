"""Foundation: health, routing, security headers, sign-up, log-in, sessions, CSRF,
throttling, password change and reset, language, hostile input (SPEC AUTH-1..8, NF-2;
DESIGN sections 3, 4 and 10). Each test takes the running Stack."""

import email
import email.policy
import re
import threading
import time
import urllib.parse

from client import Client, multipart, unique_email, input_value, html_lang, parse_inputs
from test_accounts import catalog
from testlib import (Skip, expect, expect_status, expect_4xx, expect_see_other, signup, login,
                     login_ok, signed_in, session_cookie_name, expect_security_headers,
                     expect_no_store, normalize_page, new_password, csp_directives, run_last,
                     signup_request, signup_link, signup_confirm)

HOSTILE_NAME = "<script>alert(1)</script>\"'&"


# ---------------------------------------------------------------------------
# health, trivial routes, routing


def test_healthz_ok(s):
    c = Client(s)
    r = c.get("/healthz")
    expect_status(r, 200, what="GET /healthz")
    expect(r.text.strip() == "ok", "GET /healthz body is %r, not 'ok'" % r.text[:80], r)


def test_healthz_security_headers(s):
    r = Client(s).get("/healthz")
    expect_security_headers(r)


def test_hello(s):
    r = Client(s).get("/hello")
    expect_status(r, 200, what="GET /hello")
    expect(r.text.strip() == "hello", "GET /hello body is %r" % r.text[:80], r)


def test_unknown_path_404_with_headers(s):
    c = Client(s)
    for path in ("/nope", "/nope/deeper?x=1", "/accounts/../nope", "/cgi-bin/auth", "/accounts/../../etc/passwd"):
        r = c.get(path)
        if path.endswith("passwd"):  # a path above the root is malformed: 400 is right too
            expect_status(r, 400, 404, what="GET " + path)
        else:
            expect_status(r, 404, what="GET " + path)
        expect_security_headers(r)
    r = c.get("/nope")
    expect(r.is_html(), "404 page is not HTML (%r)" % r.header("Content-Type"), r)
    expect(html_lang(r.text) == "ko", "404 page is not Korean by default", r)


def test_wrong_method_405_with_allow(s):
    c = Client(s)
    for method, path, must_allow in (("PUT", "/login", ("GET", "POST")),
                                     ("DELETE", "/signup", ("GET", "POST")),
                                     ("PATCH", "/accounts", ("GET",)),
                                     ("POST", "/healthz", ("GET",))):
        r = c.request(method, path, body=b"", content_type="application/x-www-form-urlencoded")
        expect_status(r, 405, what="%s %s" % (method, path))
        allow = [m.strip().upper() for m in (r.header("Allow") or "").split(",") if m.strip()]
        expect(allow, "%s %s: 405 without an Allow header" % (method, path), r)
        for m in must_allow:
            expect(m in allow, "%s %s: Allow %r lacks %s" % (method, path, r.header("Allow"), m), r)
        expect(method not in allow, "%s %s: Allow %r names the refused method" % (method, path, r.header("Allow")), r)
        expect_security_headers(r)


def test_head_requests(s):
    c = Client(s)
    g = c.get("/login")
    h = c.head("/login")
    expect_status(h, 200, what="HEAD /login")
    expect(h.body == b"", "HEAD /login returned a body of %d bytes" % len(h.body), h)
    expect(h.header("Content-Type") == g.header("Content-Type"),
           "HEAD and GET /login differ in Content-Type: %r vs %r" % (h.header("Content-Type"), g.header("Content-Type")), h)
    expect_security_headers(h)
    h = c.head("/healthz")
    expect_status(h, 200, what="HEAD /healthz")
    expect(h.body == b"", "HEAD /healthz returned a body", h)
    h = c.head("/nope")
    expect_status(h, 404, what="HEAD /nope")
    h = Client(s).head("/accounts")
    expect_see_other(h, "/login", allow_query=True, what="HEAD /accounts (anonymous)")


# ---------------------------------------------------------------------------
# pages: language, headers, forms


def test_pages_korean_by_default(s):
    c = Client(s)
    c.default_headers["Accept-Language"] = "en-US,en;q=0.9"  # per-partner choice, not the browser's
    for path in ("/login", "/signup", "/password/forgot"):
        r = c.get(path)
        expect_status(r, 200, what="GET " + path)
        expect(html_lang(r.text) == "ko", "GET %s: <html lang> is %r, not ko" % (path, html_lang(r.text)), r)
        expect(re.search("[\uac00-\ud7a3]", r.text), "GET %s shows no Hangul" % path, r)
        ctype = (r.header("Content-Type") or "").lower().replace(" ", "")
        expect(ctype.startswith("text/html") and "charset=utf-8" in ctype,
               "GET %s: Content-Type %r is not text/html; charset=utf-8" % (path, r.header("Content-Type")), r)


def test_security_headers_on_pages(s):
    c = Client(s)
    for path in ("/login", "/signup", "/password/forgot"):
        r = c.get(path)
        expect_status(r, 200, what="GET " + path)
        expect_security_headers(r)
    c, _, _ = signup(s)
    for path in ("/accounts", "/settings/password", "/settings/language"):
        r = c.get(path)
        expect_status(r, 200, what="GET " + path + " (signed in)")
        expect_security_headers(r)
        expect_no_store(r)


def test_csp_has_no_inline_script_in_pages(s):
    """With no 'unsafe-inline', an inline <script> would not run: pages must not rely on one."""
    c = Client(s)
    for path in ("/login", "/signup"):
        r = c.get(path)
        for m in re.finditer(r"<script\b([^>]*)>(.*?)</script>", r.text, re.S | re.I):
            expect("src=" in m.group(1) or not m.group(2).strip(),
                   "GET %s has an inline <script> that the CSP would block" % path, r)
        expect(not re.search(r"\son[a-z]+\s*=", r.text, re.I),
               "GET %s has an inline event handler attribute (on...=)" % path, r)
        d = csp_directives(r.header("Content-Security-Policy"))
        expect("'unsafe-eval'" not in d.get("script-src", d.get("default-src", [])),
               "CSP allows 'unsafe-eval'", r)


def test_form_pages_set_csrf_cookie_and_input(s):
    for path in ("/signup", "/login", "/password/forgot"):
        c = Client(s)
        r = c.get(path)
        expect_status(r, 200, what="GET " + path)
        expect(r.headers("Set-Cookie"), "GET %s by a new client sets no cookie for its CSRF token" % path, r)
        token = r.csrf()
        expect(token, "GET %s has no hidden input csrf" % path, r)
        expect(len(token) >= 16, "csrf token %r is short" % token, r)
        hidden = [a for a in parse_inputs(r.text).inputs
                  if a.get("name") == "csrf"]
        expect(hidden[0].get("type", "").lower() == "hidden", "csrf input is not type=hidden", r)


# ---------------------------------------------------------------------------
# sign-up


def test_signup_success_lands_on_accounts(s):
    name = "상담 파트너 %d" % int(time.time() * 1000 % 100000)
    c, em, pw = signup(s, name=name)
    r = c.get("/accounts")
    expect_status(r, 200, what="GET /accounts after sign-up")
    expect(name in r.text, "GET /accounts does not show the display name %r" % name, r)
    expect_no_store(r)


def test_session_cookie_attributes(s):
    c = Client(s)
    c.get("/signup")
    em, pw = unique_email(), new_password()
    mail = signup_request(s, c, {"email": em, "password": pw, "name": "쿠키", "agree_terms": "1",
                                 "agree_age": "1"})
    r = signup_confirm(c, signup_link(mail))
    expect_see_other(r, "/accounts", what="POST the mailed sign-up link")
    name = session_cookie_name(c)
    raws = [v for v in r.headers("Set-Cookie") if v.split("=", 1)[0].strip() == name]
    expect(raws, "the sign-up confirmation's 303 did not set the session cookie %r" % name, r)
    raw = raws[-1]
    attrs = {p.strip().split("=", 1)[0].lower(): (p.strip().split("=", 1) + [""])[1].strip()
             for p in raw.split(";")[1:]}
    expect("httponly" in attrs, "session cookie lacks HttpOnly: %s" % raw)
    expect(attrs.get("samesite", "").lower() == "lax", "session cookie SameSite is not Lax: %s" % raw)
    expect(attrs.get("path") == "/", "session cookie Path is not /: %s" % raw)
    value = raw.split(";", 1)[0].split("=", 1)[1]
    expect(len(value) >= 32, "session cookie value is short (%d chars): a 256-bit token is expected" % len(value))
    # the same on log-in
    c2, r2 = login(s, em, pw)
    expect_see_other(r2, "/accounts", what="POST /login")
    raws = [v for v in r2.headers("Set-Cookie") if v.split("=", 1)[0].strip() == name]
    expect(raws, "the log-in 303 did not set the session cookie %r" % name, r2)
    low = raws[-1].lower().replace(" ", "")
    expect("httponly" in low and "samesite=lax" in low and "path=/" in low,
           "log-in session cookie attributes: %s" % raws[-1])


def test_anonymous_accounts_redirects_to_login(s):
    c = Client(s)
    for path in ("/accounts", "/settings/password", "/settings/language"):
        r = c.get(path)
        expect_see_other(r, "/login", allow_query=True, what="GET %s anonymous" % path)


def test_signup_password_length(s):
    cases = [("a" * 9, 422), ("b" * 129, 422), ("가나다라마바사아자" , 422), ("c" * 10, 303),
             ("d" * 128, 303), ("가" * 128, 303), ("가나다라마바사아자차", 303)]
    for pw, want in cases:
        c = Client(s)
        c.get("/signup")
        em = unique_email("len")
        r = c.post("/signup", {"email": em, "password": pw, "name": "길이", "agree_terms": "1", "agree_age": "1"})
        expect_status(r, want, what="sign-up with a %d-character password (%d bytes)" % (len(pw), len(pw.encode())))
        if want == 422:
            expect(pw not in r.text, "the 422 page echoes the typed password", r)
            expect(input_value(r.text, "email") == em, "the 422 page does not keep the typed email", r)
            expect(r.csrf(), "the 422 form has no csrf input", r)


def test_signup_requires_both_agreements(s):
    for missing in ("agree_terms", "agree_age"):
        c = Client(s)
        c.get("/signup")
        em, pw = unique_email("agree"), new_password()
        fields = {"email": em, "password": pw, "name": "동의 없음", "agree_terms": "1", "agree_age": "1"}
        del fields[missing]
        r = c.post("/signup", fields)
        expect_status(r, 422, what="sign-up without " + missing)
        expect(input_value(r.text, "email") == em, "422 page lost the typed email", r)
        expect(input_value(r.text, "name") == "동의 없음", "422 page lost the typed name", r)
        _, r = login(s, em, pw)
        expect_status(r, 422, what="log-in as the refused sign-up (%s missing)" % missing)


def test_signup_invalid_fields(s):
    for field, value in (("email", "not-an-email"), ("email", ""), ("name", ""), ("email", "a@" + "b" * 300 + ".com")):
        c = Client(s)
        c.get("/signup")
        fields = {"email": unique_email("inv"), "password": new_password(), "name": "이름",
                  "agree_terms": "1", "agree_age": "1"}
        fields[field] = value
        r = c.post("/signup", fields)
        expect_status(r, 422, what="sign-up with %s=%r" % (field, value[:40]))


def test_signup_name_limits(s):
    """Display names count characters, not bytes; a blank or overlong one is a 422, never a 500."""
    for name, want in (("가" * 40, 303), ("가" * 41, 422), ("a" * 41, 422), ("   ", 422), ("a" * 1000, 422)):
        c = Client(s)
        c.get("/signup")
        r = c.post("/signup", {"email": unique_email("nm"), "password": new_password(), "name": name,
                               "agree_terms": "1", "agree_age": "1"})
        expect_status(r, want, what="sign-up with a name of %d characters (%r...)" % (len(name), name[:3]))


def test_secrets_stored_hashed(s):
    """Session tokens, reset tokens and passwords are not in the database as they are (AUTH-2, 3, 7)."""
    import base64
    c, em, pw = signup(s)
    token = c.cookie(session_cookie_name(c)).value
    _request_reset(s, em)
    reset = _reset_link(s, _wait_mail(s, em)[-1])
    needles = {"session token": token, "reset token": reset, "password": pw}
    for label, value in list(needles.items()):
        try:
            raw = base64.urlsafe_b64decode(value + "=" * (-len(value) % 4))
            if len(raw) >= 16:
                needles[label + " (as hex)"] = raw.hex()
        except ValueError:
            pass
    try:
        tables = s.psql("SELECT tablename FROM pg_tables WHERE schemaname = 'public'").split()
    except Exception as e:  # noqa: BLE001
        raise Skip("cannot reach the test database: %s" % e)
    found = []
    for table in tables:
        for label, value in needles.items():
            if "'" in value or "\\" in value:
                continue
            n = s.psql('SELECT count(*) FROM "%s" t WHERE t::text LIKE \'%%%s%%\'' % (table, value)).strip()
            if n != "0":
                found.append("%s in table %s" % (label, table))
    expect(not found, "stored as typed or sent: " + ", ".join(found))
    hashes = s.psql("SELECT t::text FROM partners t WHERE lower(email) = lower('%s')" % em.replace("'", "''"))
    expect("$argon2id$" in hashes, "the partner's password is not an Argon2id hash: %s" % hashes[:200])


def test_signup_duplicate_email_case_insensitive(s):
    """A registered address in any case: the same answer as a new one, no second partner,
    and a warning mail to the owner (AUTH-1, AUTH-9)."""
    em = "Dup.%s@Example.com" % unique_email("x").split("@")[0]
    _, _, pw = signup(s, email=em)
    for variant in (em, em.lower(), em.upper()):
        c = Client(s)
        c.get("/signup")
        mail = signup_request(s, c, {"email": variant, "password": new_password(), "name": "중복",
                                     "agree_terms": "1", "agree_age": "1"})
        expect(signup_link(mail) is None, "a sign-up of the registered %s mailed a sign-up link" % variant)
    n = s.psql("SELECT count(*) FROM partners WHERE lower(email) = lower('%s')" % em).strip()
    expect(n == "1", "%s partners with the email %s" % (n, em))
    login_ok(s, em, pw)


def test_login_email_case_insensitive(s):
    em = "Mixed.%s@Example.COM" % unique_email("m").split("@")[0]
    _, _, pw = signup(s, email=em)
    login_ok(s, em.lower(), pw)
    login_ok(s, em.upper(), pw)


def test_signup_concurrent_same_email(s):
    """Sign-ups with one email, then their links posted at once: one 303 to /accounts, the
    others refused; never a 500 (a unique index)."""
    em = unique_email("race")
    clients = [Client(s) for _ in range(4)]
    links = []
    for i, c in enumerate(clients):
        c.get("/signup")
        mail = signup_request(s, c, {"email": em if i % 2 == 0 else em.upper(), "password": new_password(),
                                     "name": "경쟁", "agree_terms": "1", "agree_age": "1"})
        links.append(signup_link(mail))
        expect(links[-1], "sign-up %d of a still-free address mailed no link" % i)
        r = c.get(links[-1])
        expect_status(r, 200, what="GET the mailed sign-up link %d" % i)
    results = [None] * len(clients)

    def go(i):
        try:
            r = clients[i].post(links[i], {})
            results[i] = "303 " + (r.location_path or "") if r.status == 303 else r.status
        except Exception as e:  # noqa: BLE001
            results[i] = repr(e)

    threads = [threading.Thread(target=go, args=(i,)) for i in range(len(clients))]
    for t in threads:
        t.start()
    for t in threads:
        t.join(60)
    expect(sorted(results, key=str) == ["303 /accounts", 409, 409, 409],
           "4 sign-up links of one email posted at once gave %r; want one 303 /accounts and three 409"
           % results)


# ---------------------------------------------------------------------------
# CSRF


def test_csrf_missing_on_signup_refused_and_nothing_stored(s):
    c = Client(s)
    c.get("/signup")
    em, pw = unique_email("nocsrf"), new_password()
    r = c.post("/signup", {"email": em, "password": pw, "name": "토큰 없음", "agree_terms": "1", "agree_age": "1"},
               csrf=False)
    expect_status(r, 403, what="POST /signup without csrf")
    expect_security_headers(r)
    expect(not signed_in(c), "the refused sign-up signed the client in")
    _, r = login(s, em, pw)
    expect_status(r, 422, what="log-in as the partner of a refused sign-up")
    signup(s, email=em)  # the email is still free


def test_csrf_wrong_token_refused(s):
    c = Client(s)
    c.get("/signup")
    token = c.csrf()
    em = unique_email("badcsrf")
    for bad in ("", "garbage", token[:-2] + ("AA" if not token.endswith("AA") else "BB"), token + "x"):
        r = c.post("/signup", {"email": em, "password": new_password(), "name": "x",
                               "agree_terms": "1", "agree_age": "1", "csrf": bad})
        expect_status(r, 403, what="POST /signup with csrf %r" % bad[:20])
    signup(s, email=em)


def test_csrf_token_of_another_client_refused(s):
    a, b = Client(s), Client(s)
    a.get("/signup")
    b.get("/signup")
    token_a = a.csrf()
    em = unique_email("foreign")
    r = b.post("/signup", {"email": em, "password": new_password(), "name": "남의 토큰",
                           "agree_terms": "1", "agree_age": "1", "csrf": token_a})
    expect_status(r, 403, what="POST /signup with another client's csrf token")
    # and with no cookie at all (the cross-site attacker's position)
    n = Client(s)
    r = n.post("/signup", {"email": em, "password": new_password(), "name": "x",
                           "agree_terms": "1", "agree_age": "1", "csrf": token_a})
    expect_status(r, 403, what="POST /signup with a token and no cookie")
    # the same for log-in and a signed-in form
    _, vem, vpw = signup(s)
    b.get("/login")
    r = b.post("/login", {"email": vem, "password": vpw, "csrf": a.csrf()})
    expect_status(r, 403, what="POST /login with another client's csrf token")
    victim = login_ok(s, vem, vpw)
    attacker, _, _ = signup(s)
    attacker.get("/settings/language")
    r = victim.post("/settings/language", {"lang": "en", "csrf": attacker.csrf()})
    expect_status(r, 403, what="POST /settings/language with another partner's csrf token")
    r = victim.get("/accounts")
    expect(html_lang(r.text) == "ko", "the refused language change took effect", r)


def test_csrf_missing_on_logout_keeps_session(s):
    c, _, _ = signup(s)
    r = c.post("/logout", {}, csrf=False)
    expect_status(r, 403, what="POST /logout without csrf")
    expect(signed_in(c), "POST /logout without csrf ended the session")
    r = c.get("/logout")
    expect(r.status in (404, 405), "GET /logout answered %d (a link must not log out)" % r.status, r)
    expect(signed_in(c), "GET /logout ended the session")


# ---------------------------------------------------------------------------
# log-in, sessions


def test_login_success(s):
    _, em, pw = signup(s)
    c = login_ok(s, em, pw)
    expect(signed_in(c), "not signed in after a 303 from POST /login")


def test_login_wrong_password_and_unknown_email_look_the_same(s):
    _, em, pw = signup(s)
    unknown = unique_email("nobody")
    c1, r1 = login(s, em, pw + "x")
    c2, r2 = login(s, unknown, pw + "x")
    expect_status(r1, 422, what="log-in with a wrong password")
    expect_status(r2, 422, what="log-in with an unknown email")
    expect(pw + "x" not in r1.text, "the 422 log-in page echoes the password", r1)
    expect(input_value(r1.text, "email") == em, "the 422 log-in page does not keep the email", r1)
    t1 = normalize_page(r1.text, [(em, "EMAIL")])
    t2 = normalize_page(r2.text, [(unknown, "EMAIL")])
    if t1 != t2:
        i = 0
        while i < min(len(t1), len(t2)) and t1[i] == t2[i]:
            i += 1
        j = 0
        while j < min(len(t1), len(t2)) - i and t1[-1 - j] == t2[-1 - j]:
            j += 1
        raise AssertionError("wrong password and unknown email answer differently: ...%s... vs ...%s..."
                             % (t1[max(0, i - 60):len(t1) - j + 20], t2[max(0, i - 60):len(t2) - j + 20]))
    expect(r1.status == r2.status, "different status")
    expect(not signed_in(c1), "a failed log-in signed in")


def test_session_rotates_at_login(s):
    _, em, pw = signup(s)
    # a session fixed by an attacker: the victim's browser holds the attacker's cookies
    attacker = Client(s)
    attacker.get("/login")
    victim = Client(s)
    victim.copy_cookies_from(attacker)
    before = dict(victim.cookie_values())
    login_ok(s, em, pw, client=victim)
    name = session_cookie_name(victim)
    after = victim.cookie_values()[name]
    expect(after not in before.values(), "the session cookie %s kept its pre-login value" % name)
    expect(not signed_in(attacker), "the attacker's pre-login cookies are signed in after the victim's log-in")
    # two log-ins never share a session id
    other = login_ok(s, em, pw)
    expect(other.cookie_values()[name] != after, "two log-ins got the same session id")


def test_session_idle_clock(s):
    """AUTH-3's idle timeout: a request moves the session's last-seen time once it is a
    minute old (a statement of its own since issue 8's read-only session read), leaves a
    younger one alone, and a session idle for longer than session_idle_minutes is over."""
    c, em, _ = signup(s)
    where = ("WHERE partner_id = (SELECT id FROM partners WHERE lower(email) = lower('%s'))"
             % em.replace("'", "''"))
    def check(sql):
        return s.psql("SELECT %s FROM sessions %s" % (sql, where)).strip()
    expect(check("count(*)") == "1", "the new partner has %s sessions" % check("count(*)"))
    s.psql("UPDATE sessions SET last_seen_at = now() - interval '5 minutes' " + where)
    expect(signed_in(c), "a session seen 5 minutes ago is not signed in")
    expect(check("last_seen_at > now() - interval '1 minute'") == "t",
           "a request did not move a last-seen time 5 minutes old: %s" % check("now() - last_seen_at"))
    s.psql("UPDATE sessions SET last_seen_at = now() - interval '30 seconds' " + where)
    expect(signed_in(c), "a session seen 30 seconds ago is not signed in")
    expect(check("last_seen_at < now() - interval '20 seconds'") == "t",
           "a request moved a last-seen time 30 seconds old: %s" % check("now() - last_seen_at"))
    s.psql("UPDATE sessions SET last_seen_at = now() - interval '1 year' " + where)
    expect(not signed_in(c), "a session idle for a year is still signed in")


def test_logout_ends_session_on_server(s):
    c, em, pw = signup(s)
    saved = c.clone()
    r = c.submit("/accounts", "/logout", {})
    expect_see_other(r, "/login", what="POST /logout")
    expect(not signed_in(c), "still signed in after log-out")
    expect(not signed_in(saved), "the old session cookie, replayed after log-out, is still signed in")
    login_ok(s, em, pw)


def test_logout_all_ends_other_sessions(s):
    a, em, pw = signup(s)
    b = login_ok(s, em, pw)
    stranger, _, _ = signup(s)
    expect(signed_in(b), "second session not signed in")
    r = a.submit("/settings/password", "/settings/logout-all", {})
    expect_status(r, 303, what="POST /settings/logout-all")
    expect(not signed_in(b), "another session of the partner survived log-out-everywhere")
    expect(signed_in(stranger), "log-out-everywhere ended another partner's session")
    login_ok(s, em, pw)


def test_logout_all_requires_csrf(s):
    a, em, pw = signup(s)
    b = login_ok(s, em, pw)
    r = a.post("/settings/logout-all", {}, csrf=False)
    expect_status(r, 403, what="POST /settings/logout-all without csrf")
    expect(signed_in(b), "log-out-everywhere without csrf ended a session")


def test_login_open_redirect_refused(s):
    _, em, pw = signup(s)
    for nxt in ("https://evil.example/", "//evil.example/x", "/\\evil.example", "http:evil.example"):
        c = Client(s)
        r = c.get("/login?next=" + urllib.parse.quote(nxt, safe=""))
        expect(r.status == 200, "GET /login?next=%s answered %d" % (nxt, r.status), r)
        r = c.post("/login?next=" + urllib.parse.quote(nxt, safe=""), {"email": em, "password": pw, "next": nxt})
        expect_status(r, 303, what="log-in with next=%s" % nxt)
        loc = r.location or ""
        parts = urllib.parse.urlsplit(loc)
        expect(loc.startswith("/") and not loc.startswith("//") and not loc.startswith("/\\")
               or (parts.hostname in ("127.0.0.1", "localhost")),
               "log-in redirects off-site to %r (next=%s)" % (loc, nxt), r)


# ---------------------------------------------------------------------------
# throttling


def test_login_throttled_per_email(s):
    limit = s.login_limit()
    _, em, pw = signup(s)
    # every try from a different address, so that only the per-email count can refuse
    for i in range(limit):
        _, r = login(s, em, "wrong-" + new_password())
        expect_status(r, 422, what="failed log-in %d of %d" % (i + 1, limit))
    _, r = login(s, em, "wrong-" + new_password())
    expect_status(r, 429, what="log-in after %d failures for one email" % limit)
    expect_security_headers(r)
    _, r = login(s, em, pw)
    expect_status(r, 429, what="right password during the throttle window")
    _, r = login(s, em.upper(), pw)
    expect_status(r, 429, what="right password, email in upper case, during the window")
    # another partner is not affected
    _, em2, pw2 = signup(s)
    login_ok(s, em2, pw2)


def test_login_throttled_per_address(s):
    limit = s.login_limit_address()
    _, em, pw = signup(s)
    c = Client(s)  # one address, many emails
    for i in range(limit):
        c.get("/login")
        r = c.post("/login", {"email": unique_email("addr"), "password": "wrong-" + new_password()})
        expect_status(r, 422, what="failed log-in %d of %d from one address" % (i + 1, limit))
    c.get("/login")
    r = c.post("/login", {"email": unique_email("addr"), "password": "wrong-" + new_password()})
    expect_status(r, 429, what="log-in after %d failures from one address" % limit)
    c.get("/login")
    r = c.post("/login", {"email": em, "password": pw})
    expect_status(r, 429, what="right password from the throttled address")
    login_ok(s, em, pw)  # from another address it works


# ---------------------------------------------------------------------------
# password change


def test_password_change(s):
    a, em, pw = signup(s)
    b = login_ok(s, em, pw)
    r = a.get("/settings/password")
    expect_status(r, 200, what="GET /settings/password")
    expect_no_store(r)
    r = a.post("/settings/password", {"current_password": pw + "x", "new_password": new_password()})
    expect_status(r, 422, what="password change with a wrong current password")
    wrong = catalog(s, "err.current_password")
    expect(wrong in r.text, "a wrong current password is not said so", r)
    r = a.post("/settings/password", {"current_password": "", "new_password": new_password()})
    expect_status(r, 422, what="password change without the current password")
    expect(catalog(s, "err.required") in r.text and wrong not in r.text,
           "an empty current password is said to be wrong, not missing", r)
    r = a.post("/settings/password", {"current_password": pw, "new_password": "short"})
    expect_status(r, 422, what="password change to a 5-character password")
    expect(signed_in(b), "a refused password change ended the other session")
    new = new_password()
    a.get("/settings/password")
    r = a.post("/settings/password", {"current_password": pw, "new_password": new})
    expect_status(r, 303, what="password change")
    expect(signed_in(a), "the session that changed the password was ended")
    expect(not signed_in(b), "another session survived the password change")
    _, r = login(s, em, pw)
    expect_status(r, 422, what="log-in with the old password")
    login_ok(s, em, new)


def test_password_change_requires_csrf(s):
    a, em, pw = signup(s)
    a.get("/settings/password")
    r = a.post("/settings/password", {"current_password": pw, "new_password": new_password()}, csrf=False)
    expect_status(r, 403, what="password change without csrf")
    login_ok(s, em, pw)


# ---------------------------------------------------------------------------
# password reset by mail


def _wait_mail(s, address, count=1, seconds=20):
    deadline = time.time() + seconds
    while time.time() < deadline:
        mails = s.mails_to(address)
        if len(mails) >= count:
            return mails
        time.sleep(0.2)
    raise AssertionError("no mail to %s in %s within %ds (files: %d)" % (address, s.mail_dir(), seconds,
                                                                          len(s.mail_files())))


def _mail_text(raw):
    """The decoded text of every text part of a mail (handles base64 and quoted-printable)."""
    msg = email.message_from_string(raw, policy=email.policy.default)
    texts = []
    for part in msg.walk():
        if part.get_content_maintype() == "text":
            try:
                texts.append(part.get_content())
            except Exception:  # noqa: BLE001
                texts.append(part.get_payload())
    return "\n".join(texts) or raw


def _reset_link(s, raw):
    text = _mail_text(raw)
    m = re.search(r"https?://[^\s\"'<>]+/password/reset\?token=([A-Za-z0-9_.~%-]+)", text)
    expect(m, "the reset mail has no /password/reset?token= link: %r" % text[:600])
    link = m.group(0)
    expect(("127.0.0.1:%d" % s.port) in link or ("localhost:%d" % s.port) in link,
           "the reset link %r does not point at this server (port %d)" % (link, s.port))
    return urllib.parse.unquote(m.group(1))


def _request_reset(s, em):
    c = Client(s)
    r = c.get("/password/forgot")
    expect_status(r, 200, what="GET /password/forgot")
    r = c.post("/password/forgot", {"email": em})
    expect_status(r, 303, what="POST /password/forgot")
    return r


def test_password_reset_by_mail_link(s):
    _, em, pw = signup(s)
    other = login_ok(s, em, pw)
    _request_reset(s, em)
    raw = _wait_mail(s, em)[-1]
    expect(re.search(r"^To:.*" + re.escape(em), raw, re.M | re.I), "the mail is not addressed To: %s" % em)
    token = _reset_link(s, raw)
    c = Client(s)
    r = c.get("/password/reset?token=" + urllib.parse.quote(token, safe=""))
    expect_status(r, 200, what="GET the mailed reset link")
    expect(r.csrf(), "the reset form has no csrf input", r)
    expect_security_headers(r)
    new = new_password()
    fields = {"password": new}
    if input_value(r.text, "token") is not None:
        fields["token"] = input_value(r.text, "token")
    else:
        fields["token"] = token
    r = c.post("/password/reset", fields)
    expect_see_other(r, "/login", what="POST /password/reset")
    login_ok(s, em, new)
    _, r = login(s, em, pw)
    expect_status(r, 422, what="log-in with the password from before the reset")
    del other  # whether old sessions survive a reset is not in the contract


def test_password_reset_token_single_use(s):
    _, em, pw = signup(s)
    _request_reset(s, em)
    token = _reset_link(s, _wait_mail(s, em)[-1])
    c = Client(s)
    c.get("/password/reset?token=" + urllib.parse.quote(token, safe=""))
    first = new_password()
    r = c.post("/password/reset", {"token": token, "password": first})
    expect_see_other(r, "/login", what="first use of the reset token")
    c2 = Client(s)
    r = c2.get("/password/reset?token=" + urllib.parse.quote(token, safe=""))
    expect(r.status < 500, "used reset link answered %d" % r.status, r)
    c2.get("/password/forgot")
    second = new_password()
    r = c2.post("/password/reset", {"token": token, "password": second})
    expect_4xx(r, "second use of a reset token")
    _, r = login(s, em, second)
    expect_status(r, 422, what="log-in with the password of the refused second reset")
    login_ok(s, em, first)


def _offers_password_form(r):
    return any(a.get("name") == "password" for a in parse_inputs(r.text).inputs)


def test_password_reset_garbage_token(s):
    c = Client(s)
    for token in ("garbage", "", "A" * 43, "%00", "%FF%FE", "x" * 5000):
        r = c.get("/password/reset?token=" + token)
        expect(r.status < 500, "GET /password/reset?token=%s answered %d" % (token[:20], r.status), r)
    c.get("/password/forgot")
    for token in ("garbage", "", "A" * 43, b"\x00", b"\xff\xfe"):
        r = c.post("/password/reset", {"token": token, "password": new_password()})
        expect_4xx(r, "POST /password/reset with token %r" % token[:20])


def test_password_reset_unknown_token_says_so_at_once(s):
    """A link with a token that is not (or no longer) valid tells the person at once, instead of
    letting them choose a new password that is then refused."""
    _, em, _ = signup(s)
    _request_reset(s, em)
    used = _reset_link(s, _wait_mail(s, em)[-1])
    c = Client(s)
    c.get("/password/reset?token=" + urllib.parse.quote(used, safe=""))
    r = c.post("/password/reset", {"token": used, "password": new_password()})
    expect_see_other(r, "/login", what="POST /password/reset")
    for token in ("garbage", "", "A" * 43, "%FF%FE", urllib.parse.quote(used, safe="")):
        r = c.get("/password/reset?token=" + token)
        what = "the used token" if token.startswith(used[:8]) else token[:20]
        expect(r.status >= 400 or not _offers_password_form(r),
               "GET /password/reset?token=%s offers the new-password form" % what, r)


def test_password_forgot_unknown_email_same_answer(s):
    _, em, _ = signup(s)
    unknown = unique_email("ghost")
    r_unknown = _request_reset(s, unknown)
    r_known = _request_reset(s, em)
    expect(r_unknown.location_path == r_known.location_path,
           "forgot-password answers differ: %r for unknown, %r for known" % (r_unknown.location, r_known.location))
    _wait_mail(s, em)
    time.sleep(0.5)
    expect(not s.mails_to(unknown), "a mail was written to the unknown address %s" % unknown)


def test_password_reset_expired_token(s):
    _, em, pw = signup(s)
    _request_reset(s, em)
    token = _reset_link(s, _wait_mail(s, em)[-1])
    try:
        tables = s.psql(
            "SELECT c.table_name, c.column_name FROM information_schema.columns c "
            "WHERE c.table_schema NOT IN ('pg_catalog','information_schema') "
            "AND c.data_type LIKE 'timestamp%' AND c.table_name ILIKE '%reset%'")
    except Exception as e:  # noqa: BLE001
        raise Skip("cannot reach the test database: %s" % e)
    cols = [line.split("\t") for line in tables.splitlines() if "\t" in line]
    if not cols:
        raise Skip("no table named like *reset* with a timestamp column")
    for table, column in cols:
        s.psql('UPDATE "%s" SET "%s" = "%s" - interval \'2 hours\'' % (table, column, column))
    c = Client(s)
    r = c.get("/password/reset?token=" + urllib.parse.quote(token, safe=""))
    expect(r.status < 500, "expired reset link answered %d" % r.status, r)
    c.get("/password/forgot")
    r = c.post("/password/reset", {"token": token, "password": new_password()})
    expect_4xx(r, "POST /password/reset with a token made 2 hours ago")
    login_ok(s, em, pw)


# ---------------------------------------------------------------------------
# language


def test_language_switch(s):
    c, _, _ = signup(s)
    r = c.get("/accounts")
    expect(html_lang(r.text) == "ko", "new partner's pages are not Korean", r)
    r = c.get("/settings/language")
    expect_status(r, 200, what="GET /settings/language")
    r = c.post("/settings/language", {"lang": "xx"})
    expect_status(r, 422, what="language xx")
    c.get("/settings/language")
    r = c.post("/settings/language", {"lang": "en"})
    expect_status(r, 303, what="language en")
    for path in ("/accounts", "/settings/password", "/settings/language"):
        r = c.get(path)
        expect(html_lang(r.text) == "en", "GET %s after choosing English: <html lang=%r>" % (path, html_lang(r.text)), r)
    other = Client(s)
    r = other.get("/login")
    expect(html_lang(r.text) == "ko", "another (anonymous) client got English", r)
    c.get("/settings/language")
    r = c.post("/settings/language", {"lang": "ko"})
    expect_status(r, 303, what="language back to ko")
    r = c.get("/accounts")
    expect(html_lang(r.text) == "ko", "back to Korean did not take", r)


def test_error_pages_in_partner_language(s):
    c, _, _ = signup(s)
    c.get("/settings/language")
    r = c.post("/settings/language", {"lang": "en"})
    expect_status(r, 303, what="language en")
    for method, path in (("GET", "/nope"), ("PUT", "/login")):
        r = c.request(method, path)
        expect(r.is_html() and html_lang(r.text) == "en",
               "%s %s after choosing English: <html lang=%r>" % (method, path, html_lang(r.text)), r)


# ---------------------------------------------------------------------------
# hostile input


def test_hostile_name_escaped(s):
    c, _, _ = signup(s, name=HOSTILE_NAME)
    pages = ["/accounts", "/settings", "/settings/password", "/settings/language"]
    for path in pages:
        r = c.get(path)
        if path == "/settings" and r.status in (301, 302, 303):
            r = c.follow(r)
        expect_status(r, 200, what="GET %s as the partner with a hostile name" % path)
        expect("<script>alert(1)" not in r.text, "GET %s shows the name unescaped" % path, r)
        if path == "/accounts":
            expect("&lt;script&gt;alert(1)&lt;/script&gt;" in r.text,
                   "GET /accounts does not show the escaped name", r)
    # the sign-up form kept on 422 escapes the typed name inside value="..."
    n = Client(s)
    n.get("/signup")
    r = n.post("/signup", {"email": unique_email("h"), "password": "short", "name": HOSTILE_NAME,
                           "agree_terms": "1", "agree_age": "1"})
    expect_status(r, 422, what="sign-up with a short password and a hostile name")
    expect("<script>alert(1)" not in r.text, "the 422 sign-up form has the raw name", r)
    expect(input_value(r.text, "name") == HOSTILE_NAME, "the 422 sign-up form did not keep the name", r)


def test_hostile_email_escaped_in_login_form(s):
    c = Client(s)
    c.get("/login")
    bad = '"><script>alert(2)</script>@example.com'
    r = c.post("/login", {"email": bad, "password": "whatever-password"})
    expect(r.status in (400, 422), "log-in with a hostile email answered %d" % r.status, r)
    expect("<script>alert(2)" not in r.text, "the log-in page has the raw email", r)


def test_nul_and_invalid_utf8(s):
    c = Client(s)
    for path in ("/login?email=%00", "/login?email=%FF%FE", "/signup?x=%C0%AF", "/login?%00=1"):
        r = c.get(path)
        expect(r.status < 500, "GET %s answered %d" % (path, r.status), r)
    for field, value in (("email", b"a\x00b@example.com"), ("name", b"\xff\xfe"), ("name", b"ab\x00cd"),
                         ("email", b"\xc0\xafa@example.com"), ("password", b"abcdefghij\xff")):
        c = Client(s)
        c.get("/signup")
        em = unique_email("bytes")
        fields = {"email": em, "password": new_password(), "name": "바이트", "agree_terms": "1", "agree_age": "1"}
        fields[field] = value
        r = c.post("/signup", fields)
        expect(r.status in (400, 422), "sign-up with %s=%r answered %d" % (field, value, r.status), r)
        if field != "email":
            _, r2 = login(s, em, fields["password"] if field != "password" else "abcdefghij")
            expect_status(r2, 422, what="log-in as the refused sign-up (%s=%r)" % (field, value))
    c = Client(s)
    c.get("/login")
    r = c.post("/login", {"email": b"x\x00@example.com", "password": b"\xff" * 12})
    expect(r.status in (400, 422), "log-in with NUL and bad UTF-8 answered %d" % r.status, r)


def test_two_megabyte_field_413(s):
    c = Client(s)
    c.get("/signup")
    r = c.post("/signup", {"email": unique_email("big"), "password": new_password(), "name": "x" * (2 * 1024 * 1024),
                           "agree_terms": "1", "agree_age": "1"})
    expect_status(r, 413, what="POST /signup with a 2 MB field")


def test_nginx_own_answers_have_security_headers(s):
    """Answers nginx makes itself (body too large, header too large) are responses too."""
    c = Client(s)
    c.get("/signup")
    r = c.post("/signup", {"email": unique_email("big"), "password": new_password(), "name": "x" * (2 * 1024 * 1024),
                           "agree_terms": "1", "agree_age": "1"})
    expect_status(r, 413, what="POST /signup with a 2 MB field")
    expect_security_headers(r)
    r = c.get("/login", headers={"X-Filler": "a" * 20000})
    expect_4xx(r, "GET /login with a 20 KB header")
    expect_security_headers(r)


def test_twenty_kilobyte_header(s):
    c = Client(s)
    r = c.get("/login", headers={"X-Filler": "a" * 20000})
    expect_4xx(r, "GET /login with a 20 KB header")
    r = c.get("/login", headers={"Cookie": "sid=" + "b" * 20000})
    expect_4xx(r, "GET /login with a 20 KB cookie")


def test_three_hundred_fields(s):
    _, em, pw = signup(s)
    c = Client(s)
    c.get("/login")
    fields = [("email", em), ("password", pw)] + [("f%d" % i, "v") for i in range(300)]
    r = c.post("/login", fields)
    expect_4xx(r, "POST /login with 302 fields")
    expect(not signed_in(c), "a request with 300 extra fields signed in")


def test_malformed_bodies_400(s):
    _, em, pw = signup(s)
    c = Client(s)
    c.get("/login")
    token = c.csrf()
    fields = [("email", em), ("password", pw), ("csrf", token)]
    body, ctype = multipart(fields)
    truncated = body[: body.index(b'name="password"') + 30]  # cut inside the password part
    r = c.request("POST", "/login", body=truncated, content_type=ctype)
    expect_status(r, 400, what="POST /login with a truncated multipart body")
    r = c.request("POST", "/login", body=body.replace(b"--\r\n", b"\r\n"), content_type=ctype)
    expect_status(r, 400, what="POST /login with a multipart body lacking its closing boundary")
    r = c.request("POST", "/login", body=body, content_type="multipart/form-data")
    expect_status(r, 400, what="POST /login multipart without a boundary parameter")
    r = c.request("POST", "/login", body=b"email=%zz&password=%&csrf=" + token.encode(),
                  content_type="application/x-www-form-urlencoded")
    expect(r.status in (400, 403, 422), "POST /login with bad %%-escapes answered %d" % r.status, r)
    expect(not signed_in(c), "a malformed body signed in")


def test_odd_requests_never_5xx(s):
    c = Client(s)
    c.get("/login")
    token = c.csrf()
    cases = [
        ("POST", "/login", b'{"email":"a@b.c"}', {"Content-Type": "application/json"}),
        ("POST", "/login", b"", {"Content-Type": None}),
        ("POST", "/login", b"csrf=" + token.encode(), {"Content-Type": "text/plain"}),
        ("POST", "/signup", b"=&&=&csrf&csrf=&email", {"Content-Type": "application/x-www-form-urlencoded"}),
        ("POST", "/signup", b"csrf=%s&csrf=%s" % (token.encode(), token.encode()),
         {"Content-Type": "application/x-www-form-urlencoded"}),
        ("GET", "/login?" + "a=1&" * 500, None, {}),
        ("GET", "/" + "a" * 3000, None, {}),
        ("GET", "/accounts?%%%", None, {}),
        ("OPTIONS", "/login", None, {}),
    ]
    for method, path, body, headers in cases:
        r = c.request(method, path, body=body, headers=headers)
        expect(r.status < 500, "%s %s (%r) answered %d" % (method, path[:40], (body or b"")[:30], r.status), r)
    status, raw = c.raw(b"POST /login HTTP/1.1\r\nHost: 127.0.0.1\r\nTransfer-Encoding: chunked\r\n"
                        b"Content-Type: application/x-www-form-urlencoded\r\nConnection: close\r\n\r\n"
                        b"5\r\nemail\r\n0\r\n\r\n")
    expect(status is not None and status < 500, "chunked POST /login answered %r" % (raw[:200],))
    status, raw = c.raw(b"GET /login HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n"
                        b"Cookie: \xff\xfe=\x00\x01; ;;=;\r\n\r\n")
    expect(status is not None and status < 500, "GET /login with a garbage Cookie header answered %r" % (raw[:200],))


# ---------------------------------------------------------------------------
# operator


def test_ops_only_for_operators(s):
    r = Client(s).get("/ops/")
    expect(r.status in (303, 403, 404), "GET /ops/ anonymous answered %d" % r.status, r)
    if r.status == 303:
        expect((r.location_path or "").startswith("/login"), "anonymous /ops/ redirects elsewhere", r)
    c, _, _ = signup(s)
    r = c.get("/ops/")
    expect(r.status in (403, 404), "GET /ops/ as a partner answered %d" % r.status, r)
    em, pw = unique_email("op"), new_password()
    s.sangdamctl("create-operator", em, input_text=pw + "\n")
    op = login_ok(s, em, pw)
    r = op.get("/ops/")
    expect_status(r, 200, what="GET /ops/ as an operator")
    expect_security_headers(r)
    expect_no_store(r)


# ---------------------------------------------------------------------------
# last: the database goes away and comes back


@run_last
def test_zz_healthz_503_when_database_down(s):
    try:
        s.pg_data_dir()
    except Exception as e:  # noqa: BLE001
        raise Skip(str(e))
    c = Client(s)
    member, _, _ = signup(s)  # signed in before the database goes away
    s.pg_ctl("stop")
    try:
        deadline = time.time() + 10
        while True:
            r = c.request("GET", "/healthz", expect_5xx=True)
            if r.status == 503 or time.time() > deadline:
                break
            time.sleep(0.3)
        expect_status(r, 503, what="GET /healthz with PostgreSQL stopped")
        expect_security_headers(r)
    finally:
        s.pg_ctl("start")
    # the programs reconnect by themselves: no request after the restart fails (every
    # worker of every program gets one; a worker holding a dead connection must reconnect)
    s.wait_healthy(30)
    failures = []
    for _ in range(6):
        for path in ("/accounts", "/settings/password", "/ops/"):
            r = member.get(path)
            if r.status not in (200, 404):
                failures.append("GET %s -> %d" % (path, r.status))
    expect(not failures, "after PostgreSQL restarted: %s" % ", ".join(failures[:8]))
    signup(s)
