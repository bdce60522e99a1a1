/**
 * The unsubscribe link of e-mails about unread messages, in a real browser and logged out: it shows
 * what it would stop, changes nothing until asked, then turns the member's `messageEmails` off.
 */
import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sha256 } from '../../src/shared/crypto.js';
import { CHROMIUM, expectAccessible, finish, launchBrowser, newPage, type TestPage } from './browser.js';
import { startE2eApp, type E2eApp } from './fixtures.js';

describe.skipIf(!existsSync(CHROMIUM))('the web app: stopping e-mails about messages', () => {
  let app: E2eApp;
  let browser: Browser;
  const pages: TestPage[] = [];

  beforeAll(async () => {
    [app, browser] = await Promise.all([startE2eApp(), launchBrowser()]);
  });
  afterAll(() => finish(browser, app, pages));

  /** A link as a notification e-mail carries it: a random token, stored as its hash only. */
  async function linkFor(memberId: string): Promise<string> {
    const token = randomBytes(32).toString('base64url');
    await app.db
      .insertInto('message_email_tokens')
      .values({ token_hash: sha256(token), member_id: memberId, created_at: new Date().toISOString() })
      .execute();
    return `${app.url}/message-emails/unsubscribe/${token}`;
  }
  const setting = async (id: string) =>
    (await app.db.selectFrom('members').select('message_emails').where('id', '=', id).executeTakeFirstOrThrow()).message_emails;

  it('shows what it stops, stops it on request, and says so when opened again', async () => {
    const member = await app.member('Mira Mailed');
    const link = await linkFor(member.id);
    const p = await newPage(browser);
    pages.push(p);
    const errors: string[] = [];
    p.page.on('console', (m) => (m.type() === 'error' ? errors.push(m.text()) : undefined));
    await p.page.goto(link);
    await p.page.getByRole('heading', { level: 1, name: 'Stop e-mails about messages' }).waitFor();
    // Opening the link changes nothing.
    expect(await setting(member.id)).toBe(1);
    await expectAccessible(p.page, 'the unsubscribe page of message e-mails');
    await p.page.getByRole('button', { name: 'Stop e-mails about messages' }).click();
    await p.page.getByRole('heading', { level: 1, name: 'No more e-mails about messages' }).waitFor();
    expect(await setting(member.id)).toBe(0);
    await p.page.reload();
    await p.page.getByRole('heading', { level: 1, name: 'No more e-mails about messages' }).waitFor();
    expect(errors).toEqual([]);
  });

  it('a link that is not one reads as not valid', async () => {
    const p = await newPage(browser);
    pages.push(p);
    await p.page.goto(`${app.url}/message-emails/unsubscribe/${'x'.repeat(43)}`);
    await p.page.getByRole('heading', { level: 1, name: "This link isn't valid" }).waitFor();
    await expectAccessible(p.page, 'an invalid unsubscribe link');
  });
});
