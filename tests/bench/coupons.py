#!/usr/bin/env python3
"""Coupon figures for tests/bench/run (issue 11's closing note): creates, as the
signed-in member and through the create form, a coupon with BENCH_COUPON_CODES
(3,000,000) generated codes and one from a BENCH_COUPON_LINES (5,000,000)-line
uploaded txt file, each timed from the POST until the worker marks its codes ready;
the worker's peak RSS (VmHWM); then makes BENCH_COUPON_FRIENDS friend customers in
SQL and writes the wrk data of tests/bench/coupon_entry.lua for the first coupon
(set to 50 %). Prints `coupon_id=N` and `coupon_data=FILE` for the shell.

Env: BENCH_VAR, BENCH_PORT, BENCH_CODE, BENCH_ACCOUNT_ID, BENCH_AGENT_COOKIE, BENCH_WORK."""

import datetime
import hashlib
import os
import re
import secrets
import subprocess
import sys
import time
import urllib.request

VAR = os.environ["BENCH_VAR"]
BASE = "http://127.0.0.1:%s" % os.environ["BENCH_PORT"]
CODE = os.environ["BENCH_CODE"]
ACCOUNT = os.environ["BENCH_ACCOUNT_ID"]
COOKIE = os.environ["BENCH_AGENT_COOKIE"]
WORK = os.environ["BENCH_WORK"]
CODES = int(os.environ.get("BENCH_COUPON_CODES", "3000000"))
LINES = int(os.environ.get("BENCH_COUPON_LINES", "5000000"))
FRIENDS = int(os.environ.get("BENCH_COUPON_FRIENDS", "50000"))
ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))


def sql(text, stdin=None):
    cmd = [os.path.join(ROOT, "bin", "sangdamctl"), "psql", "-X", "-q", "-A", "-t",
           "-v", "ON_ERROR_STOP=1", "-c", text]
    env = dict(os.environ, VAR=VAR, PORT=os.environ["BENCH_PORT"])
    return subprocess.run(cmd, input=stdin, capture_output=True, text=True, env=env,
                          check=True).stdout.strip()


def request(path, data=None, headers=None):
    req = urllib.request.Request(BASE + path, data=data, headers=dict(headers or {}, Cookie=COOKIE))

    class NoRedirect(urllib.request.HTTPRedirectHandler):
        def redirect_request(self, *args):
            return None
    opener = urllib.request.build_opener(NoRedirect)
    try:
        with opener.open(req, timeout=600) as r:
            return r.status, r.headers, r.read()
    except urllib.error.HTTPError as e:
        return e.code, e.headers, e.read()


def multipart(fields, filename=None, content=None):
    boundary = "bench" + secrets.token_hex(8)
    parts = []
    for k, v in fields.items():
        parts.append(("--%s\r\nContent-Disposition: form-data; name=\"%s\"\r\n\r\n%s\r\n"
                      % (boundary, k, v)).encode())
    if filename:
        parts.append(("--%s\r\nContent-Disposition: form-data; name=\"code_file\"; filename=\"%s\"\r\n"
                      "Content-Type: text/plain\r\n\r\n" % (boundary, filename)).encode() + content + b"\r\n")
    parts.append(("--%s--\r\n" % boundary).encode())
    return b"".join(parts), "multipart/form-data; boundary=%s" % boundary


def create(title, extra, filename=None, content=None):
    status, _, page = request("/a/%s/coupons/new" % CODE)
    token = re.search(rb'name="csrf" value="([^"]+)"', page).group(1).decode()
    today = datetime.date.today()
    fields = {"csrf": token, "title": title, "entry_start": today.isoformat(),
              "entry_end": (today + datetime.timedelta(days=7)).isoformat(),
              "use_by": (today + datetime.timedelta(days=30)).isoformat(), "place": "offline",
              "probability": "50"}
    fields.update(extra)
    body, content_type = multipart(fields, filename, content)
    started = time.time()
    status, headers, _ = request("/a/%s/coupons/new" % CODE, body, {"Content-Type": content_type})
    if status != 303:
        sys.exit("coupons.py: creating %s answered %d" % (title, status))
    post_seconds = time.time() - started
    coupon = int(re.search(r"/coupons/(\d+)", headers["Location"]).group(1))
    while True:
        state = sql("SELECT codes_state FROM coupons WHERE id = %d" % coupon)
        if state != "loading":
            break
        time.sleep(0.5)
    total = sql("SELECT codes_total FROM coupons WHERE id = %d" % coupon)
    print("%s: %s codes %s in %.1f s after the POST (the POST itself %.1f s)"
          % (title, total, state, time.time() - started, post_seconds))
    return coupon


def worker_peak():
    for pid in os.listdir("/proc"):
        if not pid.isdigit():
            continue
        try:
            with open("/proc/%s/cmdline" % pid, "rb") as f:
                cmdline = f.read().split(b"\0")
            if cmdline and cmdline[0].endswith(b"/worker") and VAR.encode() in b" ".join(cmdline):
                with open("/proc/%s/status" % pid) as f:
                    return re.search(r"VmHWM:\s+(\d+) kB", f.read()).group(1)
        except OSError:
            continue
    return "?"


def friends():
    keys = [secrets.token_urlsafe(32) for _ in range(FRIENDS)]
    rows = "".join("%s\t%s\t%d\n" % (ACCOUNT, hashlib.blake2b(k.encode(), digest_size=32).hexdigest(),
                                      1000000 + i) for i, k in enumerate(keys))
    subprocess.run([os.path.join(ROOT, "bin", "sangdamctl"), "psql", "-X", "-q", "-v", "ON_ERROR_STOP=1",
                    "-c", "COPY customers (account_id, key_hash, number) FROM STDIN"],
                   input=rows, text=True, check=True, env=dict(os.environ, VAR=VAR,
                                                               PORT=os.environ["BENCH_PORT"]))
    sql("UPDATE customers SET is_friend = true, friend_since = now() WHERE account_id = %s" % ACCOUNT)
    return keys


def main():
    coupon = create("생성 %d" % CODES, {"codes": "generate", "quantity": str(CODES)})
    print("worker peak RSS after the generated codes: %s kB" % worker_peak())
    lines = b"".join(b"U%011d\n" % i for i in range(LINES))
    create("업로드 %d" % LINES, {"codes": "upload", "quantity": ""}, "codes.txt", lines)
    del lines
    print("worker peak RSS after the upload: %s kB" % worker_peak())
    keys = friends()
    jar = os.path.join(WORK, "coupon.jar")
    subprocess.run(["curl", "-s", "-c", jar, "-o", os.path.join(WORK, "coupon.html"),
                    "%s/talk/%s/coupons/%d" % (BASE, CODE, coupon)], check=True)
    with open(os.path.join(WORK, "coupon.html"), "rb") as f:
        token = re.search(rb'name="csrf" value="([^"]+)"', f.read()).group(1).decode()
    cookies = []
    with open(jar) as f:
        for line in f:
            parts = line.replace("#HttpOnly_", "").rstrip("\n").split("\t")
            if len(parts) == 7 and not line.startswith("# "):
                cookies.append("%s=%s" % (parts[5], parts[6]))
    data = os.path.join(WORK, "coupon-data.lua")
    with open(data, "w") as f:
        f.write('return { path = "/talk/%s/coupons/%d/entries", csrf_cookie = "%s", token = "%s", keys = {\n'
                % (CODE, coupon, "; ".join(cookies), token))
        for k in keys:
            f.write('"%s",\n' % k)
        f.write("} }\n")
    print("coupon_id=%d" % coupon)
    print("coupon_data=%s" % data)


main()
