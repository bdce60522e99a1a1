/**
 * Withdrawing says what it costs before it happens: every confirmation (bulk, per row, in the inbox)
 * names the date until which the person cannot be invited again, in the singular for one; and a
 * member with bulk withdraw still has Withdraw on each row.
 */
import { existsSync } from 'node:fs';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CHROMIUM, expectAccessible, finish, launchBrowser, logIn, newPage, type TestPage } from './browser.js';
import { DAY, PASSWORD, startE2eApp, type E2eApp } from './fixtures.js';

describe.skipIf(!existsSync(CHROMIUM))('the web app: what withdrawing costs', () => {
  let app: E2eApp;
  let browser: Browser;
  const pages: TestPage[] = [];

  beforeAll(async () => {
    [app, browser] = await Promise.all([startE2eApp(), launchBrowser()]);
  });
  afterAll(() => finish(browser, app, pages));

  /** The date, as the page formats dates, three weeks (the default cooldown) from now. */
  const threeWeeksOn = (page: Page) =>
    page.evaluate((ms) => new Intl.DateTimeFormat(undefined, { dateStyle: 'medium' }).format(new Date(Date.now() + ms)), 21 * DAY);

  it('names the date in the per-row and bulk confirmations, in the singular for one, and keeps Withdraw on each row for bulk members', async () => {
    const sender = await app.member('Wendy Withdrawer');
    await app.grantFeatures([sender.id]);
    const people = [await app.member('Xavi One'), await app.member('Yara Two')];
    for (const p of people) await app.invite(sender, { memberId: p.id });
    const { page } = await (async () => {
      const p = await newPage(browser);
      pages.push(p);
      return p;
    })();
    await logIn(page, app.url, sender.email, PASSWORD);
    await page.goto(`${app.url}/invitations/sent`);
    // Bulk withdraw does not take the per-row action away.
    await page.getByRole('button', { name: 'Withdraw invitation to Xavi One', exact: true }).waitFor();
    expect(await page.getByRole('button', { name: /^Withdraw invitation to / }).count()).toBe(2);
    const until = await threeWeeksOn(page);

    await page.getByRole('button', { name: 'Withdraw invitation to Xavi One', exact: true }).click();
    const one = page.getByRole('dialog', { name: 'Withdraw the invitation to Xavi One?' });
    await one.waitFor();
    expect(await one.innerText()).toContain(`You won't be able to invite them again until ${until}.`);
    await expectAccessible(page, 'the per-row withdraw confirmation');
    await one.getByRole('button', { name: 'Keep it' }).click();
    await one.waitFor({ state: 'detached' });

    await page.getByRole('checkbox', { name: 'Select Yara Two', exact: true }).check();
    await page.getByRole('button', { name: 'Cancel requests', exact: true }).click();
    const bulkOne = page.getByRole('dialog', { name: 'Cancel 1 request?' });
    await bulkOne.waitFor();
    expect(await bulkOne.innerText()).toContain(`You won't be able to invite this person again until ${until}`);
    expect(await bulkOne.innerText()).toContain("The recipient won't be notified");
    await bulkOne.getByRole('button', { name: 'Keep it' }).waitFor();
    await bulkOne.getByRole('button', { name: 'Keep it' }).click();

    await page.getByRole('checkbox', { name: 'Select Xavi One', exact: true }).check();
    await page.getByRole('button', { name: 'Cancel requests', exact: true }).click();
    const bulkTwo = page.getByRole('dialog', { name: 'Cancel 2 requests?' });
    await bulkTwo.waitFor();
    expect(await bulkTwo.innerText()).toContain(`You won't be able to invite these people again until ${until}`);
    await bulkTwo.getByRole('button', { name: 'Keep them' }).waitFor();
    await expectAccessible(page, 'the bulk withdraw confirmation');
  });
});
