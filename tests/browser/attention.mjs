// Issue 13's attention and presence cues in Chromium at 1280x800, with the browser's
// Notification, AudioContext and page visibility replaced by recorders (an init script):
// a desktop notification with the customer's text while the inbox tab is hidden (none while
// it is looked at), only when the member turned them on in /settings, whose click opens
// that room (after another room was chosen); the sound
// plays once for a customer message in a hidden tab after the first interaction and not
// before it; a second member of the account typing in the same room is shown in the
// first member's room; the customer page plays a sound and changes its title when the
// shop replies. Screenshots go to tests/browser/out/attention-*.png.
//
//   node tests/browser/attention.mjs             starts its own stack (tests/http/stack.py)
//   BASE_URL=http://127.0.0.1:PORT SANGDAM_TEST_VAR=VAR node tests/browser/attention.mjs

import { randomBytes } from 'node:crypto';
import {
  catalog, expect, flowWith, makeAccount, newPartner, openBrowser, pathOf, problemsStep, psql,
  runSuite, shot, signUp, sqlText, submitFormWith,
} from './lib.mjs';

const wait = Number(process.env.LIVE_WAIT_MS || 8000);
const desktop = { viewport: { width: 1280, height: 800 } };

// Runs in every page before its scripts: window.__notes holds the notifications made
// (permission "granted"), window.__sounds counts sounds (the oscillators started in one
// task are one sound; media play() calls count too), window.__setHidden(bool) hides or
// shows the tab (document.hidden, visibilityState and the visibilitychange event).
function recorders() {
  const w = window;
  w.__notes = [];
  w.__sounds = 0;
  class RecordedNotification {
    constructor(title, options) {
      this.title = title;
      this.body = options && options.body;
      this.tag = options && options.tag;
      this.onclick = null;
      this.closed = false;
      w.__notes.push(this);
    }
    close() { this.closed = true; }
    static requestPermission() { return Promise.resolve('granted'); }
  }
  RecordedNotification.permission = 'granted';
  w.Notification = RecordedNotification;
  let hidden = false;
  Object.defineProperty(Document.prototype, 'hidden', { configurable: true, get: () => hidden });
  Object.defineProperty(Document.prototype, 'visibilityState', {
    configurable: true, get: () => (hidden ? 'hidden' : 'visible'),
  });
  w.__setHidden = (h) => { hidden = h; document.dispatchEvent(new Event('visibilitychange')); };
  let inTask = false;
  const sounded = () => {
    if (inTask) return;
    inTask = true;
    w.__sounds++;
    setTimeout(() => { inTask = false; }, 0);
  };
  const param = () => ({
    value: 0, setValueAtTime() {}, linearRampToValueAtTime() {}, exponentialRampToValueAtTime() {},
  });
  class RecordedAudioContext {
    constructor() { this.state = 'running'; this.currentTime = 0; this.destination = {}; }
    resume() { return Promise.resolve(); }
    close() { return Promise.resolve(); }
    createOscillator() {
      return { type: 'sine', frequency: param(), connect() {}, disconnect() {}, start: sounded, stop() {} };
    }
    createGain() { return { gain: param(), connect() {}, disconnect() {} }; }
  }
  w.AudioContext = RecordedAudioContext;
  w.webkitAudioContext = RecordedAudioContext;
  HTMLMediaElement.prototype.play = function play() { sounded(); return Promise.resolve(); };
}

// Opens a desktop browser with the recorders.
async function recordedBrowser() {
  const b = await openBrowser(desktop, { clientErrors: false });
  await b.context.addInitScript(recorders);
  return b;
}

// Waits until TEXT is in the page's text.
async function waitForText(page, text, what) {
  try {
    await page.waitForFunction((t) => document.body.innerText.includes(t), text, { timeout: wait, polling: 100 });
  } catch {
    throw new Error(`${what}: "${text}" did not appear within ${wait} ms`);
  }
}

// The customer writes TEXT from the chat page and sees it there.
async function customerWrites(page, text) {
  await page.fill('textarea[name="text"]', text);
  await page.locator('form:has(textarea[name="text"]) button[type=submit]').first().click();
  await waitForText(page, text, 'the chat page');
}

// The page's recorded notifications and sounds.
function recorded(page) {
  return page.evaluate(() => ({
    notes: window.__notes.map((n) => ({ title: n.title, body: n.body, tag: n.tag })),
    sounds: window.__sounds,
  }));
}

// Lets a little time pass so that late events (a second sound, a notification) would show.
function settle(page) { return page.waitForTimeout(1500); }

// Turns the member's desktop notifications ON or off through /settings.
async function setNotify(page, base, email, on) {
  await page.goto(`${base}/settings`);
  const box = page.locator('input[name="desktop_notify"]');
  if (on) await box.check(); else await box.uncheck();
  await submitFormWith(page, 'input[name="desktop_notify"]');
  const stored = psql(`SELECT desktop_notify FROM partners WHERE lower(email) = lower(${sqlText(email)})`);
  expect(stored === (on ? 't' : 'f'), `after saving the setting desktop_notify is ${stored}`);
}

// A random word to tell messages apart.
function tag() { return randomBytes(3).toString('hex'); }

// Notifications and the sound in the agent's room.
async function notifyFlow(base) {
  const agent = newPartner('attn', '알림');
  const browsers = [];
  let b;
  let customer;
  let account;
  let roomUrl;
  let otherUrl;
  await flowWith(browsers, 'attention desktop', [
    ['sign up, turn desktop notifications on in /settings, a customer writes', async () => {
      b = await recordedBrowser();
      browsers.push(b);
      customer = await openBrowser(desktop, { clientErrors: false });
      browsers.push(customer);
      await signUp(b.page, base, agent);
      await setNotify(b.page, base, agent.email, true);
      account = makeAccount([agent.email], 'attn');
      psql(`WITH c AS (INSERT INTO customers (account_id, key_hash, number, display_name) VALUES `
        + `(${account.id}, md5(random()::text), 990, '다른 고객') RETURNING id), `
        + `r AS (INSERT INTO rooms (account_id, customer_id, status, unread_count, last_message_text, waiting_since) `
        + `SELECT ${account.id}, id, 'unread', 1, '다른 문의', now() FROM c RETURNING id) `
        + `INSERT INTO messages (account_id, room_id, sender, body) SELECT ${account.id}, id, 'customer', '다른 문의' FROM r`);
      otherUrl = `${base}/a/${account.code}/chats/`
        + psql(`SELECT r.id FROM rooms r JOIN customers c ON c.id = r.customer_id WHERE r.account_id = ${account.id} AND c.number = 990`);
      await customer.page.goto(`${base}/talk/${account.code}`);
      await customerWrites(customer.page, '처음 문의합니다');
      const roomId = psql(`SELECT r.id FROM rooms r JOIN messages m ON m.room_id = r.id `
        + `WHERE r.account_id = ${account.id} AND m.body = '처음 문의합니다'`);
      roomUrl = `${base}/a/${account.code}/chats/${roomId}`;
    }],
    ['hidden tab, no interaction yet: a notification with the customer\'s text, no sound', async () => {
      await b.page.goto(roomUrl);
      await b.page.waitForTimeout(1000); // the stream is open
      await b.page.evaluate(() => window.__setHidden(true));
      const text = `배송 언제 되나요 ${tag()}`;
      await customerWrites(customer.page, text);
      await waitForText(b.page, text, 'the agent\'s room');
      await b.page.waitForFunction(() => window.__notes.length > 0, null, { timeout: wait }).catch(() => {});
      await settle(b.page);
      const { notes, sounds } = await recorded(b.page);
      expect(notes.length === 1, `${notes.length} notifications were made: ${JSON.stringify(notes)}`);
      expect(notes[0].body === text, `the notification says "${notes[0].body}", not the customer's text`);
      expect(sounds === 0, `${sounds} sounds played before any interaction`);
    }],
    ['clicking the notification opens its room (after another room was chosen)', async () => {
      await b.page.evaluate(() => window.__setHidden(false));
      const other = b.page.locator(`li.room a.room-main[href$="${new URL(otherUrl).pathname}"]`);
      expect(await other.count() === 1, 'the other room is not in the list');
      await other.click();
      await b.page.waitForFunction((p) => location.pathname === p, new URL(otherUrl).pathname, { timeout: wait });
      await b.page.evaluate(() => window.__notes[0].onclick && window.__notes[0].onclick());
      const want = new URL(roomUrl).pathname;
      await b.page.waitForFunction((p) => location.pathname === p, want, { timeout: wait }).catch(() => {});
      expect(pathOf(b.page) === want, `after the click the page is ${pathOf(b.page)}, not the room ${want}`);
      const pane = await b.page.locator('[data-room-pane]').getAttribute('data-room');
      expect(want.endsWith(`/${pane}`), `the room pane shows room ${pane}`);
      expect(await b.page.evaluate(() => window.__notes[0].closed), 'the notification was not closed');
    }],
    ['while the tab is looked at no notification is made', async () => {
      const text = `보고 있을 때 문의 ${tag()}`;
      await customerWrites(customer.page, text);
      await waitForText(b.page, text, 'the agent\'s room');
      await settle(b.page);
      const { notes } = await recorded(b.page);
      expect(notes.length === 1, `${notes.length - 1} more notifications in a visible tab: ${JSON.stringify(notes)}`);
    }],
    ['a message in a room that is not open: a notification from its list row opens it', async () => {
      await b.page.goto(otherUrl);
      await b.page.waitForTimeout(1000); // the stream is open
      await b.page.evaluate(() => window.__setHidden(true));
      const text = `다른 방에서 문의 ${tag()}`;
      await customerWrites(customer.page, text);
      await b.page.waitForFunction(() => window.__notes.length > 0, null, { timeout: wait }).catch(() => {});
      await settle(b.page);
      const { notes } = await recorded(b.page);
      expect(notes.length === 1, `${notes.length} notifications for a message in another room: ${JSON.stringify(notes)}`);
      expect(notes[0].body === text, `the notification says "${notes[0].body}", not the customer's text`);
      await b.page.evaluate(() => window.__setHidden(false));
      await b.page.evaluate(() => window.__notes[0].onclick && window.__notes[0].onclick());
      const want = new URL(roomUrl).pathname;
      await b.page.waitForFunction((p) => location.pathname === p, want, { timeout: wait }).catch(() => {});
      expect(pathOf(b.page) === want, `after the click the page is ${pathOf(b.page)}, not the room ${want}`);
    }],
    ['after a first click, a customer message in the hidden tab plays the sound once', async () => {
      await b.page.goto(roomUrl);
      await b.page.waitForTimeout(1000);
      await b.page.locator('#room-title').click();
      await b.page.evaluate(() => window.__setHidden(true));
      const text = `환불 문의 ${tag()}`;
      await customerWrites(customer.page, text);
      await waitForText(b.page, text, 'the agent\'s room');
      await settle(b.page);
      const { notes, sounds } = await recorded(b.page);
      expect(sounds === 1, `${sounds} sounds played for one customer message`);
      expect(notes.length === 1 && notes[0].body === text, `notifications: ${JSON.stringify(notes)}`);
      await shot(b.page, 'attention-1-room');
    }],
    ['with the setting off no notification is made', async () => {
      await setNotify(b.page, base, agent.email, false);
      await b.page.goto(roomUrl);
      await b.page.waitForTimeout(1000);
      await b.page.evaluate(() => window.__setHidden(true));
      const text = `알림 끈 뒤 문의 ${tag()}`;
      await customerWrites(customer.page, text);
      await waitForText(b.page, text, 'the agent\'s room');
      await settle(b.page);
      const { notes } = await recorded(b.page);
      expect(notes.length === 0, `${notes.length} notifications with the setting off: ${JSON.stringify(notes)}`);
    }],
    problemsStep(browsers, ['agent', 'customer']),
  ]);
}

// Two members of one account in the same room: B typing shows in A's room.
async function presenceFlow(base) {
  const a = newPartner('pres-a', '상담원가');
  const bWho = newPartner('pres-b', '상담원나');
  const browsers = [];
  let pa;
  let pb;
  let roomUrl;
  await flowWith(browsers, 'attention presence', [
    ['two members of one account open the same room', async () => {
      pa = await openBrowser(desktop, { clientErrors: false });
      browsers.push(pa);
      pb = await openBrowser(desktop, { clientErrors: false });
      browsers.push(pb);
      await signUp(pa.page, base, a);
      await signUp(pb.page, base, bWho);
      const account = makeAccount([a.email, bWho.email], 'pres');
      const customer = await openBrowser(desktop, { clientErrors: false });
      browsers.push(customer);
      await customer.page.goto(`${base}/talk/${account.code}`);
      await customerWrites(customer.page, '두 분 중 누구든 답해 주세요');
      roomUrl = `${base}/a/${account.code}/chats/`
        + psql(`SELECT id FROM rooms WHERE account_id = ${account.id} ORDER BY id DESC LIMIT 1`);
      await pa.page.goto(roomUrl);
      await pb.page.goto(roomUrl);
      await pa.page.waitForTimeout(1000); // both streams are open
    }],
    ['B types in the composer: A\'s room says B is typing', async () => {
      const want = catalog('inbox.presence.typing').replace('{name}', bWho.name);
      const early = await pa.page.locator('[data-presence]').textContent();
      expect(early.trim() !== want, 'A\'s room says B is typing before B typed');
      await pb.page.locator('textarea[name="text"]').pressSequentially('안녕하세요', { delay: 30 });
      try {
        await pa.page.waitForFunction((t) => {
          const box = document.querySelector('[data-presence]');
          return box && !box.hidden && box.textContent.trim() === t;
        }, want, { timeout: wait, polling: 100 });
      } catch {
        const shown = await pa.page.locator('[data-presence]').evaluate((el) => `${el.hidden ? 'hidden' : 'shown'}: ${el.textContent}`);
        throw new Error(`A's room does not say "${want}" (${shown})`);
      }
      await shot(pa.page, 'attention-2-presence');
    }],
    problemsStep(browsers, ['member A', 'member B', 'customer']),
  ]);
}

// The customer page when the shop replies.
async function customerFlow(base) {
  const owner = newPartner('attn-c', '고객쪽');
  const browsers = [];
  let c;
  let account;
  let room;
  await flowWith(browsers, 'attention customer', [
    ['an account and a customer who wrote (a first interaction)', async () => {
      const p = await openBrowser(desktop, { clientErrors: false });
      browsers.push(p);
      await signUp(p.page, base, owner);
      account = makeAccount([owner.email], 'attc');
      c = await recordedBrowser();
      browsers.push(c);
      await c.page.goto(`${base}/talk/${account.code}`);
      await customerWrites(c.page, '주문 확인 부탁드립니다');
      room = psql(`SELECT id FROM rooms WHERE account_id = ${account.id} ORDER BY id DESC LIMIT 1`);
    }],
    ['the shop replies while the page is hidden: a sound and a changed title', async () => {
      await c.page.evaluate(() => window.__setHidden(true));
      const plain = await c.page.title();
      const before = (await recorded(c.page)).sounds;
      const text = `확인했습니다 ${tag()}`;
      psql(`WITH m AS (INSERT INTO messages (account_id, room_id, sender, kind, body) VALUES `
        + `(${account.id}, ${room}, 'agent', 'text', ${sqlText(text)}) RETURNING id), `
        + `r AS (UPDATE rooms SET status = 'answered', unread_count = 0 WHERE id = ${room}) `
        + `SELECT pg_notify('sangdam', json_build_object('a', ${account.id}::bigint, 'r', ${room}::bigint, `
        + `'k', 'message')::text) FROM m`);
      await waitForText(c.page, text, 'the chat page');
      await settle(c.page);
      const title = await c.page.title();
      const { sounds } = await recorded(c.page);
      expect(title !== plain && title.includes(catalog('talk.new_reply')), `the title is "${title}"`);
      expect(sounds - before === 1, `${sounds - before} sounds played for the reply`);
    }],
    problemsStep(browsers, ['partner', 'customer']),
  ]);
}

await runSuite('attention', async (base) => {
  await notifyFlow(base);
  await presenceFlow(base);
  await customerFlow(base);
});
