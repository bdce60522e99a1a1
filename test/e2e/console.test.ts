/**
 * The rest of the web app in a real browser: the support console's withdraw-all, the admin's
 * pages, people pages, contacts import, refusals in plain words, a slow or failing API, dark mode
 * and a phone's width.
 */
import { existsSync } from 'node:fs';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CHROMIUM, expectAccessible, finish, launchBrowser, logIn, newPage, screenshot, type TestPage } from './browser.js';
import { PASSWORD, startE2eApp, type E2eApp, type TestMember } from './fixtures.js';

describe.skipIf(!existsSync(CHROMIUM))('the web app: support console, people pages, resilience', () => {
  let app: E2eApp;
  let browser: Browser;
  let dave: TestMember;
  let agent: TestMember;
  let admin: TestMember;
  let erin: TestMember;
  let gus: TestMember;
  let hank: TestMember;
  const pages: TestPage[] = [];

  const open = async (options?: Parameters<typeof newPage>[1]) => {
    const p = await newPage(browser, options);
    pages.push(p);
    return p;
  };

  const openMeMenu = async (page: Page, who: TestMember, item: string) => {
    await page.getByRole('button', { name: `Me: ${who.name}` }).click();
    await page.getByRole('menuitem', { name: item }).click();
  };

  beforeAll(async () => {
    [app, browser] = await Promise.all([startE2eApp(), launchBrowser()]);
    agent = await app.member('Sam Support', { role: 'support', email: 'support@rapport.example' });
    admin = await app.member('Avery Admin', { role: 'admin', email: 'admin@rapport.example' });
    dave = await app.member('Dave Sender', { email: 'dave@example.test' });
    for (const name of ['Uma One', 'Vic Two', 'Wes Three']) await app.invite(dave, { memberId: (await app.member(name)).id }, { daysAgo: 20 });
    const daveAccepted = await app.member('Xia Accepted');
    await app.accept(daveAccepted, await app.invite(dave, { memberId: daveAccepted.id }, { daysAgo: 4 }));

    // Erin: a connection whose own connection is suggested, invitations to answer, a cooldown.
    erin = await app.member('Erin Explorer', { email: 'erin@example.test', headline: 'Designer at Example' });
    const fay = await app.member('Fay Friend');
    gus = await app.member('Gus Suggested', { email: 'gus@example.test', headline: 'Data Scientist at Example' });
    await app.accept(fay, await app.invite(erin, { memberId: fay.id }, { daysAgo: 30 }));
    await app.accept(gus, await app.invite(fay, { memberId: gus.id }, { daysAgo: 30 }));
    for (const name of ['Ines Inviter', 'Jack Inviter']) await app.invite(await app.member(name), { memberId: erin.id }, { message: 'Hello Erin' });
    hank = await app.member('Hank Cooldown');
    await app.withdraw(erin, await app.invite(erin, { memberId: hank.id }, { daysAgo: 2 }));
    for (const [i, name] of ['Kai Pending', 'Lou Pending', 'Mia Pending', 'Ned Pending'].entries()) {
      await app.invite(erin, { memberId: (await app.member(name)).id }, { daysAgo: 10 - i, message: i === 0 ? 'Good to see you at the meetup.' : null });
    }
    await app.invite(erin, { email: 'olive@mail.example' }, { daysAgo: 1 });
  });

  afterAll(() => finish(browser, app, pages));

  it("withdraws all of a member's pending invitations from the support console: a count first, then done", async () => {
    const member = await open();
    await logIn(member.page, app.url, dave.email, PASSWORD);
    await member.page.goto(`${app.url}/support/contact`);
    await member.page.getByLabel('Anything we should know? (optional)').fill('Please cancel everything I sent.');
    await member.page.getByRole('button', { name: 'Send request' }).click();
    await member.page.getByRole('heading', { name: 'Request sent' }).waitFor();

    const { page } = await open();
    await logIn(page, app.url, agent.email, PASSWORD);
    await openMeMenu(page, agent, 'Support console');
    await page.getByRole('heading', { level: 1, name: 'Support console' }).waitFor();
    const request = page.getByRole('listitem').filter({ hasText: 'Dave Sender' });
    await request.getByText('Please cancel everything I sent.').waitFor();
    await expectAccessible(page, 'the support request queue');
    await screenshot(page, 'support-console-requests');

    await request.getByRole('link', { name: 'Handle the request from Dave Sender' }).click();
    await page.getByRole('heading', { level: 3, name: 'Dave Sender' }).waitFor();
    expect(await page.getByLabel('Reason (kept in the audit trail)').inputValue()).not.toBe('');
    await page.getByRole('button', { name: 'Count pending invitations' }).click();
    await page.getByText('3 pending invitations would be withdrawn.').waitFor();
    await expectAccessible(page, 'the withdraw-all dry run');
    await screenshot(page, 'support-console-withdraw-all');
    await page.getByRole('button', { name: 'Withdraw 3 invitations' }).click();
    const dialog = page.getByRole('dialog', { name: 'Withdraw 3 invitations for Dave Sender?' });
    await dialog.getByRole('button', { name: 'Withdraw all' }).click();
    await page.getByText('Done: withdrew 3 invitations on behalf of Dave Sender. The request is marked done.').waitFor();

    await page.getByRole('link', { name: 'Requests', exact: true }).click();
    await page.getByLabel('Show').selectOption('done');
    await page.getByRole('listitem').filter({ hasText: 'Dave Sender' }).getByText('Done', { exact: true }).waitFor();

    await page.getByRole('link', { name: 'Audit trail', exact: true }).click();
    await page.getByLabel('Member id').fill(dave.id);
    await page.getByRole('button', { name: 'Filter' }).click();
    await page.getByRole('cell', { name: 'support.withdraw_all' }).waitFor();
    expect(await page.getByRole('row').filter({ hasText: 'invitation.withdrawn' }).count()).toBe(3);
    await expectAccessible(page, 'the audit trail');
    await screenshot(page, 'support-console-audit');

    await member.page.goto(`${app.url}/invitations/sent`);
    await member.page.getByText('No invitation you sent is waiting for a response.').waitFor();
    await member.page.goto(`${app.url}/support/contact`);
    await member.page.getByText(/^Done/).waitFor();
  });

  it('finds a member by name or e-mail address in the support console, with the keyboard', async () => {
    const { page } = await open();
    await logIn(page, app.url, agent.email, PASSWORD);
    await openMeMenu(page, agent, 'Support console');
    await page.getByRole('link', { name: 'Members', exact: true }).click();
    await page.getByRole('heading', { level: 2, name: 'Members' }).waitFor();

    // Part of a surname, typed in lower case, sent with Enter.
    await page.getByLabel('Find a member').fill('pendi');
    await page.keyboard.press('Enter');
    const results = page.getByRole('list', { name: 'Members matching “pendi”' });
    await results.waitFor();
    expect(await results.getByRole('listitem').allInnerTexts()).toEqual([
      expect.stringContaining('Kai Pending'),
      expect.stringContaining('Lou Pending'),
      expect.stringContaining('Mia Pending'),
      expect.stringContaining('Ned Pending'),
    ]);
    await page.getByRole('status').filter({ hasText: '4 matches found.' }).waitFor();
    await expectAccessible(page, 'the member lookup’s matches');
    await screenshot(page, 'support-console-member-lookup');

    // A name prefix puts Erin first; her row says who she is, and Enter on her name opens her.
    await page.getByLabel('Find a member').fill('Erin');
    await page.getByRole('button', { name: 'Search', exact: true }).click();
    const erinRow = page.getByRole('list', { name: 'Members matching “Erin”' }).getByRole('listitem').first();
    await erinRow.getByText('erin@example.test').waitFor();
    expect(await erinRow.innerText()).toMatch(/Erin Explorer[\s\S]*erin@example\.test · Member · joined/);
    await erinRow.getByRole('link', { name: 'Erin Explorer' }).focus();
    await page.keyboard.press('Enter');
    await page.getByRole('heading', { level: 3, name: 'Erin Explorer' }).waitFor();
    await page.getByText(`Id ${erin.id}`).waitFor();
    await page.getByRole('button', { name: 'Count pending invitations' }).waitFor();
    await expectAccessible(page, 'a member opened from the lookup');
    await page.getByRole('link', { name: 'Back to the matches for “Erin”' }).click();
    await page.getByRole('list', { name: 'Members matching “Erin”' }).waitFor();

    // An exact e-mail address, in any case, opens its member at once.
    await page.getByLabel('Find a member').fill('  GUS@Example.test ');
    await page.keyboard.press('Enter');
    await page.getByRole('heading', { level: 3, name: 'Gus Suggested' }).waitFor();
    expect(await page.getByRole('link', { name: /^Back to the matches/ }).count()).toBe(0);

    await page.getByLabel('Find a member').fill('nobody by this name');
    await page.keyboard.press('Enter');
    await page.getByText('No member matches “nobody by this name”.').waitFor();
  });

  it('gives admins flags, balance grants and the dev mailbox', async () => {
    const { page } = await open();
    await logIn(page, app.url, admin.email, PASSWORD);
    await openMeMenu(page, admin, 'Support console');
    await page.getByRole('link', { name: 'Members', exact: true }).click();
    await page.getByLabel('Find a member').fill(erin.id);
    await page.getByRole('button', { name: 'Search', exact: true }).click();
    await page.getByRole('heading', { level: 3, name: 'Erin Explorer' }).waitFor();
    await page.getByLabel('Invitations to add').fill('250');
    await page.getByRole('textbox', { name: 'Reason (kept in the audit trail)' }).last().fill('Recruiting drive');
    await page.getByRole('button', { name: 'Grant' }).click();
    await page.getByText(/^Available now: /).waitFor();
    await expectAccessible(page, 'the member page of the console');

    await page.getByRole('link', { name: 'Feature flags', exact: true }).click();
    await page.getByRole('heading', { level: 3, name: 'bulk-withdraw' }).waitFor();
    await expectAccessible(page, 'feature flags');
    await screenshot(page, 'support-console-flags');

    await openMeMenu(page, admin, 'Dev mailbox');
    await page.getByRole('heading', { level: 1, name: 'Dev mailbox' }).waitFor();
    await expect
      .poll(
        async () => {
          await page.reload();
          await page.getByRole('heading', { level: 1, name: 'Dev mailbox' }).waitFor();
          await page.waitForTimeout(200);
          return page.getByText('To dave@example.test', { exact: false }).count();
        },
        { timeout: 15_000 },
      )
      .toBeGreaterThan(0);
    await expectAccessible(page, 'the dev mailbox');
    await screenshot(page, 'dev-mailbox');
  });

  it('connects from a profile and says why a send is refused, in plain words', async () => {
    const { page } = await open();
    await logIn(page, app.url, erin.email, PASSWORD);
    await page.goto(`${app.url}/people-you-may-know`);
    const card = page.getByRole('listitem').filter({ hasText: 'Gus Suggested' });
    await card.getByText('1 mutual connection: Fay Friend').waitFor();
    await card.getByRole('link', { name: 'Gus Suggested' }).click();
    await page.getByRole('heading', { level: 1, name: 'Gus Suggested' }).waitFor();
    await expectAccessible(page, 'a profile');
    await screenshot(page, 'profile');
    await page.getByRole('button', { name: 'Connect', exact: true }).click();
    const dialog = page.getByRole('dialog', { name: 'Connect with Gus Suggested' });
    await dialog.getByLabel('Add a note (optional)').fill('Fay says we should talk.');
    await expectAccessible(page, 'the Connect dialog');
    await screenshot(page, 'connect-dialog');
    await dialog.getByRole('button', { name: 'Send invitation' }).click();
    await page.getByText('Invitation sent to Gus Suggested.').waitFor();
    await page.getByText('Pending', { exact: true }).waitFor();

    await page.goto(`${app.url}/members/${hank.id}`);
    await page.getByRole('button', { name: 'Connect', exact: true }).click();
    await page.getByRole('dialog').getByRole('button', { name: 'Send invitation' }).click();
    await page
      .getByRole('alert')
      .getByText(/^You withdrew an invitation to this person recently\. You can invite them again after [A-Z][a-z]{2} \d+, \d{4}/)
      .waitFor();
    await page.keyboard.press('Escape');
    await page.getByRole('dialog').waitFor({ state: 'detached' });

    await page.goto(`${app.url}/people-you-may-know`);
    await page.getByLabel('E-mail address or mobile number').fill('erin@example.test');
    await page.getByRole('button', { name: 'Send invitation' }).click();
    await page.getByText("You can't invite yourself.").waitFor();
  });

  it('answers received invitations together, and lists connections and settings', async () => {
    const { page } = await open();
    await logIn(page, app.url, erin.email, PASSWORD);
    await page.getByRole('button', { name: 'People', exact: true }).click();
    await page.getByRole('menuitem', { name: 'Received invitations' }).click();
    await page.getByRole('heading', { level: 1, name: 'Received invitations' }).waitFor();
    await page.getByRole('checkbox', { name: 'Select invitation from Ines Inviter' }).check();
    await page.getByRole('checkbox', { name: 'Select invitation from Jack Inviter' }).check();
    await page.getByRole('button', { name: 'Accept selected' }).click();
    await page.getByText("Accepted 2 invitations. You're now connected.").waitFor();
    await page.getByText('Nothing is waiting for your answer.').waitFor();

    await page.getByRole('button', { name: 'People', exact: true }).click();
    await page.getByRole('menuitem', { name: 'Connections' }).click();
    await page.getByRole('link', { name: 'Jack Inviter', exact: true }).waitFor();
    await expectAccessible(page, 'connections');
    await openMeMenu(page, erin, 'Settings');
    await page.getByRole('checkbox', { name: /can find me/ }).waitFor();
    await expectAccessible(page, 'settings');
  });

  it('imports contacts: members to connect with, others to invite together', async () => {
    const { page } = await open();
    await logIn(page, app.url, erin.email, PASSWORD);
    await page.getByRole('button', { name: 'People', exact: true }).click();
    await page.getByRole('menuitem', { name: 'Import contacts' }).click();
    await page.getByRole('heading', { level: 1, name: 'Import contacts' }).waitFor();
    const csv = 'Name,E-mail Address\nGus Suggested,gus@example.test\nPia Newcomer,pia@newcomer.example\nQuin Newcomer,quin@newcomer.example\n';
    await page.getByLabel('Contacts file').setInputFiles({ name: 'contacts.csv', mimeType: 'text/csv', buffer: Buffer.from(csv) });
    await page.getByRole('heading', { name: 'On Rapport (1)' }).waitFor();
    await page.getByRole('heading', { name: 'Not on Rapport yet (2)' }).waitFor();
    await page.getByRole('checkbox', { name: 'Select Pia Newcomer' }).check();
    await page.getByRole('button', { name: 'Invite selected' }).click();
    await page.getByText('Sent 1 invitation.').waitFor();
    await page.getByRole('listitem').filter({ hasText: 'pia@newcomer.example' }).getByText('Invited').waitFor();
    await expectAccessible(page, 'contacts import');
    await screenshot(page, 'contacts-import');
  });

  it('keeps working when the API is slow or fails: loading, error and retry', async () => {
    const { page } = await open();
    await logIn(page, app.url, erin.email, PASSWORD);
    let calls = 0;
    const sentList = (url: URL) => url.pathname === '/api/v1/invitations/sent';
    await page.route(sentList, async (route) => {
      calls++;
      if (calls === 1)
        return route.fulfill({ status: 500, contentType: 'application/json', body: JSON.stringify({ error: { code: 'internal_error', message: 'boom' } }) });
      if (calls === 2) return route.abort('connectionrefused');
      await new Promise((r) => setTimeout(r, 800));
      return route.continue();
    });
    await page.goto(`${app.url}/invitations/sent`);
    await page.getByText('Something went wrong on our side. Please try again.').waitFor();
    await expectAccessible(page, 'an error state');
    await page.getByRole('button', { name: 'Try again' }).click();
    await page.getByText("Rapport can't be reached right now. Check your connection and try again.").waitFor();
    await page.getByRole('button', { name: 'Try again' }).click();
    await page.getByRole('status').filter({ hasText: 'Loading…' }).waitFor();
    await page.getByRole('list', { name: 'Invitations awaiting a response' }).waitFor();
    await page.unroute(sentList);
  });

  it('reads well in dark mode and at a phone’s width', async () => {
    const dark = await open({ dark: true });
    await logIn(dark.page, app.url, erin.email, PASSWORD);
    await dark.page.goto(`${app.url}/invitations/sent`);
    await dark.page.getByRole('list', { name: 'Invitations awaiting a response' }).waitFor();
    await expectAccessible(dark.page, 'Sent invitations, dark');
    await screenshot(dark.page, 'sent-invitations-dark');

    const phone = await open({ phone: true });
    await logIn(phone.page, app.url, erin.email, PASSWORD);
    const overflow = () => phone.page.evaluate('document.documentElement.scrollWidth - window.innerWidth') as Promise<number>;
    expect(await overflow()).toBeLessThanOrEqual(0);
    await phone.page.goto(`${app.url}/invitations/sent`);
    await phone.page.getByRole('list', { name: 'Invitations awaiting a response' }).waitFor();
    expect(await overflow()).toBeLessThanOrEqual(0);
    await expectAccessible(phone.page, 'Sent invitations on a phone');
    await screenshot(phone.page, 'sent-invitations-phone');
    await phone.page.getByRole('button', { name: 'Add Connections', exact: true }).click();
    await phone.page.getByRole('group', { name: 'Waiting for your answer' }).waitFor();
    expect(await overflow()).toBeLessThanOrEqual(0);
    await phone.page.goto(`${app.url}/inbox/sent`);
    await phone.page.getByRole('list', { name: 'Sent messages' }).waitFor();
    expect(await overflow()).toBeLessThanOrEqual(0);
    await expectAccessible(phone.page, 'the inbox on a phone');

    const guest = await open();
    await guest.page.goto(`${app.url}/login`);
    await guest.page.getByRole('heading', { level: 1, name: 'Log in to Rapport' }).waitFor();
    await expectAccessible(guest.page, 'the log-in page');
    await screenshot(guest.page, 'log-in');
    await guest.page.getByLabel('E-mail address').fill(erin.email);
    await guest.page.getByLabel('Password').fill('wrong password');
    await guest.page.getByRole('button', { name: 'Log in', exact: true }).click();
    await guest.page.getByRole('alert').getByText('The e-mail address or password is wrong.').waitFor();
  });
});
