#!/usr/bin/env python3
"""10,000 live-update streams on one host (issue 8): a small asyncio load client, against
a running stack.

    python3 tests/bench/streams.py            (settings from the environment, below)

Environment: BENCH_VAR, BENCH_PORT (the stack); BENCH_STREAM_AGENTS (1000) and
BENCH_STREAM_CUSTOMERS (9000): the streams to open; BENCH_STREAM_RATE (300 per second):
how fast they are opened (the machine may have 2 cores); BENCH_STREAM_MESSAGES (5).

Makes in SQL one approved account with BENCH_STREAM_AGENTS members, each with a session
(as session_start stores it), and BENCH_STREAM_CUSTOMERS customers with a room each; opens
one stream per agent (/events/a/CODE) and per customer (/events/talk/CODE) through nginx,
each from its own loopback address (127.2.0.0/16, so that no per-address cap is reached),
gradually; then prints the streams held, the events program's memory with them, and the
delay of one message (pg_notify as chat_notify sends it) to every agent's stream (p50 and
p99 over all agents and BENCH_STREAM_MESSAGES messages), each next to its target."""

import asyncio
import hashlib
import os
import resource
import secrets
import statistics
import sys
import time

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(os.path.dirname(HERE))
sys.path.insert(0, os.path.join(ROOT, "tests", "http"))

from stack import Stack  # noqa: E402
from live_delay import Notifier  # noqa: E402  (tests/bench, this script's folder)
import stackmem  # noqa: E402

AGENTS = int(os.environ.get("BENCH_STREAM_AGENTS", "1000"))
CUSTOMERS = int(os.environ.get("BENCH_STREAM_CUSTOMERS", "9000"))
RATE = float(os.environ.get("BENCH_STREAM_RATE", "300"))
MESSAGES = int(os.environ.get("BENCH_STREAM_MESSAGES", "5"))
CHUNK = 500  # rows per SQL statement


def token():
    """A 43-character token as auth_new_token makes (session and customer cookies)."""
    return secrets.token_urlsafe(32)[:43].ljust(43, "A")


def token_hash(value):
    return hashlib.blake2b(value.encode("ascii"), digest_size=32).hexdigest()


def value(stack, sql):
    lines = stack.psql(sql).strip().splitlines()
    return lines[-1].strip() if lines else ""


def make_account(stack):
    """An approved account without members; (id, code)."""
    code = "".join(secrets.choice("abcdefghijklmnopqrstuvwxyz0123456789") for _ in range(6))
    account_id = value(stack, (
        "WITH c AS (INSERT INTO account_codes (code) VALUES ('%s') RETURNING code) "
        "INSERT INTO accounts (code, kind, name, category1, status) "
        "SELECT code, 'personal', 'streams-%s', 'shopping', 'approved' FROM c RETURNING id") % (code, code))
    return int(account_id), code


def make_agents(stack, account_id, count):
    """count partners, members of the account (the first master), with a session each;
    returns their session tokens."""
    tokens = [token() for _ in range(count)]
    tag = secrets.token_hex(4)
    for start in range(0, count, CHUNK):
        rows = ", ".join("(%d, '%s')" % (i, token_hash(tokens[i])) for i in range(start, min(count, start + CHUNK)))
        stack.psql(
            "WITH v (i, h) AS (VALUES %s), "
            "p AS (INSERT INTO partners (email, name, password_hash) "
            "      SELECT 'streams-%s-' || i || '@example.com', 'agent ' || i, 'x' FROM v RETURNING id, email), "
            "pv AS (SELECT p.id, v.i, v.h FROM p JOIN v ON p.email = 'streams-%s-' || v.i || '@example.com'), "
            "m AS (INSERT INTO members (account_id, partner_id, role) "
            "      SELECT %d, id, CASE WHEN i = 0 THEN 'master' ELSE 'manager' END FROM pv) "
            "INSERT INTO sessions (partner_id, token_hash, expires_at) "
            "SELECT id, h, now() + interval '1 day' FROM pv" % (rows, tag, tag, account_id))
    return tokens


def make_customers(stack, account_id, count):
    """count customers of the account with a room each; returns their cookie keys."""
    keys = [token() for _ in range(count)]
    for start in range(0, count, CHUNK):
        rows = ", ".join("('%s', %d)" % (token_hash(keys[i]), 10 ** 7 + i)
                         for i in range(start, min(count, start + CHUNK)))
        stack.psql(
            "WITH c AS (INSERT INTO customers (account_id, key_hash, number) SELECT %d, h, n "
            "FROM (VALUES %s) AS v (h, n) RETURNING id) "
            "INSERT INTO rooms (account_id, customer_id, last_message_text) SELECT %d, id, 'hi' FROM c"
            % (account_id, rows, account_id))
    return keys


class Held:
    """One stream: opened, then read until the end; agents note when each marker arrived."""

    def __init__(self, index, path, cookie, agent):
        self.index, self.path, self.cookie, self.agent = index, path, cookie, agent
        self.state = "new"  # new, open, refused, failed, closed
        self.arrived = {}   # marker room id -> monotonic time

    def address(self):
        return "127.2.%d.%d" % (self.index // 250, self.index % 250 + 1)

    async def open(self, port):
        try:
            reader, writer = await asyncio.open_connection("127.0.0.1", port, local_addr=(self.address(), 0))
        except OSError as e:
            self.state = "failed: %s" % e.strerror
            return
        writer.write(("GET %s HTTP/1.0\r\nHost: 127.0.0.1:%d\r\nAccept: text/event-stream\r\n"
                      "Cookie: %s\r\n\r\n" % (self.path, port, self.cookie)).encode())
        self.writer = writer
        status = b""
        try:
            status = await asyncio.wait_for(reader.readline(), 30)
            while (await asyncio.wait_for(reader.readline(), 30)) not in (b"\r\n", b"\n", b""):
                pass
            if b" 200 " in status:
                opening = await asyncio.wait_for(reader.readuntil(b"\n\n"), 30)
        except (asyncio.TimeoutError, asyncio.IncompleteReadError, OSError, asyncio.LimitOverrunError) as e:
            self.state = "failed: no %s (%s)" % ("opening block" if status else "status line", type(e).__name__)
            writer.close()
            return
        if b" 200 " not in status:
            # nginx's own answer (503: the program's socket backlog was full; 429: a limit)
            self.state = "refused: status %s" % (status.split(b" ")[1:2] or [b"?"])[0].decode("ascii", "replace")
            writer.close()
            return
        if b": busy" in opening or b": limit" in opening:
            self.state = "refused: %s" % ("busy" if b": busy" in opening else "limit")
            writer.close()
            return
        self.state = "open"
        self.reader_task = asyncio.get_running_loop().create_task(self.read(reader))

    async def read(self, reader):
        marker = b'"r":'
        try:
            while True:
                line = await reader.readline()
                if not line:
                    break
                if self.agent and line.startswith(b"data: ") and marker in line:
                    at = time.monotonic()
                    room = line.split(marker, 1)[1].split(b",", 1)[0]
                    self.arrived.setdefault(int(room), at)
        except OSError:
            pass
        self.state = "closed"


async def open_all(port, streams):
    interval = 1.0 / RATE
    pending = set()
    started = time.monotonic()
    for i, held in enumerate(streams):
        delay = started + i * interval - time.monotonic()
        if delay > 0:
            await asyncio.sleep(delay)
        pending.add(asyncio.get_running_loop().create_task(held.open(port)))
        if len(pending) > 200:
            _, pending = await asyncio.wait(pending, return_when=asyncio.FIRST_COMPLETED)
        if (i + 1) % 1000 == 0:
            print("#   %d streams asked for in %.0f s" % (i + 1, time.monotonic() - started), flush=True)
    if pending:
        await asyncio.wait(pending)
    return time.monotonic() - started


def events_memory(var):
    """(processes, RSS MiB, PSS MiB) of the events program (master and workers)."""
    procs = stackmem.processes()
    conf = os.path.realpath(var) + "/"
    chosen = [pid for pid, p in procs.items()
              if p["cmdline"].split(" ", 1)[0].endswith("/events") and conf in p["cmdline"]]
    rss = sum(stackmem.kib(pid, "status", "VmRSS") for pid in chosen) / 1024
    pss = sum(stackmem.kib(pid, "smaps_rollup", "Pss") for pid in chosen) / 1024
    return len(chosen), rss, pss


def percentile(values, fraction):
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(fraction * len(ordered)))]


async def deliver(stack, account_id, agents):
    """Sends MESSAGES notices to the account, one a second; returns the delays in ms."""
    notifier = Notifier(stack)
    delays = []
    try:
        for n in range(MESSAGES):
            room = 900000000 + n
            sent = time.monotonic()
            notifier.notify(account_id, room)
            await asyncio.sleep(1.5)
            for held in agents:
                at = held.arrived.get(room)
                delays.append((at - sent) * 1000 if at is not None else float("inf"))
    finally:
        notifier.close()
    return delays


async def run(stack):
    port = stack.port
    account_id, code = make_account(stack)
    print("# making %d agents (members with a session) and %d customers with a room" % (AGENTS, CUSTOMERS),
          flush=True)
    agent_tokens = make_agents(stack, account_id, AGENTS)
    customer_keys = make_customers(stack, account_id, CUSTOMERS)
    memory_before = events_memory(stack.var)
    agents = [Held(i, "/events/a/%s" % code, "sd_session=%s" % t, True) for i, t in enumerate(agent_tokens)]
    customers = [Held(AGENTS + i, "/events/talk/%s" % code, "sd_customer=%s" % k, False)
                 for i, k in enumerate(customer_keys)]
    everyone, taken = [], 0
    per_agent = len(customers) // max(1, len(agents))  # agents spread among the customers
    for held in agents:
        everyone.extend(customers[taken:taken + per_agent])
        taken += per_agent
        everyone.append(held)
    everyone.extend(customers[taken:])
    print("# opening %d streams at %.0f a second through nginx" % (len(everyone), RATE), flush=True)
    took = await open_all(port, everyone)
    await asyncio.sleep(2)
    held_agents = sum(h.state == "open" for h in agents)
    held_customers = sum(h.state == "open" for h in customers)
    problems = {}
    for h in everyone:
        if h.state != "open":
            problems[h.state] = problems.get(h.state, 0) + 1
    memory = events_memory(stack.var)
    delays = await deliver(stack, account_id, [h for h in agents if h.state == "open"])
    still = sum(h.state == "open" for h in everyone)
    for h in everyone:
        if getattr(h, "writer", None) is not None:
            h.writer.close()
    return {
        "took": took, "held_agents": held_agents, "held_customers": held_customers, "problems": problems,
        "memory_before": memory_before, "memory": memory, "delays": delays, "still": still,
    }


def main():
    soft, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
    resource.setrlimit(resource.RLIMIT_NOFILE, (hard, hard))
    stack = Stack(root=ROOT, var=os.environ["BENCH_VAR"], port=os.environ["BENCH_PORT"], owned=False)
    r = asyncio.run(run(stack))
    total = r["held_agents"] + r["held_customers"]
    finite = [d for d in r["delays"] if d != float("inf")]
    missed = len(r["delays"]) - len(finite)
    print()
    print("Live-update streams: %d agents' and %d customers' asked for in %.0f s; %d CPUs"
          % (AGENTS, CUSTOMERS, r["took"], os.cpu_count()))
    print("%-44s %12s %12s" % ("figure", "measured", "target"))
    print("%-44s %12d %12s" % ("streams held (agents + customers)", total, ">= 10000"))
    print("%-44s %12s %12s" % ("  agents' / customers'", "%d / %d" % (r["held_agents"], r["held_customers"]), ""))
    print("%-44s %12.1f %12s" % ("events program RSS MiB with them (%d processes)" % r["memory"][0],
                                 r["memory"][1], "< 100"))
    print("%-44s %12.1f %12s" % ("events program PSS MiB with them", r["memory"][2], "< 100"))
    print("%-44s %12.1f %12s" % ("  (RSS MiB before the streams)", r["memory_before"][1], ""))
    if finite:
        print("%-44s %12.0f %12s" % ("message -> all agents' streams p50 ms", statistics.median(finite), ""))
        print("%-44s %12.0f %12s" % ("message -> all agents' streams p99 ms",
                                     percentile(r["delays"], 0.99), "< 1000"))
    print("%-44s %12d %12s" % ("deliveries missing after 1.5 s (of %d)" % len(r["delays"]), missed, "0"))
    print("%-44s %12d %12s" % ("streams still open at the end", r["still"], ""))
    if r["problems"]:
        print("# not held: %s" % ", ".join("%s %d" % kv for kv in sorted(r["problems"].items())))
    return 0


if __name__ == "__main__":
    sys.exit(main())
