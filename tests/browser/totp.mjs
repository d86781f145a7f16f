// The second factor in a real browser on a phone (SPEC AUTH-6, 관리자 추가인증; issue 10):
// a partner with an approved account opens "my account", starts the set-up, reads the
// secret from the page (and, when zbarimg is installed, the QR code, which must carry the
// same otpauth URI), types a code computed here (RFC 6238), sees ten recovery codes, then
// logs out and in again: the inbox sends them to the code page, which takes a fresh code
// and brings them back to the inbox. Back on the second-factor page they renew the
// recovery codes (44-px targets, the hint beside the button, a wrong code refused
// beside the renewal's own field only, a recovery code renewing). 360x740 phone; screenshots go to
// tests/browser/out/totp-*.png. Output: `ok - ...` / `not ok - ...` lines and
// `RESULT passed=N failed=M`.
//
//   node tests/browser/totp.mjs                  starts its own stack (tests/http/stack.py)
//   BASE_URL=http://127.0.0.1:PORT SANGDAM_TEST_VAR=VAR node tests/browser/totp.mjs

import { execFileSync } from 'node:child_process';
import { createHmac } from 'node:crypto';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import {
  expect, flowWith, makeAccount, newPartner, noHorizontalScroll, openBrowser, pathOf, problemsStep,
  runSuite, shot, signUp, submitFormWith,
} from './lib.mjs';

const PHONE = { viewport: { width: 360, height: 740 }, isMobile: true, hasTouch: true, deviceScaleFactor: 2 };

// The bytes of RFC 4648 base32 TEXT (no padding).
function base32Bytes(text) {
  const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';
  let bits = 0;
  let value = 0;
  const out = [];
  for (const ch of text) {
    value = (value << 5) | alphabet.indexOf(ch);
    bits += 5;
    if (bits >= 8) {
      out.push((value >>> (bits - 8)) & 0xff);
      bits -= 8;
    }
  }
  return Buffer.from(out);
}

// The RFC 6238 code (HMAC-SHA1, 30 s, 6 digits) of base32 SECRET now, OFFSET steps on.
function totp(secret, offset = 0) {
  const counter = Buffer.alloc(8);
  counter.writeBigUInt64BE(BigInt(Math.floor(Date.now() / 30000) + offset));
  const mac = createHmac('sha1', base32Bytes(secret)).update(counter).digest();
  const start = mac[mac.length - 1] & 0x0f;
  return String((mac.readUInt32BE(start) & 0x7fffffff) % 1000000).padStart(6, '0');
}

// The text zbarimg reads from PNG bytes, or null when zbarimg is not installed.
function readQr(png) {
  if (!existsSync('/usr/bin/zbarimg')) return null;
  const dir = mkdtempSync(path.join(tmpdir(), 'sdqr-'));
  try {
    const file = path.join(dir, 'qr.png');
    writeFileSync(file, png);
    return execFileSync('/usr/bin/zbarimg', ['-q', '--raw', file],
      { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim();
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

async function logIn(page, base, who) {
  await page.goto(`${base}/login`);
  await page.fill('input[name="email"]', who.email);
  await page.fill('input[name="password"]', who.password);
  await submitFormWith(page, 'input[name="password"]');
  expect(pathOf(page) === '/accounts', `after log-in the page is ${page.url()}`);
}

async function logOut(page) {
  const summary = page.locator('details.account-menu > summary');
  if (await summary.count()) await summary.click();
  const button = page.locator('form[action="/logout"] button');
  await Promise.all([page.waitForNavigation({ waitUntil: 'load' }), button.click()]);
  expect(pathOf(page) === '/login', `after log-out the page is ${page.url()}`);
}

async function phoneFlow(base) {
  const who = newPartner('totp', '추가인증');
  let b;
  let account;
  let secret;
  let recovery;
  await flowWith([], 'totp phone', [
    ['sign up with an approved account', async () => {
      b = await openBrowser(PHONE);
      await signUp(b.page, base, who);
      account = makeAccount([who.email], 'totp');
    }],
    ['my account leads to the second factor, which starts with a QR code and the secret', async () => {
      await b.page.goto(`${base}/settings`);
      await Promise.all([b.page.waitForNavigation({ waitUntil: 'load' }),
        b.page.locator('a[href="/settings/second-factor"]').click()]);
      expect(pathOf(b.page) === '/settings/second-factor', `the link led to ${b.page.url()}`);
      await Promise.all([b.page.waitForNavigation({ waitUntil: 'load' }),
        b.page.locator('form[action="/settings/second-factor/start"] button').click()]);
      secret = (await b.page.locator('[data-totp-secret]').innerText()).trim();
      expect(/^[A-Z2-7]{32}$/.test(secret), `the secret on the page is "${secret}"`);
      const img = b.page.locator('img.qr');
      expect(await img.evaluate((el) => el.complete && el.naturalWidth > 0), 'the QR code did not load');
      const png = await (await b.page.request.get(`${base}/settings/second-factor/qr.png`)).body();
      const read = readQr(png);
      if (read !== null) {
        expect(read.startsWith('otpauth://totp/') && read.includes(`secret=${secret}`),
          `the QR code reads "${read}", not the otpauth URI of the secret`);
      }
      await shot(b.page, 'totp-1-setup');
      await noHorizontalScroll(b.page, 360);
      return read === null ? 'zbarimg missing: QR not decoded' : 'QR decoded';
    }],
    ['a computed code turns it on and shows ten recovery codes', async () => {
      await b.page.fill('input[name="code"]', totp(secret));
      await submitFormWith(b.page, 'input[name="code"]');
      recovery = await b.page.locator('[data-recovery-code]').allInnerTexts();
      expect(recovery.length === 10, `${recovery.length} recovery codes shown`);
      await shot(b.page, 'totp-2-recovery');
      await noHorizontalScroll(b.page, 360);
    }],
    ['after logging in again the inbox asks for a code', async () => {
      await logOut(b.page);
      await logIn(b.page, base, who);
      await b.page.goto(`${base}/a/${account.code}/chats`);
      expect(pathOf(b.page) === '/second-factor', `the inbox opened ${b.page.url()} without a code`);
      await shot(b.page, 'totp-3-check');
      await noHorizontalScroll(b.page, 360);
    }],
    ['a fresh code opens the inbox', async () => {
      await b.page.fill('input[name="code"]', totp(secret, 1)); // the set-up used this step's
      await submitFormWith(b.page, 'input[name="code"]');
      expect(pathOf(b.page) === `/a/${account.code}/chats`, `after the code the page is ${b.page.url()}`);
      await shot(b.page, 'totp-4-inbox');
    }],
    ['the page renews the recovery codes; a wrong code is refused beside its own field', async () => {
      await b.page.goto(`${base}/settings/second-factor`);
      for (const sel of ['#renew_code', 'form[action="/settings/second-factor/recovery"] button',
        '#code', 'form[action="/settings/second-factor/off"] button']) {
        const box = await b.page.locator(sel).boundingBox();
        expect(box && box.height >= 44 && box.width >= 44, `${sel} is ${box && box.width}x${box && box.height} px`);
      }
      expect(await b.page.locator('#renew-hint').isVisible(), 'no hint beside the renewal button');
      await noHorizontalScroll(b.page, 360);
      await b.page.fill('#renew_code', '000000' === totp(secret) ? '111111' : '000000');
      await submitFormWith(b.page, '#renew_code');
      expect(await b.page.locator('#renew_code-error').isVisible(), 'no message beside the renewal field');
      expect(await b.page.locator('#code-error').count() === 0, 'a message beside the turn-off field too');
      expect(await b.page.evaluate(() => document.activeElement && document.activeElement.id) === 'form-summary',
        'the summary of the refusal does not have the focus');
      await shot(b.page, 'totp-5-renew-refused');
      await b.page.fill('#renew_code', recovery[0]);
      await submitFormWith(b.page, '#renew_code');
      const codes = await b.page.locator('[data-recovery-code]').allInnerTexts();
      expect(codes.length === 10 && !codes.some((code) => recovery.includes(code)),
        `the renewal shows ${codes.length} codes, or old ones`);
      await shot(b.page, 'totp-6-renewed');
      await noHorizontalScroll(b.page, 360);
    }],
    ['no CSP violations, script errors or 5xx answers', async () => problemsStep([b], ['phone'])[1]()],
    ['close the browser', async () => { await b.close(); b = null; }],
  ]).finally(async () => { if (b) await b.close().catch(() => {}); });
}

await runSuite('totp suite', phoneFlow);
