// What the browser scripts of tests/browser/ (run.mjs, accounts.mjs, live.mjs, faq.mjs, totp.mjs, coupons.mjs,
// hours.mjs) share: the
// stack (started here, or taken from BASE_URL / SANGDAM_TEST_VAR), Chromium with its flags,
// the `ok - ...` / `not ok - ...` lines with the closing `RESULT passed=N failed=M`,
// flows of steps, screenshots to tests/browser/out/, page helpers, SQL set-up on the stack's
// database, the Korean catalog, and the phone and desktop runs. Not a test script:
// run on its own (tests/run starts every tests/browser/*.mjs) it says so and counts nothing.
//
// Env CHROMIUM overrides the browser binary (default /usr/bin/chromium).

import { chromium } from 'playwright-core';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, mkdirSync, rmSync, existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { randomBytes } from 'node:crypto';

const here = path.dirname(fileURLToPath(import.meta.url));
export const root = path.resolve(here, '..', '..');
const outDir = path.join(here, 'out');
const chromiumPath = process.env.CHROMIUM || '/usr/bin/chromium';
const chromiumArgs = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
  '--disable-background-networking', '--disable-component-update', '--disable-sync'];

let passed = 0;
let failed = 0;
let skipped = 0;

// Folds white space and cuts S to one line of at most 1500 characters.
function oneLine(s) {
  return String(s).replace(/\s+/g, ' ').trim().slice(0, 1500);
}

// Counts and prints a passed test.
function ok(name) { passed++; console.log(`ok - ${name}`); }
// Counts and prints a failed test with why it failed.
function notOk(name, why) { failed++; console.log(`not ok - ${name}: ${oneLine(why)}`); }
// Counts and prints a skipped test (a passing line marked # SKIP).
function skip(name, why) { skipped++; console.log(`ok - ${name} # SKIP ${oneLine(why)}`); }

// Throws MESSAGE unless COND holds.
export function expect(cond, message) {
  if (!cond) throw new Error(message);
}

// ---------------------------------------------------------------------------
// the stack

let stack = null; // { var, port } when this process started it

// Starts a fresh stack with tests/http/stack.py and returns its base URL.
function startStack() {
  const out = execFileSync('python3', [path.join(root, 'tests', 'http', 'stack.py'), 'up', root],
    { encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'], timeout: 600000 });
  const vars = Object.fromEntries(out.split('\n').filter((l) => l.includes('=')).map((l) => {
    const i = l.indexOf('=');
    return [l.slice(0, i), l.slice(i + 1)];
  }));
  if (!vars.VAR || !vars.PORT) throw new Error(`stack.py up printed no VAR/PORT: ${out}`);
  stack = { var: vars.VAR, port: vars.PORT };
  return `http://127.0.0.1:${vars.PORT}`;
}

// Stops the stack if this process started it.
function stopStack() {
  if (!stack) return;
  try {
    execFileSync('python3', [path.join(root, 'tests', 'http', 'stack.py'), 'down', root],
      { env: { ...process.env, VAR: stack.var, PORT: String(stack.port) }, stdio: 'inherit', timeout: 180000 });
  } catch (e) {
    console.log(`# stopping the stack failed: ${oneLine(e.message)}`);
  }
  stack = null;
}

// The stack's folder: the one this process started, else SANGDAM_TEST_VAR, else null.
export function stackVar() {
  return stack ? stack.var : (process.env.SANGDAM_TEST_VAR || null);
}

// Prints the last 60 lines of the stack's logs as comments (V: the stack's folder).
function printLogTail(v) {
  if (!v) return;
  try {
    const out = execFileSync('python3', [path.join(root, 'tests', 'http', 'stack.py'), 'logs'],
      { env: { ...process.env, VAR: v }, encoding: 'utf8' });
    for (const line of out.split('\n').slice(-60)) console.log(`#   ${line}`);
  } catch { /* nothing to show */ }
}

// Waits up to SECONDS for GET BASE/healthz to answer 200 ok; throws if it does not.
async function waitHealthy(base, seconds) {
  const deadline = Date.now() + seconds * 1000;
  let last = 'no answer';
  while (Date.now() < deadline) {
    try {
      const r = await fetch(`${base}/healthz`);
      const body = (await r.text()).trim();
      if (r.status === 200 && body === 'ok') return;
      last = `${r.status} ${body.slice(0, 60)}`;
    } catch (e) {
      last = e.message;
    }
    await new Promise((res) => setTimeout(res, 250));
  }
  throw new Error(`GET /healthz not 200 ok within ${seconds}s (last: ${last})`);
}

// ---------------------------------------------------------------------------
// page helpers

// Opens a fresh browser with its own new profile folder and the given context options;
// b.problems collects CSP violations, script errors, 5xx answers and (unless
// clientErrors is false) 4xx answers for sub-resources; b.navigations() counts main-frame navigations.
export async function openBrowser(options, { clientErrors = true } = {}) {
  const profile = mkdtempSync(path.join(tmpdir(), 'sdchrome-'));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: chromiumPath,
    headless: true,
    args: chromiumArgs,
    ...options,
  });
  const page = context.pages()[0] || await context.newPage();
  page.setDefaultTimeout(15000);
  const problems = [];
  let navigations = 0;
  page.on('console', (msg) => {
    const t = msg.text();
    if (msg.type() === 'error' && /Content Security Policy|Refused to/i.test(t)) problems.push(`console: ${t}`);
  });
  page.on('pageerror', (err) => problems.push(`page error: ${err.message}`));
  page.on('response', (resp) => {
    const u = resp.url();
    if (resp.status() >= 500) problems.push(`${resp.status()} for ${u}`);
    else if (clientErrors && resp.status() >= 400 && resp.request().resourceType() !== 'document'
      && !u.endsWith('/favicon.ico')) {
      problems.push(`${resp.status()} for ${resp.request().resourceType()} ${u}`);
    }
  });
  page.on('framenavigated', (frame) => { if (frame === page.mainFrame()) navigations++; });
  return {
    context,
    page,
    problems,
    navigations: () => navigations,
    async close() {
      await context.close();
      rmSync(profile, { recursive: true, force: true });
    },
  };
}

// The path of the page's current URL.
export function pathOf(page) {
  return new URL(page.url()).pathname;
}

// Saves a full-page screenshot as tests/browser/out/NAME.png (scrolled to the top first if fromTop).
export async function shot(page, name, { fromTop = false } = {}) {
  if (fromTop) await page.evaluate(() => window.scrollTo(0, 0));
  await page.screenshot({ path: path.join(outDir, `${name}.png`), fullPage: true });
}

// Throws if the page is wider than WIDTH px, or, without WIDTH, than its viewport (then naming the widest elements).
export async function noHorizontalScroll(page, width) {
  const { sw, iw } = await page.evaluate(() => ({ sw: document.scrollingElement.scrollWidth, iw: window.innerWidth }));
  if (width !== undefined) {
    expect(sw <= width, `page ${pathOf(page)} is ${sw} px wide at a ${width}-px viewport (horizontal scrolling)`);
    return;
  }
  if (sw > iw) {
    const wide = await page.evaluate((limit) => [...document.querySelectorAll('body *')]
      .filter((el) => el.getBoundingClientRect().right > limit + 0.5)
      .slice(0, 5)
      .map((el) => `${el.tagName.toLowerCase()}${el.id ? `#${el.id}` : ''}${el.className ? `.${String(el.className).replace(/\s+/g, '.')}` : ''} (right ${Math.round(el.getBoundingClientRect().right)})`), iw);
    throw new Error(`page ${pathOf(page)} is ${sw} px wide at a ${iw}-px viewport (horizontal scrolling); widest: ${wide.join(', ')}`);
  }
}

// Clicks the first (or with last, the last) submit button of the form that holds FIELD and waits for the next page.
export async function submitFormWith(page, field, { last = false } = {}) {
  const form = page.locator(`form:has(${field})`).first();
  expect(await form.count() > 0, `no form with ${field} on ${pathOf(page)}`);
  const buttons = form.locator('button[type=submit], input[type=submit], button:not([type])');
  const button = last ? buttons.last() : buttons.first();
  expect(await button.count() > 0, `the form with ${field} on ${pathOf(page)} has no submit button`);
  await Promise.all([page.waitForNavigation({ waitUntil: 'load' }), button.click()]);
}

// Fills the sign-up form with WHO's email, password and name and ticks both agreements.
export async function fillSignup(page, who) {
  await page.fill('input[name="email"]', who.email);
  await page.fill('input[name="password"]', who.password);
  await page.fill('input[name="name"]', who.name);
  await page.locator('input[name="agree_terms"]').check();
  await page.locator('input[name="agree_age"]').check();
}

// The path PREFIX + TOKEN (PREFIX such as '/signup/confirm/') of the newest mail to EMAIL in
// the stack's mail folder holding such a link, waiting up to 15 s for it; throws when there is
// none (or no stack folder is known). WHAT names the mail in the messages.
export async function mailLink(email, prefix, what) {
  const v = stackVar();
  expect(v, `no stack folder (SANGDAM_TEST_VAR) to read the ${what} mail from`);
  const dir = path.join(v, 'mail');
  const pattern = new RegExp(`https?://[^\\s/]+(${prefix}[A-Za-z0-9_-]+)`);
  const deadline = Date.now() + 15000;
  for (;;) {
    const files = existsSync(dir) ? readdirSync(dir).map((f) => path.join(dir, f))
      .filter((f) => statSync(f).isFile()).sort((a, b) => statSync(b).mtimeMs - statSync(a).mtimeMs) : [];
    for (const f of files) {
      const text = readFileSync(f, 'utf8');
      const m = text.match(pattern);
      if (m && text.toLowerCase().includes(email.toLowerCase())) return m[1];
    }
    expect(Date.now() < deadline, `no ${what} mail to ${email} in ${dir}`);
    await new Promise((res) => setTimeout(res, 200));
  }
}

// The path /signup/confirm/TOKEN of the newest sign-up mail to EMAIL (see mailLink).
export async function signupMailLink(email) {
  return mailLink(email, '/signup/confirm/', 'sign-up');
}

// After the sign-up form was sent: expects the page saying a mail was sent, opens the
// mailed link as a person would and presses its button; expects to land on /accounts.
export async function confirmSignup(page, base, who) {
  expect(pathOf(page) === '/signup', `after sending the sign-up form the page is ${page.url()}`);
  const r = await page.goto(base + await signupMailLink(who.email));
  expect(r.status() === 200, `GET the mailed sign-up link answered ${r.status()}`);
  const button = page.locator('form[action^="/signup/confirm/"] button[type=submit]');
  expect(await button.count() === 1, `the mailed link's page ${page.url()} has no button`);
  await Promise.all([page.waitForNavigation({ waitUntil: 'load' }), button.click()]);
  expect(pathOf(page) === '/accounts', `after the sign-up link the page is ${page.url()}`);
}

// Signs WHO up through BASE/signup and the mailed link and expects to land on /accounts
// (submit: submitFormWith's options for the sign-up form).
export async function signUp(page, base, who, submit = {}) {
  const r = await page.goto(`${base}/signup`);
  expect(r.status() === 200, `GET /signup answered ${r.status()}`);
  await fillSignup(page, who);
  await submitFormWith(page, 'input[name="email"]', submit);
  await confirmSignup(page, base, who);
}

// Signs WHO up (signUp) and gives them an approved account of their own named TAG-xxxxxxxx
// (makeAccount): { id, code, name }.
export async function signUpWithAccount(page, base, who, tag) {
  await signUp(page, base, who);
  return makeAccount([who.email], tag);
}

// Opens HREF through the account menu as a person would: the wide menu on desktops, the
// folded one (unfolded first) on phones; expects to land on HREF.
export async function openAccountArea(page, href) {
  const links = page.locator(`nav.account-bar a[href="${href}"]`);
  expect(await links.count() > 0, `the account menu on ${pathOf(page)} has no link to ${href}`);
  let link = page.locator(`nav.account-bar a[href="${href}"]:visible`).first();
  if (await link.count() === 0) {
    const summary = page.locator('nav.account-bar details > summary:visible').first();
    expect(await summary.count() > 0, `the link to ${href} is hidden and there is no menu to unfold`);
    await summary.click();
    link = page.locator(`nav.account-bar a[href="${href}"]:visible`).first();
  }
  expect(await link.count() > 0, `the link to ${href} is not visible even with the menu open`);
  await Promise.all([page.waitForNavigation({ waitUntil: 'load' }), link.click()]);
  expect(pathOf(page) === href, `after clicking ${href} the page is ${page.url()}`);
}

// The text of the page as a person reads it.
export async function bodyText(page) {
  return page.evaluate(() => document.body.innerText);
}

// A new partner with a random email and password and the name "NAMEPREFIX TAG xxxx".
export function newPartner(tag, namePrefix) {
  return {
    email: `${tag}-${randomBytes(5).toString('hex')}@example.com`,
    password: `pw-${randomBytes(8).toString('hex')}`,
    name: `${namePrefix} ${tag} ${randomBytes(2).toString('hex')}`,
  };
}

// ---------------------------------------------------------------------------
// flows and the suite

// Runs STEPS ([name, fn] pairs) as test lines "LABEL: name" (a note fn returns is added
// as "  # note"); after a failed step the rest of the flow is skipped.
export async function flow(label, steps) {
  let broken = null;
  for (const [name, fn] of steps) {
    const full = `${label}: ${name}`;
    if (broken) { skip(full, `after "${broken}" failed`); continue; }
    try {
      const note = await fn();
      ok(full + (note ? `  # ${note}` : ''));
    } catch (e) {
      notOk(full, e.message);
      broken = name;
    }
  }
}

// Finds Chromium and the stack (BASE_URL or a fresh one), runs BODY(base), then prints the
// log tail if anything failed, stops a stack it started, prints RESULT and exits.
export async function runSuite(suiteName, body, { logVarFallback } = {}) {
  try {
    mkdirSync(outDir, { recursive: true });
    let base = process.env.BASE_URL;
    if (!existsSync(chromiumPath)) {
      notOk('chromium', `${chromiumPath} is missing (apt-get install -y chromium fonts-nanum)`);
    } else {
      let up = false;
      try {
        if (!base) {
          base = startStack();
          console.log(`# stack started: ${base} (VAR=${stack.var})`);
        } else {
          console.log(`# using ${base}`);
        }
        await waitHealthy(base, 30);
        up = true;
      } catch (e) {
        notOk('stack', e.message);
      }
      if (up) await body(base);
    }
  } catch (e) {
    notOk(suiteName, e.stack || e.message);
  }
  if (failed) printLogTail(stackVar() || logVarFallback);
  stopStack();
  if (skipped) console.log(`# skipped=${skipped}`);
  console.log(`RESULT passed=${passed} failed=${failed}`);
  process.exit(failed ? 1 : 0);
}


// ---------------------------------------------------------------------------
// set-up through the database, the catalog, and the two viewports

// SQL on the stack's database through tests/http/stack.py (as the cluster's owner).
export function psql(sql) {
  const v = stackVar();
  expect(v, 'SQL set-up needs the stack folder: set SANGDAM_TEST_VAR with BASE_URL');
  const script = 'import sys; sys.path.insert(0, sys.argv[1]); from stack import Stack; '
    + 'print(Stack(root=sys.argv[2], var=sys.argv[3], port=1, owned=False).psql(sys.argv[4]), end="")';
  return execFileSync('python3', ['-c', script, path.join(root, 'tests', 'http'), root, v, sql],
    { encoding: 'utf8', timeout: 60000 }).trim();
}

// VALUE as an SQL string literal.
export function sqlText(value) {
  return `'${String(value).replace(/'/g, "''")}'`;
}

// An approved account named TAG-xxxxxxxx whose master is the partner with the first email
// and whose other members (the other emails) are managers: { id, code, name }.
export function makeAccount(emails, tag) {
  for (let attempt = 0; attempt < 5; attempt++) {
    const alphabet = 'abcdefghijklmnopqrstuvwxyz0123456789';
    const code = Array.from(randomBytes(6), (b) => alphabet[b % alphabet.length]).join('');
    const name = `${tag}-${randomBytes(4).toString('hex')}`;
    try {
      const id = psql(`WITH c AS (INSERT INTO account_codes (code) VALUES (${sqlText(code)}) RETURNING code), `
        + `a AS (INSERT INTO accounts (code, kind, name, category1, status) SELECT code, 'personal', ${sqlText(name)}, `
        + `'shopping', 'approved' FROM c RETURNING id) `
        + `INSERT INTO members (account_id, partner_id, role) SELECT a.id, p.id, `
        + `CASE WHEN lower(p.email) = lower(${sqlText(emails[0])}) THEN 'master' ELSE 'manager' END `
        + `FROM a, partners p WHERE lower(p.email) IN (${emails.map((e) => `lower(${sqlText(e)})`).join(', ')}) `
        + 'RETURNING account_id');
      const ids = id.split('\n').filter(Boolean);
      expect(ids.length === emails.length, `made ${ids.length} memberships for ${emails.length} partners`);
      return { id: Number(ids[0]), code, name };
    } catch (e) {
      if (!/duplicate key/.test(e.message)) throw e;
    }
  }
  throw new Error('could not draw a free account code');
}

// The Korean text of catalog KEY in the tree under test, so that pages are read as a person
// reads them.
export const catalog = (() => {
  let texts = null;
  return (key) => {
    if (texts === null) {
      texts = {};
      const folder = path.join(root, 'templates', 'i18n', 'ko');
      for (const file of readdirSync(folder).filter((f) => f.endsWith('.txt')).sort()) {
        for (const line of readFileSync(path.join(folder, file), 'utf8').split('\n')) {
          if (!line.trim() || line.trimStart().startsWith('#') || !line.includes('=')) continue;
          const i = line.indexOf('=');
          texts[line.slice(0, i).trim()] = line.slice(i + 1).trim();
        }
      }
    }
    expect(key in texts, `catalog key ${key} is missing in templates/i18n/ko`);
    return texts[key];
  };
})();

// The last step of a flow: no CSP violations, script errors or 5xx answers in BROWSERS,
// whose problems are reported under NAMES.
export function problemsStep(browsers, names) {
  return ['no CSP violations, script errors or 5xx answers', async () => {
    const problems = browsers.flatMap((b, i) => b.problems.map((p) => `${names[i]}: ${p}`));
    expect(problems.length === 0, problems.slice(0, 5).join(' | '));
  }];
}

// Runs the flow of STEPS as LABEL and closes BROWSERS whatever happened.
export async function flowWith(browsers, label, steps) {
  try {
    await flow(label, steps);
  } finally {
    for (const b of browsers) await b.close().catch(() => {});
  }
}

// runSuite NAME with FLOW(base, label, browser options, width) on a 360-px phone, then on a
// desktop.
export async function runPhoneAndDesktop(name, flowOf) {
  await runSuite(name, async (base) => {
    await flowOf(base, 'phone', {
      viewport: { width: 360, height: 740 }, isMobile: true, hasTouch: true, deviceScaleFactor: 2,
    }, 360);
    await flowOf(base, 'desktop', { viewport: { width: 1280, height: 800 } }, 1280);
  });
}
