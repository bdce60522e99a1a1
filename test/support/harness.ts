/**
 * A Rapport app on a real database, driven through HTTP (inject), with factories for members and a
 * check of every reply against the OpenAPI document.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect } from 'vitest';
import { loadConfig, type Config } from '../../src/config.js';
import type { DialectName } from '../../src/db/database.js';
import type { MemberRow, Role } from '../../src/db/schema.js';
import { buildApp, type App, type Services } from '../../src/app.js';
import { issueToken } from '../../src/auth/tokens.js';
import { hashPassword } from '../../src/members/passwords.js';
import { insertMember } from '../../src/members/store.js';
import { ManualClock } from '../../src/shared/clock.js';
import { newId } from '../../src/shared/crypto.js';
import { setFlag } from '../../src/flags/flags.js';
import { createTestDatabase, type TestDatabase } from './databases.js';
import { OpenApiChecker } from './openapi.js';
import type { ErrorCode } from '../../src/errors.js';
import type { FactoryContext } from './factories.js';

export { invitationRow, makeInvitation, type FactoryContext } from './factories.js';

export const TEST_PASSWORD = 'correct horse battery';
let passwordHash: Promise<string> | undefined;

export interface Harness {
  app: App;
  services: Services;
  database: TestDatabase;
  clock: ManualClock;
  config: Config;
  openapi: OpenApiChecker;
  close(): Promise<void>;
}

export interface HarnessOptions {
  env?: Record<string, string>;
}

export async function createHarness(dialect: DialectName, options: HarnessOptions = {}): Promise<Harness> {
  const database = await createTestDatabase(dialect);
  // Stored attachments go to a directory of this harness's own, removed with it.
  const dataDir = mkdtempSync(join(tmpdir(), 'rapport-test-'));
  const config = loadConfig({ DATABASE_URL: database.url, DATA_DIR: dataDir, ...options.env });
  const clock = new ManualClock(Date.parse('2026-06-01T09:00:00.000Z'));
  const { app, services } = await buildApp({ db: database.db, deps: { config, clock, dialect }, logger: false });
  await app.ready();
  const doc = app.swagger() as ConstructorParameters<typeof OpenApiChecker>[0];
  return {
    app,
    services,
    database,
    clock,
    config,
    openapi: new OpenApiChecker(doc),
    async close() {
      await app.close();
      await database.drop();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

export interface TestMember {
  member: MemberRow;
  id: string;
  email: string;
  token: string;
}

let counter = 0;

/**
 * Makes a member directly in the database (fast: one shared password hash) with a bearer token, at
 * the time of `h`'s clock (a harness, or a database on the real clock for server processes).
 * Their primary address is verified unless `emailVerified: false`.
 */
export async function makeMember(
  h: FactoryContext,
  overrides: Partial<{ name: string; email: string; role: Role; balance: number; phone: string; headline: string; emailVerified: boolean }> = {},
): Promise<TestMember> {
  passwordHash ??= hashPassword(TEST_PASSWORD);
  counter += 1;
  const id = newId();
  const member = await insertMember(h.database.db, {
    id,
    email: overrides.email ?? `member${counter}.${id.slice(0, 6).toLowerCase()}@example.test`,
    name: overrides.name ?? `Member ${counter}`,
    headline: overrides.headline ?? '',
    phone: overrides.phone ?? null,
    passwordHash: await passwordHash,
    role: overrides.role ?? 'member',
    balance: overrides.balance ?? h.config.initialBalance,
    createdAt: h.clock.now().toISOString(),
    emailVerifiedAt: overrides.emailVerified === false ? null : h.clock.now().toISOString(),
  });
  const token = await issueToken(h.database.db, member.id, 'bearer', h.clock.now());
  return { member, id: member.id, email: member.email, token };
}

/** Turns a flag fully on or off for everybody. */
export async function setFeature(
  h: Harness,
  key: 'bulk-withdraw' | 'inbox-withdraw' | 'new-messaging',
  change: { rolloutPercent: number; allow?: string[]; deny?: string[] },
) {
  await setFlag(h.database.db, h.services.deps, { memberId: 'test', role: 'admin', path: 'cli' }, key, change);
}

export interface Reply<T = any> {
  status: number;
  body: T;
  headers: Record<string, unknown>;
}

export interface CallOptions {
  token?: string;
  body?: unknown;
  headers?: Record<string, string>;
  cookie?: string;
  /** Skip the OpenAPI check (for deliberately malformed requests to undocumented places). */
  unchecked?: boolean;
}

/** Calls the API and checks the reply against the OpenAPI document. */
export async function call<T = any>(h: Harness, method: string, url: string, options: CallOptions = {}): Promise<Reply<T>> {
  const headers: Record<string, string> = { ...options.headers };
  if (options.token) headers.authorization = `Bearer ${options.token}`;
  if (options.cookie) headers.cookie = options.cookie;
  const res = await h.app.inject({
    method: method as 'GET',
    url,
    headers,
    ...(options.body !== undefined ? { payload: options.body as object } : {}),
  });
  const text = res.body;
  let body: unknown = text;
  if ((res.headers['content-type'] ?? '').toString().includes('application/json') && text !== '') body = JSON.parse(text);
  if (!options.unchecked && url.startsWith('/api/v1')) {
    expect(h.openapi.check(method, url, res.statusCode, body), `${method} ${url} → ${res.statusCode} ${text.slice(0, 300)}`).toEqual([]);
  }
  return { status: res.statusCode, body: body as T, headers: res.headers };
}

/** Shorthand for a member-authenticated call. */
export const as = (h: Harness, m: TestMember) => ({
  get: <T = any>(url: string, o: CallOptions = {}) => call<T>(h, 'GET', url, { token: m.token, ...o }),
  post: <T = any>(url: string, body?: unknown, o: CallOptions = {}) => call<T>(h, 'POST', url, { token: m.token, body, ...o }),
  put: <T = any>(url: string, body?: unknown, o: CallOptions = {}) => call<T>(h, 'PUT', url, { token: m.token, body, ...o }),
  patch: <T = any>(url: string, body?: unknown, o: CallOptions = {}) => call<T>(h, 'PATCH', url, { token: m.token, body, ...o }),
  delete: <T = any>(url: string, o: CallOptions = {}) => call<T>(h, 'DELETE', url, { token: m.token, ...o }),
});

export const DAY = 86_400_000;

/** Asserts that a reply is the refusal `code` with HTTP `status`. */
export function expectRefusal(reply: Reply, status: number, code: ErrorCode): void {
  expect(reply.status, JSON.stringify(reply.body)).toBe(status);
  expect(reply.body.error.code).toBe(code);
}
