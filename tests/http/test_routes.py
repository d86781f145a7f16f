"""The access matrix, derived from the programs' route tables (DESIGN section 2): every
FastCGI program prints its routes with `PROGRAM -routes`, one line each,
`METHODS PATTERN ACCESS BODY_LIMIT FILES CACHED`, and every route is requested here as
its ACCESS says it must answer:

  signed out         GET of a signed_in/member/master route: 303 to /login;
                     POST (with a valid csrf token): 403; operator routes: 404
  another partner    member/master routes of partner A's account: 404 (POST with
                     a valid csrf token); operator routes: 404
  a manager          master routes of the account they manage: 403 (they are a
                     member, so the account is no secret; MEM-3); operator routes: 404
  no csrf field      every POST by a signed-in member (public routes too): 403
  the wrong method   every pattern: 405 with Allow naming the table's methods

and, so that a route that lost its protection or gained one too many shows, the
ones allowed get through: a GET with no segment to look up ({id}, {name},
{token}, *) answers neither 404 nor 303 to /login for a partner on signed_in
routes, a manager on member routes, the master on master routes and an operator
on operator routes (the streaming program is left out: its answers never end).

Typed segments are filled with A's account code for {code}, 1 for {id}, x.png for
{name}, 43 A's for {token}: the access check runs before any lookup."""

import os
import re
import secrets
import subprocess

from client import Client, unique_email
from testlib import expect, expect_status, expect_see_other, signup, login_ok, new_password

STREAMING_PROGRAMS = ("events",)  # as STREAMING_PROGRAMS in bin/sangdamctl
ACCESSES = ("public", "signed_in", "operator", "member", "master")
SAMPLES = {"{id}": "1", "{name}": "x.png", "{token}": "A" * 43, "*": "x"}


class Route:
    def __init__(self, program, line):
        parts = line.split()
        expect(len(parts) == 6, "%s -routes: cannot read the line %r" % (program, line))
        methods, self.pattern, self.access, limit, files, cached = parts
        self.program = program
        self.methods = methods.split(",")
        expect(set(self.methods) <= {"GET", "POST"} and self.methods,
               "%s -routes: methods %r in %r" % (program, methods, line))
        expect(self.access in ACCESSES, "%s -routes: unknown access %r in %r" % (program, self.access, line))
        expect(limit.isdigit() and files in ("files", "-") and cached in ("cached", "-"),
               "%s -routes: cannot read %r" % (program, line))
        self.files = files == "files"
        self.cached = cached == "cached"
        self.segments = self.pattern.split("/")

    def path(self, code):
        return "/".join(code if seg == "{code}" else SAMPLES.get(seg, seg) for seg in self.segments)

    def looks_up(self):
        """True when a segment names something that must exist (a row, a file, a token)."""
        return any(seg in SAMPLES for seg in self.segments)

    def __repr__(self):
        return "%s %s %s (%s)" % (",".join(self.methods), self.pattern, self.access, self.program)


def cgi_dir(root):
    """The folder of the built programs, as bin/sangdamctl's cgi_dir finds it."""
    build = os.environ.get("BUILD", "build")
    if not os.path.isabs(build):
        build = os.path.join(root, build)
    for folder in (os.path.join(build, "cgi-bin"), os.path.join(root, "build", "cgi-bin"),
                   os.path.join(root, "cgi-bin")):
        if os.path.isdir(folder):
            return folder
    raise AssertionError("no built programs under %s (run make)" % root)


def route_tables(s):
    """Every route of every FastCGI program (every built program but the worker)."""
    folder = cgi_dir(s.root)
    routes = []
    for name in sorted(os.listdir(folder)):
        path = os.path.join(folder, name)
        if name == "worker" or not (os.path.isfile(path) and os.access(path, os.X_OK)):
            continue
        proc = subprocess.run([path, "-routes"], capture_output=True, text=True, timeout=30, cwd=s.root)
        expect(proc.returncode == 0 and proc.stdout.strip(),
               "%s -routes exited %d, printed %r" % (path, proc.returncode, proc.stderr[-300:]))
        routes += [Route(name, line) for line in proc.stdout.splitlines() if line.strip()]
    expect(len({r.program for r in routes}) >= 2, "found route tables of fewer than two programs in %s" % folder)
    return routes


def send(c, route, method, code, csrf):
    """METHOD on ROUTE's path; a POST carries the csrf token CSRF (False: none), in a
    multipart body when the route takes files."""
    path = route.path(code)
    if method == "GET":
        return c.get(path)
    if route.files:
        return c.post_multipart(path, {}, csrf=csrf)
    return c.post(path, {}, csrf=csrf)


class World:
    """Partner A, master of an account; partner B with an account of their own; M, a
    manager of A's account; a signed-out visitor; an operator. Each signed-in client
    keeps the csrf token it got after signing in."""

    def __init__(self, s):
        self.a = self._partner(s)
        self.code = self._create_account(self.a)
        self.b = self._partner(s)
        self._create_account(self.b)
        self.m, m_email = self._partner(s, with_email=True)
        account_id = s.psql("SELECT id FROM accounts WHERE code = '%s'" % self.code).strip()
        expect(account_id.isdigit(), "account %s not found in the database (%r)" % (self.code, account_id))
        s.psql("INSERT INTO members (account_id, partner_id, role) SELECT %s, id, 'manager' FROM partners "
               "WHERE lower(email) = lower('%s')" % (account_id, m_email))
        self.anon = Client(s)
        self.tokens = {}
        for c in (self.a, self.b, self.m):
            self.tokens[c] = self._token(c, "/accounts")
        self.tokens[self.anon] = self._token(self.anon, "/login")
        email, password = unique_email("op"), new_password()
        s.sangdamctl("create-operator", email, input_text=password + "\n")
        self.op = login_ok(s, email, password)

    @staticmethod
    def _partner(s, with_email=False):
        c, email, _ = signup(s)
        return (c, email) if with_email else c

    @staticmethod
    def _create_account(c):
        r = c.get("/accounts/new")
        expect_status(r, 200, what="GET /accounts/new")
        fields = {"agree_terms": "1", "kind": "personal", "name": "경로 " + secrets.token_hex(4),
                  "category1": "shopping"}
        r = c.post("/accounts/new", fields)
        expect(r.status == 303 and (r.location_path or "").startswith("/a/"),
               "POST /accounts/new did not make an account", r)
        return r.location_path.split("/")[2]

    @staticmethod
    def _token(c, page):
        r = c.get(page)
        expect_status(r, 200, what="GET " + page)
        token = r.csrf()
        expect(token, "GET %s has no csrf input" % page, r)
        return token

    def request(self, c, route, method, csrf=True):
        return send(c, route, method, self.code, self.tokens.get(c) if csrf else False)


def _check_all(checks):
    """Runs (what, fn) pairs (each fn's messages name its request); fails once with
    every problem found."""
    problems = []
    for what, fn in checks:
        try:
            fn()
        except AssertionError as e:
            problems.append(" ".join(str(e).split())[:400])
    expect(not problems, "%d route(s) answered against their table:\n  %s" % (len(problems), "\n  ".join(problems)))


_world = {}


def world(s):
    if s.var not in _world:
        _world[s.var] = World(s)
    return _world[s.var]


def test_route_tables_are_read(s):
    routes = route_tables(s)
    patterns = [(r.pattern, m) for r in routes for m in r.methods]
    expect(len(patterns) == len(set(patterns)), "a method and pattern appear twice in the route tables")
    for access in ("public", "signed_in", "member", "operator"):
        expect(any(r.access == access for r in routes), "no %s route in the tables: is the matrix empty?" % access)


def test_access_fits_the_path(s):
    """What the matrix cannot see (it believes the tables): a table that opened an
    account's page to everyone. The URL areas say who they are for (DESIGN section 10):
    /a/{code}/... and /events/a/{code} are an account's members', /ops/ the operators';
    and a member/master route names the account by its first typed segment, {code}
    (route.h). The one exception is a cached route, a public GET file that nginx
    sends to anyone (route.h): only the QR codes of the public chat URL are one."""
    problems = []
    for route in route_tables(s):
        typed = [seg for seg in route.segments if seg.startswith("{") or seg == "*"]
        qr_file = (route.cached and route.access == "public" and route.methods == ["GET"]
                   and re.match(r"^/a/\{code\}/qr(/\{name\}|\.svg)$", route.pattern))
        if (route.pattern.startswith(("/a/{code}/", "/events/a/{code}")) and route.access not in ("member", "master")
                and not qr_file):
            problems.append("%r is an account's page but its access is %s" % (route, route.access))
        if route.pattern.startswith("/ops/") != (route.access == "operator"):
            problems.append("%r: /ops/ pages and operator routes are the same set" % route)
        if route.access in ("member", "master") and (not typed or typed[0] != "{code}"):
            problems.append("%r: a member/master route must start its typed segments with {code}" % route)
    expect(not problems, "; ".join(problems))


def test_signed_out(s):
    w = world(s)
    checks = []
    for route in route_tables(s):
        for method in route.methods:
            what = "%s %s signed out" % (method, route.path(w.code))
            if route.access == "operator":
                checks.append((what, lambda route=route, method=method, what=what:
                               expect_status(w.request(w.anon, route, method), 404, what=what)))
            elif route.access != "public" and method == "GET":
                checks.append((what, lambda route=route, what=what:
                               expect_see_other(w.request(w.anon, route, "GET"), "/login", what=what)))
            elif route.access != "public":
                checks.append((what + " (valid csrf)", lambda route=route, what=what:
                               expect_status(w.request(w.anon, route, "POST"), 403, what=what)))
    _check_all(checks)


def _expect_status(s, who, accesses, by, status=404):
    """Every route whose access is in ACCESSES answers STATUS to the client WHO (a
    POST with WHO's valid csrf token)."""
    w = world(s)
    checks = []
    for route in route_tables(s):
        if route.access not in accesses:
            continue
        for method in route.methods:
            what = "%s %s by %s" % (method, route.path(w.code), by)
            checks.append((what, lambda route=route, method=method, what=what:
                           expect_status(w.request(who(w), route, method), status, what=what)))
    _check_all(checks)


def test_another_partner(s):
    _expect_status(s, lambda w: w.b, ("member", "master", "operator"), "another partner")


def test_manager_on_master_routes(s):
    _expect_status(s, lambda w: w.m, ("master",), "a manager of the account", 403)
    _expect_status(s, lambda w: w.m, ("operator",), "a manager of the account")


def test_master_on_operator_routes(s):
    _expect_status(s, lambda w: w.a, ("operator",), "the account's master")


def test_post_without_csrf_403(s):
    w = world(s)
    checks = []
    for route in route_tables(s):
        if "POST" not in route.methods:
            continue
        what = "POST %s without csrf by the master" % route.path(w.code)
        checks.append((what, lambda route=route, what=what:
                       expect_status(w.request(w.a, route, "POST", csrf=False), 403, what=what)))
    _check_all(checks)


def test_wrong_method_405_with_allow(s):
    w = world(s)
    by_pattern = {}
    for route in route_tables(s):
        by_pattern.setdefault(route.pattern, (route, set()))[1].update(route.methods)
    checks = []
    for pattern, (route, allowed) in by_pattern.items():
        for method in {"GET", "POST"} - allowed:
            what = "%s %s (the table allows %s)" % (method, route.path(w.code), ",".join(sorted(allowed)))

            def check(route=route, method=method, allowed=allowed, what=what):
                r = w.request(w.a, route, method)
                expect_status(r, 405, what=what)
                allow = {m.strip().upper() for m in (r.header("Allow") or "").split(",") if m.strip()}
                expect(allowed <= allow and method not in allow, "%s: Allow is %r" % (what, r.header("Allow")), r)
            checks.append((what, check))
    _check_all(checks)


def test_allowed_ones_get_through(s):
    w = world(s)
    who = {"signed_in": w.b, "member": w.m, "master": w.a, "operator": w.op}
    checks = []
    for route in route_tables(s):
        if (route.access not in who or "GET" not in route.methods or route.looks_up()
                or route.program in STREAMING_PROGRAMS):
            continue
        what = "GET %s by a %s" % (route.path(w.code), "manager" if route.access == "member" else route.access)

        def check(route=route, what=what):
            r = w.request(who[route.access], route, "GET")
            expect(r.status not in (403, 404) and not (r.status == 303 and (r.location_path or "").startswith("/login")),
                   "%s: answered %d" % (what, r.status), r)
        checks.append((what, check))
    expect(checks, "no GET route without a lookup to try")
    _check_all(checks)
