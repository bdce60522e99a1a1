import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DIALECTS } from '../support/databases.js';
import { as, createHarness, DAY, expectRefusal, type Harness, makeMember, type Reply, setFeature, type TestMember } from '../support/harness.js';

const TTL = 10 * DAY;

describe.each(DIALECTS)('expiry is never late (%s)', (dialect) => {
  let h: Harness;
  beforeAll(async () => {
    h = await createHarness(dialect, { env: { INVITATION_TTL: '10d' } });
  });
  afterAll(async () => h?.close());

  async function invite(from: TestMember, body: Record<string, unknown>) {
    const sent = await as(h, from).post('/api/v1/invitations', body);
    expect(sent.status, JSON.stringify(sent.body)).toBe(201);
    return sent.body as { id: string; createdAt: string; expiresAt: string };
  }
  const ids = (reply: Reply) => reply.body.items.map((i: { id: string }) => i.id);
  const storedStatus = async (id: string) =>
    (await h.database.db.selectFrom('invitations').select('status').where('id', '=', id).executeTakeFirstOrThrow()).status;

  it('an invitation past its time reads expired to both sides, without any sweep', async () => {
    const alice = await makeMember(h);
    const bob = await makeMember(h);
    const sent = await invite(alice, { memberId: bob.id });
    expect(Date.parse(sent.expiresAt) - Date.parse(sent.createdAt)).toBe(TTL);

    h.clock.advance(TTL - 1);
    expect((await as(h, alice).get(`/api/v1/invitations/${sent.id}`)).body).toMatchObject({ status: 'pending', withdrawable: true });
    expect(ids(await as(h, bob).get('/api/v1/invitations/received'))).toEqual([sent.id]);

    h.clock.advance(1);
    expect(await storedStatus(sent.id)).toBe('pending');
    expect((await as(h, alice).get(`/api/v1/invitations/${sent.id}`)).body).toMatchObject({ status: 'expired', withdrawable: false });
    expect((await as(h, bob).get(`/api/v1/invitations/${sent.id}`)).body).toMatchObject({ status: 'expired', withdrawable: false });

    expect(ids(await as(h, alice).get('/api/v1/invitations/sent'))).toEqual([]);
    expect(ids(await as(h, alice).get('/api/v1/invitations/sent?status=expired'))).toEqual([sent.id]);
    expect(ids(await as(h, alice).get('/api/v1/invitations/sent?status=all'))).toEqual([sent.id]);
    expect(ids(await as(h, bob).get('/api/v1/invitations/received'))).toEqual([]);
    expect((await as(h, bob).get('/api/v1/me')).body.receivedPending).toBe(0);
    expect((await as(h, alice).get(`/api/v1/members/${bob.id}`)).body.relationship).toBe('none');
    expect((await as(h, bob).get(`/api/v1/members/${alice.id}`)).body.relationship).toBe('none');

    expectRefusal(await as(h, alice).post(`/api/v1/invitations/${sent.id}/withdraw`), 409, 'not_withdrawable');
    expectRefusal(await as(h, bob).post(`/api/v1/invitations/${sent.id}/accept`), 409, 'not_pending');
    expectRefusal(await as(h, bob).post(`/api/v1/invitations/${sent.id}/ignore`, {}), 409, 'not_pending');
    expect((await as(h, bob).get('/api/v1/connections')).body.items).toEqual([]);
    expect(await storedStatus(sent.id)).toBe('pending');
  });

  it('after expiry a new invitation to the same person is allowed, from either side, with no refund', async () => {
    const alice = await makeMember(h);
    const bob = await makeMember(h);
    const carol = await makeMember(h);
    const old = await invite(alice, { memberId: bob.id });
    const oldEmail = await invite(alice, { email: `expiry.${carol.id.toLowerCase()}@example.test` });
    h.clock.advance(TTL);
    expect((await as(h, alice).get('/api/v1/me')).body.balance.available).toBe(h.config.initialBalance - 2);

    const again = await invite(alice, { memberId: bob.id });
    expect(again.id).not.toBe(old.id);
    expect(ids(await as(h, bob).get('/api/v1/invitations/received'))).toEqual([again.id]);
    expect((await as(h, alice).get(`/api/v1/invitations/${old.id}`)).body.status).toBe('expired');
    expect((await invite(alice, { email: `expiry.${carol.id.toLowerCase()}@example.test` })).id).not.toBe(oldEmail.id);
    expect((await as(h, alice).get('/api/v1/me')).body.balance.available).toBe(h.config.initialBalance - 4);

    const dave = await makeMember(h);
    const toBob = await invite(dave, { memberId: bob.id });
    h.clock.advance(TTL);
    expect((await as(h, bob).post('/api/v1/invitations', { memberId: dave.id })).status).toBe(201);
    expect((await as(h, dave).get(`/api/v1/invitations/${toBob.id}`)).body.status).toBe('expired');
  });

  it('an ignored invitation expires too, and can no longer be withdrawn', async () => {
    const alice = await makeMember(h);
    const bob = await makeMember(h);
    const sent = await invite(alice, { memberId: bob.id });
    await as(h, bob).post(`/api/v1/invitations/${sent.id}/ignore`, {});
    h.clock.advance(TTL);
    expect((await as(h, alice).get(`/api/v1/invitations/${sent.id}`)).body).toMatchObject({ status: 'expired', withdrawable: false });
    expect((await as(h, bob).get(`/api/v1/invitations/${sent.id}`)).body.status).toBe('expired');
    expect(ids(await as(h, alice).get('/api/v1/invitations/sent'))).toEqual([]);
    expect(ids(await as(h, alice).get('/api/v1/invitations/sent?status=expired'))).toEqual([sent.id]);
    expectRefusal(await as(h, alice).post(`/api/v1/invitations/${sent.id}/withdraw`), 409, 'not_withdrawable');
  });

  it('bulk withdraw leaves expired invitations alone', async () => {
    const alice = await makeMember(h);
    await setFeature(h, 'bulk-withdraw', { rolloutPercent: 0, allow: [alice.id] });
    const old = await invite(alice, { phone: '+14155550444' });
    h.clock.advance(TTL);
    const fresh = await invite(alice, { phone: '+14155550445' });
    const byIds = await as(h, alice).post('/api/v1/invitations/withdraw', { ids: [old.id] });
    expect(byIds.body).toEqual({ withdrawn: 0, withdrawnIds: [], skipped: [{ id: old.id, reason: 'not_withdrawable' }] });
    const byFilter = await as(h, alice).post('/api/v1/invitations/withdraw', { filter: {} });
    expect(byFilter.body).toEqual({ withdrawn: 1, withdrawnIds: [fresh.id], skipped: [] });
    expect((await as(h, alice).get(`/api/v1/invitations/${old.id}`)).body.status).toBe('expired');
  });

  it('withdrawn and accepted invitations keep their status past the expiry time', async () => {
    const alice = await makeMember(h);
    const [bob, carol] = [await makeMember(h), await makeMember(h)];
    const accepted = await invite(alice, { memberId: bob.id });
    const withdrawn = await invite(alice, { memberId: carol.id });
    await as(h, bob).post(`/api/v1/invitations/${accepted.id}/accept`);
    await as(h, alice).post(`/api/v1/invitations/${withdrawn.id}/withdraw`);
    h.clock.advance(2 * TTL);
    expect((await as(h, alice).get(`/api/v1/invitations/${accepted.id}`)).body.status).toBe('accepted');
    expect((await as(h, alice).get(`/api/v1/invitations/${withdrawn.id}`)).body.status).toBe('withdrawn');
    expect(ids(await as(h, alice).get('/api/v1/invitations/sent?status=expired'))).toEqual([]);
  });
});
