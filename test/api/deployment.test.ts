/**
 * Deployment behind a proxy, log-in throttling that cannot lock the owner out, the headers of every
 * API reply, passwords, names, and link tokens of any length.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ATTEMPTS_PER_ACCOUNT, ATTEMPTS_PER_CLIENT } from '../../src/auth/login-throttle.js';
import { DIALECTS } from '../support/databases.js';
import { as, call, createHarness, expectRefusal, type Harness, makeMember, TEST_PASSWORD } from '../support/harness.js';

type Inject = { remoteAddress?: string; forwardedFor?: string; cookie?: string };

async function logIn(h: Harness, email: string, password: string, from: Inject = {}) {
  const res = await h.app.inject({
    method: 'POST',
    url: '/api/v1/auth/login',
    remoteAddress: from.remoteAddress ?? '203.0.113.7',
    headers: {
      'content-type': 'application/json',
      ...(from.forwardedFor ? { 'x-forwarded-for': from.forwardedFor } : {}),
      ...(from.cookie ? { cookie: from.cookie } : {}),
    },
    payload: JSON.stringify({ email, password }),
  });
  return { status: res.statusCode, code: res.statusCode >= 400 ? (res.json().error.code as string) : null, cookies: res.cookies };
}

const deviceCookieOf = (cookies: { name: string; value: string }[]) => {
  const device = cookies.find((c) => c.name === 'rapport_device');
  return device ? `rapport_device=${device.value}` : undefined;
};

describe.each(DIALECTS)('deployment and log-in (%s)', (dialect) => {
  describe('without TRUST_PROXY', () => {
    let h: Harness;
    beforeAll(async () => {
      h = await createHarness(dialect);
    });
    afterAll(async () => h?.close());

    it('X-Forwarded-For is not believed: a client cannot escape its limit by inventing addresses', async () => {
      const statuses: number[] = [];
      for (let i = 0; i < 21; i++) statuses.push((await logIn(h, `nobody${i}@example.test`, 'wrong password', { forwardedFor: `198.51.100.${i}` })).status);
      expect(statuses.slice(0, 20).every((s) => s === 401)).toBe(true);
      expect(statuses[20]).toBe(429);
    });

    it('a stranger guessing from one client is stopped there, and the owner still logs in from theirs', async () => {
      const owner = await makeMember(h);
      const attacker = { remoteAddress: '192.0.2.66' };
      for (let i = 0; i < ATTEMPTS_PER_CLIENT; i++) expect((await logIn(h, owner.email, `guess ${i}`, attacker)).status).toBe(401);
      const stopped = await logIn(h, owner.email, TEST_PASSWORD, attacker);
      expect(stopped.code).toBe('rate_limited');
      const mine = await logIn(h, owner.email, TEST_PASSWORD, { remoteAddress: '192.0.2.10' });
      expect(mine.status).toBe(200);
    });

    it('guesses from many clients slow the account down for unknown clients, never for the browser that logged in before', async () => {
      const owner = await makeMember(h);
      const first = await logIn(h, owner.email, TEST_PASSWORD, { remoteAddress: '198.18.0.1' });
      expect(first.status).toBe(200);
      const device = deviceCookieOf(first.cookies);
      expect(device).toBeDefined();
      const cookie = first.cookies.find((c) => c.name === 'rapport_device')!;
      expect(cookie).toMatchObject({ httpOnly: true, path: '/api/v1/auth', sameSite: 'Strict' });
      // The first log-in came from a client unknown until then, so it counted too.
      for (let i = 0; i < ATTEMPTS_PER_ACCOUNT - 1; i++) {
        const res = await logIn(h, owner.email, `guess ${i}`, { remoteAddress: `198.19.${i >> 8}.${i & 255}` });
        expect(res.status).toBe(401);
      }
      // A new client, even with the right password, now waits for the window.
      expect((await logIn(h, owner.email, TEST_PASSWORD, { remoteAddress: '198.18.0.2' })).code).toBe('rate_limited');
      // The owner's own browser, known by its device cookie, does not.
      const again = await logIn(h, owner.email, TEST_PASSWORD, { remoteAddress: '198.18.0.3', cookie: device });
      expect(again.status).toBe(200);
      // A device cookie is the account's own: presented for another account it counts as unknown.
      const other = await makeMember(h);
      expect((await logIn(h, other.email, TEST_PASSWORD, { remoteAddress: '198.18.0.4', cookie: device })).status).toBe(200);
    });

    it('every API reply, error or not, is nosniff and no-store; no HSTS over http', async () => {
      const m = await makeMember(h);
      for (const res of [
        await h.app.inject({ method: 'GET', url: '/api/v1/me', headers: { authorization: `Bearer ${m.token}` } }),
        await h.app.inject({ method: 'GET', url: '/api/v1/me' }),
        await h.app.inject({ method: 'GET', url: '/api/v1/no-such-route' }),
        await h.app.inject({ method: 'GET', url: '/api/openapi.json' }),
        await h.app.inject({ method: 'GET', url: '/healthz' }),
        // A malformed escape is answered by the router itself.
        await h.app.inject({ method: 'GET', url: '/api/v1/invitations/%E0%A4%A' }),
      ]) {
        expect(res.headers['x-content-type-options']).toBe('nosniff');
        expect(res.headers['cache-control']).toBe('no-store');
        expect(res.headers['strict-transport-security']).toBeUndefined();
      }
    });

    it("a link token of any length up to 500 characters gets the neutral answer, not the router's 404", async () => {
      for (const length of [10, 101, 150, 200, 201, 499]) {
        const res = await call(h, 'GET', `/api/v1/invitation-links/${'a'.repeat(length)}`);
        expect(res.status, String(length)).toBe(200);
        expect(res.body).toEqual({ available: false });
        const optOut = await call(h, 'GET', `/api/v1/opt-out/${'a'.repeat(length)}`);
        expect(optOut.status, String(length)).toBe(404);
        expect(optOut.body.error.code).toBe('not_found');
      }
    });

    it.each(['        ', '\t\t\t\t\t\t\t\t', 'password', 'Password', '12345678', 'qwertyuiop', 'iloveyou1', 'short'])(
      'sign-up refuses the password %j',
      async (password) => {
        const res = await call(h, 'POST', '/api/v1/auth/signup', {
          body: { name: 'New Person', email: `p${Math.random().toString(36).slice(2)}@example.test`, password },
        });
        expectRefusal(res, 400, 'validation_failed');
        expect(res.body.error.message).toMatch(/^password: /);
        expect(res.headers['set-cookie']).toBeUndefined();
      },
    );

    it('sign-up refuses the address itself as password, and takes a passphrase', async () => {
      const email = `mirror${Math.random().toString(36).slice(2)}@example.test`;
      expectRefusal(await call(h, 'POST', '/api/v1/auth/signup', { body: { name: 'Mirror', email, password: email } }), 400, 'validation_failed');
      const ok = await call(h, 'POST', '/api/v1/auth/signup', { body: { name: 'Mirror', email, password: 'a long passphrase of mine' } });
      expect(ok.status).toBe(201);
    });

    it('names and headlines lose line breaks, direction overrides and invisible characters', async () => {
      const email = `names${Math.random().toString(36).slice(2)}@example.test`;
      const res = await call(h, 'POST', '/api/v1/auth/signup', {
        body: { name: ' Eve\r\nAdmin\u202Egpj.exe\u200B\u2066 ', email, password: 'a long passphrase of mine', headline: 'CEO\u0007 at\u202E\nNorthwind' },
      });
      expect(res.status).toBe(201);
      expect(res.body.member.name).toBe('Eve Admingpj.exe');
      const me = await call(h, 'GET', '/api/v1/me', {
        cookie: `rapport_session=${res.headers['set-cookie']!.toString().match(/rapport_session=([^;]+)/)![1]}`,
      });
      expect(me.body.member.name).toBe('Eve Admingpj.exe');
      const seen = await as(h, await makeMember(h)).get(`/api/v1/members/${res.body.member.id}`);
      expect(seen.body.name).toBe('Eve Admingpj.exe');
      expect(seen.body.headline).toBe('CEO at Northwind');
      // Persian and emoji joiners are part of the text and stay.
      const persian = await call(h, 'POST', '/api/v1/auth/signup', {
        body: { name: 'نی\u200Cلوفر 👩\u200D💻', email: `fa${email}`, password: 'a long passphrase of mine' },
      });
      expect(persian.body.member.name).toBe('نی\u200Cلوفر 👩\u200D💻');
      for (const name of ['\u200B\u200B', '\u202E', '\r\n', ' \u2066\u2069 ']) {
        const empty = await call(h, 'POST', '/api/v1/auth/signup', {
          body: { name, email: `x${Math.random().toString(36).slice(2)}@example.test`, password: 'a long passphrase of mine' },
        });
        expectRefusal(empty, 400, 'validation_failed');
        expect(empty.body.error.message).toMatch(/^name: /);
      }
    });
  });

  describe('behind a trusted proxy', () => {
    let h: Harness;
    beforeAll(async () => {
      h = await createHarness(dialect, { env: { TRUST_PROXY: '127.0.0.1', PUBLIC_URL: 'https://rapport.example' } });
    });
    afterAll(async () => h?.close());

    it('counts each real client on its own, and ignores the header from anyone but the proxy', async () => {
      const proxy = { remoteAddress: '127.0.0.1' };
      for (let i = 0; i < 30; i++) {
        expect((await logIn(h, `nobody${i}@example.test`, 'wrong password', { ...proxy, forwardedFor: `198.51.100.${i}` })).status).toBe(401);
      }
      // One client behind the proxy still has its own limit.
      const one: number[] = [];
      for (let i = 0; i < 21; i++)
        one.push((await logIn(h, `someone${i}@example.test`, 'wrong password', { ...proxy, forwardedFor: '198.51.100.200' })).status);
      expect(one[20]).toBe(429);
      // A client talking to Rapport directly cannot claim to be someone else.
      const direct: number[] = [];
      for (let i = 0; i < 21; i++)
        direct.push(
          (await logIn(h, `direct${i}@example.test`, 'wrong password', { remoteAddress: '192.0.2.99', forwardedFor: `198.51.100.${i + 50}` })).status,
        );
      expect(direct[20]).toBe(429);
    });

    it('the pair limit counts the real client: the owner behind the same proxy still logs in', async () => {
      const owner = await makeMember(h);
      for (let i = 0; i < ATTEMPTS_PER_CLIENT + 1; i++) await logIn(h, owner.email, `guess ${i}`, { remoteAddress: '127.0.0.1', forwardedFor: '203.0.113.50' });
      expect((await logIn(h, owner.email, TEST_PASSWORD, { remoteAddress: '127.0.0.1', forwardedFor: '203.0.113.50' })).code).toBe('rate_limited');
      expect((await logIn(h, owner.email, TEST_PASSWORD, { remoteAddress: '127.0.0.1', forwardedFor: '203.0.113.51' })).status).toBe(200);
    });

    it('with an https PUBLIC_URL every reply carries HSTS, and the cookies are Secure', async () => {
      const owner = await makeMember(h);
      const login = await h.app.inject({
        method: 'POST',
        url: '/api/v1/auth/login',
        remoteAddress: '127.0.0.1',
        headers: { 'content-type': 'application/json', 'x-forwarded-for': '203.0.113.80' },
        payload: JSON.stringify({ email: owner.email, password: TEST_PASSWORD }),
      });
      expect(login.statusCode).toBe(200);
      expect(login.headers['strict-transport-security']).toMatch(/^max-age=\d{8,}/);
      expect(login.cookies.every((c) => c.secure === true)).toBe(true);
      const health = await h.app.inject({ method: 'GET', url: '/healthz' });
      expect(health.headers['strict-transport-security']).toMatch(/^max-age=/);
    });
  });
});
