// Live updates in real browsers (SPEC CHAT-16): two agents (two browsers, two partners who
// are both members of one approved account) have the inbox open and one customer has the
// chat page open; the customer sends a message, which must appear in both inboxes without a
// reload; one agent opens the room and replies, and the reply must appear on the customer's
// page without a reload, and in the other agent's inbox. Run at phone size (360x740) and at
// desktop size (1280x800). Screenshots go to tests/browser/out/live-*.png. Output: `ok - ...`
// / `not ok - ...` lines and one closing line `RESULT passed=N failed=M`; exit status 1 if
// any failed.
//
//   node tests/browser/live.mjs                 starts its own stack (tests/http/stack.py)
//   BASE_URL=http://127.0.0.1:PORT SANGDAM_TEST_VAR=VAR node tests/browser/live.mjs
//                                                uses a running one (VAR for SQL set-up)
//
// The account and the memberships are made in SQL (as tests/http/test_events.py does), the
// partners sign up through the page. Env CHROMIUM overrides the browser binary
// (default /usr/bin/chromium); LIVE_WAIT_MS (default 5000) is how long a live update may take.

import { randomBytes } from 'node:crypto';
import {
  expect, flowWith, makeAccount, newPartner, noHorizontalScroll, openBrowser, pathOf, problemsStep,
  runPhoneAndDesktop, shot, signUp,
} from './lib.mjs';

const liveWait = Number(process.env.LIVE_WAIT_MS || 5000);

// ---------------------------------------------------------------------------
// the stack's database (the stack itself is in lib.mjs)

// ---------------------------------------------------------------------------
// page helpers

// Marks the page so that a later check can tell it was not reloaded or replaced.
async function mark(b) {
  await b.page.evaluate(() => { window.sangdamLiveMark = 'kept'; });
  return b.navigations();
}

async function expectNotReloaded(b, navigationsBefore, what) {
  const kept = await b.page.evaluate(() => window.sangdamLiveMark);
  expect(kept === 'kept' && b.navigations() === navigationsBefore, `${what} was reloaded or left (now ${b.page.url()})`);
}

// Waits up to ms for text to be shown on the page; returns when it was (Date.now()).
async function waitForText(page, text, ms, what) {
  try {
    await page.waitForFunction((t) => document.body && document.body.innerText.includes(t), text,
      { timeout: ms, polling: 50 });
  } catch {
    throw new Error(`${what}: "${text}" did not appear within ${ms} ms without a reload`);
  }
  return Date.now();
}

// Types text into the form holding textarea[name=text] and presses its submit button;
// returns when the button was pressed (Date.now()).
async function sendText(page, text) {
  const form = page.locator('form:has(textarea[name="text"])').first();
  expect(await form.count() > 0, `no form with textarea[name="text"] on ${pathOf(page)}`);
  await form.locator('textarea[name="text"]').fill(text);
  const button = form.locator('button[type=submit], input[type=submit], button:not([type])').first();
  expect(await button.count() > 0, `the message form on ${pathOf(page)} has no submit button`);
  const pressed = Date.now();
  await button.click();
  return pressed;
}

// ---------------------------------------------------------------------------
// the flow: each step is one test line; after a failed step the rest is skipped

async function liveFlow(base, label, options, width) {
  const agents = [newPartner(`${label}-a1`, '상담원'), newPartner(`${label}-a2`, '상담원')];
  const browsers = [];
  let a1;
  let a2;
  let customer;
  let account;
  let marks = {};
  let roomUrl = null;
  let question;
  let questionSent;
  let reply;
  let replySent;
  const steps = [
    ['open three browsers (two agents, one customer)', async () => {
      a1 = await openBrowser(options, { clientErrors: false });
      browsers.push(a1);
      a2 = await openBrowser(options, { clientErrors: false });
      browsers.push(a2);
      customer = await openBrowser(options, { clientErrors: false });
      browsers.push(customer);
    }],
    ['two partners sign up and share one approved account', async () => {
      await signUp(a1.page, base, agents[0]);
      await signUp(a2.page, base, agents[1]);
      account = makeAccount(agents.map((a) => a.email), 'live');
    }],
    ['both agents open the inbox', async () => {
      for (const [i, b] of [a1, a2].entries()) {
        const r = await b.page.goto(`${base}/a/${account.code}/chats`);
        expect(r.status() === 200, `GET /a/CODE/chats answered ${r.status()} for agent ${i + 1}`);
        await noHorizontalScroll(b.page, width);
      }
      // let the pages open their event streams before anything happens
      await a1.page.waitForTimeout(500);
      marks.a1 = await mark(a1);
      marks.a2 = await mark(a2);
      await shot(a1.page, `live-${label}-1-inbox-empty`);
    }],
    ['the customer opens the chat page', async () => {
      const r = await customer.page.goto(`${base}/talk/${account.code}`);
      expect(r.status() === 200, `GET /talk/CODE answered ${r.status()}`);
      await noHorizontalScroll(customer.page, width);
      marks.customer = await mark(customer);
    }],
    ['the customer sends a message', async () => {
      question = `안녕하세요, 배송 문의 드려요 ${randomBytes(3).toString('hex')}`;
      questionSent = await sendText(customer.page, question);
      await waitForText(customer.page, question, liveWait, 'the customer\'s own page');
      await expectNotReloaded(customer, marks.customer, 'the chat page');
      await shot(customer.page, `live-${label}-2-customer-sent`);
    }],
    [`it appears in both inboxes without a reload (<= ${liveWait} ms)`, async () => {
      const seen = await Promise.all([a1, a2].map((b, i) => waitForText(b.page, question,
        Math.max(0, questionSent + liveWait - Date.now()), `agent ${i + 1}'s inbox`)));
      await expectNotReloaded(a1, marks.a1, 'agent 1\'s inbox');
      await expectNotReloaded(a2, marks.a2, 'agent 2\'s inbox');
      await shot(a1.page, `live-${label}-3-inbox-agent1`);
      await shot(a2.page, `live-${label}-3-inbox-agent2`);
      return `${seen.map((t) => `${t - questionSent} ms`).join(' and ')} after the customer pressed send`;
    }],
    ['agent 1 opens the room from the inbox', async () => {
      const row = a1.page.locator('li[data-room]', { hasText: question }).first();
      let link = row.locator('a[href*="/chats/"]').first();
      if (await link.count() === 0) link = a1.page.locator('a[href*="/chats/"]', { hasText: question }).first();
      expect(await link.count() > 0, 'no link to the room in agent 1\'s inbox');
      await Promise.all([a1.page.waitForNavigation({ waitUntil: 'load' }), link.click()]);
      roomUrl = a1.page.url();
      expect(/\/a\/[a-z0-9]{6}\/chats\/\d+$/.test(pathOf(a1.page)), `the room link went to ${roomUrl}`);
      await waitForText(a1.page, question, 2000, 'the room page');
      await noHorizontalScroll(a1.page, width);
      marks.a1 = await mark(a1);
    }],
    ['agent 1 replies from the room', async () => {
      reply = `네 고객님, 확인해 드릴게요 ${randomBytes(3).toString('hex')}`;
      replySent = await sendText(a1.page, reply);
      await waitForText(a1.page, reply, liveWait, 'agent 1\'s room page');
      await shot(a1.page, `live-${label}-4-room-replied`);
    }],
    [`the reply appears on the customer's page without a reload (<= ${liveWait} ms)`, async () => {
      const t = await waitForText(customer.page, reply, Math.max(0, replySent + liveWait - Date.now()),
        'the customer\'s chat page');
      await expectNotReloaded(customer, marks.customer, 'the chat page');
      await shot(customer.page, `live-${label}-5-customer-reply`);
      return `${t - replySent} ms after the agent pressed send`;
    }],
    [`agent 2's inbox shows the reply without a reload (<= ${liveWait} ms)`, async () => {
      const t = await waitForText(a2.page, reply, Math.max(0, replySent + liveWait - Date.now()),
        'agent 2\'s inbox');
      await expectNotReloaded(a2, marks.a2, 'agent 2\'s inbox');
      await shot(a2.page, `live-${label}-6-inbox-agent2-reply`);
      return `${t - replySent} ms after agent 1 pressed send`;
    }],
    ['a second customer message reaches the open room without a reload', async () => {
      const again = `하나 더 여쭤볼게요 ${randomBytes(3).toString('hex')}`;
      const pressed = await sendText(customer.page, again);
      const t = await waitForText(a1.page, again, liveWait, 'agent 1\'s room page');
      await expectNotReloaded(a1, marks.a1, 'agent 1\'s room page');
      await noHorizontalScroll(customer.page, width);
      await noHorizontalScroll(a1.page, width);
      await shot(a1.page, `live-${label}-7-room-second`);
      return `${t - pressed} ms after the customer pressed send`;
    }],
    problemsStep(browsers, ['agent 1', 'agent 2', 'customer']),
  ];
  await flowWith(browsers, `live-${label}`, steps);
}

// ---------------------------------------------------------------------------

await runPhoneAndDesktop('live suite', liveFlow);
