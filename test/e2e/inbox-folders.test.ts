/**
 * The inbox's unread bar counts the open folder, and "Mark all as read" says which folder it reads
 * and reads that one only.
 */
import { existsSync } from 'node:fs';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CHROMIUM, expectAccessible, finish, launchBrowser, logIn, newPage, type TestPage } from './browser.js';
import { PASSWORD, startE2eApp, type E2eApp } from './fixtures.js';

describe.skipIf(!existsSync(CHROMIUM))('the web app: unread counts per inbox folder', () => {
  let app: E2eApp;
  let browser: Browser;
  const pages: TestPage[] = [];

  beforeAll(async () => {
    [app, browser] = await Promise.all([startE2eApp(), launchBrowser()]);
  });
  afterAll(() => finish(browser, app, pages));

  it('shows the open folder’s count and marks only that folder read', async () => {
    const fay = await app.member('Fay Folders');
    for (const name of ['Gil Sender', 'Hal Sender']) await app.invite(await app.member(name), { memberId: fay.id });
    // An invitation Fay sent, accepted: unread in her Sent folder.
    const ike = await app.member('Ike Accepter');
    await app.accept(ike, await app.invite(fay, { memberId: ike.id }));

    const p = await newPage(browser);
    pages.push(p);
    const { page } = p;
    await logIn(page, app.url, fay.email, PASSWORD);
    await page.goto(`${app.url}/inbox`);
    await page.getByText('2 unread in Received', { exact: true }).waitFor();
    await expectAccessible(page, 'the Received folder with its unread count');
    await page.getByRole('button', { name: 'Mark all in Received as read' }).click();
    await page.getByText('2 messages in Received marked as read.').waitFor();
    await page.getByText('No unread messages in Received', { exact: true }).waitFor();

    // Sent kept its unread item.
    await page.getByRole('navigation', { name: 'Folders' }).getByRole('link', { name: 'Sent 1 unread', exact: true }).click();
    await page.getByText('1 unread in Sent', { exact: true }).waitFor();
    expect(await page.getByRole('button', { name: 'Mark all in Sent as read' }).count()).toBe(1);
  });
});
