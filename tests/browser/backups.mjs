// Consultation history backup on a phone (SPEC EXP-1; issue 12's browser test): an owner
// with 50,000 messages opens 상담 이력 백업 from the account menu, starts a zip backup of
// all time, watches the progress bar (the page polls the status route and moves the bar and
// the counts without the test reloading it; when the backup is ready the page shows the
// download link by itself), then downloads the file: a zip whose manifest lists
// messages.csv. The page never scrolls sideways. Phone (360x740); screenshots go to
// tests/browser/out/backups-*.png. Output: `ok - ...` / `not ok - ...` lines and
// `RESULT passed=N failed=M`.
//
//   node tests/browser/backups.mjs                  starts its own stack (tests/http/stack.py)
//   BASE_URL=http://127.0.0.1:PORT SANGDAM_TEST_VAR=VAR node tests/browser/backups.mjs

import { readFileSync } from 'node:fs';
import { inflateRawSync } from 'node:zlib';
import {
  catalog, expect, flowWith, newPartner, noHorizontalScroll, openAccountArea, openBrowser, problemsStep,
  psql, runSuite, shot, signUpWithAccount,
} from './lib.mjs';

const MESSAGES = 50000;

// The text of entry NAME of a zip file's bytes, read from its central directory.
function zipEntry(bytes, name) {
  let end = bytes.length - 22;
  while (end >= 0 && bytes.readUInt32LE(end) !== 0x06054b50) end--;
  expect(end >= 0, 'the download is not a zip (no end of central directory)');
  let at = bytes.readUInt32LE(end + 16);
  const count = bytes.readUInt16LE(end + 10);
  for (let i = 0; i < count; i++) {
    const method = bytes.readUInt16LE(at + 10);
    const size = bytes.readUInt32LE(at + 20);
    const nameLength = bytes.readUInt16LE(at + 28);
    const extra = bytes.readUInt16LE(at + 30);
    const comment = bytes.readUInt16LE(at + 32);
    const local = bytes.readUInt32LE(at + 42);
    const entry = bytes.subarray(at + 46, at + 46 + nameLength).toString('utf8');
    if (entry === name) {
      const start = local + 30 + bytes.readUInt16LE(local + 26) + bytes.readUInt16LE(local + 28);
      const data = bytes.subarray(start, start + size);
      return (method === 8 ? inflateRawSync(data) : data).toString('utf8');
    }
    at += 46 + nameLength + extra + comment;
  }
  throw new Error(`the zip has no ${name}`);
}

async function backupsFlow(base, label, options, width) {
  const who = newPartner(`backups-${label}`, '백업');
  const browsers = [];
  let b;
  let account;
  const href = () => `/a/${account.code}/backups`;
  const steps = [
    ['the owner signs up and has an account with 50,000 messages', async () => {
      b = await openBrowser({ ...options, acceptDownloads: true });
      browsers.push(b);
      account = await signUpWithAccount(b.page, base, who, 'backups');
      psql(`WITH c AS (INSERT INTO customers (account_id, key_hash, number) VALUES (${account.id}, 'k', 1) `
        + `RETURNING id), r AS (INSERT INTO rooms (account_id, customer_id) SELECT ${account.id}, id FROM c `
        + 'RETURNING id) INSERT INTO messages (account_id, room_id, sender, body, created_at) '
        + `SELECT ${account.id}, r.id, 'customer', '안녕하세요 ' || g, now() - g * interval '1 minute' `
        + `FROM r, generate_series(1, ${MESSAGES}) g`);
    }],
    ['the account menu leads to the backup page', async () => {
      await b.page.goto(`${base}/a/${account.code}/`);
      await openAccountArea(b.page, href());
      const title = (await b.page.locator('main h1, h1').first().innerText()).trim();
      expect(title === catalog('backups.title'), `the page title is "${title}"`);
      await shot(b.page, `backups-${label}-1-page`);
      await noHorizontalScroll(b.page, width);
    }],
    ['starting a zip backup shows it with a progress bar', async () => {
      await b.page.locator('input[name="format"][value="zip"]').check();
      await Promise.all([
        b.page.waitForNavigation({ waitUntil: 'load' }),
        b.page.locator(`form[action="${href()}"] button[type=submit]`).click(),
      ]);
      const notice = await b.page.locator('.notice').first().innerText();
      expect(notice.includes(catalog('backups.done_started')), `the notice says "${notice}"`);
      const bar = b.page.locator('li.backup progress').first();
      expect(await bar.count() === 1, 'the new backup has no progress bar');
      await shot(b.page, `backups-${label}-2-started`);
    }],
    ['the bar fills and the download link appears without the test reloading', async () => {
      const item = b.page.locator('li.backup').first();
      const link = b.page.locator('li.backup a[href$="/download"]').first();
      await link.waitFor({ timeout: 120000 });
      const value = await b.page.locator('li.backup progress').first().getAttribute('value');
      expect(value === '100', `the bar of the ready backup is at ${value}`);
      const counts = await item.innerText();
      expect(counts.includes(`${MESSAGES} / ${MESSAGES}`), `the counts read "${counts}"`);
      expect(counts.includes(catalog('backups.status.ready')), `the status reads "${counts}"`);
      await shot(b.page, `backups-${label}-3-ready`);
      await noHorizontalScroll(b.page, width);
    }],
    ['the download is the zip with its manifest', async () => {
      const [download] = await Promise.all([
        b.page.waitForEvent('download'),
        b.page.locator('li.backup a[href$="/download"]').first().click(),
      ]);
      const file = await download.path();
      const bytes = readFileSync(file);
      expect(download.suggestedFilename().endsWith('.zip'), `the file is named ${download.suggestedFilename()}`);
      const manifest = JSON.parse(zipEntry(bytes, 'manifest.json'));
      const csv = manifest.files.find((f) => f.path === 'messages.csv');
      expect(csv && csv.size > MESSAGES * 10, `the manifest lists ${JSON.stringify(manifest.files.slice(0, 3))}`);
    }],
    problemsStep(browsers, ['owner']),
  ];
  await flowWith(browsers, `backups-${label}`, steps);
}

await runSuite('backups suite', async (base) => {
  await backupsFlow(base, 'phone', {
    viewport: { width: 360, height: 740 }, isMobile: true, hasTouch: true, deviceScaleFactor: 2,
  }, 360);
});
