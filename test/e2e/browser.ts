/**
 * Browser tests' tools: Debian's Chromium through playwright-core, an accessibility check with
 * axe-core on every page, and screenshots for the README.
 */
import { mkdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { type Browser, type BrowserContext, chromium, type Locator, type Page } from 'playwright-core';
import { expect } from 'vitest';

/** Debian's Chromium (CHROMIUM_PATH overrides it, e.g. to see the suites skip without it). */
export const CHROMIUM = process.env.CHROMIUM_PATH || '/usr/bin/chromium';
const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const AXE_SOURCE = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

/** Starts headless Chromium; Playwright gives every launch a new temporary user-data-dir. */
export function launchBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM,
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
}

export interface ContextOptions {
  dark?: boolean;
  phone?: boolean;
}

/** A fresh browser profile (cookies of its own); CSP is bypassed only so axe can be injected. */
export interface TestPage {
  context: BrowserContext;
  page: Page;
  /** Messages of alert()/confirm() the page opened: member text run as HTML would show here. */
  dialogs: string[];
  /** Uncaught errors in the page. */
  errors: string[];
}

export async function newPage(browser: Browser, options: ContextOptions = {}): Promise<TestPage> {
  const context = await browser.newContext({
    viewport: options.phone ? { width: 390, height: 844 } : { width: 1280, height: 860 },
    deviceScaleFactor: 1,
    colorScheme: options.dark ? 'dark' : 'light',
    reducedMotion: 'reduce',
    bypassCSP: true,
    locale: 'en-US',
    timezoneId: 'UTC',
  });
  context.setDefaultTimeout(10_000);
  const page = await context.newPage();
  const dialogs: string[] = [];
  const errors: string[] = [];
  page.on('dialog', (dialog) => {
    dialogs.push(dialog.message());
    void dialog.dismiss();
  });
  page.on('pageerror', (error) => errors.push(error.message));
  return { context, page, dialogs, errors };
}

/** Logs in through the log-in page and waits for the home page. */
export async function logIn(page: Page, base: string, email: string, password: string): Promise<void> {
  await page.goto(`${base}/login`);
  await page.getByLabel('E-mail address').fill(email);
  await page.getByLabel('Password').fill(password);
  await page.getByRole('button', { name: 'Log in', exact: true }).click();
  await page.getByRole('heading', { level: 1, name: /^Welcome/ }).waitFor();
}

export interface AxeViolation {
  id: string;
  impact: string | null;
  help: string;
  nodes: { target: string[] }[];
}

/** Runs axe-core on the page as it is now; fails on any serious or critical violation. */
export async function expectAccessible(page: Page, where: string): Promise<void> {
  const loaded = await page.evaluate('typeof window.axe !== "undefined"');
  if (!loaded) await page.addScriptTag({ content: AXE_SOURCE });
  const violations = (await page.evaluate(
    `axe.run(document, { resultTypes: ['violations'] }).then((r) => r.violations.map((v) => ({ id: v.id, impact: v.impact, help: v.help, nodes: v.nodes.map((n) => ({ target: n.target })) })))`,
  )) as AxeViolation[];
  const serious = violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
  const report = serious.map(
    (v) =>
      `${v.impact} ${v.id}: ${v.help} at ${v.nodes
        .map((n) => n.target.join(' '))
        .slice(0, 3)
        .join(', ')}`,
  );
  expect(report, `accessibility of ${where}`).toEqual([]);
}

/**
 * Saves a screenshot. With SCREENSHOTS=1 into docs/screenshots (the README shows them), otherwise
 * into a temporary folder, so a test run leaves the work tree as it was.
 */
export async function screenshot(page: Page, name: string, options: { fullPage?: boolean } = {}): Promise<void> {
  const dir = process.env.SCREENSHOTS === '1' ? join(ROOT, 'docs/screenshots') : join(tmpdir(), 'rapport-screenshots');
  mkdirSync(dir, { recursive: true });
  await page.screenshot({ path: join(dir, `${name}.png`), fullPage: options.fullPage ?? false, animations: 'disabled' });
}

/** The name of the focused element: its aria-label, its label's text, or its own text. */
export function focusedName(page: Page): Promise<string> {
  return page.evaluate(`(() => {
    const el = document.activeElement;
    if (!el || el === document.body) return '';
    const label = el.getAttribute('aria-label') || (el.labels && el.labels[0] ? el.labels[0].textContent : '') || el.textContent || '';
    return label.trim();
  })()`) as Promise<string>;
}

/** The text an element's aria-describedby points at. */
export async function descriptionOf(locator: Locator): Promise<string> {
  const ids = ((await locator.getAttribute('aria-describedby')) ?? '').split(' ').filter(Boolean);
  const texts = await Promise.all(
    ids.map((id) => locator.page().evaluate(`document.getElementById(${JSON.stringify(id)})?.textContent ?? ''`) as Promise<string>),
  );
  return texts.join(' ').trim();
}

/** Closes the browser and the app, then checks that no page threw an error or opened an alert. */
export async function finish(browser: Browser | undefined, app: { stop(): Promise<void> } | undefined, pages: readonly TestPage[]): Promise<void> {
  await browser?.close();
  await app?.stop();
  for (const p of pages) {
    expect(p.errors, 'uncaught errors in the page').toEqual([]);
    expect(p.dialogs, 'alerts opened by the page').toEqual([]);
  }
}
