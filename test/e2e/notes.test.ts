/**
 * The note and the address of an invitation in a real browser: a counter as one types, more than
 * 300 characters refused where it is typed (nothing cut), and an address that is neither an e-mail
 * address nor an international number named in words, marked invalid and cleared when it changes.
 */
import { existsSync } from 'node:fs';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CHROMIUM, expectAccessible, finish, launchBrowser, logIn, newPage, type TestPage } from './browser.js';
import { PASSWORD, startE2eApp, type E2eApp } from './fixtures.js';

const HINT = 'Enter an e-mail address or a phone number in international form, such as +14155550123.';

describe.skipIf(!existsSync(CHROMIUM))('the web app: notes and addresses of invitations', () => {
  let app: E2eApp;
  let browser: Browser;
  const pages: TestPage[] = [];
  const open = async () => {
    const p = await newPage(browser);
    pages.push(p);
    return p.page;
  };

  beforeAll(async () => {
    [app, browser] = await Promise.all([startE2eApp(), launchBrowser()]);
  });
  afterAll(() => finish(browser, app, pages));

  it('inviting by address: a wrong address is named in words and clears as it changes; a long note is refused, not cut', async () => {
    const nia = await app.member('Nia Noter');
    const page = await open();
    await logIn(page, app.url, nia.email, PASSWORD);
    await page.goto(`${app.url}/people-you-may-know`);
    const form = page.getByRole('region', { name: 'Invite by e-mail or phone' });
    const address = form.getByLabel('E-mail address or mobile number');
    await address.fill('4155550123');
    await form.getByRole('button', { name: 'Send invitation' }).click();
    await form.getByText(HINT).waitFor();
    expect(await address.getAttribute('aria-invalid')).toBe('true');
    const described = (await address.getAttribute('aria-describedby'))!.split(' ');
    expect(await page.locator(`[id="${described[0]}"]`).innerText()).toBe(HINT);
    await expectAccessible(page, 'an address refused where it is typed');
    await address.fill('+14155550123');
    expect(await form.getByText(HINT).count()).toBe(0);
    expect(await address.getAttribute('aria-invalid')).toBe('false');

    const note = form.getByLabel('Note (optional)');
    const long = 'x'.repeat(310);
    await note.fill(long);
    await form.getByText('310 of 300 characters: remove 10 characters to send it.').waitFor();
    expect(await note.inputValue()).toBe(long);
    expect(await note.getAttribute('aria-invalid')).toBe('true');
    expect(await form.getByRole('button', { name: 'Send invitation' }).isDisabled()).toBe(true);
    await note.fill('x'.repeat(300));
    await form.getByText('300 of 300 characters', { exact: true }).waitFor();
    await form.getByRole('button', { name: 'Send invitation' }).click();
    await page.getByText('Invitation sent to +14155550123.').waitFor();
    const sent = await app.db.selectFrom('invitations').select('message').where('sender_id', '=', nia.id).executeTakeFirstOrThrow();
    expect(sent.message).toBe('x'.repeat(300));
  });

  it('the Connect dialog counts the note and refuses more than 300 characters visibly', async () => {
    const ola = await app.member('Ola Connector');
    const pim = await app.member('Pim Target');
    const page = await open();
    await logIn(page, app.url, ola.email, PASSWORD);
    await page.goto(`${app.url}/members/${pim.id}`);
    await page.getByRole('button', { name: 'Connect', exact: true }).click();
    const dialog = page.getByRole('dialog', { name: 'Connect with Pim Target' });
    const note = dialog.getByLabel('Add a note (optional)');
    await note.fill('Hello 👋');
    await dialog.getByText('7 of 300 characters', { exact: true }).waitFor();
    await note.fill('y'.repeat(301));
    await dialog.getByText('301 of 300 characters: remove 1 character to send it.').waitFor();
    expect(await dialog.getByRole('button', { name: 'Send invitation' }).isDisabled()).toBe(true);
    expect(await note.inputValue()).toHaveLength(301);
    await expectAccessible(page, 'a note over the limit');
  });
});
