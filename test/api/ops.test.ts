import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DIALECTS } from '../support/databases.js';
import { as, call, createHarness, type Harness, makeMember, setFeature } from '../support/harness.js';

/** Every method and path of API.md's resource table, with path parameters as `{}`. */
const CONTRACT: [string, string][] = [
  ['post', '/api/v1/auth/signup'],
  ['post', '/api/v1/auth/login'],
  ['post', '/api/v1/auth/logout'],
  ['get', '/api/v1/auth/csrf'],
  ['post', '/api/v1/auth/tokens'],
  ['get', '/api/v1/me'],
  ['get', '/api/v1/members/{}'],
  ['post', '/api/v1/invitations'],
  ['get', '/api/v1/invitations/sent'],
  ['get', '/api/v1/invitations/received'],
  ['get', '/api/v1/invitations/{}'],
  ['post', '/api/v1/invitations/{}/withdraw'],
  ['post', '/api/v1/invitations/withdraw'],
  ['post', '/api/v1/invitations/{}/accept'],
  ['post', '/api/v1/invitations/{}/ignore'],
  ['post', '/api/v1/invitations/respond'],
  ['get', '/api/v1/invitation-links/{}'],
  ['post', '/api/v1/invitation-links/{}/accept'],
  ['get', '/api/v1/opt-out/{}'],
  ['post', '/api/v1/opt-out/{}'],
  ['get', '/api/v1/inbox'],
  ['get', '/api/v1/connections'],
  ['delete', '/api/v1/connections/{}'],
  ['get', '/api/v1/people-you-may-know'],
  ['post', '/api/v1/people-you-may-know/{}/dismiss'],
  ['post', '/api/v1/invitations/batch'],
  ['get', '/api/v1/me/settings'],
  ['patch', '/api/v1/me/settings'],
  ['post', '/api/v1/contacts/import'],
  ['post', '/api/v1/support/requests'],
  ['get', '/api/v1/support/requests'],
  ['post', '/api/v1/admin/members/{}/invitations/withdraw-all'],
  ['post', '/api/v1/admin/members/{}/balance'],
  ['get', '/api/v1/admin/features'],
  ['put', '/api/v1/admin/features/{}'],
  ['get', '/api/v1/admin/audit'],
  ['get', '/api/v1/dev/mailbox'],
  ['get', '/healthz'],
  ['get', '/metrics'],
];

/** The value of one Prometheus sample, 0 when it is absent. */
function sample(text: string, name: string, labels: Record<string, string>): number {
  for (const line of text.split('\n')) {
    const match = /^([a-zA-Z_:][\w:]*)\{([^}]*)\}\s+(\S+)$/.exec(line);
    if (!match || match[1] !== name) continue;
    const found = Object.fromEntries([...match[2]!.matchAll(/(\w+)="([^"]*)"/g)].map((m) => [m[1], m[2]]));
    if (Object.entries(labels).every(([k, v]) => found[k] === v)) return Number(match[3]);
  }
  return 0;
}

describe.each(DIALECTS)('operations endpoints and protocol errors (%s)', (dialect) => {
  let h: Harness;
  beforeAll(async () => {
    h = await createHarness(dialect);
  });
  afterAll(async () => h?.close());

  it('GET /healthz is 200 when the database answers', async () => {
    const res = await call(h, 'GET', '/healthz');
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ status: 'ok' });
  });

  it('GET /metrics counts requests, and invitation transitions by from and to', async () => {
    const alice = await makeMember(h);
    const bob = await makeMember(h);
    const before = (await call(h, 'GET', '/metrics')).body as string;
    const sent = await as(h, alice).post('/api/v1/invitations', { memberId: bob.id });
    await as(h, alice).post(`/api/v1/invitations/${sent.body.id}/withdraw`);
    // Repeating the withdrawal changes nothing, so it is not counted again.
    await as(h, alice).post(`/api/v1/invitations/${sent.body.id}/withdraw`);

    const res = await call(h, 'GET', '/metrics');
    expect(res.status).toBe(200);
    expect(String(res.headers['content-type'])).toMatch(/^text\/plain/);
    const text = res.body as string;
    expect(text).toContain('# TYPE rapport_http_requests_total counter');
    expect(text).toContain('# TYPE rapport_invitation_transitions_total counter');
    const withdrawn = { from: 'pending', to: 'withdrawn' };
    expect(sample(text, 'rapport_invitation_transitions_total', withdrawn)).toBe(sample(before, 'rapport_invitation_transitions_total', withdrawn) + 1);
    const created = { from: 'new', to: 'pending' };
    expect(sample(text, 'rapport_invitation_transitions_total', created)).toBe(sample(before, 'rapport_invitation_transitions_total', created) + 1);
    const route = { method: 'POST', route: '/api/v1/invitations/:id/withdraw', status: '200' };
    expect(sample(text, 'rapport_http_requests_total', route)).toBe(sample(before, 'rapport_http_requests_total', route) + 2);
    expect(sample(text, 'rapport_http_requests_total', { method: 'GET', route: '/metrics', status: '200' })).toBeGreaterThanOrEqual(1);
  });

  it('serves an OpenAPI 3.1.0 document listing every path of the contract', async () => {
    const res = await call(h, 'GET', '/api/openapi.json');
    expect(res.status).toBe(200);
    const doc = res.body as { openapi: string; info: { title: string }; paths: Record<string, Record<string, { responses?: object }>> };
    expect(doc.openapi).toBe('3.1.0');
    expect(doc.info.title).toBe('Rapport');
    const documented = new Set<string>();
    for (const [path, methods] of Object.entries(doc.paths)) {
      for (const [method, op] of Object.entries(methods)) {
        documented.add(`${method} ${path.replace(/\{[^}]+\}/g, '{}')}`);
        expect(Object.keys(op.responses ?? {}).length, `${method} ${path}`).toBeGreaterThan(0);
      }
    }
    const missing = CONTRACT.map(([m, p]) => `${m} ${p}`).filter((entry) => !documented.has(entry));
    expect(missing).toEqual([]);
  });

  it('an unknown route is a 404 not_found JSON error', async () => {
    const m = await makeMember(h);
    for (const [method, url] of [
      ['GET', '/api/v1/no-such-thing'],
      ['GET', '/nowhere'],
      ['DELETE', '/api/v1/me'],
      ['POST', '/api/v1/members'],
    ] as const) {
      const res = await call(h, method, url, { token: m.token, unchecked: true });
      expect(res.status, `${method} ${url}`).toBe(404);
      expect(String(res.headers['content-type'])).toMatch(/^application\/json/);
      expect(res.body.error.code).toBe('not_found');
    }
  });

  it('a malformed JSON body is 400 validation_failed, never a 500', async () => {
    const m = await makeMember(h);
    for (const payload of ['{"memberId":', '{not json}', '"just a string"', '[1,2,3]', 'null']) {
      const res = await call(h, 'POST', '/api/v1/invitations', { token: m.token, headers: { 'content-type': 'application/json' }, body: payload });
      expect(res.status, payload).toBe(400);
      expect(res.body.error.code).toBe('validation_failed');
    }
    const anonymous = await call(h, 'POST', '/api/v1/auth/login', { headers: { 'content-type': 'application/json' }, body: '{"email": "a@b.c", ' });
    expect(anonymous.status).toBe(400);
    expect(anonymous.body.error.code).toBe('validation_failed');
    expect((await as(h, m).get('/api/v1/invitations/sent')).body.items).toEqual([]);
  });

  it('a body of the wrong type is 400 naming the field', async () => {
    const m = await makeMember(h);
    const res = await as(h, m).post('/api/v1/invitations', { memberId: m.id, message: 'x'.repeat(301) });
    expect(res.status).toBe(400);
    expect(res.body.error.code).toBe('validation_failed');
    expect(res.body.error.message).toContain('message');
  });

  it('a wrong Content-Type is 415 unsupported_media_type, not a 500', async () => {
    const m = await makeMember(h);
    for (const contentType of ['application/xml', 'multipart/form-data; boundary=x', 'image/png', 'application/octet-stream']) {
      const res = await call(h, 'POST', '/api/v1/invitations', {
        token: m.token,
        headers: { 'content-type': contentType },
        body: 'memberId=someone',
        // 415 is a protocol-level refusal, not one of the route's documented replies.
        unchecked: true,
      });
      expect(res.status, contentType).toBe(415);
      expect(res.body.error.code).toBe('unsupported_media_type');
    }
    expect((await as(h, m).get('/api/v1/invitations/sent')).body.items).toEqual([]);
  });

  it('a JSON null is refused where the schema does not allow it, even nested, and accepted where it does', async () => {
    const m = await makeMember(h);
    const r = await makeMember(h);
    await setFeature(h, 'bulk-withdraw', { rolloutPercent: 0, allow: [m.id] });
    // A nullable field takes null.
    const sent = await as(h, m).post('/api/v1/invitations', { memberId: r.id, message: null });
    expect(sent.status).toBe(201);
    expect(sent.body.message).toBeNull();
    // Coerced, this null would be "older than 0 days": everything.
    const nested = await as(h, m).post('/api/v1/invitations/withdraw', { filter: { olderThanDays: null } });
    expect(nested.status).toBe(400);
    expect(nested.body.error.code).toBe('validation_failed');
    expect(nested.body.error.message).toContain('filter.olderThanDays');
    const inList = await as(h, m).post('/api/v1/invitations/withdraw', { ids: [sent.body.id, null] });
    expect(inList.status).toBe(400);
    expect(inList.body.error.message).toContain('ids.1');
    expect((await as(h, m).get(`/api/v1/invitations/${sent.body.id}`)).body.status).toBe('pending');
  });

  it('a plain-text body where JSON is expected is 415 unsupported_media_type', async () => {
    const m = await makeMember(h);
    const res = await call(h, 'POST', '/api/v1/invitations', { token: m.token, headers: { 'content-type': 'text/plain' }, body: 'memberId=someone' });
    expect(res.status).toBe(415);
    expect(res.body.error.code).toBe('unsupported_media_type');
    expect(res.body.error.message).toContain('application/json');
  });
});
