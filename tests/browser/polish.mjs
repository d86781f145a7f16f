// Issue 13 outside the agents' workspace, in real browsers: the customer's cues (the
// title changes and a tone plays when the shop replies while the page is not looked at,
// the unread mark "1" leaves when an agent reads), limits counted in code points (800
// characters with 300 emoji are kept whole and accepted, 1,001 are marked and not cut),
// and the form error summary (focused at the top, each field red and described by its
// message). Phone (360x740) and desktop (1280x800); screenshots go to
// tests/browser/out/polish-*.png. Output: `ok - ...` / `not ok - ...` lines and
// `RESULT passed=N failed=M`.
//
//   node tests/browser/polish.mjs                  starts its own stack (tests/http/stack.py)
//   BASE_URL=http://127.0.0.1:PORT SANGDAM_TEST_VAR=VAR node tests/browser/polish.mjs

import {
  catalog, expect, flowWith, makeAccount, newPartner, openBrowser, pathOf, problemsStep, psql,
  runPhoneAndDesktop, shot, signUp, sqlText,
} from './lib.mjs';

const RED = 'rgb(198, 40, 40)'; // --danger

// The customer's room in account ACCOUNT (the newest).
function roomOf(account) {
  return Number(psql(`SELECT id FROM rooms WHERE account_id = ${account.id} ORDER BY id DESC LIMIT 1`));
}

// An agent's reply stored and announced as the inbox does (chat_post_agent), without the
// inbox's pages, which another part of issue 13 rebuilds.
function agentReplies(account, room, text) {
  psql(`WITH m AS (INSERT INTO messages (account_id, room_id, sender, kind, body) VALUES `
    + `(${account.id}, ${room}, 'agent', 'text', ${sqlText(text)}) RETURNING id), `
    + `r AS (UPDATE rooms SET status = 'answered', unread_count = 0 WHERE id = ${room}) `
    + `SELECT pg_notify('sangdam', json_build_object('a', ${account.id}::bigint, 'r', ${room}::bigint, `
    + `'k', 'message')::text) FROM m`);
}

// An agent opening the room (mark_read in the inbox) without the inbox's pages.
function agentReads(account, room) {
  psql(`WITH r AS (UPDATE rooms SET unread_count = 0, status = 'unanswered' WHERE id = ${room} RETURNING id) `
    + `SELECT pg_notify('sangdam', json_build_object('a', ${account.id}::bigint, 'r', ${room}::bigint, `
    + `'k', 'read')::text) FROM r`);
}

async function sendAsCustomer(page, text) {
  const before = await page.locator('#talk-messages .msg-mine').count();
  await page.fill('#talk-text', text);
  await page.click('#talk-send');
  await page.waitForFunction((n) => document.querySelectorAll('#talk-messages .msg-mine').length > n,
    before, { timeout: 10000 });
}

async function flowOf(base, label, options) {
  const browsers = [];
  const owner = newPartner(`polish${label}`, '다듬기');
  let account;
  let customer;
  let partner;
  let room;
  await flowWith(browsers, `polish ${label}`, [
    ['an approved account and a customer on its chat page', async () => {
      partner = await openBrowser(options);
      browsers.push(partner);
      await signUp(partner.page, base, owner);
      account = makeAccount([owner.email], `pol${label.slice(0, 1)}`);
      customer = await openBrowser(options);
      browsers.push(customer);
      const r = await customer.page.goto(`${base}/talk/${account.code}`);
      expect(r.status() === 200, `GET /talk/CODE answered ${r.status()}`);
      expect(await customer.page.locator('main').count() === 1, 'the chat page has no main landmark');
      if (label === 'phone') {
        const small = await customer.page.evaluate(() => [...document.querySelectorAll(
          '.talk-menu summary, .talk-input-row textarea, .talk-attach, #talk-send')]
          .filter((el) => el.checkVisibility())
          .map((el) => [el.id || el.className || el.tagName, el.getBoundingClientRect()])
          .filter(([, r]) => r.height < 43.5 || r.width < 43.5)
          .map(([n, r]) => `${n} ${Math.round(r.width)}x${Math.round(r.height)}`));
        expect(small.length === 0, `chat page targets under 44 px: ${small.join(', ')}`);
      }
    }],
    [`the customer's unsent text survives a reload`, async () => {
      const typed = '주문 번호는 아직 찾는 중인데요';
      await customer.page.fill('#talk-text', typed);
      await customer.page.reload();
      const kept = await customer.page.locator('#talk-text').inputValue();
      expect(kept === typed, `after a reload the message box holds "${kept}"`);
      await customer.page.fill('#talk-text', '');
    }],
    ['800 characters with 300 emoji are kept whole, not marked, and sent whole', async () => {
      const text = 'ㄱ'.repeat(500) + '😀'.repeat(300);
      expect(text.length === 1100, 'the test text is 1,100 UTF-16 units');
      await customer.page.fill('#talk-text', text);
      const state = await customer.page.evaluate(() => {
        const t = document.getElementById('talk-text');
        return { units: t.value.length, invalid: t.getAttribute('aria-invalid'), max: t.getAttribute('maxlength') };
      });
      expect(state.units === 1100, `the box kept ${state.units} of 1,100 units (cut)`);
      expect(state.invalid !== 'true', 'the box is marked invalid at 800 characters');
      expect(state.max === null, 'the box still has maxlength');
      await customer.page.click('#talk-send');
      await customer.page.waitForFunction(() => document.querySelectorAll('#talk-messages .msg-mine').length > 0,
        null, { timeout: 10000 });
      room = roomOf(account);
      const stored = Number(psql(`SELECT char_length(body) FROM messages WHERE room_id = ${room} AND sender = 'customer'`));
      expect(stored === 800, `the server stored ${stored} characters, not 800`);
    }],
    ['1,001 characters are marked with a counter, never cut', async () => {
      const text = '😀'.repeat(1001);
      await customer.page.fill('#talk-text', text);
      const state = await customer.page.evaluate(() => {
        const t = document.getElementById('talk-text');
        const counter = document.querySelector('.limit-counter');
        return {
          units: t.value.length, invalid: t.getAttribute('aria-invalid'),
          counter: counter && !counter.hidden ? counter.textContent : null,
          over: counter && counter.classList.contains('over'),
        };
      });
      expect(state.units === 2002, `the box kept ${state.units} of 2,002 units`);
      expect(state.invalid === 'true', 'the box is not marked invalid at 1,001 characters');
      expect(state.counter === '1001 / 1000' && state.over, `the counter says ${state.counter}`);
      await shot(customer.page, `polish-${label}-1-limit`);
      await customer.page.fill('#talk-text', '');
    }],
    ['the customer\'s message shows the unread mark until an agent reads it', async () => {
      await sendAsCustomer(customer.page, '견적 문의드립니다');
      await customer.page.waitForSelector('#talk-messages .msg-mine .msg-unread', { timeout: 10000 });
      await shot(customer.page, `polish-${label}-2-unread`);
      agentReads(account, room);
      await customer.page.waitForFunction(() => !document.querySelector('#talk-messages .msg-unread'),
        null, { timeout: 10000 });
    }],
    ['a reply while the page is not looked at changes the title; looking restores it', async () => {
      const plain = await customer.page.title();
      // as a tab in the background: the page is not focused
      await customer.page.evaluate(() => { document.hasFocus = () => false; });
      agentReplies(account, room, '네, 안내해 드릴게요');
      await customer.page.waitForFunction((p) => document.title !== p, plain, { timeout: 10000 });
      const title = await customer.page.title();
      expect(title.includes(catalog('talk.new_reply')) && title.endsWith(plain),
        `the title became "${title}"`);
      expect(await customer.page.locator('#talk-messages .msg-theirs', { hasText: '네, 안내해 드릴게요' }).count() === 1,
        'the reply is not shown');
      await customer.page.evaluate(() => { document.hasFocus = () => true; window.dispatchEvent(new Event('focus')); });
      expect(await customer.page.title() === plain, 'the title stays changed after the page is looked at');
      await shot(customer.page, `polish-${label}-3-reply`);
    }],
    ['unfriending asks in a dialog: dismissed keeps the friend, accepted removes it', async () => {
      const page = customer.page;
      await Promise.all([page.waitForNavigation({ waitUntil: 'load' }), page.click('button.talk-friend')]);
      const friend = () => psql(`SELECT is_friend FROM customers WHERE id = (SELECT customer_id FROM rooms WHERE id = ${room})`);
      expect(friend() === 't', 'adding the friend did not');
      let asked = 0;
      const answer = (accept) => (dialog) => { asked++; return accept ? dialog.accept() : dialog.dismiss(); };
      const no = answer(false);
      page.once('dialog', no);
      const before = customer.navigations();
      await page.click('button.talk-friend.is-friend'); // the dialog is answered inside the click
      expect(asked === 1 && customer.navigations() === before && friend() === 't',
        `after dismissing (${asked} dialogs) the page navigated or the friend is ${friend()}`);
      page.once('dialog', answer(true));
      await Promise.all([page.waitForNavigation({ waitUntil: 'load' }), page.click('button.talk-friend.is-friend')]);
      expect(asked === 2 && friend() === 'f', `after accepting the friend is ${friend()}`);
      expect(new URL(page.url()).pathname === `/talk/${account.code}`, `the page is ${page.url()}, not the chat`);
    }],
    ['form errors: the summary at the top takes the focus, each field red and described', async () => {
      const page = partner.page;
      await page.goto(`${base}/a/${account.code}/profile`);
      await page.fill('#name', '');
      await page.fill('#homepage', 'javascript:alert(1)');
      await Promise.all([page.waitForNavigation({ waitUntil: 'load' }),
        page.locator('form:has(#name) button[type=submit]').first().click()]);
      const state = await page.evaluate(() => {
        const summary = document.getElementById('form-summary');
        const box = summary && summary.getBoundingClientRect();
        const fields = [...document.querySelectorAll('[aria-invalid=true]')].map((f) => {
          const ids = (f.getAttribute('aria-describedby') || '').split(' ').filter(Boolean);
          const said = ids.map((id) => (document.getElementById(id) || {}).textContent || '').join(' ');
          return { name: f.name, border: getComputedStyle(f).borderTopColor, said: said.trim() };
        });
        return {
          focused: document.activeElement === summary,
          inView: !!box && box.top >= 0 && box.bottom <= window.innerHeight,
          links: summary ? summary.querySelectorAll('a').length : 0,
          fields,
        };
      });
      expect(state.focused, 'the focus is not on the error summary');
      expect(state.inView, 'the error summary is not in view');
      expect(state.links >= 2, `the summary links ${state.links} fields`);
      const names = state.fields.map((f) => f.name).sort().join(',');
      expect(names === 'homepage,name', `the fields marked invalid are ${names}`);
      for (const f of state.fields) {
        expect(f.border === RED, `the invalid ${f.name} has border ${f.border}, not red`);
        expect(f.said.length > 0, `the invalid ${f.name} is not described by its message`);
      }
      await shot(page, `polish-${label}-4-form-summary`);
      // a link of the summary moves the focus to its field
      await page.locator('#form-summary a').first().click();
      const focused = await page.evaluate(() => document.activeElement && document.activeElement.name);
      expect(focused === 'name', `the summary's first link focused ${focused}`);
      expect(pathOf(page) === `/a/${account.code}/profile`, `the page is ${page.url()}`);
    }],
    ['the summary names each field, an unticked agreement by its words', async () => {
      const page = partner.page;
      await page.goto(`${base}/accounts/new`);
      await Promise.all([page.waitForNavigation({ waitUntil: 'load' }),
        page.locator('main form[method=post] button[type=submit]').first().click()]);
      const links = await page.locator('#form-summary a').allTextContents();
      const unnamed = links.filter((t) => !t.includes(': '));
      expect(links.length >= 2 && unnamed.length === 0,
        `summary lines without their field's name: ${unnamed.join(' | ') || links.length}`);
    }],
    ['checkboxes and menu links at least 24 px; on a phone every tap target 44 px high', async () => {
      const page = partner.page;
      const small = [];
      for (const path of [`/a/${account.code}/`, '/accounts/new', `/a/${account.code}/profile`,
        `/a/${account.code}/hours`, `/a/${account.code}/labels`, `/a/${account.code}/faq`, '/settings',
        `/a/${account.code}/exposure`, `/a/${account.code}/chats`, '/accounts', `/a/${account.code}/replies`,
        `/a/${account.code}/chats/settings`, `/a/${account.code}/backups`, `/a/${account.code}/hours/messages`]) {
        await page.goto(base + path);
        small.push(...await page.evaluate((phone) => {
          const out = [];
          const name = (el) => `${el.tagName.toLowerCase()}${el.name ? `[name=${el.name}]` : ''} "${(el.textContent || '').trim().slice(0, 20)}"`;
          for (const el of document.querySelectorAll('input[type=checkbox], input[type=radio], nav a, .account-areas-wide a')) {
            const r = el.getBoundingClientRect();
            if (!el.checkVisibility()) continue; // in a folded menu
            if (r.width && r.height && (r.width < 24 || r.height < 24)) out.push(`${location.pathname} ${name(el)} ${r.width}x${r.height}`);
          }
          if (phone) {
            for (const el of document.querySelectorAll('main button, main .button, main input:not([type=hidden]):not([type=file]):not([type=checkbox]):not([type=radio]), main select, header summary, header.top a, .account-title a, ul.downloads a, .inbox-links a, '
              + 'main summary, main input[type=file], .heading-row > a, .back-link a, .aside a, a.card-title, .links-line a, '
              + '.list-title a, .sort a, .palette .swatch, .legal-links a')) {
              const r = el.getBoundingClientRect();
              if (!el.checkVisibility()) continue;
              if (r.width && r.height && r.height < 43.5) out.push(`${location.pathname} ${name(el)} ${Math.round(r.height)} px high`);
            }
            // the short words (상담, 알림, SVG) are 44 px wide too
            for (const el of document.querySelectorAll('header.top a, ul.downloads a')) {
              const r = el.getBoundingClientRect();
              if (el.checkVisibility() && r.width && r.width < 43.5) out.push(`${location.pathname} ${name(el)} ${Math.round(r.width)} px wide`);
            }
          }
          return out;
        }, label === 'phone'));
      }
      expect(small.length === 0, small.slice(0, 6).join(' | '));
      await shot(page, `polish-${label}-5-targets`);
    }],
    problemsStep(browsers, ['partner', 'customer']),
  ]);
}

await runPhoneAndDesktop('polish suite', (base, label, options) => flowOf(base, label, options));
