import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bucketOf, isEnabled } from '../../src/flags/flags.js';
import { DIALECTS } from '../support/databases.js';
import { as, createHarness, type Harness, makeMember, type TestMember } from '../support/harness.js';

describe.each(DIALECTS)('feature flags (%s)', (dialect) => {
  let h: Harness;
  let admin: TestMember;
  beforeAll(async () => {
    h = await createHarness(dialect);
    admin = await makeMember(h, { role: 'admin' });
  });
  afterAll(async () => h?.close());

  const put = (key: string, body: unknown, who: TestMember = admin) => as(h, who).put(`/api/v1/admin/features/${key}`, body);
  const features = async (m: TestMember) => (await as(h, m).get('/api/v1/me')).body.features as Record<string, boolean>;

  it('GET /admin/features lists both flags; a flag never set is off for everybody', async () => {
    const res = await as(h, admin).get('/api/v1/admin/features');
    expect(res.status).toBe(200);
    expect(res.body.items.map((f: { key: string }) => f.key)).toEqual(['bulk-withdraw', 'inbox-withdraw', 'new-messaging']);
    for (const flag of res.body.items) expect(flag).toMatchObject({ rolloutPercent: expect.any(Number), allow: expect.any(Array), deny: expect.any(Array) });
  });

  it('only admins may read or change flags: members and support get 403 and nothing changes', async () => {
    await put('bulk-withdraw', { rolloutPercent: 5, allow: [], deny: [] });
    for (const role of ['member', 'support'] as const) {
      const caller = await makeMember(h, { role });
      const read = await as(h, caller).get('/api/v1/admin/features');
      expect(read.status).toBe(403);
      expect(read.body.error.code).toBe('forbidden');
      const write = await put('bulk-withdraw', { rolloutPercent: 100, allow: [caller.id] }, caller);
      expect(write.status).toBe(403);
      expect(write.body.error.code).toBe('forbidden');
      expect((await features(caller))['bulk-withdraw']).toBe(isEnabled({ key: 'bulk-withdraw', rolloutPercent: 5, allow: [], deny: [] }, caller.id));
    }
    const flags = (await as(h, admin).get('/api/v1/admin/features')).body.items;
    expect(flags.find((f: { key: string }) => f.key === 'bulk-withdraw')).toMatchObject({ rolloutPercent: 5, allow: [], deny: [] });
  });

  it('PUT of an unknown key is 404 not_found', async () => {
    const res = await put('time-travel', { rolloutPercent: 50 });
    expect(res.status).toBe(404);
    expect(res.body.error.code).toBe('not_found');
    expect((await as(h, admin).get('/api/v1/admin/features')).body.items).toHaveLength(3);
  });

  it.each([[101], [-1], [50.5], ['half'], ['150'], [{}], [null]])('refuses rolloutPercent %j with 400 validation_failed', async (rolloutPercent) => {
    const res = await put('inbox-withdraw', { rolloutPercent });
    expect(res.status).toBe(400);
    expect(res.body.error.code).toBe('validation_failed');
    expect(res.body.error.message).toContain('rolloutPercent');
  });

  it('refuses allow and deny lists naming no member with 422 unknown_members, naming them, and changes nothing', async () => {
    const member = await makeMember(h);
    expect((await put('inbox-withdraw', { rolloutPercent: 3, allow: [member.id], deny: [] })).status).toBe(200);
    const before = (await as(h, admin).get('/api/v1/admin/features')).body.items;
    const allow = await put('inbox-withdraw', { rolloutPercent: 50, allow: [member.id, 'no-such-member'] });
    expect(allow.status).toBe(422);
    expect(allow.body.error.code).toBe('unknown_members');
    expect(allow.body.error.message).toContain('no-such-member');
    expect(allow.body.error.details).toEqual({ ids: ['no-such-member'] });
    const deny = await put('inbox-withdraw', { rolloutPercent: 50, deny: ['ghost-1', 'ghost-2'] });
    expect(deny.status).toBe(422);
    expect(deny.body.error.details).toEqual({ ids: ['ghost-1', 'ghost-2'] });
    // An address is not an id: the console looks members up by name or address and sends their ids.
    expect((await put('inbox-withdraw', { rolloutPercent: 50, allow: [member.email] })).body.error.code).toBe('unknown_members');
    expect((await as(h, admin).get('/api/v1/admin/features')).body.items).toEqual(before);
  });

  it('refuses a body without rolloutPercent', async () => {
    const res = await put('inbox-withdraw', { allow: [] });
    expect(res.status).toBe(400);
    expect(res.body.error.code).toBe('validation_failed');
    expect(res.body.error.message).toContain('rolloutPercent');
  });

  it('/me features follow the allow list, the deny list and the percentage', async () => {
    const a = await makeMember(h);
    const b = await makeMember(h);
    const ok = await put('bulk-withdraw', { rolloutPercent: 0, allow: [a.id], deny: [] });
    expect(ok.status).toBe(200);
    expect(ok.body).toMatchObject({ key: 'bulk-withdraw', rolloutPercent: 0, allow: [a.id], deny: [], updatedAt: expect.any(String) });
    expect(await features(a)).toEqual({ 'bulk-withdraw': true, 'inbox-withdraw': expect.any(Boolean), 'new-messaging': expect.any(Boolean) });
    expect((await features(b))['bulk-withdraw']).toBe(false);

    await put('bulk-withdraw', { rolloutPercent: 100, allow: [], deny: [b.id] });
    expect((await features(a))['bulk-withdraw']).toBe(true);
    expect((await features(b))['bulk-withdraw']).toBe(false);

    // Deny beats allow.
    await put('bulk-withdraw', { rolloutPercent: 100, allow: [b.id], deny: [b.id] });
    expect((await features(b))['bulk-withdraw']).toBe(false);

    await put('bulk-withdraw', { rolloutPercent: 0, allow: [], deny: [] });
    expect((await features(a))['bulk-withdraw']).toBe(false);
    expect((await features(b))['bulk-withdraw']).toBe(false);
  });

  it('the features a member has are what the server enforces', async () => {
    const a = await makeMember(h);
    const r = await makeMember(h);
    await put('bulk-withdraw', { rolloutPercent: 0, allow: [], deny: [] });
    await as(h, a).post('/api/v1/invitations', { memberId: r.id });
    const refused = await as(h, a).post('/api/v1/invitations/withdraw', { filter: {} });
    expect(refused.status).toBe(403);
    expect(refused.body.error.code).toBe('feature_unavailable');
    await put('bulk-withdraw', { rolloutPercent: 0, allow: [a.id] });
    expect((await as(h, a).post('/api/v1/invitations/withdraw', { filter: {} })).body.withdrawn).toBe(1);
  });

  it('leaving out allow or deny keeps the lists as they were', async () => {
    const a = await makeMember(h);
    const b = await makeMember(h);
    await put('inbox-withdraw', { rolloutPercent: 10, allow: [a.id], deny: [b.id] });
    const res = await put('inbox-withdraw', { rolloutPercent: 20 });
    expect(res.body).toMatchObject({ rolloutPercent: 20, allow: [a.id], deny: [b.id] });
    expect((await features(a))['inbox-withdraw']).toBe(true);
    expect((await features(b))['inbox-withdraw']).toBe(false);
  });

  it('follows each member’s stable bucket, and raising the percentage never removes anyone', async () => {
    const members = await Promise.all(Array.from({ length: 10 }, () => makeMember(h)));
    const buckets = members.map((m) => bucketOf('inbox-withdraw', m.id)).sort((x, y) => x - y);
    // A percentage that splits these members, so some have the flag and some do not.
    const low = Math.max(1, Math.floor(buckets[5]! / 100));
    const percents = [0, low, Math.min(100, low + 20), 100];
    let before = new Map<string, boolean>();
    for (const rolloutPercent of percents) {
      expect((await put('inbox-withdraw', { rolloutPercent, allow: [], deny: [] })).status).toBe(200);
      const now = new Map<string, boolean>();
      for (const m of members) {
        const on = (await features(m))['inbox-withdraw']!;
        expect(on, `${m.id} at ${rolloutPercent}%`).toBe(bucketOf('inbox-withdraw', m.id) < rolloutPercent * 100);
        if (before.get(m.id)) expect(on, `${m.id} lost the flag at ${rolloutPercent}%`).toBe(true);
        now.set(m.id, on);
      }
      if (rolloutPercent === 0) expect([...now.values()].every((v) => !v)).toBe(true);
      if (rolloutPercent === 100) expect([...now.values()].every((v) => v)).toBe(true);
      if (rolloutPercent === low) expect([...now.values()].filter((v) => !v).length).toBeGreaterThanOrEqual(4);
      before = now;
    }
  });

  it('audits every change with its before and after', async () => {
    const a = await makeMember(h);
    await put('inbox-withdraw', { rolloutPercent: 10, allow: [], deny: [] });
    await put('inbox-withdraw', { rolloutPercent: 30, allow: [a.id] });
    const audit = await as(h, admin).get('/api/v1/admin/audit?action=flag.changed&limit=2');
    expect(audit.status).toBe(200);
    const [latest, previous] = audit.body.items;
    expect(latest).toMatchObject({
      action: 'flag.changed',
      actor: { id: admin.id },
      subject: null,
      path: 'api',
      details: { key: 'inbox-withdraw', before: { rolloutPercent: 10, allow: [], deny: [] }, after: { rolloutPercent: 30, allow: [a.id], deny: [] } },
    });
    expect(previous.details).toMatchObject({ key: 'inbox-withdraw', after: { rolloutPercent: 10, allow: [], deny: [] } });
    // A refused change is not audited.
    await put('inbox-withdraw', { rolloutPercent: 300 });
    await put('inbox-withdraw', { rolloutPercent: 90 }, await makeMember(h));
    const after = await as(h, admin).get('/api/v1/admin/audit?action=flag.changed&limit=1');
    expect(after.body.items[0].id).toBe(latest.id);
  });

  it('the first change of a flag has before: null', async () => {
    // A flag row is created only by its first change; this database was fresh, and bulk-withdraw
    // and inbox-withdraw have both been changed by now, so find the oldest change of each.
    const all = await as(h, admin).get('/api/v1/admin/audit?action=flag.changed&limit=100');
    for (const key of ['bulk-withdraw', 'inbox-withdraw']) {
      const ofKey = all.body.items.filter((i: { details: { key: string } }) => i.details.key === key);
      expect(ofKey.length).toBeGreaterThan(0);
      expect(ofKey[ofKey.length - 1].details.before).toBeNull();
      for (const item of ofKey.slice(0, -1)) expect(item.details.before).not.toBeNull();
    }
  });
});
