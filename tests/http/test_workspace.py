"""HTTP tests of the agents' workspace (issue 13): only a member's reply answers a room
(friend requests, automatic messages and taps never do), the answer to a request whose
sign-in ended (401 JSON for scripts, the login page with next= for pages), sign-in goes
back to same-origin paths only, leave and block ask first (a page without JavaScript,
the POST acts), left rooms are listed and restored, bulk actions report what they did and
nothing selected is a notice, the reply-assigns setting, the waiting order, image sizes
and safe links on both pages.

Customers write through the talk program; agents are Agent objects of test_inbox.
"""

import json
import re
import urllib.parse

from client import Client, File
from testlib import expect, expect_see_other, expect_status, login_ok, new_password, signup
from test_inbox import Agent, Customer, one, png_bytes, room_row


def status_of(s, room):
    return room_row(s, room)[0]


def test_answered_only_by_a_members_reply(s):
    a = Agent(s)
    cust = Customer(s, a, name="상태 고객")
    room = cust.send("문의합니다")
    expect(status_of(s, room) == "unread", "a customer's message left the room %s" % status_of(s, room))
    r = a.get("/chats/%d" % room)
    expect_status(r, 200, what="GET the room")
    expect(status_of(s, room) == "unanswered", "reading did not make it unanswered")
    # a friend request is no answer
    r = a.post("/chats/%d/friend-request" % room, {})
    expect_see_other(r, "/a/%s/chats/%d" % (a.code, room), what="friend request")
    expect(status_of(s, room) == "unanswered", "a friend request made the room %s" % status_of(s, room))
    # an automatic answer of a chat-menu tap is no answer either
    r = a.post("/menu", {"label": "배송", "response": "배송은 2일 걸립니다."})
    expect_status(r, 303, what="POST /a/CODE/menu")
    menu_id = one(s, "SELECT id FROM chat_menu_buttons WHERE account_id = %s ORDER BY id DESC LIMIT 1" % a.account_id)
    cust.client.get("/talk/%s" % a.code)
    r = cust.client.post("/talk/%s/menu/%s" % (a.code, menu_id), {})
    expect_status(r, 303, what="POST /talk/CODE/menu/ID")
    expect(one(s, "SELECT count(*) FROM messages WHERE room_id = %d AND sender = 'system'" % room) != "0",
           "the tap stored no automatic answer")
    expect(status_of(s, room) == "unread", "a tap and its automatic answer made the room %s" % status_of(s, room))
    a.get("/chats/%d" % room)
    # a member's text, image and file each answer it
    for what, files in (("text", None), ("image", {"file": File("a.png", png_bytes(3, 2), "image/png")}),
                        ("file", {"file": File("a.txt", b"hello", "text/plain")})):
        cust.send("또 문의 " + what)
        a.get("/chats/%d" % room)
        expect(status_of(s, room) == "unanswered", "before the %s reply the room is %s" % (what, status_of(s, room)))
        r = a.send(room, "답변 " + what if what == "text" else "", files=files)
        expect_see_other(r, "/a/%s/chats/%d" % (a.code, room), what="agent %s" % what)
        expect(status_of(s, room) == "answered", "a member's %s reply left the room %s" % (what, status_of(s, room)))
    # a friend request after an answer leaves it answered, and a new question unanswered
    cust.send("마지막 문의")
    a.get("/chats/%d" % room)
    a.post("/chats/%d/friend-request" % room, {"client_id": "friendreq-2-xyz"})
    expect(status_of(s, room) == "unanswered", "the second friend request answered the room")
    # the waiting time starts at the oldest unanswered message and ends with the reply
    expect(one(s, "SELECT waiting_since IS NOT NULL FROM rooms WHERE id = %d" % room) == "t",
           "a room with an open question has no waiting time")
    a.send(room, "답변")
    expect(one(s, "SELECT waiting_since IS NULL FROM rooms WHERE id = %d" % room) == "t",
           "a reply did not end the wait")


def test_signed_out_answers(s):
    a = Agent(s)
    cust = Customer(s, a, name="세션 고객")
    room = cust.send("세션 시험")
    path = "/a/%s/chats/%d" % (a.code, room)
    csrf = a.csrf
    s.psql("DELETE FROM sessions WHERE partner_id = %s" % a.partner_id)
    c = a.client
    for headers, what in (({"Accept": "application/json"}, "Accept: application/json"),
                          ({"X-Requested-With": "fetch", "Accept": "text/html"}, "X-Requested-With")):
        r = c.get(path + "/messages?after=0", headers=headers)
        expect_status(r, 401, what="GET a fragment signed out (%s)" % what)
        body = json.loads(r.text)
        expect(body.get("signed_out") is True and "로그인" in body.get("error", ""),
               "the 401 body is %r" % r.text, r)
    r = c.post(path + "/messages", {"text": "로그인 끝난 뒤", "csrf": csrf},
               headers={"Accept": "application/json", "X-CSRF-Token": csrf})
    expect_status(r, 401, what="POST a reply signed out from a script")
    expect(json.loads(r.text).get("signed_out") is True, "the POST's 401 body is %r" % r.text, r)
    expect(one(s, "SELECT count(*) FROM messages WHERE room_id = %d AND body = '로그인 끝난 뒤'" % room) == "0",
           "a signed-out reply was stored")
    r = c.get(path + "?before=5")
    expect_see_other(r, "/login", what="GET the room signed out")
    query = urllib.parse.parse_qs(urllib.parse.urlsplit(r.location).query)
    expect(query.get("next") == [path + "?before=5"], "the login redirect's next is %r" % query.get("next"), r)


def test_next_is_same_origin_only(s):
    c0, email, password = signup(s, name="next 시험")
    c = Client(s)
    r = c.get("/login?next=%2Fa%2Fabcdef%2Fchats%2F7")
    expect_status(r, 200, what="GET /login?next=")
    expect('name="next" value="/a/abcdef/chats/7"' in r.text, "the login form does not carry next", r)
    for bad in ("//evil.example", "https://evil.example/", "/\\evil.example", "http:/evil", "/x\r\nSet-Cookie: a=b",
                "javascript:alert(1)", " /accounts"):
        r = c.get("/login?next=" + urllib.parse.quote(bad, safe=""))
        expect('name="next" value=""' in r.text, "GET /login kept next=%r" % bad, r)
        c2 = Client(s)
        c2.get("/login")
        r = c2.post("/login", {"email": email, "password": password, "next": bad})
        expect_see_other(r, "/accounts", allow_query=False, what="sign-in with next=%r" % bad)
    c3 = Client(s)
    c3.get("/login")
    r = c3.post("/login", {"email": email, "password": password, "next": "/settings?x=1"})
    expect(r.status == 303 and r.location_path == "/settings?x=1", "sign-in did not return to /settings?x=1: %r"
           % r.location, r)


def test_confirmations_leave_and_block(s):
    a = Agent(s)
    cust = Customer(s, a, name="나가기 고객")
    room = cust.send("나가기 시험")
    base = "/chats/%d" % room
    for action in ("leave", "block"):
        r = a.get(base + "/" + action)
        expect_status(r, 200, what="GET %s confirmation" % action)
        expect('action="/a/%s/chats/%d/%s"' % (a.code, room, action) in r.text and 'method="post"' in r.text,
               "the %s confirmation page has no form that posts" % action, r)
        expect("나가기 고객" in r.text, "the confirmation does not name the chat", r)
    expect(room_row(s, room, "hidden, 1")[0] == "f", "showing the confirmation left the room")
    expect(one(s, "SELECT blocked FROM customers WHERE id = %d" % cust.customer_id) == "f",
           "showing the confirmation blocked the customer")
    r = a.post(base + "/leave", {})
    expect_see_other(r, "/a/%s/chats" % a.code, what="POST leave")
    expect(room_row(s, room, "hidden, 1")[0] == "t", "POST leave did not leave")
    expect(one(s, "SELECT count(*) FROM account_history WHERE account_id = %s AND action = 'room_leave'"
               % a.account_id) == "1", "leaving wrote no history line")
    # the list after leaving offers to bring it back
    r = a.client.get(r.location)
    expect("/chats/%d/restore" % room in r.text, "the list after leaving offers no way back", r)
    # the list's bulk form (ask=1) asks before leave and block
    cust2 = Customer(s, a, name="일괄 고객")
    room2 = cust2.send("일괄 시험")
    for action in ("leave", "block"):
        r = a.bulk(action, [room2], ask="1")
        expect_status(r, 200, what="bulk %s from the list without confirm" % action)
        expect('name="confirm" value="1"' in r.text, "the bulk %s confirmation has no confirm field" % action, r)
    expect(room_row(s, room2, "hidden, 1")[0] == "f", "an unconfirmed bulk leave left the room")
    expect(one(s, "SELECT blocked FROM customers WHERE id = %d" % cust2.customer_id) == "f",
           "an unconfirmed bulk block blocked")
    r = a.bulk("block", [room2], ask="1", confirm="1")
    expect_status(r, 303, what="bulk block confirmed")
    expect(one(s, "SELECT blocked FROM customers WHERE id = %d" % cust2.customer_id) == "t", "confirmed block did nothing")
    r = a.post("/chats/%d/block" % room2, {})
    expect_status(r, 303, what="POST block of a blocked customer")
    # another account's room: 404 on the page and the post
    b = Agent(s)
    expect_status(b.get("/chats/%d/leave" % room2), 404, what="another account's leave page")
    expect_status(b.post("/chats/%d/leave" % room2, {}), 404, what="another account's leave")


def test_left_rooms_listed_and_restored(s):
    a = Agent(s)
    custs = [Customer(s, a, name="복원 고객 %d" % i) for i in range(3)]
    rooms = [c.send("복원 시험 %d" % i) for i, c in enumerate(custs)]
    r = a.bulk("leave", rooms[:2], confirm="1")
    expect_status(r, 303, what="leave two rooms")
    ids, page = a.list_ids()
    expect(set(ids) == {rooms[2]}, "the list shows %s after leaving two" % ids, page)
    expect(re.search(r'data-tab-count="left">2<', page.text), "the left tab does not count 2", page)
    ids, page = a.list_ids("left=1")
    expect(set(ids) == set(rooms[:2]), "the left rooms list shows %s" % ids, page)
    expect('value="restore"' in page.text, "the left list offers no restore action", page)
    r = a.post("/chats/%d/restore" % rooms[0], {})
    expect_see_other(r, "/a/%s/chats/%d" % (a.code, rooms[0]), what="restore one room")
    r = a.bulk("restore", [rooms[1]], ask="1")
    expect_status(r, 303, what="bulk restore")
    ids, _ = a.list_ids()
    expect(set(ids) == set(rooms), "after restoring the list shows %s" % ids)


def test_bulk_reports_and_nothing_selected(s):
    a = Agent(s)
    custs = [Customer(s, a, name="보고 고객 %d" % i) for i in range(3)]
    rooms = [c.send("보고 시험 %d" % i) for i, c in enumerate(custs)]
    list_path = "/a/%s/chats" % a.code
    r = a.bulk("read", rooms[:2], ask="1", back=list_path + "?status=unread")
    expect_status(r, 303, what="bulk read from the list")
    expect(r.location_path.startswith(list_path + "?status=unread&"), "the report lost the filters: %r" % r.location, r)
    page = a.client.get(r.location)
    expect_status(page, 200, what="the list after a bulk action")
    expect("채팅방 2개를 읽음으로 표시했습니다." in page.text, "the list does not report the bulk action", page)
    r = a.bulk("complete", rooms, ask="1")
    page = a.client.get(r.location)
    expect("채팅방 3개의 상담을 완료했습니다." in page.text, "the list does not report 3 completed", page)
    # nothing ticked: back to the list with a notice, not an error page
    r = a.post("/chats/bulk", [("action", "read"), ("ask", "1"), ("back", list_path)])
    expect_see_other(r, list_path, what="bulk with nothing selected")
    page = a.client.get(r.location)
    expect_status(page, 200, what="the list after nothing selected")
    expect("선택한 채팅방이 없습니다" in page.text and "data-rows-box" in page.text,
           "the list does not say nothing was selected", page)


def test_reply_assigns_setting(s):
    a = Agent(s)
    b = Agent(s, name="두번째 멤버")
    a.add_member(b)
    b.client.get("/a/%s/chats" % a.code)
    b_csrf = b.client.get("/a/%s/chats" % a.code).csrf()
    cust = Customer(s, a, name="배정 고객")
    room = cust.send("배정 시험")
    a.send(room, "설정 끄고 답변")
    expect(room_row(s, room, "coalesce(assignee_id::text, 'none'), 1")[0] == "none", "a reply assigned with the setting off")
    r = a.get("/chats/settings")
    expect('name="reply_assigns"' in r.text and " checked" not in r.text.split('name="reply_assigns"')[1][:40],
           "the settings page has no unticked reply_assigns box", r)
    r = a.post("/chats/settings", {"session_timeout_minutes": "1440", "reply_assigns": "1"})
    expect_status(r, 303, what="turn reply_assigns on")
    expect(one(s, "SELECT reply_assigns FROM accounts WHERE id = %s" % a.account_id) == "t", "the setting was not saved")
    expect(one(s, "SELECT count(*) FROM account_history WHERE account_id = %s AND menu = 'settings' "
               "AND action = 'reply_assigns' AND after = 'on'" % a.account_id) == "1", "no history line for the setting")
    cust.send("다시 문의")
    r = b.client.post_multipart("/a/%s/chats/%d/messages" % (a.code, room), {"text": "제가 답합니다"}, None, csrf=b_csrf)
    expect_status(r, 303, what="the second member replies")
    expect(room_row(s, room, "assignee_id, 1")[0] == b.partner_id, "the reply did not assign the replier")
    cust.send("또 문의")
    a.send(room, "첫 멤버 답변")
    expect(room_row(s, room, "assignee_id, 1")[0] == b.partner_id, "a reply took an assigned room from its assignee")
    cust2 = Customer(s, a, name="친구요청 고객")
    room2 = cust2.send("친구 요청만")
    a.post("/chats/%d/friend-request" % room2, {})
    expect(room_row(s, room2, "coalesce(assignee_id::text, 'none'), 1")[0] == "none", "a friend request assigned the room")


def test_waiting_order(s):
    a = Agent(s)
    custs = [Customer(s, a, name="대기 고객 %d" % i) for i in range(4)]
    rooms = [c.send("대기 %d" % i) for i, c in enumerate(custs)]
    # waited 5, 90, 30 minutes; the last is answered (not waiting)
    for room, minutes in zip(rooms[:3], (5, 90, 30)):
        s.psql("UPDATE rooms SET waiting_since = now() - interval '%d minutes' WHERE id = %d" % (minutes, room))
    a.send(rooms[3], "답변함")
    custs[0].send("두 번째 질문")  # a later message does not restart the wait
    ids, page = a.list_ids("sort=waiting")
    expect(ids == [rooms[1], rooms[2], rooms[0]], "sort=waiting lists %s, expected %s" % (ids, [rooms[1], rooms[2], rooms[0]]), page)
    expect("1시간째 대기" in page.text and "30분째 대기" in page.text, "the rows do not show the waiting time", page)
    ids, _ = a.list_ids()
    expect(ids[0] == rooms[0], "the newest order does not start with the newest message: %s" % ids)
    ids, page = a.list_ids("sort=waiting&status=unread")
    expect(set(ids) <= {rooms[0], rooms[1], rooms[2]}, "waiting with a status lists %s" % ids, page)
    # the tabs say the seed's words and their counts
    page = a.get("/chats")
    for word in ("읽지 않은 상담", "답변하지 않은 상담", "답변한 상담", "완료된 상담"):
        expect(word in page.text, "the tabs lack %s" % word, page)
    counts = json.loads(a.get("/chats/counts", headers={"Accept": "application/json"}).text)
    expect(counts["unread"] == 3 and counts["answered"] == 1, "the counts are %r" % counts)


def test_images_sized_and_links_safe(s):
    a = Agent(s)
    cust = Customer(s, a, name="링크 고객")
    room = cust.send("주소 https://shop.example/item?id=1&x=2. 그리고 javascript:alert(1) http://a.example/<b>")
    r = a.send(room, "사진", files={"file": File("p.png", png_bytes(30, 20), "image/png")})
    expect_see_other(r, "/a/%s/chats/%d" % (a.code, room), what="agent image")
    expect(one(s, "SELECT width || 'x' || height FROM attachments WHERE room_id = %d" % room) == "30x20",
           "the attachment's size was not stored")
    page = a.get("/chats/%d" % room)
    expect(re.search(r'<img src="[^"]+/files/\d+" alt="[^"]*" width="30" height="20"', page.text),
           "the room's image carries no width and height", page)
    link = '<a href="https://shop.example/item?id=1&amp;x=2" rel="noopener noreferrer nofollow"'
    expect(link in page.text, "the room does not link the https address", page)
    expect('href="javascript:' not in page.text, "a javascript: address became a link", page)
    expect('href="http://a.example/"' in page.text and "&lt;b&gt;" in page.text,
           "the http address was not cut at < or the rest not escaped", page)
    talk = cust.client.get("/talk/%s" % a.code)
    expect(link in talk.text, "the customer page does not link the https address", talk)
    expect(re.search(r'<img src="/talk/[^"]+/files/\d+" alt="[^"]*" width="30" height="20"', talk.text),
           "the customer page's image carries no width and height", talk)


def test_desktop_notifications_setting(s):
    a = Agent(s)
    page = a.get("/chats")
    expect('data-notify="0"' in page.text, "the workspace does not say notifications are off", page)
    r = a.client.get("/settings")
    expect('name="desktop_notify"' in r.text, "my account has no desktop-notification choice", r)
    r = a.client.post("/settings/notifications", {"desktop_notify": "1"})
    expect_see_other(r, "/settings", what="turn desktop notifications on")
    expect(one(s, "SELECT desktop_notify FROM partners WHERE id = %s" % a.partner_id) == "t", "the choice was not saved")
    page = a.get("/chats")
    expect('data-notify="1"' in page.text, "the workspace does not say notifications are on", page)
    a.client.get("/settings")
    a.client.post("/settings/notifications", {})
    expect(one(s, "SELECT desktop_notify FROM partners WHERE id = %s" % a.partner_id) == "f", "could not turn them off")


def test_stream_carries_other_accounts_unread_and_presence(s):
    from test_events import (customer_client, customer_key, make_account, open_stream,
                             post_customer_message, room_of_key)
    a = Agent(s)
    other_id, other_code = make_account(s, a.email)  # a second account of the same partner
    b = Agent(s, name="함께 보는 멤버")
    a.add_member(b)
    st = open_stream(s, a.client, "/events/a/%s" % a.code)
    try:
        expect(st.status == 200 and st.wait_started(), "the stream did not open (%d)" % st.status)
        key = customer_key()
        post_customer_message(s, other_code, customer_client(s, key), "다른 계정 문의")
        room = room_of_key(s, other_id, key)
        ev, skipped = st.wait_for(lambda e, d: e["event"] == "unread", 5.0)
        expect(ev is not None, "no `unread` event for the other account's message (got %r)" % skipped)
        data = json.loads(ev["data"])
        expect(data == {"a": other_id, "r": room, "k": "unread", "p": int(a.partner_id)}, "data is %r" % data)
        # the second member views and types in a room of the first account: a's stream says who
        cust = Customer(s, a, name="함께 보는 고객")
        room_a = cust.send("같이 봐요")
        page = b.client.get("/a/%s/chats/%d" % (a.code, room_a))
        for state in ("viewing", "typing", "typing"):
            r = b.client.post("/a/%s/chats/%d/presence" % (a.code, room_a), {"state": state, "csrf": page.csrf()})
            expect_status(r, 204, what="POST presence %s" % state)
        seen = []
        for _ in range(2):
            ev, _ = st.wait_for(lambda e, d: e["event"] in ("viewing", "typing"), 5.0)
            if ev is not None:
                seen.append(json.loads(ev["data"]))
        want = [{"a": int(a.account_id), "r": room_a, "k": k, "p": int(b.partner_id)} for k in ("viewing", "typing")]
        expect(seen == want, "presence events %r, expected %r" % (seen, want))
        r = b.client.post("/a/%s/chats/%d/presence" % (a.code, room_a), {"state": "dancing", "csrf": page.csrf()})
        expect_status(r, 422, what="POST presence with an unknown state")
    finally:
        st.close()
