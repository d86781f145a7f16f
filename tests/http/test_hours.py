"""Operating hours and automatic messages (SPEC HOURS-1..7; DESIGN section 10's
/a/CODE/hours, /a/CODE/hours/messages, holidays and data-open on /talk/CODE).

The stack runs on the real clock, so no test changes time: each chooses the
account's time zone (a whole-hour Etc/GMT zone) and weekly hours from the present
moment so that "now" falls where it needs it, e.g. at 23:xx on the first day of an
overnight range, or at 00:xx of the day after it. Automatic messages are stored
with sender 'system'."""

import datetime
import re
import secrets

from client import Client, parse_inputs
from testlib import expect, expect_status, expect_see_other, login_ok
from test_talk import new_account, Customer, has_input_box, _q, _sql, _count

DAYS = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")


def zone_for_hour(hour):
    """(zone, local datetime now) of an Etc/GMT zone whose local hour is HOUR now."""
    now = datetime.datetime.now(datetime.timezone.utc)
    for offset in range(-12, 15):
        if (now.hour + offset) % 24 == hour:
            # Etc/GMT-9 is UTC+9 (POSIX signs)
            zone = "Etc/GMT" if offset == 0 else "Etc/GMT%+d" % -offset
            return zone, now + datetime.timedelta(hours=offset)
    raise AssertionError("no zone for local hour %d" % hour)


def hours_fields(zone, days=None, away=False, outside="accept"):
    """The /a/CODE/hours form: DAYS maps a weekday index to (start, end); others closed."""
    fields = {"timezone": zone, "outside_hours": outside}
    for i, name in enumerate(DAYS):
        start, end = (days or {}).get(i, ("09:00", "18:00"))
        if i in (days or {}):
            fields[name + "_open"] = "1"
        fields[name + "_start"] = start
        fields[name + "_end"] = end
    if away:
        fields["away"] = "1"
    return fields


def set_hours(a, **kw):
    r = a.partner.get("/a/%s/hours" % a.code)
    expect_status(r, 200, what="GET hours")
    r = a.partner.post("/a/%s/hours" % a.code, hours_fields(**kw))
    expect_see_other(r, "/a/%s/hours" % a.code, what="POST hours")


def closed_now(a, away=False, outside="accept", zone="Asia/Seoul"):
    """Every day closed: the account does not answer now."""
    set_hours(a, zone=zone, days={}, away=away, outside=outside)


def data_open(page_text):
    m = re.findall(r'data-open="([01])"', page_text)
    expect(len(m) == 1, "the page has %d data-open attributes, not 1" % len(m))
    return m[0]


def automatic(s, code, customer_number=None):
    """Bodies of the account's automatic messages, oldest first."""
    where = "" if customer_number is None else " AND c.number = %d" % customer_number
    out = _q(s, "SELECT string_agg(m.body, E'\\x1f' ORDER BY m.id) FROM messages m "
                "JOIN accounts a ON a.id = m.account_id JOIN rooms r ON r.id = m.room_id "
                "JOIN customers c ON c.id = r.customer_id "
                "WHERE m.sender = 'system' AND a.code = %s%s" % (_sql(code), where))
    return out.split("\x1f") if out else []


def senders(s, code):
    out = _q(s, "SELECT string_agg(m.sender, ',' ORDER BY m.id) FROM messages m "
                "JOIN accounts a ON a.id = m.account_id WHERE a.code = %s" % _sql(code))
    return out.split(",") if out else []


def set_messages(a, **fields):
    r = a.partner.get("/a/%s/hours/messages" % a.code)
    expect_status(r, 200, what="GET messages")
    r = a.partner.post("/a/%s/hours/messages" % a.code, fields)
    expect_see_other(r, "/a/%s/hours/messages" % a.code, what="POST messages")


def posted(cust, text):
    r = cust.send(text)
    expect_status(r, 303, what="customer post %r" % text)
    return r


# ---------------------------------------------------------------------------


def test_hours_page_validates_and_keeps_what_was_typed(s):
    a = new_account(s)
    r = a.partner.get("/a/%s/hours" % a.code)
    expect_status(r, 200, what="GET hours")
    expect('href="/a/%s/hours"' % a.code in r.text, "no account menu entry for hours", r)
    # every day open all day until set: answering now
    expect(data_open(r.text) == "1", "a new account does not answer now", r)
    bad = hours_fields("Mars/Olympus", {0: ("09:03", "18:00"), 1: ("", "18:00"),
                                        2: ("10:00", "24:05")})
    r = a.partner.post("/a/%s/hours" % a.code, bad)
    expect_status(r, 422, what="POST bad hours")
    expect('value="09:03"' in r.text and 'value="Mars/Olympus"' in r.text,
           "what was typed is not kept", r)
    expect(r.text.count('class="error"') >= 4, "not every bad field has its message", r)
    r = a.partner.post("/a/%s/hours" % a.code, hours_fields("Asia/Seoul", {0: ("<script>", "18:00")}))
    expect_status(r, 422, what="POST a start of 8 characters")
    expect("5자 이하로" in r.text and "{max}" not in r.text, "the day's message does not say its limit", r)
    expect(_count(s, "SELECT count(*) FROM account_hours h JOIN accounts a ON a.id = h.account_id "
                     "WHERE a.code = %s" % _sql(a.code)) == 0, "a refused form saved hours")
    hostile = '"><script>alert(1)</script>'
    r = a.partner.post("/a/%s/hours" % a.code, hours_fields(hostile))
    expect_status(r, 422, what="POST hostile time zone")
    expect("<script>alert(1)" not in r.text, "the time zone is echoed unescaped", r)
    # a one-digit hour and a time typed without its colon (a phone's number pad) are times
    r = a.partner.post("/a/%s/hours" % a.code, hours_fields(
        "America/New_York", {4: ("2200", "2:00"), 6: ("0:00", "2400")}))
    expect_see_other(r, "/a/%s/hours" % a.code, what="POST hours")
    rows = _q(s, "SELECT string_agg(h.weekday || ':' || h.open || ':' || h.start_minute || '-' "
                 "|| h.end_minute, ' ' ORDER BY h.weekday) || ' ' || a.time_zone "
                 "FROM account_hours h JOIN accounts a ON a.id = h.account_id "
                 "WHERE a.code = %s GROUP BY a.time_zone" % _sql(a.code))
    expect(rows == "0:false:540-1080 1:false:540-1080 2:false:540-1080 3:false:540-1080 "
                   "4:true:1320-120 5:false:540-1080 6:true:0-1440 America/New_York",
           "stored hours are %r" % rows)
    r = a.partner.get("/a/%s/hours?done=saved" % a.code)
    expect('value="22:00"' in r.text and 'value="02:00"' in r.text, "saved hours not shown", r)


def test_overnight_range_at_23_and_00(s):
    """A customer writes at 23:xx on the first day of a 23:00-02:00 range and at
    00:xx of the next day: answered both times, no away message; the same 00:xx
    after a range that ends at 00:00 is closed and gets it."""
    a = new_account(s)
    zone, local = zone_for_hour(23)
    set_hours(a, zone=zone, days={local.weekday(): ("23:00", "02:00")})
    cust = Customer(s, a.code)
    r = cust.open()
    expect(data_open(r.text) == "1", "not open at %s 23:%02d of an overnight range"
           % (zone, local.minute), r)
    posted(cust, "at 23")
    expect(automatic(s, a.code)[1:] == [], "an away message at 23:xx of the range")

    zone, local = zone_for_hour(0)
    yesterday = (local.weekday() - 1) % 7
    set_hours(a, zone=zone, days={yesterday: ("22:00", "02:00")})
    r = cust.open()
    expect(data_open(r.text) == "1", "not open at 00:%02d after Sunday-or-other's overnight range"
           % local.minute, r)
    posted(cust, "at 00")
    expect(automatic(s, a.code)[1:] == [], "an away message at 00:xx of the range")

    set_hours(a, zone=zone, days={yesterday: ("22:00", "00:00")})
    r = cust.open()
    expect(data_open(r.text) == "0", "open at 00:xx after hours that end at 00:00", r)
    posted(cust, "after midnight")
    expect(len(automatic(s, a.code)) == 2, "no away message after hours ending at 00:00")


def test_refusal_mode(s):
    a = new_account(s)
    closed_now(a, outside="refuse")
    cust = Customer(s, a.code)
    r = cust.open()
    expect_status(r, 200, what="GET chat page")
    expect(data_open(r.text) == "0", "open while every day is closed", r)
    expect(not has_input_box(r.text), "an input box while input is refused", r)
    expect("채팅할 수 없습니다" in r.text, "no 'chat not available' notice", r)
    expect("휴무" in r.text, "the hours are not shown with the refusal", r)
    r = cust.send("refused?")
    expect_status(r, 403, what="post outside hours in refusal mode")
    expect(_count(s, "SELECT count(*) FROM messages m JOIN accounts a ON a.id = m.account_id "
                     "WHERE a.code = %s" % _sql(a.code)) == 0, "a refused post stored something")
    closed_now(a, outside="accept")
    r = cust.open()
    expect(has_input_box(r.text), "no input box in accept mode", r)
    posted(cust, "accepted")
    expect(senders(s, a.code) == ["system", "customer", "system"],
           "welcome, message, away expected, got %r" % senders(s, a.code))


def test_away_once_per_closed_period(s):
    a = new_account(s)
    set_messages(a, away_message="부재 " + secrets.token_hex(3))
    away_text = _q(s, "SELECT away_message FROM accounts WHERE code = %s" % _sql(a.code))
    closed_now(a)
    cust = Customer(s, a.code)
    posted(cust, "one")
    posted(cust, "two")
    expect(automatic(s, a.code).count(away_text) == 1, "the away message is not sent exactly once "
           "in one closed period: %r" % automatic(s, a.code))
    other = Customer(s, a.code)
    posted(other, "another customer")
    expect(automatic(s, a.code).count(away_text) == 2, "another customer did not get it")
    # the next closed period: hours that ended an hour ago instead of never
    zone, local = zone_for_hour(12)
    set_hours(a, zone=zone, days={local.weekday(): ("00:00", "11:00")})
    posted(cust, "three")
    expect(automatic(s, a.code).count(away_text) == 3, "not sent again in the next closed period")
    posted(cust, "four")
    expect(automatic(s, a.code).count(away_text) == 3, "sent twice in the second period")
    # the away switch is a closed period of its own, even while the hours are open
    set_hours(a, zone=zone, days={i: ("00:00", "24:00") for i in range(7)}, away=True)
    r = cust.open()
    expect(data_open(r.text) == "0", "answering while away", r)
    expect("부재중" in r.text, "the page does not say away", r)
    posted(cust, "five")
    posted(cust, "six")
    expect(automatic(s, a.code).count(away_text) == 4, "away switch: not exactly once more")
    set_hours(a, zone=zone, days={i: ("00:00", "24:00") for i in range(7)}, away=False)
    posted(cust, "seven")
    expect(automatic(s, a.code).count(away_text) == 4, "an away message while open")


def test_holidays(s):
    a = new_account(s)
    zone, local = zone_for_hour(12)
    set_hours(a, zone=zone, days={i: ("00:00", "24:00") for i in range(7)})
    set_messages(a, holiday_message="휴일 " + secrets.token_hex(3))
    holiday_text = _q(s, "SELECT holiday_message FROM accounts WHERE code = %s" % _sql(a.code))
    today = local.date()
    base = "/a/%s/hours/holidays" % a.code
    for start, end, what in ((today - datetime.timedelta(days=1), today, "a past first day"),
                             (today, today - datetime.timedelta(days=1), "an end before the start"),
                             ("2024-02-30", "2024-03-01", "no such date")):
        a.partner.get("/a/%s/hours" % a.code)
        r = a.partner.post(base, {"start": str(start), "end": str(end)})
        expect_status(r, 422, what="holiday with " + what)
        expect('value="%s"' % start in r.text, "the typed date is not kept (%s)" % what, r)
        # the error is the holiday's alone, said at the top too: the week's fields are not
        # marked (their sections were looked up in the page, where START_INVALID is the holiday's)
        expect(r.text.count('aria-invalid="true"') in (1, 2) and 'class="form-summary"' in r.text,
               "a refused holiday (%s) marks %d fields or has no summary"
               % (what, r.text.count('aria-invalid="true"')), r)
    a.partner.get("/a/%s/hours" % a.code)
    r = a.partner.post(base, {"start": str(today), "end": str(today + datetime.timedelta(days=2))})
    expect_see_other(r, "/a/%s/hours" % a.code, what="add holiday")
    a.partner.get("/a/%s/hours" % a.code)
    r = a.partner.post(base, {"start": str(today + datetime.timedelta(days=1)),
                              "end": str(today + datetime.timedelta(days=5))})
    expect_see_other(r, "/a/%s/hours" % a.code, what="add an overlapping holiday")
    cust = Customer(s, a.code)
    r = cust.open()
    expect(data_open(r.text) == "0", "answering on a holiday", r)
    expect("휴일" in r.text, "the page does not say holiday", r)
    posted(cust, "on a holiday")
    posted(cust, "again on a holiday")
    got = automatic(s, a.code)
    expect(got.count(holiday_text) == 1, "the holiday message is not sent exactly once: %r" % got)
    expect(not any(t.startswith("지금은 상담시간이") for t in got), "the away message was sent too")
    r = a.partner.get("/a/%s/hours" % a.code)
    ids = [int(x) for x in re.findall(r'<li id="holiday-(\d+)"', r.text)]
    expect(len(ids) == 2, "the two holidays are not listed", r)
    # asks first
    r = a.partner.post("%s/%d/delete" % (base, ids[0]), {})
    expect_status(r, 422, what="delete without confirming")
    expect(r.text.count('<li id="holiday-') == 2, "deleted unconfirmed", r)
    expect(r.text.count('class="error"') == 1, "the question is not next to the holiday", r)
    # another account's holiday is 404, confirmed or not
    b = new_account(s)
    b.partner.get("/a/%s/hours" % b.code)
    for fields in ({}, {"confirm": "1"}):
        r = b.partner.post("/a/%s/hours/holidays/%d/delete" % (b.code, ids[0]), fields)
        expect_status(r, 404, what="another account's holiday")
    r = a.partner.post("%s/%d/delete" % (base, ids[0]), {"confirm": "1"})
    expect_see_other(r, "/a/%s/hours" % a.code, what="confirmed delete")
    a.partner.get("/a/%s/hours" % a.code)
    r = a.partner.post("%s/%d/delete" % (base, ids[1]), {"confirm": "1"})
    expect_see_other(r, "/a/%s/hours" % a.code, what="confirmed delete")
    r = cust.open()
    expect(data_open(r.text) == "1", "still closed after the holidays were deleted", r)


def test_welcome_once_and_get_stores_nothing(s):
    a = new_account(s)
    customers = "SELECT count(*) FROM customers c JOIN accounts a ON a.id = c.account_id " \
                "WHERE a.code = %s" % _sql(a.code)
    cust = Customer(s, a.code)
    r = cust.open()
    expect("무엇을 도와드릴까요" in r.text, "the built-in welcome is not shown on first open", r)
    cust.open()
    expect(_count(s, customers) == 0, "opening the chat page created a customer")
    posted(cust, "hello")
    posted(cust, "hello again")
    expect(senders(s, a.code) == ["system", "customer", "customer"],
           "welcome once before the first message expected: %r" % senders(s, a.code))
    r = cust.open()
    expect(r.text.count("무엇을 도와드릴까요") == 1, "the welcome shows twice", r)
    other = Customer(s, a.code)
    posted(other, "me too")
    expect(len(automatic(s, a.code)) == 2, "the second customer did not get a welcome")
    # the chat notice for non-friends, when on; friend-thanks once
    set_messages(a, notice_on="1", notice_message="안내 " + secrets.token_hex(3),
                 friend_thanks_message="감사 " + secrets.token_hex(3))
    third = Customer(s, a.code)
    r = third.open()
    expect("안내 " in r.text, "the chat notice is not shown to a non-friend", r)
    posted(third, "first")
    r = third.post("/friend")
    expect_status(r, 303, what="add friend")
    third.post("/unfriend")
    third.post("/friend")
    texts = automatic(s, a.code)
    expect(sum(t.startswith("감사 ") for t in texts) == 1, "friend-thanks not exactly once: %r" % texts)
    expect(sum(t.startswith("안내 ") for t in texts) == 1, "the notice not exactly once: %r" % texts)
    # the room marks them as automatic for agents
    room = _q(s, "SELECT r.id FROM rooms r JOIN customers c ON c.id = r.customer_id "
                 "JOIN accounts a ON a.id = r.account_id WHERE a.code = %s AND c.number = 3"
                 % _sql(a.code))
    r = a.partner.get("/a/%s/chats/%s" % (a.code, room))
    expect_status(r, 200, what="room")
    expect(r.text.count('class="sender automatic"') == 3, "automatic messages are not marked", r)


def test_messages_page_limits_and_hostile_text(s):
    a = new_account(s)
    r = a.partner.get("/a/%s/hours/messages" % a.code)
    expect_status(r, 200, what="GET messages")
    expect("무엇을 도와드릴까요" in r.text, "the built-in welcome is not shown for editing", r)
    long_text = "가" * 501
    r = a.partner.post("/a/%s/hours/messages" % a.code, {"away_message": long_text,
                                                          "welcome_message": "kept"})
    expect_status(r, 422, what="a 501-character message")
    expect(long_text in r.text and "kept" in r.text, "what was typed is not kept", r)
    expect(_q(s, "SELECT welcome_message IS NULL FROM accounts WHERE code = %s" % _sql(a.code))
           == "t", "a refused form saved a message")
    hostile = '<img src=x onerror=alert(1)>"\'&'
    set_messages(a, welcome_message=hostile, away_message="가" * 500)
    cust = Customer(s, a.code)
    r = cust.open()
    expect(hostile not in r.text and "&lt;img src=x" in r.text, "the welcome is not escaped", r)
    posted(cust, "hi")
    room = _q(s, "SELECT r.id FROM rooms r JOIN accounts a ON a.id = r.account_id "
                 "WHERE a.code = %s" % _sql(a.code))
    r = a.partner.get("/a/%s/chats/%s" % (a.code, room))
    expect(hostile not in r.text and "&lt;img src=x" in r.text, "the room does not escape it", r)
    r = a.partner.get("/a/%s/hours/messages" % a.code)
    expect(hostile not in r.text, "the messages page does not escape it", r)
    # back to the built-in text when emptied
    set_messages(a, welcome_message="")
    expect(_q(s, "SELECT welcome_message IS NULL FROM accounts WHERE code = %s" % _sql(a.code))
           == "t", "an emptied message is not back to the built-in text")


def test_account_home_shows_hours_and_quiet_time(s):
    a = new_account(s)
    closed_now(a)
    r = a.partner.get("/a/%s/" % a.code)
    expect_status(r, 200, what="account home")
    expect(data_open(r.text) == "0", "the account home does not show closed", r)
    expect('href="/a/%s/hours"' % a.code in r.text, "no link to the hours from the home", r)
    r = a.partner.get("/settings")
    expect_status(r, 200, what="GET settings")
    r = a.partner.post("/settings/quiet", {"quiet_start": "22:00", "quiet_end": ""})
    expect_status(r, 422, what="quiet time with one end")
    expect('value="22:00"' in r.text, "the typed start is not kept", r)
    expect('class="form-summary"' in r.text and 'href="#quiet_end"' in r.text,
           "the refused quiet time is not said at the top of the page", r)
    r = a.partner.post("/settings/quiet", {"quiet_start": "22:00", "quiet_end": "08:00"})
    expect_see_other(r, "/settings", what="POST quiet time")
    expect(_q(s, "SELECT p.quiet_start || '-' || p.quiet_end FROM partners p JOIN members m "
                 "ON m.partner_id = p.id JOIN accounts a ON a.id = m.account_id "
                 "WHERE a.code = %s" % _sql(a.code)) == "1320-480", "quiet time not stored")
    r = a.partner.get("/settings")
    expect('value="22:00"' in r.text and 'value="08:00"' in r.text, "quiet time not shown", r)
    a.partner.get("/settings")
    r = a.partner.post("/settings/quiet", {"quiet_start": "", "quiet_end": ""})
    expect_see_other(r, "/settings", what="clear quiet time")
