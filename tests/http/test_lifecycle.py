"""Lifecycle of the programs' resources: the events program gives its database
connections to its request threads after error pages (no connection per request), the worker's sweep
deletes expired sessions, password resets, rate counters and sign-in failures, and
a connection lost inside a transaction is not silently replaced (db.c, through the
test binary build/tests/db_lost_transaction run against this stack's database)."""

import os
import secrets
import subprocess
import time

from client import Client
from stack import StackError
from testlib import Skip, expect, expect_status, run_db_test, signup

import test_events as events


def _value(stack, sql):
    out = stack.psql(sql).strip().splitlines()
    return out[-1].strip() if out else ""


def test_events_error_pages_keep_no_connection(s):
    """40 requests of one partner to another partner's account (404 each, after the
    membership query) must not leave a PostgreSQL connection behind per request: the
    events program holds at most one per request thread and one per listener."""
    try:
        s.pg_data_dir()
    except Exception as e:  # noqa: BLE001
        raise Skip("no database access: %s" % e)
    c1, e1, _ = signup(s)
    c2, e2, _ = signup(s)
    events.make_account(s, e1)
    _, code2 = events.make_account(s, e2)
    c1.get("/accounts")
    for _ in range(40):
        r = c1.get("/events/a/%s" % code2)
        expect_status(r, 404, what="GET /events/a/CODE of another partner's account")
    time.sleep(0.3)
    after = events.events_connections(s)
    expect(0 < after <= events.events_connection_bound(s),
           "after 40 error pages the events program has %d database connections (at most %d)"
           % (after, events.events_connection_bound(s)))


def _sql_text(value):
    return "'" + str(value).replace("'", "''") + "'"


def test_worker_sweep_deletes_expired_rows(s):
    try:
        s.pg_data_dir()
    except Exception as e:  # noqa: BLE001
        raise Skip("no database access: %s" % e)
    _, email, _ = signup(s)
    tag = secrets.token_hex(6)
    partner = _value(s, "SELECT id FROM partners WHERE lower(email) = lower(%s)" % _sql_text(email))
    s.psql(
        "INSERT INTO sessions (partner_id, token_hash, expires_at) VALUES "
        "(%(p)s, 'old-%(t)s', now() - interval '1 minute'), (%(p)s, 'new-%(t)s', now() + interval '1 hour');"
        "INSERT INTO password_resets (token_hash, partner_id, expires_at) VALUES "
        "('old-%(t)s', %(p)s, now() - interval '1 minute'), ('new-%(t)s', %(p)s, now() + interval '1 hour');"
        "INSERT INTO rate_counters (key, window_start, count) VALUES "
        "('old-%(t)s', now() - interval '2 days', 3), ('new-%(t)s', now(), 3);"
        "INSERT INTO sign_in_failures (email, address, failed_at) VALUES "
        "('old-%(t)s', '-', now() - interval '2 days'), ('new-%(t)s', '-', now())"
        % {"p": partner, "t": tag})
    count_sql = (
        "SELECT (SELECT count(*) FROM sessions WHERE token_hash = '%(k)s-%(t)s') || ',' || "
        "(SELECT count(*) FROM password_resets WHERE token_hash = '%(k)s-%(t)s') || ',' || "
        "(SELECT count(*) FROM rate_counters WHERE key = '%(k)s-%(t)s') || ',' || "
        "(SELECT count(*) FROM sign_in_failures WHERE email = '%(k)s-%(t)s')")
    expect(_value(s, count_sql % {"k": "old", "t": tag}) == "1,1,1,1", "the expired rows were not inserted")
    # the worker sweeps once a minute, or at once on this notice
    s.psql("SELECT pg_notify('sangdam_jobs', 'sweep')")
    deadline = time.time() + 10
    old = None
    while time.time() < deadline:
        old = _value(s, count_sql % {"k": "old", "t": tag})
        if old == "0,0,0,0":
            break
        time.sleep(0.2)
    expect(old == "0,0,0,0",
           "10 s after NOTIFY sangdam_jobs 'sweep' the expired rows (sessions, resets, rate counters, "
           "sign-in failures) are still there: %s" % old)
    new = _value(s, count_sql % {"k": "new", "t": tag})
    expect(new == "1,1,1,1", "the sweep deleted rows that had not expired: %s" % new)


def test_sweep_indexes_and_no_message_text_index(s):
    try:
        s.pg_data_dir()
    except Exception as e:  # noqa: BLE001
        raise Skip("no database access: %s" % e)
    names = set(s.psql("SELECT indexname FROM pg_indexes WHERE schemaname = 'public'").split())
    for name in ("sessions_expires", "password_resets_expires", "rate_counters_window",
                 "sign_in_failures_failed"):
        expect(name in names, "index %s (migration 0006) is missing" % name)
    expect("messages_search" not in names, "the unused GIN index messages_search is still there")


def test_db_refuses_statements_after_lost_transaction(s):
    """Runs build/tests/db_lost_transaction (tests/db/lost_transaction.c) against this stack's database:
    after the backend of an open transaction is terminated, every statement fails until
    db_end_request, and the next request gets a new connection."""
    run_db_test(s, "lost_transaction", 1)


def test_db_notices_after_durable_commit(s):
    """Runs build/tests/db_notices (tests/db/notices.c): a notice queued inside a transaction
    (db_run_notice, how every live update is sent) leaves only after the commit, from a
    transaction of its own with synchronous_commit off, while the transaction that queued it
    keeps synchronous_commit on (NF-4); a rollback drops it; a notice that fails after the
    commit leaves the commit's result alone."""
    run_db_test(s, "notices", 3)


def test_db_connections_made_on_use_and_closed_when_idle(s):
    """Runs build/tests/db_idle_connections (tests/db/idle_connections.c): a worker's
    request thread has no database connection before its first request, closes it
    after db_idle_seconds without one, and connects again for the next (issue 8),
    with one thread and with three."""
    run_db_test(s, "idle_connections", 2)


def test_db_queries_in_one_round_trip(s):
    """Runs build/tests/db_queries (tests/db/queries.c): db_run_queries, how the inbox and room
    pages read their statements in one round trip (issue 8), gives each query the result db_run
    would, prepared statements and per-run ones alike, stops at the first failure and leaves the
    connection usable; the queries of one run are one transaction."""
    run_db_test(s, "queries", 7)


def test_private_server_keeps_its_heap(s):
    """sangdamctl starts the private PostgreSQL server with glibc's malloc settings (issue 8:
    a backend keeps up to 32 MB of freed heap instead of giving it back after each statement);
    its backends are forks of the postmaster, whose environment shows them."""
    try:
        data = s.pg_data_dir()
    except StackError as e:
        raise Skip("no private PostgreSQL: %s" % e)
    with open(os.path.join(data, "postmaster.pid")) as f:
        pid = f.readline().strip()
    path = "/proc/%s/environ" % pid
    try:
        with open(path, "rb") as f:
            environ = f.read().split(b"\0")
    except OSError as e:
        raise Skip("%s is not readable here: %s" % (path, e))
    tunables = [v for v in environ if v.startswith(b"GLIBC_TUNABLES=")]
    expect(any(b"glibc.malloc.trim_threshold=33554432" in v for v in tunables),
           "the postmaster's GLIBC_TUNABLES: %r" % tunables)


def test_start_again_runs_what_changed(s):
    """sangdamctl start (make run) on a running stack starts again each program whose binary
    or sangdam.conf is newer than its start, and leaves the others running: an edited
    setting takes effect (README's approve_accounts = auto) without a stop first."""
    import stack as stack_module
    t = stack_module.Stack(root=s.root)
    t.start()
    try:
        def pids():
            run = os.path.join(t.var, "run")
            return dict((name[:-4], open(os.path.join(run, name)).read().strip())
                        for name in os.listdir(run) if name.endswith(".pid") and name != "nginx.pid"
                        and not name.startswith("postmaster"))
        before = pids()
        out = t.sangdamctl("start", extra_env={"SANGDAM_PG_FAST": "1"}, timeout=300)
        expect("changed since it started" not in out.stderr + out.stdout,
               "an unchanged stack was started again: %s" % out.stderr[-500:])
        expect(pids() == before, "start changed the programs' pids: %r -> %r" % (before, pids()))
        conf = os.path.join(t.var, "sangdam.conf")
        with open(conf, "a", encoding="utf-8") as out:
            out.write("approve_accounts = auto\n")
        later = time.time() + 5
        os.utime(conf, (later, later))
        out = t.sangdamctl("start", extra_env={"SANGDAM_PG_FAST": "1"}, timeout=300)
        after = pids()
        same = sorted(name for name in before if after.get(name) == before[name])
        expect(not same, "after sangdam.conf changed, still the old processes: %r" % same)
        r = Client(t.base_url).get("/healthz")
        expect_status(r, 200, what="GET /healthz after the restart")
        # the new setting is in effect, and the account wizard says what it means
        c, _, _ = signup(t)
        r = c.get("/accounts/new")
        expect("바로 승인되어" in r.text and "운영자가 검수한 뒤" not in r.text,
               "the wizard of an auto-approving server promises a review", r)
        c, _, _ = signup(s)
        r = c.get("/accounts/new")
        expect("운영자가 검수한 뒤" in r.text, "the wizard does not say that an operator reviews", r)
        # a line the programs cannot read stops start before anything is stopped
        running = pids()
        with open(conf, "a", encoding="utf-8") as out:
            out.write("cookie_secure: 1\n")
        later = time.time() + 10
        os.utime(conf, (later, later))
        out = t.sangdamctl("start", extra_env={"SANGDAM_PG_FAST": "1"}, timeout=300, check=False)
        expect(out.returncode != 0 and "expected key = value" in out.stderr
               and "nothing was stopped or started" in out.stderr,
               "start with a broken sangdam.conf answered %d: %s" % (out.returncode, out.stderr[-500:]))
        expect(pids() == running, "a broken sangdam.conf stopped programs: %r -> %r" % (running, pids()))
        expect_status(Client(t.base_url).get("/healthz"), 200, what="GET /healthz after the refused start")
    finally:
        t.stop()


def test_nginx_site_follows_the_configured_folders(s):
    """The production snippet (sangdamctl nginx-site) sends nginx to the sockets, uploads
    and exports where sangdam.conf puts them (socket_dir, upload_dir, export_dir), not
    always under VAR."""
    import tempfile
    var = tempfile.mkdtemp(prefix="sd-site-")
    with open(os.path.join(var, "sangdam.conf"), "w", encoding="utf-8") as f:
        f.write("socket_dir = /srv/sd/run\nupload_dir = /srv/sd/files/\n")
    env = dict(os.environ, VAR=var)
    out = subprocess.run([os.path.join(s.root, "bin", "sangdamctl"), "nginx-site"], env=env,
                         capture_output=True, text=True, timeout=60)
    expect(out.returncode == 0, "nginx-site failed: %s" % out.stderr[-300:])
    expect("server unix:/srv/sd/run/inbox.sock;" in out.stdout,
           "the upstreams do not use socket_dir: %s" % [x for x in out.stdout.splitlines() if "unix:" in x][:2])
    expect("alias /srv/sd/files/;" in out.stdout, "the uploads' location does not use upload_dir")
    expect("alias %s/exports/;" % var in out.stdout, "the exports' location left VAR without export_dir")
