/**
 * Both views of messaging in a real browser: Alice (new-messaging) reads and writes in two panes,
 * Bob (classic inbox) finds messages with subject lines beside his invitations; one pane at a time
 * on a phone; every page accessible.
 */
import { existsSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Actor } from '../../src/context.js';
import { setFlag } from '../../src/flags/flags.js';
import { sendMessage, startConversation } from '../../src/messaging/conversations.js';
import { CHROMIUM, descriptionOf, expectAccessible, finish, launchBrowser, logIn, newPage, screenshot, type TestPage } from './browser.js';
import { PASSWORD, startE2eApp, type E2eApp, type TestMember } from './fixtures.js';
import type { Browser } from 'playwright-core';

describe.skipIf(!existsSync(CHROMIUM))('the web app: messaging', () => {
  let app: E2eApp;
  let browser: Browser;
  let alice: TestMember;
  let bob: TestMember;
  let carol: TestMember;
  let dan: TestMember;
  let groupId: string;
  const pages: TestPage[] = [];

  const open = async (options?: Parameters<typeof newPage>[1]) => {
    const p = await newPage(browser, options);
    pages.push(p);
    return p;
  };
  const actor = (m: TestMember): Actor => ({ memberId: m.id, role: 'member', path: 'web' });

  beforeAll(async () => {
    [app, browser] = await Promise.all([startE2eApp(), launchBrowser()]);
    alice = await app.member('Alice Martin', { email: 'alice@northwind.example', headline: 'Head of Talent at Northwind' });
    bob = await app.member('Bob Okafor', { email: 'bob@contoso.example', headline: 'Product Manager at Contoso' });
    carol = await app.member('Carol Diaz', { headline: 'Designer at Contoso' });
    dan = await app.member('Dan Wu', { headline: 'Engineer at Northwind' });
    for (const [a, b] of [
      [alice, bob],
      [alice, carol],
      [bob, carol],
      [alice, dan],
    ] as const) {
      await app.accept(b, await app.invite(a, { memberId: b.id }, { daysAgo: 3 }));
    }
    // An invitation waiting for Bob: the classic inbox lists it beside his messages.
    const erin = await app.member('Erin Sender');
    await app.invite(erin, { memberId: bob.id }, { message: 'Would love to connect!' });
    await setFlag(app.db, app.deps, { memberId: 'cli', role: 'admin', path: 'cli' }, 'new-messaging', { rolloutPercent: 0, allow: [alice.id], deny: [] });

    const hiring = await startConversation(app.db, app.deps, actor(bob), {
      memberIds: [alice.id],
      text: 'Hi Alice, are you still hiring a product designer?',
      subject: 'Product designer role',
    });
    await sendMessage(app.db, app.deps, actor(alice), hiring.conversation.view.id, 'We are! Do you know someone?');
    await sendMessage(app.db, app.deps, actor(bob), hiring.conversation.view.id, 'Carol might be interested. I will introduce you.');
    const group = await startConversation(app.db, app.deps, actor(carol), { memberIds: [alice.id, bob.id], text: 'Hello both, shall we meet on Thursday?' });
    groupId = group.conversation.view.id;
  });

  afterAll(() => finish(browser, app, pages));

  it('Alice reads and writes in two panes: read state, send, archive', async () => {
    const { page, errors } = await open();
    await logIn(page, app.url, alice.email, PASSWORD);
    // The Inbox icon counts her unread messages: the last one from Bob and Carol's.
    const inboxIcon = page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Inbox', exact: true });
    await expect.poll(() => descriptionOf(inboxIcon)).toBe('2 unread');
    await inboxIcon.click();
    await page.getByRole('heading', { level: 1, name: 'Messages' }).waitFor();
    const list = page.getByRole('list', { name: 'Conversations', exact: true });
    const items = list.getByRole('listitem');
    await expect.poll(() => items.count()).toBe(2);
    expect(await items.first().textContent()).toContain('Bob Okafor, Carol Diaz');
    expect(await items.nth(1).textContent()).toContain('Product designer role');
    expect(await items.nth(1).textContent()).toContain('1 unread');
    await expectAccessible(page, 'the conversations list');

    // Opening the thread reads it.
    await items.nth(1).getByRole('link').click();
    await page.getByRole('heading', { level: 2, name: 'Product designer role' }).waitFor();
    const bubbles = page.getByRole('list', { name: 'Messages' }).getByRole('listitem');
    await expect.poll(() => bubbles.count()).toBe(3);
    expect(await bubbles.last().textContent()).toContain('Carol might be interested.');
    await expect.poll(async () => (await items.nth(1).textContent()) ?? '').not.toContain('unread');
    await expect.poll(() => descriptionOf(inboxIcon)).toBe('1 unread');
    await expectAccessible(page, 'a thread');
    await screenshot(page, 'messaging-thread');

    // Enter sends; Shift+Enter is a new line.
    const composer = page.getByRole('textbox', { name: 'Write to Product designer role' });
    await composer.fill('Thanks Bob!');
    await composer.press('Shift+Enter');
    await composer.pressSequentially('Happy to meet her.');
    await composer.press('Enter');
    await expect.poll(() => bubbles.count()).toBe(4);
    expect(await bubbles.last().locator('.bubble-text').textContent()).toBe('Thanks Bob!\nHappy to meet her.');
    expect(await composer.inputValue()).toBe('');
    await expect.poll(async () => (await items.first().textContent()) ?? '').toContain('You: Thanks Bob!');

    // Bob's side sees it.
    const thread = await app.db.selectFrom('messages').select('text').orderBy('seq', 'desc').where('sender_id', '=', alice.id).executeTakeFirstOrThrow();
    expect(thread.text).toBe('Thanks Bob!\nHappy to meet her.');

    // Archive: gone from the list, in Archived.
    await page.getByRole('button', { name: 'Archive', exact: true }).click();
    await page.getByText('Conversation archived.').waitFor();
    await expect.poll(() => items.count()).toBe(1);
    await page.getByRole('navigation', { name: 'Conversation folders' }).getByRole('link', { name: 'Archived' }).click();
    const archived = page.getByRole('list', { name: 'Archived conversations' }).getByRole('listitem');
    await expect.poll(() => archived.count()).toBe(1);
    expect(await archived.first().textContent()).toContain('Product designer role');
    await expectAccessible(page, 'archived conversations');

    // Starting a conversation from a connection's profile.
    await page.goto(`${app.url}/members/${dan.id}`);
    await page.getByRole('link', { name: 'Message Dan Wu' }).click();
    await page.getByRole('heading', { level: 1, name: 'New message' }).waitFor();
    await expectAccessible(page, 'a new message');
    await page.getByRole('textbox', { name: 'Write to Dan Wu' }).fill('Welcome aboard, Dan!');
    await page.getByRole('button', { name: 'Send', exact: true }).click();
    await page.getByRole('heading', { level: 2, name: 'Dan Wu' }).waitFor();
    expect(await page.getByRole('list', { name: 'Messages' }).textContent()).toContain('Welcome aboard, Dan!');
    expect(errors).toEqual([]);
  });

  it('Bob reads messages with subject lines beside his invitations in the classic inbox', async () => {
    const { page, errors } = await open();
    await logIn(page, app.url, bob.email, PASSWORD);
    const inboxIcon = page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Inbox', exact: true });
    // The classic Inbox icon counts unread invitations and unread messages.
    expect(await descriptionOf(inboxIcon)).toMatch(/^[2-9] unread$/);
    await inboxIcon.click();
    await page.getByRole('heading', { level: 1, name: 'Inbox' }).waitFor();
    const items = page.getByRole('list', { name: 'Received messages' }).getByRole('listitem');
    await items.first().waitFor();
    const texts = await items.allTextContents();
    expect(texts.some((t) => t.includes('Erin Sender'))).toBe(true);
    const message = items.filter({ hasText: 'Hello both, shall we meet on Thursday?' });
    expect(await message.count()).toBe(1);
    expect(await message.textContent()).toContain('Carol Diaz');
    await expectAccessible(page, 'the classic inbox with messages');
    await screenshot(page, 'inbox-classic-messages');

    await message.getByRole('link', { name: 'Hello both, shall we meet on Thursday?' }).click();
    await page.getByRole('heading', { level: 2, name: 'Hello both, shall we meet on Thursday?' }).waitFor();
    await page.getByRole('list', { name: 'The conversation' }).getByText('Hello both, shall we meet on Thursday?').waitFor();
    await expectAccessible(page, 'a message in the classic inbox');

    // Opening it read it, in the thread's own read state too.
    const unreadOfGroup = async () =>
      (
        await app.db
          .selectFrom('conversation_members')
          .select('unread_count')
          .where('member_id', '=', bob.id)
          .where('conversation_id', '=', groupId)
          .executeTakeFirstOrThrow()
      ).unread_count;
    await expect.poll(unreadOfGroup).toBe(0);
    await page.getByRole('link', { name: '← All messages' }).click();
    const subject = page.getByRole('link', { name: 'Hello both, shall we meet on Thursday?' });
    await subject.waitFor();
    await expect.poll(async () => (await items.filter({ hasText: 'Hello both' }).getAttribute('class')) ?? '').not.toContain('unread');
    // The hiring thread's subject line, from Alice's reply.
    expect(texts.join(' ')).toContain('Product designer role');
    expect(errors).toEqual([]);
  });

  it('shows one pane at a time on a phone', async () => {
    const { page, errors } = await open({ phone: true });
    await logIn(page, app.url, alice.email, PASSWORD);
    await page.goto(`${app.url}/messages`);
    const list = page.getByRole('list', { name: 'Conversations', exact: true });
    await list.getByRole('listitem').first().waitFor();
    expect(await page.getByText('Choose a conversation to read it.').isVisible()).toBe(false);
    await expectAccessible(page, 'the conversations list on a phone');
    await list.getByRole('link').first().click();
    await page.getByRole('list', { name: 'Messages' }).waitFor();
    expect(await list.isVisible()).toBe(false);
    await expectAccessible(page, 'a thread on a phone');
    await screenshot(page, 'messaging-phone');
    await page.getByRole('link', { name: '← All conversations' }).click();
    await list.waitFor();
    expect(await page.getByRole('list', { name: 'Messages' }).count()).toBe(0);
    expect(errors).toEqual([]);
  });
});
