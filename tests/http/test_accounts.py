"""Accounts: creation wizard, business numbers, names, the per-partner limit, public
codes, the operator's review, access by non-members, public switches, the profile with
its checked image uploads, exposure with QR codes, deletion, hostile display
(SPEC ACC-1..8, OPS-2, NF-1..3; DESIGN sections 6 "Uploads" and 10). Each test takes
the running Stack and drives it over HTTP as a browser would."""

import glob
import html
import html.parser
import os
import re
import secrets
import shutil
import struct
import subprocess
import tempfile
import zlib

from client import Client, File, unique_email, input_value, parse_inputs
from testlib import (Skip, expect, expect_status, expect_see_other, signup, login_ok, new_password)

CODE_RE = re.compile(r"^[a-z0-9]{6}$")
VALID_BRN_DASHED = "124-81-00998"   # passes the national check-digit rule
VALID_BRN_PLAIN = "1248100998"
HOSTILE_DISPLAY_NAME = "<script>alert(1)</script>"

MIB = 1024 * 1024


# ---------------------------------------------------------------------------
# helpers: catalog texts, names, partners, accounts, the operator


_catalogs = {}


def catalog(s, key, lang="ko"):
    """The text of KEY in the i18n catalog of the tree under test (templates/i18n/LANG/*.txt)."""
    if lang not in _catalogs:
        texts = {}
        for path in sorted(glob.glob(os.path.join(s.root, "templates", "i18n", lang, "*.txt"))):
            with open(path, encoding="utf-8") as f:
                for line in f:
                    line = line.rstrip("\n")
                    if not line.strip() or line.lstrip().startswith("#") or "=" not in line:
                        continue
                    k, v = line.split("=", 1)
                    texts[k.strip()] = v.strip()
        _catalogs[lang] = texts
    text = _catalogs[lang].get(key)
    if text is None:
        raise AssertionError("catalog key %r is missing in templates/i18n/%s" % (key, lang))
    return text


def page_text(resp):
    """The page with markup removed and entities decoded, blanks collapsed."""
    text = re.sub(r"<[^>]*>", " ", resp.text)
    return " ".join(html.unescape(text).split())


def has_text(resp, text):
    return " ".join(text.split()) in page_text(resp)


def unique_name(prefix="계정"):
    """A fresh account name (names are unique on the server)."""
    return "%s %s" % (prefix, secrets.token_hex(4))


def random_hangul(n):
    return "".join(chr(0xAC00 + secrets.randbelow(11172)) for _ in range(n))


def partner(s, name=None):
    """A newly signed-up partner's client (signed in)."""
    c, _, _ = signup(s, name=name)
    return c


def account_fields(kind="personal", name=None, category1="shopping", **extra):
    """The creation form as a browser sends it; extra=None drops a field."""
    fields = {"agree_terms": "1", "kind": kind, "name": name or unique_name(), "category1": category1}
    if kind in ("business", "organization"):
        fields["brn"] = VALID_BRN_DASHED
        fields["company"] = "상담상사"
    if kind == "business":
        fields["representative"] = "홍길동"
    fields.update(extra)
    return {k: v for k, v in fields.items() if v is not None}


def post_new_account(c, fields, **kw):
    """GET /accounts/new (for its csrf token) then POST the fields."""
    r = c.get("/accounts/new")
    expect_status(r, 200, what="GET /accounts/new")
    return c.post("/accounts/new", fields, **kw)


def code_of(resp):
    """CODE of a 303 to /a/CODE/, or None."""
    if resp.status != 303:
        return None
    m = re.match(r"^/a/([^/?#]+)/$", (resp.location_path or "").split("?")[0])
    return m.group(1) if m else None


def create_account(c, kind="personal", **kw):
    """Creates an account through the form; returns its public code."""
    fields = account_fields(kind, **kw)
    r = post_new_account(c, fields)
    expect(r.status == 303, "POST /accounts/new (%s, name %r) answered %d, not 303"
           % (kind, fields.get("name"), r.status), r)
    code = code_of(r)
    expect(code is not None and CODE_RE.match(code),
           "POST /accounts/new redirected to %r, not /a/CODE/ with a 6-character code" % r.location, r)
    return code


def owner_with_account(s, kind="personal", **kw):
    c = partner(s)
    return c, create_account(c, kind, **kw)


def listed_codes(c):
    """Codes of the accounts that /accounts links to, in page order, without repeats."""
    r = c.get("/accounts")
    expect_status(r, 200, what="GET /accounts")
    out = []
    for code in re.findall(r'href="/a/([a-z0-9]{6})/"', r.text):
        if code not in out:
            out.append(code)
    return out


def home(c, code):
    r = c.get("/a/%s/" % code)
    expect_status(r, 200, what="GET /a/%s/" % code)
    return r


_operators = {}


def operator(s):
    """A signed-in operator's client; the operator is made once per stack with sangdamctl."""
    if s.var not in _operators:
        email, password = unique_email("op"), new_password()
        proc = s.sangdamctl("create-operator", email, input_text=password + "\n", check=False)
        expect(proc.returncode == 0, "bin/sangdamctl create-operator %s exited %d: %s %s"
               % (email, proc.returncode, proc.stdout[-500:], proc.stderr[-500:]))
        _operators[s.var] = (email, password)
    email, password = _operators[s.var]
    return login_ok(s, email, password)


def decide(op, code, action, reason=None):
    """The operator's POST /ops/accounts/CODE/ACTION after GET /ops/accounts."""
    r = op.get("/ops/accounts")
    expect_status(r, 200, what="GET /ops/accounts as the operator")
    fields = {} if reason is None else {"reason": reason}
    return op.post("/ops/accounts/%s/%s" % (code, action), fields)


def approve(s, code):
    r = decide(operator(s), code, "approve")
    expect_see_other(r, "/ops/accounts", what="operator approves %s" % code)


# ---------------------------------------------------------------------------
# helpers: reading forms


class _FieldErrorFinder(html.parser.HTMLParser):
    """Finds the text of the first element with class "error" after the form control
    named FIELD and before the next visible control with another name."""

    CONTROLS = ("input", "select", "textarea")

    def __init__(self, field):
        super().__init__(convert_charrefs=True)
        self.field = field
        self.seen_field = False
        self.closed = False
        self.capture_tag = None
        self.parts = []
        self.result = None

    def handle_starttag(self, tag, attrs):
        if self.result is not None or self.closed:
            return
        a = {k: (v or "") for k, v in attrs}
        if self.capture_tag is not None:
            return
        if tag in self.CONTROLS and a.get("type", "").lower() != "hidden":
            if a.get("name") == self.field:
                self.seen_field = True
            elif self.seen_field:
                self.closed = True
            return
        if self.seen_field and "error" in a.get("class", "").split():
            self.capture_tag = tag
            self.parts = []

    def handle_endtag(self, tag):
        if self.capture_tag is not None and tag == self.capture_tag:
            self.result = " ".join("".join(self.parts).split())
            self.capture_tag = None

    def handle_data(self, data):
        if self.capture_tag is not None:
            self.parts.append(data)


def field_error(page, field):
    """The error message shown next to FIELD, or None."""
    p = _FieldErrorFinder(field)
    p.feed(page)
    p.close()
    return p.result


def form_error(page):
    """Text of the form-wide error (role=alert), or None."""
    m = re.search(r'<[^>]*\bclass="[^"]*\berror\b[^"]*"[^>]*role="alert"[^>]*>(.*?)</', page, re.S)
    if not m:
        m = re.search(r'<[^>]*role="alert"[^>]*>(.*?)</', page, re.S)
    return " ".join(html.unescape(re.sub(r"<[^>]*>", "", m.group(1))).split()) if m else None


class _TextareaReader(html.parser.HTMLParser):
    def __init__(self, name):
        super().__init__(convert_charrefs=True)
        self.name, self.inside, self.parts, self.found = name, False, [], False

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == "textarea" and not self.found and (a.get("name") == self.name or a.get("id") == self.name):
            self.inside, self.found = True, True

    def handle_endtag(self, tag):
        if tag == "textarea":
            self.inside = False

    def handle_data(self, data):
        if self.inside:
            self.parts.append(data)


def textarea_text(page, name):
    """Content of the textarea named (or with id) NAME; None when there is none. A
    browser drops one newline right after <textarea>; so does this."""
    p = _TextareaReader(name)
    p.feed(page)
    p.close()
    if not p.found:
        return None
    text = "".join(p.parts)
    return text[1:] if text.startswith("\n") else text


class _SelectReader(html.parser.HTMLParser):
    def __init__(self, name):
        super().__init__(convert_charrefs=True)
        self.name, self.inside, self.found, self.options, self.selected = name, False, False, [], None

    def handle_starttag(self, tag, attrs):
        a = {k: (v if v is not None else "") for k, v in attrs}
        if tag == "select" and a.get("name") == self.name and not self.found:
            self.inside, self.found = True, True
        elif tag == "option" and self.inside:
            self.options.append(a.get("value", ""))
            if "selected" in a and self.selected is None:
                self.selected = a.get("value", "")

    def handle_endtag(self, tag):
        if tag == "select":
            self.inside = False


def select_state(page, name):
    """(option values, selected value or None) of the select NAME; (None, None) if absent."""
    p = _SelectReader(name)
    p.feed(page)
    p.close()
    return (p.options, p.selected) if p.found else (None, None)


def checkbox_checked(page, name):
    """True/False for the checkbox NAME, None when the page has none."""
    for a in parse_inputs(page).inputs:
        if a.get("_tag") == "input" and a.get("name") == name and a.get("type", "").lower() == "checkbox":
            return "checked" in a
    return None


# ---------------------------------------------------------------------------
# helpers: profile form, images, the upload folder


def profile_fields(name, **extra):
    fields = {"name": name, "intro": "", "homepage": "", "phone": "", "category1": "shopping",
              "category2": ""}
    fields.update(extra)
    return fields


def post_profile(c, code, fields, files=None, **kw):
    """GET the profile page (its csrf token) and POST the multipart form; a browser sends
    an empty part (filename="") for each file input left empty, and so does this."""
    r = c.get("/a/%s/profile" % code)
    expect_status(r, 200, what="GET /a/%s/profile" % code)
    files = dict(files or {})
    for field in ("profile_image", "background_image"):
        files.setdefault(field, File("", b"", "application/octet-stream"))
    return c.post_multipart("/a/%s/profile" % code, fields, files, **kw)


def png_chunk(kind, data):
    body = kind + data
    return struct.pack(">I", len(data)) + body + struct.pack(">I", zlib.crc32(body) & 0xFFFFFFFF)


def png_image(width=16, height=16, seed=0):
    """A small valid RGB PNG; SEED changes its pixels (and so its bytes)."""
    rows = b""
    for y in range(height):
        rows += b"\x00" + b"".join(bytes(((x * 16 + seed) % 256, (y * 16) % 256, 128)) for x in range(width))
    return (b"\x89PNG\r\n\x1a\n"
            + png_chunk(b"IHDR", struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0))
            + png_chunk(b"IDAT", zlib.compress(rows, 9))
            + png_chunk(b"IEND", b""))


def jpeg_image():
    """A baseline JFIF, 8x8 grey (the same as tests/unit/fixtures/image.jpg)."""
    def segment(marker, payload):
        return b"\xff" + bytes((marker,)) + struct.pack(">H", len(payload) + 2) + payload
    one_code = bytes([1] + [0] * 15)
    return (b"\xff\xd8"
            + segment(0xE0, b"JFIF\x00\x01\x01\x00\x00\x01\x00\x01\x00\x00")
            + segment(0xDB, b"\x00" + b"\x01" * 64)
            + segment(0xC0, b"\x08" + struct.pack(">HH", 8, 8) + b"\x01\x01\x11\x00")
            + segment(0xC4, b"\x00" + one_code + b"\x00")
            + segment(0xC4, b"\x10" + one_code + b"\x00")
            + segment(0xDA, b"\x01\x01\x00\x00\x3f\x00")
            + b"\x3f"
            + b"\xff\xd9")


def fixture(s, name, build):
    """tests/unit/fixtures/NAME when it is there, else what BUILD makes."""
    path = os.path.join(s.root, "tests", "unit", "fixtures", name)
    if os.path.isfile(path):
        with open(path, "rb") as f:
            data = f.read()
        if data:
            return data
    return build()


def good_png(s):
    return fixture(s, "image.png", png_image)


def good_jpeg(s):
    return fixture(s, "image.jpg", jpeg_image)


def png_size(data):
    """(width, height) from a PNG's IHDR; AssertionError when DATA is not a PNG."""
    expect(data[:8] == b"\x89PNG\r\n\x1a\n", "not a PNG: starts with %r" % data[:16])
    expect(data[12:16] == b"IHDR", "PNG's first chunk is %r, not IHDR" % data[12:16])
    return struct.unpack(">II", data[16:24])


def upload_dir(s):
    folder = s.conf().get("upload_dir") or os.path.join(s.var, "uploads")
    if not os.path.isdir(folder) or not os.access(folder, os.R_OK | os.X_OK):
        raise Skip("cannot read the upload folder %s" % folder)
    return folder


def upload_files(s):
    """Set of the files under the upload folder, as paths relative to it."""
    base = upload_dir(s)
    out = set()
    for folder, _, files in os.walk(base):
        for f in files:
            out.add(os.path.relpath(os.path.join(folder, f), base))
    return out


def var_files_named(s, basename):
    """Paths of files named BASENAME anywhere under VAR, or directly in the folder that holds VAR."""
    found = []
    for folder, _, files in os.walk(s.var):
        if basename in files:
            found.append(os.path.join(folder, basename))
    beside = os.path.join(os.path.dirname(s.var), basename)
    if os.path.exists(beside):
        found.append(beside)
    return found


def profile_image_of(c, code):
    """(status, content type, bytes) of GET /a/CODE/images/profile."""
    r = c.get("/a/%s/images/profile" % code)
    return r.status, (r.header("Content-Type") or "").split(";")[0].strip().lower(), r.body


def chat_url(s, code):
    base = (s.conf().get("base_url") or s.base_url).rstrip("/")
    return "%s/talk/%s" % (base, code)


# ---------------------------------------------------------------------------
# creation (ACC-2, ACC-4)


def test_new_account_form_has_every_field(s):
    c = partner(s)
    r = c.get("/accounts/new")
    expect_status(r, 200, what="GET /accounts/new")
    expect(r.csrf(), "GET /accounts/new has no hidden csrf input", r)
    names = {a.get("name") for a in parse_inputs(r.text).inputs}
    for field in ("kind", "name", "category1", "brn", "company", "representative", "agree_terms"):
        expect(field in names, "GET /accounts/new has no control named %r" % field, r)
    kinds = {a.get("value") for a in parse_inputs(r.text).inputs if a.get("name") == "kind"}
    expect(kinds == {"personal", "business", "organization"}, "kind choices are %r" % kinds, r)
    options, _ = select_state(r.text, "category1")
    expect(options and len([o for o in options if o]) >= 5, "category1 offers %r" % options, r)


def test_new_account_anonymous_sent_to_login(s):
    c = Client(s)
    r = c.get("/accounts/new")
    expect_see_other(r, "/login", what="GET /accounts/new anonymous")
    c.get("/login")
    r = c.post("/accounts/new", account_fields())
    expect_status(r, 403, what="POST /accounts/new anonymous (with a csrf token of the login page)")


def test_create_personal_account_redirects_to_account_home(s):
    c = partner(s)
    r = post_new_account(c, account_fields("personal"))
    expect(r.status == 303, "POST /accounts/new answered %d" % r.status, r)
    code = code_of(r)
    expect(code is not None and CODE_RE.match(code),
           "Location %r is not /a/CODE/ with CODE of 6 lower-case letters and digits" % r.location, r)
    home(c, code)


def test_created_account_listed_on_accounts_page(s):
    c = partner(s)
    name = unique_name("목록")
    code = create_account(c, name=name)
    r = c.get("/accounts")
    expect_status(r, 200, what="GET /accounts")
    expect('href="/a/%s/"' % code in r.text, "/accounts has no link to /a/%s/" % code, r)
    expect(has_text(r, name), "/accounts does not show the name %r" % name, r)
    expect(has_text(r, catalog(s, "account.status.pending")), "/accounts does not show the pending status", r)


def test_new_account_home_shows_pending_status(s):
    c = partner(s)
    name = unique_name("검수")
    code = create_account(c, name=name)
    r = home(c, code)
    expect(has_text(r, name), "the account home does not show the name %r" % name, r)
    expect(has_text(r, catalog(s, "account.status.pending")), "the home does not say 검수 중", r)
    expect(has_text(r, catalog(s, "account_home.pending")), "the home has no pending notice", r)
    expect(not has_text(r, catalog(s, "account_home.approved")), "a new account says it is approved", r)


def test_new_account_review_history_shows_submission(s):
    c, code = owner_with_account(s)
    r = home(c, code)
    expect(has_text(r, catalog(s, "account_home.reviews")), "the home has no review history", r)
    rows = re.findall(r"<tr>(.*?)</tr>", r.text, re.S)
    submitted = [row for row in rows if catalog(s, "review.submitted") in html.unescape(row)]
    expect(len(submitted) == 1, "the review history has %d '%s' rows, not 1"
           % (len(submitted), catalog(s, "review.submitted")), r)
    expect(re.search(r"\d{4}-\d{2}-\d{2} \d{2}:\d{2}", submitted[0]), "the submission row has no date", r)


# ---------------------------------------------------------------------------
# review by the operator (ACC-3, OPS-2)


def test_operator_sees_ops_pages_and_pending_account(s):
    c = partner(s)
    name = unique_name("검토")
    code = create_account(c, "business", name=name)
    op = operator(s)
    r = op.get("/ops/")
    expect_status(r, 200, what="GET /ops/ as the operator")
    r = op.get("/ops/accounts")
    expect_status(r, 200, what="GET /ops/accounts as the operator")
    expect(code in r.text, "/ops/accounts does not list the pending account %s" % code, r)
    expect(has_text(r, name), "/ops/accounts does not show the name %r" % name, r)
    expect('action="/ops/accounts/%s/approve"' % code in r.text, "no approve form for %s" % code, r)
    expect('action="/ops/accounts/%s/reject"' % code in r.text, "no reject form for %s" % code, r)


def test_partner_gets_404_on_ops_pages(s):
    c = partner(s)
    code = create_account(c)
    for path in ("/ops/", "/ops/accounts"):
        r = c.get(path)
        expect_status(r, 404, what="GET %s as a partner" % path)
    c.get("/accounts")
    for action, fields in (("approve", {}), ("reject", {"reason": "스스로 반려"})):
        r = c.post("/ops/accounts/%s/%s" % (code, action), fields)
        expect_status(r, 404, what="POST /ops/accounts/%s/%s as the partner (valid csrf)" % (code, action))
    r = home(c, code)
    expect(has_text(r, catalog(s, "account_home.pending")), "a partner's POST changed the review", r)
    expect(not has_text(r, catalog(s, "review.approved")), "a partner approved their own account", r)


def test_operator_approves_account(s):
    c, code = owner_with_account(s)
    op = operator(s)
    r = decide(op, code, "approve")
    expect_see_other(r, "/ops/accounts", what="POST approve")
    r = op.get("/ops/accounts")
    expect('id="review-%s"' % code not in r.text, "the approved account is still listed as pending", r)
    r = home(c, code)
    expect(has_text(r, catalog(s, "account_home.approved")), "the home does not say approved", r)
    expect(has_text(r, catalog(s, "account.status.approved")), "the status tag is not approved", r)
    expect(not has_text(r, catalog(s, "account_home.pending")), "the home still says pending", r)
    rows = [html.unescape(row) for row in re.findall(r"<tr>(.*?)</tr>", r.text, re.S)]
    expect(any(catalog(s, "review.approved") in row for row in rows), "the history has no approval", r)
    expect(any(catalog(s, "review.submitted") in row for row in rows), "the history lost the submission", r)


def test_reject_without_reason_refused(s):
    c, code = owner_with_account(s)
    op = operator(s)
    for reason in ("", "   "):
        r = decide(op, code, "reject", reason)
        expect_status(r, 422, what="reject with reason %r" % reason)
        m = re.search(r'<li[^>]*id="review-%s".*?</li>' % code, r.text, re.S)
        expect(m, "the 422 page does not list the account %s" % code, r)
        expect(field_error(m.group(0), "reason") == catalog(s, "err.required"),
               "no message next to the reason of %s" % code, r)
    r = home(c, code)
    expect(has_text(r, catalog(s, "account_home.pending")), "a refused rejection changed the status", r)


def test_reject_with_reason_shown_escaped_to_partner(s):
    c, code = owner_with_account(s)
    reason = "<script>alert('반려')</script> 사업자 서류를 확인할 수 없습니다 & 다시 신청해 주세요"
    r = decide(operator(s), code, "reject", reason)
    expect_see_other(r, "/ops/accounts", what="reject with a reason")
    r = home(c, code)
    expect(has_text(r, catalog(s, "account_home.rejected")), "the home does not say rejected", r)
    expect(has_text(r, catalog(s, "account.status.rejected")), "the status tag is not rejected", r)
    expect("<script>alert('반려')" not in r.text, "the reason is shown unescaped", r)
    expect("&lt;script&gt;" in r.text, "the reason is not shown escaped", r)
    expect(has_text(r, reason), "the home does not show the reason", r)
    r = c.get("/accounts")
    expect(has_text(r, catalog(s, "account.status.rejected")), "/accounts does not show rejected", r)


def test_deciding_a_decided_account_is_404(s):
    _, approved = owner_with_account(s)
    _, rejected = owner_with_account(s)
    op = operator(s)
    expect_see_other(decide(op, approved, "approve"), "/ops/accounts", what="first approval")
    expect_see_other(decide(op, rejected, "reject", "서류 부족"), "/ops/accounts", what="first rejection")
    for code, action, reason in ((approved, "approve", None), (approved, "reject", "뒤늦은 반려"),
                                 (rejected, "approve", None), (rejected, "reject", "두 번째 반려"),
                                 ("zzzzzz", "approve", None)):
        r = decide(op, code, action, reason)
        expect_status(r, 404, what="%s of %s again" % (action, code))


def test_hostile_business_fields_escaped_on_ops_page(s):
    c = partner(s)
    company = '<img src=x onerror=alert(1)>"상사'
    representative = "<script>alert(2)</script>"
    code = create_account(c, "business", company=company, representative=representative)
    r = operator(s).get("/ops/accounts")
    expect_status(r, 200, what="GET /ops/accounts")
    m = re.search(r'<li[^>]*id="review-%s".*?</li>' % code, r.text, re.S)
    expect(m, "/ops/accounts does not list %s" % code, r)
    block = m.group(0)
    expect("<img src=x" not in block and "<script>alert(2)" not in block,
           "the operator's page shows the company or representative unescaped", r)
    expect(company in html.unescape(block) and representative in html.unescape(block),
           "the operator's page does not show the company and representative", r)


def test_reject_reason_too_long_refused_keeping_typed(s):
    c, code = owner_with_account(s)
    reason = random_hangul(501)
    r = decide(operator(s), code, "reject", reason)
    expect_status(r, 422, what="reject with a reason of 501 characters")
    m = re.search(r'<li[^>]*id="review-%s".*?</li>' % code, r.text, re.S)
    expect(m, "the 422 page does not list the account %s" % code, r)
    expect(field_error(m.group(0), "reason"), "no message next to the too-long reason", r)
    expect(textarea_text(m.group(0), "reason") == reason, "the typed reason was not kept", r)
    expect(has_text(home(c, code), catalog(s, "account_home.pending")), "a refused rejection changed the status")


# ---------------------------------------------------------------------------
# creation: business numbers, names, the limit, codes (ACC-1, ACC-2, ACC-4, ACC-5)


def test_create_business_account_with_dashed_number(s):
    c = partner(s)
    code = create_account(c, "business", brn=VALID_BRN_DASHED)
    expect(code in listed_codes(c), "the business account is not listed")


def test_create_business_account_with_plain_number(s):
    c = partner(s)
    code = create_account(c, "business", brn=VALID_BRN_PLAIN)
    expect(code in listed_codes(c), "the business account is not listed")


def _refused_creation(s, fields, field, message_key=None, what=""):
    """Posts FIELDS, expects 422 with an error next to FIELD (the catalog text of
    MESSAGE_KEY when given), every typed text kept, and no account created."""
    c = partner(s)
    before = listed_codes(c)
    r = post_new_account(c, fields)
    expect_status(r, 422, what=what or "POST /accounts/new")
    err = field_error(r.text, field)
    expect(err, "%s: no error message next to %r" % (what, field), r)
    if message_key:
        want = catalog(s, message_key).replace("{max}", "20")
        expect(err == want, "%s: the message next to %r is %r, not %r" % (what, field, err, want), r)
    for name in ("name", "brn", "company", "representative"):
        if name in fields:
            got = input_value(r.text, name) or ""
            typed = fields[name].strip()
            if name == "brn":  # a valid number may come back as its 10 digits, without dashes
                same = got == typed or got == re.sub(r"[- ]", "", typed)
            else:
                same = got == typed
            expect(same, "%s: the form lost what was typed in %r (%r became %r)"
                   % (what, name, fields[name], got), r)
    if "kind" in fields and fields["kind"] in ("personal", "business", "organization"):
        checked = [a.get("value") for a in parse_inputs(r.text).inputs
                   if a.get("name") == "kind" and "checked" in a]
        expect(checked == [fields["kind"]], "%s: the kind chosen is not kept (checked: %r)" % (what, checked), r)
    options, _ = select_state(r.text, "category1")
    if fields.get("category1") and fields["category1"] in (options or []):
        _, selected = select_state(r.text, "category1")
        expect(selected == fields["category1"], "%s: category1 %r not kept (selected %r)"
               % (what, fields["category1"], selected), r)
    expect(listed_codes(c) == before, "%s: an account was created anyway" % what)
    return r


def test_business_number_wrong_check_digit_refused(s):
    _refused_creation(s, account_fields("business", brn="124-81-00999"), "brn", "err.brn",
                      "business number with a wrong check digit")
    _refused_creation(s, account_fields("business", brn="1234567890"), "brn", "err.brn",
                      "business number 1234567890")


def test_business_number_nine_digits_refused(s):
    _refused_creation(s, account_fields("business", brn="124810099"), "brn", "err.brn",
                      "business number of 9 digits")


def test_business_number_eleven_digits_refused(s):
    _refused_creation(s, account_fields("business", brn="12481009980"), "brn", "err.brn",
                      "business number of 11 digits")


def test_business_number_with_letters_refused(s):
    _refused_creation(s, account_fields("business", brn="12a-81-00998"), "brn", "err.brn",
                      "business number with a letter")
    _refused_creation(s, account_fields("business", brn="abcdefghij"), "brn", "err.brn",
                      "business number of letters")


def test_business_without_number_refused(s):
    _refused_creation(s, account_fields("business", brn=None), "brn", "err.required",
                      "business without brn")


def test_business_without_company_refused(s):
    _refused_creation(s, account_fields("business", company=None), "company", "err.required",
                      "business without company")


def test_business_without_representative_refused(s):
    _refused_creation(s, account_fields("business", representative=None), "representative",
                      "err.required", "business without representative")


def test_organization_needs_number_and_company(s):
    _refused_creation(s, account_fields("organization", brn=None), "brn", "err.required",
                      "organization without its number")
    _refused_creation(s, account_fields("organization", company=None), "company", "err.required",
                      "organization without its name")
    _refused_creation(s, account_fields("organization", brn="124-81-00990"), "brn", "err.brn",
                      "organization with a wrong check digit")
    c = partner(s)
    code = create_account(c, "organization")  # no representative needed
    expect(code in listed_codes(c), "the organization account is not listed")


def test_personal_account_needs_no_business_fields(s):
    c = partner(s)
    fields = account_fields("personal")
    for k in ("brn", "company", "representative"):
        expect(k not in fields, "personal fields carry %s" % k)
    r = post_new_account(c, fields)
    expect(code_of(r), "a personal account without business fields was refused", r)


def test_create_without_category_refused(s):
    _refused_creation(s, account_fields(category1=None), "category1", "err.required", "no category1")
    _refused_creation(s, account_fields(category1="weapons"), "category1", "err.choice",
                      "category1 not in the list")


def test_create_with_unknown_kind_refused(s):
    c = partner(s)
    before = listed_codes(c)
    r = post_new_account(c, account_fields(kind="corporation"))
    expect_status(r, 422, what="kind=corporation")
    expect(listed_codes(c) == before, "an account of an unknown kind was created")


def test_account_name_allowed_characters_accepted(s):
    c = partner(s)
    names = ["가나 Ab1 #!&?-_,.()" + secrets.token_hex(2)[:3],  # every allowed sign, 20 characters
             random_hangul(20),                                 # 20 Korean characters
             random_hangul(1)]                                  # one character
    for name in names:
        code = create_account(c, name=name)
        r = home(c, code)
        expect(has_text(r, name), "the home of %r does not show its name" % name, r)


def test_account_name_of_21_characters_refused(s):
    _refused_creation(s, account_fields(name=random_hangul(21)), "name", "err.too_long",
                      "name of 21 Korean characters")
    _refused_creation(s, account_fields(name="a" * 21), "name", "err.too_long", "name of 21 letters")


def test_account_name_with_markup_refused(s):
    r = _refused_creation(s, account_fields(name="<b>굵게</b>"), "name", "err.account_name",
                          "name with <b>")
    expect("<b>굵게" not in r.text, "the refused name is echoed without escaping", r)


def test_account_name_with_slash_refused(s):
    _refused_creation(s, account_fields(name="상담/" + secrets.token_hex(2)), "name", "err.account_name",
                      "name with /")


def test_account_name_with_emoji_refused(s):
    _refused_creation(s, account_fields(name="상담 \U0001F600 " + secrets.token_hex(2)), "name",
                      "err.account_name", "name with an emoji")


def test_account_name_with_other_scripts_refused(s):
    for name in ("名前 " + secrets.token_hex(2), "Ünïcode " + secrets.token_hex(2), "별*표 " + secrets.token_hex(2),
                 "따옴표\"" + secrets.token_hex(2)):
        _refused_creation(s, account_fields(name=name), "name", None, "name %r" % name)


def test_account_name_empty_refused(s):
    _refused_creation(s, account_fields(name="   "), "name", "err.required", "blank name")


def test_duplicate_name_refused_case_insensitive_across_partners(s):
    base = "Dup Name " + secrets.token_hex(3)
    a = partner(s)
    create_account(a, name=base)
    _refused_creation(s, account_fields(name=base.lower()), "name", "err.name_taken",
                      "another partner, the same name in lower case")
    _refused_creation(s, account_fields(name=base.upper()), "name", "err.name_taken",
                      "another partner, the same name in upper case")
    before = listed_codes(a)
    r = post_new_account(a, account_fields(name=base))
    expect_status(r, 422, what="the same partner, the same name again")
    expect(field_error(r.text, "name") == catalog(s, "err.name_taken"), "no name-taken message", r)
    expect(listed_codes(a) == before, "a second account with the same name was created")


def test_create_without_terms_agreement_refused(s):
    r = _refused_creation(s, account_fields(agree_terms=None), "agree_terms", "err.must_agree",
                          "without agree_terms")
    expect(checkbox_checked(r.text, "agree_terms") is False, "agree_terms shows as ticked", r)


def test_create_without_csrf_refused_and_nothing_created(s):
    c = partner(s)
    before = listed_codes(c)
    name = unique_name("토큰")
    r = post_new_account(c, account_fields(name=name), csrf=False)
    expect_status(r, 403, what="POST /accounts/new without csrf")
    other = partner(s)
    other.get("/accounts")
    foreign_token = other.csrf()
    r = post_new_account(c, account_fields(name=name), csrf=foreign_token)
    expect_status(r, 403, what="POST /accounts/new with another browser's csrf token")
    expect(listed_codes(c) == before, "an account was created without a valid csrf token")
    # the name is still free: nothing was reserved
    create_account(partner(s), name=name)


def test_eleventh_account_refused_with_message(s):
    limit = int(s.conf().get("max_accounts", "10"))
    c = partner(s)
    codes = [create_account(c, name=unique_name("한도")) for _ in range(limit)]
    expect(len(set(codes)) == limit, "codes repeat: %r" % codes)
    name = unique_name("초과")
    r = post_new_account(c, account_fields(name=name))
    expect_status(r, 422, what="the account number %d of one partner" % (limit + 1))
    expect(form_error(r.text) == catalog(s, "accounts.limit_reached"),
           "the refusal does not say the limit was reached (form error %r)" % form_error(r.text), r)
    expect(input_value(r.text, "name") == name, "the refused form lost the typed name", r)
    listed = listed_codes(c)
    expect(len(listed) == limit, "/accounts lists %d accounts, not %d" % (len(listed), limit))
    expect(set(listed) == set(codes), "/accounts lists other accounts than those created")
    r = c.get("/accounts")
    expect(has_text(r, catalog(s, "accounts.at_limit")), "/accounts does not say the limit is reached", r)
    # the refused name was not kept by the failed attempt
    create_account(partner(s), name=name)


def test_concurrent_creations_respect_the_limit(s):
    """Several browsers of one partner with 2 places left post at once, in a few rounds
    (one partner each): never more than the limit, whatever the timing."""
    import threading
    limit = int(s.conf().get("max_accounts", "10"))
    problems = []
    for round_number in range(4):
        c = partner(s)
        for _ in range(limit - 2):
            create_account(c, name=unique_name("동시"))
        clients, bodies = [], []
        for _ in range(8):
            k = c.clone(same_address=True)
            r = k.get("/accounts/new")
            expect_status(r, 200, what="GET /accounts/new")
            clients.append(k)
            bodies.append(account_fields(name=unique_name("경합")))
        results = [None] * len(clients)
        barrier = threading.Barrier(len(clients))

        def run(i):
            try:
                barrier.wait(10)
                results[i] = clients[i].post("/accounts/new", bodies[i]).status
            except Exception as e:  # noqa: BLE001
                results[i] = repr(e)

        threads = [threading.Thread(target=run, args=(i,)) for i in range(len(clients))]
        for th in threads:
            th.start()
        for th in threads:
            th.join(60)
        expect(all(x in (303, 422) for x in results), "concurrent creations answered %r" % results)
        listed = len(listed_codes(c))
        if results.count(303) != 2 or listed != limit:
            problems.append("round %d: %d of 8 succeeded with 2 places left, /accounts lists %d (limit %d): %r"
                            % (round_number + 1, results.count(303), listed, limit, results))
    expect(not problems, "; ".join(problems))


def test_public_codes_unique_across_partners(s):
    codes = []
    for _ in range(3):
        c = partner(s)
        codes += [create_account(c, name=unique_name("코드")) for _ in range(7)]
    expect(all(CODE_RE.match(code) for code in codes), "a code is not 6 of [a-z0-9]: %r" % codes)
    expect(len(set(codes)) == len(codes), "codes repeat among %d accounts: %r" % (len(codes), codes))


# ---------------------------------------------------------------------------
# access by non-members (NF-3)


def _account_get_paths(code):
    # The QR codes are not here: they are public (test_qr_is_public).
    return ["/a/%s/" % code, "/a/%s/profile" % code, "/a/%s/exposure" % code,
            "/a/%s/images/profile" % code, "/a/%s/manage" % code]


def _owner_with_image(s):
    c, code = owner_with_account(s)
    r = post_profile(c, code, profile_fields(unique_name("주인")), {"profile_image": File("me.png", good_png(s), "image/png")})
    expect_see_other(r, "/a/%s/profile" % code, what="owner uploads a profile image")
    return c, code


def test_other_partner_gets_404_on_account_pages(s):
    _, code = _owner_with_image(s)
    intruder = partner(s)
    create_account(intruder)  # a partner with an account of their own
    for path in _account_get_paths(code):
        r = intruder.get(path)
        expect_status(r, 404, what="GET %s by another partner" % path)
        expect(r.is_html(), "GET %s by another partner: 404 is not the HTML error page" % path, r)


def test_other_partner_posts_get_404_and_change_nothing(s):
    owner, code = _owner_with_image(s)
    before_home = home(owner, code)
    name_before = input_value(owner.get("/a/%s/profile" % code).text, "name")
    _, _, image_before = profile_image_of(owner, code)
    intruder = partner(s)
    intruder.get("/accounts")  # a valid csrf token of their own
    r = intruder.post("/a/%s/switches" % code, {})
    expect_status(r, 404, what="POST switches (both off) by another partner")
    intruder.get("/accounts")
    body_fields = profile_fields(unique_name("탈취"), intro="남의 계정")
    r = intruder.post_multipart("/a/%s/profile" % code, body_fields,
                                {"profile_image": File("x.png", png_image(seed=99), "image/png")})
    expect_status(r, 404, what="POST profile by another partner")
    intruder.get("/accounts")
    r = intruder.post("/a/%s/delete" % code, {"confirm": "1"})
    expect_status(r, 404, what="POST delete by another partner")
    after = home(owner, code)
    expect(checkbox_checked(after.text, "home_public") == checkbox_checked(before_home.text, "home_public")
           and checkbox_checked(after.text, "chat_on") == checkbox_checked(before_home.text, "chat_on"),
           "another partner's POST changed the switches", after)
    expect(not has_text(after, catalog(s, "manage.deleting_notice")), "another partner scheduled the deletion", after)
    expect(input_value(owner.get("/a/%s/profile" % code).text, "name") == name_before,
           "another partner's POST renamed the account")
    expect(profile_image_of(owner, code)[2] == image_before, "another partner's POST replaced the image")
    # cancel: the owner schedules the deletion; the intruder cannot cancel it
    owner.get("/a/%s/manage" % code)
    expect_see_other(owner.post("/a/%s/delete" % code, {"confirm": "1"}), "/a/%s/" % code, what="owner deletes")
    intruder.get("/accounts")
    r = intruder.post("/a/%s/delete/cancel" % code, {})
    expect_status(r, 404, what="POST delete/cancel by another partner")
    expect(has_text(home(owner, code), catalog(s, "manage.deleting_notice")),
           "another partner's cancel ended the scheduled deletion")


def test_anonymous_sent_to_login_on_account_pages(s):
    _, code = _owner_with_image(s)
    anon = Client(s)
    for path in _account_get_paths(code):
        r = anon.get(path)
        expect_see_other(r, "/login", what="GET %s anonymous" % path)


def test_anonymous_posts_refused_and_change_nothing(s):
    owner, code = owner_with_account(s)
    anon = Client(s)
    anon.get("/login")  # a csrf cookie and token, but no session
    for path, fields in (("/a/%s/switches" % code, {}), ("/a/%s/delete" % code, {"confirm": "1"}),
                         ("/a/%s/delete/cancel" % code, {})):
        r = anon.post(path, fields)
        expect(r.status in (403, 404) or (r.status == 303 and (r.location_path or "").startswith("/login")),
               "POST %s anonymous answered %d" % (path, r.status), r)
    r = home(owner, code)
    expect(checkbox_checked(r.text, "home_public") and checkbox_checked(r.text, "chat_on"),
           "an anonymous POST changed the switches", r)
    expect(not has_text(r, catalog(s, "manage.deleting_notice")), "an anonymous POST scheduled the deletion", r)


def test_unknown_code_is_404_for_a_partner(s):
    c, code = owner_with_account(s)
    for path in ("/a/zzzzzz/", "/a/zzzzzz/profile", "/a/zzzzzz/qr/350.png", "/a/%s/nope" % code):
        r = c.get(path)
        expect_status(r, 404, what="GET %s" % path)


# ---------------------------------------------------------------------------
# public switches (ACC-6)


def test_switches_on_by_default(s):
    c, code = owner_with_account(s)
    r = home(c, code)
    expect(checkbox_checked(r.text, "home_public") is True, "home_public is not a ticked checkbox", r)
    expect(checkbox_checked(r.text, "chat_on") is True, "chat_on is not a ticked checkbox", r)


def test_switches_toggle(s):
    c, code = owner_with_account(s)
    for home_public, chat_on in ((False, True), (True, False), (False, False), (True, True)):
        home(c, code)
        fields = {}
        if home_public:
            fields["home_public"] = "1"
        if chat_on:
            fields["chat_on"] = "1"
        r = c.post("/a/%s/switches" % code, fields)
        expect_see_other(r, "/a/%s/" % code, what="POST switches %r" % fields)
        r = home(c, code)
        expect(checkbox_checked(r.text, "home_public") is home_public,
               "after POST %r home_public shows %r" % (fields, checkbox_checked(r.text, "home_public")), r)
        expect(checkbox_checked(r.text, "chat_on") is chat_on,
               "after POST %r chat_on shows %r" % (fields, checkbox_checked(r.text, "chat_on")), r)


def test_switches_without_csrf_refused(s):
    c, code = owner_with_account(s)
    home(c, code)
    r = c.post("/a/%s/switches" % code, {}, csrf=False)
    expect_status(r, 403, what="POST switches without csrf")
    r = home(c, code)
    expect(checkbox_checked(r.text, "home_public") and checkbox_checked(r.text, "chat_on"),
           "a POST without csrf changed the switches", r)


# ---------------------------------------------------------------------------
# profile (ACC-5)


def test_profile_form_shows_current_values(s):
    c = partner(s)
    name = unique_name("프로필")
    code = create_account(c, name=name, category1="food")
    r = c.get("/a/%s/profile" % code)
    expect_status(r, 200, what="GET profile")
    expect(r.csrf(), "the profile page has no csrf input", r)
    expect(input_value(r.text, "name") == name, "the profile form shows name %r" % input_value(r.text, "name"), r)
    _, selected = select_state(r.text, "category1")
    expect(selected == "food", "category1 shows %r, not food" % selected, r)
    for field in ("intro", "homepage", "phone", "category2", "profile_image", "background_image"):
        expect(any(a.get("name") == field for a in parse_inputs(r.text).inputs), "no control %r" % field, r)
    expect('enctype="multipart/form-data"' in r.text, "the profile form is not multipart", r)


def test_profile_save_shows_new_values(s):
    c, code = owner_with_account(s)
    fields = profile_fields(unique_name("새이름"), intro="안녕하세요.\n둘째 줄 <b>&</b>",
                            homepage="https://example.com/shop?a=1&b=2", phone="02-123-4567",
                            category1="beauty", category2="it")
    r = post_profile(c, code, fields)
    expect_see_other(r, "/a/%s/profile" % code, what="POST profile")
    r = c.get("/a/%s/profile" % code)
    expect(input_value(r.text, "name") == fields["name"], "name not saved", r)
    expect(textarea_text(r.text, "intro").replace("\r\n", "\n") == fields["intro"],
           "intro shows %r" % textarea_text(r.text, "intro"), r)
    expect("<b>&" not in r.text, "the intro is shown unescaped", r)
    expect(input_value(r.text, "homepage") == fields["homepage"], "homepage not saved", r)
    expect(input_value(r.text, "phone") == fields["phone"], "phone not saved", r)
    expect(select_state(r.text, "category1")[1] == "beauty", "category1 not saved", r)
    expect(select_state(r.text, "category2")[1] == "it", "category2 not saved", r)
    expect(has_text(home(c, code), fields["name"]), "the account home does not show the new name")


def test_profile_intro_of_200_characters_accepted(s):
    c, code = owner_with_account(s)
    intro = random_hangul(200)
    r = post_profile(c, code, profile_fields(unique_name("소개"), intro=intro))
    expect_see_other(r, "/a/%s/profile" % code, what="intro of 200 characters")
    expect(textarea_text(c.get("/a/%s/profile" % code).text, "intro") == intro, "intro not saved")


def _refused_profile(s, extra, field, message_key=None, what=""):
    """Saves a first profile, posts a changed one with EXTRA; expects 422 with the message
    next to FIELD, the typed values kept, and the stored profile unchanged."""
    c, code = owner_with_account(s)
    saved = profile_fields(unique_name("원래"), intro="원래 소개", phone="010-1234-5678", category1="food")
    expect_see_other(post_profile(c, code, saved), "/a/%s/profile" % code, what="first save")
    typed = profile_fields(unique_name("입력"), intro="새로 쓴 소개", homepage="https://example.org/",
                           phone="031-765-4321", category1="travel", category2="life")
    typed.update(extra)
    r = post_profile(c, code, typed)
    expect_status(r, 422, what=what)
    err = field_error(r.text, field)
    expect(err, "%s: no message next to %r" % (what, field), r)
    if message_key:
        want = catalog(s, message_key).replace("{max}", "200")
        expect(err == want, "%s: message %r, not %r" % (what, err, want), r)
    expect(input_value(r.text, "name") == typed["name"].strip(), "%s: the typed name was lost" % what, r)
    expect(textarea_text(r.text, "intro").replace("\r\n", "\n") == typed["intro"],
           "%s: the typed intro was lost" % what, r)
    expect(input_value(r.text, "homepage") == typed["homepage"].strip(), "%s: the typed homepage was lost" % what, r)
    expect(input_value(r.text, "phone") == typed["phone"].strip(), "%s: the typed phone was lost" % what, r)
    stored = c.get("/a/%s/profile" % code)
    expect(input_value(stored.text, "name") == saved["name"] and textarea_text(stored.text, "intro") == saved["intro"]
           and input_value(stored.text, "phone") == saved["phone"],
           "%s: the refused form changed the stored profile" % what, stored)
    return r


def test_profile_intro_of_201_characters_refused_keeping_typed(s):
    _refused_profile(s, {"intro": random_hangul(201)}, "intro", "err.too_long", "intro of 201 characters")


def test_profile_homepage_javascript_refused(s):
    r = _refused_profile(s, {"homepage": "javascript:alert(1)"}, "homepage", "err.url", "homepage javascript:")
    expect('href="javascript:' not in r.text, "the refused homepage became a link", r)
    _refused_profile(s, {"homepage": "ftp://example.com/"}, "homepage", "err.url", "homepage ftp:")
    # an address over its limit is said to be too long, not to be no address
    r = _refused_profile(s, {"homepage": "https://example.org/" + "a" * 600}, "homepage", None,
                         "homepage of 620 characters")
    err = field_error(r.text, "homepage")
    expect(err == catalog(s, "err.too_long").replace("{max}", "500"), "homepage too long: %r" % err, r)
    _refused_profile(s, {"homepage": 'https://x.example/"><script>'}, "homepage", "err.url", "homepage with markup")


def test_profile_bad_phone_refused(s):
    _refused_profile(s, {"phone": "전화 주세요"}, "phone", "err.phone", "phone in words")
    _refused_profile(s, {"phone": "12-34"}, "phone", "err.phone", "phone of 4 digits")


def test_profile_category_not_in_list_refused(s):
    _refused_profile(s, {"category1": "weapons"}, "category1", "err.choice", "category1 weapons")
    _refused_profile(s, {"category2": "weapons"}, "category2", "err.choice", "category2 weapons")
    _refused_profile(s, {"category1": ""}, "category1", "err.required", "no category1")


def test_profile_name_taken_refused(s):
    taken = unique_name("선점")
    create_account(partner(s), name=taken)
    _refused_profile(s, {"name": taken.upper()}, "name", "err.name_taken", "profile name taken by another")


def test_profile_name_taken_with_image_stores_nothing(s):
    taken = unique_name("점유")
    create_account(partner(s), name=taken)
    c, code = _owner_with_image(s)
    files0, image0 = upload_files(s), profile_image_of(c, code)
    r = post_profile(c, code, profile_fields(taken), {"profile_image": File("n.png", png_image(seed=5), "image/png"),
                                                      "background_image": File("b.jpg", good_jpeg(s), "image/jpeg")})
    expect_status(r, 422, what="profile with a taken name and two valid images")
    expect(field_error(r.text, "name") == catalog(s, "err.name_taken"), "no name-taken message", r)
    expect(upload_files(s) == files0, "the refused save left files behind: %r" % sorted(upload_files(s) ^ files0))
    expect(profile_image_of(c, code) == image0, "the refused save changed the profile image")
    expect(c.get("/a/%s/images/background" % code).status == 404, "the refused save set a background image")


def test_profile_invalid_text_with_valid_image_stores_nothing(s):
    c, code = _owner_with_image(s)
    files0, image0 = upload_files(s), profile_image_of(c, code)
    r = post_profile(c, code, profile_fields(unique_name("무효"), phone="전화"),
                     {"profile_image": File("n.png", png_image(seed=6), "image/png")})
    expect_status(r, 422, what="profile with a bad phone and a valid image")
    expect(field_error(r.text, "profile_image") == catalog(s, "err.file_again"),
           "the form came back without the chosen image and without asking for it again", r)
    expect(upload_files(s) == files0, "a refused form stored its image")
    expect(profile_image_of(c, code) == image0, "a refused form changed the profile image")


def test_profile_one_bad_image_of_two_stores_nothing(s):
    c, code = _owner_with_image(s)
    files0, image0 = upload_files(s), profile_image_of(c, code)
    r = post_profile(c, code, profile_fields(unique_name("반반")),
                     {"profile_image": File("ok.png", png_image(seed=8), "image/png"),
                      "background_image": File("bad.jpg", b"<?php echo 1; ?>", "image/jpeg")})
    expect_status(r, 422, what="a valid profile image with a PHP background")
    expect(field_error(r.text, "background_image") == catalog(s, "err.file_type"), "no message at the background", r)
    expect(upload_files(s) == files0, "half of a refused upload was stored")
    expect(profile_image_of(c, code) == image0, "the profile image changed though the form was refused")


def test_upload_type_decided_by_content_not_name(s):
    c, code = owner_with_account(s)
    png, jpeg = png_image(seed=9), good_jpeg(s)
    r = post_profile(c, code, profile_fields(unique_name("내용")),
                     {"profile_image": File("photo.txt", png, "text/plain"),
                      "background_image": File("back.png", jpeg, "image/png")})
    expect_see_other(r, "/a/%s/profile" % code, what="a PNG named .txt and a JPEG named .png")
    status, ctype, body = profile_image_of(c, code)
    expect((status, ctype, body == png) == (200, "image/png", True),
           "the PNG named photo.txt is served as %d %s" % (status, ctype))
    r = c.get("/a/%s/images/background" % code)
    expect((r.header("Content-Type") or "").split(";")[0].strip() == "image/jpeg" and r.body == jpeg,
           "the JPEG named back.png is served as %r" % r.header("Content-Type"), r)


def test_profile_png_image_served_with_safe_headers(s):
    c, code = owner_with_account(s)
    png = good_png(s)
    before = upload_files(s)
    r = post_profile(c, code, profile_fields(unique_name("사진")), {"profile_image": File("logo.png", png, "image/png")})
    expect_see_other(r, "/a/%s/profile" % code, what="upload a PNG")
    added = upload_files(s) - before
    expect(len(added) == 1, "the upload folder gained %d files, not 1: %r" % (len(added), sorted(added)))
    r = c.get("/a/%s/images/profile" % code)
    expect_status(r, 200, what="GET images/profile")
    expect((r.header("Content-Type") or "").split(";")[0].strip() == "image/png",
           "Content-Type %r, not image/png" % r.header("Content-Type"), r)
    expect(r.body == png, "the served image is not the uploaded bytes (%d vs %d bytes)" % (len(r.body), len(png)), r)
    expect((r.header("X-Content-Type-Options") or "").lower() == "nosniff", "no nosniff", r)
    expect(r.header("Content-Disposition"), "no Content-Disposition", r)
    csp = " ".join(r.headers("Content-Security-Policy")).lower()
    expect("sandbox" in csp, "the image's CSP has no sandbox (%r)" % csp, r)
    p = c.get("/a/%s/profile" % code)
    expect('src="/a/%s/images/profile"' % code in p.text, "the profile page shows no preview", p)


def test_profile_jpeg_images_served_with_safe_headers(s):
    c, code = owner_with_account(s)
    jpeg = good_jpeg(s)
    r = post_profile(c, code, profile_fields(unique_name("배경")),
                     {"profile_image": File("photo.jpg", jpeg, "image/jpeg"),
                      "background_image": File("back.jpeg", jpeg, "image/jpeg")})
    expect_see_other(r, "/a/%s/profile" % code, what="upload JPEGs")
    for which in ("profile", "background"):
        r = c.get("/a/%s/images/%s" % (code, which))
        expect_status(r, 200, what="GET images/%s" % which)
        expect((r.header("Content-Type") or "").split(";")[0].strip() == "image/jpeg",
               "images/%s Content-Type %r" % (which, r.header("Content-Type")), r)
        expect(r.body == jpeg, "images/%s is not the uploaded JPEG" % which, r)
        expect((r.header("X-Content-Type-Options") or "").lower() == "nosniff", "no nosniff", r)
        expect(r.header("Content-Disposition"), "no Content-Disposition", r)
        expect("sandbox" in " ".join(r.headers("Content-Security-Policy")).lower(), "CSP without sandbox", r)
    r = c.get("/a/%s/images/other" % code)
    expect_status(r, 404, what="GET images/other")


def test_profile_without_images_has_none_served(s):
    c, code = owner_with_account(s)
    for which in ("profile", "background"):
        r = c.get("/a/%s/images/%s" % (code, which))
        expect_status(r, 404, what="GET images/%s before any upload" % which)


def test_profile_save_without_file_keeps_image(s):
    c, code = _owner_with_image(s)
    _, _, before = profile_image_of(c, code)
    files_before = upload_files(s)
    r = post_profile(c, code, profile_fields(unique_name("유지"), intro="사진은 그대로"))
    expect_see_other(r, "/a/%s/profile" % code, what="save with no file chosen")
    expect(profile_image_of(c, code)[2] == before, "saving without a file changed the image")
    expect(upload_files(s) == files_before, "saving without a file changed the upload folder")


def test_profile_image_replacement_removes_old_file(s):
    c, code = owner_with_account(s)
    name = unique_name("교체")
    before = upload_files(s)
    r = post_profile(c, code, profile_fields(name), {"profile_image": File("a.png", png_image(seed=1), "image/png")})
    expect_see_other(r, "/a/%s/profile" % code, what="first image")
    first = upload_files(s) - before
    expect(len(first) == 1, "the first upload added %r" % sorted(first))
    r = post_profile(c, code, profile_fields(name), {"profile_image": File("b.jpg", good_jpeg(s), "image/jpeg")})
    expect_see_other(r, "/a/%s/profile" % code, what="replacing image")
    now = upload_files(s)
    expect(not (first & now), "the old image file %r is still stored" % sorted(first))
    expect(len(now - before) == 1, "after the replacement the folder has %d new files: %r"
           % (len(now - before), sorted(now - before)))
    status, ctype, body = profile_image_of(c, code)
    expect(status == 200 and ctype == "image/jpeg" and body == good_jpeg(s),
           "after the replacement images/profile is %d %s" % (status, ctype))


def _hostile_upload(s, filename, content, ctype, want=422, message_key="err.file_type", what=""):
    """Uploads CONTENT as the profile image of an account that has a PNG already; expects
    WANT, nothing stored, the image unchanged, and (for a 422) the typed text kept."""
    c, code = _owner_with_image(s)
    status0, type0, image0 = profile_image_of(c, code)
    expect(status0 == 200, "%s: the first image is not served" % what)
    files0 = upload_files(s)
    typed = profile_fields(unique_name("공격"), intro="폼 오류에도 남아야 하는 소개", phone="02-555-0101")
    r = post_profile(c, code, typed, {"profile_image": File(filename, content, ctype)})
    expect_status(r, want, what=what)
    expect(upload_files(s) == files0, "%s: the upload folder changed: %r" % (what, sorted(upload_files(s) ^ files0)))
    status1, type1, image1 = profile_image_of(c, code)
    expect((status1, type1, image1) == (status0, type0, image0), "%s: the profile image changed" % what)
    stored = c.get("/a/%s/profile" % code)
    expect(input_value(stored.text, "name") != typed["name"], "%s: the refused form saved the name" % what, stored)
    if want == 422:
        err = field_error(r.text, "profile_image")
        expect(err == catalog(s, message_key), "%s: message next to the image is %r, not %r"
               % (what, err, catalog(s, message_key)), r)
        expect(input_value(r.text, "name") == typed["name"], "%s: the typed name was lost" % what, r)
        expect(textarea_text(r.text, "intro") == typed["intro"], "%s: the typed intro was lost" % what, r)
        expect(input_value(r.text, "phone") == typed["phone"], "%s: the typed phone was lost" % what, r)
    return r


def test_upload_php_named_png_refused(s):
    _hostile_upload(s, "x.png", b"<?php system($_GET['c']); ?>\n", "image/png", what="PHP as x.png")


def test_upload_html_refused(s):
    page = b"<!DOCTYPE html>\n<html><head><title>x</title></head><body><script>alert(1)</script></body></html>\n"
    _hostile_upload(s, "page.png", page, "image/png", what="HTML as page.png")
    _hostile_upload(s, "page.html", page, "text/html", what="HTML as page.html")


def test_upload_svg_with_script_refused(s):
    svg = (b'<?xml version="1.0" encoding="UTF-8"?>\n<svg xmlns="http://www.w3.org/2000/svg" width="10" '
           b'height="10"><script>alert(document.cookie)</script><rect width="10" height="10"/></svg>\n')
    _hostile_upload(s, "logo.svg", svg, "image/svg+xml", what="SVG with a script")
    _hostile_upload(s, "logo.png", svg, "image/png", what="SVG named logo.png")


def test_upload_gif_polyglot_refused(s):
    polyglot = b"GIF87a\x01\x00\x01\x00\x00\x00\x00<html><script>alert(1)</script></html>\n"
    _hostile_upload(s, "poly.gif", polyglot, "image/gif", what="GIF87a polyglot")
    _hostile_upload(s, "poly.png", polyglot, "image/png", what="GIF87a polyglot named .png")
    gif = fixture(s, "image.gif", lambda: b"GIF89a\x01\x00\x01\x00\x80\x00\x00\xff\xff\xff\x00\x00\x00"
                  b"!\xf9\x04\x01\x00\x00\x00\x00,\x00\x00\x00\x00\x01\x00\x01\x00\x00\x02\x02D\x01\x00;")
    _hostile_upload(s, "real.gif", gif, "image/gif", what="a real GIF (not allowed for profiles)")


def test_upload_empty_file_refused(s):
    _hostile_upload(s, "empty.png", b"", "image/png", message_key="err.file_empty", what="empty file")


def test_upload_png_header_only_refused(s):
    _hostile_upload(s, "broken.png", b"\x89PNG\r\n\x1a\n", "image/png", what="PNG signature alone")


def test_upload_path_traversal_name_stored_under_random_name(s):
    c, code = owner_with_account(s)
    outside = os.path.join(os.path.dirname(os.path.dirname(upload_dir(s))), "etc", "passwd.png")
    before = upload_files(s)
    png = png_image(seed=7)
    r = post_profile(c, code, profile_fields(unique_name("경로")),
                     {"profile_image": File("../../etc/passwd.png", png, "image/png")})
    expect_see_other(r, "/a/%s/profile" % code, what="PNG named ../../etc/passwd.png")
    added = upload_files(s) - before
    expect(len(added) == 1, "the upload added %r" % sorted(added))
    stored = next(iter(added))
    expect(re.match(r"^[0-9a-f]{2}/[0-9a-f]{32}$", stored), "stored under %r, not a random name" % stored)
    expect("passwd" not in stored, "the client's name is part of the stored name %r" % stored)
    expect(not var_files_named(s, "passwd.png"), "a passwd.png was written: %r" % var_files_named(s, "passwd.png"))
    expect(not os.path.exists(outside), "%s was written" % outside)
    expect(profile_image_of(c, code)[2] == png, "the uploaded image is not served back")


def test_upload_over_nginx_limit_413(s):
    c, code = _owner_with_image(s)
    image0 = profile_image_of(c, code)
    files0 = upload_files(s)
    big = b"\x89PNG\r\n\x1a\n" + b"\x00" * (11 * MIB + 64 * 1024)
    r = post_profile(c, code, profile_fields(unique_name("큰")), {"profile_image": File("big.png", big, "image/png")})
    expect_status(r, 413, what="an 11 MiB PNG")
    expect(upload_files(s) == files0, "the 11 MiB upload changed the upload folder")
    expect(profile_image_of(c, code) == image0, "the 11 MiB upload changed the profile image")


def test_upload_over_program_limit_413_keeps_form(s):
    big = b"\x89PNG\r\n\x1a\n" + png_chunk(b"IHDR", struct.pack(">IIBBBBB", 640, 640, 8, 2, 0, 0, 0))
    big += b"\x00" * (10 * MIB + MIB // 2 - len(big))
    r = _hostile_upload(s, "big.png", big, "image/png", want=413, what="a 10.5 MiB PNG")
    # the program, not nginx, refused it: the profile form comes back with the message
    expect(r.is_html() and field_error(r.text, "profile_image") == catalog(s, "err.file_too_large"),
           "the 413 for a 10.5 MiB PNG is not the profile form with the too-large message", r)
    expect(textarea_text(r.text, "intro") == "폼 오류에도 남아야 하는 소개", "the 413 form lost the typed intro", r)


# ---------------------------------------------------------------------------
# exposure and QR codes (ACC-7)


def test_exposure_shows_chat_url_and_banners(s):
    c, code = owner_with_account(s)
    url = chat_url(s, code)
    r = c.get("/a/%s/exposure" % code)
    expect_status(r, 200, what="GET exposure")
    values = [a.get("value") for a in parse_inputs(r.text).inputs if a.get("_tag") == "input"]
    expect(url in values, "no input shows the chat URL %s (inputs: %r)" % (url, values), r)
    for ident, ref in (("banner-pc", "banner_pc"), ("banner-mobile", "banner_mobile")):
        snippet = textarea_text(r.text, ident)
        expect(snippet, "no textarea %s" % ident, r)
        expect(snippet.lstrip().startswith("<a "), "the %s snippet is not an <a> element: %r" % (ident, snippet[:80]), r)
        expect("%s?ref=%s" % (url, ref) in snippet, "the %s snippet lacks %s?ref=%s" % (ident, url, ref), r)
        expect("from=" in snippet and "location.href" in snippet,
               "the %s snippet lacks the from=/location.href inflow logic" % ident, r)
        expect("encodeURIComponent(location.href)" in snippet, "the %s snippet does not encode the page address" % ident, r)


def test_exposure_links_qr_downloads_and_warns_about_50px(s):
    c, code = owner_with_account(s)
    r = c.get("/a/%s/exposure" % code)
    expect_status(r, 200, what="GET exposure")
    for target in ("qr/50.png", "qr/350.png", "qr/600.png", "qr.svg"):
        expect('href="/a/%s/%s"' % (code, target) in r.text, "no download link to /a/%s/%s" % (code, target), r)
    expect(has_text(r, catalog(s, "exposure.qr_50_warning")), "no warning that 50 px does not scan", r)
    expect('src="/a/%s/qr/' % code in r.text, "the exposure page shows no QR image", r)


def test_qr_png_sizes_exact(s):
    c, code = owner_with_account(s)
    for size in (50, 350, 600):
        r = c.get("/a/%s/qr/%d.png" % (code, size))
        expect_status(r, 200, what="GET qr/%d.png" % size)
        expect((r.header("Content-Type") or "").split(";")[0].strip() == "image/png",
               "qr/%d.png Content-Type %r" % (size, r.header("Content-Type")), r)
        w, h = png_size(r.body)
        expect((w, h) == (size, size), "qr/%d.png is %dx%d" % (size, w, h), r)


def test_qr_unknown_size_404(s):
    c, code = owner_with_account(s)
    for target in ("qr/123.png", "qr/0.png", "qr/350.jpg", "qr/350.png.exe", "qr/", "qr/..%2f..%2fetc%2fpasswd"):
        r = c.get("/a/%s/%s" % (code, target))
        expect_status(r, 404, what="GET /a/%s/%s" % (code, target))


def test_qr_svg(s):
    c, code = owner_with_account(s)
    r = c.get("/a/%s/qr.svg" % code)
    expect_status(r, 200, what="GET qr.svg")
    expect((r.header("Content-Type") or "").split(";")[0].strip() == "image/svg+xml",
           "qr.svg Content-Type %r" % r.header("Content-Type"), r)
    head = r.body.lstrip()[:5]
    expect(head.startswith(b"<svg") or head.startswith(b"<?xml"), "qr.svg starts with %r" % r.body[:40], r)
    expect(b"<script" not in r.body.lower(), "qr.svg holds a script", r)


def _qr_folder(s, code):
    return os.path.join(s.var, "cache", "pages", "a", code, "qr")


def _qr_cache_files(s, code):
    folder = _qr_folder(s, code)
    return sorted(os.listdir(folder)) if os.path.isdir(folder) else []


# What nginx adds to a cached file, the first answer (made by the program and
# sent through X-Accel-Redirect) and the later ones (sent from the file) alike.
QR_HEADERS = ("Content-Type", "Cache-Control", "Content-Security-Policy", "X-Content-Type-Options",
              "ETag", "Last-Modified", "Content-Length")


def test_qr_png_cached_equals_fresh_with_etag(s):
    """The QR PNG is made once per account and size and kept (issue 8): the first
    answer is the file stored, later answers (sent by nginx from the file) are byte
    for byte the same with the same headers and ETag, If-None-Match gives 304, and
    a fresh one made after the file is gone is the same image."""
    c, code = owner_with_account(s)
    expect(_qr_cache_files(s, code) == [], "a new account already has cached QR codes")
    first = c.get("/a/%s/qr/350.png" % code)
    expect_status(first, 200, what="GET qr/350.png (made)")
    expect(_qr_cache_files(s, code) == ["350.png"],
           "the first QR request stored %r, not 350.png alone" % _qr_cache_files(s, code), first)
    with open(os.path.join(_qr_folder(s, code), "350.png"), "rb") as f:
        expect(f.read() == first.body, "the stored file differs from the first answer", first)
    etag = first.header("ETag")
    expect(etag is not None and etag.startswith('"'), "no strong ETag on qr/350.png", first)
    second = c.get("/a/%s/qr/350.png" % code)
    expect_status(second, 200, what="GET qr/350.png (cached)")
    expect(second.body == first.body, "the cached QR differs from the one first made", second)
    for name in QR_HEADERS:
        expect(second.header(name) == first.header(name) and first.header(name),
               "%s: %r made, %r cached" % (name, first.header(name), second.header(name)), second)
    expect(first.header("Content-Type") == "image/png", "Content-Type %r" % first.header("Content-Type"))
    expect("sandbox" in first.header("Content-Security-Policy"), "no CSP sandbox on the QR code", first)
    expect(first.header("X-Content-Type-Options") == "nosniff", "no nosniff on the QR code", first)
    r = c.get("/a/%s/qr/350.png" % code, headers={"If-None-Match": etag})
    expect_status(r, 304, what="GET qr/350.png with If-None-Match")
    expect(r.body == b"", "the 304 carries a body", r)
    # A fresh one, made again after the cache file is gone, is the same.
    os.unlink(os.path.join(_qr_folder(s, code), "350.png"))
    fresh = c.get("/a/%s/qr/350.png" % code)
    expect_status(fresh, 200, what="GET qr/350.png (made again)")
    expect(fresh.body == first.body, "a freshly made QR differs from the cached one", fresh)
    other = c.get("/a/%s/qr/600.png" % code)
    expect(other.header("ETag") != fresh.header("ETag"), "two sizes share one ETag", other)
    svg = Client(s).get("/a/%s/qr.svg" % code)
    expect_status(svg, 200, what="GET qr.svg")
    again = Client(s).get("/a/%s/qr.svg" % code)
    expect(again.body == svg.body and again.header("ETag") == svg.header("ETag"),
           "the cached SVG differs from the one made", again)
    expect("sandbox" in (again.header("Content-Security-Policy") or ""), "no CSP sandbox on the SVG", again)
    account_folder = os.path.dirname(_qr_folder(s, code))
    expect(_qr_cache_files(s, code) == ["350.png", "600.png"]
           and sorted(os.listdir(account_folder)) == ["qr", "qr.svg"],
           "the cache holds %r and %r" % (_qr_cache_files(s, code), os.listdir(account_folder)))


def test_qr_is_public(s):
    """The QR codes carry the public chat URL, which the request names: anyone gets
    the member's image, made or cached, without a sign-in."""
    c, code = owner_with_account(s)
    anon = Client(s)
    made = anon.get("/a/%s/qr/600.png" % code)
    expect_status(made, 200, what="GET qr/600.png signed out (made)")
    other, _, _ = signup(s)
    for who, client in (("the member", c), ("another partner", other), ("a visitor", Client(s))):
        r = client.get("/a/%s/qr/600.png" % code)
        expect_status(r, 200, what="GET qr/600.png by %s" % who)
        expect(r.body == made.body, "%s gets another image" % who, r)
    expect(png_size(made.body) == (600, 600), "qr/600.png is %dx%d" % png_size(made.body))


def test_qr_unknown_account_or_size_404_stores_nothing(s):
    c, code = owner_with_account(s)
    unknown = "zz" + secrets.token_hex(2)
    while s.psql("SELECT count(*) FROM account_codes WHERE code = '%s'" % unknown).strip() != "0":
        unknown = "zz" + secrets.token_hex(2)
    anon = Client(s)
    for path in ("/a/%s/qr/350.png" % unknown, "/a/%s/qr.svg" % unknown, "/a/%s/qr/123.png" % code,
                 "/a/%s/qr/350.png.tmp" % code, "/a/%s/qr/x.svg" % code):
        for client in (anon, c):
            r = client.get(path)
            expect_status(r, 404, what="GET %s" % path)
    expect(not os.path.exists(os.path.join(s.var, "cache", "pages", "a", unknown)),
           "a request for an unknown account stored something")
    expect(_qr_cache_files(s, code) == [], "requests for unknown sizes stored %r" % _qr_cache_files(s, code))


def test_qr_concurrent_first_requests_store_one_file(s):
    """Sixteen first requests at once: every answer is the same image, and the cache
    holds that one whole file, no temporary leftovers."""
    import threading
    _, code = owner_with_account(s)
    results = [None] * 16

    def fetch(i):
        try:
            results[i] = Client(s).get("/a/%s/qr/350.png" % code)
        except Exception as e:  # noqa: BLE001
            results[i] = e

    threads = [threading.Thread(target=fetch, args=(i,)) for i in range(len(results))]
    for t in threads:
        t.start()
    for t in threads:
        t.join(60)
    bad = [repr(r) if not hasattr(r, "status") else r.status for r in results
           if not hasattr(r, "status") or r.status != 200]
    expect(not bad, "of %d concurrent first requests: %r" % (len(results), bad))
    bodies = {r.body for r in results}
    expect(len(bodies) == 1, "concurrent first requests got %d different images" % len(bodies))
    folder = _qr_folder(s, code)
    expect(sorted(os.listdir(folder)) == ["350.png"], "the cache folder holds %r" % os.listdir(folder))
    with open(os.path.join(folder, "350.png"), "rb") as f:
        expect(f.read() == results[0].body, "the stored file is not the image answered")
    expect(png_size(results[0].body) == (350, 350), "the image is not 350x350")


def test_qr_png_decodes_to_chat_url(s):
    zbar = shutil.which("zbarimg")
    if not zbar:
        raise Skip("zbarimg (zbar-tools) is not installed")
    c, code = owner_with_account(s)
    want = chat_url(s, code) + "?ref=qr"  # the inflow of a scan (issue 13)
    folder = tempfile.mkdtemp(prefix="sdqr")
    try:
        for size in (350, 600):
            r = c.get("/a/%s/qr/%d.png" % (code, size))
            expect_status(r, 200, what="GET qr/%d.png" % size)
            path = os.path.join(folder, "%d.png" % size)
            with open(path, "wb") as f:
                f.write(r.body)
            proc = subprocess.run([zbar, "-q", "--raw", path], capture_output=True, timeout=60)
            got = proc.stdout.decode("utf-8", "replace").strip()
            expect(proc.returncode == 0 and got == want,
                   "zbarimg reads qr/%d.png as %r (exit %d), not %r" % (size, got, proc.returncode, want))
    finally:
        shutil.rmtree(folder, ignore_errors=True)


# ---------------------------------------------------------------------------
# deletion (ACC-8)


def test_delete_needs_confirmation(s):
    c, code = owner_with_account(s)
    r = c.get("/a/%s/manage" % code)
    expect_status(r, 200, what="GET manage")
    expect('action="/a/%s/delete"' % code in r.text, "the master's manage page has no delete form", r)
    r = c.post("/a/%s/delete" % code, {})
    expect_status(r, 422, what="POST delete without confirm")
    expect(has_text(r, catalog(s, "manage.confirm_required")), "no message asking to tick the box", r)
    expect(not has_text(home(c, code), catalog(s, "manage.deleting_notice")), "deletion scheduled without confirm")


def test_delete_with_confirmation_schedules_deletion(s):
    c, code = owner_with_account(s)
    c.get("/a/%s/manage" % code)
    r = c.post("/a/%s/delete" % code, {"confirm": "1"})
    expect_see_other(r, "/a/%s/" % code, what="POST delete with confirm")
    r = home(c, code)
    expect(has_text(r, catalog(s, "manage.deleting_notice")), "the home shows no deletion notice", r)
    expect(re.search(r"\d{4}-\d{2}-\d{2} \d{2}:\d{2}", r.text), "the notice has no date", r)
    expect('action="/a/%s/delete/cancel"' % code in r.text, "the home has no cancel form", r)
    r = c.get("/accounts")
    expect(has_text(r, catalog(s, "accounts.deleting")), "/accounts does not mark the account as deleting", r)


def test_cancel_deletion_removes_notice(s):
    c, code = owner_with_account(s)
    c.get("/a/%s/manage" % code)
    expect_see_other(c.post("/a/%s/delete" % code, {"confirm": "1"}), "/a/%s/" % code, what="delete")
    home(c, code)
    r = c.post("/a/%s/delete/cancel" % code, {})
    expect_see_other(r, "/a/%s/" % code, what="POST delete/cancel")
    r = c.follow(r)
    expect_status(r, 200, what="the page after cancelling")
    expect(not has_text(r, catalog(s, "manage.deleting_notice")), "the deletion notice is still shown", r)
    expect(has_text(r, catalog(s, "manage.delete_cancelled")), "no notice that the deletion was cancelled", r)


def test_delete_by_non_member_refused(s):
    owner, code = owner_with_account(s)
    other = partner(s)
    create_account(other)
    other.get("/accounts")
    r = other.post("/a/%s/delete" % code, {"confirm": "1"})
    expect_status(r, 404, what="POST delete by a non-member")
    r = other.get("/a/%s/manage" % code)
    expect_status(r, 404, what="GET manage by a non-member")
    expect(not has_text(home(owner, code), catalog(s, "manage.deleting_notice")),
           "a non-member scheduled the deletion")


def test_delete_without_csrf_refused(s):
    c, code = owner_with_account(s)
    c.get("/a/%s/manage" % code)
    r = c.post("/a/%s/delete" % code, {"confirm": "1"}, csrf=False)
    expect_status(r, 403, what="POST delete without csrf")
    expect(not has_text(home(c, code), catalog(s, "manage.deleting_notice")), "deletion scheduled without csrf")


# ---------------------------------------------------------------------------
# hostile display


def test_hostile_partner_name_escaped_on_account_pages(s):
    c = partner(s, name=HOSTILE_DISPLAY_NAME)
    code = create_account(c)
    for path in ("/accounts", "/accounts/new", "/a/%s/" % code, "/a/%s/profile" % code,
                 "/a/%s/exposure" % code, "/a/%s/manage" % code):
        r = c.get(path)
        expect_status(r, 200, what="GET %s" % path)
        expect(HOSTILE_DISPLAY_NAME not in r.text, "GET %s shows the display name unescaped" % path, r)
        expect("&lt;script&gt;alert(1)&lt;/script&gt;" in r.text, "GET %s does not show the escaped name" % path, r)


def test_account_name_with_ampersand_escaped(s):
    c = partner(s)
    name = "A&B (상담) " + secrets.token_hex(2)
    code = create_account(c, name=name)
    for path in ("/accounts", "/a/%s/" % code, "/a/%s/profile" % code):
        r = c.get(path)
        expect_status(r, 200, what="GET %s" % path)
        expect("A&B" not in r.text and "A&amp;B" in r.text, "GET %s does not escape the & of the name" % path, r)
