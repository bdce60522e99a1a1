/**
 * E-mail addresses in a real browser: adding one on the settings page, opening the link the worker
 * mailed (signing in first when needed), a link that no longer works, and the primary address a
 * sign-up still has to verify; who may invite me.
 */
import { existsSync } from 'node:fs';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CHROMIUM, expectAccessible, finish, launchBrowser, logIn, newPage, screenshot, type TestPage } from './browser.js';
import { PASSWORD, startE2eApp, type E2eApp, type TestMember } from './fixtures.js';

const HOSTILE = '<img src=x onerror=alert(1)>';

describe.skipIf(!existsSync(CHROMIUM))('the web app: e-mail addresses', () => {
  let app: E2eApp;
  let browser: Browser;
  let mia: TestMember;
  const pages: TestPage[] = [];

  const open = async () => {
    const p = await newPage(browser);
    pages.push(p);
    return p;
  };

  /** The verification link the worker put into the dev mailbox for `to`. */
  async function verificationLink(to: string): Promise<string> {
    const deadline = Date.now() + 15_000;
    while (Date.now() < deadline) {
      const rows = await app.db.selectFrom('dev_mailbox').select('links').where('to_address', '=', to).orderBy('id', 'desc').execute();
      const link = rows.flatMap((r) => JSON.parse(r.links) as string[]).find((l) => l.includes('/verify-email/'));
      if (link) return link;
      await new Promise((r) => setTimeout(r, 100));
    }
    throw new Error(`nothing was delivered to ${to} within 15 s`);
  }

  beforeAll(async () => {
    [app, browser] = await Promise.all([startE2eApp(), launchBrowser()]);
    mia = await app.member(`Mia ${HOSTILE}`, { email: 'mia@primary.example' });
  });

  afterAll(() => finish(browser, app, pages));

  it('adds an address on the settings page, verifies it with the mailed link, and removes it', async () => {
    const { page } = await open();
    await logIn(page, app.url, mia.email, PASSWORD);
    await page.goto(`${app.url}/settings`);
    await page.getByRole('heading', { level: 2, name: 'E-mail addresses' }).waitFor();
    const list = page.getByRole('list', { name: 'Your e-mail addresses' });
    await list.getByRole('listitem').filter({ hasText: 'mia@primary.example' }).getByText('Primary', { exact: true }).waitFor();

    await page.getByLabel('Add an e-mail address').fill('Mia.Work@Second.example');
    await page.getByRole('button', { name: 'Add address' }).click();
    await page.getByText('We sent a verification link to mia.work@second.example.').waitFor();
    await list.getByRole('listitem').filter({ hasText: 'mia.work@second.example' }).getByText('Waiting for verification', { exact: true }).waitFor();
    await expectAccessible(page, 'settings with an address waiting');
    await screenshot(page, 'settings-email-addresses');

    // Refused additions are explained next to the field.
    await page.getByLabel('Add an e-mail address').fill('MIA@primary.example');
    await page.getByRole('button', { name: 'Add address' }).click();
    await page.getByRole('alert').filter({ hasText: 'This is your primary e-mail address' }).waitFor();

    const link = await verificationLink('mia.work@second.example');
    await page.goto(link);
    await page.getByRole('heading', { level: 1, name: 'Your address is verified' }).waitFor();
    await page.getByText('mia.work@second.example').waitFor();
    await expectAccessible(page, 'verified address');
    await screenshot(page, 'email-verified');

    await page.getByRole('link', { name: 'Back to your settings' }).click();
    const row = list.getByRole('listitem').filter({ hasText: 'mia.work@second.example' });
    await row.getByText('Verified', { exact: true }).waitFor();
    await row.getByRole('button', { name: 'Remove mia.work@second.example' }).click();
    const dialog = page.getByRole('dialog', { name: 'Remove mia.work@second.example?' });
    await expectAccessible(page, 'remove address dialog');
    await dialog.getByRole('button', { name: 'Remove address' }).click();
    await page.getByText('mia.work@second.example was removed from your account.').waitFor();
    await row.waitFor({ state: 'detached' });
    expect(await list.getByRole('listitem').count()).toBe(1);
  });

  it('a link opened signed out asks to sign in first; a link that no longer works says so', async () => {
    const writer = await open();
    await logIn(writer.page, app.url, mia.email, PASSWORD);
    await writer.page.goto(`${app.url}/settings`);
    await writer.page.getByLabel('Add an e-mail address').fill('mia@third.example');
    await writer.page.getByRole('button', { name: 'Add address' }).click();
    await writer.page.getByText('We sent a verification link to mia@third.example.').waitFor();
    const link = await verificationLink('mia@third.example');

    const { page } = await open();
    await page.goto(link);
    await page.getByLabel('E-mail address').fill(mia.email);
    await page.getByLabel('Password').fill(PASSWORD);
    await page.getByRole('button', { name: 'Log in', exact: true }).click();
    await page.getByRole('heading', { level: 1, name: 'Your address is verified' }).waitFor();

    await page.goto(`${app.url}/verify-email/${'x'.repeat(43)}`);
    await page.getByRole('heading', { level: 1, name: 'This link is no longer valid' }).waitFor();
    await expectAccessible(page, 'invalid verification link');
  });

  it('after sign-up, a notice asks to verify the address until its link is opened; the settings say who may invite me', async () => {
    const { page } = await open();
    await page.goto(`${app.url}/signup`);
    await page.getByLabel('Full name').fill('Noor New');
    await page.getByLabel('E-mail address').fill('noor@signup.example');
    await page.getByLabel('Password').fill(PASSWORD);
    await page.getByRole('button', { name: 'Sign up' }).click();
    const notice = page.getByRole('status').filter({ hasText: 'Verify noor@signup.example' });
    await notice.waitFor();
    await expectAccessible(page, 'home with the verify notice');
    await screenshot(page, 'verify-address-notice');
    await notice.getByRole('button', { name: 'Send a new link' }).click();
    await page.getByText('We sent a new verification link to noor@signup.example.').waitFor();

    await page.goto(`${app.url}/settings`);
    const primary = page.getByRole('list', { name: 'Your e-mail addresses' }).getByRole('listitem').filter({ hasText: 'noor@signup.example' });
    await primary.getByText('Waiting for verification', { exact: true }).waitFor();

    // Only the newest link works: the worker mailed both.
    await page.goto(await verificationLink('noor@signup.example'));
    await page.getByRole('heading', { level: 1, name: 'Your address is verified' }).waitFor();
    await page.getByText('is now yours on Rapport').waitFor();
    await page.getByRole('link', { name: 'Back to your settings' }).click();
    await primary.getByText('Primary', { exact: true }).waitFor();
    expect(await page.getByRole('status').filter({ hasText: 'Verify noor@signup.example' }).count()).toBe(0);

    const nobody = page.getByRole('radio', { name: /^Nobody/ });
    expect(await page.getByRole('radio', { name: /^Anyone/ }).isChecked()).toBe(true);
    await nobody.check();
    await page.getByText('Settings saved.').waitFor();
    await expectAccessible(page, 'settings: who may invite me');
    await screenshot(page, 'settings-invitations-from');
    await page.reload();
    await page.getByRole('radio', { name: /^Nobody/ }).waitFor();
    expect(await page.getByRole('radio', { name: /^Nobody/ }).isChecked()).toBe(true);
    const row = await app.db.selectFrom('members').select('invitations_from').where('email', '=', 'noor@signup.example').executeTakeFirstOrThrow();
    expect(row.invitations_from).toBe('nobody');
  });
});
