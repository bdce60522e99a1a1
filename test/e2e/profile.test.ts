/**
 * Headlines in a real browser: a headline given at sign-up, changed and removed in Settings, and
 * what others see of it — with no dangling "·" where there is none.
 */
import { existsSync } from 'node:fs';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CHROMIUM, expectAccessible, finish, launchBrowser, logIn, newPage, screenshot, type TestPage } from './browser.js';
import { PASSWORD, startE2eApp, type E2eApp, type TestMember } from './fixtures.js';

describe.skipIf(!existsSync(CHROMIUM))('the web app: name and headline', () => {
  let app: E2eApp;
  let browser: Browser;
  let ola: TestMember;
  const pages: TestPage[] = [];

  const open = async () => {
    const p = await newPage(browser);
    pages.push(p);
    return p;
  };

  beforeAll(async () => {
    [app, browser] = await Promise.all([startE2eApp(), launchBrowser()]);
    ola = await app.member('Ola Observer');
  });

  afterAll(() => finish(browser, app, pages));

  it('takes a headline at sign-up, changes and removes it in Settings, and others see each version', async () => {
    const { page } = await open();
    await page.goto(`${app.url}/signup`);
    await page.getByLabel('Full name').fill('Hana Headline');
    await page.getByLabel('Headline (optional)').fill('Data Scientist at Hooli');
    await page.getByLabel('E-mail address').fill('hana@headline.example');
    await page.getByLabel('Password').fill(PASSWORD);
    await expectAccessible(page, 'sign-up with a headline');
    await page.getByRole('button', { name: 'Sign up' }).click();
    await page.getByText('Data Scientist at Hooli').first().waitFor();
    const hana = await app.db.selectFrom('members').select(['id', 'headline']).where('email', '=', 'hana@headline.example').executeTakeFirstOrThrow();
    expect(hana.headline).toBe('Data Scientist at Hooli');

    await page.goto(`${app.url}/settings`);
    const profile = page.getByRole('region', { name: 'Profile' });
    const headline = profile.getByLabel('Headline');
    expect(await headline.inputValue()).toBe('Data Scientist at Hooli');
    // Nothing changed yet: nothing to save.
    expect(await profile.getByRole('button', { name: 'Save profile' }).isDisabled()).toBe(true);
    await headline.fill('Head of Data at Hooli');
    await profile.getByText('21/200').waitFor();
    await profile.getByRole('button', { name: 'Save profile' }).click();
    await page.getByText('Profile saved: others see your name and headline.').waitFor();
    await expectAccessible(page, 'settings with the profile section');
    await screenshot(page, 'settings-profile');

    const other = await open();
    await logIn(other.page, app.url, ola.email, PASSWORD);
    await other.page.goto(`${app.url}/members/${hana.id}`);
    await other.page.getByRole('heading', { level: 1, name: 'Hana Headline' }).waitFor();
    await other.page.getByText('Head of Data at Hooli').waitFor();

    // An empty name is refused where it is typed, and the message goes when the field changes.
    const name = profile.getByLabel('Full name');
    await name.fill('');
    await headline.fill('');
    await profile.getByRole('button', { name: 'Save profile' }).click();
    await profile.getByRole('alert').filter({ hasText: 'Enter your name.' }).waitFor();
    expect(await name.getAttribute('aria-invalid')).toBe('true');
    await name.fill('Hana Headline');
    expect(await profile.getByRole('alert').count()).toBe(0);
    await profile.getByRole('button', { name: 'Save profile' }).click();
    await page.getByText('Profile saved: others see your name, with no headline.').waitFor();

    await other.page.reload();
    await other.page.getByRole('heading', { level: 1, name: 'Hana Headline' }).waitFor();
    expect(await other.page.getByText('Head of Data at Hooli').count()).toBe(0);
  });

  it('a connection without a headline is listed without a dangling "·"', async () => {
    const plain = await app.member('Pim Plain', { headline: '' });
    const id = await app.invite(ola, { memberId: plain.id });
    await app.accept(plain, id);
    const { page } = await open();
    await logIn(page, app.url, ola.email, PASSWORD);
    await page.goto(`${app.url}/connections`);
    const row = page.getByRole('listitem').filter({ hasText: 'Pim Plain' });
    await row.waitFor();
    const meta = (await row.locator('.meta').innerText()).trim();
    expect(meta).toMatch(/^connected /);
    await page.goto(`${app.url}/`);
    const item = page.getByRole('listitem').filter({ hasText: 'Pim Plain' });
    await item.waitFor();
    expect((await item.innerText()).trim()).toBe('Pim Plain');
  });
});
