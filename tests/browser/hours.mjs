// Operating hours, holidays and the away message in real browsers (SPEC HOURS-1..4, 7;
// issue 9's "done when"): a shop owner signs up, gets an approved account, opens the hours
// page from the account menu, types an invalid time first (kept, with the message next to
// the field), sets Monday-Thursday 09:00-18:00, an overnight Friday 22:00-02:00 and a
// closed weekend, adds a holiday from tomorrow to the day after (and removes a second one,
// which asks first), and writes the away message; a customer in another browser sees the
// hours line with data-open equal to what the schedule gives for the present moment (the
// test computes it on its own with the time zone read back from the form), then, once the
// owner has turned the away switch on, writes twice and gets the away message exactly once.
// The hours pages keep every tap target at least 44 px high on the phone and never scroll
// sideways. Phone (360x740) and desktop (1280x800); screenshots go to
// tests/browser/out/hours-*.png. Output: `ok - ...` / `not ok - ...` lines and
// `RESULT passed=N failed=M`.
//
//   node tests/browser/hours.mjs                  starts its own stack (tests/http/stack.py)
//   BASE_URL=http://127.0.0.1:PORT SANGDAM_TEST_VAR=VAR node tests/browser/hours.mjs

import { randomBytes } from 'node:crypto';
import {
  catalog, expect, flowWith, newPartner, noHorizontalScroll, openAccountArea, openBrowser, pathOf, problemsStep,
  runPhoneAndDesktop, shot as shotAsIs, signUpWithAccount,
} from './lib.mjs';

const DAYS = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'];
// The week the owner sets: Monday-Thursday 09:00-18:00, Friday overnight, weekend closed.
const WEEK = [
  { open: true, start: '09:00', end: '18:00' },
  { open: true, start: '09:00', end: '18:00' },
  { open: true, start: '09:00', end: '18:00' },
  { open: true, start: '09:00', end: '18:00' },
  { open: true, start: '22:00', end: '02:00' },
  { open: false, start: '09:00', end: '18:00' },
  { open: false, start: '09:00', end: '18:00' },
];
const TAP_MIN = 44; // px, the smallest tap target on the phone

// ---------------------------------------------------------------------------
// set-up and page helpers (the shared ones are in lib.mjs)

async function shot(page, name) {
  // the sticky header would otherwise be drawn where the page was scrolled to
  await shotAsIs(page, name, { fromTop: true });
}

// Presses the submit button (the first, or the one matching BUTTON) of the form posting to
// ACTION; returns the status of the POST's own answer (303 when it redirected).
async function press(page, action, button = 'button[type=submit]') {
  const form = page.locator(`form[method="post"][action="${action}"]`).first();
  expect(await form.count() > 0, `no form posting to ${action} on ${pathOf(page)}`);
  const [answer] = await Promise.all([page.waitForNavigation({ waitUntil: 'load' }),
    form.locator(button).first().click()]);
  const posted = answer.request().redirectedFrom();
  return posted ? (await posted.response()).status() : answer.status();
}

// Fills the week table with WEEK (the open boxes ticked or cleared, the times typed).
async function fillWeek(page, week) {
  for (const [i, day] of DAYS.entries()) {
    await page.locator(`input[name="${day}_open"]`).setChecked(week[i].open);
    await page.locator(`input[name="${day}_start"]`).fill(week[i].start);
    await page.locator(`input[name="${day}_end"]`).fill(week[i].end);
  }
}

// Throws unless the input NAME holds VALUE, is marked invalid and has the time message in its own cell.
async function expectTimeError(page, name, value) {
  const input = page.locator(`input[name="${name}"]`);
  const kept = await input.inputValue();
  expect(kept === value, `${name} holds "${kept}" after the refused form, not what was typed ("${value}")`);
  expect(await input.getAttribute('aria-invalid') === 'true', `${name} is not marked aria-invalid`);
  const message = page.locator(`td:has(input[name="${name}"]) .error`);
  expect(await message.count() === 1, `no message next to ${name}`);
  const text = (await message.innerText()).trim();
  expect(text === catalog('hours.err.time'), `the message next to ${name} says "${text}"`);
}

// Throws unless every visible input, select, textarea and button in the page's forms is at
// least TAP_MIN px high; a check box or radio button counts with the label that holds it.
async function expectTapTargets(page) {
  const small = await page.evaluate((min) => [...document.querySelectorAll(
    'main form input:not([type=hidden]), main form select, main form textarea, main form button',
  )].filter((el) => el.getClientRects().length > 0).map((el) => {
    const target = /^(checkbox|radio)$/.test(el.type) ? (el.closest('label') || el) : el;
    return { name: `${el.tagName.toLowerCase()}[name=${el.name || '-'}]`, h: target.getBoundingClientRect().height };
  }).filter((t) => t.h < min - 0.5).map((t) => `${t.name} ${Math.round(t.h)} px`), TAP_MIN);
  expect(small.length === 0, `tap targets under ${TAP_MIN} px on ${pathOf(page)}: ${small.slice(0, 8).join(', ')}`);
}

// The checks each hours page gets: no sideways scrolling, and on the phone the tap targets.
async function expectFits(page, width, phone) {
  await noHorizontalScroll(page, width);
  if (phone) await expectTapTargets(page);
}

// ---------------------------------------------------------------------------
// the schedule computed apart from the server, from the time zone's clock

// Weekday (0 = Monday) and minute of the day of the instant WHEN in ZONE.
function localClock(zone, when) {
  const parts = Object.fromEntries(new Intl.DateTimeFormat('en-US', {
    timeZone: zone, weekday: 'short', hour: '2-digit', minute: '2-digit', hourCycle: 'h23',
  }).formatToParts(when).map((p) => [p.type, p.value]));
  const weekday = ['Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat', 'Sun'].indexOf(parts.weekday);
  return { weekday, minute: Number(parts.hour) * 60 + Number(parts.minute) };
}

const minutes = (hhmm) => Number(hhmm.slice(0, 2)) * 60 + Number(hhmm.slice(3, 5));

// Whether WEEK is open at CLOCK: inside today's range, or in the after-midnight part of
// yesterday's overnight one (holidays start tomorrow, so none is in force today).
function openAt(week, clock) {
  const today = week[clock.weekday];
  const yesterday = week[(clock.weekday + 6) % 7];
  const [s, e] = [minutes(today.start), minutes(today.end)];
  if (today.open && s < e && clock.minute >= s && clock.minute < e) return true;
  if (today.open && e < s && clock.minute >= s) return true;
  return yesterday.open && minutes(yesterday.end) < minutes(yesterday.start)
    && clock.minute < minutes(yesterday.end);
}

// The date DAYS days after the YYYY-MM-DD date DATE.
function addDays(date, days) {
  const d = new Date(`${date}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}

// ---------------------------------------------------------------------------
// the flow: each step is one test line; after a failed step the rest is skipped

async function hoursFlow(base, label, options, width) {
  const phone = width <= 400;
  const who = newPartner(`hours-${label}`, '사장님');
  const awayText = `지금은 부재중이에요, 곧 답장드릴게요 ${randomBytes(3).toString('hex')}`;
  const browsers = [];
  let owner;
  let customer;
  let account;
  let hoursPath;
  let zone;
  let firstHoliday;
  const steps = [
    ['the owner signs up and gets an approved account', async () => {
      owner = await openBrowser(options);
      browsers.push(owner);
      account = await signUpWithAccount(owner.page, base, who, 'hours');
      hoursPath = `/a/${account.code}/hours`;
    }],
    ['the owner opens the hours page from the account menu', async () => {
      const r = await owner.page.goto(`${base}/a/${account.code}/`);
      expect(r.status() === 200, `GET the account home answered ${r.status()}`);
      await openAccountArea(owner.page, hoursPath);
      expect(await owner.page.locator('.hours-line[data-open]').count() === 1, 'no hours line on the hours page');
      // a full time (10:00) is not news: no "5 / 5" under each of the 14 fields
      const counters = await owner.page.locator('.limit-counter:visible').allTextContents();
      expect(counters.length === 0, `length counters shown on the untouched week: ${counters.slice(0, 3).join(', ')}`);
      await shot(owner.page, `hours-${label}-1-page`);
      await expectFits(owner.page, width, phone);
    }],
    ['an invalid time is refused next to its field, with what was typed kept', async () => {
      await fillWeek(owner.page, WEEK);
      await owner.page.locator('input[name="mon_start"]').fill('25:00');
      await owner.page.locator('input[name="fri_end"]').fill('02:03');
      const status = await press(owner.page, hoursPath);
      expect(status === 422, `the refused form answered ${status}, not 422`);
      await expectTimeError(owner.page, 'mon_start', '25:00');
      await expectTimeError(owner.page, 'fri_end', '02:03');
      const kept = await owner.page.locator('input[name="tue_start"]').inputValue();
      expect(kept === '09:00', `a valid field was not kept: tue_start holds "${kept}"`);
      expect(await owner.page.locator('input[name="sat_open"]').isChecked() === false, 'the cleared Saturday box came back ticked');
      await shot(owner.page, `hours-${label}-2-invalid`);
      await expectFits(owner.page, width, phone);
    }],
    ['the owner sets Mon-Thu 09:00-18:00, Friday 22:00-02:00 and a closed weekend', async () => {
      await fillWeek(owner.page, WEEK);
      const status = await press(owner.page, hoursPath);
      expect(status === 303, `saving the hours answered ${status}, not 303`);
      expect(pathOf(owner.page) === hoursPath, `after saving the page is ${owner.page.url()}`);
      const notice = (await owner.page.locator('.notice').allInnerTexts()).join(' ');
      expect(notice.includes(catalog('common.saved')), `no saved notice (notices: "${notice}")`);
      for (const [i, day] of DAYS.entries()) {
        const got = [await owner.page.locator(`input[name="${day}_open"]`).isChecked(),
          await owner.page.locator(`input[name="${day}_start"]`).inputValue(),
          await owner.page.locator(`input[name="${day}_end"]`).inputValue()];
        const want = WEEK[i];
        expect(got[0] === want.open && (!want.open || (got[1] === want.start && got[2] === want.end)),
          `${day} shows ${JSON.stringify(got)} after saving ${JSON.stringify(want)}`);
      }
      const line = await owner.page.locator('.hours-line').innerText();
      expect(line.includes(`22:00–02:00 ${catalog('hours.next_day')}`), `the hours line has no overnight Friday: "${line}"`);
      zone = await owner.page.locator('input[name="timezone"]').inputValue();
      await shot(owner.page, `hours-${label}-3-saved`);
      await expectFits(owner.page, width, phone);
      return `time zone ${zone}`;
    }],
    ['the owner adds a holiday from tomorrow to the day after', async () => {
      const today = await owner.page.locator('input[name="start"]').getAttribute('min');
      expect(/^\d{4}-\d{2}-\d{2}$/.test(today || ''), `the holiday start has no min date (${today})`);
      firstHoliday = [addDays(today, 1), addDays(today, 2)];
      await owner.page.locator('input[name="start"]').fill(firstHoliday[0]);
      await owner.page.locator('input[name="end"]').fill(firstHoliday[1]);
      const status = await press(owner.page, `${hoursPath}/holidays`);
      expect(status === 303, `adding the holiday answered ${status}, not 303`);
      const notice = (await owner.page.locator('.notice').allInnerTexts()).join(' ');
      expect(notice.includes(catalog('hours.holiday_added')), `no holiday-added notice ("${notice}")`);
      const listed = await owner.page.locator('ul.holidays li').allInnerTexts();
      expect(listed.length === 1 && listed[0].includes(firstHoliday[0]) && listed[0].includes(firstHoliday[1]),
        `the holidays listed are ${JSON.stringify(listed)}`);
      await shot(owner.page, `hours-${label}-4-holiday`);
      await expectFits(owner.page, width, phone);
    }],
    ['removing a holiday asks first and then removes only that one', async () => {
      const later = [addDays(firstHoliday[0], 10), addDays(firstHoliday[0], 12)];
      await owner.page.locator('input[name="start"]').fill(later[0]);
      await owner.page.locator('input[name="end"]').fill(later[1]);
      expect(await press(owner.page, `${hoursPath}/holidays`) === 303, 'adding a second holiday failed');
      const item = owner.page.locator('ul.holidays li', { hasText: later[0] });
      const id = (await item.getAttribute('id')).replace('holiday-', '');
      const action = `${hoursPath}/holidays/${id}/delete`;
      const status = await press(owner.page, action);
      expect(status === 422, `deleting without confirming answered ${status}, not 422`);
      expect(await owner.page.locator('ul.holidays li').count() === 2, 'a holiday went without confirming');
      const question = owner.page.locator(`li#holiday-${id} .error`);
      expect(await question.count() === 1, 'the confirmation question is not next to that holiday');
      await shot(owner.page, `hours-${label}-5-confirm`);
      await expectFits(owner.page, width, phone);
      await owner.page.locator(`li#holiday-${id} input[name="confirm"]`).check();
      expect(await press(owner.page, action) === 303, 'the confirmed delete did not redirect');
      const listed = await owner.page.locator('ul.holidays li').allInnerTexts();
      expect(listed.length === 1 && listed[0].includes(firstHoliday[0]), `after the delete: ${JSON.stringify(listed)}`);
    }],
    ['the owner writes the away message', async () => {
      const href = `${hoursPath}/messages`;
      await Promise.all([owner.page.waitForNavigation({ waitUntil: 'load' }),
        owner.page.locator(`main a[href="${href}"]`).first().click()]);
      expect(pathOf(owner.page) === href, `the messages link led to ${owner.page.url()}`);
      await expectFits(owner.page, width, phone);
      await owner.page.locator('textarea[name="away_message"]').fill(awayText);
      const status = await press(owner.page, href);
      expect(status === 303, `saving the messages answered ${status}, not 303`);
      expect(await owner.page.locator('.notice').count() === 1, 'no saved notice on the messages page');
      const kept = await owner.page.locator('textarea[name="away_message"]').inputValue();
      expect(kept === awayText, `the away message reads "${kept}" after saving`);
      await shot(owner.page, `hours-${label}-6-messages`);
    }],
    ['a customer sees the hours line answering as the schedule says for now', async () => {
      customer = await openBrowser(options, { clientErrors: false });
      browsers.push(customer);
      const before = openAt(WEEK, localClock(zone, new Date()));
      const r = await customer.page.goto(`${base}/talk/${account.code}`);
      expect(r.status() === 200, `GET /talk/CODE answered ${r.status()}`);
      const after = openAt(WEEK, localClock(zone, new Date()));
      const line = customer.page.locator('.hours-line');
      expect(await line.count() === 1, 'no hours line on the chat page');
      const open = await line.getAttribute('data-open');
      const text = await line.innerText();
      expect(text.includes(`22:00–02:00 ${catalog('hours.next_day')}`) && text.includes(catalog('hours.closed_day')),
        `the chat page's hours line does not show the week: "${text}"`);
      const state = catalog(open === '1' ? 'hours.state.open' : 'hours.state.closed');
      expect(text.includes(state), `data-open="${open}" but the line says "${text}"`);
      await shot(customer.page, `hours-${label}-7-talk`);
      await noHorizontalScroll(customer.page, width);
      if (before !== after) return `the schedule turned while loading; data-open="${open}" not compared`;
      expect(open === (before ? '1' : '0'),
        `data-open="${open}" but the week is ${before ? 'open' : 'closed'} now in ${zone}`);
      return `data-open="${open}"`;
    }],
    ['the owner turns the away switch on', async () => {
      await owner.page.goto(`${base}${hoursPath}`);
      await owner.page.locator('input[name="away"]').check();
      expect(await press(owner.page, hoursPath) === 303, 'saving the away switch did not redirect');
      expect(await owner.page.locator('input[name="away"]').isChecked(), 'the away switch is off after saving');
      const open = await owner.page.locator('.hours-line').getAttribute('data-open');
      expect(open === '0', `data-open="${open}" on the hours page while away`);
    }],
    ['the customer writes twice while away and gets the away message exactly once', async () => {
      const page = customer.page;
      await page.reload();
      const line = page.locator('.hours-line');
      expect(await line.getAttribute('data-open') === '0', 'the chat page answers while the owner is away');
      const text = await line.innerText();
      expect(text.includes(catalog('hours.state.away')), `the hours line does not say away: "${text}"`);
      const box = page.locator('#talk-form textarea[name="text"]');
      expect(await box.count() === 1, 'no message box on the chat page while away (outside hours accepts)');
      const away = page.locator('.msg-theirs', { hasText: awayText });
      await box.fill('주문한 상품 언제 오나요?');
      await page.locator('#talk-send').click();
      await away.first().waitFor();
      await box.fill('답장 기다릴게요');
      await page.locator('#talk-send').click();
      await page.locator('.msg-mine', { hasText: '답장 기다릴게요' }).waitFor();
      await page.reload();
      const mine = await page.locator('.msg-mine').count();
      expect(mine === 2, `the customer's page shows ${mine} own messages, not 2`);
      const count = await away.count();
      expect(count === 1, `the away message shows ${count} times after two messages, not once`);
      await shot(page, `hours-${label}-8-away`);
      await noHorizontalScroll(page, width);
    }],
    problemsStep(browsers, ['owner', 'customer']),
  ];
  await flowWith(browsers, `hours-${label}`, steps);
}

await runPhoneAndDesktop('hours suite', hoursFlow);
