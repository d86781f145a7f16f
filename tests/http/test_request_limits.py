"""The route table's limits (DESIGN.md section 3; issue 7): the body is read
after the route is matched, within that route's limit, and files reach only
routes that take them; typed segments refuse a malformed code or id before any
handler runs."""

from client import Client, File, unique_email
from testlib import expect, expect_status, expect_security_headers, signup, new_password


def test_form_route_refuses_a_large_body(s):
    """/login takes a form of at most 64 KiB: 100 KiB is refused with 413."""
    c = Client(s)
    c.get("/login")
    r = c.post("/login", {"email": unique_email("lim"), "password": "x" * (100 * 1024)})
    expect_status(r, 413, what="POST /login with a 100 KiB body")
    expect_security_headers(r)


def test_form_route_takes_a_body_under_its_limit(s):
    """Just under the limit is read and judged (a wrong password: 422, not 413)."""
    c = Client(s)
    c.get("/login")
    r = c.post("/login", {"email": unique_email("lim"), "password": "x" * (60 * 1024)})
    expect_status(r, 422, what="POST /login with a 60 KiB body")


def test_file_refused_where_none_is_taken(s):
    """A multipart body carrying a file to a route without files is refused (400)
    and changes nothing: no sign-up happens."""
    c = Client(s)
    c.get("/signup")
    email = unique_email("file")
    r = c.post_multipart("/signup", {"email": email, "password": new_password(), "name": "파일",
                                     "agree_terms": "1", "agree_age": "1"},
                         {"attachment": File("a.txt", b"hello", "text/plain")})
    expect_status(r, 400, what="POST /signup with a file")
    r = c.get("/accounts")
    expect_status(r, 303, what="GET /accounts after the refused sign-up (still signed out)")


def test_multipart_without_files_is_a_form(s):
    """A multipart body without a file is an ordinary form."""
    c = Client(s)
    c.get("/login")
    r = c.post_multipart("/login", {"email": unique_email("mp"), "password": "wrong-password-1"})
    expect_status(r, 422, what="multipart POST /login without files")


def test_typed_segments_refuse_malformed(s):
    """A code that is not 6 of a-z0-9, or an id with a leading zero, is 404."""
    c, _, _ = signup(s)
    for path in ("/a/ABCDEF/", "/a/abc12/", "/a/abc1234/", "/a/abc%2e1/",
                 "/talk/ABCDEF", "/talk/abc"):
        r = c.get(path)
        expect_status(r, 404, what="GET " + path)
