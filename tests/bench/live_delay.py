#!/usr/bin/env python3
"""Live-update delay and the cost of waiting clients (CHAT-16), against a running stack.

    python3 tests/bench/live_delay.py            (settings from the environment, below)

Environment: BENCH_VAR, BENCH_PORT (the stack), BENCH_CODE and BENCH_ACCOUNT_ID (an
approved account), BENCH_AGENT_COOKIE (a Cookie header of a member's session),
BENCH_SAMPLES (default 30), BENCH_STREAMS (default 100).

Measures, with an agent's stream /events/a/CODE open:
  1. NOTIFY -> stream: a pg_notify written to one long-lived psql (as chat_notify's
     payload) until the event is read from the stream;
  2. customer POST -> stream (when the talk program runs): from the moment the customer's
     POST /talk/CODE/messages answered (the message is committed) until the agent's stream
     has the event, and from the moment the POST was sent;
  3. BENCH_STREAMS streams open at once: the events program's memory before and with
     them, and the time until the last of them has one event.
Prints one line per measurement: median, p95 and max in ms."""

import os
import statistics
import subprocess
import sys
import threading
import time

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(os.path.dirname(HERE))
sys.path.insert(0, os.path.join(ROOT, "tests", "http"))

from client import Client  # noqa: E402
from stack import Stack  # noqa: E402
from test_events import Stream, is_event, talk_available  # noqa: E402

import stackmem  # noqa: E402  (tests/bench, first on sys.path as this script's folder)


def summary(name, values_ms):
    if not values_ms:
        print("%-44s no samples" % name)
        return
    values = sorted(values_ms)
    p95 = values[min(len(values) - 1, int(round(0.95 * (len(values) - 1))))]
    print("%-44s n=%-3d median %6.1f ms  p95 %6.1f ms  max %6.1f ms"
          % (name, len(values), statistics.median(values), p95, values[-1]))


class Notifier:
    """One psql session kept open; notify() writes one pg_notify and returns at once."""

    def __init__(self, stack):
        data = stack.pg_data_dir()
        sockdir, port = stack.pg_socket()
        st = os.stat(data)
        prefix = []
        if os.geteuid() == 0 and st.st_uid != 0:
            prefix = ["setpriv", "--reuid=%d" % st.st_uid, "--regid=%d" % st.st_gid, "--init-groups"]
        self.proc = subprocess.Popen(prefix + ["psql", "-X", "-q", "-h", sockdir, "-p", port, "-d", "sangdam"],
                                     stdin=subprocess.PIPE, stdout=subprocess.DEVNULL, cwd="/", text=True)

    def notify(self, account_id, room_id, kind="message"):
        self.proc.stdin.write("SELECT pg_notify('sangdam', json_build_object('a', %d::bigint, 'r', %d::bigint, "
                              "'k', '%s')::text);\n" % (account_id, room_id, kind))
        self.proc.stdin.flush()

    def close(self):
        self.proc.stdin.close()
        self.proc.wait(10)


def agent_stream(stack, path, cookie):
    st = Stream(stack, path, cookies=cookie, source_address="127.0.0.1")
    if st.status != 200 or not st.wait_started(5):
        raise SystemExit("live_delay: GET %s answered %d" % (path, st.status))
    return st


def main():
    stack = Stack(root=ROOT, var=os.environ["BENCH_VAR"], port=os.environ["BENCH_PORT"], owned=False)
    code = os.environ["BENCH_CODE"]
    account_id = int(os.environ["BENCH_ACCOUNT_ID"])
    cookie = os.environ["BENCH_AGENT_COOKIE"]
    samples = int(os.environ.get("BENCH_SAMPLES", "30"))
    stream_count = int(os.environ.get("BENCH_STREAMS", "100"))
    path = "/events/a/%s" % code

    # 1. NOTIFY -> stream
    notifier = Notifier(stack)
    st = agent_stream(stack, path, cookie)
    delays = []
    for i in range(samples):
        room = 900000000 + i
        sent = time.monotonic()
        notifier.notify(account_id, room)
        ev, _ = st.wait_for(is_event(account_id, room), 5.0)
        if ev is not None:
            delays.append((ev["at"] - sent) * 1000)
        time.sleep(0.02)
    summary("NOTIFY -> agent's stream", delays)

    # 2. customer POST -> stream
    if talk_available(stack):
        customer = Client(stack)
        r = customer.get("/talk/%s" % code)
        after_answer, after_send = [], []
        token = r.csrf() if r.status == 200 else None
        if token:
            for i in range(samples):
                started = time.monotonic()
                r = customer.post("/talk/%s/messages" % code, {"text": "지연 측정 %d" % i}, csrf=token)
                answered = time.monotonic()
                if r.status != 303:
                    print("# POST /talk/%s/messages answered %d; stopping" % (code, r.status))
                    break
                ev, _ = st.wait_for(lambda e, d: isinstance(d, dict) and d.get("k") == "message", 5.0)
                if ev is not None:
                    after_answer.append((ev["at"] - answered) * 1000)
                    after_send.append((ev["at"] - started) * 1000)
                time.sleep(0.02)
        summary("customer POST answered -> agent's stream", after_answer)
        summary("customer POST sent -> agent's stream", after_send)
    else:
        print("customer POST -> agent's stream              (the talk program does not run)")
    st.close()

    # 3. many waiting streams
    var = os.path.realpath(stack.var)

    def events_memory():
        procs = stackmem.processes()
        conf = var + "/sangdam.conf"
        pids = [pid for pid, p in procs.items()
                if p["cmdline"].split(" ")[0].endswith("/events") and conf in p["cmdline"]]
        return (len(pids), sum(stackmem.kib(pid, "status", "VmRSS") for pid in pids) / 1024,
                sum(stackmem.kib(pid, "smaps_rollup", "Pss") for pid in pids) / 1024)

    time.sleep(0.5)
    before = events_memory()
    streams = [None] * stream_count

    def opener(i):
        try:
            streams[i] = Stream(stack, path, cookies=cookie, source_address="127.0.0.1")
        except OSError as e:
            streams[i] = e

    threads = [threading.Thread(target=opener, args=(i,)) for i in range(stream_count)]
    opened_at = time.monotonic()
    for t in threads:
        t.start()
    for t in threads:
        t.join(30)
    good = [s for s in streams if isinstance(s, Stream) and s.status == 200 and s.wait_started(5)]
    open_ms = (time.monotonic() - opened_at) * 1000
    time.sleep(0.2)
    busy = [s for s in good if s.busy or s.limited]
    good = [s for s in good if not (s.busy or s.limited)]
    during = events_memory()
    sent = time.monotonic()
    notifier.notify(account_id, 999999999)
    last = 0.0
    got = 0
    for s in good:
        ev, _ = s.wait_for(is_event(account_id, 999999999), 5.0)
        if ev is not None:
            got += 1
            last = max(last, (ev["at"] - sent) * 1000)
    statuses = sorted({s.status if isinstance(s, Stream) else repr(s) for s in streams}, key=str)
    print("%d of %d streams waiting after %.0f ms (answers: %s; %d told to retry later as their worker was "
          "full or a cap was reached); one NOTIFY reached %d of them, the last after %.1f ms"
          % (len(good), stream_count, open_ms, ", ".join(map(str, statuses)), len(busy), got, last))
    print("events program: %d processes, RSS %.1f MiB (PSS %.1f) idle -> RSS %.1f MiB (PSS %.1f) with %d streams"
          % (before[0], before[1], before[2], during[1], during[2], len(good)))
    for s in streams:
        if isinstance(s, Stream):
            s.close()
    notifier.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
