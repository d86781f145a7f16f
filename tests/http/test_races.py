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


def form_key(page, action):
    """The form_key of the post form whose action is action on page (the key the page was
    rendered with)."""
    import re
    form = re.search(r'<form method="post" action="%s"[^>]*>(.*?)</form>' % re.escape(action), page.text, re.S)
    expect(form is not None, "no form posting to %s" % action, page)
    key = re.search(r'name="form_key" value="([A-Za-z0-9_-]{22})"', form.group(1))
    expect(key is not None, "the form posting to %s sends no form_key" % action, page)
    return key.group(1)


def test_one_rendered_form_stores_once(s):
    """Two requests racing (the create forms): the same rendered form posted THREADS times
    at once, then once more, stores one 자주 쓰는 답변, and every post is answered with the
    first one's redirect. Changed and sent with the same key (the page from the browser's
    history) it is another post. A form shown again with its errors gives its key up, so
    the corrected form stores; the same key posted to another form's address is another
    form."""
    a = Agent(s)
    count = "SELECT count(*) FROM canned_replies WHERE account_id = %s" % a.account_id
    page = a.get("/replies")
    key = form_key(page, a.base + "/replies")
    body = {"title": "배송 안내", "text": "오늘 보내 드립니다.", "form_key": key}
    results = in_parallel(a, "/replies", [body] * THREADS)
    expect(results == [303] * THREADS, "the same form posted at once answered %r" % results)
    expect(one(s, count) == "1", "one form posted %d times at once stored %s replies"
           % (THREADS, one(s, count)))
    r = a.post("/replies", body)
    expect(r.status == 303 and (r.location_path or "").startswith(a.base + "/replies"),
           "the form sent again is not sent back to the replies", r)
    expect(one(s, count) == "1", "the form sent again stored a second reply")
    # the same page from the browser's history (its key restored), changed and sent: another post
    r = a.post("/replies", dict(body, title="배송 안내 2"))
    expect(r.status == 303 and one(s, count) == "2",
           "the form changed and sent again with its old key was not stored (%s)" % one(s, count), r)

    key = form_key(a.get("/replies"), a.base + "/replies")
    r = a.post("/replies", {"title": "", "text": "제목 없는 답변", "form_key": key})
    expect(r.status == 422, "a reply without a title was not refused", r)
    expect(one(s, "SELECT count(*) FROM form_keys WHERE key LIKE '%s.%%'" % key) == "0",
           "the refused form kept its key")
    r = a.post("/replies", {"title": "고친 답변", "text": "제목 없는 답변", "form_key": key})
    expect(r.status == 303, "the corrected form (its key given up by the refusal) was refused", r)
    expect(one(s, count) == "3", "the corrected form did not store its reply")
    r = a.post("/labels", {"name": "같은 키", "color": "#43a047", "form_key": key})
    expect(r.status == 303, "the same key posted to another form's address was refused", r)
    expect(one(s, "SELECT count(*) FROM labels WHERE account_id = %s AND name = '같은 키'"
                % a.account_id) == "1", "the label posted with another form's key was not stored")
    expect(one(s, "SELECT count(*) FROM form_keys WHERE key LIKE '%s.%%'" % key) == "2",
           "the two forms' keys are not kept apart")
