"""The mailed unlock link (issue 14 item 3, SPEC AUTH-5): when wrong passwords from
login_limit addresses lock an email out, its owner is mailed one single-use link whose
button lets that browser sign in despite the per-email rule, while every other browser
is still refused and the refusal reads the same for unregistered emails. Each test takes
the running Stack."""

import re

from client import Client, parse_set_cookie, unique_email
from testlib import (expect, expect_status, expect_see_other, signup, login, login_ok,
                     new_password)

COOKIE = "sd_unlock"
LOCKED_KO = "잠금을 푸는 링크를 메일로 보냈습니다"  # login.locked, Korean catalog


def lock_email(s, email):
    """login_limit wrong passwords for email, each from a fresh address (422 each), so that
    only the per-email rule refuses afterwards."""
    for i in range(s.login_limit()):
        _, r = login(s, email, "wrong-" + new_password())
        expect_status(r, 422, what="failed log-in %d of %d as %s" % (i + 1, s.login_limit(), email))


def unlock_mails(s, email):
    return [m for m in s.mails_to(email) if "/login/unlock/" in m]


def unlock_path(mail):
    m = re.search(r"https?://[^\s/]+(/login/unlock/[A-Za-z0-9_-]+)", mail)
    expect(m, "the unlock mail has no /login/unlock/ link: %r" % mail[-600:])
    return m.group(1)


def alert(resp):
    m = re.search(r'<p class="error" role="alert">(.*?)</p>', resp.text, re.S)
    return m.group(1) if m else None


def refused_locked(s, email, password, client=None):
    """Signs in as email from client (a fresh one by default); expects the 429 that names
    the unlock mail and returns (client, response)."""
    c, r = login(s, email, password, client=client)
    expect_status(r, 429, what="log-in as %s while its email is locked" % email)
    expect(LOCKED_KO in (alert(r) or ""), "the 429 does not say an unlock link was mailed", r)
    return c, r


def locked_partner(s):
    """A partner whose email is locked, the owner's browser that was refused, and the path
    of the one unlock link mailed for it."""
    _, em, pw = signup(s)
    lock_email(s, em)
    owner, _ = refused_locked(s, em, pw)
    mails = unlock_mails(s, em)  # mail_send has written the file before the answer
    expect(len(mails) == 1, "%d unlock mails to %s, not 1" % (len(mails), em))
    return em, pw, owner, unlock_path(mails[0])


def unlock(s, client, path):
    """GET the link's page, then post its button; expects the 303 to /login."""
    r = client.get(path)
    expect_status(r, 200, what="GET the mailed unlock link")
    expect(r.csrf() is not None, "the unlock page has no hidden csrf input", r)
    r = client.post(path, {})
    expect_see_other(r, "/login", what="POST the mailed unlock link")
    return r


def with_cookie(s, value, address=None):
    """A fresh browser (fresh address unless given) holding only sd_unlock=value."""
    c = Client(s, source_address=address)
    c.cookies[(COOKIE, "/")] = parse_set_cookie("%s=%s; Path=/" % (COOKIE, value))
    return c


def test_locked_owner_gets_one_unlock_mail(s):
    """After login_limit addresses failed, the owner's right password from a fresh address
    gets 429 saying a link was mailed, and exactly one link is mailed however often the
    owner and others try in the next 15 minutes."""
    em, pw, _, _ = locked_partner(s)
    refused_locked(s, em, pw)
    refused_locked(s, em, "wrong-" + new_password())
    got = len(unlock_mails(s, em))
    expect(got == 1, "%d unlock mails to %s after three refusals, not 1" % (got, em))


def test_unlock_link_lets_that_browser_in(s):
    """The link's button marks the browser that posts it (HttpOnly, SameSite=Lax cookie):
    it signs in with the right password from a fresh address while another fresh browser
    still gets 429. The trusted browser still obeys the pair rule."""
    em, pw, owner, path = locked_partner(s)
    expect_status(owner.get(path), 200, what="GET the link a second time (it is not spent)")
    r = unlock(s, owner, path)
    expect("done=unlocked" in (r.location or ""), "the unlock answer has no notice", r)
    cookie = owner.cookie(COOKIE)
    expect(cookie is not None and cookie.http_only and (cookie.same_site or "").lower() == "lax",
           "the unlock cookie is missing or not HttpOnly, SameSite=Lax", r)
    refused_locked(s, em, pw)  # another browser, never unlocked
    login_ok(s, em, pw, client=owner)
    # the same browser, from its address, failing login_limit times locks its own pair
    again = with_cookie(s, cookie.value, address=owner.source_address)
    for i in range(s.login_limit()):
        _, r = login(s, em, "wrong-" + new_password(), client=again)
        expect_status(r, 422, what="unlocked browser's failed log-in %d" % (i + 1))
    _, r = login(s, em, pw, client=again)
    expect_status(r, 429, what="right password from the unlocked browser after its own failures")


def test_unlock_link_single_use(s):
    """A spent link answers 404 and marks nobody; its browser stays the only one let in."""
    em, pw, owner, path = locked_partner(s)
    unlock(s, owner, path)
    other = Client(s)
    r = other.get(path)
    expect_status(r, 404, what="GET a spent unlock link")
    other.get("/login")
    r = other.post(path, {})
    expect_status(r, 404, what="POST a spent unlock link")
    expect(other.cookie(COOKIE) is None, "a spent link set the unlock cookie", r)
    refused_locked(s, em, pw, client=other)
    login_ok(s, em, pw, client=owner)


def test_unlock_link_expires(s):
    """A link past its 15 minutes answers 404 to GET and POST and marks nobody."""
    em, pw, owner, path = locked_partner(s)
    s.psql("UPDATE sign_in_unlocks SET expires_at = now() - interval '1 second' "
           "WHERE partner_id = (SELECT id FROM partners WHERE email = '%s')" % em)
    expect_status(owner.get(path), 404, what="GET an expired unlock link")
    owner.get("/login")
    r = owner.post(path, {})
    expect_status(r, 404, what="POST an expired unlock link")
    expect(owner.cookie(COOKIE) is None, "an expired link set the unlock cookie", r)
    refused_locked(s, em, pw, client=owner)


def test_unregistered_email_same_refusal_no_mail(s):
    """An email nobody registered, locked the same way, gets the same refusal and no mail."""
    em, pw, _, _ = locked_partner(s)
    _, registered = refused_locked(s, em, pw)
    ghost = unique_email("ghost")
    lock_email(s, ghost)
    _, r = refused_locked(s, ghost, new_password())
    expect(alert(r) == alert(registered),
           "the refusal differs for an unregistered email: %r vs %r" % (alert(r), alert(registered)))
    expect(not s.mails_to(ghost), "a mail went to the unregistered %s" % ghost)


def test_unlock_cookie_cannot_be_forged(s):
    """The cookie holds for its own email only: for another email, with its MAC or its
    expiry altered, it changes nothing (429); unaltered, in another browser, it lets in."""
    em, pw, owner, path = locked_partner(s)
    unlock(s, owner, path)
    value = owner.cookie(COOKIE).value
    em2, pw2, _, _ = locked_partner(s)
    expiry, mac = value.split(".", 1)
    flipped = mac[:-1] + ("A" if mac[-1] != "A" else "B")
    forged = {
        "another email's cookie": (em2, pw2, value),
        "altered MAC": (em, pw, expiry + "." + flipped),
        "altered expiry": (em, pw, str(int(expiry) - 60) + "." + mac),
        "no MAC": (em, pw, expiry),
    }
    for what, (email, password, cookie) in forged.items():
        _, r = login(s, email, password, client=with_cookie(s, cookie))
        expect_status(r, 429, what="right password with a forged unlock cookie (%s)" % what)
    login_ok(s, em, pw, client=with_cookie(s, value))
