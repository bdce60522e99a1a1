/**
 * Bodies are taken exactly as sent: a value of the wrong JSON type, a wrapped `[x]`, a stringified
 * boolean or an unknown field is 400 `validation_failed` naming the field, and changes nothing. A
 * body of any type but the route's own is 415 before it is read.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DIALECTS } from '../support/databases.js';
import { as, call, createHarness, expectRefusal, type Harness, makeMember, setFeature, TEST_PASSWORD, type TestMember } from '../support/harness.js';

describe.each(DIALECTS)('strict request bodies (%s)', (dialect) => {
  let h: Harness;
  beforeAll(async () => {
    h = await createHarness(dialect);
  });
  afterAll(async () => h?.close());

  async function senderWithPending(count: number): Promise<{ sender: TestMember; ids: string[] }> {
    const sender = await makeMember(h);
    const ids: string[] = [];
    for (let i = 0; i < count; i++) {
      const recipient = await makeMember(h);
      const sent = await as(h, sender).post('/api/v1/invitations', { memberId: recipient.id });
      expect(sent.status).toBe(201);
      ids.push(sent.body.id);
    }
    return { sender, ids };
  }

  const pendingOf = async (sender: TestMember) => (await as(h, sender).get('/api/v1/invitations/sent')).body.items.length as number;

  it.each([
    ['[null]', [null]],
    ['null', null],
    ['"false"', 'false'],
    ['"true"', 'true'],
    ['0', 0],
    ['1', 1],
    ['[false]', [false]],
    ['[true]', [true]],
    ['{}', {}],
  ])('a support withdraw-all preview with dryRun %s withdraws nothing', async (_label, dryRun) => {
    const agent = await makeMember(h, { role: 'support' });
    const { sender } = await senderWithPending(3);
    const res = await as(h, agent).post(`/api/v1/admin/members/${sender.id}/invitations/withdraw-all`, { reason: 'preview', dryRun });
    expectRefusal(res, 400, 'validation_failed');
    expect(res.body.error.details.field).toBe('dryRun');
    expect(res.body.error.message).toContain('dryRun');
    expect(await pendingOf(sender)).toBe(3);
  });

  it('a misspelt dryRun is an unknown field, not a withdrawal for real', async () => {
    const agent = await makeMember(h, { role: 'support' });
    const { sender } = await senderWithPending(2);
    for (const body of [
      { reason: 'preview', dry_run: true },
      { reason: 'preview', dryrun: true },
      { reason: 'preview', dryRun: true, extra: 1 },
    ]) {
      const res = await as(h, agent).post(`/api/v1/admin/members/${sender.id}/invitations/withdraw-all`, body);
      expectRefusal(res, 400, 'validation_failed');
      expect(res.body.error.message).toMatch(/is not a known field/);
    }
    expect(await pendingOf(sender)).toBe(2);
    const preview = await as(h, agent).post(`/api/v1/admin/members/${sender.id}/invitations/withdraw-all`, { reason: 'preview', dryRun: true });
    expect(preview.status).toBe(200);
    expect(preview.body).toMatchObject({ count: 2, dryRun: true });
    expect(await pendingOf(sender)).toBe(2);
  });

  it.each([
    ['[null]', [null]],
    ['"0"', '0'],
    ['[0]', [0]],
    ['true', true],
    ['"30"', '30'],
  ])('a bulk withdrawal with filter.olderThanDays %s is refused and withdraws nothing', async (_label, olderThanDays) => {
    const { sender } = await senderWithPending(2);
    await setFeature(h, 'bulk-withdraw', { rolloutPercent: 0, allow: [sender.id] });
    const res = await as(h, sender).post('/api/v1/invitations/withdraw', { filter: { olderThanDays } });
    expectRefusal(res, 400, 'validation_failed');
    expect(res.body.error.details.field).toBe('filter.olderThanDays');
    expect(await pendingOf(sender)).toBe(2);
  });

  it('an unknown key inside the filter names it', async () => {
    const { sender } = await senderWithPending(1);
    await setFeature(h, 'bulk-withdraw', { rolloutPercent: 0, allow: [sender.id] });
    const res = await as(h, sender).post('/api/v1/invitations/withdraw', { filter: { olderThan: 0 } });
    expectRefusal(res, 400, 'validation_failed');
    expect(res.body.error.details.field).toBe('filter.olderThan');
    expect(await pendingOf(sender)).toBe(1);
  });

  it.each([
    ['email as a list', (r: TestMember) => ({ email: [r.email] }), 'email'],
    ['message as a number', (r: TestMember) => ({ memberId: r.id, message: 5 }), 'message'],
    ['memberId as a number', () => ({ memberId: 1 }), 'memberId'],
    ['memberId as a list', (r: TestMember) => ({ memberId: [r.id] }), 'memberId'],
    ['phone as a number', () => ({ phone: 14155550123 }), 'phone'],
  ])('sending with %s is refused and sends nothing', async (_label, body, field) => {
    const sender = await makeMember(h);
    const recipient = await makeMember(h);
    const res = await as(h, sender).post('/api/v1/invitations', body(recipient));
    expectRefusal(res, 400, 'validation_failed');
    expect(res.body.error.details.field).toBe(field);
    expect(await pendingOf(sender)).toBe(0);
  });

  it('log-in takes strings only', async () => {
    const m = await makeMember(h);
    for (const body of [
      { email: [m.email], password: TEST_PASSWORD },
      { email: m.email, password: [TEST_PASSWORD] },
      { email: m.email, password: 12345678 },
    ]) {
      const res = await call(h, 'POST', '/api/v1/auth/login', { body });
      expectRefusal(res, 400, 'validation_failed');
      expect(res.headers['set-cookie']).toBeUndefined();
    }
  });

  it('query strings are converted to their declared types only', async () => {
    const { sender } = await senderWithPending(3);
    const page = await as(h, sender).get('/api/v1/invitations/sent?limit=2');
    expect(page.status).toBe(200);
    expect(page.body.items).toHaveLength(2);
    for (const query of ['limit=2&limit=3', 'limit=%5B2%5D', 'limit=2.5', 'limit=', 'channel=member&channel=email']) {
      const res = await as(h, sender).get(`/api/v1/invitations/sent?${query}`);
      expectRefusal(res, 400, 'validation_failed');
    }
  });

  describe('content types', () => {
    it('log-in by an auto-submitted form from another site is 415 and sets no cookie', async () => {
      const m = await makeMember(h);
      const form = `email=${encodeURIComponent(m.email)}&password=${encodeURIComponent(TEST_PASSWORD)}`;
      for (const type of ['application/x-www-form-urlencoded', 'text/plain', 'multipart/form-data; boundary=x']) {
        const payload = type.startsWith('multipart')
          ? `--x\r\nContent-Disposition: form-data; name="email"\r\n\r\n${m.email}\r\n--x\r\nContent-Disposition: form-data; name="password"\r\n\r\n${TEST_PASSWORD}\r\n--x--`
          : type === 'text/plain'
            ? JSON.stringify({ email: m.email, password: TEST_PASSWORD })
            : form;
        const res = await h.app.inject({
          method: 'POST',
          url: '/api/v1/auth/login',
          headers: { 'content-type': type, origin: 'https://evil.example' },
          payload,
        });
        expect(res.statusCode, type).toBe(415);
        expect(res.json().error.code).toBe('unsupported_media_type');
        expect(res.headers['set-cookie'], type).toBeUndefined();
      }
    });

    it('a body without a Content-Type, or JSON in another charset, is 415', async () => {
      const m = await makeMember(h);
      const r = await makeMember(h);
      const body = JSON.stringify({ memberId: r.id });
      const bare = await h.app.inject({
        method: 'POST',
        url: '/api/v1/invitations',
        headers: { authorization: `Bearer ${m.token}` },
        payload: Buffer.from(body),
      });
      expect(bare.statusCode).toBe(415);
      const latin = await h.app.inject({
        method: 'POST',
        url: '/api/v1/invitations',
        headers: { authorization: `Bearer ${m.token}`, 'content-type': 'application/json; charset=latin1' },
        payload: body,
      });
      expect(latin.statusCode).toBe(415);
      const utf8 = await h.app.inject({
        method: 'POST',
        url: '/api/v1/invitations',
        headers: { authorization: `Bearer ${m.token}`, 'content-type': 'Application/JSON; charset=UTF-8' },
        payload: body,
      });
      expect(utf8.statusCode).toBe(201);
      expect(await pendingOf(m)).toBe(1);
    });

    it("the contacts import's CSV parser serves that route only", async () => {
      const m = await makeMember(h);
      const csv = 'email,password\nsomeone@example.test,secret';
      const login = await h.app.inject({ method: 'POST', url: '/api/v1/auth/login', headers: { 'content-type': 'text/csv' }, payload: csv });
      expect(login.statusCode).toBe(415);
      const send = await h.app.inject({
        method: 'POST',
        url: '/api/v1/invitations',
        headers: { authorization: `Bearer ${m.token}`, 'content-type': 'text/csv' },
        payload: csv,
      });
      expect(send.statusCode).toBe(415);
      const imported = await h.app.inject({
        method: 'POST',
        url: '/api/v1/contacts/import',
        headers: { authorization: `Bearer ${m.token}`, 'content-type': 'text/csv' },
        payload: 'Name,E-mail Address\nSomeone,someone@example.test\n',
      });
      expect(imported.statusCode).toBe(200);
    });

    it('a POST without any body still works where the body is optional', async () => {
      const m = await makeMember(h);
      const res = await h.app.inject({ method: 'POST', url: '/api/v1/auth/logout', headers: { authorization: `Bearer ${m.token}` } });
      expect(res.statusCode).toBe(204);
    });
  });
});
