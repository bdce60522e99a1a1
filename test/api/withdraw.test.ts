import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DIALECTS } from '../support/databases.js';
import { as, createHarness, DAY, type Harness, makeMember, setFeature } from '../support/harness.js';

describe.each(DIALECTS)('withdrawing invitations (%s)', (dialect) => {
  let h: Harness;
  beforeAll(async () => {
    h = await createHarness(dialect);
  });
  afterAll(async () => h?.close());

  it('withdraws a pending invitation, hides it from the recipient, and keeps the balance spent', async () => {
    const alice = await makeMember(h);
    const bob = await makeMember(h);
    const sent = await as(h, alice).post('/api/v1/invitations', { memberId: bob.id, message: 'Hi Bob' });
    expect(sent.status).toBe(201);
    expect(sent.body).toMatchObject({ status: 'pending', withdrawable: true, channel: 'member', recipient: { memberId: bob.id } });

    const received = await as(h, bob).get('/api/v1/invitations/received');
    expect(received.body.items.map((i: { id: string }) => i.id)).toEqual([sent.body.id]);

    const withdrawn = await as(h, alice).post(`/api/v1/invitations/${sent.body.id}/withdraw`);
    expect(withdrawn.status).toBe(200);
    expect(withdrawn.body).toMatchObject({ status: 'withdrawn', withdrawable: false });

    const again = await as(h, alice).post(`/api/v1/invitations/${sent.body.id}/withdraw`);
    expect(again.status).toBe(200);
    expect(again.body.withdrawnAt).toBe(withdrawn.body.withdrawnAt);

    expect((await as(h, bob).get('/api/v1/invitations/received')).body.items).toEqual([]);
    expect((await as(h, bob).get(`/api/v1/invitations/${sent.body.id}`)).status).toBe(404);
    expect((await as(h, bob).get('/api/v1/inbox?folder=received')).body.items).toEqual([]);

    const me = await as(h, alice).get('/api/v1/me');
    expect(me.body.balance.available).toBe(h.config.initialBalance - 1);

    const retry = await as(h, alice).post('/api/v1/invitations', { memberId: bob.id });
    expect(retry.status).toBe(429);
    expect(retry.body.error.code).toBe('reinvite_cooldown');
    h.clock.advance(21 * DAY + 1000);
    expect((await as(h, alice).post('/api/v1/invitations', { memberId: bob.id })).status).toBe(201);
  });

  it('refuses to withdraw an accepted invitation and hides other members’ invitations', async () => {
    const alice = await makeMember(h);
    const bob = await makeMember(h);
    const eve = await makeMember(h);
    const sent = await as(h, alice).post('/api/v1/invitations', { memberId: bob.id });
    expect((await as(h, eve).post(`/api/v1/invitations/${sent.body.id}/withdraw`)).status).toBe(404);
    expect((await as(h, bob).post(`/api/v1/invitations/${sent.body.id}/accept`)).status).toBe(200);
    const refused = await as(h, alice).post(`/api/v1/invitations/${sent.body.id}/withdraw`);
    expect(refused.status).toBe(409);
    expect(refused.body.error.code).toBe('not_withdrawable');
  });

  it('bulk withdraws by filter only with the flag', async () => {
    const alice = await makeMember(h);
    const people = await Promise.all([1, 2, 3].map(() => makeMember(h)));
    for (const p of people) expect((await as(h, alice).post('/api/v1/invitations', { memberId: p.id })).status).toBe(201);
    const denied = await as(h, alice).post('/api/v1/invitations/withdraw', { filter: {} });
    expect(denied.status).toBe(403);
    expect(denied.body.error.code).toBe('feature_unavailable');
    await setFeature(h, 'bulk-withdraw', { rolloutPercent: 0, allow: [alice.id] });
    const done = await as(h, alice).post('/api/v1/invitations/withdraw', { filter: {} });
    expect(done.status).toBe(200);
    expect(done.body.withdrawn).toBe(3);
    expect((await as(h, alice).get('/api/v1/invitations/sent')).body.items).toEqual([]);
  });
});
