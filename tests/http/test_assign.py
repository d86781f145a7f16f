"""HTTP tests of availability and automatic assignment (SPEC MEM-6, CHAT-18; issue 10):
each member marks themselves available or away with the switch in the account pages'
header (a form POST, no script needed); the chat settings page turns automatic
assignment on with a limit of open rooms per member, writing the account history;
a room a customer opens goes round-robin to available members under the limit, or
stays unassigned; rooms opened at the same instant never take a member over it.

Customers write through the talk program (GET /talk/CODE, POST /talk/CODE/messages),
each from a client of its own (its own address).
"""

import collections
import re
import threading

from client import Client
from test_inbox import Agent, one, sql_text
from testlib import expect, expect_status, signup


def add_manager(s, master):
    """A new partner made a manager of master's account; returns their client."""
    c, email, _ = signup(s, name="매니저 " + email_tag())
    partner_id = int(one(s, "SELECT id FROM partners WHERE lower(email) = lower(%s)" % sql_text(email)))
    s.psql("INSERT INTO members (account_id, partner_id, role) VALUES (%s, %s, 'manager')"
           % (master.account_id, partner_id))
    return c, partner_id


_tags = iter(range(1, 1000000))


def email_tag():
    return "%d" % next(_tags)


def team(s, managers=2):
    """An account's master (test_inbox.Agent) and managers: [(client, partner_id)], master first."""
    master = Agent(s)
    master.partner_id = int(master.partner_id)
    members = [(master.client, master.partner_id)]
    members += [add_manager(s, master) for _ in range(managers)]
    return master, members


def set_assign(master, on, limit):
    fields = {"assign_limit": str(limit)}
    if on:
        fields["auto_assign"] = "1"
    r = master.client.submit(master.base + "/chats/settings", master.base + "/chats/settings/assign", fields)
    return r


def customer_writes(s, code, text="안녕하세요"):
    """A new customer's first message; returns the status of the POST."""
    c = Client(s)
    r = c.get("/talk/%s" % code)
    if r.status != 200:
        return r.status
    return c.post("/talk/%s/messages" % code, {"text": text}).status


def assignees(s, master):
    """partner_id (or None) of every room of the account, oldest room first."""
    out = s.psql("SELECT coalesce(assignee_id::text, '-') FROM rooms WHERE account_id = %s ORDER BY id"
                 % master.account_id).split()
    return [None if x == "-" else int(x) for x in out]


def set_available(s, client, code, available):
    r = client.get("/a/%s/" % code)
    expect_status(r, 200, what="GET the account's home")
    return client.post("/a/%s/availability" % code,
                       {"available": "1" if available else "0", "next": "/a/%s/hours" % code})


# ---------------------------------------------------------------------------


def test_assign_settings_saved_with_history(s):
    master, _ = team(s, managers=0)
    r = master.get("/chats/settings")
    expect_status(r, 200, what="GET chat settings")
    expect('name="auto_assign"' in r.text and 'name="assign_limit"' in r.text,
           "the chat settings page has no automatic assignment form", r)
    r = set_assign(master, True, 0)
    expect_status(r, 422, what="a limit of 0")
    r = set_assign(master, True, 1001)
    expect_status(r, 422, what="a limit of 1001")
    expect(one(s, "SELECT auto_assign FROM accounts WHERE id = %s" % master.account_id) == "f",
           "a refused form turned automatic assignment on")
    expect(one(s, "SELECT count(*) FROM account_history WHERE account_id = %s" % master.account_id) == "0",
           "a refused form wrote history")
    r = set_assign(master, True, 7)
    expect(r.status == 303, "saving automatic assignment did not answer 303", r)
    row = s.psql("SELECT auto_assign, assign_limit FROM accounts WHERE id = %s" % master.account_id).split()
    expect(row == ["t", "7"], "stored %r, not on with 7" % row)
    h = s.psql("SELECT menu, action, partner_id, before, after FROM account_history WHERE account_id = %s"
               % master.account_id).strip().split("\t")
    expect(h[:3] == ["settings", "auto_assign", str(master.partner_id)] and "off" in h[3] and "on" in h[4]
           and "7" in h[4], "the history entry is %r" % h)
    r = master.get("/chats/settings")
    expect(re.search(r'name="auto_assign" value="1" checked', r.text) and 'value="7"' in r.text,
           "the page does not show the saved setting", r)


def test_assign_parallel_rooms_never_over_the_limit(s):
    master, members = team(s, managers=2)
    expect_status(set_assign(master, True, 10), 303, what="turn on with 10")
    statuses = [None] * 50

    def run(i):
        statuses[i] = customer_writes(s, master.code, "손님 %d" % i)

    threads = [threading.Thread(target=run, args=(i,)) for i in range(50)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    expect(statuses.count(303) == 50, "customers' first messages answered %r" % collections.Counter(statuses))
    got = assignees(s, master)
    expect(len(got) == 50, "%d rooms, not 50" % len(got))
    counts = collections.Counter(x for x in got if x is not None)
    ids = {pid for _, pid in members}
    expect(set(counts) <= ids, "rooms went to non-members: %r" % counts)
    expect(max(counts.values()) <= 10, "a member got more than 10 rooms: %r" % counts)
    expect(sorted(counts.values()) == [10, 10, 10] and got.count(None) == 20,
           "not 10 rooms each and 20 unassigned: %r, %d unassigned" % (counts, got.count(None)))
    # an unassigned room says so
    room = one(s, "SELECT id FROM rooms WHERE account_id = %s AND assignee_id IS NULL LIMIT 1" % master.account_id)
    r = master.get("/chats/%s" % room)
    expect_status(r, 200, what="GET an unassigned room")
    expect(re.search(r"<dd>없음</dd>", r.text), "the room page does not show it unassigned", r)


def test_assign_round_robin_and_away_members(s):
    master, members = team(s, managers=2)
    expect_status(set_assign(master, True, 10), 303, what="turn on with 10")
    for i in range(9):
        expect(customer_writes(s, master.code) == 303, "customer %d could not write" % i)
    got = assignees(s, master)
    counts = collections.Counter(got)
    expect(sorted(counts.values()) == [3, 3, 3] and None not in counts,
           "9 rooms to 3 available members went %r" % counts)
    for i in range(0, 9, 3):
        expect(len(set(got[i:i + 3])) == 3, "rooms %d-%d did not go to three different members: %r"
               % (i + 1, i + 3, got))
    order = list(got)
    # the second manager marks themselves away through the header's switch
    away_client, away_id = members[2]
    r = set_available(s, away_client, master.code, False)
    expect(r.status == 303 and r.location_path == "/a/%s/hours" % master.code,
           "the availability switch did not go back to the page", r)
    r = away_client.get("/a/%s/" % master.code)
    expect('data-availability="away"' in r.text, "the header does not show away", r)
    expect(one(s, "SELECT action FROM account_history WHERE account_id = %s AND partner_id = %s"
               % (master.account_id, away_id)) == "away", "marking away wrote no history")
    for i in range(6):
        expect(customer_writes(s, master.code) == 303, "customer %d could not write" % i)
    later = assignees(s, master)[9:]
    expect(away_id not in later, "an away member got rooms: %r" % later)
    counts = collections.Counter(later)
    expect(sorted(counts.values()) == [3, 3], "6 rooms to 2 available members went %r" % counts)
    expect(assignees(s, master)[:9] == order, "earlier rooms changed hands")
    # back available: the turn comes to them first (least recently assigned)
    r = set_available(s, away_client, master.code, True)
    expect(r.status == 303, "marking available failed", r)
    expect('data-availability="available"' in away_client.get("/a/%s/" % master.code).text,
           "the header does not show available")
    expect(customer_writes(s, master.code) == 303, "a customer could not write")
    expect(assignees(s, master)[-1] == away_id, "the member back from away was not next")


def test_assign_off_limit_and_completed_rooms(s):
    master, _ = team(s, managers=0)
    expect(customer_writes(s, master.code) == 303, "a customer could not write")
    expect(assignees(s, master) == [None], "a room was assigned with automatic assignment off")
    expect_status(set_assign(master, True, 1), 303, what="turn on with 1")
    expect(customer_writes(s, master.code) == 303, "a customer could not write")
    expect(customer_writes(s, master.code) == 303, "a customer could not write")
    got = assignees(s, master)
    expect(got[1:] == [master.partner_id, None], "with a limit of 1: %r" % got)
    # a completed room no longer counts as open
    s.psql("UPDATE rooms SET status = 'completed' WHERE account_id = %s AND assignee_id = %s"
           % (master.account_id, master.partner_id))
    expect(customer_writes(s, master.code) == 303, "a customer could not write")
    expect(assignees(s, master)[-1] == master.partner_id, "a completed room still counted as open")
    # a bad availability value changes nothing
    master.client.get("/a/%s/" % master.code)
    r = master.client.post("/a/%s/availability" % master.code, {"available": "maybe"})
    expect_status(r, 422, what="available=maybe")
    r = master.client.post("/a/%s/availability" % master.code, {"available": "0", "next": "https://evil.example/"})
    expect(r.status == 303 and r.location_path == "/a/%s/" % master.code, "next went off the account", r)
