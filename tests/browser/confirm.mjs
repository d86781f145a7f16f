// Actions that cannot be undone ask first on a phone (issue 13, "a destructive action
// acts on one tap"): deleting a label and a friend group, cancelling a running backup and
// cancelling an invitation open the shared dialog of static/confirm.js (the question, the
// thing acted on, the focus on the way back, 44-px buttons); going back or Escape keeps
// the thing, the dialog's action button does it. Without JavaScript the same buttons lead
// to the confirmation page, whose way back keeps it and whose button does it. Phone
// (360x740); screenshots go to tests/browser/out/confirm-*.png. Output: `ok - ...` /
// `not ok - ...` lines and `RESULT passed=N failed=M`.
//
//   node tests/browser/confirm.mjs                  starts its own stack (tests/http/stack.py)
//   BASE_URL=http://127.0.0.1:PORT SANGDAM_TEST_VAR=VAR node tests/browser/confirm.mjs

import {
  catalog, expect, flowWith, newPartner, noHorizontalScroll, openBrowser, pathOf, problemsStep, psql,
  runSuite, shot, signUpWithAccount, sqlText,
} from './lib.mjs';

const PHONE = { viewport: { width: 360, height: 740 }, isMobile: true, hasTouch: true, deviceScaleFactor: 2 };

// The things each case acts on, made through the database: { id, gone() }.
function makeLabel(account, name) {
  const id = psql(`INSERT INTO labels (account_id, name, color) VALUES (${account.id}, ${sqlText(name)}, '#1e88e5') RETURNING id`);
  return { id, name, gone: () => psql(`SELECT count(*) FROM labels WHERE id = ${id}`) === '0' };
}

function makeGroup(account, name) {
  const id = psql(`INSERT INTO friend_groups (account_id, name) VALUES (${account.id}, ${sqlText(name)}) RETURNING id`);
  return { id, name, gone: () => psql(`SELECT count(*) FROM friend_groups WHERE id = ${id}`) === '0' };
}

// A backup that stays queued: no job is queued for it, so only a cancel ends it.
function makeBackup(account) {
  const id = psql('INSERT INTO backups (account_id, account_code, scope, reason, format) '
    + `VALUES (${account.id}, ${sqlText(account.code)}, 'account', 'member', 'csv') RETURNING id`);
  return {
    id, name: catalog('backups.format.csv'),
    gone: () => psql(`SELECT status FROM backups WHERE id = ${id}`) === 'cancelled',
  };
}

// The cases: where the button is, how to reach it, what it acts on.
function cases(account) {
  const base = `/a/${account.code}`;
  return {
    label: (thing) => ({ page: `${base}/labels`, action: `${base}/labels/${thing.id}/delete`,
      open: async (page) => page.locator(`details:has(form[action="${base}/labels/${thing.id}/delete"]) > summary`).click() }),
    group: (thing) => ({ page: `${base}/groups`, action: `${base}/groups/${thing.id}/delete` }),
    backup: (thing) => ({ page: `${base}/backups`, action: `${base}/backups/${thing.id}/cancel` }),
    invitation: (thing) => ({ page: `${base}/members`, action: `${base}/members/invitations/${thing.id}/cancel` }),
  };
}

// Opens the case's page and presses its button (the page must not navigate).
async function press(b, where) {
  await b.page.goto(b.base + where.page);
  if (where.open) await where.open(b.page);
  await b.page.locator(`form[action="${where.action}"] button[type=submit]`).click();
}

// Checks the open dialog: its question, the thing's name, focus on the way back, 44-px buttons.
async function checkDialog(b, question, name) {
  const dialog = b.page.locator('dialog[data-confirm-box]');
  await dialog.waitFor({ state: 'visible', timeout: 5000 });
  const text = await dialog.innerText();
  expect(text.includes(question), `the dialog says "${text}", not the question`);
  expect(text.includes(name), `the dialog does not name "${name}": "${text}"`);
  const focused = await b.page.evaluate(() => document.activeElement && document.activeElement.hasAttribute('data-confirm-no'));
  expect(focused, 'the focus is not on the dialog\'s way back');
  for (const button of await dialog.locator('button').all()) {
    const box = await button.boundingBox();
    expect(box && box.height >= 44 && box.width >= 44, `a dialog button is ${box && box.width}x${box && box.height}`);
  }
  const modal = await b.page.evaluate(() => document.querySelector('dialog[data-confirm-box]').matches(':modal'));
  expect(modal, 'the dialog is not modal');
  return dialog;
}

// With JavaScript: back and Escape keep the thing; the action button does it.
async function dialogCase(b, where, thing, question, label) {
  const before = b.navigations();
  await press(b, where);
  let dialog = await checkDialog(b, question, thing.name);
  await shot(b.page, `confirm-${label}-dialog`);
  await noHorizontalScroll(b.page, 360);
  await dialog.locator('[data-confirm-no]').click();
  expect(!(await dialog.isVisible()), 'the dialog stayed open after going back');
  expect(!thing.gone(), 'going back in the dialog did it anyway');
  await b.page.locator(`form[action="${where.action}"] button[type=submit]`).click();
  dialog = await checkDialog(b, question, thing.name);
  await b.page.keyboard.press('Escape');
  expect(!(await dialog.isVisible()), 'Escape left the dialog open');
  expect(!thing.gone(), 'Escape did it anyway');
  expect(b.navigations() === before + 1, 'the page was left before the action was chosen');
  await b.page.locator(`form[action="${where.action}"] button[type=submit]`).click();
  dialog = await checkDialog(b, question, thing.name);
  await Promise.all([b.page.waitForNavigation({ waitUntil: 'load' }), dialog.locator('[data-confirm-yes]').click()]);
  expect(thing.gone(), 'the dialog\'s action button did not do it');
  expect(pathOf(b.page) === where.page, `after the action the page is ${pathOf(b.page)}`);
}

// Without JavaScript: the button leads to the confirmation page; its way back keeps the
// thing, its button does it.
async function pageCase(nojs, where, thing, question, label) {
  await press(nojs, where);
  await nojs.page.waitForLoadState('load');
  expect(pathOf(nojs.page) === where.action, `the button led to ${pathOf(nojs.page)}`);
  const text = await nojs.page.locator('main').innerText();
  expect(text.includes(question) && text.includes(thing.name), `the confirmation page says "${text}"`);
  expect(!thing.gone(), 'without JavaScript one tap did it');
  await shot(nojs.page, `confirm-${label}-page`);
  await noHorizontalScroll(nojs.page, 360);
  await Promise.all([nojs.page.waitForNavigation({ waitUntil: 'load' }),
    nojs.page.locator('form.confirm-form a.button').click()]);
  expect(pathOf(nojs.page) === where.page, `the way back led to ${pathOf(nojs.page)}`);
  expect(!thing.gone(), 'the way back did it anyway');
  await press(nojs, where);
  await nojs.page.waitForLoadState('load');
  await Promise.all([nojs.page.waitForNavigation({ waitUntil: 'load' }),
    nojs.page.locator('form.confirm-form button[type=submit]').click()]);
  expect(thing.gone(), 'the confirmation page\'s button did not do it');
  expect(pathOf(nojs.page) === where.page, `after the action the page is ${pathOf(nojs.page)}`);
}

async function confirmFlow(base) {
  const who = newPartner('confirm', '확인');
  const browsers = [];
  let b;
  let nojs;
  let account;
  let where;
  const steps = [
    ['the owner signs up and has an account', async () => {
      b = await openBrowser(PHONE);
      b.base = base;
      browsers.push(b);
      account = await signUpWithAccount(b.page, base, who, 'confirm');
      where = cases(account);
    }],
    ['deleting a label asks in a dialog; back and Escape keep it, the button deletes it', async () => {
      const label = makeLabel(account, '재문의 고객');
      await dialogCase(b, where.label(label), label, catalog('confirm.label_delete.question'), 'label');
    }],
    ['cancelling a running backup asks in a dialog; back keeps it running, the button cancels it', async () => {
      const backup = makeBackup(account);
      await dialogCase(b, where.backup(backup), backup, catalog('confirm.backup_cancel.question'), 'backup');
    }],
    ['deleting a friend group asks in a dialog', async () => {
      const group = makeGroup(account, 'VIP 고객');
      await dialogCase(b, where.group(group), group, catalog('confirm.group_delete.question'), 'group');
    }],
    ['cancelling an invitation asks in a dialog', async () => {
      const email = `invited-${account.code}@example.com`;
      await b.page.goto(`${base}/a/${account.code}/members`);
      await b.page.fill('input[name="email"]', email);
      await Promise.all([b.page.waitForNavigation({ waitUntil: 'load' }),
        b.page.locator(`form[action="/a/${account.code}/members/invite"] button[type=submit]`).click()]);
      const id = psql(`SELECT id FROM member_invitations WHERE account_id = ${account.id}`);
      const invitation = { id, name: email,
        gone: () => psql(`SELECT count(*) FROM member_invitations WHERE id = ${id}`) === '0' };
      await dialogCase(b, where.invitation(invitation), invitation, catalog('confirm.invite_cancel.question'), 'invitation');
    }],
    ['without JavaScript deleting a label is a confirmation page', async () => {
      nojs = await openBrowser({ ...PHONE, javaScriptEnabled: false }, { clientErrors: false });
      nojs.base = base;
      browsers.push(nojs);
      await nojs.context.addCookies(await b.context.cookies());
      const label = makeLabel(account, '스크립트 없이');
      await pageCase(nojs, where.label(label), label, catalog('confirm.label_delete.question'), 'label');
    }],
    ['without JavaScript cancelling a backup is a confirmation page', async () => {
      const backup = makeBackup(account);
      await pageCase(nojs, where.backup(backup), backup, catalog('confirm.backup_cancel.question'), 'backup');
    }],
    problemsStep(browsers, ['owner', 'owner without JavaScript']),
  ];
  await flowWith(browsers, 'confirm-phone', steps);
}

await runSuite('confirm suite', confirmFlow);
