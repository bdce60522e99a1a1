import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DIALECTS } from '../support/databases.js';
import { as, createHarness, DAY, expectRefusal, type Harness, makeMember, type TestMember } from '../support/harness.js';

describe.each(DIALECTS)('Idempotency-Key on sending (%s)', (dialect) => {
  let h: Harness;
  beforeAll(async () => {
    h = await createHarness(dialect);
  });
  afterAll(async () => h?.close());

  const sendWithKey = (from: TestMember, key: string, body: unknown) => as(h, from).post('/api/v1/invitations', body, { headers: { 'idempotency-key': key } });
  const sentCount = async (m: TestMember) => (await as(h, m).get('/api/v1/invitations/sent?status=all&limit=100')).body.items.length;
  const available = async (m: TestMember) => (await as(h, m).get('/api/v1/me')).body.balance.available;
  const outboxRows = async (invitationId: string) =>
    (await h.database.db.selectFrom('outbox').select('id').where('invitation_id', '=', invitationId).execute()).length;

  it('the same key with the same body returns the first reply and sends once', async () => {
    const alice = await makeMember(h);
    const body = { email: `idem.${alice.id.toLowerCase()}@example.test`, message: 'Hello' };
    const first = await sendWithKey(alice, 'key-1', body);
    expect(first.status).toBe(201);
    expect(first.headers['idempotent-replayed']).toBeUndefined();
    const queued = await outboxRows(first.body.id);
    expect(queued).toBeGreaterThan(0);

    h.clock.advance(60_000);
    // Key order in the body does not make it another request.
    const again = await sendWithKey(alice, 'key-1', { message: 'Hello', email: body.email });
    expect(again.status).toBe(201);
    expect(again.body).toEqual(first.body);
    expect(again.headers['idempotent-replayed']).toBe('true');

    expect(await sentCount(alice)).toBe(1);
    expect(await available(alice)).toBe(h.config.initialBalance - 1);
    expect(await outboxRows(first.body.id)).toBe(queued);
  });

  it('without a key the same request is a second attempt (and refused as pending)', async () => {
    const alice = await makeMember(h);
    const bob = await makeMember(h);
    expect((await as(h, alice).post('/api/v1/invitations', { memberId: bob.id })).status).toBe(201);
    expectRefusal(await as(h, alice).post('/api/v1/invitations', { memberId: bob.id }), 409, 'invitation_pending');
  });

  it('the same key with another body is 422 idempotency_key_reused, and sends nothing', async () => {
    const alice = await makeMember(h);
    const [bob, carol] = [await makeMember(h), await makeMember(h)];
    expect((await sendWithKey(alice, 'key-2', { memberId: bob.id })).status).toBe(201);
    expectRefusal(await sendWithKey(alice, 'key-2', { memberId: carol.id }), 422, 'idempotency_key_reused');
    expectRefusal(await sendWithKey(alice, 'key-2', { memberId: bob.id, message: 'now with a note' }), 422, 'idempotency_key_reused');
    expect(await sentCount(alice)).toBe(1);
    expect(await available(alice)).toBe(h.config.initialBalance - 1);
  });

  it('a refusal is replayed too, even once its cause has gone', async () => {
    const alice = await makeMember(h);
    const bob = await makeMember(h);
    const theirs = await as(h, bob).post('/api/v1/invitations', { memberId: alice.id });
    const refused = await sendWithKey(alice, 'key-3', { memberId: bob.id });
    expectRefusal(refused, 409, 'invitation_pending');

    expect((await as(h, bob).post(`/api/v1/invitations/${theirs.body.id}/withdraw`)).status).toBe(200);
    const replayed = await sendWithKey(alice, 'key-3', { memberId: bob.id });
    expectRefusal(replayed, 409, 'invitation_pending');
    expect(replayed.body).toEqual(refused.body);
    expect(replayed.headers['idempotent-replayed']).toBe('true');
    expect(await sentCount(alice)).toBe(0);
    // A fresh key is judged afresh.
    expect((await sendWithKey(alice, 'key-3b', { memberId: bob.id })).status).toBe(201);
  });

  it('a malformed request is not remembered against the key', async () => {
    const alice = await makeMember(h);
    const bob = await makeMember(h);
    expectRefusal(await sendWithKey(alice, 'key-4', { memberId: bob.id, message: 'x'.repeat(301) }), 400, 'validation_failed');
    expect((await sendWithKey(alice, 'key-4', { memberId: bob.id })).status).toBe(201);
  });

  it('keys belong to one member', async () => {
    const alice = await makeMember(h);
    const carol = await makeMember(h);
    const bob = await makeMember(h);
    const fromAlice = await sendWithKey(alice, 'shared-key', { email: `per.member.${bob.id.toLowerCase()}@example.test` });
    const fromCarol = await sendWithKey(carol, 'shared-key', { email: `per.member.${bob.id.toLowerCase()}@example.test` });
    expect([fromAlice.status, fromCarol.status]).toEqual([201, 201]);
    expect(fromCarol.body.id).not.toBe(fromAlice.body.id);
    expect(fromCarol.body.sender.id).toBe(carol.id);
    expect(fromCarol.headers['idempotent-replayed']).toBeUndefined();
  });

  it('after 24 hours the key can be used again', async () => {
    const alice = await makeMember(h);
    const [bob, carol] = [await makeMember(h), await makeMember(h)];
    const first = await sendWithKey(alice, 'key-5', { memberId: bob.id });
    h.clock.advance(DAY - 1000);
    expect((await sendWithKey(alice, 'key-5', { memberId: bob.id })).body.id).toBe(first.body.id);
    expectRefusal(await sendWithKey(alice, 'key-5', { memberId: carol.id }), 422, 'idempotency_key_reused');
    h.clock.advance(1000);
    const later = await sendWithKey(alice, 'key-5', { memberId: carol.id });
    expect(later.status).toBe(201);
    expect(later.body.recipient.memberId).toBe(carol.id);
    expect(await sentCount(alice)).toBe(2);
  });

  it('concurrent requests with one key make one invitation', async () => {
    const alice = await makeMember(h);
    const bob = await makeMember(h);
    const replies = await Promise.all([1, 2, 3, 4].map(() => sendWithKey(alice, 'key-6', { memberId: bob.id })));
    for (const r of replies) {
      // A request that finds the first still in flight may be told so; none may send twice.
      if (r.status === 409) expect(r.body.error.code).toBe('idempotency_key_in_use');
      else expect(r.status).toBe(201);
    }
    const created = replies.filter((r) => r.status === 201);
    expect(created.length).toBeGreaterThan(0);
    expect(new Set(created.map((r) => r.body.id)).size).toBe(1);
    expect(await sentCount(alice)).toBe(1);
    expect(await available(alice)).toBe(h.config.initialBalance - 1);
  });

  it('refuses an empty key', async () => {
    const alice = await makeMember(h);
    const bob = await makeMember(h);
    expectRefusal(await sendWithKey(alice, '', { memberId: bob.id }), 400, 'validation_failed');
    expect(await sentCount(alice)).toBe(0);
  });
});
