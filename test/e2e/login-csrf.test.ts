/**
 * Log-in CSRF in a real browser: a page on another site auto-submits a form to Rapport's log-in with
 * the attacker's credentials. Rapport reads JSON only there, so the visitor's browser is never logged
 * in to the attacker's account.
 */
import { existsSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CHROMIUM, finish, launchBrowser, newPage, type TestPage } from './browser.js';
import { PASSWORD, startE2eApp, type E2eApp, type TestMember } from './fixtures.js';

describe.skipIf(!existsSync(CHROMIUM))('the web app: log-in CSRF', () => {
  let app: E2eApp;
  let browser: Browser;
  let attacker: TestMember;
  let evil: Server;
  let evilUrl: string;
  const pages: TestPage[] = [];

  beforeAll(async () => {
    [app, browser] = await Promise.all([startE2eApp(), launchBrowser()]);
    attacker = await app.member('Mallory Attacker');
    const login = `${app.url}/api/v1/auth/login`;
    const field = (name: string, value: string) => `<input type="hidden" name="${name}" value="${value}">`;
    const forms: Record<string, string> = {
      '/form': `<form method="POST" action="${login}">${field('email', attacker.email)}${field('password', PASSWORD)}</form>`,
      // text/plain lets a form send a body that reads as JSON: {"email":"…","password":"…", "x":"="}.
      '/text': `<form method="POST" enctype="text/plain" action="${login}"><input type="hidden" name='{"email":"${attacker.email}","password":"${PASSWORD}","x":"' value='"}'></form>`,
      '/multipart': `<form method="POST" enctype="multipart/form-data" action="${login}">${field('email', attacker.email)}${field('password', PASSWORD)}</form>`,
    };
    evil = createServer((req, res) => {
      const form = forms[req.url ?? ''];
      res.writeHead(form ? 200 : 404, { 'content-type': 'text/html; charset=utf-8' });
      res.end(form ? `<!doctype html><title>Win a prize</title>${form}<script>document.forms[0].submit()</script>` : 'no');
    });
    // "localhost" is another site than the app's 127.0.0.1.
    await new Promise<void>((resolve) => evil.listen(0, '127.0.0.1', resolve));
    evilUrl = `http://localhost:${(evil.address() as AddressInfo).port}`;
  });

  afterAll(async () => {
    await new Promise((resolve) => evil?.close(resolve));
    await finish(browser, app, pages);
  });

  it.each(['/form', '/text', '/multipart'])('a form auto-submitted from another site (%s) is refused and logs nobody in', async (path) => {
    const p = await newPage(browser);
    pages.push(p);
    const answered = p.page.waitForResponse((r) => r.url().startsWith(`${app.url}/api/v1/auth/login`));
    await p.page.goto(`${evilUrl}${path}`);
    const response = await answered;
    expect(response.status()).toBe(415);
    expect(((await response.json()) as { error: { code: string } }).error.code).toBe('unsupported_media_type');
    const cookies = await p.context.cookies(app.url);
    expect(cookies.map((c) => c.name)).not.toContain('rapport_session');
    // The visitor's browser is not signed in to anything.
    const me = await p.page.request.get(`${app.url}/api/v1/me`);
    expect(me.status()).toBe(401);
  });
});
