/**
 * Secrets never reach the logs: every request is logged through one serializer that shows route
 * patterns and query keys, never values, and errors lose anything shaped like an address or a token.
 */
import { Writable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config.js';
import { buildApp, type App } from '../../src/app.js';
import { registerWebApp } from '../../src/http/web.js';
import { ManualClock } from '../../src/shared/clock.js';
import { newToken } from '../../src/shared/crypto.js';
import { loggedError, loggedUrl, redactText } from '../../src/shared/logging.js';
import { createTestDatabase, DIALECTS, type TestDatabase } from '../support/databases.js';

describe.each(DIALECTS)('what the logs show (%s)', (dialect) => {
  let database: TestDatabase;
  let app: App;
  const lines: string[] = [];

  beforeAll(async () => {
    database = await createTestDatabase(dialect);
    const config = loadConfig({ DATABASE_URL: database.url });
    const destination = new Writable({
      write(chunk: Buffer, _encoding, done) {
        lines.push(...chunk.toString('utf8').split('\n').filter(Boolean));
        done();
      },
    });
    ({ app } = await buildApp({
      db: database.db,
      deps: { config, clock: new ManualClock(Date.parse('2026-06-01T09:00:00.000Z')), dialect },
      logger: { level: 'info' },
      logDestination: destination,
      extend: (instance) => registerWebApp(instance),
    }));
    await app.ready();
  });
  afterAll(async () => {
    await app?.close();
    await database?.drop();
  });

  it('no token or e-mail address appears, whatever path or query it arrived on', async () => {
    const token = newToken('');
    const email = 'secret.person@example.test';
    const requests: [string, string][] = [
      ['GET', `/i/${token}`],
      ['GET', `/verify-email/${token}`],
      ['GET', `/opt-out/${token}?x=1`],
      ['GET', `/api/v1/invitation-links/${token}`],
      ['GET', `/api/v1/invitation-links/${token}${'x'.repeat(120)}`],
      ['GET', `/api/v1/opt-out/${token}`],
      ['POST', `/api/v1/emails/verify/${token}`],
      ['DELETE', `/api/v1/me/emails/${encodeURIComponent(email)}`],
      ['DELETE', `/api/v1/me/emails/${email}`],
      ['GET', `/api/v1/support/members?q=${encodeURIComponent(email)}&limit=5`],
      ['GET', `/api/v1/invitations/sent?q=${email}`],
      ['GET', `/api/v1/no-such-thing/${token}/${email}`],
      ['GET', `/nothing/${email}`],
      ['GET', `/?${email}=${token}`],
    ];
    for (const [method, url] of requests) await app.inject({ method: method as 'GET', url });
    const text = lines.join('\n');
    expect(lines.length).toBeGreaterThanOrEqual(requests.length * 2);
    expect(text).not.toContain(token);
    expect(text).not.toContain(email);
    expect(text).not.toContain(encodeURIComponent(email));
    expect(text).not.toContain('secret.person');
    // Still useful: the route that served each request, and which query parameters it had.
    expect(text).toContain('/api/v1/invitation-links/:token');
    expect(text).toContain('/api/v1/me/emails/:email');
    expect(text).toContain('/api/v1/support/members?q=…&limit=…');
    expect(text).toContain('"url":"/i/…"');
  });
});

describe('log serializers', () => {
  it('a request is its route pattern, or the first segment of a path nothing matched', () => {
    expect(loggedUrl({ method: 'GET', url: '/api/v1/opt-out/abc?x=1', routeOptions: { url: '/api/v1/opt-out/:token' } })).toBe('/api/v1/opt-out/:token?x=…');
    expect(loggedUrl({ method: 'GET', url: '/i/abc/def', routeOptions: { url: '/*' } })).toBe('/i/…');
    expect(loggedUrl({ method: 'GET', url: '/sent', routeOptions: { url: '/*' } })).toBe('/sent');
    expect(loggedUrl({ method: 'GET', url: '/x/y' })).toBe('/x/…');
  });

  it("an error loses addresses, numbers and tokens, and the driver's detail", () => {
    const error = Object.assign(new Error('duplicate key value violates unique constraint "members_email"'), {
      code: '23505',
      detail: 'Key (email)=(ceo@example.com) already exists.',
      parameters: ['ceo@example.com'],
    });
    const logged = loggedError(error);
    expect(JSON.stringify(logged)).not.toContain('ceo@example.com');
    expect(logged).toMatchObject({ type: 'Error', code: '23505' });
    const smtp = loggedError(new Error(`550 5.1.1 <Ceo.Person+x@Example.COM>: Recipient address rejected; sms to +1 415 555 0123; link ${newToken('rpt_')}`));
    expect(smtp.message).toBe('550 5.1.1 <[redacted]>: Recipient address rejected; sms to [redacted]; link [redacted]');
    expect(redactText('nothing secret here, id 01HZX3')).toBe('nothing secret here, id 01HZX3');
  });
});
