"""Customers' rate limits on /talk/CODE (issue 14 item 6, NF-7): only accepted requests
count, so one customer over a limit does not hold back the others behind the same
address (an office's NAT); a refused request stores nothing (no customer, room or
message); every POST (message, friend, unfriend, leave) is limited per address and per
customer; and one address makes a bounded number of new customers per hour.

The limits are the configured ones (generous defaults), read from VAR/sangdam.conf, so
the tests send a few hundred small requests. Each test has its own account and its own
loopback address, which several clients share to stand for a NAT."""

import json

import test_talk as talk
from client import Client, next_source_address
from testlib import expect, expect_status, expect_see_other

RATE_TEXT = "너무 빨리"       # talk.err.rate
ACTION_RATE_TEXT = "너무 자주"  # talk.err.rate_action


def _limit(s, name, default):
    return int(s.conf().get(name, default))


def _behind(s, code, address):
    """A new browser (its own cookies) at the shared address."""
    return talk.Customer(s, code, Client(s, source_address=address))


def _of_account(s, table, code, where="true"):
    return talk._count(s, "SELECT count(*) FROM %s t JOIN accounts a ON a.id = t.account_id "
                          "WHERE a.code = %s AND %s" % (table, talk._sql(code), where))


def _forget_customer(cust):
    """Drops the sd_customer cookie (keeps the CSRF one): the next request is a new browser's."""
    for key in [k for k in cust.c.cookies if k[0] == "sd_customer"]:
        del cust.c.cookies[key]


def test_neighbours_keep_writing_when_one_customer_is_refused(s):
    a = talk.new_account(s)
    address = next_source_address()
    per_address = _limit(s, "talk_rate_address", "300")
    per_customer = _limit(s, "talk_rate_customer", "20")
    abuser = _behind(s, a.code, address)
    tries = per_address + 5
    statuses = [abuser.send_json("폭주 %d" % i).status for i in range(tries)]
    expect(statuses.count(200) == per_customer and statuses.count(429) == tries - per_customer,
           "of %d posts by one customer %d were accepted and %d refused, not %d and %d"
           % (tries, statuses.count(200), statuses.count(429), per_customer, tries - per_customer))
    expect(talk.messages_of_account(s, a.code) == per_customer,
           "refused posts stored messages")
    for n in range(5):
        neighbour = _behind(s, a.code, address)
        r = neighbour.send("옆자리 %d %s" % (n, talk.tag()))
        expect_see_other(r, a.talk, what="first message of neighbour %d behind the same address "
                         "after %d refused posts of another customer" % (n + 1, tries - per_customer))
    expect(talk.messages_of_account(s, a.code) == per_customer + 5, "the neighbours' messages are missing")
    expect(_of_account(s, "customers", a.code) == 6, "not one customer row per browser")


def test_new_customers_and_friends_per_address(s):
    a = talk.new_account(s)
    address = next_source_address()
    per_action = _limit(s, "talk_action_rate_address", "120")
    new_limit = _limit(s, "talk_new_customers_address", "200")
    expect(new_limit > per_action, "the test needs talk_new_customers_address > talk_action_rate_address")
    # neither the page nor removing a friend or leaving makes a customer
    visitor = talk.Customer(s, a.code)
    for _ in range(3):
        _forget_customer(visitor)
        expect_status(visitor.open(), 200, what="GET the chat page")
        expect_see_other(visitor.post("/unfriend"), a.talk, what="unfriend without a customer")
        expect_see_other(visitor.post("/leave"), a.talk, what="leave without a customer")
    expect(_of_account(s, "customers", a.code) == 0, "the page, unfriend or leave made customer rows")
    cust = _behind(s, a.code, address)
    # each new browser's friend is a customer billed in broadcasts: per_action a minute
    statuses = []
    for _ in range(per_action + 3):
        _forget_customer(cust)
        statuses.append(cust.post("/friend").status)
    expect(statuses == [303] * per_action + [429] * 3,
           "friend-adds from one address answered %s (%d x 303, then 429 expected)"
           % (sorted(set(statuses)), per_action))
    r = cust.c.last
    expect(ACTION_RATE_TEXT in r.text and talk.has_input_box(r.text),
           "the friend 429 is not the chat page with why", r)
    _forget_customer(cust)
    r = cust.c.post(cust.path + "/friend", {}, csrf=False,
                    headers={"Accept": "application/json", "X-CSRF-Token": cust.token})
    expect_status(r, 429, what="JSON friend-add over the limit")
    expect(ACTION_RATE_TEXT in json.loads(r.text).get("error", ""), "JSON 429 without a message", r)
    expect(_of_account(s, "customers", a.code, "is_friend") == per_action,
           "the friend count did not stop at %d" % per_action)
    expect(_of_account(s, "customers", a.code) == per_action, "refused friend-adds made customer rows")
    # first messages of new browsers fill the rest of the hour's new customers
    kept = None
    for i in range(new_limit - per_action):
        _forget_customer(cust)
        expect_see_other(cust.send("새 고객 %d" % i), a.talk, what="new customer %d" % (per_action + i + 1))
        kept = dict(cust.c.cookies)
    before = talk.messages_of_account(s, a.code)
    _forget_customer(cust)
    body = "한도 넘은 고객 " + talk.tag()
    r = cust.send(body, extra={"name": "넘친이"})
    expect_status(r, 429, what="the first message of a new customer over the address's hourly limit")
    expect(RATE_TEXT in r.text and talk.has_input_box(r.text), "the 429 page does not say why", r)
    _forget_customer(cust)
    r = cust.send_json(body)
    expect_status(r, 429, what="JSON first message over the limit")
    expect(RATE_TEXT in json.loads(r.text).get("error", ""), "JSON 429 without a message", r)
    expect(_of_account(s, "customers", a.code) == new_limit,
           "a refused post made a customer row (%d customers, not %d)"
           % (_of_account(s, "customers", a.code), new_limit))
    expect(_of_account(s, "customers", a.code, "display_name = '넘친이'") == 0, "the refused name was stored")
    expect(talk.messages_of_account(s, a.code) == before, "a refused post stored a message")
    expect(_of_account(s, "rooms", a.code) == new_limit - per_action, "a refused post made a room")
    # a customer made before the limit still writes from the same address
    cust.c.cookies = kept
    expect_see_other(cust.send("기존 고객 " + talk.tag()), a.talk, what="an existing customer's message")


def test_customer_actions_are_limited(s):
    a = talk.new_account(s)
    per_customer = _limit(s, "talk_action_rate_customer", "10")
    cust = talk.Customer(s, a.code)
    first = "처음 " + talk.tag()
    expect_see_other(cust.send(first), a.talk, what="first message")
    paths = ["/friend", "/unfriend"]
    for i in range(per_customer):
        expect_see_other(cust.post(paths[i % 2]), a.talk,
                         what="action %d of %d (%s)" % (i + 1, per_customer, paths[i % 2]))
    friend = _of_account(s, "customers", a.code, "is_friend")
    for path in ("/friend", "/unfriend", "/leave"):
        r = cust.post(path)
        expect_status(r, 429, what="POST %s over the customer's limit" % path)
        expect(ACTION_RATE_TEXT in r.text, "the 429 page does not say why", r)
    expect(_of_account(s, "customers", a.code, "is_friend") == friend, "a refused request changed the friend")
    r = cust.open()
    expect(first in r.text, "a refused leave emptied the view", r)
    # the limit is the customer's: another customer at another address is not refused
    other = talk.Customer(s, a.code)
    expect_see_other(other.post("/friend"), a.talk, what="another customer's friend-add")
