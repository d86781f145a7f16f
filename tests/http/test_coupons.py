"""HTTP tests of coupons (SPEC COUP-1..9, issue 11; DESIGN 10, "Contract for the areas
being built now"): creating with generated codes loaded by the worker, the form's rules,
at most 10 scheduled or running, the list's filters, another account's coupon is 404, the
entry page (friends only, phone, one entry per friend, the draw on the server), 64
parallel entries on a 100 % coupon with 10 codes, a 50 % coupon over 10,000 draws, the
barcode of an offline win and "staff confirmed", stop, edit's date rules, the look-up by
phone, the downloads, sending from a chat room, an uploaded file with duplicates or a bad
line stores nothing and names the lines, and the history of every change. The readers'
formats (CP949 with CRLF, BOM, UTF-16, csv, xlsx, a PNG named .csv) need the codes library
and are skipped while src/codes_stub.c stands in for it.
"""

import datetime
import hashlib
import html
import http.client
import math
import re
import secrets
import threading
import time
import zoneinfo

from client import Client, File, next_source_address, parse_set_cookie
from test_inbox import Agent, Customer, one, sql_text
from testlib import Skip, expect, expect_see_other, expect_status

_state = {}


def agent(s, key="a"):
    if key not in _state:
        _state[key] = Agent(s)
    return _state[key]


def today(offset=0):
    """A date offset days from today in the accounts' time zone (Asia/Seoul)."""
    local = datetime.datetime.now(zoneinfo.ZoneInfo("Asia/Seoul")).date()
    return (local + datetime.timedelta(days=offset)).isoformat()


def coupon_fields(**over):
    fields = {"title": "여름 할인 쿠폰", "details": "매장에서 보여 주세요.", "entry_start": today(-1),
              "entry_end": today(5), "use_by": today(30), "place": "offline", "redeem_url": "",
              "probability": "100", "codes": "generate", "quantity": "10"}
    fields.update(over)
    return fields


def create(a, files=None, expect_status_code=303, **over):
    """POSTs the coupon form; returns the new coupon's id (or the response when refused)."""
    r = a.client.post_multipart(a.base + "/coupons/new", coupon_fields(**over), files, csrf=a.csrf)
    if expect_status_code != 303:
        expect_status(r, expect_status_code, what="POST /coupons/new %r" % (over,))
        return r
    path = (r.location_path or "").split("?")[0]
    expect(r.status == 303 and re.match(r"^/a/[a-z0-9]{6}/coupons/\d+$", path),
           "POST /coupons/new did not lead to the coupon", r)
    return int(path.rsplit("/", 1)[1])


def wait_codes(s, coupon, seconds=60):
    """Waits for the worker to load the coupon's codes; returns codes_state."""
    deadline = time.time() + seconds
    while time.time() < deadline:
        state = one(s, "SELECT codes_state FROM coupons WHERE id = %d" % coupon)
        if state != "loading":
            return state
        time.sleep(0.2)
    return "loading"


def ready_coupon(s, a, **over):
    coupon = create(a, **over)
    expect(wait_codes(s, coupon) == "ready", "the codes of coupon %d were not loaded" % coupon)
    return coupon


def key_hash(key):
    return hashlib.blake2b(key.encode(), digest_size=32).hexdigest()


def friends(s, a, count):
    """count friend customers of a's account made in SQL (500 a statement); their
    sd_customer keys."""
    keys = [secrets.token_urlsafe(32) for _ in range(count)]
    for start in range(0, count, 500):
        chunk = keys[start:start + 500]
        values = ",".join("(%s)" % sql_text(key_hash(k)) for k in chunk)
        s.psql("WITH k (key_hash) AS (VALUES %s), n AS (UPDATE accounts SET customer_count = "
               "customer_count + %d WHERE id = %s RETURNING customer_count - %d AS base) "
               "INSERT INTO customers (account_id, key_hash, number, is_friend, friend_since) "
               "SELECT %s, k.key_hash, n.base + row_number() OVER (), true, now() FROM k, n"
               % (values, len(chunk), a.account_id, len(chunk), a.account_id))
    return keys


class Visitor:
    """A customer's browser with a known sd_customer key."""

    def __init__(self, s, a, key=None):
        self.s, self.a = s, a
        self.client = Client(s)
        if key:
            cookie = parse_set_cookie("sd_customer=%s; Path=/" % key)
            self.client.cookies[(cookie.name, cookie.path)] = cookie

    def page(self, coupon):
        return self.client.get("/talk/%s/coupons/%d" % (self.a.code, coupon))

    def enter(self, coupon, phone="010-1234-5678", **extra):
        r = self.page(coupon)
        expect_status(r, 200, what="GET the entry page")
        fields = {"phone": phone}
        fields.update(extra)
        return self.client.post("/talk/%s/coupons/%d/entries" % (self.a.code, coupon), fields)


def entry_text(r):
    return html.unescape(r.text)


def result_of(r):
    m = re.search(r'data-result="([a-z_]+)"', r.text)
    return m.group(1) if m else None


def code_of(r):
    m = re.search(r'data-code>([^<]*)<', r.text)
    return html.unescape(m.group(1)) if m else None


# ---- creating -------------------------------------------------------------------------

def test_create_with_generated_codes(s):
    a = agent(s)
    r = a.get("/coupons/new")
    expect_status(r, 200, what="GET /coupons/new")
    # the page's own title is not put into the coupon's title field (both were {{TITLE}})
    expect('name="title" type="text" data-maxlength="30" value=""' in r.text,
           "the new coupon's title field is not empty", r)
    coupon = create(a, quantity="25")
    page = a.get("/coupons/%d/edit" % coupon)
    expect_status(page, 200, what="GET the coupon's edit page")
    expect("<title>쿠폰 수정 · " in page.text, "the edit page is titled after the coupon, not 쿠폰 수정", page)
    expect(wait_codes(s, coupon) == "ready", "25 generated codes were not loaded by the worker")
    codes = s.psql("SELECT code FROM coupon_codes WHERE coupon_id = %d" % coupon).split()
    expect(len(codes) == 25 and len(set(codes)) == 25, "25 distinct codes expected, got %r" % codes)
    expect(all(re.fullmatch(r"[23456789ABCDEFGHJKMNPQRSTUVWXYZ]{8,24}", c) for c in codes),
           "a generated code has a look-alike character: %r" % codes)
    page = a.get("/coupons/%d" % coupon)
    expect_status(page, 200, what="GET the coupon")
    expect('data-codes-state="ready"' in page.text and "25 / 25" in page.text,
           "the detail page does not show 25 / 25 codes ready", page)
    history = s.psql("SELECT action FROM account_history WHERE account_id = %s AND menu = 'coupons' "
                     "ORDER BY id" % a.account_id).split()
    expect(history[:2] == ["coupon_create", "codes_ready"], "history of the creation: %r" % history)


def test_create_refuses_bad_fields(s):
    a = agent(s)
    cases = [
        {"title": ""}, {"title": "가" * 31}, {"details": "x" * 601},
        {"entry_start": ""}, {"entry_end": "2026-02-30"}, {"entry_end": today(-2), "entry_start": today(-3)},
        {"use_by": today(5)}, {"entry_start": today(6)},
        {"probability": "0"}, {"probability": "100.000001"}, {"probability": "1e2"},
        {"probability": "50,5"}, {"probability": "-1"}, {"probability": "0.000001"},
        {"place": "online", "redeem_url": ""}, {"place": "online", "redeem_url": "javascript:alert(1)"},
        {"place": "moon"}, {"quantity": "0"}, {"quantity": "3000001"}, {"quantity": ""},
        {"codes": "upload"},
    ]
    before = one(s, "SELECT count(*) FROM coupons WHERE account_id = %s" % a.account_id)
    for case in cases:
        create(a, expect_status_code=422, **case)
    after = one(s, "SELECT count(*) FROM coupons WHERE account_id = %s" % a.account_id)
    expect(before == after, "a refused form stored a coupon")
    ok = create(a, probability="0.00001", place="online", redeem_url="https://shop.example/redeem")
    stored = one(s, "SELECT probability FROM coupons WHERE id = %d" % ok)
    expect(stored == "100", "0.00001 %% is stored as %s units, not 100" % stored)


def test_at_most_ten_scheduled_or_running(s):
    a = Agent(s)
    for i in range(10):
        create(a, title="쿠폰 %d" % i, entry_start=today(1) if i % 2 else today(0))
    r = create(a, expect_status_code=422, title="열한 번째")
    expect("10" in entry_text(r), "the 11th coupon's refusal does not name the limit", r)
    first = one(s, "SELECT min(id) FROM coupons WHERE account_id = %s" % a.account_id)
    r = a.post("/coupons/%s/stop" % first, {})
    expect_see_other(r, "%s/coupons/%s" % (a.base, first), what="POST stop")
    create(a, title="멈춘 뒤 하나 더")
    ended = one(s, "INSERT INTO coupons (account_id, title, entry_start, entry_end, use_by, place, "
                "probability, codes_source, codes_state) VALUES (%s, '지난 쿠폰', '%s', '%s', '%s', "
                "'offline', 1000000000, 'generate', 'ready') RETURNING id"
                % (a.account_id, today(-10), today(-5), today(30)))
    fields = coupon_fields(title="지난 쿠폰", entry_start=today(-10), entry_end=today(5))
    r = a.client.post_multipart("%s/coupons/%s/edit" % (a.base, ended), fields, None, csrf=a.csrf)
    expect_status(r, 422, what="an ended coupon run again as the 11th by a later entry end")
    running = one(s, "SELECT min(id) FROM coupons WHERE account_id = %s AND stopped_at IS NULL "
                  "AND entry_end >= current_date" % a.account_id)
    r = a.post("/coupons/%s/stop" % running, {})
    r = a.client.post_multipart("%s/coupons/%s/edit" % (a.base, ended), fields, None, csrf=a.csrf)
    expect_see_other(r, "%s/coupons/%s" % (a.base, ended), what="the same edit with a place free")


def test_list_filters_and_columns(s):
    a = Agent(s)
    running = ready_coupon(s, a, title="진행 중 커피", quantity="3")
    scheduled = create(a, title="예정 케이크", entry_start=today(2), entry_end=today(3))
    stopped = create(a, title="멈춘 커피")
    a.post("/coupons/%d/stop" % stopped, {})
    page = a.get("/coupons")
    expect_status(page, 200, what="GET /coupons")
    rows = dict(re.findall(r'<tr data-coupon="(\d+)">.*?data-status="([a-z]+)"', page.text, re.S))
    expect(rows.get(str(running)) == "running" and rows.get(str(scheduled)) == "scheduled"
           and rows.get(str(stopped)) == "stopped", "statuses in the list: %r" % rows, page)
    expect(re.search(r'<tr data-coupon="%d">.*?data-remaining>3 / 3<' % running, page.text, re.S),
           "the list does not show remaining / issued 3 / 3", page)
    def ids(query):
        r = a.get("/coupons?" + query)
        expect_status(r, 200, what="GET /coupons?" + query)
        return set(int(x) for x in re.findall(r'<tr data-coupon="(\d+)"', r.text))
    expect(ids("status=running") == {running}, "status=running: %r" % ids("status=running"))
    expect(ids("status=scheduled") == {scheduled}, "status=scheduled")
    expect(ids("q=%EC%BB%A4%ED%94%BC") == {running, stopped}, "q=커피: %r" % ids("q=%EC%BB%A4%ED%94%BC"))
    expect(ids("from=%s" % today(1)) == set(), "from tomorrow lists coupons registered today")
    expect(ids("from=%s&to=%s" % (today(0), today(0))) == {running, scheduled, stopped}, "today's range")
    expect(ids("from=bad") == {running, scheduled, stopped}, "an invalid date is not ignored")
    # a refused filter is said next to its field, and the list is not filtered by it
    for query, field in (("from=bad", "cf-from"), ("q=" + "%EC%BB%A4" * 31, "cf-q"), ("q=%FF", "cf-q")):
        r = a.get("/coupons?" + query)
        expect('id="%s-error"' % field in r.text, "GET /coupons?%s: no message next to %s" % (query[:12], field), r)
    expect(ids("q=" + "%EC%BB%A4" * 31) == {running, scheduled, stopped}, "a 31-character q is cut short")


def test_another_accounts_coupon_is_404(s):
    a, b = agent(s), agent(s, "b")
    coupon = ready_coupon(s, a, quantity="2")
    for path in ("", "/edit", "/image", "/codes.txt", "/remaining.txt", "/progress"):
        r = b.get("/coupons/%d%s" % (coupon, path))
        expect_status(r, 404, what="another account's coupon%s" % path)
    for path in ("/stop", "/edit"):
        r = b.post("/coupons/%d%s" % (coupon, path), coupon_fields())
        expect_status(r, 404, what="POST to another account's coupon%s" % path)
    r = Client(s).get("/talk/%s/coupons/%d" % (b.code, coupon))
    expect_status(r, 404, what="the entry page under another account's code")
    expect(one(s, "SELECT stopped_at IS NULL FROM coupons WHERE id = %d" % coupon) == "t",
           "another account stopped the coupon")


# ---- entering -------------------------------------------------------------------------

def test_entry_needs_a_friend_and_a_phone(s):
    a = agent(s)
    coupon = ready_coupon(s, a, quantity="5")
    v = Visitor(s, a)
    r = v.page(coupon)
    expect_status(r, 200, what="GET the entry page")
    expect("data-add-friend" in r.text and "data-enter" not in r.text,
           "a visitor who is not a friend is not asked to add the account first", r)
    r = v.client.post("/talk/%s/coupons/%d/entries" % (a.code, coupon), {"phone": "01012345678"})
    expect_status(r, 403, what="an entry by a non-friend")
    r = v.client.post("/talk/%s/friend" % a.code, {"coupon": str(coupon)})
    expect_see_other(r, "/talk/%s/coupons/%d" % (a.code, coupon), what="adding the account from the coupon")
    r = v.page(coupon)
    expect("data-enter" in r.text, "a friend is not offered the entry form", r)
    for phone in ("", "abc", "12"):
        r = v.client.post("/talk/%s/coupons/%d/entries" % (a.code, coupon), {"phone": phone})
        expect_status(r, 422, what="an entry with phone %r" % phone)
    r = v.client.post("/talk/%s/coupons/%d/entries" % (a.code, coupon), {"phone": "010-1111-2222"})
    expect_see_other(r, "/talk/%s/coupons/%d" % (a.code, coupon), what="the entry")
    r = v.page(coupon)
    expect(result_of(r) == "won" and code_of(r), "a 100 %% entry did not win a code", r)
    expect("data-barcode" in r.text and "<svg" in r.text, "an offline win shows no barcode", r)
    expect(today(30) in r.text, "the win does not show the use-by date", r)
    code = code_of(r)
    r = v.client.post("/talk/%s/coupons/%d/entries" % (a.code, coupon), {"phone": "010-1111-2222"})
    expect(one(s, "SELECT count(*) FROM coupon_entries WHERE coupon_id = %d" % coupon) == "1",
           "a second entry of the same friend was stored")
    expect(one(s, "SELECT count(*) FROM coupon_codes WHERE coupon_id = %d AND taken_at IS NOT NULL" % coupon) == "1",
           "a second entry took a second code")
    v.page(coupon)
    used = "/talk/%s/coupons/%d/used" % (a.code, coupon)
    r = v.client.post(used, {})
    expect_status(r, 200, what="staff confirmed, not yet asked (issue 13)")
    expect('action="%s"' % used in r.text and 'name="confirmed" value="1"' in r.text,
           "marking the coupon used does not ask on a page first", r)
    expect(one(s, "SELECT count(*) FROM coupon_entries WHERE coupon_id = %d AND used_at IS NOT NULL"
               % coupon) == "0", "asking marked the coupon used")
    r = v.client.post(used, {"confirmed": "1"})
    expect_see_other(r, "/talk/%s/coupons/%d" % (a.code, coupon), what="staff confirmed")
    r = v.page(coupon)
    expect("data-used" in r.text and code_of(r) == code, "the used win does not say so", r)
    page = a.get("/coupons/%d?phone=010-1111-2222" % coupon)
    expect(code in page.text, "the look-up by phone does not show the winner's code", page)
    page = a.get("/coupons/%d?phone=010-9999-9999" % coupon)
    expect('data-lookup="none"' in page.text, "the look-up of an unknown phone finds something", page)


def test_client_cannot_choose_the_outcome(s):
    a = agent(s)
    coupon = ready_coupon(s, a, probability="0.00001", quantity="5")
    keys = friends(s, a, 20)
    for key in keys:
        v = Visitor(s, a, key)
        r = v.enter(coupon, won="1", result="won", outcome="win", code="ABC", probability="100")
        expect_status(r, 303, what="an entry with extra fields")
    won = one(s, "SELECT count(*) FROM coupon_entries WHERE coupon_id = %d AND won" % coupon)
    expect(won == "0", "fields sent by the client made %s of 20 entries at 0.00001 %% win" % won)
    taken = one(s, "SELECT count(*) FROM coupon_codes WHERE coupon_id = %d AND taken_at IS NOT NULL" % coupon)
    expect(taken == "0", "a code was handed out")


def test_parallel_entries_hand_out_each_code_once(s):
    a = agent(s)
    coupon = ready_coupon(s, a, quantity="10", title="선착순 10명")
    keys = friends(s, a, 64)
    visitors = [Visitor(s, a, k) for k in keys]
    for v in visitors:
        expect_status(v.page(coupon), 200, what="GET the entry page")
    results = [None] * 64
    barrier = threading.Barrier(64)

    def run(i):
        try:
            barrier.wait(30)
            results[i] = visitors[i].client.post("/talk/%s/coupons/%d/entries" % (a.code, coupon),
                                                 {"phone": "0101000%04d" % i}).status
        except Exception as e:  # noqa: BLE001
            results[i] = repr(e)

    threads = [threading.Thread(target=run, args=(i,)) for i in range(64)]
    for th in threads:
        th.start()
    for th in threads:
        th.join(120)
    expect(all(x == 303 for x in results), "parallel entries answered %r" % results)
    outcomes = [result_of(v.page(coupon)) for v in visitors]
    codes = [code_of(v.page(coupon)) for v, o in zip(visitors, outcomes) if o == "won"]
    expect(outcomes.count("won") == 10 and outcomes.count("ran_out") == 54,
           "64 entries on 10 codes: %d won, %d told it ran out" % (outcomes.count("won"), outcomes.count("ran_out")))
    expect(len(set(codes)) == 10 and all(codes), "the 10 winners' codes are not 10 distinct codes: %r" % codes)
    rows = s.psql("SELECT count(*), count(DISTINCT entry_id) FROM coupon_codes WHERE coupon_id = %d "
                  "AND taken_at IS NOT NULL" % coupon).split()
    expect(rows == ["10", "10"], "codes taken / distinct entries: %r" % rows)


def raw_entries(s, a, coupon, keys, threads=8, per_address=40):
    """POSTs one entry for each key from threads workers, a fresh loopback address every
    per_address requests (the per-address limits stay out of the way); the statuses."""
    c = Client(s)
    r = c.get("/talk/%s/coupons/%d" % (a.code, coupon))
    csrf = r.csrf()
    cookies = "; ".join("%s=%s" % (k, v) for k, v in c.cookie_values().items()
                        if k != "sd_customer")
    statuses = []
    lock = threading.Lock()
    chunks = [keys[i::threads] for i in range(threads)]
    path = "/talk/%s/coupons/%d/entries" % (a.code, coupon)
    body = "phone=01012345678&csrf=%s" % csrf

    def run(chunk):
        conn, used, mine = None, 0, []
        for key in chunk:
            if conn is None or used >= per_address:
                if conn is not None:
                    conn.close()
                conn = http.client.HTTPConnection(s.host, s.port, timeout=60,
                                                  source_address=(next_source_address(), 0))
                used = 0
            conn.request("POST", path, body=body, headers={
                "Content-Type": "application/x-www-form-urlencoded", "Host": "%s:%s" % (s.host, s.port),
                "Cookie": "%s; sd_customer=%s" % (cookies, key)})
            resp = conn.getresponse()
            resp.read()
            mine.append(resp.status)
            used += 1
        if conn is not None:
            conn.close()
        with lock:
            statuses.extend(mine)

    workers = [threading.Thread(target=run, args=(chunk,)) for chunk in chunks]
    for w in workers:
        w.start()
    for w in workers:
        w.join(600)
    return statuses


def test_half_probability_over_ten_thousand_draws(s):
    a = Agent(s)
    n = 10000
    coupon = create(a, probability="50", quantity="1", title="반반 쿠폰")
    expect(wait_codes(s, coupon) == "ready", "the codes were not loaded")
    # enough codes for every possible winner, added in SQL (the draw is what is tested)
    s.psql("INSERT INTO coupon_codes (coupon_id, code) SELECT %d, 'T' || g FROM generate_series(1, %d) g"
           % (coupon, n))
    keys = friends(s, a, n)
    statuses = raw_entries(s, a, coupon, keys)
    expect(len(statuses) == n and set(statuses) == {303}, "entries answered %r"
           % sorted(set(statuses)))
    won = int(one(s, "SELECT count(*) FROM coupon_entries WHERE coupon_id = %d AND won" % coupon))
    entered = int(one(s, "SELECT count(*) FROM coupon_entries WHERE coupon_id = %d" % coupon))
    sigma = math.sqrt(n * 0.25)
    expect(entered == n, "%d entries stored of %d" % (entered, n))
    expect(abs(won - n / 2) <= 4 * sigma, "%d wins of %d draws at 50 %% (4 sigma = %.0f)" % (won, n, 4 * sigma))


# ---- detail, stop, edit, downloads ----------------------------------------------------

def test_stop_downloads_and_statistics(s):
    a = agent(s)
    coupon = ready_coupon(s, a, quantity="6", share="1")
    keys = friends(s, a, 2)
    for key in keys:
        expect_status(Visitor(s, a, key).enter(coupon), 303, what="an entry")
    v = Visitor(s, a, keys[0])
    v.page(coupon)
    r = v.client.post("/talk/%s/coupons/%d/share" % (a.code, coupon), {})
    expect_status(r, 303, what="a share")
    r = v.client.get(r.location_path)
    expect("data-shared" in r.text and "/talk/%s/coupons/%d" % (a.code, coupon) in r.text,
           "after a share the entry page does not give the address to share", r)
    r = a.get("/coupons/%d/codes.txt" % coupon)
    expect_status(r, 200, what="download all codes")
    expect(len(r.text.split()) == 6, "the download has %d codes, not 6" % len(r.text.split()))
    expect_status(a.get("/coupons/%d/remaining.txt" % coupon), 404, what="remaining before the end")
    page = a.get("/coupons/%d" % coupon)
    expect("<svg" in page.text and "coupon-days" in page.text, "no statistics table and chart", page)
    row = re.search(r"<tr><td>%s</td><td>(\d+)</td><td>(\d+)</td><td>(\d+)</td><td>(\d+)</td></tr>"
                    % today(0), page.text)
    expect(row and row.groups()[1:] == ("2", "2", "1") and int(row.group(1)) >= 3,
           "today's statistics (views, entries, wins, shares): %r" % (row and row.groups(),), page)
    r = a.post("/coupons/%d/stop" % coupon, {})
    expect_see_other(r, "%s/coupons/%d" % (a.base, coupon), what="stop")
    r = a.get("/coupons/%d/remaining.txt" % coupon)
    expect_status(r, 200, what="remaining after the stop")
    remaining = set(r.text.split())
    taken = set(s.psql("SELECT code FROM coupon_codes WHERE coupon_id = %d AND taken_at IS NOT NULL" % coupon).split())
    expect(len(remaining) == 4 and not remaining & taken, "remaining codes: %r (taken %r)" % (remaining, taken))
    more = friends(s, a, 1)
    r = Visitor(s, a, more[0]).enter(coupon)
    expect_status(r, 409, what="an entry after the stop")
    expect('data-result="stopped"' in r.text, "the entry page does not say the partner ended it", r)
    stop = s.psql("SELECT before || '>' || after FROM account_history WHERE account_id = %s "
                  "AND action = 'coupon_stop'" % a.account_id)
    # in the member's words, as 히스토리 shows them (not running > stopped)
    expect(stop.strip() == "진행 중>즉시 종료", "the stop's history entry reads %r" % stop)


def test_edit_follows_the_date_rules(s):
    a = agent(s)
    running = ready_coupon(s, a, quantity="2", place="online", redeem_url="https://shop.example/r")
    def edit(coupon, **over):
        fields = coupon_fields(**over)
        return a.client.post_multipart("%s/coupons/%d/edit" % (a.base, coupon), fields, None, csrf=a.csrf)
    r = edit(running, entry_start=today(0), place="online", redeem_url="https://shop.example/r")
    expect_status(r, 422, what="moving the start of a running coupon")
    r = edit(running, entry_end=today(4), redeem_url="https://shop.example/r")
    expect_status(r, 422, what="moving the entry end earlier")
    r = edit(running, use_by=today(29), redeem_url="https://shop.example/r")
    expect_status(r, 422, what="moving the use-by earlier")
    r = edit(running, title="새 제목", entry_end=today(9), use_by=today(40), probability="12.5",
             redeem_url="https://shop.example/new", share="1")
    expect_see_other(r, "%s/coupons/%d" % (a.base, running), what="a valid edit")
    row = s.psql("SELECT title, entry_end, use_by, probability, redeem_url, share, place FROM coupons "
                 "WHERE id = %d" % running).strip().split("\t")
    expect(row == ["새 제목", today(9), today(40), "125000000", "https://shop.example/new", "t", "online"],
           "after the edit: %r" % row)
    scheduled = create(a, entry_start=today(3), entry_end=today(4))
    r = edit(scheduled, entry_start=today(2), entry_end=today(4))
    expect_see_other(r, "%s/coupons/%d" % (a.base, scheduled), what="moving a scheduled start")
    r = edit(scheduled, entry_start=today(-1), entry_end=today(4))
    expect_status(r, 422, what="moving a scheduled start into the past")
    expect("coupon_edit" in s.psql("SELECT action FROM account_history WHERE account_id = %s" % a.account_id),
           "the edit is not in the history")


def test_send_from_a_chat_room(s):
    a = agent(s)
    coupon = ready_coupon(s, a, quantity="3", title="채팅 쿠폰")
    friend = Customer(s, a)
    room = friend.send("쿠폰 주세요")
    s.psql("UPDATE customers SET is_friend = true WHERE id = %d" % friend.customer_id)
    r = a.get("/chats/%d/coupons" % room)
    expect_status(r, 200, what="GET the room's coupons")
    expect("채팅 쿠폰" in entry_text(r), "the running coupon is not offered", r)
    r = a.post("/chats/%d/coupons/%d" % (room, coupon), {})
    expect_see_other(r, "%s/chats/%d" % (a.base, room), what="sending the coupon")
    last = s.psql("SELECT kind, body FROM messages WHERE room_id = %d ORDER BY id DESC LIMIT 1" % room)
    expect("/talk/%s/coupons/%d" % (a.code, coupon) in last, "the room's last message is %r" % last)
    expect("done=coupon_sent" in (r.location or ""), "the room is not told a coupon went: %s" % r.location)
    page = a.client.get(r.location)
    expect("쿠폰을 보냈습니다" in page.text, "the room page does not say the coupon was sent", page)
    stranger = Customer(s, a)
    room2 = stranger.send("안녕하세요")
    r = a.post("/chats/%d/coupons/%d" % (room2, coupon), {})
    expect_status(r, 303, what="sending to a non-friend")
    last = s.psql("SELECT kind FROM messages WHERE room_id = %d ORDER BY id DESC LIMIT 1" % room2).strip()
    expect(last == "friend_request", "a non-friend got %r instead of a friend request" % last)


def test_uploaded_duplicates_store_nothing(s):
    a = agent(s, "u")
    lines = ["CODE%03d" % i for i in range(1, 13)]
    lines[8] = lines[2]   # line 9 repeats line 3
    lines[11] = lines[2]  # line 12 too
    data = ("\n".join(lines) + "\n").encode()
    coupon = create(a, files={"code_file": File("codes.txt", data, "text/plain")}, codes="upload",
                    quantity="")
    expect(wait_codes(s, coupon) == "failed", "an upload with duplicates was not refused")
    expect(one(s, "SELECT count(*) FROM coupon_codes WHERE coupon_id = %d" % coupon) == "0",
           "codes of a refused upload were stored")
    expect(one(s, "SELECT count(*) FROM coupon_code_staging WHERE coupon_id = %d" % coupon) == "0",
           "the staging area was left full")
    page = a.get("/coupons/%d" % coupon)
    lines_shown = re.findall(r'<li data-line="(\d+)">', page.text)
    expect(lines_shown == ["9", "12"], "duplicate lines shown: %r" % lines_shown, page)
    r = Client(s).get("/talk/%s/coupons/%d" % (a.code, coupon))
    expect_status(r, 404, what="the entry page of a coupon without codes")
    good = create(a, files={"code_file": File("codes.txt", b"A1\r\nB2\r\n\r\nC3\r\n", "text/plain")},
                  codes="upload", quantity="")
    expect(wait_codes(s, good) == "ready", "a clean upload was not loaded")
    codes = s.psql("SELECT code FROM coupon_codes WHERE coupon_id = %d ORDER BY id" % good).split()
    expect(codes == ["A1", "B2", "C3"], "the clean upload stored %r" % codes)


def wait_failed_lines(s, a, coupon):
    """Waits for a refused upload; the detail page and its problem lines."""
    expect(wait_codes(s, coupon) == "failed", "the upload of coupon %d was not refused" % coupon)
    expect(one(s, "SELECT count(*) FROM coupon_codes WHERE coupon_id = %d" % coupon) == "0",
           "codes of a refused upload were stored")
    page = a.get("/coupons/%d" % coupon)
    return page, re.findall(r'<li data-line="(\d+)">', page.text)


def test_uploaded_bad_lines_store_nothing(s):
    a = agent(s, "u")
    data = b"GOOD0001\nGOOD0002\nGOOD0003\n" + b"X" * 25 + b"\nGOOD0005\n"
    coupon = create(a, files={"code_file": File("codes.txt", data, "text/plain")}, codes="upload",
                    quantity="")
    page, lines = wait_failed_lines(s, a, coupon)
    expect(lines == ["4"], "bad lines shown: %r" % lines, page)


def with_library(what):
    """The tests of the readers' formats need the codes library, not the stand-in."""
    import os
    root = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
    if os.path.exists(os.path.join(root, "src", "codes_stub.c")):
        raise Skip("%s: needs the codes library (src/codes_stub.c reads plain text only)" % what)


def xlsx_bytes(codes):
    """A minimal xlsx workbook whose first sheet has codes in column A (shared strings)."""
    import io
    import zipfile
    strings = "".join("<si><t>%s</t></si>" % c for c in codes)
    rows = "".join('<row r="%d"><c r="A%d" t="s"><v>%d</v></c></row>' % (i + 1, i + 1, i)
                   for i in range(len(codes)))
    files = {
        "[Content_Types].xml": '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
        '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
        '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
        '<Default Extension="xml" ContentType="application/xml"/>'
        '<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>'
        '<Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>'
        '<Override PartName="/xl/sharedStrings.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/>'
        '</Types>',
        "_rels/.rels": '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
        '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
        '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/>'
        '</Relationships>',
        "xl/workbook.xml": '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
        '<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" '
        'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">'
        '<sheets><sheet name="codes" sheetId="1" r:id="rId1"/></sheets></workbook>',
        "xl/_rels/workbook.xml.rels": '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
        '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
        '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/>'
        '<Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/sharedStrings" Target="sharedStrings.xml"/>'
        '</Relationships>',
        "xl/worksheets/sheet1.xml": '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
        '<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
        '<sheetData>%s</sheetData></worksheet>' % rows,
        "xl/sharedStrings.xml": '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
        '<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" count="%d" '
        'uniqueCount="%d">%s</sst>' % (len(codes), len(codes), strings),
    }
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as z:
        for name, text in files.items():
            z.writestr(name, text)
    return out.getvalue()


def test_uploaded_formats(s):
    with_library("txt in CP949 with CRLF, csv, xlsx, a PNG named .csv")
    from test_inbox import png_bytes
    a = agent(s, "u")
    cases = [
        ("codes.txt", "쿠폰가\r\n쿠폰나\r\n\r\n쿠폰다\r\n".encode("cp949"), ["쿠폰가", "쿠폰나", "쿠폰다"]),
        ("codes.txt", "\ufeffBOM1\nBOM2\n".encode("utf-8"), ["BOM1", "BOM2"]),
        ("codes.txt", "UTF16A\r\nUTF16B\r\n".encode("utf-16"), ["UTF16A", "UTF16B"]),
        ("codes.csv", b"CSV1,first\r\nCSV2,second\r\n", ["CSV1", "CSV2"]),
        ("codes.xlsx", xlsx_bytes(["XL1", "XL2", "XL3"]), ["XL1", "XL2", "XL3"]),
    ]
    for name, data, want in cases:
        coupon = create(a, files={"code_file": File(name, data, "application/octet-stream")},
                        codes="upload", quantity="")
        state = wait_codes(s, coupon)
        codes = s.psql("SELECT code FROM coupon_codes WHERE coupon_id = %d ORDER BY id" % coupon).split()
        expect(state == "ready" and codes == want, "%s: %s with %r, not %r" % (name, state, codes, want))
        a.post("/coupons/%d/stop" % coupon, {})
    # a PNG named .csv: refused at the form now (test_upload_type_judged_at_the_form)


# ---- follow-ups of issue 11 -----------------------------------------------------------

def test_stop_asks_first(s):
    """Stop is destructive: the detail page links to a confirmation page (no script
    needed) whose form POSTs; the GET stops nothing; the dialog is coupon.js's."""
    a = agent(s)
    coupon = ready_coupon(s, a, quantity="2", title="확인 후 종료")
    page = a.get("/coupons/%d" % coupon)
    stop = "%s/coupons/%d/stop" % (a.base, coupon)
    expect(not re.search(r'<form[^>]*action="%s"' % re.escape(stop), page.text),
           "the detail page still stops at one tap (a form posting to stop)", page)
    link = re.search(r'<a[^>]*href="%s"[^>]*>' % re.escape(stop), page.text)
    expect(link and "data-confirm-post=" in link.group(0),
           "the detail page has no stop link with the dialog's question", page)
    r = a.get("/coupons/%d/stop" % coupon)
    expect_status(r, 200, what="GET the stop confirmation")
    expect(re.search(r'<form method="post" action="%s">' % re.escape(stop), r.text)
           and "확인 후 종료" in entry_text(r), "the confirmation page has no form posting to stop", r)
    expect(one(s, "SELECT stopped_at IS NULL FROM coupons WHERE id = %d" % coupon) == "t",
           "GET of the confirmation stopped the coupon")
    r = a.post("/coupons/%d/stop" % coupon, {})
    expect_see_other(r, "%s/coupons/%d" % (a.base, coupon), what="the confirmed stop")
    expect(one(s, "SELECT stopped_at IS NOT NULL FROM coupons WHERE id = %d" % coupon) == "t",
           "the confirmed stop did not stop the coupon")
    expect_status(agent(s, "b").get("/coupons/%d/stop" % coupon), 404,
                  what="another account's stop confirmation")


def test_list_pages_by_keyset(s):
    """More than a page: 200 newest, then a link to the next page that starts after the
    last one shown (?after=ID, filters kept); every coupon once, newest first."""
    a = agent(s, "p")
    s.psql("INSERT INTO coupons (account_id, title, entry_start, entry_end, use_by, place, "
           "probability, codes_source, codes_state, stopped_at, created_at) "
           "SELECT %s, '페이지 ' || g, current_date - 3, current_date - 2, current_date + 9, "
           "'offline', 1000000000, 'generate', 'ready', now(), now() - g * interval '1 minute' "
           "FROM generate_series(1, 203) g" % a.account_id)
    # two rows with the same creation time, so that the order needs the id too
    s.psql("UPDATE coupons SET created_at = (SELECT created_at FROM coupons WHERE account_id = %s "
           "AND title = '페이지 200') WHERE account_id = %s AND title = '페이지 201'"
           % (a.account_id, a.account_id))
    want = s.psql("SELECT id FROM coupons WHERE account_id = %s ORDER BY created_at DESC, id DESC"
                  % a.account_id).split()
    seen, path, pages = [], "/coupons?q=%ED%8E%98%EC%9D%B4%EC%A7%80", 0
    while path and pages < 5:
        r = a.get(path)
        expect_status(r, 200, what="GET " + path)
        rows = re.findall(r'<tr data-coupon="(\d+)"', r.text)
        expect(len(rows) <= 200, "a page of %d rows" % len(rows), r)
        seen += rows
        more = re.search(r'<a class="button" rel="next" href="/a/[a-z0-9]+(/coupons\?[^"]+)"', r.text)
        path = html.unescape(more.group(1)) if more else None
        expect(not path or ("after=" in path and "q=" in path and "offset" not in path),
               "the next page's link: %r" % path, r)
        pages += 1
    expect(pages == 2 and seen == want, "2 pages listing the 203 coupons once each, newest first; "
           "got %d pages, %d rows (%d distinct)" % (pages, len(seen), len(set(seen))))
    other = agent(s, "b")
    r = other.get("/coupons?after=%s" % want[0])
    expect_status(r, 200, what="another account's id as the keyset")
    expect(not re.search(r'<tr data-coupon="', r.text), "another account's id listed rows", r)


def test_upload_type_judged_at_the_form(s):
    """A file whose content is not text, csv, xls or xlsx (a PNG named .csv) is refused by
    the form at once: 422 by the file field, no coupon and no stored file."""
    from test_inbox import png_bytes
    a = agent(s, "u")
    before = one(s, "SELECT count(*) FROM coupons WHERE account_id = %s" % a.account_id)
    r = create(a, files={"code_file": File("codes.csv", png_bytes(), "text/csv")}, codes="upload",
               quantity="", expect_status_code=422)
    expect(re.search(r'<input id="c-file" name="code_file"[^>]*aria-invalid="true"', r.text)
           and re.search(r'<p class="error" id="c-file-error"[^>]*>[^<]+</p>', r.text),
           "the refusal is not shown by the file field", r)
    expect(one(s, "SELECT count(*) FROM coupons WHERE account_id = %s" % a.account_id) == before,
           "a coupon was stored for a PNG named .csv")
    good = create(a, files={"code_file": File("codes.xlsx", xlsx_bytes(["T1", "T2"]),
                                              "application/octet-stream")}, codes="upload", quantity="")
    expect(wait_codes(s, good) == "ready", "an xlsx was refused after the form's type check")


def test_send_is_in_the_history(s):
    """Sending a coupon from a room writes coupon_send (menu coupons) with the title, in the
    message's transaction; a refused send (an ended session) writes none."""
    a = agent(s)
    coupon = ready_coupon(s, a, quantity="2", title="보낸 쿠폰")
    friend = Customer(s, a)
    room = friend.send("쿠폰 있나요")
    s.psql("UPDATE customers SET is_friend = true WHERE id = %d" % friend.customer_id)
    count = "SELECT count(*) FROM account_history WHERE account_id = %s AND menu = 'coupons' " \
            "AND action = 'coupon_send' AND target = '보낸 쿠폰'" % a.account_id
    r = a.post("/chats/%d/coupons/%d" % (room, coupon), {})
    expect_see_other(r, "%s/chats/%d" % (a.base, room), what="sending the coupon")
    expect(one(s, count) == "1", "the send is not in the history once: %s" % one(s, count))
    author = one(s, "SELECT partner_id FROM account_history WHERE account_id = %s AND action = "
                 "'coupon_send' AND target = '보낸 쿠폰'" % a.account_id)
    expect(author == a.partner_id, "the entry's author is %r, not the sender" % author)
    s.psql("UPDATE rooms SET last_customer_message_at = now() - interval '60 days' WHERE id = %d" % room)
    r = a.post("/chats/%d/coupons/%d" % (room, coupon), {})
    expect_status(r, 409, what="sending into an ended session")
    expect(one(s, count) == "1", "a refused send was written in the history")
