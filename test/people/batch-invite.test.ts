import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { connect } from '../../src/invitations/respond.js';
import { DIALECTS } from '../support/databases.js';
import { as, createHarness, DAY, type Harness, makeMember, type Reply, type TestMember } from '../support/harness.js';

const URL = '/api/v1/invitations/batch';
let unique = 0;
const freshEmail = (label: string) => `${label}.${++unique}.${Math.random().toString(36).slice(2, 8)}@batch.example`;

interface Result {
  recipient: { memberId?: string; email?: string; phone?: string };
  invitation?: { id: string; status: string; channel: string; message: string | null; recipient: { memberId?: string; email?: string; phone?: string } };
  error?: { code: string; message: string };
}

/** What each result came to: "created" or the refusal code. */
const outcomes = (reply: Reply<{ results: Result[] }>) => reply.body.results.map((r) => (r.invitation ? 'created' : r.error!.code));

describe.each(DIALECTS)('batch invitations (%s)', (dialect) => {
  let h: Harness;
  beforeAll(async () => {
    h = await createHarness(dialect);
  });
  afterAll(async () => h?.close());

  const batch = (from: TestMember, body: unknown, key?: string) =>
    as(h, from).post<{ results: Result[] }>(URL, body, key ? { headers: { 'idempotency-key': key } } : {});
  const sent = async (m: TestMember) => (await as(h, m).get('/api/v1/invitations/sent?status=all&limit=100')).body.items as { id: string }[];
  const available = async (m: TestMember) => (await as(h, m).get('/api/v1/me')).body.balance.available as number;

  it('one result per recipient, in order: created, or the refusal of a single send', async () => {
    const me = await makeMember(h, { phone: '+14155550100' });
    const [friend, pendingTo, pendingFrom, fresh, byEmail, withdrawn] = await Promise.all(Array.from({ length: 6 }, () => makeMember(h)));
    await h.database.db.transaction().execute((trx) => connect(trx, me.id, friend!.id, null, h.clock.now().toISOString()));
    expect((await as(h, me).post('/api/v1/invitations', { memberId: pendingTo!.id })).status).toBe(201);
    expect((await as(h, pendingFrom!).post('/api/v1/invitations', { memberId: me.id })).status).toBe(201);
    const old = await as(h, me).post('/api/v1/invitations', { memberId: withdrawn!.id });
    expect((await as(h, me).post(`/api/v1/invitations/${old.body.id}/withdraw`)).status).toBe(200);
    const optedOut = freshEmail('optout');
    await h.database.db
      .insertInto('opt_outs')
      .values({ recipient_key: `e:${optedOut}`, created_at: h.clock.now().toISOString() })
      .execute();
    const outsider = freshEmail('outsider');
    const balanceBefore = await available(me);

    const recipients = [
      { memberId: fresh!.id },
      { memberId: me.id },
      { email: me.email.toUpperCase() },
      { phone: '+1 415 555 0100' },
      { memberId: friend!.id },
      { memberId: pendingTo!.id },
      { memberId: pendingFrom!.id },
      { memberId: withdrawn!.id },
      { email: 'not an address' },
      { phone: '12345' },
      { memberId: 'no-such-member' },
      { email: optedOut },
      { email: `  ${outsider.toUpperCase()} ` },
      { email: byEmail!.email },
      { phone: '+44 20 7946 0958' },
      // The same person twice in one batch: the second is already pending.
      { memberId: fresh!.id },
      { memberId: fresh!.id, phone: '+14155550101' },
    ];
    const reply = await batch(me, { recipients, message: 'Hello from a batch' });
    expect(reply.status).toBe(200);
    expect(outcomes(reply)).toEqual([
      'created',
      'self_invitation',
      'self_invitation',
      'self_invitation',
      'already_connected',
      'invitation_pending',
      'invitation_pending',
      'reinvite_cooldown',
      'validation_failed',
      'validation_failed',
      'not_found',
      'recipient_opted_out',
      'created',
      'created',
      'created',
      'invitation_pending',
      'validation_failed',
    ]);
    expect(reply.body.results.map((r) => r.recipient)).toEqual(recipients);
    const created = reply.body.results.filter((r) => r.invitation).map((r) => r.invitation!);
    expect(created.map((i) => [i.channel, i.status, i.message])).toEqual(
      ['member', 'email', 'email', 'sms'].map((channel) => [channel, 'pending', 'Hello from a batch']),
    );
    expect(created[1]!.recipient.email).toBe(outsider);
    // It reached the member, but to the sender it reads as an invitation to the address.
    expect(created[2]!.recipient).toEqual({ email: byEmail!.email });
    expect(created[3]!.recipient.phone).toBe('+442079460958');
    // Every refusal carries the message a single send would give.
    expect(reply.body.results.find((r) => r.error?.code === 'reinvite_cooldown')!.error!.message).toMatch(/after \d{4}-\d\d-\d\dT/);
    // Only what was created took from the balance, and it is what the sender sees as sent.
    expect(await available(me)).toBe(balanceBefore - 4);
    const sentIds = (await sent(me)).map((i) => i.id);
    for (const i of created) expect(sentIds).toContain(i.id);
    expect(sentIds).toHaveLength(4 + 2);
    // The recipients see them.
    expect((await as(h, fresh!).get('/api/v1/invitations/received')).body.items.map((i: { id: string }) => i.id)).toEqual([created[0]!.id]);
  });

  it('the balance runs out in order: the first ones are created, the rest are balance_exhausted', async () => {
    const me = await makeMember(h, { balance: 2 });
    const others = await Promise.all(Array.from({ length: 4 }, () => makeMember(h)));
    const reply = await batch(me, { recipients: [{ memberId: me.id }, ...others.map((o) => ({ memberId: o.id }))] });
    expect(outcomes(reply)).toEqual(['self_invitation', 'created', 'created', 'balance_exhausted', 'balance_exhausted']);
    expect(await available(me)).toBe(0);
  });

  it('refuses a malformed batch as a whole with 400, creating nothing', async () => {
    const me = await makeMember(h);
    const other = await makeMember(h);
    for (const body of [
      { recipients: [] },
      {},
      { recipients: [{ memberId: other.id }], message: 'x'.repeat(301) },
      { recipients: Array.from({ length: 501 }, (_, i) => ({ email: `r${i}@batch.example` })) },
      { recipients: [{ memberId: other.id }, 'not an object'] },
    ]) {
      const reply = await batch(me, body);
      expect(reply.status, JSON.stringify(body).slice(0, 80)).toBe(400);
      expect((reply.body as unknown as { error: { code: string } }).error.code).toBe('validation_failed');
    }
    expect(await sent(me)).toEqual([]);
    expect(await available(me)).toBe(h.config.initialBalance);
  });

  describe('Idempotency-Key covers the whole batch', () => {
    it('a replay returns the same results and creates nothing more', async () => {
      const me = await makeMember(h);
      const [a, b] = [await makeMember(h), await makeMember(h)];
      const body = { recipients: [{ memberId: a.id }, { memberId: me.id }, { email: freshEmail('idem') }, { memberId: b.id }], message: 'Once' };
      const first = await batch(me, body, 'batch-key-1');
      expect(first.status).toBe(200);
      expect(outcomes(first)).toEqual(['created', 'self_invitation', 'created', 'created']);
      expect(first.headers['idempotent-replayed']).toBeUndefined();
      const balance = await available(me);
      const outbox = (await h.database.db.selectFrom('outbox').select('id').execute()).length;

      h.clock.advance(60_000);
      const again = await batch(me, body, 'batch-key-1');
      expect(again.status).toBe(200);
      expect(again.body).toEqual(first.body);
      expect(again.headers['idempotent-replayed']).toBe('true');
      expect(await sent(me)).toHaveLength(3);
      expect(await available(me)).toBe(balance);
      expect((await h.database.db.selectFrom('outbox').select('id').execute()).length).toBe(outbox);

      // Without the key, the same body is a new request: every recipient is already invited.
      expect(outcomes(await batch(me, body))).toEqual(['invitation_pending', 'self_invitation', 'invitation_pending', 'invitation_pending']);
    });

    it('the same key with another body is 422 idempotency_key_reused, and nothing is sent', async () => {
      const me = await makeMember(h);
      const [a, b] = [await makeMember(h), await makeMember(h)];
      expect((await batch(me, { recipients: [{ memberId: a.id }] }, 'batch-key-2')).status).toBe(200);
      for (const other of [
        { recipients: [{ memberId: b.id }] },
        { recipients: [{ memberId: a.id }], message: 'now with a note' },
        { recipients: [{ memberId: a.id }, { memberId: b.id }] },
      ]) {
        const reply = await batch(me, other, 'batch-key-2');
        expect(reply.status).toBe(422);
        expect((reply.body as unknown as { error: { code: string } }).error.code).toBe('idempotency_key_reused');
      }
      expect(await sent(me)).toHaveLength(1);
      // Keys belong to their member: another member may use the same one.
      const other = await makeMember(h);
      expect(outcomes(await batch(other, { recipients: [{ memberId: b.id }] }, 'batch-key-2'))).toEqual(['created']);
    });

    it('after 24 hours the key is forgotten and the batch runs again', async () => {
      const me = await makeMember(h);
      const a = await makeMember(h);
      const body = { recipients: [{ memberId: a.id }] };
      expect(outcomes(await batch(me, body, 'batch-key-3'))).toEqual(['created']);
      h.clock.advance(DAY + 1);
      const later = await batch(me, body, 'batch-key-3');
      expect(later.headers['idempotent-replayed']).toBeUndefined();
      expect(outcomes(later)).toEqual(['invitation_pending']);
    });

    it('two requests racing with one key create each invitation once', async () => {
      const me = await makeMember(h);
      const others = await Promise.all(Array.from({ length: 8 }, () => makeMember(h)));
      const body = { recipients: others.map((o) => ({ memberId: o.id })) };
      const replies = await Promise.all([batch(me, body, 'batch-key-race'), batch(me, body, 'batch-key-race')]);
      const ok = replies.filter((r) => r.status === 200);
      expect(ok.length).toBeGreaterThanOrEqual(1);
      for (const r of replies.filter((x) => x.status !== 200)) {
        expect(r.status).toBe(409);
        expect((r.body as unknown as { error: { code: string } }).error.code).toBe('idempotency_key_in_use');
      }
      for (const r of ok) expect(outcomes(r)).toEqual(Array(8).fill('created'));
      expect(await sent(me)).toHaveLength(8);
      expect(await available(me)).toBe(h.config.initialBalance - 8);
    });
  });

  describe('with WEEKLY_INVITATION_LIMIT=3', () => {
    let w: Harness;
    beforeAll(async () => {
      w = await createHarness(dialect, { env: { WEEKLY_INVITATION_LIMIT: '3' } });
    });
    afterAll(async () => w?.close());

    it('5 recipients: the first 3 are created, the last 2 are weekly_limit_reached; a week later there is room again', async () => {
      const me = await makeMember(w);
      const others = await Promise.all(Array.from({ length: 7 }, () => makeMember(w)));
      const reply = await as(w, me).post<{ results: Result[] }>(URL, { recipients: others.slice(0, 5).map((o) => ({ memberId: o.id })) });
      expect(reply.status).toBe(200);
      expect(outcomes(reply)).toEqual(['created', 'created', 'created', 'weekly_limit_reached', 'weekly_limit_reached']);
      expect(reply.body.results[3]!.error!.message).toContain(new Date(w.clock.now().getTime() + 7 * DAY).toISOString());
      // A refused send takes nothing from the balance.
      expect((await as(w, me).get('/api/v1/me')).body.balance).toMatchObject({ available: w.config.initialBalance - 3, sentLast7Days: 3 });

      w.clock.advance(7 * DAY);
      const next = await as(w, me).post<{ results: Result[] }>(URL, { recipients: others.slice(3).map((o) => ({ memberId: o.id })) });
      expect(outcomes(next)).toEqual(['created', 'created', 'created', 'weekly_limit_reached']);
    });

    it('refusals before the limit do not count against it', async () => {
      const me = await makeMember(w);
      const others = await Promise.all(Array.from({ length: 4 }, () => makeMember(w)));
      const reply = await as(w, me).post<{ results: Result[] }>(URL, {
        recipients: [{ memberId: me.id }, { email: 'bad' }, ...others.map((o) => ({ memberId: o.id }))],
      });
      expect(outcomes(reply)).toEqual(['self_invitation', 'validation_failed', 'created', 'created', 'created', 'weekly_limit_reached']);
    });
  });
});
