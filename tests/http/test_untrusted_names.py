"""HTTP tests of what people name (issue 14 items 9 and 10, NF-6): a download is named
with the extension of the type libmagic found, never the sender's; names with
bidirectional controls are refused next to their field, and user text is isolated
where it is shown.
"""

import re
import urllib.parse

from client import Client, File
from testlib import expect, expect_status
from test_inbox import Agent, Customer, one, png_bytes

INVOICE = b"Invoice 2024-001\nTotal: 10,000 KRW\nThank you.\n"


def disposition_names(resp):
    """filename= and the decoded filename*= of resp's Content-Disposition."""
    value = resp.header("Content-Disposition") or ""
    plain = re.search(r'filename="([^"]*)"', value)
    extended = re.search(r"filename\*=UTF-8''([^;\s]*)", value)
    expect(plain and extended, "Content-Disposition %r lacks filename= or filename*=" % value, resp)
    return plain.group(1), urllib.parse.unquote(extended.group(1))


def test_downloads_carry_the_extension_of_their_type(s):
    a = Agent(s)
    cust = Customer(s, a, name="확장자 고객")
    room = cust.send("파일 보낼게요")
    talk = cust.client
    r = talk.get("/talk/%s" % a.code)
    expect_status(r, 200, what="GET /talk/CODE")
    r = talk.post_multipart("/talk/%s/messages" % a.code, {"text": ""},
                            {"file": File("invoice.html", INVOICE, "text/html")})
    expect_status(r, 303, what="a customer sends a text file named invoice.html")
    r = a.send(room, "", files={"file": File("x.php", png_bytes(2, 2), "application/x-php")})
    expect_status(r, 303, what="an agent sends a PNG named x.php")
    rows = s.psql("SELECT id, mime, display_name FROM attachments WHERE room_id = %d ORDER BY id" % room)
    rows = [line.split("\t") for line in rows.strip().splitlines()]
    expect([row[1:] for row in rows] == [["text/plain", "invoice.txt"], ["image/png", "x.png"]],
           "the stored download names are %r" % rows)
    text_id, image_id = rows[0][0], rows[1][0]
    page = a.get("/chats/%d" % room)
    expect('download="invoice.txt">invoice.txt</a>' in page.text, "the room does not offer invoice.txt", page)
    expect("invoice.html" not in page.text and "x.php" not in page.text,
           "the room still shows a sender's extension", page)
    for client, path in ((a.client, "%s/chats/%d/files/%s" % (a.base, room, text_id)),
                         (talk, "/talk/%s/files/%s" % (a.code, text_id))):
        r = client.get(path)
        expect_status(r, 200, what="GET the text file")
        expect(disposition_names(r) == ("invoice.txt", "invoice.txt"),
               "the text file downloads as %r" % (disposition_names(r),), r)
    r = a.get("/chats/%d/files/%s" % (room, image_id))
    expect(disposition_names(r) == ("x.png", "x.png"), "the PNG downloads as %r" % (disposition_names(r),), r)
    # a name stored before the rule is corrected when served
    s.psql("UPDATE attachments SET display_name = '청구서.html' WHERE id = %s" % text_id)
    r = a.get("/chats/%d/files/%s" % (room, text_id))
    expect(disposition_names(r) == ("___.txt", "청구서.txt"),
           "an old name downloads as %r" % (disposition_names(r),), r)


RLO = "\u202e"   # RIGHT-TO-LEFT OVERRIDE: "abc\u202egnp.exe" shows as "abcexe.png"


def error_after_field(page, name, message):
    """True when page marks input `name` invalid and shows message in the first error
    paragraph after it (past an optional hint), as the form kit places field errors."""
    pattern = (r'<input[^>]*\bname="%s"[^>]*aria-invalid="true"[^>]*>\s*(?:<p class="hint">[^<]*</p>\s*)?'
               r'<p class="error">([^<]*)</p>' % re.escape(name))
    found = re.search(pattern, page)
    return found is not None and found.group(1) == message


def test_names_with_direction_controls_are_refused(s):
    from test_accounts import account_fields, catalog, partner
    message = catalog(s, "err.bidi")
    expect(catalog(s, "err.bidi", "en"), "err.bidi has no English text")
    a = Agent(s)
    for path, fields, table in (("/labels", {"name": "VIP" + RLO + "gnp", "color": "#43a047"}, "labels"),
                                ("/groups", {"name": "단골" + RLO + "그룹", "description": ""}, "friend_groups")):
        r = a.post(path, fields)
        expect_status(r, 422, what="%s with U+202E in the name" % path)
        expect(error_after_field(r.text, "name", message),
               "%s: the message for the name is not next to the field" % path, r)
        expect(one(s, "SELECT count(*) FROM %s WHERE account_id = %s" % (table, a.account_id)) == "0",
               "%s: a name with U+202E was stored" % path)
    c = partner(s)
    c.get("/accounts/new")
    r = c.post("/accounts/new", account_fields(name="상점" + RLO + "abc"))
    expect_status(r, 422, what="an account name with U+202E")
    expect(error_after_field(r.text, "name", message), "the account name's message is not next to it", r)
    for mark in ("\u200e", "\u200f", "\u061c", "\u202a", "\u2066", "\u2069"):
        r = a.post("/labels", {"name": "a" + mark + "b", "color": "#43a047"})
        expect_status(r, 422, what="a label name with U+%04X" % ord(mark))
    # right-to-left letters themselves are names like any other
    r = a.post("/labels", {"name": "שלום", "color": "#43a047"})
    expect_status(r, 303, what="a Hebrew label name")


def test_user_text_is_isolated_where_shown(s):
    """Names and messages are shown in elements the style sheet isolates (unicode-bidi)."""
    r = Client(s).get("/static/sangdam.css")
    expect_status(r, 200, what="GET /static/sangdam.css")
    css = re.sub(r"/\*.*?\*/", "", r.text, flags=re.S)
    rule = re.search(r"([^{}]*)\{[^}]*unicode-bidi:\s*isolate[^}]*\}", css)
    expect(rule, "sangdam.css isolates nothing")
    selectors = {x.strip() for x in rule.group(1).split(",")}
    for needed in ("bdi", ".chip", ".customer", ".room-name", ".room-last", ".sender", ".msg .text",
                   ".msg .file a", ".facts dd", ".who", ".account-title a", ".card-title", ".msg-text",
                   ".msg-file-name", ".msg-sender"):
        expect(needed in selectors, "sangdam.css does not isolate %s" % needed)
    a = Agent(s)
    r = a.post("/labels", {"name": "עברית 1", "color": "#43a047"})
    expect_status(r, 303, what="a right-to-left label")
    page = a.get("/labels")
    expect(re.search(r'<span class="chip [^"]*">עברית 1</span>', page.text), "the label is not in a chip", page)
    page = a.get("/chats")
    expect(re.search(r'<span class="who">[^<]*</span>', page.text), "the partner's name is not in .who", page)
    expect(re.search(r'<div class="account-title"><a [^>]*>[^<]*</a>', page.text),
           "the account name is not in .account-title a", page)
