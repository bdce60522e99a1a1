import { randomInt } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DIALECTS } from '../support/databases.js';
import { as, call, createHarness, DAY, type Harness, makeMember, type Reply, TEST_PASSWORD } from '../support/harness.js';

let emails = 0;
const freshEmail = (tag = 'user') => `${tag}.${Date.now().toString(36)}.${(emails += 1)}.${randomInt(1e9)}@example.test`;

interface Cookie {
  name: string;
  value: string;
  httpOnly?: boolean;
  sameSite?: string;
  path?: string;
  maxAge?: number;
  expires?: Date;
}

/**
 * A browser: its own client address (so the per-address log-in limit of one test never touches
 * another's) and a cookie jar. Every reply to an /api/v1 request is checked against the OpenAPI document.
 */
function browser(h: Harness) {
  const remoteAddress = `10.${randomInt(256)}.${randomInt(256)}.${randomInt(1, 255)}`;
  let session: string | undefined;
  const send = async (method: string, url: string, options: { body?: unknown; headers?: Record<string, string>; noCookie?: boolean } = {}) => {
    const res = await h.app.inject({
      method: method as 'GET',
      url,
      remoteAddress,
      headers: { ...(session && !options.noCookie ? { cookie: `rapport_session=${session}` } : {}), ...options.headers },
      ...(options.body !== undefined ? { payload: options.body as object } : {}),
    });
    const cookies = res.cookies as Cookie[];
    const set = cookies.find((c) => c.name === 'rapport_session');
    if (set) session = set.value === '' ? undefined : set.value;
    const body = res.body === '' ? res.body : (JSON.parse(res.body) as unknown);
    expect(h.openapi.check(method, url, res.statusCode, body), `${method} ${url} → ${res.statusCode} ${res.body.slice(0, 300)}`).toEqual([]);
    return { status: res.statusCode, body: body as any, headers: res.headers, cookies } satisfies Reply & { cookies: Cookie[] };
  };
  return {
    remoteAddress,
    get session() {
      return session;
    },
    set session(value: string | undefined) {
      session = value;
    },
    get: (url: string, o: { headers?: Record<string, string> } = {}) => send('GET', url, o),
    post: (url: string, body?: unknown, o: { headers?: Record<string, string>; noCookie?: boolean } = {}) => send('POST', url, { body, ...o }),
    send,
  };
}

describe.each(DIALECTS)('accounts, sessions and tokens (%s)', (dialect) => {
  let h: Harness;
  beforeAll(async () => {
    h = await createHarness(dialect);
  });
  afterAll(async () => h?.close());

  describe('sign-up', () => {
    it('creates the account, sets an HttpOnly session cookie and returns the member', async () => {
      const b = browser(h);
      const email = freshEmail('Ann');
      const res = await b.post('/api/v1/auth/signup', { name: 'Ann Example', email: email.toUpperCase(), password: 'a long passphrase' });
      expect(res.status).toBe(201);
      expect(res.body.member).toMatchObject({ name: 'Ann Example', email: email.toLowerCase(), role: 'member' });
      expect(typeof res.body.member.id).toBe('string');
      const cookie = res.cookies.find((c) => c.name === 'rapport_session');
      expect(cookie).toMatchObject({ httpOnly: true, path: '/' });
      expect(cookie!.value.length).toBeGreaterThanOrEqual(32);

      const me = await b.get('/api/v1/me');
      expect(me.status).toBe(200);
      expect(me.body.member).toEqual({ ...res.body.member });
    });

    it('refuses an e-mail address already verified by an account, whatever its case', async () => {
      const { email } = await makeMember(h, { email: freshEmail('dup') });
      const again = await browser(h).post('/api/v1/auth/signup', { name: 'Second', email: `  ${email.toUpperCase()} `, password: 'another passphrase' });
      expect(again.status).toBe(409);
      expect(again.body.error.code).toBe('email_taken');
      expect(again.cookies.find((c) => c.name === 'rapport_session')).toBeUndefined();
    });

    it.each([
      ['email', { name: 'N', email: 'not-an-address', password: 'a long passphrase' }],
      ['email', { name: 'N', email: 'two@@example.test', password: 'a long passphrase' }],
      ['email', { name: 'N', password: 'a long passphrase' }],
      ['password', { name: 'N', email: 'short.pw@example.test', password: 'short' }],
      ['password', { name: 'N', email: 'no.pw@example.test' }],
      ['name', { email: 'no.name@example.test', password: 'a long passphrase' }],
      ['name', { name: '   ', email: 'blank.name@example.test', password: 'a long passphrase' }],
    ])('refuses a malformed %s with validation_failed naming it', async (field, body) => {
      const res = await browser(h).post('/api/v1/auth/signup', body);
      expect(res.status).toBe(400);
      expect(res.body.error.code).toBe('validation_failed');
      expect(res.body.error.message).toContain(field);
    });
  });

  describe('log-in and log-out', () => {
    it('logs in with the right password, in any case of the address', async () => {
      const m = await makeMember(h, { email: freshEmail('login') });
      const b = browser(h);
      const res = await b.post('/api/v1/auth/login', { email: m.email.toUpperCase(), password: TEST_PASSWORD });
      expect(res.status).toBe(200);
      expect(res.body.member).toMatchObject({ id: m.id, email: m.email });
      expect(res.cookies.find((c) => c.name === 'rapport_session')).toMatchObject({ httpOnly: true });
      expect((await b.get('/api/v1/me')).body.member.id).toBe(m.id);
    });

    it('gives a wrong password and an unknown address exactly the same 401', async () => {
      const m = await makeMember(h, { email: freshEmail('wrongpw') });
      const wrong = await browser(h).post('/api/v1/auth/login', { email: m.email, password: 'not the password' });
      const unknown = await browser(h).post('/api/v1/auth/login', { email: freshEmail('nobody'), password: 'not the password' });
      const malformed = await browser(h).post('/api/v1/auth/login', { email: 'not-an-address', password: 'not the password' });
      for (const res of [wrong, unknown, malformed]) {
        expect(res.status).toBe(401);
        expect(res.body.error.code).toBe('invalid_credentials');
        expect(res.cookies.find((c) => c.name === 'rapport_session')).toBeUndefined();
      }
      expect(unknown.body).toEqual(wrong.body);
      expect(malformed.body).toEqual(wrong.body);
    });

    it('logout ends the session: 204, cookie cleared, then 401', async () => {
      const m = await makeMember(h, { email: freshEmail('logout') });
      const b = browser(h);
      const login = await b.post('/api/v1/auth/login', { email: m.email, password: TEST_PASSWORD });
      const old = b.session!;
      const out = await b.post('/api/v1/auth/logout', undefined, { headers: { 'x-csrf-token': login.body.csrfToken } });
      expect(out.status).toBe(204);
      expect(out.body).toBe('');
      const cleared = out.cookies.find((c) => c.name === 'rapport_session');
      expect(cleared?.value).toBe('');
      b.session = old; // a client that kept the old cookie anyway gets nowhere
      const after = await b.get('/api/v1/me');
      expect(after.status).toBe(401);
      expect(after.body.error.code).toBe('unauthenticated');
      // The member's other credentials are untouched.
      expect((await as(h, m).get('/api/v1/me')).status).toBe(200);
    });

    it('a session expires after 30 days', async () => {
      const m = await makeMember(h, { email: freshEmail('expiry') });
      const b = browser(h);
      await b.post('/api/v1/auth/login', { email: m.email, password: TEST_PASSWORD });
      h.clock.advance(29 * DAY);
      expect((await b.get('/api/v1/me')).status).toBe(200);
      h.clock.advance(2 * DAY);
      const res = await b.get('/api/v1/me');
      expect(res.status).toBe(401);
      expect(res.body.error.code).toBe('unauthenticated');
    });
  });

  describe('GET /auth/session', () => {
    it('is 200 with me: null without credentials, and with an ended session', async () => {
      const b = browser(h);
      expect(await b.get('/api/v1/auth/session')).toMatchObject({ status: 200, body: { me: null } });
      const m = await makeMember(h, { email: freshEmail('session') });
      const login = await b.post('/api/v1/auth/login', { email: m.email, password: TEST_PASSWORD });
      const signedIn = await b.get('/api/v1/auth/session');
      expect(signedIn.status).toBe(200);
      expect(signedIn.body.me).toEqual((await b.get('/api/v1/me')).body);
      expect(signedIn.body.me.member.id).toBe(m.id);
      const old = b.session!;
      expect((await b.post('/api/v1/auth/logout', undefined, { headers: { 'x-csrf-token': login.body.csrfToken } })).status).toBe(204);
      b.session = old;
      expect(await b.get('/api/v1/auth/session')).toMatchObject({ status: 200, body: { me: null } });
      b.session = 'x'.repeat(43);
      expect(await b.get('/api/v1/auth/session')).toMatchObject({ status: 200, body: { me: null } });
    });

    it('with a bearer token is its member; a wrong or malformed bearer token is still 401', async () => {
      const m = await makeMember(h, { email: freshEmail('session-bearer') });
      const mine = await as(h, m).get('/api/v1/auth/session');
      expect(mine.status).toBe(200);
      expect(mine.body.me.member).toMatchObject({ id: m.id, email: m.email });
      for (const authorization of ['Bearer rpt_nope', 'Basic abc', 'Bearer']) {
        const res = await call(h, 'GET', '/api/v1/auth/session', { headers: { authorization } });
        expect(res.status, authorization).toBe(401);
        expect(res.body.error.code).toBe('unauthenticated');
      }
    });
  });

  describe('CSRF', () => {
    it('GET /auth/csrf returns the token that signup and login returned', async () => {
      const b = browser(h);
      const signup = await b.post('/api/v1/auth/signup', { name: 'Csrf', email: freshEmail('csrf'), password: 'a long passphrase' });
      const res = await b.get('/api/v1/auth/csrf');
      expect(res.status).toBe(200);
      expect(res.body.csrfToken).toBe(signup.body.csrfToken);
      expect(res.body.csrfToken.length).toBeGreaterThan(20);
      expect(res.body.csrfToken).not.toBe(b.session);
    });

    it('refuses every unsafe method on a session without the right x-csrf-token, and allows it with it', async () => {
      const alice = await makeMember(h, { email: freshEmail('alice'), role: 'admin' });
      const bob = await makeMember(h);
      const carol = await makeMember(h);
      // carol is alice's connection, so there is something to DELETE.
      const inv = await as(h, carol).post('/api/v1/invitations', { memberId: alice.id });
      expect((await as(h, alice).post(`/api/v1/invitations/${inv.body.id}/accept`)).status).toBe(200);

      const b = browser(h);
      await b.post('/api/v1/auth/login', { email: alice.email, password: TEST_PASSWORD });
      const { body } = await b.get('/api/v1/auth/csrf');
      const other = browser(h);
      await other.post('/api/v1/auth/login', { email: alice.email, password: TEST_PASSWORD });
      const otherToken = (await other.get('/api/v1/auth/csrf')).body.csrfToken as string;
      expect(otherToken).not.toBe(body.csrfToken);

      const requests: [string, string, unknown, number][] = [
        ['POST', '/api/v1/invitations', { memberId: bob.id }, 201],
        ['PATCH', '/api/v1/me/settings', { findableByEmail: false }, 200],
        ['PUT', '/api/v1/admin/features/inbox-withdraw', { rolloutPercent: 0 }, 200],
        ['DELETE', `/api/v1/connections/${carol.id}`, undefined, 204],
        ['POST', '/api/v1/auth/logout', undefined, 204],
      ];
      for (const [method, url, payload, ok] of requests) {
        for (const headers of [{}, { 'x-csrf-token': 'forged' }, { 'x-csrf-token': otherToken }, { 'x-csrf-token': '' }] as Record<string, string>[]) {
          const refused = await b.send(method, url, { body: payload, headers });
          expect(refused.status, `${method} ${url} ${JSON.stringify(headers)}`).toBe(403);
          expect(refused.body.error.code).toBe('csrf_failed');
        }
        const done = await b.send(method, url, { body: payload, headers: { 'x-csrf-token': body.csrfToken } });
        expect(done.status, `${method} ${url}`).toBe(ok);
      }
      // Nothing was done twice: one invitation to bob, and the settings change happened once.
      const sent = await as(h, alice).get('/api/v1/invitations/sent');
      expect(sent.body.items.map((i: { recipient: { memberId: string } }) => i.recipient.memberId)).toEqual([bob.id]);
      expect((await as(h, alice).get('/api/v1/me/settings')).body).toEqual({ findableByEmail: false, invitationsFrom: 'anyone', messageEmails: true });
      expect((await as(h, alice).get('/api/v1/connections')).body.items).toEqual([]);
    });

    it('a refused request changes nothing', async () => {
      const alice = await makeMember(h, { email: freshEmail('nochange') });
      const bob = await makeMember(h);
      const b = browser(h);
      await b.post('/api/v1/auth/login', { email: alice.email, password: TEST_PASSWORD });
      expect((await b.post('/api/v1/invitations', { memberId: bob.id })).status).toBe(403);
      expect((await as(h, alice).get('/api/v1/invitations/sent')).body.items).toEqual([]);
      expect((await as(h, alice).get('/api/v1/me')).body.balance.available).toBe(h.config.initialBalance);
    });

    it('safe methods need no CSRF token', async () => {
      const m = await makeMember(h, { email: freshEmail('safe') });
      const b = browser(h);
      await b.post('/api/v1/auth/login', { email: m.email, password: TEST_PASSWORD });
      expect((await b.get('/api/v1/me')).status).toBe(200);
      expect((await b.get('/api/v1/invitations/sent')).status).toBe(200);
    });
  });

  describe('bearer tokens', () => {
    it('POST /auth/tokens issues a bearer token that works without CSRF and without a cookie', async () => {
      const m = await makeMember(h, { email: freshEmail('bearer') });
      const bob = await makeMember(h);
      const b = browser(h);
      const res = await b.post('/api/v1/auth/tokens', { email: m.email, password: TEST_PASSWORD });
      expect(res.status).toBe(201);
      expect(res.body.member).toMatchObject({ id: m.id, email: m.email });
      expect(res.cookies.find((c) => c.name === 'rapport_session')).toBeUndefined();
      const token = res.body.token as string;
      const sent = await call(h, 'POST', '/api/v1/invitations', { token, body: { memberId: bob.id } });
      expect(sent.status).toBe(201);
      expect((await call(h, 'GET', '/api/v1/me', { token })).body.member.id).toBe(m.id);
    });

    it('refuses wrong credentials with invalid_credentials', async () => {
      const m = await makeMember(h, { email: freshEmail('badtoken') });
      const res = await browser(h).post('/api/v1/auth/tokens', { email: m.email, password: 'nope nope nope' });
      expect(res.status).toBe(401);
      expect(res.body.error.code).toBe('invalid_credentials');
    });

    it('no credentials, a garbage bearer, another scheme or a session used as bearer are all 401 unauthenticated', async () => {
      const m = await makeMember(h, { email: freshEmail('garbage') });
      const b = browser(h);
      await b.post('/api/v1/auth/login', { email: m.email, password: TEST_PASSWORD });
      const cases: Record<string, string>[] = [
        {},
        { authorization: 'Bearer garbage' },
        { authorization: `Bearer rpt_${'x'.repeat(43)}` },
        { authorization: `Bearer ${m.token}x` },
        { authorization: 'Basic dXNlcjpwYXNz' },
        { authorization: 'Bearer' },
        { authorization: `Bearer ${b.session}` },
      ];
      for (const headers of cases) {
        const res = await call(h, 'GET', '/api/v1/me', { headers });
        expect(res.status, JSON.stringify(headers)).toBe(401);
        expect(res.body.error.code).toBe('unauthenticated');
      }
      // The cookie works as a cookie, and a bearer token is not accepted as a cookie.
      expect((await call(h, 'GET', '/api/v1/me', { cookie: `rapport_session=${b.session}` })).status).toBe(200);
      expect((await call(h, 'GET', '/api/v1/me', { cookie: `rapport_session=${m.token}` })).status).toBe(401);
    });

    it('logout with a bearer token revokes that token at once, and only that one', async () => {
      const m = await makeMember(h, { email: freshEmail('bearerout') });
      const b = browser(h);
      await b.post('/api/v1/auth/login', { email: m.email, password: TEST_PASSWORD });
      const other = (await browser(h).post('/api/v1/auth/tokens', { email: m.email, password: TEST_PASSWORD })).body.token as string;
      const out = await call(h, 'POST', '/api/v1/auth/logout', { token: m.token });
      expect(out.status).toBe(204);
      // A bearer logout has no cookie to clear.
      expect(String(out.headers['set-cookie'] ?? '')).not.toContain('rapport_session');
      const after = await call(h, 'GET', '/api/v1/me', { token: m.token });
      expect(after.status).toBe(401);
      expect(after.body.error.code).toBe('unauthenticated');
      expect((await call(h, 'POST', '/api/v1/auth/logout', { token: m.token })).status).toBe(401);
      // The member's other token and their browser session still work.
      expect((await call(h, 'GET', '/api/v1/me', { token: other })).status).toBe(200);
      expect((await b.get('/api/v1/me')).status).toBe(200);
    });

    it('a bearer token expires after a year', async () => {
      const m = await makeMember(h, { email: freshEmail('yearly') });
      const res = await browser(h).post('/api/v1/auth/tokens', { email: m.email, password: TEST_PASSWORD });
      h.clock.advance(364 * DAY);
      expect((await call(h, 'GET', '/api/v1/me', { token: res.body.token })).status).toBe(200);
      h.clock.advance(2 * DAY);
      expect((await call(h, 'GET', '/api/v1/me', { token: res.body.token })).status).toBe(401);
    });
  });

  describe('secrets at rest', () => {
    it('stores passwords as argon2id hashes', async () => {
      const b = browser(h);
      const password = 'my very own passphrase';
      const res = await b.post('/api/v1/auth/signup', { name: 'Hash', email: freshEmail('hash'), password });
      const row = await h.database.db.selectFrom('members').select('password_hash').where('id', '=', res.body.member.id).executeTakeFirstOrThrow();
      expect(row.password_hash.startsWith('$argon2id$')).toBe(true);
      expect(row.password_hash).not.toContain(password);
    });

    it('stores session and bearer tokens only hashed', async () => {
      const m = await makeMember(h, { email: freshEmail('tokens') });
      const b = browser(h);
      await b.post('/api/v1/auth/login', { email: m.email, password: TEST_PASSWORD });
      const bearer = (await browser(h).post('/api/v1/auth/tokens', { email: m.email, password: TEST_PASSWORD })).body.token as string;
      const rows = await h.database.db.selectFrom('auth_tokens').selectAll().where('member_id', '=', m.id).execute();
      expect(rows.map((r) => r.kind).sort()).toEqual(['bearer', 'bearer', 'session']);
      for (const secret of [b.session!, bearer, m.token]) {
        for (const row of rows) expect(row.token_hash.includes(secret)).toBe(false);
      }
      const secrets = await h.database.db.selectFrom('auth_tokens').select('token_hash').where('token_hash', 'in', [b.session!, bearer, m.token]).execute();
      expect(secrets).toEqual([]);
    });
  });

  describe('log-in rate limits', () => {
    it('after 10 attempts at one address from one client in 15 minutes, that client gets 429 rate_limited with Retry-After; the owner does not', async () => {
      const m = await makeMember(h, { email: freshEmail('limited') });
      const attacker = browser(h);
      for (let i = 0; i < 10; i++) {
        const res = await attacker.post('/api/v1/auth/login', { email: m.email, password: `wrong ${i}` });
        expect(res.status).toBe(401);
      }
      const limited = await attacker.post('/api/v1/auth/login', { email: m.email, password: TEST_PASSWORD });
      expect(limited.status).toBe(429);
      expect(limited.body.error.code).toBe('rate_limited');
      const retryAfter = Number(limited.headers['retry-after']);
      expect(retryAfter).toBeGreaterThan(60);
      expect(retryAfter).toBeLessThanOrEqual(15 * 60);
      // Bearer tokens are limited by the same count, and the address's case does not matter.
      const token = await attacker.post('/api/v1/auth/tokens', { email: m.email.toUpperCase(), password: TEST_PASSWORD });
      expect(token.status).toBe(429);
      expect(token.body.error.code).toBe('rate_limited');
      // The owner, from their own client, is not locked out by a stranger's guesses.
      expect((await browser(h).post('/api/v1/auth/login', { email: m.email, password: TEST_PASSWORD })).status).toBe(200);
      // Nor is another address from the attacker's client.
      const other = await makeMember(h, { email: freshEmail('unlimited') });
      expect((await attacker.post('/api/v1/auth/login', { email: other.email, password: TEST_PASSWORD })).status).toBe(200);
    });

    it('after 20 attempts from one client address in a minute, the next is 429 with Retry-After', async () => {
      const b = browser(h);
      for (let i = 0; i < 20; i++) {
        const res = await b.post('/api/v1/auth/login', { email: freshEmail('spray'), password: 'guess guess' }, { noCookie: true });
        expect(res.status).toBe(401);
      }
      const m = await makeMember(h, { email: freshEmail('victim') });
      const limited = await b.post('/api/v1/auth/login', { email: m.email, password: TEST_PASSWORD });
      expect(limited.status).toBe(429);
      expect(limited.body.error.code).toBe('rate_limited');
      const retryAfter = Number(limited.headers['retry-after']);
      expect(retryAfter).toBeGreaterThanOrEqual(1);
      expect(retryAfter).toBeLessThanOrEqual(60);
      // Another client address still gets in.
      expect((await browser(h).post('/api/v1/auth/login', { email: m.email, password: TEST_PASSWORD })).status).toBe(200);
    });
  });
});
