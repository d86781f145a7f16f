// Browser flows for Sangdam in headless Chromium (Debian's /usr/bin/chromium, driven by
// playwright-core): sign-up, log-out and log-in on a 360-px phone and a 1280-px desktop,
// log-in with JavaScript off, no horizontal scrolling, Korean by default, no CSP
// violations. Screenshots go to tests/browser/out/. Output: `ok - ...` / `not ok - ...`
// lines and one closing line `RESULT passed=N failed=M`; exit status 1 if any failed.
//
//   node tests/browser/run.mjs            starts its own stack (tests/http/stack.py)
//   BASE_URL=http://127.0.0.1:PORT node tests/browser/run.mjs   uses a running one
//
// Env CHROMIUM overrides the browser binary (default /usr/bin/chromium).

import { chromium } from 'playwright-core';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, mkdirSync, rmSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { randomBytes } from 'node:crypto';

const here = path.dirname(fileURLToPath(import.meta.url));
const root = path.resolve(here, '..', '..');
const outDir = path.join(here, 'out');
const chromiumPath = process.env.CHROMIUM || '/usr/bin/chromium';
const chromiumArgs = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
  '--disable-background-networking', '--disable-component-update', '--disable-sync'];

let passed = 0;
let failed = 0;
let skipped = 0;

function oneLine(s) {
  return String(s).replace(/\s+/g, ' ').trim().slice(0, 1500);
}

function ok(name) { passed++; console.log(`ok - ${name}`); }
function notOk(name, why) { failed++; console.log(`not ok - ${name}: ${oneLine(why)}`); }
function skip(name, why) { skipped++; console.log(`ok - ${name} # SKIP ${oneLine(why)}`); }

function expect(cond, message) {
  if (!cond) throw new Error(message);
}

// ---------------------------------------------------------------------------
// the stack

let stack = null; // { var, port } when this process started it

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

function printLogTail() {
  const v = stack ? stack.var : process.env.SANGDAM_TEST_VAR;
  if (!v) return;
  try {
    const out = execFileSync('python3', [path.join(root, 'tests', 'http', 'stack.py'), 'logs'],
      { env: { ...process.env, VAR: v }, encoding: 'utf8' });
    for (const line of out.split('\n').slice(-60)) console.log(`#   ${line}`);
  } catch { /* nothing to show */ }
}

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

// Opens a fresh browser with its own new profile folder and the given context options.
async function openBrowser(options) {
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
  page.on('console', (msg) => {
    const t = msg.text();
    if (msg.type() === 'error' && /Content Security Policy|Refused to/i.test(t)) problems.push(`console: ${t}`);
  });
  page.on('pageerror', (err) => problems.push(`page error: ${err.message}`));
  page.on('response', (resp) => {
    const u = resp.url();
    if (resp.status() >= 500) problems.push(`${resp.status()} for ${u}`);
    else if (resp.status() >= 400 && resp.request().resourceType() !== 'document' && !u.endsWith('/favicon.ico')) {
      problems.push(`${resp.status()} for ${resp.request().resourceType()} ${u}`);
    }
  });
  return {
    context,
    page,
    problems,
    async close() {
      await context.close();
      rmSync(profile, { recursive: true, force: true });
    },
  };
}

function pathOf(page) {
  return new URL(page.url()).pathname;
}

async function shot(page, name) {
  await page.screenshot({ path: path.join(outDir, `${name}.png`), fullPage: true });
}

async function noHorizontalScroll(page, width) {
  const sw = await page.evaluate(() => document.scrollingElement.scrollWidth);
  expect(sw <= width, `page ${pathOf(page)} is ${sw} px wide at a ${width}-px viewport (horizontal scrolling)`);
}

async function expectLang(page, lang) {
  const got = await page.evaluate(() => document.documentElement.lang);
  expect(got === lang, `<html lang> on ${pathOf(page)} is "${got}", not "${lang}"`);
}

// Clicks the submit button of the form that holds FIELD and waits for the next page.
async function submitFormWith(page, field) {
  const form = page.locator(`form:has(${field})`).first();
  expect(await form.count() > 0, `no form with ${field} on ${pathOf(page)}`);
  const button = form.locator('button[type=submit], input[type=submit], button:not([type])').first();
  expect(await button.count() > 0, `the form with ${field} on ${pathOf(page)} has no submit button`);
  await Promise.all([page.waitForNavigation({ waitUntil: 'load' }), button.click()]);
}

async function fillSignup(page, who) {
  await page.fill('input[name="email"]', who.email);
  await page.fill('input[name="password"]', who.password);
  await page.fill('input[name="name"]', who.name);
  await page.locator('input[name="agree_terms"]').check();
  await page.locator('input[name="agree_age"]').check();
}

async function fillLogin(page, who) {
  await page.fill('input[name="email"]', who.email);
  await page.fill('input[name="password"]', who.password);
}

async function logOut(page) {
  const form = page.locator('form[action$="/logout"]').first();
  expect(await form.count() > 0, `no log-out form (form action=/logout) on ${pathOf(page)}`);
  const button = form.locator('button, input[type=submit]').first();
  if (!(await button.isVisible())) {
    // a phone layout may keep the menu folded: open it as a person would
    const toggle = page.locator('details:has(form[action$="/logout"]) > summary, [aria-controls][aria-expanded="false"]').first();
    if (await toggle.count()) await toggle.click();
  }
  expect(await button.isVisible(), `the log-out button on ${pathOf(page)} is not visible`);
  await Promise.all([page.waitForNavigation({ waitUntil: 'load' }), button.click()]);
}

function newPartner(tag) {
  return {
    email: `${tag}-${randomBytes(5).toString('hex')}@example.com`,
    password: `pw-${randomBytes(8).toString('hex')}`,
    name: `브라우저 ${tag} ${randomBytes(2).toString('hex')}`,
  };
}

// ---------------------------------------------------------------------------
// flows: each step is one test line; after a failed step the rest of the flow is skipped

async function flow(label, steps) {
  let broken = null;
  for (const [name, fn] of steps) {
    const full = `${label}: ${name}`;
    if (broken) { skip(full, `after "${broken}" failed`); continue; }
    try {
      await fn();
      ok(full);
    } catch (e) {
      notOk(full, e.message);
      broken = name;
    }
  }
}

async function signupFlow(base, label, options, width, who) {
  let b;
  const steps = [
    ['open a fresh browser', async () => { b = await openBrowser(options); }],
    ['sign-up page is Korean by default', async () => {
      const r = await b.page.goto(`${base}/signup`);
      expect(r.status() === 200, `GET /signup answered ${r.status()}`);
      await expectLang(b.page, 'ko');
      const text = await b.page.evaluate(() => document.body.innerText);
      expect(/[\uac00-\ud7a3]/.test(text), 'the sign-up page shows no Hangul');
      await shot(b.page, `${label}-1-signup`);
    }],
    [`sign-up page fits ${width} px`, async () => noHorizontalScroll(b.page, width)],
    ['a too-short password keeps what was typed (422)', async () => {
      await fillSignup(b.page, { ...who, password: 'short' });
      await submitFormWith(b.page, 'input[name="email"]');
      expect(await b.page.inputValue('input[name="email"]') === who.email, 'the email typed was lost');
      expect(await b.page.inputValue('input[name="name"]') === who.name, 'the name typed was lost');
      await shot(b.page, `${label}-2-signup-error`);
      await noHorizontalScroll(b.page, width);
    }],
    ['sign up lands on /accounts showing the name', async () => {
      await fillSignup(b.page, who);
      await submitFormWith(b.page, 'input[name="email"]');
      expect(pathOf(b.page) === '/accounts', `after sign-up the page is ${b.page.url()}`);
      const text = await b.page.evaluate(() => document.body.innerText);
      expect(text.includes(who.name), `/accounts does not show the name "${who.name}"; it shows: ${text.slice(0, 300)}`);
      await expectLang(b.page, 'ko');
      await shot(b.page, `${label}-3-accounts`);
    }],
    [`/accounts fits ${width} px`, async () => noHorizontalScroll(b.page, width)],
    ['log out lands on /login', async () => {
      await logOut(b.page);
      expect(pathOf(b.page) === '/login', `after log-out the page is ${b.page.url()}`);
      await shot(b.page, `${label}-4-login`);
      await noHorizontalScroll(b.page, width);
    }],
    ['/accounts after log-out sends to /login', async () => {
      await b.page.goto(`${base}/accounts`);
      expect(pathOf(b.page) === '/login', `GET /accounts after log-out shows ${b.page.url()}`);
    }],
    ['wrong password shows the form again', async () => {
      await b.page.goto(`${base}/login`);
      await fillLogin(b.page, { ...who, password: `${who.password}-wrong` });
      await submitFormWith(b.page, 'input[name="password"]');
      expect(pathOf(b.page) !== '/accounts', 'a wrong password signed in');
      expect(await b.page.inputValue('input[name="email"]') === who.email, 'the email typed was lost');
      await shot(b.page, `${label}-5-login-error`);
      await noHorizontalScroll(b.page, width);
    }],
    ['log in lands on /accounts', async () => {
      await b.page.goto(`${base}/login`);
      await fillLogin(b.page, who);
      await submitFormWith(b.page, 'input[name="password"]');
      expect(pathOf(b.page) === '/accounts', `after log-in the page is ${b.page.url()}`);
      const text = await b.page.evaluate(() => document.body.innerText);
      expect(text.includes(who.name), '/accounts does not show the name after log-in');
    }],
    ['no CSP violations, script errors or failed resources', async () => {
      expect(b.problems.length === 0, b.problems.slice(0, 5).join(' | '));
    }],
  ];
  try {
    await flow(label, steps);
  } finally {
    if (b) await b.close();
  }
}

async function noScriptFlow(base, who) {
  let b;
  const label = 'nojs';
  await flow(label, [
    ['open a browser with JavaScript off', async () => {
      b = await openBrowser({ viewport: { width: 360, height: 740 }, isMobile: true, hasTouch: true, javaScriptEnabled: false });
    }],
    ['log in lands on /accounts', async () => {
      const r = await b.page.goto(`${base}/login`);
      expect(r.status() === 200, `GET /login answered ${r.status()}`);
      await fillLogin(b.page, who);
      await submitFormWith(b.page, 'input[name="password"]');
      expect(pathOf(b.page) === '/accounts', `after log-in the page is ${b.page.url()}`);
      await shot(b.page, `${label}-accounts`);
    }],
    ['log out works without JavaScript', async () => {
      await logOut(b.page);
      expect(pathOf(b.page) === '/login', `after log-out the page is ${b.page.url()}`);
    }],
  ]).finally(async () => { if (b) await b.close(); });
}

// ---------------------------------------------------------------------------

async function main() {
  mkdirSync(outDir, { recursive: true });
  let base = process.env.BASE_URL;
  if (!existsSync(chromiumPath)) {
    notOk('chromium', `${chromiumPath} is missing (apt-get install -y chromium fonts-nanum)`);
    return;
  }
  try {
    if (!base) {
      base = startStack();
      console.log(`# stack started: ${base} (VAR=${stack.var})`);
    } else {
      console.log(`# using ${base}`);
    }
    await waitHealthy(base, 30);
  } catch (e) {
    notOk('stack', e.message);
    return;
  }

  const phonePartner = newPartner('phone');
  await signupFlow(base, 'phone', {
    viewport: { width: 360, height: 740 }, isMobile: true, hasTouch: true, deviceScaleFactor: 2,
  }, 360, phonePartner);
  await signupFlow(base, 'desktop', { viewport: { width: 1280, height: 800 } }, 1280, newPartner('desktop'));
  await noScriptFlow(base, phonePartner);
}

try {
  await main();
} catch (e) {
  notOk('browser suite', e.stack || e.message);
}
if (failed) printLogTail();
stopStack();
if (skipped) console.log(`# skipped=${skipped}`);
console.log(`RESULT passed=${passed} failed=${failed}`);
process.exit(failed ? 1 : 0);
