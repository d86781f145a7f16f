// Coupons in a real browser on a phone (SPEC COUP-1, 4; issue 11's browser test): a shop
// owner signs up, gets an approved account, opens the coupons from the account menu and
// creates an offline coupon with 3 generated codes at 100 %; once the worker has loaded the
// codes (the detail page's progress gives way to "ready"), a customer on a phone opens the
// entry page, is asked to add the account as a friend first, adds it, gives a phone number,
// wins, sees the code, the use-by date and the code as a Code 128 barcode, and presses
// "staff confirmed"; the owner's look-up by that phone shows the same code, and stopping
// the coupon asks in a dialog first. No page
// scrolls sideways. Phone (360x740); screenshots go to tests/browser/out/coupons-*.png.
// Output: `ok - ...` / `not ok - ...` lines and `RESULT passed=N failed=M`.
//
//   node tests/browser/coupons.mjs                  starts its own stack (tests/http/stack.py)
//   BASE_URL=http://127.0.0.1:PORT SANGDAM_TEST_VAR=VAR node tests/browser/coupons.mjs

import {
  catalog, expect, flowWith, makeAccount, newPartner, noHorizontalScroll, openBrowser, pathOf, problemsStep,
  psql, runSuite, shot, signUp,
} from './lib.mjs';

const PHONE = { viewport: { width: 360, height: 740 }, isMobile: true, hasTouch: true, deviceScaleFactor: 2 };
const WIDTH = 360;

// A date OFFSET days from today in the account's time zone (Asia/Seoul), YYYY-MM-DD.
function day(offset) {
  return new Date(Date.now() + offset * 86400000).toLocaleDateString('sv-SE', { timeZone: 'Asia/Seoul' });
}

// Presses the submit button of the form posting to ACTION and waits for the next page.
async function press(page, action) {
  const form = page.locator(`form[method="post"][action="${action}"]`).first();
  expect(await form.count() > 0, `no form posting to ${action} on ${pathOf(page)}`);
  await Promise.all([page.waitForNavigation({ waitUntil: 'load' }), form.locator('button[type=submit]').first().click()]);
}

async function couponsFlow(base) {
  const who = newPartner('coupons', '사장님');
  const browsers = [];
  let owner;
  let customer;
  let account;
  let coupon;
  let code;
  const steps = [
    ['open the owner\'s and the customer\'s browsers', async () => {
      owner = await openBrowser(PHONE);
      customer = await openBrowser(PHONE);
      browsers.push(owner, customer);
    }],
    ['the owner signs up and opens the coupons from the account menu', async () => {
      await signUp(owner.page, base, who);
      account = makeAccount([who.email], 'coupons');
      const page = owner.page;
      await page.goto(`${base}/a/${account.code}/`);
      const href = `/a/${account.code}/coupons`;
      let link = page.locator(`nav.account-bar a[href="${href}"]:visible`).first();
      if (await link.count() === 0) {
        await page.locator('nav.account-bar details > summary:visible').first().click();
        link = page.locator(`nav.account-bar a[href="${href}"]:visible`).first();
      }
      await Promise.all([page.waitForNavigation({ waitUntil: 'load' }), link.click()]);
      expect(pathOf(page) === href, `the menu led to ${page.url()}`);
      await noHorizontalScroll(page, WIDTH);
    }],
    ['the owner creates an offline coupon with 3 generated codes at 100 %', async () => {
      const page = owner.page;
      await page.goto(`${base}/a/${account.code}/coupons/new`);
      await page.fill('input[name="title"]', '커피 한 잔 무료');
      await page.fill('textarea[name="details"]', '계산할 때 직원에게 보여 주세요.');
      await page.fill('input[name="entry_start"]', day(0));
      await page.fill('input[name="entry_end"]', day(3));
      await page.fill('input[name="use_by"]', day(30));
      await page.check('input[name="place"][value="offline"]');
      await page.fill('input[name="probability"]', '100');
      await page.check('input[name="codes"][value="generate"]');
      await page.fill('input[name="quantity"]', '3');
      await shot(page, 'coupons-phone-1-form');
      await noHorizontalScroll(page, WIDTH);
      await press(page, `/a/${account.code}/coupons/new`);
      const m = /\/coupons\/(\d+)$/.exec(pathOf(page));
      expect(m, `after creating, the page is ${page.url()}`);
      coupon = Number(m[1]);
    }],
    ['the detail page shows the codes ready once the worker loaded them', async () => {
      const page = owner.page;
      await page.locator('[data-codes-state="ready"]').waitFor({ state: 'attached', timeout: 30000 });
      const remaining = (await page.locator('dd[data-remaining]').innerText()).trim();
      expect(remaining === '3 / 3', `remaining / issued says "${remaining}"`);
      await shot(page, 'coupons-phone-2-detail');
      await noHorizontalScroll(page, WIDTH);
    }],
    ['a customer who is not a friend is asked to add the account first', async () => {
      const page = customer.page;
      const r = await page.goto(`${base}/talk/${account.code}/coupons/${coupon}`);
      expect(r.status() === 200, `the entry page answered ${r.status()}`);
      const text = await page.evaluate(() => document.body.innerText);
      expect(text.includes(catalog('talk.coupon.add_friend')), 'the entry page does not ask to add a friend');
      expect(await page.locator('form[data-enter]').count() === 0, 'a non-friend is offered the entry form');
      await shot(page, 'coupons-phone-3-add-friend');
      await press(page, `/talk/${account.code}/friend`);
      expect(pathOf(page) === `/talk/${account.code}/coupons/${coupon}`, `adding the friend led to ${page.url()}`);
    }],
    ['the friend enters with a phone number, wins and sees the code and its barcode', async () => {
      const page = customer.page;
      await page.fill('input[name="phone"]', '010-2345-6789');
      await press(page, `/talk/${account.code}/coupons/${coupon}/entries`);
      const result = await page.locator('[data-result]').getAttribute('data-result');
      expect(result === 'won', `the result is "${result}"`);
      code = (await page.locator('[data-code]').innerText()).trim();
      const codes = psql(`SELECT code FROM coupon_codes WHERE coupon_id = ${coupon}`).split('\n');
      expect(codes.includes(code), `the code shown ("${code}") is not one of the coupon's`);
      const barcode = page.locator('[data-barcode] svg');
      expect(await barcode.isVisible(), 'no visible barcode');
      const box = await barcode.boundingBox();
      expect(box.width > 150 && box.width <= WIDTH, `the barcode is ${box.width} px wide`);
      const bars = await page.locator('[data-barcode] svg rect').count();
      expect(bars > 20, `the barcode has ${bars} rectangles`);
      expect((await page.locator('[data-use-by]').innerText()).trim() === day(30), 'the use-by date is not shown');
      await shot(page, 'coupons-phone-4-won');
      await noHorizontalScroll(page, WIDTH);
    }],
    ['the staff confirm it and the page says it is used', async () => {
      const page = customer.page;
      let asked = '';
      page.once('dialog', (d) => { asked = d.message(); d.accept(); });
      await press(page, `/talk/${account.code}/coupons/${coupon}/used`);
      expect(asked === catalog('talk.coupon.staff_confirm'), `"staff confirmed" asked "${asked}" first`);
      expect(await page.locator('[data-used]').count() === 1, 'the page does not say the coupon is used');
      expect((await page.locator('[data-code]').innerText()).trim() === code, 'the code changed');
      await shot(page, 'coupons-phone-5-used');
    }],
    ['the owner finds the winner by phone number', async () => {
      const page = owner.page;
      await page.goto(`${base}/a/${account.code}/coupons/${coupon}?phone=01023456789`);
      const shown = (await page.locator('td[data-code]').first().innerText()).trim();
      expect(shown === code, `the look-up shows "${shown}", not "${code}"`);
      await noHorizontalScroll(page, WIDTH);
    }],
    ['stopping asks first: dismissed nothing changes, accepted the coupon stops', async () => {
      const page = owner.page;
      const detail = `/a/${account.code}/coupons/${coupon}`;
      await page.goto(base + detail);
      const stop = page.locator(`a[href="${detail}/stop"]`);
      const dialog = page.locator('dialog[data-confirm-box]');
      await stop.click();
      await dialog.waitFor({ state: 'visible', timeout: 5000 });
      const asked = await dialog.locator('[data-confirm-question]').innerText();
      expect(asked === catalog('coupon.stop_confirm.question'), `the dialog asked "${asked}"`);
      await dialog.locator('[data-confirm-no]').click();
      expect(pathOf(page) === detail, `after going back, the page is ${page.url()}`);
      expect(psql(`SELECT stopped_at IS NULL FROM coupons WHERE id = ${coupon}`) === 't',
        'going back in the dialog stopped the coupon');
      await stop.click();
      await Promise.all([page.waitForNavigation({ waitUntil: 'load' }), dialog.locator('[data-confirm-yes]').click()]);
      expect(pathOf(page) === detail, `after stopping, the page is ${page.url()}`);
      expect(psql(`SELECT stopped_at IS NOT NULL FROM coupons WHERE id = ${coupon}`) === 't',
        'the accepted dialog did not stop the coupon');
      await shot(page, 'coupons-phone-6-stopped');
    }],
    problemsStep(browsers, ['owner', 'customer']),
  ];
  await flowWith(browsers, 'coupons-phone', steps);
}

await runSuite('coupons suite', couponsFlow);
