/**
 * Answers to received invitations that cannot be undone ("Report spam", "I don't know this person",
 * and the bulk Ignore and reports) ask first, and their toasts match the count ("the sender" for one).
 */
import { existsSync } from 'node:fs';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CHROMIUM, expectAccessible, finish, launchBrowser, logIn, newPage, type TestPage } from './browser.js';
import { PASSWORD, startE2eApp, type E2eApp } from './fixtures.js';

describe.skipIf(!existsSync(CHROMIUM))('the web app: answers that cannot be undone', () => {
  let app: E2eApp;
  let browser: Browser;
  const pages: TestPage[] = [];

  beforeAll(async () => {
    [app, browser] = await Promise.all([startE2eApp(), launchBrowser()]);
  });
  afterAll(() => finish(browser, app, pages));

  const statusOf = async (id: string) => app.db.selectFrom('invitations').select(['status', 'ignore_reason']).where('id', '=', id).executeTakeFirstOrThrow();

  it('confirms a report and a bulk answer first, and words each toast for the count', async () => {
    const rae = await app.member('Rae Receiver');
    const ids: Record<string, string> = {};
    for (const name of ['Sam Spammer', 'Tom Stranger', 'Uma Unknown', 'Vic Ignored'])
      ids[name] = await app.invite(await app.member(name), { memberId: rae.id });
    const p = await newPage(browser);
    pages.push(p);
    const { page } = p;
    await logIn(page, app.url, rae.email, PASSWORD);
    await page.goto(`${app.url}/invitations/received`);

    // Report spam asks first; keeping it changes nothing.
    await page.getByRole('button', { name: 'Report spam from Sam Spammer' }).click();
    const report = page.getByRole('dialog', { name: 'Report the invitation from Sam Spammer as spam?' });
    await report.waitFor();
    expect(await report.innerText()).toContain("This can't be undone.");
    await expectAccessible(page, 'the Report spam confirmation');
    await report.getByRole('button', { name: 'Keep it' }).click();
    await report.waitFor({ state: 'detached' });
    expect(await statusOf(ids['Sam Spammer']!)).toMatchObject({ status: 'pending', ignore_reason: null });
    await page.getByRole('button', { name: 'Report spam from Sam Spammer' }).click();
    await report.getByRole('button', { name: 'Report spam' }).click();
    await page.getByText('Ignored the invitation from Sam Spammer and reported it as spam.').waitFor();
    expect(await statusOf(ids['Sam Spammer']!)).toMatchObject({ status: 'ignored', ignore_reason: 'spam' });

    // "I don't know this person", one: "the sender".
    await page.getByRole('button', { name: "I don't know this person: Tom Stranger" }).click();
    const unknown = page.getByRole('dialog', { name: "You don't know Tom Stranger?" });
    await unknown.getByRole('button', { name: "I don't know this person" }).click();
    await page.getByText("Ignored the invitation from Tom Stranger and told us you don't know the sender.").waitFor();

    // Bulk Ignore of one reads in the singular.
    await page.getByRole('checkbox', { name: 'Select invitation from Vic Ignored' }).check();
    await page.getByRole('button', { name: 'Ignore selected' }).click();
    const ignore = page.getByRole('dialog', { name: 'Ignore 1 invitation?' });
    await ignore.getByRole('button', { name: 'Ignore it' }).click();
    await page.getByText("Ignored 1 invitation. The sender isn't told.").waitFor();
    expect(await statusOf(ids['Vic Ignored']!)).toMatchObject({ status: 'ignored', ignore_reason: 'ignore' });

    // The bulk report of what is left (one) asks, and is done for it alone.
    await page.getByRole('checkbox', { name: 'Select invitation from Uma Unknown' }).check();
    await page.getByRole('button', { name: "I don't know these people" }).click();
    const bulk = page.getByRole('dialog', { name: "You don't know Uma Unknown?" });
    await bulk.waitFor();
    await expectAccessible(page, 'the bulk confirmation');
    await bulk.getByRole('button', { name: "I don't know this person" }).click();
    await page.getByText("Ignored 1 invitation and told us you don't know the sender.").waitFor();
    expect(await statusOf(ids['Uma Unknown']!)).toMatchObject({ status: 'ignored', ignore_reason: 'dont_know' });
  });
});
