"""HTTP tests that every "at most N" of SPEC.md holds under concurrent requests (NF-7,
issue 14 item 7): many browsers of one signed-in agent create labels or friend groups at
once a few places below the limit, and exactly the limit exists afterwards.

The accounts per partner limit (ACC-1) has its own test of the same shape in
test_accounts.py (test_concurrent_creations_respect_the_limit); a room bulk action takes
its at most 100 rooms from one request, so no two requests can add up past it.
"""

import threading

from testlib import expect
from test_inbox import Agent, Customer, one

THREADS = 20
ROUNDS = 8
LABELS_MAX = 100   # INBOX_LABELS_MAX
GROUPS_MAX = 200   # INBOX_GROUPS_MAX


def in_parallel(agent, path, bodies):
    """POSTs bodies[i] to agent's path from len(bodies) clones of agent's session at once;
    the statuses (or the exception text) in order."""
    clients = [agent.client.clone() for _ in bodies]
    results = [None] * len(bodies)
    barrier = threading.Barrier(len(bodies))

    def run(i):
        try:
            barrier.wait(30)
            results[i] = clients[i].post(agent.base + path, bodies[i], csrf=agent.csrf).status
        except Exception as e:  # noqa: BLE001
            results[i] = repr(e)

    threads = [threading.Thread(target=run, args=(i,)) for i in range(len(bodies))]
    for th in threads:
        th.start()
    for th in threads:
        th.join(120)
    return results


def fill(s, table, account_id, count, extra_columns="", extra_values=""):
    """Leaves the account exactly count rows of table, named "기존 N" (as earlier creations
    would have made them)."""
    s.psql("DELETE FROM %s WHERE account_id = %s" % (table, account_id))
    s.psql("INSERT INTO %s (account_id, name%s) SELECT %s, '기존 ' || n%s FROM generate_series(1, %d) n"
           % (table, extra_columns, account_id, extra_values, count))


def race_rounds(s, table, agent, limit, path, bodies, what, extra_columns="", extra_values=""):
    """ROUNDS times: limit - 5 rows, then len(bodies) parallel creations; every round must end
    with exactly limit rows and 5 creations answered 303, the others 422."""
    problems = []
    for round_number in range(ROUNDS):
        fill(s, table, agent.account_id, limit - 5, extra_columns, extra_values)
        results = in_parallel(agent, path, bodies(round_number))
        expect(all(x in (303, 422) for x in results), "%s answered %r" % (what, results))
        count = int(one(s, "SELECT count(*) FROM %s WHERE account_id = %s" % (table, agent.account_id)))
        if count != limit or results.count(303) != 5:
            problems.append("round %d: %d rows where the limit is %d, %d of %d answered 303"
                            % (round_number + 1, count, limit, results.count(303), len(results)))
    expect(not problems, "%d %s with 5 places left: %s" % (THREADS, what, "; ".join(problems)))


def test_parallel_labels_stop_at_the_limit(s):
    a = Agent(s)
    race_rounds(s, "labels", a, LABELS_MAX, "/labels",
                lambda n: [{"name": "동시 %d-%d" % (n, i), "color": "#43a047"} for i in range(THREADS)],
                "parallel label creations", ", color", ", '#e53935'")


def test_parallel_friend_groups_stop_at_the_limit(s):
    a = Agent(s)
    race_rounds(s, "friend_groups", a, GROUPS_MAX, "/groups",
                lambda n: [{"name": "동시 그룹 %d-%d" % (n, i), "description": ""} for i in range(THREADS)],
                "parallel group creations")


def test_parallel_bulk_new_groups_stop_at_the_limit(s):
    """The bulk action "add to a new friend group" creates the group it names."""
    a = Agent(s)
    room = Customer(s, a, name="그룹 고객").send("안녕하세요")
    race_rounds(s, "friend_groups", a, GROUPS_MAX, "/chats/bulk",
                lambda n: [[("action", "group"), ("room", str(room)), ("new_group", "새 그룹 %d-%d" % (n, i)),
                            ("back", a.base + "/chats")] for i in range(THREADS)],
                "parallel bulk actions to new groups")
