/**
 * Messaging's actions in a real browser: replying to a received invitation (both views), blocking
 * from a thread and unblocking in Settings, attaching a PNG and a PDF (and a disguised file being
 * refused), and live events: what one member sends shows in the other's open tab without a reload.
 */
import { existsSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Actor } from '../../src/context.js';
import { setFlag } from '../../src/flags/flags.js';
import { sendMessage, startConversation } from '../../src/messaging/conversations.js';
import { CHROMIUM, descriptionOf, expectAccessible, finish, launchBrowser, logIn, newPage, screenshot, type TestPage } from './browser.js';
import { PASSWORD, startE2eApp, type E2eApp, type TestMember } from './fixtures.js';
import type { Browser, Page } from 'playwright-core';

/** A 1×1 PNG. */
const PNG = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==', 'base64');
/** A one-page PDF. */
const PDF = Buffer.from(
  '%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n2 0 obj<</Type/Pages/Kids[3 0 R]/Count 1>>endobj\n' +
    '3 0 obj<</Type/Page/Parent 2 0 R/MediaBox[0 0 200 200]>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n',
  'latin1',
);

describe.skipIf(!existsSync(CHROMIUM))('the web app: replies, blocks, attachments and live events', () => {
  let app: E2eApp;
  let browser: Browser;
  let alice: TestMember;
  let bob: TestMember;
  let carol: TestMember;
  let erin: TestMember;
  let frank: TestMember;
  let erinToAlice: string;
  let frankToBob: string;
  let withBob: string;
  let withCarol: string;
  const pages: TestPage[] = [];

  const open = async (options?: Parameters<typeof newPage>[1]) => {
    const p = await newPage(browser, options);
    pages.push(p);
    return p;
  };
  const actor = (m: TestMember): Actor => ({ memberId: m.id, role: 'member', path: 'web' });
  const statusOf = async (id: string) => (await app.db.selectFrom('invitations').select('status').where('id', '=', id).executeTakeFirstOrThrow()).status;
  /** Marks the page, so a reload (which would drop the mark) shows. */
  const mark = (page: Page) => page.evaluate('window.__notReloaded = true');
  const notReloaded = (page: Page) => page.evaluate('window.__notReloaded === true') as Promise<boolean>;

  beforeAll(async () => {
    [app, browser] = await Promise.all([startE2eApp(), launchBrowser()]);
    alice = await app.member('Alice Martin', { headline: 'Head of Talent at Northwind' });
    bob = await app.member('Bob Okafor', { headline: 'Product Manager at Contoso' });
    carol = await app.member('Carol Diaz', { headline: 'Designer at Contoso' });
    erin = await app.member('Erin Sender');
    frank = await app.member('Frank Lee');
    await app.accept(bob, await app.invite(alice, { memberId: bob.id }, { daysAgo: 3 }));
    await app.accept(carol, await app.invite(alice, { memberId: carol.id }, { daysAgo: 3 }));
    erinToAlice = await app.invite(erin, { memberId: alice.id }, { message: 'Shall we connect?' });
    frankToBob = await app.invite(frank, { memberId: bob.id }, { message: 'We met at the conference.' });
    await setFlag(app.db, app.deps, { memberId: 'cli', role: 'admin', path: 'cli' }, 'new-messaging', { rolloutPercent: 0, allow: [alice.id], deny: [] });
    withBob = (await startConversation(app.db, app.deps, actor(bob), { memberIds: [alice.id], text: 'Hello Alice!' })).conversation.view.id;
    withCarol = (await startConversation(app.db, app.deps, actor(carol), { memberIds: [alice.id], text: 'Hi, it is Carol.' })).conversation.view.id;
  });

  afterAll(() => finish(browser, app, pages));

  it('replies to a received invitation: the conversation opens and the invitation stays pending', async () => {
    const { page } = await open();
    await logIn(page, app.url, alice.email, PASSWORD);
    await page.goto(`${app.url}/invitations/received`);
    await page.getByRole('button', { name: 'Reply to Erin Sender' }).click();
    const dialog = page.getByRole('dialog', { name: 'Reply to Erin Sender' });
    await dialog.waitFor();
    expect(await dialog.textContent()).toContain("It doesn't accept the invitation");
    await expectAccessible(page, 'the reply dialog');
    await dialog.getByRole('textbox', { name: 'Your message' }).fill('Hi Erin, where did we meet?');
    await dialog.getByRole('button', { name: 'Send reply' }).click();
    await page.waitForURL(/\/messages\/[^/]+$/);
    await page.getByRole('heading', { level: 2, name: 'Erin Sender' }).waitFor();
    await page.getByRole('list', { name: 'Messages' }).getByText('Hi Erin, where did we meet?').waitFor();
    expect(await statusOf(erinToAlice)).toBe('pending');

    // Still waiting for her answer, with Accept and Ignore.
    await page.goto(`${app.url}/invitations/received`);
    await page.getByRole('button', { name: 'Accept invitation from Erin Sender' }).waitFor();
    expect(await page.getByRole('button', { name: 'Ignore invitation from Erin Sender' }).count()).toBe(1);

    // The classic inbox: Bob replies from the opened invitation and lands on his message.
    const classic = await open();
    await logIn(classic.page, app.url, bob.email, PASSWORD);
    await classic.page.goto(`${app.url}/inbox/received/${frankToBob}`);
    await classic.page.getByRole('button', { name: 'Reply', exact: true }).click();
    const bobDialog = classic.page.getByRole('dialog', { name: 'Reply to Frank Lee' });
    await bobDialog.getByRole('textbox', { name: 'Your message' }).fill('Thanks Frank, which talk did you like?');
    await bobDialog.getByRole('button', { name: 'Send reply' }).click();
    await classic.page.waitForURL(/\/inbox\/sent\/message\//);
    await classic.page.getByRole('heading', { level: 2, name: 'Thanks Frank, which talk did you like?' }).waitFor();
    await classic.page.getByRole('list', { name: 'The conversation' }).getByText('Thanks Frank, which talk did you like?').waitFor();
    await expectAccessible(classic.page, 'a reply in the classic inbox');
    expect(await statusOf(frankToBob)).toBe('pending');
    await classic.page.goto(`${app.url}/inbox/received/${frankToBob}`);
    await classic.page.getByRole('button', { name: 'Accept', exact: true }).waitFor();
  });

  it('blocks from a thread: the composer says why it is off; unblocking in Settings brings it back', async () => {
    const { page } = await open();
    await logIn(page, app.url, alice.email, PASSWORD);
    await page.goto(`${app.url}/messages/${withCarol}`);
    await page.getByRole('heading', { level: 2, name: 'Carol Diaz' }).waitFor();
    await page.getByRole('button', { name: 'Block Carol Diaz' }).click();
    const dialog = page.getByRole('dialog', { name: 'Block Carol Diaz?' });
    const text = (await dialog.textContent()) ?? '';
    expect(text).toContain("won't be able to message you or invite you");
    expect(text).toContain('Pending invitations between you are withdrawn');
    expect(text).toContain('Nobody is told');
    await expectAccessible(page, 'the block confirmation');
    // The safe answer has focus first.
    expect(await page.evaluate('document.activeElement?.textContent')).toBe('Cancel');
    await dialog.getByRole('button', { name: 'Block', exact: true }).click();
    await page.getByText('You blocked Carol Diaz.', { exact: true }).waitFor();

    const composer = page.getByRole('textbox', { name: 'Write to Carol Diaz' });
    await expect.poll(() => composer.isDisabled()).toBe(true);
    await page.getByText('You blocked Carol Diaz, so neither of you can send messages here.', { exact: false }).waitFor();
    expect(await page.getByRole('button', { name: 'Send', exact: true }).isDisabled()).toBe(true);
    await expectAccessible(page, 'a thread with a blocked member');
    // Carol is refused too, as if they were not connected.
    await expect(sendMessage(app.db, app.deps, actor(carol), withCarol, 'Are you there?')).rejects.toMatchObject({ code: 'not_connected' });

    // Settings lists her, with Unblock.
    await page.goto(`${app.url}/settings`);
    const blocked = page.getByRole('list', { name: 'Blocked members' });
    await blocked.getByText('Carol Diaz').waitFor();
    await expectAccessible(page, 'Settings with a blocked member');
    await blocked.getByRole('button', { name: 'Unblock Carol Diaz' }).click();
    await page.getByRole('dialog', { name: 'Unblock Carol Diaz?' }).getByRole('button', { name: 'Unblock', exact: true }).click();
    await page.getByText("You haven't blocked anyone.").waitFor();
    expect(await app.db.selectFrom('member_blocks').select('blocker_id').execute()).toEqual([]);

    await page.goto(`${app.url}/messages/${withCarol}`);
    await page.getByRole('button', { name: 'Block Carol Diaz' }).waitFor();
    expect(await page.getByRole('textbox', { name: 'Write to Carol Diaz' }).isDisabled()).toBe(false);
  });

  it('attaches a PNG and a PDF, shows them as files to download, and refuses a disguised file', async () => {
    const { page } = await open({ phone: true });
    await logIn(page, app.url, alice.email, PASSWORD);
    await page.goto(`${app.url}/messages/${withBob}`);
    await page.getByRole('heading', { level: 2, name: 'Bob Okafor' }).waitFor();
    const files = page.locator('input[type="file"]');
    // Attach files opens the file chooser from the keyboard too.
    await page.getByRole('button', { name: 'Attach files' }).focus();
    const [chooser] = await Promise.all([page.waitForEvent('filechooser'), page.keyboard.press('Enter')]);
    expect(chooser.isMultiple()).toBe(true);
    await chooser.setFiles([
      { name: 'dot.png', mimeType: 'image/png', buffer: PNG },
      { name: 'terms.pdf', mimeType: 'application/pdf', buffer: PDF },
    ]);
    const pending = page.getByRole('list', { name: 'Attachments to send' });
    await expect.poll(() => pending.getByRole('button', { name: /^Remove / }).count()).toBe(2);
    await expect.poll(() => pending.locator('progress').count()).toBe(0);

    // A text file calling itself a PNG: the server looks at the bytes.
    await files.setInputFiles({ name: 'holiday.png', mimeType: 'image/png', buffer: Buffer.from('not an image at all') });
    await pending.getByRole('alert').filter({ hasText: "holiday.png can't be attached: it isn't really the image or PDF its name says." }).waitFor();
    await expectAccessible(page, 'the composer with attachments on a phone');
    await screenshot(page, 'messaging-attachments-phone');
    await pending.getByRole('button', { name: 'Dismiss holiday.png' }).click();

    await page.getByRole('textbox', { name: 'Write to Bob Okafor' }).fill('The contract and a dot.');
    await page.getByRole('button', { name: 'Send', exact: true }).click();
    const last = page.getByRole('list', { name: 'Messages' }).getByRole('listitem').filter({ hasText: 'The contract and a dot.' });
    const shown = last.getByRole('list', { name: 'Attachments' });
    await shown.getByRole('link', { name: 'dot.png' }).waitFor();
    expect(await shown.textContent()).toContain(`PDF, ${PDF.length} bytes`);
    const pdf = shown.getByRole('link', { name: 'terms.pdf' });
    expect(await pdf.getAttribute('download')).toBe('terms.pdf');
    expect(await pdf.getAttribute('href')).toMatch(/^\/api\/v1\/attachments\/[^/]+$/);
    expect(await shown.getByRole('listitem').nth(0).textContent()).toContain(`Image, ${PNG.length} bytes`);
    expect(await pending.count()).toBe(0);
    // The link downloads those very bytes.
    const bytes = (await page.evaluate(
      `fetch(${JSON.stringify(await pdf.getAttribute('href'))}).then((r) => r.arrayBuffer()).then((b) => b.byteLength)`,
    )) as number;
    expect(bytes).toBe(PDF.length);
    await expectAccessible(page, 'a message with attachments on a phone');

    // A file dropped on the composer is attached as well.
    const drop = await page.evaluateHandle(`(() => {
      const data = new DataTransfer();
      data.items.add(new File([Uint8Array.from(atob(${JSON.stringify(PNG.toString('base64'))}), (c) => c.charCodeAt(0))], 'dropped.png', { type: 'image/png' }));
      return data;
    })()`);
    const composerForm = page.locator('form.composer');
    await composerForm.dispatchEvent('dragover', { dataTransfer: drop });
    await composerForm.dispatchEvent('drop', { dataTransfer: drop });
    await pending.getByRole('button', { name: 'Remove dropped.png' }).waitFor();
    await expect.poll(() => pending.locator('progress').count()).toBe(0);
    await pending.getByRole('button', { name: 'Remove dropped.png' }).click();
    expect(await pending.count()).toBe(0);
    const stored = await app.db.selectFrom('messages').select('id').where('text', '=', 'The contract and a dot.').execute();
    expect(stored).toHaveLength(1);
  });

  it('a message sent in one tab shows in the other member’s open thread, list and badge without a reload', async () => {
    // Earlier tabs would read what arrives (an open thread reads itself): only these two are open.
    for (const p of pages) await p.context.close();
    const a = await open();
    const b = await open();
    await Promise.all([logIn(a.page, app.url, alice.email, PASSWORD), logIn(b.page, app.url, bob.email, PASSWORD)]);
    // Alice has her thread with Bob open; Bob his classic inbox's Received folder.
    await a.page.goto(`${app.url}/messages/${withBob}`);
    const bubbles = a.page.getByRole('list', { name: 'Messages' }).getByRole('listitem');
    await bubbles.first().waitFor();
    const before = await bubbles.count();
    await b.page.goto(`${app.url}/inbox/received`);
    const bobItems = b.page.getByRole('list', { name: 'Received messages' }).getByRole('listitem');
    await bobItems.first().waitFor();
    await Promise.all([mark(a.page), mark(b.page)]);
    const bobIcon = b.page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Inbox', exact: true });
    // Unread for him: Alice's message with attachments.
    expect(await descriptionOf(bobIcon)).toBe('1 unread');

    // Bob writes in the thread from another tab of his: Alice's open thread shows it, and reads it.
    const bob2 = await open();
    await logIn(bob2.page, app.url, bob.email, PASSWORD);
    const bobMessage = await app.db
      .selectFrom('messages')
      .select('id')
      .where('conversation_id', '=', withBob)
      .where('sender_id', '=', bob.id)
      .executeTakeFirstOrThrow();
    await bob2.page.goto(`${app.url}/inbox/received/message/${withBob}/${bobMessage.id}`);
    await bob2.page.getByRole('textbox', { name: 'Write a reply' }).fill('Live from the other tab');
    await bob2.page.getByRole('button', { name: 'Reply', exact: true }).click();
    await a.page.getByRole('list', { name: 'Messages' }).getByText('Live from the other tab').waitFor({ timeout: 5_000 });
    expect(await bubbles.count()).toBe(before + 1);
    const list = a.page.getByRole('list', { name: 'Conversations', exact: true });
    await list.getByText('Live from the other tab').waitFor({ timeout: 5_000 });
    // Writing in the thread read it for Bob: his first tab's badge follows.
    await expect.poll(() => descriptionOf(bobIcon), { timeout: 5_000 }).toBe('0 unread');

    // Alice answers: Bob's Received folder and badge follow, without a reload.
    await a.page.getByRole('textbox', { name: 'Write to Bob Okafor' }).fill('Got it, live!');
    await a.page.getByRole('textbox', { name: 'Write to Bob Okafor' }).press('Enter');
    await bobItems.filter({ hasText: 'Got it, live!' }).waitFor({ timeout: 5_000 });
    await expect.poll(() => descriptionOf(bobIcon), { timeout: 5_000 }).toBe('1 unread');

    // A message in another of Alice's conversations: her list and badge count it.
    const aliceIcon = a.page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Inbox', exact: true });
    const aliceUnread = Number((await descriptionOf(aliceIcon)).split(' ')[0]);
    await sendMessage(app.db, app.deps, actor(carol), withCarol, 'Carol again, live');
    const carolRow = list.getByRole('listitem').filter({ hasText: 'Carol again, live' });
    await carolRow.waitFor({ timeout: 5_000 });
    await expect.poll(() => carolRow.textContent(), { timeout: 5_000 }).toContain('unread');
    await expect.poll(() => descriptionOf(aliceIcon), { timeout: 5_000 }).toBe(`${aliceUnread + 1} unread`);
    expect(await notReloaded(a.page)).toBe(true);
    expect(await notReloaded(b.page)).toBe(true);
    await expectAccessible(a.page, 'a thread updated live');

    // Logging out closes the stream.
    expect(app.server.services.events.count(alice.id)).toBe(1);
    await a.page.getByRole('button', { name: 'Me: Alice Martin' }).click();
    await a.page.getByRole('menuitem', { name: 'Log out' }).click();
    await a.page.getByText('You are logged out.').waitFor();
    await expect.poll(() => app.server.services.events.count(alice.id), { timeout: 5_000 }).toBe(0);
    expect(app.server.services.events.count(bob.id)).toBe(2);
  });

  it('blocks from a member’s profile, which closes the invitation between them, and unblocks there', async () => {
    const { page } = await open();
    await logIn(page, app.url, bob.email, PASSWORD);
    await page.goto(`${app.url}/members/${frank.id}`);
    await page.getByRole('heading', { level: 1, name: 'Frank Lee' }).waitFor();
    await page.getByRole('button', { name: 'Block Frank Lee' }).click();
    await page.getByRole('dialog', { name: 'Block Frank Lee?' }).getByRole('button', { name: 'Block', exact: true }).click();
    await page.getByText('You blocked Frank Lee.', { exact: true }).waitFor();
    await page.getByText("You blocked Frank Lee. Neither of you can message the other, and they can't invite you.").waitFor();
    // His invitation to Bob no longer waits: it is ignored (and Frank, as ever, not told).
    expect(await statusOf(frankToBob)).toBe('ignored');
    // His invitation is gone from the profile: no Accept any more.
    await expect.poll(() => page.getByRole('button', { name: 'Accept', exact: true }).count()).toBe(0);
    await expectAccessible(page, 'the profile of a blocked member');

    await page.getByRole('button', { name: 'Unblock Frank Lee' }).click();
    await page.getByRole('dialog', { name: 'Unblock Frank Lee?' }).getByRole('button', { name: 'Unblock', exact: true }).click();
    await page.getByRole('button', { name: 'Block Frank Lee' }).waitFor();
    expect(await app.db.selectFrom('member_blocks').select('blocker_id').where('blocker_id', '=', bob.id).execute()).toEqual([]);

    // In the classic inbox, a message's actions block too, and its reply box says why it is off.
    const first = await app.db.selectFrom('messages').select('id').where('conversation_id', '=', withBob).orderBy('seq').executeTakeFirstOrThrow();
    await page.goto(`${app.url}/inbox/received/message/${withBob}/${first.id}`);
    await page.getByRole('button', { name: 'Block Alice Martin' }).click();
    await page.getByRole('dialog', { name: 'Block Alice Martin?' }).getByRole('button', { name: 'Block', exact: true }).click();
    await expect.poll(() => page.getByRole('textbox', { name: 'Write a reply' }).isDisabled()).toBe(true);
    await page.getByText('You blocked Alice Martin, so neither of you can send messages here.', { exact: false }).waitFor();
    await expectAccessible(page, 'a classic message with a blocked member');
    await page.getByRole('button', { name: 'Unblock Alice Martin' }).click();
    await page.getByRole('dialog', { name: 'Unblock Alice Martin?' }).getByRole('button', { name: 'Unblock', exact: true }).click();
    await expect.poll(() => page.getByRole('textbox', { name: 'Write a reply' }).isDisabled()).toBe(false);
  });
});
