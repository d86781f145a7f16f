"""Sign-in throttling and CSRF that cannot be bent (issue 14, items 3 and 5; SPEC AUTH-4,
AUTH-5): email spellings that fold to one address share one count and one partner,
parallel guesses cannot pass the limit, one address's failures do not lock the owner
out elsewhere, and a signed-in form's token belongs to the session, not to a cookie
another browser could plant. Each test takes the running Stack."""

import threading

from client import Client, html_lang, unique_email
from testlib import (expect, expect_status, expect_see_other, signup, login, login_ok,
                     new_password)

KELVIN = "\u212a"           # KELVIN SIGN: NFC makes it K, folding k
DOTTED_I = "\u0130"         # LATIN CAPITAL LETTER I WITH DOT ABOVE: PostgreSQL lower() gives i
LONG_S = "\u017f"           # LATIN SMALL LETTER LONG S: folds to s; lower() keeps it


def spellings(email):
    """Other spellings of email (whose local part has k, i and s) that a database or a
    case folding may take for it."""
    local, domain = email.split("@")
    return {
        "Kelvin sign": local.replace("k", KELVIN, 1) + "@" + domain,
        "dotted capital I": local.replace("i", DOTTED_I, 1) + "@" + domain,
        "long s": local.replace("s", LONG_S, 1) + "@" + domain,
        "upper case": email.upper(),
    }


def kis_partner(s):
    _, em, pw = signup(s, email=unique_email("kis"))
    return em, pw


def fail_from_new_addresses(s, email, count):
    """count wrong passwords for email, each from a fresh address, so that only the
    per-email count can refuse; every one must be checked (422)."""
    for i in range(count):
        _, r = login(s, email, "wrong-" + new_password())
        expect_status(r, 422, what="failed log-in %d of %d as %r" % (i + 1, count, email))


def test_spellings_locked_with_the_plain_email(s):
    """While the plain spelling is throttled, no other spelling gets its password checked
    and signs in."""
    em, pw = kis_partner(s)
    fail_from_new_addresses(s, em, s.login_limit())
    for what, variant in spellings(em).items():
        c, r = login(s, variant, pw)
        expect(r.status in (422, 429),
               "right password spelled with the %s (%r) answered %d while %r is throttled"
               % (what, variant, r.status, em), r)


def test_spellings_that_sign_in_share_the_count(s):
    """A spelling is either the same partner (it signs in, and its failures lock the plain
    spelling) or no partner at all: never a partner with a count of its own."""
    for what in spellings("kis@example.com"):
        em, pw = kis_partner(s)
        variant = spellings(em)[what]
        _, r = login(s, variant, pw)
        if r.status != 303:
            expect_status(r, 422, what="right password spelled with the %s (%r)" % (what, variant))
            continue
        fail_from_new_addresses(s, variant, s.login_limit())
        _, r = login(s, em, pw)
        expect_status(r, 429, what="right password for %r after %d failures spelled with the %s"
                      % (em, s.login_limit(), what))


def test_parallel_guesses_checked_at_most_limit(s):
    """20 wrong passwords at once for one email from one address: at most login_limit of
    them are checked (422), the others refused (429) before any check."""
    limit = s.login_limit()
    em, _ = kis_partner(s)
    first = Client(s)
    clients = [first] + [Client(s, source_address=first.source_address) for _ in range(19)]
    for c in clients:
        expect_status(c.get("/login"), 200, what="GET /login")
    barrier = threading.Barrier(len(clients))
    statuses = [None] * len(clients)

    def guess(i):
        barrier.wait()
        statuses[i] = clients[i].post("/login", {"email": em, "password": "wrong-" + new_password()}).status

    threads = [threading.Thread(target=guess, args=(i,)) for i in range(len(clients))]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    checked = statuses.count(422)
    expect(checked <= limit and statuses.count(429) == len(clients) - checked,
           "20 parallel wrong guesses from one address answered %s: %d checked where %d are "
           "allowed" % (sorted(statuses), checked, limit))


def test_owner_signs_in_from_an_address_that_has_not_failed(s):
    """login_limit wrong passwords from one address lock that address out for this email,
    not the owner at another address."""
    limit = s.login_limit()
    em, pw = kis_partner(s)
    attacker = Client(s)
    for i in range(limit):
        _, r = login(s, em, "wrong-" + new_password(), client=attacker)
        expect_status(r, 422, what="failed log-in %d of %d from one address" % (i + 1, limit))
    _, r = login(s, em, pw, client=attacker)
    expect_status(r, 429, what="right password from the address that failed %d times" % limit)
    login_ok(s, em, pw)  # the owner, from another address


def test_planted_csrf_cookie_refused_when_signed_in(s):
    """Another browser's CSRF cookie with its matching token, planted in a signed-in
    browser, does not make a signed-in post pass (403) nor change anything."""
    victim, _, _ = signup(s)
    attacker = Client(s)
    attacker.get("/login")
    token = attacker.csrf()
    planted = {k: c for k, c in attacker.cookies.items() if k[0] == "sd_csrf"}
    expect(token is not None and planted, "GET /login gave no csrf cookie and token")
    victim.cookies.update(planted)
    r = victim.post("/settings/language", {"lang": "en", "csrf": token})
    expect_status(r, 403, what="signed-in POST /settings/language with a planted csrf cookie")
    r = victim.post("/settings/language", {"lang": "en"}, csrf=False,
                    headers={"X-CSRF-Token": token})
    expect_status(r, 403, what="the same with the token in X-CSRF-Token")
    r = victim.get("/accounts")
    expect(html_lang(r.text) == "ko", "the refused language change took effect", r)
    # the session's own token still works
    victim.get("/settings/language")
    r = victim.post("/settings/language", {"lang": "en"})
    expect_status(r, 303, what="POST /settings/language with its own token")


def test_forms_from_before_sign_in_still_post(s):
    """The sign-in and sign-up forms carry the pre-session token; a browser that signs in
    meanwhile (another tab) can still send them, while a signed-in form's token changes
    with the session."""
    _, em, pw = signup(s)
    c = Client(s)
    c.get("/signup")
    signup_token = c.csrf()
    c.get("/login")
    login_token = c.csrf()
    login_ok(s, em, pw, client=c)
    c.get("/settings/language")
    session_token = c.csrf()
    expect(session_token not in (signup_token, login_token),
           "the signed-in page carries the pre-session csrf token")
    r = c.post("/login", {"email": em, "password": pw, "csrf": login_token})
    expect_see_other(r, "/accounts", what="POST /login from a page rendered before sign-in")
    r = c.post("/settings/language", {"lang": "en", "csrf": session_token})
    expect_status(r, 403, what="POST /settings/language with the token of the session "
                  "before the last sign-in")
    r = c.post("/signup", {"email": "new-" + em, "password": new_password(), "name": "탭",
                           "agree_terms": "1", "agree_age": "1", "csrf": signup_token})
    expect(r.status != 403, "POST /signup from a page rendered before sign-in refused (403)", r)
