"""HTTP tests of the FAQ, chat menu, canned replies and request form (SPEC FAQ-1..4;
DESIGN 10, "Contract for the areas being built now"): the FAQ draft stays invisible
until 반영하기; a customer's tap posts the question and an automatic answer; the 11th
menu button is refused also under parallel requests; taps are counted per day;
canned replies are searched and put into a room's message box without script; the
request form comes before the first message and its answers reach the room; hostile
text stays inert; another account's ids answer 404; images are judged by content.
"""

import html
import re
import urllib.parse
import secrets
import threading

from client import Client, File
from test_inbox import HOSTILE, Agent, one, png_bytes
from testlib import expect, expect_see_other, expect_status

_state = {}


def agent(s, key="a"):
    if key not in _state:
        _state[key] = Agent(s)
    return _state[key]


def customer(s, a):
    c = Client(s)
    r = c.get("/talk/%s" % a.code)
    expect_status(r, 200, what="GET /talk/CODE")
    return c


def talk_text(r):
    return html.unescape(r.text)


def add_faq(a, question, answer, link="", files=None):
    r = a.client.post_multipart(a.base + "/faq", {"question": question, "answer": answer, "link": link},
                                files, csrf=a.csrf)
    expect_see_other(r, a.base + "/faq", what="POST /faq")
    page = a.get("/faq")
    ids = re.findall(r'<li class="faq-entry" data-id="(\d+)"', page.text)
    return int(ids[-1])


def published_ids(s, a):
    out = s.psql("SELECT id FROM faq_published WHERE account_id = %s ORDER BY position" % a.account_id)
    return [int(x) for x in out.split()]


def test_faq_draft_invisible_until_published(s):
    a = agent(s)
    add_faq(a, "배송은 얼마나 걸리나요?", "보통 2일 걸립니다.", "https://example.com/ship")
    c = customer(s, a)
    r = c.get("/talk/%s" % a.code)
    expect("배송은 얼마나 걸리나요?" not in talk_text(r), "an unpublished FAQ question is shown", r)
    page = a.get("/faq")
    expect("data-faq-pending" in page.text, "the FAQ page does not say there are changes to publish", page)
    r = a.post("/faq/publish", {})
    expect_see_other(r, a.base + "/faq", what="POST /faq/publish")
    r = c.get("/talk/%s" % a.code)
    expect("배송은 얼마나 걸리나요?" in talk_text(r), "the published FAQ question is not on the chat page", r)
    add_faq(a, "두 번째 질문", "두 번째 답")
    r = c.get("/talk/%s" % a.code)
    expect("두 번째 질문" not in talk_text(r), "a draft entry added after publishing is shown", r)


def test_faq_tap_posts_question_and_automatic_answer(s):
    a = agent(s)
    c = customer(s, a)
    entry = published_ids(s, a)[0]
    r = c.post("/talk/%s/faq/%d" % (a.code, entry), {})
    expect_see_other(r, "/talk/%s" % a.code, what="POST /talk/CODE/faq/ID")
    r = c.get("/talk/%s" % a.code)
    text = talk_text(r)
    expect("배송은 얼마나 걸리나요?" in text and "보통 2일 걸립니다." in text,
           "the question and its answer are not in the customer's room", r)
    expect("https://example.com/ship" in text, "the answer's link is not in the room", r)
    room = one(s, "SELECT id FROM rooms WHERE account_id = %s ORDER BY id DESC LIMIT 1" % a.account_id)
    rows = s.psql("SELECT sender || ':' || left(body, 8) FROM messages WHERE room_id = %s "
                  "AND (body LIKE '배송은%%' OR body LIKE '보통 2일%%') ORDER BY id" % room).split("\n")
    rows = [x for x in rows if x]
    expect(rows == ["customer:배송은 얼마나 ", "system:보통 2일 걸립"],
           "stored messages are %r, not the question and an automatic answer" % rows)
    page = a.get("/chats/%s" % room)
    expect('data-automatic="1"' in page.text and "자동" in page.text,
           "the agent does not see the answer marked automatic", page)
    status = one(s, "SELECT status FROM rooms WHERE id = %s" % room)
    expect(status in ("unread", "unanswered"), "the automatic answer answered the room (%s)" % status)


def test_faq_move_and_reorder(s):
    a = agent(s)
    page = a.get("/faq")
    ids = [int(x) for x in re.findall(r'<li class="faq-entry" data-id="(\d+)"', page.text)]
    r = a.post("/faq/%d/move" % ids[1], {"dir": "up"})
    expect_see_other(r, a.base + "/faq", what="move up")
    page = a.get("/faq")
    now = [int(x) for x in re.findall(r'<li class="faq-entry" data-id="(\d+)"', page.text)]
    expect(now == [ids[1], ids[0]], "moving up gave %r from %r" % (now, ids), page)
    r = a.post("/faq/order", [("id", str(ids[0])), ("id", str(ids[1]))])
    expect_status(r, 303, what="POST /faq/order")
    page = a.get("/faq")
    now = [int(x) for x in re.findall(r'<li class="faq-entry" data-id="(\d+)"', page.text)]
    expect(now == ids, "reordering gave %r, not %r" % (now, ids), page)


def test_faq_validation_keeps_what_was_typed(s):
    a = agent(s)
    r = a.client.post_multipart(a.base + "/faq", {"question": "타이핑한 질문", "answer": "", "link": "ftp://x"},
                                csrf=a.csrf)
    expect_status(r, 422, what="FAQ without an answer")
    expect("타이핑한 질문" in r.text and 'aria-invalid="true"' in r.text, "the typed question or the errors are lost", r)
    r = a.client.post_multipart(a.base + "/faq", {"question": "q" * 101, "answer": "a"}, csrf=a.csrf)
    expect_status(r, 422, what="a 101-character question")


def test_faq_image_judged_by_content(s):
    a = agent(s)
    php = File("shell.png", b"<?php system($_GET['c']); ?>\n", "image/png")
    r = a.client.post_multipart(a.base + "/faq", {"question": "이미지 질문", "answer": "답"}, [("image", php)],
                                csrf=a.csrf)
    expect_status(r, 422, what="a PHP file named .png")
    count = one(s, "SELECT count(*) FROM faq_entries WHERE account_id = %s AND question = '이미지 질문'" % a.account_id)
    expect(count == "0", "a refused image left an entry")
    entry = add_faq(a, "이미지 질문", "그림 답변", files=[("image", File("ok.png", png_bytes(), "image/png"))])
    r = a.get("/faq/%d/image" % entry)
    expect_status(r, 200, what="the FAQ image")
    a.post("/faq/publish", {})
    c = customer(s, a)
    pid = [i for i in published_ids(s, a)][-1]
    r = c.post("/talk/%s/faq/%d" % (a.code, pid), {})
    expect_status(r, 303, what="tap the image question")
    r = c.get("/talk/%s" % a.code)
    expect(re.search(r'<img src="/talk/%s/files/\d+"' % a.code, r.text), "the answer's image is not in the room", r)


def test_menu_eleventh_button_refused_in_parallel(s):
    a = agent(s, "menu")
    for i in range(8):
        r = a.post("/menu", {"label": "메뉴%d" % i, "response": "응답 %d" % i})
        expect_see_other(r, a.base + "/menu", what="button %d" % i)
    results = []

    def add(i):
        c = a.client.clone()
        results.append(c.post(a.base + "/menu", {"label": "병렬%d" % i, "response": "r"}, csrf=a.csrf).status)

    threads = [threading.Thread(target=add, args=(i,)) for i in range(6)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    count = one(s, "SELECT count(*) FROM chat_menu_buttons WHERE account_id = %s" % a.account_id)
    expect(count == "10", "parallel posts left %s buttons (statuses %r)" % (count, results))
    expect(sorted(results) == [303, 303, 422, 422, 422, 422], "statuses were %r" % results)
    r = a.post("/menu", {"label": "열한번째", "response": "r"})
    expect_status(r, 422, what="the 11th button")
    expect("열한번째" in r.text, "the refused label is not kept", r)


def test_menu_tap_sends_response_and_counts_the_day(s):
    a = agent(s, "menu")
    c = customer(s, a)
    page = c.get("/talk/%s" % a.code)
    m = re.search(r'action="/talk/%s/menu/(\d+)"' % a.code, page.text)
    expect(m, "the chat page has no menu buttons", page)
    button = int(m.group(1))
    label, response = one(s, "SELECT label || '|' || response FROM chat_menu_buttons WHERE id = %d" % button).split("|")
    r = c.post("/talk/%s/menu/%d" % (a.code, button), {})
    expect_see_other(r, "/talk/%s" % a.code, what="menu tap")
    text = talk_text(c.get("/talk/%s" % a.code))
    expect(label in text and response in text, "the button's label and response are not in the room")
    c.post("/talk/%s/menu/%d" % (a.code, button), {})
    taps = one(s, "SELECT taps FROM chat_menu_counts WHERE button_id = %d AND day = "
                  "(now() AT TIME ZONE (SELECT time_zone FROM accounts WHERE id = %s))::date" % (button, a.account_id))
    expect(taps == "2", "the day's count is %r, not 2" % taps)


def test_replies_refused_search_is_said(s):
    """자주 쓰는 답변's search (q, at most 100 code points, one line): a refused query is said
    next to the field with 422 and kept as typed, all replies listed, never a cut-short search;
    replies.json answers 422 with the message."""
    a = agent(s)
    a.post("/replies", {"title": "배송 안내", "text": "오늘 출고됩니다."})
    a.post("/replies", {"title": "환불 안내", "text": "환불은 3일 걸립니다."})
    for typed in ("출" * 101, "출고\t안내"):
        r = a.get("/replies?q=" + urllib.parse.quote(typed))
        expect_status(r, 422, what="GET /replies?q=%r" % typed[:8])
        expect('id="replies-q-error"' in r.text and 'aria-invalid="true"' in r.text,
               "q=%r: no message next to the search field" % typed[:8], r)
        expect("배송 안내" in r.text and "환불 안내" in r.text, "q=%r: not every reply listed" % typed[:8], r)
    expect('value="%s"' % ("출" * 101) in a.get("/replies?q=" + urllib.parse.quote("출" * 101)).text,
           "a refused query is not kept as typed")
    r = a.get("/replies.json?q=%FF")
    expect_status(r, 422, what="replies.json?q=%FF")
    expect('"error"' in r.text, "replies.json does not say why: %r" % r.text[:120], r)


def test_replies_search_and_no_script_prefill(s):
    a = agent(s)
    r = a.get("/replies")
    # the page's own title (자주 쓰는 답변) is not put into the new reply's title field
    expect('id="reply-title" name="title" type="text" data-maxlength="50" value=""' in r.text,
           "the new reply's title field is not empty", r)
    r = a.post("/replies", {"title": "배송 안내", "text": "오늘 출고됩니다. 50% 할인"})
    expect_see_other(r, a.base + "/replies", what="POST /replies")
    a.post("/replies", {"title": "환불 안내", "text": "환불은 3일 걸립니다."})
    r = a.get("/replies?q=" + "출고")
    expect("배송 안내" in r.text and "환불 안내" not in r.text, "search by text failed", r)
    # A full-width (U+3000) or no-break space between the words is a space (PARAM_SEARCH).
    for space in ("\u3000", "\u00a0"):
        r = a.get("/replies?q=" + urllib.parse.quote("오늘" + space + "출고" + space))
        expect("배송 안내" in r.text and "환불 안내" not in r.text,
               "a search with U+%04X between its words failed" % ord(space), r)
    r = a.get("/replies.json?q=" + "50%25")
    expect_status(r, 200, what="replies.json")
    expect("배송 안내" in r.text and "환불" not in r.text, "JSON search for '50%%' failed", r)
    rid = int(re.search(r'"id":(\d+)', r.text).group(1))
    c = customer(s, a)
    c.post("/talk/%s/messages" % a.code, {"text": "안녕하세요"})
    room = one(s, "SELECT id FROM rooms WHERE account_id = %s ORDER BY id DESC LIMIT 1" % a.account_id)
    r = a.get("/replies?room=%s" % room)
    expect("/chats/%s?reply=%d" % (room, rid) in r.text, "the picker does not link the reply into the room", r)
    r = a.get("/chats/%s?reply=%d" % (room, rid))
    m = re.search(r'<textarea id="text"[^>]*>([^<]*)</textarea>', r.text)
    expect(m and "오늘 출고됩니다." in html.unescape(m.group(1)), "the reply is not in the message box", r)
    count = one(s, "SELECT count(*) FROM messages WHERE room_id = %s AND sender = 'agent'" % room)
    expect(count == "0", "prefilling sent a message")


def test_request_form_before_first_message(s):
    a = agent(s, "request")
    r = a.post("/request-form", {"on": "1", "question": "어떤 상담인가요?", "kind": "choice", "choices": "법률\n세무\n"})
    expect_see_other(r, a.base + "/request-form", what="POST /request-form")
    r = a.post("/request-form", {"on": "1", "question": "연락처", "kind": "choice", "choices": "하나만"})
    expect_status(r, 422, what="a choice question with one choice")
    expect("연락처" in r.text, "the typed question is lost", r)
    a.post("/request-form", {"on": "1", "question": "나이", "kind": "text"})
    c = customer(s, a)
    page = c.get("/talk/%s" % a.code)
    expect('action="/talk/%s/request"' % a.code in page.text and 'id="talk-form"' not in page.text,
           "the request form is not shown instead of the input box", page)
    qs = s.psql("SELECT id FROM request_questions WHERE account_id = %s ORDER BY position" % a.account_id).split()
    r = c.post("/talk/%s/request" % a.code, {"q" + qs[0]: "의료", "q" + qs[1]: "30"})
    expect_status(r, 422, what="a choice that is not offered")
    r = c.post("/talk/%s/request" % a.code, {"q" + qs[0]: "세무", "q" + qs[1]: HOSTILE})
    expect_see_other(r, "/talk/%s" % a.code, what="POST /talk/CODE/request")
    page = c.get("/talk/%s" % a.code)
    expect('id="talk-form"' in page.text, "the input box does not come after the request form", page)
    c.post("/talk/%s/messages" % a.code, {"text": "상담 부탁드립니다"})
    room = one(s, "SELECT id FROM rooms WHERE account_id = %s ORDER BY id DESC LIMIT 1" % a.account_id)
    r = a.get("/chats/%s" % room)
    expect("어떤 상담인가요?" in r.text and "세무" in r.text, "the answers are not at the top of the room", r)
    expect("<img src=x" not in r.text and "&lt;img src=x" in r.text, "a hostile answer is not escaped", r)


def test_hostile_text_inert(s):
    a = agent(s, "hostile")
    add_faq(a, HOSTILE, HOSTILE)
    a.post("/faq/publish", {})
    a.post("/menu", {"label": "<script>x", "response": HOSTILE})
    a.post("/replies", {"title": HOSTILE, "text": HOSTILE})
    for path in ("/faq", "/menu", "/replies"):
        r = a.get(path)
        expect("<img src=x" not in r.text and "<script>x" not in r.text, "raw hostile text on %s" % path, r)
    c = customer(s, a)
    r = c.get("/talk/%s" % a.code)
    expect("<img src=x" not in r.text and "<script>x" not in r.text, "raw hostile text on the chat page", r)
    r = a.get("/replies.json?q=img")
    expect("<img" not in r.text, "raw hostile text in the JSON", r)


def test_other_accounts_ids_404(s):
    a, b = agent(s), agent(s, "menu")
    fid = int(one(s, "SELECT id FROM faq_entries WHERE account_id = %s LIMIT 1" % a.account_id))
    rid = int(one(s, "SELECT id FROM canned_replies WHERE account_id = %s LIMIT 1" % a.account_id))
    mid = int(one(s, "SELECT id FROM chat_menu_buttons WHERE account_id = %s LIMIT 1" % b.account_id))
    pid = published_ids(s, a)[0]
    checks = [
        (b.client.post_multipart(b.base + "/faq/%d" % fid, {"question": "x", "answer": "y"}, csrf=b.csrf), "faq edit"),
        (b.post("/faq/%d/delete" % fid, {"confirm": "1"}), "faq delete"),
        (b.post("/faq/%d/move" % fid, {"dir": "up"}), "faq move"),
        (b.get("/faq/%d/image" % fid), "faq image"),
        (b.post("/replies/%d" % rid, {"title": "x", "text": "y"}), "reply edit"),
        (b.post("/replies/%d/delete" % rid, {"confirm": "1"}), "reply delete"),
        (a.post("/menu/%d" % mid, {"label": "x", "response": "y"}), "menu edit"),
        (a.post("/menu/%d/delete" % mid, {"confirm": "1"}), "menu delete"),
        (customer(s, b).post("/talk/%s/faq/%d" % (b.code, pid), {}), "tap another account's FAQ"),
        (customer(s, a).post("/talk/%s/menu/%d" % (a.code, mid), {}), "tap another account's button"),
    ]
    for r, what in checks:
        expect_status(r, 404, what=what)
    expect(one(s, "SELECT count(*) FROM faq_entries WHERE id = %d" % fid) == "1", "a foreign delete removed the entry")


def test_delete_asks_first(s):
    a = agent(s)
    rid = int(one(s, "SELECT id FROM canned_replies WHERE account_id = %s LIMIT 1" % a.account_id))
    r = a.post("/replies/%d/delete" % rid, {})
    expect_status(r, 200, what="delete without confirm")
    expect('name="confirm" value="1"' in r.text, "no confirmation step", r)
    expect(one(s, "SELECT count(*) FROM canned_replies WHERE id = %d" % rid) == "1", "deleted without confirmation")
    r = a.post("/replies/%d/delete" % rid, {"confirm": "1"})
    expect_see_other(r, a.base + "/replies", what="confirmed delete")
    expect(one(s, "SELECT count(*) FROM canned_replies WHERE id = %d" % rid) == "0", "not deleted")


def test_deleted_account_takes_its_faq_images(s):
    """ACC-8: when the worker deletes an account whose 7 days are over, the files of
    its FAQ images (draft and published) go too, as its attachments do."""
    import os
    import time
    a = Agent(s)
    add_faq(a, "사진 질문", "사진 답", files=[("image", File("ok.png", png_bytes(), "image/png"))])
    r = a.post("/faq/publish", {})
    expect_status(r, 303, what="publish")
    names = s.psql("SELECT image_name FROM faq_entries WHERE account_id = %s UNION "
                   "SELECT image_name FROM faq_published WHERE account_id = %s"
                   % (a.account_id, a.account_id)).split()
    expect(len(names) == 1, "the draft and the published entry share one stored file: %s" % names)
    upload_dir = os.path.join(s.var, "uploads")
    path = os.path.join(upload_dir, names[0])
    expect(os.path.exists(path), "the FAQ image is not stored at %s" % path)
    s.psql("UPDATE accounts SET delete_after = now() - interval '1 minute' WHERE id = %s" % a.account_id)
    s.psql("SELECT pg_notify('sangdam_jobs', 'sweep')")
    deadline = time.time() + 15
    while time.time() < deadline and os.path.exists(path):
        time.sleep(0.2)
    expect(one(s, "SELECT count(*) FROM accounts WHERE id = %s" % a.account_id) == "0",
           "the account was not deleted")
    expect(not os.path.exists(path), "the deleted account's FAQ image is still at %s" % path)


def test_reset_removes_the_faq_and_the_menu(s):
    """ACC-9: the reset removes the FAQ (draft and published) and the chat menu with the
    rooms and labels; the image file of an entry a customer tapped stays for that room's
    history, the other image's file goes."""
    import os
    a = Agent(s)
    r = a.post("/menu", {"label": "영업시간", "response": "10시부터"})
    expect_see_other(r, a.base + "/menu", what="POST /menu")
    tapped = add_faq(a, "탭한 질문", "탭한 답", files=[("image", File("a.png", png_bytes(), "image/png"))])
    other = add_faq(a, "다른 질문", "다른 답", files=[("image", File("b.png", png_bytes(2, 2), "image/png"))])
    expect_see_other(a.post("/faq/publish", {}), a.base + "/faq", what="POST /faq/publish")
    names = {i: one(s, "SELECT image_name FROM faq_entries WHERE id = %d" % i) for i in (tapped, other)}
    c = customer(s, a)
    first = one(s, "SELECT min(id) FROM faq_published WHERE account_id = %s" % a.account_id)
    expect_see_other(c.post("/talk/%s/faq/%s" % (a.code, first), {}), "/talk/%s" % a.code,
                     what="the customer taps the first question")
    attachment = one(s, "SELECT id FROM attachments WHERE account_id = %s" % a.account_id)
    manage = a.client.get(a.base + "/manage")
    r = a.client.post(a.base + "/reset", {"confirm": "1"}, csrf=manage.csrf())
    expect_status(r, 303, what="ACC-9 reset")
    left = one(s, "SELECT (SELECT count(*) FROM faq_entries WHERE account_id = %s) || ' ' || "
                  "(SELECT count(*) FROM faq_published WHERE account_id = %s) || ' ' || "
                  "(SELECT count(*) FROM chat_menu_buttons WHERE account_id = %s)"
               % (a.account_id, a.account_id, a.account_id))
    expect(left == "0 0 0", "the reset left FAQ entries, published entries, buttons: %s" % left)
    page = talk_text(c.get("/talk/%s" % a.code))
    expect("다른 질문" not in page and "영업시간" not in page,
           "the chat page still offers the FAQ or the menu after the reset")
    expect("탭한 질문" in page, "the reset took the tapped question out of the customer's room")
    expect(os.path.exists(os.path.join(s.var, "uploads", names[tapped])),
           "the reset removed the image file that the tapped answer in the room names")
    expect(not os.path.exists(os.path.join(s.var, "uploads", names[other])),
           "the reset left the untapped entry's image file on the disk")
    expect_status(c.get("/talk/%s/files/%s" % (a.code, attachment)), 200,
                  what="the tapped answer's image after the reset")
