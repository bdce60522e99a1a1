/**
 * A reply is an answer: once the recipient has replied to an invitation, the delivery worker sends
 * none of its reminders still queued (it checks at send time, as for a withdrawal), while the
 * invitation itself stays pending and an unanswered one keeps its reminders.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runWorkerOnce } from '../../src/delivery/worker.js';
import { DIALECTS } from '../support/databases.js';
import { as, createHarness, DAY, type Harness, makeMember } from '../support/harness.js';

describe.each(DIALECTS)('reminders after a reply (%s)', (dialect) => {
  let h: Harness;
  beforeAll(async () => {
    h = await createHarness(dialect, { env: { REMINDER_SCHEDULE: '3d,14d' } });
  });
  afterAll(async () => h?.close());

  const drainOutbox = async () => {
    while ((await runWorkerOnce(h.database.db, h.services.deps)) > 0);
  };
  /** The kinds of message delivered for an invitation, in the order they were sent. */
  const delivered = async (invitationId: string) =>
    (
      await h.database.db
        .selectFrom('dev_mailbox')
        .innerJoin('outbox', 'outbox.id', 'dev_mailbox.outbox_id')
        .select(['outbox.kind', 'outbox.payload'])
        .where('outbox.invitation_id', '=', invitationId)
        .orderBy('outbox.due_at')
        .execute()
    ).map((r) => r.kind);
  const outboxOf = async (invitationId: string) =>
    (await h.database.db.selectFrom('outbox').select(['kind', 'status']).where('invitation_id', '=', invitationId).orderBy('due_at').execute()).map(
      (r) => `${r.kind}:${r.status}`,
    );

  it('drops the queued reminders of a replied invitation at send time; an unanswered one keeps its reminders', async () => {
    const ben = await makeMember(h);
    const ann = await makeMember(h);
    const cat = await makeMember(h);
    const send = async (body: Record<string, unknown>) => {
      const res = await as(h, ben).post('/api/v1/invitations', body);
      expect(res.status, JSON.stringify(res.body)).toBe(201);
      return res.body.id as string;
    };
    const toAnn = await send({ memberId: ann.id });
    const toCat = await send({ memberId: cat.id });
    // An e-mail invitation to an address of a member reaches them in the app too: they may reply.
    const dan = await makeMember(h);
    const toDanByEmail = await send({ email: dan.email });
    // The worker runs as they are sent: the e-mail invitation goes out at once.
    await drainOutbox();

    // The first reminders go out to all three.
    h.clock.advance(3 * DAY + 1000);
    await drainOutbox();
    expect(await delivered(toAnn)).toEqual(['reminder']);
    expect(await delivered(toCat)).toEqual(['reminder']);
    expect(await delivered(toDanByEmail)).toEqual(['invitation', 'reminder']);

    // Ann and Dan reply; their second reminders are still queued.
    expect((await as(h, ann).post(`/api/v1/invitations/${toAnn}/reply`, { text: 'Who are you?' })).status).toBe(201);
    expect((await as(h, dan).post(`/api/v1/invitations/${toDanByEmail}/reply`, { text: 'Hello' })).status).toBe(201);
    expect(await outboxOf(toAnn)).toEqual(['reminder:sent', 'reminder:queued']);

    h.clock.advance(14 * DAY);
    await drainOutbox();
    expect(await delivered(toAnn)).toEqual(['reminder']);
    expect(await delivered(toDanByEmail)).toEqual(['invitation', 'reminder']);
    expect(await outboxOf(toAnn)).toEqual(['reminder:sent', 'reminder:suppressed']);
    expect(await outboxOf(toDanByEmail)).toEqual(['invitation:sent', 'reminder:sent', 'reminder:suppressed']);
    // Cat did not answer: the worker did run, and sent her second reminder.
    expect(await delivered(toCat)).toEqual(['reminder', 'reminder']);
    // The replied invitations are still pending.
    for (const id of [toAnn, toDanByEmail]) expect((await as(h, ben).get(`/api/v1/invitations/${id}`)).body.status).toBe('pending');
  });
});
