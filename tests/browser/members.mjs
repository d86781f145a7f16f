// Members in real browsers (SPEC MEM-1, LOG-3; issue 10): on a phone (360x740) a shop owner
// opens 멤버관리 from the account menu and invites a second person by email; the invitee,
// in a second browser, opens the mailed link signed out (asked to sign in or sign up),
// signs up, opens the link again and accepts; the owner then sees them listed as a manager
// and one unread notification in the header. Screenshots go to tests/browser/out/members-*.png.
// Output: `ok - ...` / `not ok - ...` lines and `RESULT passed=N failed=M`.
//
//   node tests/browser/members.mjs                  starts its own stack (tests/http/stack.py)
//   BASE_URL=http://127.0.0.1:PORT SANGDAM_TEST_VAR=VAR node tests/browser/members.mjs

import {
  bodyText, catalog, expect, flowWith, mailLink, newPartner, noHorizontalScroll, openAccountArea, openBrowser,
  pathOf, problemsStep, runSuite, shot as shotAsIs, signUp, signUpWithAccount,
} from './lib.mjs';

const PHONE = { viewport: { width: 360, height: 740 }, isMobile: true, hasTouch: true, deviceScaleFactor: 2 };

async function shot(page, name) {
  // the sticky header would otherwise be drawn where the page was scrolled to
  await shotAsIs(page, `members-${name}`, { fromTop: true });
}

// Clicks the submit button of the form posting to ACTION and waits for the next page.
async function press(page, action) {
  const button = page.locator(`form[method="post"][action="${action}"] button[type=submit]`).first();
  expect(await button.count() > 0, `no form posting to ${action} on ${pathOf(page)}`);
  await Promise.all([page.waitForNavigation({ waitUntil: 'load' }), button.click()]);
}

async function membersFlow(base) {
  const owner = newPartner('owner', '멤버');
  const invitee = newPartner('invitee', '초대');
  const a = await openBrowser(PHONE);
  const b = await openBrowser(PHONE);
  let account;
  let link;
  await flowWith([a, b], 'phone', [
    ['the owner signs up and has an account', async () => {
      account = await signUpWithAccount(a.page, base, owner, 'members');
      const r = await a.page.goto(`${base}/a/${account.code}/`);
      expect(r.status() === 200, `GET the account home answered ${r.status()}`);
    }],
    ['멤버관리 opens from the account menu and lists the owner as master', async () => {
      await openAccountArea(a.page, `/a/${account.code}/members`);
      const text = await bodyText(a.page);
      expect(text.includes(catalog('member.title')), 'the members page has no 멤버관리 title');
      expect(text.includes(owner.name) && text.includes(catalog('member.role.master')),
        'the owner is not listed as 마스터');
      await noHorizontalScroll(a.page, 360);
    }],
    ['the owner invites the second person by email', async () => {
      await a.page.fill('input[name="email"]', invitee.email);
      await press(a.page, `/a/${account.code}/members/invite`);
      expect(pathOf(a.page) === `/a/${account.code}/members`, `after inviting the page is ${a.page.url()}`);
      const text = await bodyText(a.page);
      expect(text.includes(catalog('member.done.invited')), 'no notice that the invitation was sent');
      expect(text.includes(invitee.email), 'the pending invitation is not listed');
      await shot(a.page, '1-invited');
      link = await mailLink(invitee.email, '/invitations/', 'invitation');
    }],
    ['signed out, the link asks to sign in or sign up', async () => {
      const r = await b.page.goto(base + link);
      expect(r.status() === 200, `GET the invitation link signed out answered ${r.status()}`);
      expect(await b.page.locator('a[href^="/signup?next="]:visible').count() > 0, 'the invitation page offers no sign-up');
      expect((await bodyText(b.page)).includes(account.name), 'the invitation page does not name the account');
      await noHorizontalScroll(b.page, 360);
      await shot(b.page, '2-link-signed-out');
    }],
    ['the invitee signs up, opens the link again and accepts', async () => {
      await signUp(b.page, base, invitee);
      const r = await b.page.goto(base + link);
      expect(r.status() === 200, `GET the invitation link signed in answered ${r.status()}`);
      await shot(b.page, '3-accept');
      await press(b.page, link);
      expect(pathOf(b.page) === `/a/${account.code}/members`, `after accepting the page is ${b.page.url()}`);
      const text = await bodyText(b.page);
      expect(text.includes(catalog('member.done.joined')), 'no notice that the invitee joined');
      await noHorizontalScroll(b.page, 360);
      await shot(b.page, '4-joined');
    }],
    ['the owner sees the new manager and an unread notification', async () => {
      const r = await a.page.reload();
      expect(r.status() === 200, `reloading the members page answered ${r.status()}`);
      const row = a.page.locator('li.member[data-role="manager"]');
      expect(await row.count() === 1, 'the members page does not list one manager');
      expect((await row.innerText()).includes(invitee.name), 'the manager listed is not the invitee');
      const badge = a.page.locator('header a.notices [data-notices]');
      expect(await badge.isVisible() && (await badge.innerText()).trim() === '1',
        'the header does not show 1 unread notification');
      await shot(a.page, '5-listed');
      await Promise.all([a.page.waitForNavigation({ waitUntil: 'load' }), a.page.locator('header a.notices').click()]);
      expect(pathOf(a.page) === '/notifications', `the header's notifications link led to ${a.page.url()}`);
      expect((await bodyText(a.page)).includes(invitee.name), 'the notification does not name the invitee');
      expect(await a.page.locator('header [data-notices]').count() === 0, 'the count stays after opening the list');
      await noHorizontalScroll(a.page, 360);
      await shot(a.page, '6-notifications');
    }],
    problemsStep([a, b], ['owner', 'invitee']),
  ]);
}

await runSuite('members', membersFlow);
