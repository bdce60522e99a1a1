import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DIALECTS } from '../support/databases.js';
import { runWorkerOnce } from '../../src/delivery/worker.js';
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

  /** Runs the delivery worker until nothing is due. */
  async function drainOutbox() {
    while ((await runWorkerOnce(h.database.db, h.services.deps)) > 0);
  }

  const outboxStatuses = async (invitationId: string) =>
    (await h.database.db.selectFrom('outbox').select(['kind', 'status']).where('invitation_id', '=', invitationId).orderBy('due_at').execute()).map(
      (r) => `${r.kind}:${r.status}`,
    );

  const delivered = async (invitationId: string) =>
    (
      await h.database.db
        .selectFrom('dev_mailbox')
        .innerJoin('outbox', 'outbox.id', 'dev_mailbox.outbox_id')
        .select(['outbox.kind', 'dev_mailbox.to_address'])
        .where('outbox.invitation_id', '=', invitationId)
        .execute()
    ).map((r) => r.kind);

  it('withdrawing cancels queued reminders: the worker delivers nothing more for it', async () => {
    const alice = await makeMember(h);
    const bob = await makeMember(h);
    const tag = alice.id.toLowerCase();
    const send = async (body: Record<string, unknown>) => (await as(h, alice).post('/api/v1/invitations', body)).body.id as string;
    const neverSent = await send({ email: `never.${tag}@example.test` });
    const toMember = await send({ memberId: bob.id });
    const deliveredFirst = await send({ phone: '+14155550901' });
    const kept = await send({ email: `kept.${tag}@example.test` });

    // Withdrawn before the worker ever ran: not even the invitation goes out.
    expect((await as(h, alice).post(`/api/v1/invitations/${neverSent}/withdraw`)).status).toBe(200);
    expect((await as(h, alice).post(`/api/v1/invitations/${toMember}/withdraw`)).status).toBe(200);
    expect(await outboxStatuses(neverSent)).toEqual(['invitation:suppressed', 'reminder:suppressed', 'reminder:suppressed']);
    expect(await outboxStatuses(toMember)).toEqual(['reminder:suppressed', 'reminder:suppressed']);

    await drainOutbox();
    expect(await delivered(deliveredFirst)).toEqual(['invitation']);
    expect((await as(h, alice).get(`/api/v1/invitations/${deliveredFirst}`)).body.delivery).toBe('sent');
    expect((await as(h, alice).post(`/api/v1/invitations/${deliveredFirst}/withdraw`)).status).toBe(200);
    expect(await outboxStatuses(deliveredFirst)).toEqual(['invitation:sent', 'reminder:suppressed', 'reminder:suppressed']);

    // Through both reminders' times (3 and 14 days), the worker running at each.
    h.clock.advance(4 * DAY);
    await drainOutbox();
    h.clock.advance(11 * DAY);
    await drainOutbox();
    expect(await delivered(neverSent)).toEqual([]);
    expect(await delivered(toMember)).toEqual([]);
    expect(await delivered(deliveredFirst)).toEqual(['invitation']);
    // The one left pending got both of its reminders: the worker did run.
    expect(await delivered(kept)).toEqual(['invitation', 'reminder', 'reminder']);
  });

  it('two withdrawals at the same moment both succeed, with one effect', async () => {
    for (let round = 0; round < 3; round++) {
      const alice = await makeMember(h);
      const bob = await makeMember(h);
      const admin = await makeMember(h, { role: 'admin' });
      const id = (await as(h, alice).post('/api/v1/invitations', { memberId: bob.id })).body.id;
      const replies = await Promise.all([1, 2].map(() => as(h, alice).post(`/api/v1/invitations/${id}/withdraw`)));
      expect(replies.map((r) => r.status)).toEqual([200, 200]);
      expect(replies[0]!.body.withdrawnAt).toBe(replies[1]!.body.withdrawnAt);
      const audit = await as(h, admin).get(`/api/v1/admin/audit?memberId=${alice.id}&action=invitation.withdrawn`);
      expect(audit.body.items).toHaveLength(1);
    }
  });

  it('the sender may withdraw an invitation the recipient ignored; nothing changes for the recipient', async () => {
    const alice = await makeMember(h);
    const bob = await makeMember(h);
    const sent = await as(h, alice).post('/api/v1/invitations', { memberId: bob.id });
    await as(h, bob).post(`/api/v1/invitations/${sent.body.id}/ignore`, {});
    expect((await as(h, bob).get('/api/v1/invitations/received')).body.items).toEqual([]);
    const withdrawn = await as(h, alice).post(`/api/v1/invitations/${sent.body.id}/withdraw`);
    expect(withdrawn.status).toBe(200);
    expect(withdrawn.body).toMatchObject({ status: 'withdrawn', withdrawable: false, withdrawnAt: h.clock.now().toISOString() });
    expect((await as(h, bob).get('/api/v1/invitations/received')).body.items).toEqual([]);
    expect((await as(h, alice).get('/api/v1/invitations/sent?status=withdrawn')).body.items[0]).toMatchObject({
      id: sent.body.id,
      reinviteAvailableAt: new Date(h.clock.now().getTime() + h.config.reinviteCooldownMs).toISOString(),
    });
  });

  it('records who withdrew, for whom and through which path', async () => {
    const alice = await makeMember(h);
    const bob = await makeMember(h);
    const admin = await makeMember(h, { role: 'admin' });
    const sent = await as(h, alice).post('/api/v1/invitations', { memberId: bob.id });
    await as(h, alice).post(`/api/v1/invitations/${sent.body.id}/withdraw`);
    await as(h, alice).post(`/api/v1/invitations/${sent.body.id}/withdraw`);
    const audit = await as(h, admin).get(`/api/v1/admin/audit?memberId=${alice.id}&action=invitation.withdrawn`);
    expect(audit.body.items).toHaveLength(1);
    expect(audit.body.items[0]).toMatchObject({
      invitationId: sent.body.id,
      actor: { id: alice.id },
      subject: { memberId: alice.id },
      path: 'api',
      details: { recipientMemberId: bob.id, channel: 'member' },
    });
  });
});
