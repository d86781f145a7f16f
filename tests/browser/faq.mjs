// FAQ, chat menu, request form and canned replies in real browsers (SPEC FAQ-1..4): an
// agent sets up a FAQ entry (published with 반영하기), a menu button, a two-question request
// form and a canned reply through the pages; a customer fills the request form, taps the FAQ
// question and the menu button and gets the automatic answers; the agent sees the request
// answers at the top of the room and inserts the canned reply by typing "/" and a few
// letters, which puts the text into the message box without sending it. Phone (360x740)
// and desktop (1280x800); screenshots go to tests/browser/out/faq-*.png. Output: `ok - ...`
// / `not ok - ...` lines and `RESULT passed=N failed=M`.
//
//   node tests/browser/faq.mjs                  starts its own stack (tests/http/stack.py)
//   BASE_URL=http://127.0.0.1:PORT SANGDAM_TEST_VAR=VAR node tests/browser/faq.mjs

import { randomBytes } from 'node:crypto';
import {
  expect, flowWith, makeAccount, newPartner, noHorizontalScroll, openBrowser, pathOf, problemsStep, psql,
  runPhoneAndDesktop, shot, signUp,
} from './lib.mjs';

// Fills the fields of the form posting to ACTION and presses its submit button.
async function submit(page, action, fields) {
  const form = page.locator(`form[method="post"][action="${action}"]`).first();
  expect(await form.count() > 0, `no form posting to ${action} on ${pathOf(page)}`);
  for (const [name, value] of Object.entries(fields)) {
    const input = form.locator(`[name="${name}"]`).first();
    if (await input.getAttribute('type') === 'checkbox') await input.check();
    else await input.fill(value);
  }
  await Promise.all([page.waitForNavigation({ waitUntil: 'load' }),
    form.locator('button[type=submit]').first().click()]);
  expect(!/\/(faq|menu|replies|request-form)\/\d+\/delete/.test(page.url()), 'landed on a delete page');
}

async function faqFlow(base, label, options, width) {
  const who = newPartner(`faq-${label}`, '상담원');
  const tag = randomBytes(3).toString('hex');
  const question = `배송은 언제 오나요 ${tag}`;
  const answer = `주문 후 2일 안에 도착합니다 ${tag}`;
  const menuLabel = `영업시간 ${tag}`.slice(0, 20);
  const menuResponse = `평일 9시부터 6시까지 ${tag}`;
  const replyText = `고객님, 오늘 바로 출고해 드리겠습니다 ${tag}`;
  const browsers = [];
  let agent;
  let customer;
  let account;
  let roomPath;
  const steps = [
    ['an agent signs up with an approved account', async () => {
      agent = await openBrowser(options);
      browsers.push(agent);
      customer = await openBrowser(options, { clientErrors: false });
      browsers.push(customer);
      await signUp(agent.page, base, who);
      account = makeAccount([who.email], 'faq');
    }],
    ['the agent adds a FAQ entry and publishes it (반영하기)', async () => {
      const a = `/a/${account.code}`;
      await agent.page.goto(`${base}${a}/faq`);
      await submit(agent.page, `${a}/faq`, { question, answer });
      await noHorizontalScroll(agent.page, width);
      await submit(agent.page, `${a}/faq/publish`, {});
      await shot(agent.page, `faq-${label}-1-faq-published`);
    }],
    ['the agent adds a menu button, a request form and a canned reply', async () => {
      const a = `/a/${account.code}`;
      await agent.page.goto(`${base}${a}/menu`);
      await submit(agent.page, `${a}/menu`, { label: menuLabel, response: menuResponse });
      await agent.page.goto(`${base}${a}/request-form`);
      await submit(agent.page, `${a}/request-form`, { on: '1', question: '어떤 상담인가요?', choices: '배송\n교환\n환불' });
      await shot(agent.page, `faq-${label}-2-request-form`);
      await agent.page.goto(`${base}${a}/replies`);
      // the new reply's title starts empty (it was the page's title), and a double tap posts once
      const form = agent.page.locator(`form[method="post"][action="${a}/replies"]`).first();
      expect(await form.locator('[name="title"]').inputValue() === '', 'the new reply\'s title is not empty');
      await form.locator('[name="title"]').fill(`출고 안내 ${tag}`);
      await form.locator('[name="text"]').fill(replyText);
      // the second of two submits in a row is held back (Chromium itself sends one post for two
      // taps; Safari and Firefox may send both, and the server would store two)
      const prevented = await form.evaluate((f) => {
        const first = new Event('submit', { bubbles: true, cancelable: true });
        const second = new Event('submit', { bubbles: true, cancelable: true });
        f.dispatchEvent(first);
        f.dispatchEvent(second);
        delete f.dataset.posting;
        return [first.defaultPrevented, second.defaultPrevented];
      });
      expect(JSON.stringify(prevented) === '[false,true]', `two submits in a row: prevented ${JSON.stringify(prevented)}`);
      await Promise.all([agent.page.waitForNavigation({ waitUntil: 'load' }),
        form.locator('button[type=submit]').first().click()]);
      const stored = psql(`SELECT count(*) FROM canned_replies WHERE account_id = ${account.id} AND title = '출고 안내 ${tag}'`);
      expect(stored === '1', `the reply was stored ${stored} times`);
      await noHorizontalScroll(agent.page, width);
    }],
    ['the customer fills the request form before the first message', async () => {
      const r = await customer.page.goto(`${base}/talk/${account.code}`);
      expect(r.status() === 200, `GET /talk/CODE answered ${r.status()}`);
      await noHorizontalScroll(customer.page, width);
      await shot(customer.page, `faq-${label}-3-customer-request-form`);
      await customer.page.getByLabel('교환').check();
      await Promise.all([customer.page.waitForNavigation({ waitUntil: 'load' }),
        customer.page.locator('form.talk-request button[type=submit]').click()]);
      expect(await customer.page.locator('#talk-form').count() === 1, 'no input box after the request form');
    }],
    ['the customer taps the FAQ question and gets the answer', async () => {
      await Promise.all([customer.page.waitForNavigation({ waitUntil: 'load' }),
        customer.page.getByRole('button', { name: question }).click()]);
      await customer.page.locator('.msg-theirs', { hasText: answer }).first().waitFor();
      await noHorizontalScroll(customer.page, width);
    }],
    ['the customer taps the menu button and gets its response', async () => {
      await Promise.all([customer.page.waitForNavigation({ waitUntil: 'load' }),
        customer.page.locator('.talk-chat-menu button', { hasText: menuLabel }).click()]);
      await customer.page.locator('.msg-theirs', { hasText: menuResponse }).first().waitFor();
      await shot(customer.page, `faq-${label}-4-customer-answers`);
    }],
    ['the agent sees the request answers and the automatic answers in the room', async () => {
      const room = psql(`SELECT id FROM rooms WHERE account_id = ${account.id}`);
      roomPath = `/a/${account.code}/chats/${room}`;
      await agent.page.goto(`${base}${roomPath}`);
      const answers = agent.page.locator('.request-answers');
      expect(await answers.count() === 1, 'no request answers at the top of the room');
      const text = await answers.innerText();
      expect(text.includes('어떤 상담인가요?') && text.includes('교환'), `request answers show "${text}"`);
      expect(await agent.page.locator('li.msg.automatic', { hasText: answer }).count() === 1,
        'the FAQ answer is not marked automatic');
      await noHorizontalScroll(agent.page, width);
    }],
    ['the agent types "/" and a few letters and inserts the canned reply', async () => {
      const box = agent.page.locator('textarea#text');
      await box.click();
      await box.pressSequentially('/출고');
      const option = agent.page.locator('[data-reply-picker] li', { hasText: `출고 안내 ${tag}` });
      await option.waitFor();
      await shot(agent.page, `faq-${label}-5-reply-picker`);
      await box.press('Enter');
      const value = await box.inputValue();
      expect(value === replyText, `the message box holds "${value}"`);
      const sent = psql(`SELECT count(*) FROM messages m JOIN rooms r ON r.id = m.room_id WHERE r.account_id = ${account.id} AND m.sender = 'agent'`);
      expect(sent === '0', 'inserting the reply sent a message');
      await shot(agent.page, `faq-${label}-6-reply-inserted`);
    }],
    ['"/" and letters that match no reply: Enter sends nothing and says so; Esc lets it go as typed', async () => {
      const box = agent.page.locator('textarea#text');
      await box.fill('');
      await box.click();
      await box.pressSequentially('/없는답변');
      await agent.page.waitForTimeout(600); // the search answers
      await box.press('Enter');
      await agent.page.waitForTimeout(600);
      const sent = psql(`SELECT count(*) FROM messages m JOIN rooms r ON r.id = m.room_id WHERE r.account_id = ${account.id} AND m.sender = 'agent'`);
      expect(sent === '0', 'Enter on a "/" search with no match sent it to the customer');
      expect(await agent.page.locator('[data-reply-picker] .reply-none').isVisible(), 'no word that no reply matches');
      await box.press('Escape');
      expect(await agent.page.locator('[data-reply-picker]').isHidden(), 'Esc leaves the picker open');
      await box.fill('');
    }],
    ['a reply chosen on the picker page goes after the draft, and a reload does not put it back', async () => {
      const box = agent.page.locator('textarea#text');
      const draft = `주소 변경 접수했습니다 ${tag}`;
      await box.fill(draft);
      await box.dispatchEvent('input');
      await Promise.all([agent.page.waitForNavigation(), agent.page.locator('a[data-replies-link]').click()]);
      await Promise.all([agent.page.waitForNavigation(),
        agent.page.locator('li', { hasText: `출고 안내 ${tag}` }).locator('a[href*="reply="]').first().click()]);
      await agent.page.waitForFunction(() => !location.search.includes('reply='), null, { timeout: 5000 })
        .catch(() => {});
      const value = await agent.page.locator('textarea#text').inputValue();
      expect(value === `${draft}\n${replyText}`, `the message box holds "${value}"`);
      expect(!agent.page.url().includes('reply='), `the address still names the reply: ${agent.page.url()}`);
      await agent.page.reload();
      const again = await agent.page.locator('textarea#text').inputValue();
      expect(again === `${draft}\n${replyText}`, `after a reload the box holds "${again}"`);
      await agent.page.locator('textarea#text').fill('');
      await agent.page.locator('textarea#text').dispatchEvent('input');
    }],
    problemsStep(browsers, ['agent', 'customer']),
  ];
  await flowWith(browsers, `faq-${label}`, steps);
}

await runPhoneAndDesktop('faq suite', faqFlow);
