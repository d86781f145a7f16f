// Account flows for Sangdam in headless Chromium (Debian's /usr/bin/chromium, driven by
// playwright-core), on a 360-px phone and a 1280-px desktop: sign up, open /accounts,
// create a business account through the wizard (a wrong business number first, which
// must keep what was typed), land on the account home, open the profile and exposure
// pages through the account menu, no horizontal scrolling, the QR image loaded, no CSP
// violations. Screenshots go to tests/browser/out/ (accounts-new-phone.png,
// account-home-phone.png, exposure-phone.png, ... and the -desktop ones).
// Output: `ok - ...` / `not ok - ...` lines and one closing line
// `RESULT passed=N failed=M`; exit status 1 if any failed.
//
//   node tests/browser/accounts.mjs            starts its own stack (tests/http/stack.py)
//   BASE_URL=http://127.0.0.1:PORT node tests/browser/accounts.mjs   uses a running one
//
// Env CHROMIUM overrides the browser binary (default /usr/bin/chromium).

import { randomBytes } from 'node:crypto';
import {
  bodyText, catalog, expect, flow, newPartner, noHorizontalScroll, openAccountArea, openBrowser, pathOf, runSuite,
  shot as shotAsIs, signUp, submitFormWith,
} from './lib.mjs';

const VALID_BRN = '124-81-00998';
const WRONG_BRN = '124-81-00999';

// ---------------------------------------------------------------------------
// ---------------------------------------------------------------------------
// page helpers (the shared ones are in lib.mjs)

async function shot(page, name) {
  // the sticky header would otherwise be drawn where the page was scrolled to
  await shotAsIs(page, name, { fromTop: true });
}

// ---------------------------------------------------------------------------
// flows: each step is one test line; after a failed step the rest of the flow is skipped

async function accountFlow(base, label, options) {
  const who = newPartner(label, '계정');
  const account = {
    name: `상담 ${label} ${randomBytes(3).toString('hex')}`,
    company: '주식회사 상담',
    representative: '홍길동',
  };
  let b;
  let code = null;
  const steps = [
    ['open a fresh browser', async () => { b = await openBrowser(options); }],
    ['sign up lands on /accounts', async () => {
      await signUp(b.page, base, who, { last: true });
    }],
    ['/accounts offers to create an account', async () => {
      const text = await bodyText(b.page);
      expect(text.includes(catalog('accounts.empty')), '/accounts does not say there is no account yet');
      await noHorizontalScroll(b.page);
      await shot(b.page, `accounts-empty-${label}`);
      const link = b.page.locator('a[href="/accounts/new"]').first();
      expect(await link.isVisible(), 'no visible link to /accounts/new');
      await Promise.all([b.page.waitForNavigation({ waitUntil: 'load' }), link.click()]);
      expect(pathOf(b.page) === '/accounts/new', `the link led to ${b.page.url()}`);
    }],
    ['the wizard shows its steps and fits the screen', async () => {
      const text = await bodyText(b.page);
      for (const key of ['account_new.step_terms', 'account_new.step_info', 'account_new.step_review', 'account_new.step_done']) {
        expect(text.includes(catalog(key)), `the wizard does not show the step "${catalog(key)}"`);
      }
      await noHorizontalScroll(b.page);
      await shot(b.page, `accounts-new-${label}`);
    }],
    ['a wrong business number is refused and what was typed is kept', async () => {
      const page = b.page;
      await page.getByLabel(catalog('account_new.agree_terms')).check();
      await page.getByLabel(catalog('kind.business'), { exact: true }).check();
      await page.getByLabel(catalog('field.account_name'), { exact: true }).fill(account.name);
      await page.getByLabel(catalog('field.category1')).selectOption({ label: catalog('category.shopping') });
      await page.getByLabel(catalog('field.brn')).fill(WRONG_BRN);
      await page.getByLabel(catalog('field.company')).fill(account.company);
      await page.getByLabel(catalog('field.representative')).fill(account.representative);
      await shot(page, `accounts-new-filled-${label}`);
      await submitFormWith(page, 'input[name="brn"]', { last: true });
      expect(pathOf(page) === '/accounts/new', `a wrong number led to ${page.url()}`);
      const text = await bodyText(page);
      expect(text.includes(catalog('err.brn')), `the page does not say the number is wrong: ${text.slice(0, 300)}`);
      expect(await page.inputValue('input[name="name"]') === account.name, 'the typed name was lost');
      expect(await page.inputValue('input[name="brn"]') === WRONG_BRN, 'the typed number was lost');
      expect(await page.inputValue('input[name="company"]') === account.company, 'the typed company was lost');
      expect(await page.inputValue('input[name="representative"]') === account.representative, 'the typed representative was lost');
      expect(await page.locator('input[name="kind"][value="business"]').isChecked(), 'the kind chosen was lost');
      expect(await page.locator('input[name="agree_terms"]').isChecked(), 'the terms tick was lost');
      expect(await page.inputValue('select[name="category1"]') === 'shopping', 'the category chosen was lost');
      // the message stands next to the field
      const err = page.locator('input[name="brn"] ~ p.error, input[name="brn"] + p.error').first();
      expect(await err.count() > 0 && await err.isVisible(), 'no visible message next to the business number');
      await noHorizontalScroll(page);
      await shot(page, `accounts-new-error-${label}`);
    }],
    ['correcting the number creates the account and lands on its home', async () => {
      const page = b.page;
      await page.getByLabel(catalog('field.brn')).fill(VALID_BRN);
      await submitFormWith(page, 'input[name="brn"]', { last: true });
      const m = pathOf(page).match(/^\/a\/([a-z0-9]{6})\/$/);
      expect(m, `after creating, the page is ${page.url()}`);
      code = m[1];
    }],
    ['the account home shows the name, the pending review and the switches', async () => {
      const page = b.page;
      const text = await bodyText(page);
      expect(text.includes(account.name), `the home does not show "${account.name}"`);
      expect(text.includes(catalog('account_home.pending')), 'the home does not say the review is pending');
      expect(text.includes(catalog('review.submitted')), 'the review history does not show the submission');
      expect(await page.locator('input[name="home_public"]').isChecked(), 'home_public is not ticked');
      expect(await page.locator('input[name="chat_on"]').isChecked(), 'chat_on is not ticked');
      await noHorizontalScroll(page);
      await shot(page, `account-home-${label}`);
    }],
    ['the account menu opens the profile page, which fits the screen', async () => {
      await openAccountArea(b.page, `/a/${code}/profile`);
      expect(await b.page.inputValue('input[name="name"]') === account.name, 'the profile form does not show the name');
      await noHorizontalScroll(b.page);
      await shot(b.page, `profile-${label}`);
    }],
    ['the account menu opens the exposure page', async () => {
      await openAccountArea(b.page, `/a/${code}/exposure`);
      await b.page.waitForLoadState('load');
    }],
    ['the exposure page shows the chat URL and the banner snippets', async () => {
      const page = b.page;
      const url = await page.inputValue('#chat-url');
      expect(url.endsWith(`/talk/${code}`), `the chat URL field holds "${url}"`);
      const pc = await page.inputValue('#banner-pc');
      const mobile = await page.inputValue('#banner-mobile');
      expect(pc.includes(`${url}?ref=banner_pc`) && pc.includes('location.href'), `the PC snippet is "${pc.slice(0, 200)}"`);
      expect(mobile.includes(`${url}?ref=banner_mobile`) && mobile.includes('location.href'), `the mobile snippet is "${mobile.slice(0, 200)}"`);
      const copy = page.locator('button[data-copy="#chat-url"]');
      expect(await copy.isVisible(), 'the copy button is not shown (sangdam.js did not run?)');
    }],
    ['the QR image loaded', async () => {
      const img = b.page.locator(`img[src="/a/${code}/qr/350.png"]`).first();
      expect(await img.count() > 0, 'no QR image on the exposure page');
      await img.scrollIntoViewIfNeeded();
      const natural = await img.evaluate(async (el) => {
        if (!el.complete) await new Promise((res) => { el.onload = res; el.onerror = res; });
        return { w: el.naturalWidth, h: el.naturalHeight };
      });
      expect(natural.w > 0 && natural.h > 0, `the QR image did not load (natural size ${natural.w}x${natural.h})`);
      expect(natural.w === 350 && natural.h === 350, `the QR image is ${natural.w}x${natural.h}, not 350x350`);
    }],
    ['the exposure page fits the screen', async () => {
      await noHorizontalScroll(b.page);
      await shot(b.page, `exposure-${label}`);
    }],
    ['/accounts lists the new account as pending', async () => {
      const page = b.page;
      await page.goto(`${base}/accounts`);
      const link = page.locator(`a[href="/a/${code}/"]`);
      expect(await link.count() > 0, `/accounts has no link to /a/${code}/`);
      const text = await bodyText(page);
      expect(text.includes(catalog('account.status.pending')), '/accounts does not show the pending status');
      await noHorizontalScroll(page);
      await shot(page, `accounts-list-${label}`);
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

// ---------------------------------------------------------------------------

await runSuite('accounts browser suite', async (base) => {
  await accountFlow(base, 'phone', {
    viewport: { width: 360, height: 740 }, isMobile: true, hasTouch: true, deviceScaleFactor: 2,
  });
  await accountFlow(base, 'desktop', { viewport: { width: 1280, height: 800 } });
}, { logVarFallback: process.env.VAR });
