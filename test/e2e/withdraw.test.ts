/**
 * The help-centre article on canceling invitations, followed word for word in a real browser,
 * and what members without the features, recipients and e-mail recipients see.
 */
import { existsSync } from 'node:fs';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CHROMIUM, descriptionOf, expectAccessible, finish, focusedName, launchBrowser, logIn, newPage, screenshot, type TestPage } from './browser.js';
import { DAY, PASSWORD, startE2eApp, type E2eApp, type TestMember } from './fixtures.js';

const HOSTILE = '<img src=x onerror=alert(1)>';

const RECIPIENTS = [
  'Priya Bilas',
  'Ada Lovelace',
  'Mateo García',
  'Grace Hopper',
  'Linus Torvalds',
  'Margaret Hamilton',
  'Ken Thompson',
  'Barbara Liskov',
  'Dennis Ritchie',
  'Frances Allen',
  'Edsger Dijkstra',
  'Radia Perlman',
  'Tim Berners-Lee',
  'Katherine Johnson',
  'John McCarthy',
  'Hedy Lamarr',
  'Guido van Rossum',
  'Sophie Wilson',
  'Bjarne Stroustrup',
  'Anita Borg',
  'Donald Knuth',
  'Mary Shaw',
  'Niklaus Wirth',
  'Karen Spärck Jones',
  'Leslie Lamport',
  'Shafi Goldwasser',
  'Yukihiro Matsumoto',
  'Jean Sammet',
];

describe.skipIf(!existsSync(CHROMIUM))('the web app: canceling invitations', () => {
  let app: E2eApp;
  let browser: Browser;
  let alice: TestMember;
  let bob: TestMember;
  let carol: TestMember;
  let zed: TestMember;
  const pages: TestPage[] = [];

  const open = async (options?: Parameters<typeof newPage>[1]) => {
    const p = await newPage(browser, options);
    pages.push(p);
    return p;
  };

  beforeAll(async () => {
    [app, browser] = await Promise.all([startE2eApp(), launchBrowser()]);
    alice = await app.member('Alice Martin', { email: 'alice@northwind.example', headline: 'Head of Talent at Northwind' });
    bob = await app.member('Bob Okafor', { email: 'bob@contoso.example', headline: 'Product Manager at Contoso' });
    carol = await app.member('Carol Recipient', { email: 'carol@example.test' });
    zed = await app.member('Zed Bulk', { email: 'zed@example.test' });
    await app.grantFeatures([alice.id, zed.id]);

    // Alice: pending invitations over the last weeks, and one accepted, withdrawn and expired each.
    const people = [];
    for (const name of RECIPIENTS) people.push(await app.member(name));
    for (const [i, person] of people.entries()) {
      await app.invite(alice, { memberId: person.id }, { daysAgo: 60 - i * 2, message: i % 3 === 0 ? 'It would be great to connect.' : null });
    }
    await app.invite(alice, { email: 'candidate@mail.example' }, { daysAgo: 5, message: 'Hello! I would like to add you to my network.' });
    const accepted = await app.member('Alan Turing');
    await app.accept(accepted, await app.invite(alice, { memberId: accepted.id }, { daysAgo: 1 }));
    const withdrawn = await app.member('Hal Withdrawn');
    await app.withdraw(alice, await app.invite(alice, { memberId: withdrawn.id }, { daysAgo: 2 }));
    const expired = await app.member('Olga Expired');
    await app.invite(alice, { memberId: expired.id }, { daysAgo: 200 });
    await app.invite(alice, { memberId: carol.id }, { message: 'We met at the product meetup.' });
    // Invitations waiting for Alice's own answer (the Add Connections badge).
    for (const name of ['Nora Sender', 'Omar Sender']) {
      const sender = await app.member(name);
      await app.invite(sender, { memberId: alice.id }, { message: 'Would love to connect!' });
    }
    // Bob has neither feature.
    for (const name of ['Ivy Bob-Contact', 'Jon Bob-Contact', 'Kim Bob-Contact']) {
      await app.invite(bob, { memberId: (await app.member(name)).id }, { daysAgo: 10 });
    }
    // Zed: many old e-mail invitations, more than one page, and a few recent ones.
    for (let i = 0; i < 30; i++) await app.invite(zed, { email: `old${i}@mail.example` }, { daysAgo: 40 + i });
    for (let i = 0; i < 3; i++) await app.invite(zed, { email: `new${i}@mail.example` }, { daysAgo: 1 });
    const bobAccepted = await app.member('Lea Accepted');
    await app.accept(bobAccepted, await app.invite(bob, { memberId: bobAccepted.id }, { daysAgo: 3 }));
  });

  afterAll(() => finish(browser, app, pages));

  const sentRows = (page: Page) => page.getByRole('list', { name: 'Invitations awaiting a response' }).getByRole('listitem');

  it('cancels several invitations at once, following the article step by step', async () => {
    const { page } = await open();
    await logIn(page, app.url, alice.email, PASSWORD);
    await expectAccessible(page, 'the home page');
    await screenshot(page, 'home');

    // 1. Hover your cursor over the Add Connections icon at the top right of your homepage.
    const addConnections = page.getByRole('button', { name: 'Add Connections', exact: true });
    expect(await descriptionOf(addConnections)).toBe('2 invitations waiting for your answer');
    await addConnections.hover();
    const dropdown = page.getByRole('group', { name: 'Waiting for your answer' });
    await dropdown.getByRole('button', { name: 'Accept invitation from Nora Sender' }).waitFor();
    await dropdown.getByRole('button', { name: 'Ignore invitation from Omar Sender' }).waitFor();
    await expectAccessible(page, 'the Add Connections dropdown');
    await screenshot(page, 'add-connections-dropdown');

    // 2. Click Invitations or See all in the top right of the Add Connections dropdown menu.
    await dropdown.getByRole('link', { name: 'Invitations', exact: true }).click();

    // 3. You'll be taken to the People You May Know page. Click on the People icon in the upper
    //    right and select Sent invitations from the dropdown.
    await page.getByRole('heading', { level: 1, name: 'People You May Know' }).waitFor();
    await expectAccessible(page, 'People You May Know');
    await screenshot(page, 'people-you-may-know');
    await page.getByRole('button', { name: 'People', exact: true }).click();
    await page.getByRole('menu', { name: 'People' }).waitFor();
    await expectAccessible(page, 'the People menu');
    await screenshot(page, 'people-menu');
    await page.getByRole('menuitem', { name: 'Sent invitations' }).click();
    await page.getByRole('heading', { level: 1, name: 'Sent invitations' }).waitFor();

    //    Only sent invitations that are waiting for a response will be displayed.
    await sentRows(page).first().waitFor();
    expect(await sentRows(page).count()).toBe(25);
    await page.getByRole('button', { name: 'Load more' }).click();
    await expect.poll(() => sentRows(page).count()).toBe(RECIPIENTS.length + 2);
    for (const name of ['Alan Turing', 'Hal Withdrawn', 'Olga Expired']) expect(await page.getByText(name).count()).toBe(0);
    const texts = await sentRows(page).allTextContents();
    expect(texts[0]).toContain('Carol Recipient');
    await page.getByText(`${RECIPIENTS.length + 2} invitations awaiting a response`).waitFor();
    await expectAccessible(page, 'Sent invitations');
    await screenshot(page, 'sent-invitations');

    // 4. Select the invitations you want to cancel.
    for (const name of ['Priya Bilas', 'Ada Lovelace', 'Mateo García']) await page.getByRole('checkbox', { name: `Select ${name}`, exact: true }).check();
    await page.getByText('3 selected').waitFor();

    // 5. Click Cancel requests.
    await page.getByRole('button', { name: 'Cancel requests', exact: true }).click();
    const dialog = page.getByRole('dialog', { name: 'Cancel 3 requests?' });
    await dialog.waitFor();
    expect(await dialog.getAttribute('aria-modal')).toBe('true');
    await expectAccessible(page, 'the Cancel requests dialog');
    await screenshot(page, 'cancel-requests-dialog');
    await dialog.getByRole('button', { name: 'Cancel requests', exact: true }).click();
    await page.getByText('Canceled 3 requests.', { exact: false }).waitFor();
    await expect.poll(() => sentRows(page).count()).toBe(RECIPIENTS.length - 1);
    for (const name of ['Priya Bilas', 'Ada Lovelace', 'Mateo García']) expect(await page.getByRole('checkbox', { name: `Select ${name}` }).count()).toBe(0);

    const withdrawn = await page.request.get(`${app.url}/api/v1/invitations/sent?status=withdrawn&limit=100`);
    const names = ((await withdrawn.json()) as { items: { recipient: { name?: string } }[] }).items.map((i) => i.recipient.name);
    expect(names).toEqual(expect.arrayContaining(['Priya Bilas', 'Ada Lovelace', 'Mateo García', 'Hal Withdrawn']));
  });

  it('withdraws one invitation from the inbox, and shows no Withdraw where it cannot', async () => {
    const { page } = await open();
    await logIn(page, app.url, alice.email, PASSWORD);

    // 1. Click the Inbox icon in the top right of your homepage.
    await page.getByRole('link', { name: 'Inbox', exact: true }).click();
    await page.getByRole('heading', { level: 1, name: 'Inbox' }).waitFor();
    await expectAccessible(page, 'the inbox');

    // 2. Click Sent on the left (it counts the acceptance as unread news).
    await page.getByRole('navigation', { name: 'Folders' }).getByRole('link', { name: 'Sent 1 unread', exact: true }).click();
    const items = page.getByRole('list', { name: 'Sent messages' }).getByRole('listitem');
    await items.first().waitFor();
    await expectAccessible(page, 'the Sent folder');
    await screenshot(page, 'inbox-sent');

    // 3. Find an invitation without "Accepted" next to the name.
    const accepted = items.filter({ hasText: 'Alan Turing' });
    expect(await accepted.getByText('Accepted', { exact: true }).count()).toBe(1);
    const pending = items.filter({ hasNotText: 'Accepted' }).first();
    expect(await pending.textContent()).toContain('Carol Recipient');

    // 4. Click the subject line of the invitation.
    await pending.getByRole('link', { name: 'Invitation to connect with Carol Recipient' }).click();
    await page.getByRole('heading', { level: 2, name: 'Invitation to connect with Carol Recipient' }).waitFor();
    await page.getByText('We met at the product meetup.').waitFor();
    await expectAccessible(page, 'an invitation in the inbox');
    await screenshot(page, 'inbox-invitation');

    // 5. Click Withdraw.
    await page.getByRole('button', { name: 'Withdraw', exact: true }).click();
    const dialog = page.getByRole('dialog', { name: 'Withdraw this invitation?' });
    await dialog.waitFor();
    // It says what it costs: the date until which they cannot be invited again (three weeks by default).
    const until = await page.evaluate((ms) => new Intl.DateTimeFormat(undefined, { dateStyle: 'medium' }).format(new Date(Date.now() + ms)), 21 * DAY);
    expect(await dialog.innerText()).toContain(`You won't be able to invite them again until ${until}.`);
    await expectAccessible(page, 'the inbox Withdraw dialog');
    await dialog.getByRole('button', { name: 'Withdraw', exact: true }).click();
    await page.getByText('Invitation withdrawn.', { exact: false }).waitFor();
    await page.getByText('This invitation can no longer be withdrawn.').waitFor();
    expect(await page.getByRole('button', { name: 'Withdraw', exact: true }).count()).toBe(0);

    //    If the Withdraw button isn't there, the invitation can't be withdrawn.
    for (const [name, word] of [
      ['Alan Turing', 'Accepted'],
      ['Hal Withdrawn', 'Withdrawn'],
      ['Olga Expired', 'Expired'],
    ] as const) {
      await page.getByRole('link', { name: '← All messages' }).click();
      const row = items.filter({ hasText: name });
      const loadMore = page.getByRole('button', { name: 'Load more' });
      // The list may be loading again (opening a message marks it read): wait for the row, or a page to load.
      await row.or(loadMore).first().waitFor();
      while ((await row.count()) === 0) {
        await loadMore.click();
        await row.or(loadMore).first().waitFor();
      }
      expect(await row.getByText(word, { exact: true }).count()).toBe(1);
      await row.getByRole('link', { name: `Invitation to connect with ${name}` }).click();
      await page.getByRole('heading', { level: 2, name: `Invitation to connect with ${name}` }).waitFor();
      await page.locator('.status-word', { hasText: word }).waitFor();
      expect(await page.getByRole('button', { name: 'Withdraw' }).count()).toBe(0);
    }
    await expectAccessible(page, 'an expired invitation');
  });

  it('gives a member without the features a Withdraw per row and a way to ask support', async () => {
    const { page } = await open();
    await logIn(page, app.url, bob.email, PASSWORD);
    await page.getByRole('button', { name: 'People', exact: true }).click();
    await page.getByRole('menuitem', { name: 'Sent invitations' }).click();
    await page.getByRole('heading', { level: 1, name: 'Sent invitations' }).waitFor();
    await sentRows(page).first().waitFor();
    expect(await sentRows(page).count()).toBe(3);
    expect(await page.getByRole('checkbox').count()).toBe(0);
    expect(await page.getByRole('button', { name: 'Cancel requests' }).count()).toBe(0);
    expect(await page.getByRole('button', { name: /^Withdraw invitation to / }).count()).toBe(3);
    await page.getByRole('link', { name: 'contact support to cancel all your pending invitations' }).waitFor();
    await expectAccessible(page, 'Sent invitations without bulk withdraw');
    await screenshot(page, 'sent-invitations-without-bulk');

    await page.getByRole('button', { name: 'Withdraw invitation to Ivy Bob-Contact' }).click();
    const dialog = page.getByRole('dialog', { name: 'Withdraw the invitation to Ivy Bob-Contact?' });
    await dialog.getByRole('button', { name: 'Withdraw', exact: true }).click();
    await page.getByText(/Invitation to Ivy Bob-Contact withdrawn\. They won't be notified\. You can invite them again after/).waitFor();
    await expect.poll(() => sentRows(page).count()).toBe(2);

    // No Withdraw in the inbox either: it says where to go instead.
    await page.getByRole('link', { name: 'Inbox', exact: true }).click();
    await page
      .getByRole('navigation', { name: 'Folders' })
      .getByRole('link', { name: /^Sent\b/ })
      .click();
    const items = page.getByRole('list', { name: 'Sent messages' }).getByRole('listitem');
    await items.first().waitFor();
    await items.filter({ hasText: 'Jon Bob-Contact' }).getByRole('link').click();
    await page.getByRole('heading', { level: 2, name: 'Invitation to connect with Jon Bob-Contact' }).waitFor();
    await page.getByRole('link', { name: 'invitations awaiting a response' }).waitFor();
    expect(await page.getByRole('button', { name: 'Withdraw' }).count()).toBe(0);
    await expectAccessible(page, 'an invitation without inbox withdraw');

    // The pointer to support files the request.
    await page.getByRole('button', { name: 'People', exact: true }).click();
    await page.getByRole('menuitem', { name: 'Sent invitations' }).click();
    await page.getByRole('link', { name: 'contact support to cancel all your pending invitations' }).click();
    await page.getByRole('heading', { level: 1, name: 'Contact support' }).waitFor();
    await expectAccessible(page, 'Contact support');
    await page.getByRole('button', { name: 'Send request' }).click();
    await page.getByRole('heading', { name: 'Request sent' }).waitFor();
    await page.getByText('Open', { exact: true }).waitFor();
    await screenshot(page, 'contact-support');
    // Coming back while it is open: the page says so, and offers no second request.
    await page.reload();
    await page.getByRole('heading', { name: 'Your request is open' }).waitFor();
    expect(await page.getByRole('button', { name: 'Send request' }).count()).toBe(0);
    await expectAccessible(page, 'Contact support with a request open');
  });

  it('removes a withdrawn invitation from the recipient’s list and badge', async () => {
    const sender = await app.member('Quinn Sender');
    const id = await app.invite(sender, { memberId: carol.id }, { message: 'Hi Carol!' });
    const { page } = await open();
    await logIn(page, app.url, carol.email, PASSWORD);
    const addConnections = page.getByRole('button', { name: 'Add Connections', exact: true });
    // Alice's invitation was withdrawn in the inbox test; only Quinn's is left.
    await expect.poll(() => descriptionOf(addConnections)).toBe('1 invitation waiting for your answer');
    await page.goto(`${app.url}/invitations/received`);
    const rows = page.getByRole('list', { name: 'Invitations waiting for your answer' }).getByRole('listitem');
    await rows.first().waitFor();
    expect(await rows.allTextContents()).toEqual([expect.stringContaining('Quinn Sender')]);
    expect(await page.getByText('Alice Martin').count()).toBe(0);
    await expectAccessible(page, 'Received invitations');
    await screenshot(page, 'received-invitations');

    await app.withdraw(sender, id);
    await page.reload();
    await page.getByText('Nothing is waiting for your answer.').waitFor();
    await expect.poll(() => descriptionOf(addConnections)).toBe('0 invitations waiting for your answer');
    await page.getByRole('link', { name: 'Inbox', exact: true }).click();
    await page.getByText('Your inbox is empty.').waitFor();
    expect(await page.getByText('Quinn Sender').count()).toBe(0);
  });

  it('opens e-mail links: accept after signing up, or "no longer available" once withdrawn', async () => {
    const { page } = await open();
    await logIn(page, app.url, alice.email, PASSWORD);
    await page.goto(`${app.url}/people-you-may-know`);
    await page.getByLabel('E-mail address or mobile number').fill('dana.new@example.test');
    await page.getByLabel('Note (optional)').fill('Great meeting you at the conference.');
    await page.getByRole('button', { name: 'Send invitation' }).click();
    await page.getByText('Invitation sent to dana.new@example.test.').waitFor();

    const [link] = await app.linksFor('dana.new@example.test', '/i/');
    const guest = await open();
    await guest.page.goto(link!);
    await guest.page.getByRole('heading', { level: 1, name: 'Alice Martin invited you to connect' }).waitFor();
    await guest.page.getByText('Great meeting you at the conference.').waitFor();
    await expectAccessible(guest.page, 'the invitation link page');
    await screenshot(guest.page, 'invitation-link');
    await guest.page.getByRole('link', { name: 'Sign up to accept' }).click();
    await guest.page.getByRole('heading', { level: 1, name: 'Create your Rapport account' }).waitFor();
    expect(await guest.page.getByLabel('E-mail address').inputValue()).toBe('dana.new@example.test');
    await expectAccessible(guest.page, 'the sign-up page');
    await screenshot(guest.page, 'sign-up');
    await guest.page.getByLabel('Full name').fill('Dana New');
    await guest.page.getByLabel('Password').fill('a-good-password');
    await guest.page.getByRole('button', { name: 'Sign up' }).click();
    await guest.page.getByRole('heading', { level: 1, name: 'Alice Martin invited you to connect' }).waitFor();
    await guest.page.getByRole('button', { name: 'Accept', exact: true }).click();
    await guest.page.getByRole('heading', { level: 1, name: "You're now connected with Alice Martin" }).waitFor();

    const id = await app.invite(alice, { email: 'erin.gone@example.test' });
    const [gone] = await app.linksFor('erin.gone@example.test', '/i/');
    await app.withdraw(alice, id);
    const stranger = await open();
    await stranger.page.goto(gone!);
    await stranger.page.getByRole('heading', { level: 1, name: 'This invitation is no longer available' }).waitFor();
    expect(await stranger.page.getByText('Alice').count()).toBe(0);
    await expectAccessible(stranger.page, 'an unavailable invitation link');
    await screenshot(stranger.page, 'invitation-unavailable');

    const [optOut] = await app.linksFor('erin.gone@example.test', '/opt-out/');
    await stranger.page.goto(optOut!);
    await stranger.page.getByRole('heading', { level: 1, name: 'Stop invitations and reminders' }).waitFor();
    await expectAccessible(stranger.page, 'the opt-out page');
    await screenshot(stranger.page, 'opt-out');
    await stranger.page.getByRole('button', { name: 'Stop all invitations and reminders' }).click();
    await stranger.page.getByRole('heading', { level: 1, name: "You won't hear from Rapport again" }).waitFor();
  });

  it('shows a hostile note as text, never as HTML', async () => {
    const mallory = await app.member('Mallory Note');
    await app.invite(mallory, { memberId: carol.id }, { message: HOSTILE });
    const { page, dialogs } = await open();
    await logIn(page, app.url, carol.email, PASSWORD);
    await page.getByRole('button', { name: 'Add Connections', exact: true }).hover();
    await page.getByRole('group', { name: 'Waiting for your answer' }).getByText(HOSTILE).waitFor();
    await page.goto(`${app.url}/invitations/received`);
    await page.getByText(HOSTILE, { exact: true }).waitFor();
    await page.getByRole('link', { name: 'Inbox', exact: true }).click();
    await page.getByRole('link', { name: 'Mallory Note would like to connect' }).click();
    await page.getByText(HOSTILE, { exact: true }).waitFor();
    await page.waitForTimeout(300);
    expect(await page.locator('img').count()).toBe(0);
    expect(dialogs).toEqual([]);
    await expectAccessible(page, 'a received invitation in the inbox');
  });

  it('counts unread messages on the Inbox icon; opening one reads it, and all can be read at once', async () => {
    const reader = await app.member('Rita Reader');
    const friend = await app.member('Sam Friend');
    for (const name of ['Una Sender', 'Vic Sender']) await app.invite(await app.member(name), { memberId: reader.id });
    // Her own invitation, accepted: news in her Sent folder.
    await app.accept(friend, await app.invite(reader, { memberId: friend.id }));
    const { page } = await open();
    await logIn(page, app.url, reader.email, PASSWORD);
    const inboxIcon = page.getByRole('link', { name: 'Inbox', exact: true });
    await expect.poll(() => descriptionOf(inboxIcon)).toBe('3 unread');

    await inboxIcon.click();
    const folders = page.getByRole('navigation', { name: 'Folders' });
    await folders.getByRole('link', { name: 'Received 2 unread' }).waitFor();
    await folders.getByRole('link', { name: 'Sent 1 unread' }).waitFor();
    const items = page.getByRole('list', { name: 'Received messages' }).getByRole('listitem');
    await items.first().waitFor();
    expect(await items.getByText('Unread:').count()).toBe(2);
    await expectAccessible(page, 'the inbox with unread messages');
    await screenshot(page, 'inbox-unread');

    await page.getByRole('link', { name: 'Una Sender would like to connect' }).click();
    await page.getByRole('heading', { level: 2, name: 'Una Sender would like to connect' }).waitFor();
    await expect.poll(() => descriptionOf(inboxIcon)).toBe('2 unread');
    await page.getByRole('link', { name: '← All messages' }).click();
    await items.first().waitFor();
    expect(await items.filter({ hasText: 'Una Sender' }).getByText('Unread:').count()).toBe(0);
    expect(await items.filter({ hasText: 'Vic Sender' }).getByText('Unread:').count()).toBe(1);

    // Mark all as read reads the open folder only, and says which.
    await page.getByRole('button', { name: 'Mark all in Received as read' }).click();
    await page.getByText('1 message in Received marked as read.').waitFor();
    await expect.poll(() => descriptionOf(inboxIcon)).toBe('1 unread');
    expect(await items.getByText('Unread:').count()).toBe(0);
    await folders.getByRole('link', { name: 'Sent 1 unread' }).click();
    await page.getByRole('button', { name: 'Mark all in Sent as read' }).click();
    await page.getByText('1 message in Sent marked as read.').waitFor();
    await expect.poll(() => descriptionOf(inboxIcon)).toBe('0 unread');
    await folders.getByRole('link', { name: 'Received', exact: true }).click();
    await items.first().waitFor();

    // A read message can be marked unread again: back to the list, counted on the icon.
    await page.getByRole('link', { name: 'Vic Sender would like to connect' }).click();
    await page.getByRole('heading', { level: 2, name: 'Vic Sender would like to connect' }).waitFor();
    await page.getByRole('button', { name: 'Mark as unread' }).click();
    await expect.poll(() => descriptionOf(inboxIcon)).toBe('1 unread');
    await items.filter({ hasText: 'Vic Sender' }).getByText('Unread:').waitFor();
    await folders.getByRole('link', { name: 'Sent', exact: true }).waitFor();
  });

  it('keeps the unread count an opened message gave, when a slower read of the badges lands after it', async () => {
    const reader = await app.member('Tess Reader');
    for (const name of ['Uri Sender', 'Val Sender']) await app.invite(await app.member(name), { memberId: reader.id });
    const { page } = await open();
    await logIn(page, app.url, reader.email, PASSWORD);
    const inboxIcon = page.getByRole('link', { name: 'Inbox', exact: true });
    await expect.poll(() => descriptionOf(inboxIcon)).toBe('2 unread');
    await inboxIcon.click();
    const subject = page.getByRole('link', { name: 'Uri Sender would like to connect' });
    await subject.waitFor();
    // The read of the badges that the navigation starts is answered by the server before the
    // message is marked read, and reaches the page after the marking's own answer: it is stale.
    let slow = 0;
    let served!: () => void;
    const staleServed = new Promise<void>((resolve) => (served = resolve));
    let marked!: () => void;
    const markedRead = new Promise<void>((resolve) => (marked = resolve));
    await page.route(
      (url) => url.pathname === '/api/v1/auth/session',
      async (route) => {
        slow++;
        try {
          const response = await route.fetch();
          served();
          await markedRead;
          await new Promise((r) => setTimeout(r, 200));
          await route.fulfill({ response });
        } catch {
          // The page gave this read up (a newer one replaced it): there is nobody to answer.
        } finally {
          slow--;
        }
      },
    );
    await page.route(
      (url) => /^\/api\/v1\/inbox\/[^/]+\/read$/.test(url.pathname),
      async (route) => {
        await staleServed;
        await route.fulfill({ response: await route.fetch() });
        marked();
      },
    );
    await subject.click();
    await page.getByRole('heading', { level: 2, name: 'Uri Sender would like to connect' }).waitFor();
    await expect.poll(() => descriptionOf(inboxIcon)).toBe('1 unread');
    await expect.poll(() => slow, { timeout: 5_000 }).toBe(0);
    expect(await descriptionOf(inboxIcon)).toBe('1 unread');
    await page.unrouteAll({ behavior: 'ignoreErrors' });
  });

  it('cancels requests with the keyboard alone (Tab, Space, Enter)', async () => {
    const { page } = await open();
    await logIn(page, app.url, alice.email, PASSWORD);
    await page.goto(`${app.url}/invitations/sent`);
    await sentRows(page).first().waitFor();
    const firstTwo = (await sentRows(page).allTextContents()).slice(0, 2);

    const tabUntil = async (want: (name: string) => boolean, key = 'Tab') => {
      for (let i = 0; i < 60; i++) {
        await page.keyboard.press(key);
        if (want(await focusedName(page))) return;
      }
      throw new Error(`never reached the element (last: ${await focusedName(page)})`);
    };
    const isRowCheckbox = (name: string) => name.startsWith('Select ') && name !== 'Select all';

    await tabUntil(isRowCheckbox);
    await page.keyboard.press('Space');
    await tabUntil(isRowCheckbox);
    await page.keyboard.press('Space');
    await page.getByText('2 selected').waitFor();
    await tabUntil((name) => name === 'Cancel requests', 'Shift+Tab');
    await page.keyboard.press('Enter');

    const dialog = page.getByRole('dialog', { name: 'Cancel 2 requests?' });
    await dialog.waitFor();
    expect(await focusedName(page)).toBe('Keep them');
    await page.keyboard.press('Tab');
    expect(await focusedName(page)).toBe('Cancel requests');
    await page.keyboard.press('Tab');
    expect(await focusedName(page), 'focus stays inside the dialog').toBe('Keep them');
    await page.keyboard.press('Enter');
    await dialog.waitFor({ state: 'detached' });
    expect(await focusedName(page), 'focus returns to the button').toBe('Cancel requests');

    await page.keyboard.press('Enter');
    await dialog.waitFor();
    await page.keyboard.press('Escape');
    await dialog.waitFor({ state: 'detached' });
    await page.keyboard.press('Enter');
    await dialog.waitFor();
    await page.keyboard.press('Tab');
    await page.keyboard.press('Enter');
    await page.getByText('Canceled 2 requests.', { exact: false }).waitFor();
    const after = await sentRows(page).allTextContents();
    for (const text of firstTwo) expect(after).not.toContain(text);
  });

  it('cancels all N matching a filter, beyond the page shown', async () => {
    const { page } = await open();
    await logIn(page, app.url, zed.email, PASSWORD);
    await page.goto(`${app.url}/invitations/sent`);
    await page.getByText('33 invitations awaiting a response').waitFor();
    await page.getByLabel('Sent', { exact: true }).selectOption('30');
    await page.getByText('30 invitations awaiting a response match these filters').waitFor();
    await expect.poll(() => sentRows(page).count()).toBe(25);
    await page.getByRole('checkbox', { name: 'Select all', exact: true }).check();
    await page.getByText('All 25 shown are selected.').waitFor();
    await page.getByRole('button', { name: 'Select all 30 matching' }).click();
    await page.getByText('All 30 matching invitations are selected.').waitFor();
    await page.getByRole('button', { name: 'Cancel requests', exact: true }).click();
    await page.getByRole('dialog', { name: 'Cancel 30 requests?' }).getByRole('button', { name: 'Cancel requests', exact: true }).click();
    await page.getByText('Canceled 30 requests.', { exact: false }).waitFor();
    await page.getByText('No invitation awaiting a response matches these filters.').waitFor();
    await page.getByLabel('Sent', { exact: true }).selectOption('');
    await page.getByText('3 invitations awaiting a response').waitFor();
    await expect.poll(() => sentRows(page).count()).toBe(3);

    await page.getByRole('button', { name: 'Me: Zed Bulk' }).click();
    await page.getByRole('menuitem', { name: 'Log out' }).click();
    await page.getByRole('heading', { level: 1, name: 'Log in to Rapport' }).waitFor();
    await page.getByText('You are logged out.').waitFor();
    await page.goto(`${app.url}/invitations/sent`);
    await page.getByRole('heading', { level: 1, name: 'Log in to Rapport' }).waitFor();
  });
});
