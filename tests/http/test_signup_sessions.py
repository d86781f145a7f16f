"""Sign-up finished by a mailed link, and the partner's sessions in "my account" with
revoke and a cap (SPEC AUTH-9; DESIGN section 10, sign up). Each test takes the running Stack."""

import re

from client import Client, unique_email
from testlib import (expect, expect_status, expect_see_other, signup, signup_request, signup_link,
                     signup_confirm, login_ok, signed_in, new_password, normalize_page, wait_new_mail)


def _fields(email, name="확인"):
    return {"email": email, "password": new_password(), "name": name, "agree_terms": "1", "agree_age": "1"}


def _partners(s, email):
    return int(s.psql("SELECT count(*) FROM partners WHERE lower(email) = lower('%s')" % email).strip())


def _answer(s, email):
    """Signs EMAIL up from a fresh client: (the 303, the page it leads to, the mail sent)."""
    c = Client(s)
    c.get("/signup")
    before = set(s.mail_files())
    r = c.post("/signup", _fields(email))
    page = c.get(r.location_path or "/signup")
    return r, page, wait_new_mail(s, email, before)


def test_signup_registered_address_answers_like_a_new_one(s):
    _, registered, _ = signup(s)
    new = unique_email("fresh")
    r_old, page_old, mail_old = _answer(s, registered)
    r_new, page_new, mail_new = _answer(s, new)
    for label, a, b in (("status", r_old.status, r_new.status), ("Location", r_old.location, r_new.location),
                        ("body of the 303", normalize_page(r_old.text), normalize_page(r_new.text)),
                        ("status of the page", page_old.status, page_new.status),
                        ("page", normalize_page(page_old.text), normalize_page(page_new.text))):
        expect(a == b, "sign-up of a registered and of a new address differ in the %s: %r vs %r"
               % (label, str(a)[:300], str(b)[:300]))
    expect_see_other(r_new, "/signup", what="POST /signup")
    expect(page_new.status == 200, "the page after sign-up answered %d" % page_new.status, page_new)
    expect('action="/signup"' not in page_new.text and 'href="/signup"' in page_new.text,
           "the page after sign-up shows the empty form again, not a way to sign up again", page_new)
    # the owner is told, with a way to log in or reset the password, and gets no link
    expect(signup_link(mail_old) is None, "the registered owner was mailed a sign-up link")
    expect("/login" in mail_old and "/password/forgot" in mail_old,
           "the owner's warning has no log-in and reset links: %r" % mail_old[-600:])
    expect(signup_link(mail_new), "the new address got no /signup/confirm/ link: %r" % mail_new[-600:])
    expect(_partners(s, registered) == 1, "a second partner with the registered email")
    expect(_partners(s, new) == 0, "the partner was made before the link was followed")


def test_signup_link_signs_in_once(s):
    em = unique_email("once")
    c = Client(s)
    c.get("/signup")
    fields = _fields(em, "한 번")
    path = signup_link(signup_request(s, c, fields))
    expect(not signed_in(c), "signed in before the mailed link was followed")
    r = c.get(path)
    expect_status(r, 200, what="GET the mailed link")
    expect(_partners(s, em) == 0, "GET of the link made the partner (only the POST may)")
    other = Client(s)
    other.get(path)
    r = signup_confirm(c, path)
    expect_see_other(r, "/accounts", what="POST the mailed link")
    expect(signed_in(c), "not signed in after the link's POST")
    expect("한 번" in c.get("/accounts").text, "/accounts does not show the signed-up name")
    r = other.post(path, {})
    expect_status(r, 404, what="POST the spent link again")
    expect(not signed_in(other), "the spent link signed a second client in")
    r = Client(s).get(path)
    expect_status(r, 404, what="GET the spent link")
    expect(_partners(s, em) == 1, "%d partners after one sign-up" % _partners(s, em))
    login_ok(s, em, fields["password"])


def test_signup_unknown_or_expired_link_creates_nothing(s):
    em = unique_email("late")
    c = Client(s)
    c.get("/signup")
    path = signup_link(signup_request(s, c, _fields(em)))
    c.get(path)
    s.psql("UPDATE signups SET expires_at = now() - interval '1 second' WHERE lower(email) = lower('%s')" % em)
    r = c.post(path, {})
    expect_status(r, 404, what="POST an expired link")
    expect('action="/signup/confirm/' not in r.text, "the expired link's page still has its button", r)
    r = c.get(path)
    expect_status(r, 404, what="GET an expired link")
    unknown = "/signup/confirm/" + "B" * 43
    r = c.post(unknown, {})
    expect_status(r, 404, what="POST an unknown link")
    expect(not signed_in(c), "an expired or unknown link signed in")
    expect(_partners(s, em) == 0, "an expired link made a partner")
    r = c.post(path, {}, csrf=False)
    expect_status(r, 403, what="POST the link without csrf")


# ---------------------------------------------------------------------------
# sessions in "my account"

def _session_ids(page):
    return [int(x) for x in re.findall(r'action="/settings/sessions/(\d+)/revoke"', page.text)]


def test_settings_lists_sessions_and_revokes_one(s):
    phone = Client(s)
    phone.default_headers["User-Agent"] = ("Mozilla/5.0 (Linux; Android 14; SM-S918N) AppleWebKit/537.36 "
                                           "(KHTML, like Gecko) Chrome/124.0 Mobile Safari/537.36")
    _, em, pw = signup(s, client=phone)
    desk = Client(s)
    desk.default_headers["User-Agent"] = ("Mozilla/5.0 (Windows NT 10.0; Win64; x64; rv:125.0) "
                                          "Gecko/20100101 Firefox/125.0")
    login_ok(s, em, pw, client=desk)
    third = login_ok(s, em, pw)
    r = desk.get("/settings")
    expect_status(r, 200, what="GET /settings")
    ids = _session_ids(r)
    expect(len(ids) == 3, "the settings page lists %d sessions, want 3" % len(ids), r)
    expect("Firefox, Windows" in r.text, "the settings page does not name the Firefox on Windows", r)
    expect("sangdam-tests/1" in r.text, "the settings page does not name the test client's agent", r)
    expect(re.search(r"\b%s\b" % re.escape(desk.source_address), r.text),
           "the settings page does not show the client address %s" % desk.source_address, r)
    rows = r.text.split('<li class="session"')
    marked = [row for row in rows if "this-device" in row]
    expect(len(marked) == 1 and "Firefox" in marked[0], "this device is not the one marked: %r"
           % [m[:200] for m in marked])
    # revoke the Android phone's session from the desk
    phone_row = [row for row in rows if "Chrome, Android" in row]
    expect(len(phone_row) == 1, "the Android phone is not listed once", r)
    phone_id = int(re.search(r'/settings/sessions/(\d+)/revoke', phone_row[0]).group(1))
    r = desk.post("/settings/sessions/%d/revoke" % phone_id, {})
    expect_see_other(r, "/settings", what="POST revoke")
    expect(not signed_in(phone), "the revoked session still works")
    expect(signed_in(desk), "revoking another session ended this one")
    expect(signed_in(third), "revoking one session ended a third one")
    ids_after = _session_ids(desk.get("/settings"))
    expect(sorted(ids_after) == sorted(i for i in ids if i != phone_id),
           "after revoking %d the list is %r (was %r)" % (phone_id, ids_after, ids))
    r = desk.post("/settings/sessions/%d/revoke" % phone_id, {})
    expect_status(r, 404, what="POST revoke of an ended session")


def test_settings_revoke_other_partners_session_404(s):
    a, _, _ = signup(s)
    b, _, _ = signup(s)
    b_ids = _session_ids(b.get("/settings"))
    a.get("/settings")
    r = a.post("/settings/sessions/%d/revoke" % b_ids[0], {})
    expect_status(r, 404, what="POST revoke of another partner's session")
    expect(signed_in(b), "another partner's session was ended")
    r = a.post("/settings/sessions/%d/revoke" % b_ids[0], {}, csrf=False)
    expect_status(r, 403, what="POST revoke without csrf")


def test_session_cap_ends_the_oldest(s):
    c, em, pw = signup(s)
    first = int(s.psql("SELECT max(s.id) FROM sessions s JOIN partners p ON p.id = s.partner_id "
                       "WHERE lower(p.email) = lower('%s')" % em).strip())
    # 49 more, older than the new one will be, bring the partner to the cap of 50
    s.psql("INSERT INTO sessions (partner_id, token_hash, expires_at) SELECT p.id, "
           "md5(random()::text) || g, now() + interval '1 day' FROM partners p, generate_series(1, 49) g "
           "WHERE lower(p.email) = lower('%s')" % em)
    expect(signed_in(c), "the first session ended before the cap was reached")
    newest = login_ok(s, em, pw)
    n = int(s.psql("SELECT count(*) FROM sessions s JOIN partners p ON p.id = s.partner_id "
                   "WHERE lower(p.email) = lower('%s')" % em).strip())
    expect(n == 50, "the partner has %d sessions after the 51st began; the cap is 50" % n)
    expect(s.psql("SELECT count(*) FROM sessions WHERE id = %d" % first).strip() == "0",
           "the oldest session was kept")
    expect(not signed_in(c), "the oldest session still works after the 51st began")
    expect(signed_in(newest), "the newest session does not work")
