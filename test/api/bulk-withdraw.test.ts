import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runWorkerOnce } from '../../src/delivery/worker.js';
import { DIALECTS } from '../support/databases.js';
import { as, createHarness, DAY, expectRefusal, type Harness, makeMember, setFeature, type TestMember } from '../support/harness.js';

let unique = 0;
const freshEmail = (label: string) => `${label}.${++unique}.${Math.random().toString(36).slice(2, 8)}@example.test`;

describe.each(DIALECTS)('bulk withdraw (%s)', (dialect) => {
  let h: Harness;
  beforeAll(async () => {
    h = await createHarness(dialect);
  });
  afterAll(async () => h?.close());

  async function invite(from: TestMember, body: Record<string, unknown>): Promise<string> {
    const sent = await as(h, from).post('/api/v1/invitations', body);
    expect(sent.status, JSON.stringify(sent.body)).toBe(201);
    return sent.body.id;
  }

  /** A sender who has the bulk-withdraw feature. */
  async function bulkSender(overrides: Parameters<typeof makeMember>[1] = {}) {
    const sender = await makeMember(h, overrides);
    await setFeature(h, 'bulk-withdraw', { rolloutPercent: 0, allow: [sender.id] });
    return sender;
  }

  const bulk = (m: TestMember, body: unknown) => as(h, m).post('/api/v1/invitations/withdraw', body);
  const pendingIds = async (m: TestMember) => (await as(h, m).get('/api/v1/invitations/sent?limit=100')).body.items.map((i: { id: string }) => i.id).sort();

  it('403 feature_unavailable without the flag, by ids or by filter, and nothing is withdrawn', async () => {
    const alice = await makeMember(h);
    const id = await invite(alice, { memberId: (await makeMember(h)).id });
    expect((await as(h, alice).get('/api/v1/me')).body.features['bulk-withdraw']).toBe(false);
    expectRefusal(await bulk(alice, { ids: [id] }), 403, 'feature_unavailable');
    expectRefusal(await bulk(alice, { filter: {} }), 403, 'feature_unavailable');
    expect(await pendingIds(alice)).toEqual([id]);
  });

  it('by ids: withdraws the open ones and says why each other one was skipped', async () => {
    const alice = await bulkSender();
    expect((await as(h, alice).get('/api/v1/me')).body.features['bulk-withdraw']).toBe(true);
    const [bob, carol, dave, erin] = await Promise.all([1, 2, 3, 4].map(() => makeMember(h)));
    const pending = await invite(alice, { memberId: bob!.id });
    const accepted = await invite(alice, { memberId: carol!.id });
    await as(h, carol!).post(`/api/v1/invitations/${accepted}/accept`);
    const withdrawn = await invite(alice, { memberId: dave!.id });
    await as(h, alice).post(`/api/v1/invitations/${withdrawn}/withdraw`);
    const ignored = await invite(alice, { memberId: erin!.id });
    await as(h, erin!).post(`/api/v1/invitations/${ignored}/ignore`, {});
    const mallory = await makeMember(h);
    const someoneElses = await invite(mallory, { memberId: bob!.id });

    const reply = await bulk(alice, { ids: [pending, accepted, withdrawn, ignored, someoneElses, 'no-such-invitation', pending] });
    expect(reply.status).toBe(200);
    expect(reply.body.withdrawn).toBe(2);
    expect([...reply.body.withdrawnIds].sort()).toEqual([pending, ignored].sort());
    expect([...reply.body.skipped].sort((a: { id: string }, b: { id: string }) => (a.id < b.id ? -1 : 1))).toEqual(
      [
        { id: accepted, reason: 'not_withdrawable' },
        { id: withdrawn, reason: 'already_withdrawn' },
        { id: someoneElses, reason: 'not_found' },
        { id: 'no-such-invitation', reason: 'not_found' },
      ].sort((a, b) => (a.id < b.id ? -1 : 1)),
    );

    expect(await pendingIds(alice)).toEqual([]);
    expect((await as(h, alice).get(`/api/v1/invitations/${accepted}`)).body.status).toBe('accepted');
    expect((await as(h, mallory).get(`/api/v1/invitations/${someoneElses}`)).body.status).toBe('pending');
    expect((await as(h, bob!).get('/api/v1/invitations/received')).body.items.map((i: { id: string }) => i.id)).toEqual([someoneElses]);
    expect((await as(h, erin!).get(`/api/v1/invitations/${ignored}`)).status).toBe(404);
  });

  it('by filter: takes exactly the matching open invitations', async () => {
    const alice = await bulkSender();
    const zelda = await makeMember(h, { name: 'Zelda Bulkfilter' });
    const other = await makeMember(h, { name: 'Other Person' });
    const oldMember = await invite(alice, { memberId: zelda.id });
    const oldEmail = await invite(alice, { email: freshEmail('old') });
    h.clock.advance(10 * DAY);
    const newEmail = await invite(alice, { email: freshEmail('new') });
    const newSms = await invite(alice, { phone: '+14155550321' });
    const newMember = await invite(alice, { memberId: other.id });

    const byChannel = await bulk(alice, { filter: { channel: 'email' } });
    expect(byChannel.status).toBe(200);
    expect(byChannel.body.withdrawn).toBe(2);
    expect([...byChannel.body.withdrawnIds].sort()).toEqual([oldEmail, newEmail].sort());
    expect(byChannel.body.skipped).toEqual([]);

    const byName = await bulk(alice, { filter: { q: ' bulkfilter ' } });
    expect(byName.body.withdrawnIds).toEqual([oldMember]);

    const byAge = await bulk(alice, { filter: { olderThanDays: 7 } });
    expect(byAge.body).toEqual({ withdrawn: 0, withdrawnIds: [], skipped: [] });

    expect(await pendingIds(alice)).toEqual([newSms, newMember].sort());
    const byPhone = await bulk(alice, { filter: { q: '5550321', channel: 'sms' } });
    expect(byPhone.body.withdrawnIds).toEqual([newSms]);
    expect(await pendingIds(alice)).toEqual([newMember]);
  });

  it('by age: takes what is older than N days', async () => {
    const alice = await bulkSender();
    const old1 = await invite(alice, { email: freshEmail('age1') });
    h.clock.advance(DAY);
    const old2 = await invite(alice, { email: freshEmail('age2') });
    h.clock.advance(30 * DAY);
    const recent = await invite(alice, { email: freshEmail('age3') });
    const reply = await bulk(alice, { filter: { olderThanDays: 30 } });
    expect([...reply.body.withdrawnIds].sort()).toEqual([old1, old2].sort());
    expect(await pendingIds(alice)).toEqual([recent]);
  });

  it('an empty filter takes every open invitation, of this sender only', async () => {
    const alice = await bulkSender();
    const mallory = await makeMember(h);
    const mine = [await invite(alice, { email: freshEmail('all1') }), await invite(alice, { phone: '+14155550322' })];
    const theirs = await invite(mallory, { email: freshEmail('theirs') });
    const reply = await bulk(alice, { filter: {} });
    expect(reply.body.withdrawn).toBe(2);
    expect([...reply.body.withdrawnIds].sort()).toEqual(mine.sort());
    expect(await pendingIds(mallory)).toEqual([theirs]);
  });

  it('does not refund the balance, sends none of the queued messages, and audits each withdrawal with path bulk', async () => {
    const alice = await bulkSender();
    const ids = [
      await invite(alice, { email: freshEmail('audit1') }),
      await invite(alice, { phone: '+14155550323' }),
      await invite(alice, { memberId: (await makeMember(h)).id }),
    ];
    const before = (await as(h, alice).get('/api/v1/me')).body.balance.available;
    expect(before).toBe(h.config.initialBalance - 3);
    const reply = await bulk(alice, { ids });
    expect(reply.body.withdrawn).toBe(3);
    expect((await as(h, alice).get('/api/v1/me')).body.balance.available).toBe(before);

    const admin = await makeMember(h, { role: 'admin' });
    const audit = await as(h, admin).get(`/api/v1/admin/audit?memberId=${alice.id}&action=invitation.withdrawn&limit=100`);
    expect(audit.status).toBe(200);
    expect(audit.body.items).toHaveLength(3);
    expect(audit.body.items.map((a: { invitationId: string }) => a.invitationId).sort()).toEqual([...ids].sort());
    for (const item of audit.body.items) {
      expect(item).toMatchObject({ path: 'bulk', actor: { id: alice.id }, subject: { memberId: alice.id }, at: h.clock.now().toISOString() });
    }
    expectRefusal(await as(h, alice).get('/api/v1/admin/audit'), 403, 'forbidden');

    // The queued invitation messages and reminders are left to the delivery worker, which drops each
    // one as it comes due: through the last reminder, nothing is sent, and every message is suppressed.
    const outboxIds = (await h.database.db.selectFrom('outbox').select('id').where('invitation_id', 'in', ids).execute()).map((r) => r.id);
    expect(outboxIds.length).toBeGreaterThanOrEqual(5);
    for (const step of [0, 4 * DAY, 11 * DAY]) {
      h.clock.advance(step);
      while ((await runWorkerOnce(h.database.db, h.services.deps)) > 0);
    }
    const outbox = await h.database.db.selectFrom('outbox').select(['invitation_id', 'status']).where('id', 'in', outboxIds).execute();
    expect(outbox.map((r) => r.status)).toEqual(outboxIds.map(() => 'suppressed'));
    expect(await h.database.db.selectFrom('dev_mailbox').select('id').where('outbox_id', 'in', outboxIds).execute()).toEqual([]);
  });

  it('withdrawn ones wait out the re-invite cooldown like any other', async () => {
    const alice = await bulkSender();
    const bob = await makeMember(h);
    const id = await invite(alice, { memberId: bob.id });
    await bulk(alice, { ids: [id] });
    const item = (await as(h, alice).get('/api/v1/invitations/sent?status=withdrawn')).body.items[0];
    expect(item).toMatchObject({ id, status: 'withdrawn', reinviteAvailableAt: expect.any(String) });
    expectRefusal(await as(h, alice).post('/api/v1/invitations', { memberId: bob.id }), 429, 'reinvite_cooldown');
  });

  it('refuses malformed requests with 400', async () => {
    const alice = await bulkSender();
    const tooMany = Array.from({ length: 1001 }, (_, i) => `id-${i}`);
    const over = await bulk(alice, { ids: tooMany });
    expectRefusal(over, 400, 'validation_failed');
    expect((await bulk(alice, { ids: tooMany.slice(0, 1000) })).body).toMatchObject({ withdrawn: 0, withdrawnIds: [] });
    expectRefusal(await bulk(alice, { ids: [] }), 400, 'validation_failed');
    expectRefusal(await bulk(alice, {}), 400, 'validation_failed');
    expectRefusal(await bulk(alice, { filter: { channel: 'fax' } }), 400, 'validation_failed');
    expectRefusal(await bulk(alice, { filter: { olderThanDays: -1 } }), 400, 'validation_failed');
  });
});
