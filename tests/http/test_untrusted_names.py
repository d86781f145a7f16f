"""HTTP tests of what people name (issue 14 items 9 and 10, NF-6): a download is named
with the extension of the type libmagic found, never the sender's; names with
bidirectional controls are refused next to their field, and user text is isolated
where it is shown.
"""

import re
import urllib.parse

from client import File
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
