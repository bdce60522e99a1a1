/**
 * Revoking credentials: a member's list of bearer tokens and revoking one, an admin revoking all of
 * a member's sessions and tokens, and suspension shutting a member out.
 */
import { randomInt } from 'node:crypto';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { issueToken } from '../../src/auth/tokens.js';
import { DIALECTS } from '../support/databases.js';
import { as, call, createHarness, DAY, expectRefusal, type Harness, makeMember, type Reply, TEST_PASSWORD, type TestMember } from '../support/harness.js';

/** A client of its own address, so the per-address log-in limit of one test never touches another's. */
const clientAddress = () => `10.${randomInt(256)}.${randomInt(256)}.${randomInt(1, 255)}`;

/** Sends a request from `remoteAddress`, checking the reply against the OpenAPI document. */
async function from(
  h: Harness,
  remoteAddress: string,
  method: string,
  url: string,
  options: { body?: unknown; headers?: Record<string, string> } = {},
): Promise<Reply> {
  const res = await h.app.inject({
    method: method as 'POST',
    url,
    remoteAddress,
    headers: options.headers,
    ...(options.body !== undefined ? { payload: options.body as object } : {}),
  });
  const body = res.body === '' ? res.body : (JSON.parse(res.body) as unknown);
  expect(h.openapi.check(method, url, res.statusCode, body), `${method} ${url} → ${res.statusCode} ${res.body.slice(0, 300)}`).toEqual([]);
  return { status: res.statusCode, body, headers: res.headers };
}

interface Session {
  cookie: string;
  csrf: string;
}

async function logIn(h: Harness, m: TestMember): Promise<Session> {
  const res = await h.app.inject({
    method: 'POST',
    url: '/api/v1/auth/login',
    remoteAddress: clientAddress(),
    payload: { email: m.email, password: TEST_PASSWORD },
  });
  expect(res.statusCode, res.body).toBe(200);
  const value = res.cookies.find((c) => c.name === 'rapport_session')!.value;
  return { cookie: `rapport_session=${value}`, csrf: (JSON.parse(res.body) as { csrfToken: string }).csrfToken };
}

async function newToken(h: Harness, m: TestMember, name?: string): Promise<{ token: string; id: string }> {
  const res = await from(h, clientAddress(), 'POST', '/api/v1/auth/tokens', {
    body: { email: m.email, password: TEST_PASSWORD, ...(name === undefined ? {} : { name }) },
  });
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  return { token: res.body.token as string, id: res.body.id as string };
}

const meWithToken = (h: Harness, token: string) => call(h, 'GET', '/api/v1/me', { token });
const meWithSession = (h: Harness, s: Session) => call(h, 'GET', '/api/v1/me', { cookie: s.cookie });

describe.each(DIALECTS)('credentials (%s)', (dialect) => {
  let h: Harness;
  let admin: TestMember;
  let agent: TestMember;
  beforeAll(async () => {
    h = await createHarness(dialect);
  });
  // Fresh each time: a test that lets a year pass expires every token made before it.
  beforeEach(async () => {
    admin = await makeMember(h, { role: 'admin' });
    agent = await makeMember(h, { role: 'support' });
  });
  afterAll(async () => h?.close());

  describe('a member’s bearer tokens', () => {
    it('lists live bearer tokens newest first with id, name, createdAt and lastUsedAt, never a secret or its hash', async () => {
      const m = await makeMember(h);
      const other = await makeMember(h);
      await logIn(h, m);
      h.clock.advance(1000);
      const ci = await newToken(h, m, 'CI deploys');
      h.clock.advance(1000);
      const plain = await newToken(h, m);
      h.clock.advance(1000);
      const hostile = await newToken(h, m, ' Laptop\r\nscript\u202Egpj.exe\u200B\u0007  ');
      await newToken(h, other, 'not yours');

      const list = await as(h, m).get('/api/v1/auth/tokens');
      expect(list.status).toBe(200);
      expect(list.body.nextCursor).toBeNull();
      // m.token (made by the test factory) is the oldest; the session is not a bearer token.
      expect(list.body.items.map((t: { id: string }) => t.id)).toEqual([hostile.id, plain.id, ci.id, expect.any(String)]);
      for (const item of list.body.items) expect(Object.keys(item).sort()).toEqual(['createdAt', 'id', 'lastUsedAt', 'name']);
      expect(list.body.items[0]).toEqual({ id: hostile.id, name: 'Laptop scriptgpj.exe', createdAt: h.clock.now().toISOString(), lastUsedAt: null });
      expect(list.body.items[1]).toMatchObject({ id: plain.id, name: null, lastUsedAt: null });
      expect(list.body.items[2]).toMatchObject({ id: ci.id, name: 'CI deploys' });
      // The factory's token is the one this request used.
      expect(list.body.items[3]).toMatchObject({ name: null, lastUsedAt: h.clock.now().toISOString() });

      const rows = await h.database.db.selectFrom('auth_tokens').select('token_hash').where('member_id', '=', m.id).execute();
      const text = JSON.stringify(list.body);
      for (const secret of [m.token, ci.token, plain.token, hostile.token, ...rows.map((r) => r.token_hash)]) expect(text).not.toContain(secret);
    });

    it('pages with the shared cursor, and leaves expired tokens out', async () => {
      const m = await makeMember(h);
      const made: string[] = [];
      for (let i = 0; i < 4; i++) {
        made.unshift((await newToken(h, m, `t${i}`)).id);
        if (i % 2 === 1) h.clock.advance(1000); // two tokens share each creation time
      }
      const seen: string[] = [];
      let cursor: string | null = null;
      do {
        const page: Reply = await as(h, m).get(`/api/v1/auth/tokens?limit=2${cursor ? `&cursor=${cursor}` : ''}`);
        expect(page.status).toBe(200);
        expect(page.body.items.length).toBeLessThanOrEqual(2);
        seen.push(...page.body.items.map((t: { id: string }) => t.id));
        cursor = page.body.nextCursor;
      } while (cursor);
      // The pages, put together, are the whole list in its order: the four and the factory's token.
      const whole = (await as(h, m).get('/api/v1/auth/tokens?limit=100')).body.items.map((t: { id: string }) => t.id);
      expect(seen).toEqual(whole);
      expect(seen).toHaveLength(5);
      expect(seen.slice(0, 2).sort()).toEqual(made.slice(0, 2).sort());
      for (const id of made) expect(seen).toContain(id);

      const bad = await as(h, m).get('/api/v1/auth/tokens?cursor=nope');
      expectRefusal(bad, 400, 'validation_failed');

      // A year on, the first four have expired; a token made now is all there is.
      h.clock.advance(366 * DAY);
      const fresh = await newToken(h, m, 'new');
      const later = await call(h, 'GET', '/api/v1/auth/tokens', { token: fresh.token });
      expect(later.body.items.map((t: { id: string }) => t.id)).toEqual([fresh.id]);
    });

    it('records lastUsedAt at most once a minute', async () => {
      const m = await makeMember(h);
      const t = await newToken(h, m, 'watched');
      const lastUsed = async () => {
        const list = await as(h, m).get('/api/v1/auth/tokens?limit=100');
        return (list.body.items as { id: string; lastUsedAt: string | null }[]).find((i) => i.id === t.id)!.lastUsedAt;
      };
      expect(await lastUsed()).toBeNull();
      const first = h.clock.now().toISOString();
      expect((await meWithToken(h, t.token)).status).toBe(200);
      expect(await lastUsed()).toBe(first);
      h.clock.advance(59_000);
      expect((await meWithToken(h, t.token)).status).toBe(200);
      expect(await lastUsed()).toBe(first);
      h.clock.advance(2_000);
      expect((await meWithToken(h, t.token)).status).toBe(200);
      expect(await lastUsed()).toBe(h.clock.now().toISOString());
    });

    it('refuses a name that is too long or null, naming the field, and keeps an invisible one as no name', async () => {
      const m = await makeMember(h);
      for (const name of ['x'.repeat(101), null]) {
        const res = await from(h, clientAddress(), 'POST', '/api/v1/auth/tokens', { body: { email: m.email, password: TEST_PASSWORD, name } });
        expectRefusal(res, 400, 'validation_failed');
        expect(res.body.error.message).toContain('name');
      }
      const longest = await newToken(h, m, 'y'.repeat(100));
      // A name of nothing visible is no name.
      const blank = await newToken(h, m, ' \u200B\t\u2028 ');
      const names = new Map((await as(h, m).get('/api/v1/auth/tokens')).body.items.map((t: { id: string; name: string | null }) => [t.id, t.name]));
      expect(names.get(longest.id)).toBe('y'.repeat(100));
      expect(names.get(blank.id)).toBeNull();
    });

    it('DELETE revokes one token at once, for every later request; another member’s or an unknown id is 404', async () => {
      const m = await makeMember(h);
      const other = await makeMember(h);
      const doomed = await newToken(h, m, 'old laptop');
      const kept = await newToken(h, m, 'ci');
      const theirs = await newToken(h, other, 'theirs');
      const session = await logIn(h, m);
      expect((await meWithToken(h, doomed.token)).status).toBe(200);

      // Another member's token id, and an unknown one: 404, and nothing changes.
      expectRefusal(await as(h, m).delete(`/api/v1/auth/tokens/${theirs.id}`), 404, 'not_found');
      expectRefusal(await as(h, m).delete('/api/v1/auth/tokens/no-such-token'), 404, 'not_found');
      expect((await meWithToken(h, theirs.token)).status).toBe(200);
      // A session is not a bearer token: its id does not revoke it here.
      const sessionRow = await h.database.db
        .selectFrom('auth_tokens')
        .select('id')
        .where('member_id', '=', m.id)
        .where('kind', '=', 'session')
        .executeTakeFirstOrThrow();
      expectRefusal(await as(h, m).delete(`/api/v1/auth/tokens/${sessionRow.id}`), 404, 'not_found');
      expect((await meWithSession(h, session)).status).toBe(200);

      // Revoked from the browser session (with its CSRF token), it fails on the very next request.
      const done = await call(h, 'DELETE', `/api/v1/auth/tokens/${doomed.id}`, { cookie: session.cookie, headers: { 'x-csrf-token': session.csrf } });
      expect(done.status).toBe(204);
      expectRefusal(await meWithToken(h, doomed.token), 401, 'unauthenticated');
      expectRefusal(await as(h, m).delete(`/api/v1/auth/tokens/${doomed.id}`), 404, 'not_found');
      const ids = (await as(h, m).get('/api/v1/auth/tokens')).body.items.map((t: { id: string }) => t.id);
      expect(ids).not.toContain(doomed.id);
      expect(ids).toContain(kept.id);
      expect((await meWithToken(h, kept.token)).status).toBe(200);

      // A token can revoke itself.
      expect((await call(h, 'DELETE', `/api/v1/auth/tokens/${kept.id}`, { token: kept.token })).status).toBe(204);
      expectRefusal(await meWithToken(h, kept.token), 401, 'unauthenticated');
    });

    it('needs a credential', async () => {
      expectRefusal(await call(h, 'GET', '/api/v1/auth/tokens'), 401, 'unauthenticated');
      expectRefusal(await call(h, 'DELETE', '/api/v1/auth/tokens/anything'), 401, 'unauthenticated');
    });
  });

  describe('an admin revoking all of a member’s credentials', () => {
    it('ends every session and bearer token of the member at once, audited, and touches no one else', async () => {
      const m = await makeMember(h);
      const bystander = await makeMember(h);
      const [s1, s2] = [await logIn(h, m), await logIn(h, m)];
      const t = await newToken(h, m, 'script');
      const theirs = await logIn(h, bystander);

      const res = await as(h, admin).post(`/api/v1/admin/members/${m.id}/credentials/revoke`, { reason: 'Laptop stolen' });
      expect(res.status).toBe(200);
      // Two sessions, the token the test factory made and the one made here.
      expect(res.body).toEqual({ revoked: 4 });
      for (const reply of [await meWithSession(h, s1), await meWithSession(h, s2), await meWithToken(h, t.token), await meWithToken(h, m.token)]) {
        expectRefusal(reply, 401, 'unauthenticated');
      }
      expect((await meWithSession(h, theirs)).status).toBe(200);
      expect((await as(h, bystander).get('/api/v1/me')).status).toBe(200);

      const audit = await as(h, admin).get(`/api/v1/admin/audit?memberId=${m.id}&action=member.credentials_revoked`);
      expect(audit.body.items).toHaveLength(1);
      expect(audit.body.items[0]).toMatchObject({
        actor: { id: admin.id },
        subject: { memberId: m.id },
        path: 'api',
        details: { revoked: 4, reason: 'Laptop stolen' },
      });

      // The member can log in again; a second revocation finds only that.
      const again = await logIn(h, m);
      expect((await meWithSession(h, again)).status).toBe(200);
      expect((await as(h, admin).post(`/api/v1/admin/members/${m.id}/credentials/revoke`)).body).toEqual({ revoked: 1 });
      expectRefusal(await meWithSession(h, again), 401, 'unauthenticated');
    });

    it('is for admins only; an unknown member is 404', async () => {
      const m = await makeMember(h);
      const peer = await makeMember(h);
      for (const caller of [agent, peer]) {
        expectRefusal(await as(h, caller).post(`/api/v1/admin/members/${m.id}/credentials/revoke`, {}), 403, 'forbidden');
      }
      expect((await meWithToken(h, m.token)).status).toBe(200);
      expectRefusal(await as(h, admin).post('/api/v1/admin/members/no-such-member/credentials/revoke', {}), 404, 'not_found');
      expectRefusal(await as(h, admin).post(`/api/v1/admin/members/${m.id}/credentials/revoke`, { reason: '' }), 400, 'validation_failed');
      expect((await meWithToken(h, m.token)).status).toBe(200);
    });
  });

  describe('suspension', () => {
    it('stops every credential at once and refuses log-in and tokens exactly as a wrong password; lifting it restores them', async () => {
      const m = await makeMember(h);
      const session = await logIn(h, m);
      const t = await newToken(h, m, 'nightly');
      const wrong = await from(h, clientAddress(), 'POST', '/api/v1/auth/login', { body: { email: m.email, password: 'not the password' } });
      expectRefusal(wrong, 401, 'invalid_credentials');

      const res = await as(h, admin).post(`/api/v1/admin/members/${m.id}/suspend`, { reason: 'Spam run' });
      expect(res.status).toBe(200);
      const suspendedAt = h.clock.now().toISOString();
      expect(res.body).toEqual({ id: m.id, suspendedAt });

      for (const reply of [await meWithSession(h, session), await meWithToken(h, t.token), await meWithToken(h, m.token)])
        expectRefusal(reply, 401, 'unauthenticated');
      expectRefusal(await call(h, 'POST', '/api/v1/invitations', { token: t.token, body: { email: 'someone@example.test' } }), 401, 'unauthenticated');
      const login = await from(h, clientAddress(), 'POST', '/api/v1/auth/login', { body: { email: m.email, password: TEST_PASSWORD } });
      const token = await from(h, clientAddress(), 'POST', '/api/v1/auth/tokens', { body: { email: m.email, password: TEST_PASSWORD } });
      for (const reply of [login, token]) {
        expect(reply.body).toEqual(wrong.body);
        expect(reply.status).toBe(401);
        expect(String(reply.headers['set-cookie'] ?? '')).not.toContain('rapport_session');
      }
      // However a credential came to exist (one issued in a race with the suspension), it does not work.
      const raced = await issueToken(h.database.db, m.id, 'bearer', h.clock.now());
      expectRefusal(await meWithToken(h, raced), 401, 'unauthenticated');

      // Suspending again changes nothing and is audited once.
      h.clock.advance(60_000);
      expect((await as(h, admin).post(`/api/v1/admin/members/${m.id}/suspend`, { reason: 'Again' })).body).toEqual({ id: m.id, suspendedAt });

      const lifted = await as(h, admin).post(`/api/v1/admin/members/${m.id}/unsuspend`, { reason: 'Appeal upheld' });
      expect(lifted.status).toBe(200);
      expect(lifted.body).toEqual({ id: m.id, suspendedAt: null });
      expect((await meWithSession(h, session)).status).toBe(200);
      expect((await meWithToken(h, t.token)).status).toBe(200);
      expect((await newToken(h, m)).token).toMatch(/^rpt_/);
      expect((await as(h, admin).post(`/api/v1/admin/members/${m.id}/unsuspend`, {})).body).toEqual({ id: m.id, suspendedAt: null });

      const audit = await as(h, admin).get(`/api/v1/admin/audit?memberId=${m.id}`);
      const trail = (audit.body.items as { action: string; details: Record<string, unknown>; actor: { id: string } }[]).filter((i) =>
        i.action.startsWith('member.'),
      );
      expect(trail.map((i) => [i.action, i.details.reason, i.actor.id])).toEqual([
        ['member.unsuspended', 'Appeal upheld', admin.id],
        ['member.suspended', 'Spam run', admin.id],
      ]);
    });

    it('is for admins only, needs a reason, and an admin cannot suspend themselves', async () => {
      const m = await makeMember(h);
      for (const caller of [agent, m]) {
        expectRefusal(await as(h, caller).post(`/api/v1/admin/members/${admin.id}/suspend`, { reason: 'coup' }), 403, 'forbidden');
        expectRefusal(await as(h, caller).post(`/api/v1/admin/members/${m.id}/unsuspend`, {}), 403, 'forbidden');
      }
      for (const body of [{}, { reason: '   ' }, { reason: null }]) {
        const res = await as(h, admin).post(`/api/v1/admin/members/${m.id}/suspend`, body);
        expectRefusal(res, 400, 'validation_failed');
        expect(res.body.error.message).toContain('reason');
      }
      expectRefusal(await as(h, admin).post(`/api/v1/admin/members/${admin.id}/suspend`, { reason: 'oops' }), 403, 'forbidden');
      for (const action of ['suspend', 'unsuspend']) {
        expectRefusal(await as(h, admin).post(`/api/v1/admin/members/no-such-member/${action}`, { reason: 'x' }), 404, 'not_found');
      }
      expect((await as(h, admin).get('/api/v1/me')).status).toBe(200);
      expect((await meWithToken(h, m.token)).status).toBe(200);
    });

    it('keeps the log-in rate limits: a suspended account is refused, then limited, like any other', async () => {
      const m = await makeMember(h);
      expect((await as(h, admin).post(`/api/v1/admin/members/${m.id}/suspend`, { reason: 'Limits' })).status).toBe(200);
      // From one client, past both the per-account and the per-client limits: refused every time, never
      // told apart from a wrong password, and limited in the end.
      const address = clientAddress();
      const codes: string[] = [];
      for (let i = 0; i < 21; i++) {
        const res = await from(h, address, 'POST', '/api/v1/auth/tokens', { body: { email: m.email, password: TEST_PASSWORD, name: `try ${i}` } });
        expect([401, 429]).toContain(res.status);
        codes.push(res.body.error.code);
      }
      expect(codes[0]).toBe('invalid_credentials');
      expect(codes[20]).toBe('rate_limited');
      expect(new Set(codes)).toEqual(new Set(['invalid_credentials', 'rate_limited']));
      expect(await h.database.db.selectFrom('auth_tokens').select('id').where('member_id', '=', m.id).execute()).toHaveLength(1);
    });
  });
});
