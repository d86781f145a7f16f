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

import {
  confirmSignup, expect, fillSignup, flow, newPartner, noHorizontalScroll, openBrowser, pathOf, runSuite, shot, submitFormWith,
} from './lib.mjs';

// ---------------------------------------------------------------------------
// page helpers (the shared ones are in lib.mjs)

async function expectLang(page, lang) {
  const got = await page.evaluate(() => document.documentElement.lang);
  expect(got === lang, `<html lang> on ${pathOf(page)} is "${got}", not "${lang}"`);
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

// ---------------------------------------------------------------------------
// flows: each step is one test line; after a failed step the rest of the flow is skipped

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
    ['sign up by the mailed link lands on /accounts showing the name', async () => {
      await fillSignup(b.page, who);
      await submitFormWith(b.page, 'input[name="email"]');
      await confirmSignup(b.page, base, who);
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

await runSuite('browser suite', async (base) => {
  const phonePartner = newPartner('phone', '브라우저');
  await signupFlow(base, 'phone', {
    viewport: { width: 360, height: 740 }, isMobile: true, hasTouch: true, deviceScaleFactor: 2,
  }, 360, phonePartner);
  await signupFlow(base, 'desktop', { viewport: { width: 1280, height: 800 } }, 1280, newPartner('desktop', '브라우저'));
  await noScriptFlow(base, phonePartner);
});
