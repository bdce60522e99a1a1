/**
 * Reminders after a pause: when the worker finds several reminders of one invitation overdue (after
 * downtime, a backlog, or backdated data), it sends the latest due one only, and never two messages
 * about one invitation in the same minute.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runWorkerOnce } from '../../src/delivery/worker.js';
import { DIALECTS } from '../support/databases.js';
import { as, createHarness, DAY, type Harness, makeMember } from '../support/harness.js';

describe.each(DIALECTS)('reminders after a pause (%s)', (dialect) => {
  let h: Harness;
  beforeAll(async () => {
    // The default schedule: reminders 3 and 14 days after sending.
    h = await createHarness(dialect);
  });
  afterAll(async () => h?.close());

  /** Runs the delivery worker until nothing is due. */
  async function drain() {
    while ((await runWorkerOnce(h.database.db, h.services.deps)) > 0);
  }
  /** What happened to each of the invitation's messages, in the order they fall due. */
  const outcomes = async (invitationId: string) =>
    (await h.database.db.selectFrom('outbox').select(['kind', 'status']).where('invitation_id', '=', invitationId).orderBy('due_at').execute()).map(
      (r) => `${r.kind}:${r.status}`,
    );
  /** When each message that went out was sent. */
  const sentTimes = async (invitationId: string) =>
    (
      await h.database.db
        .selectFrom('outbox')
        .select('sent_at')
        .where('invitation_id', '=', invitationId)
        .where('status', '=', 'sent')
        .orderBy('sent_at')
        .execute()
    ).map((r) => Date.parse(r.sent_at!));
  const invite = async (body: Record<string, unknown>) => {
    const alice = await makeMember(h);
    const sent = await as(h, alice).post('/api/v1/invitations', body);
    expect(sent.status).toBe(201);
    return sent.body.id as string;
  };
  const tag = () => Math.random().toString(36).slice(2, 8);

  it('the worker that runs on time sends the invitation and each reminder when it falls due', async () => {
    const id = await invite({ email: `ontime.${tag()}@example.test` });
    await drain();
    h.clock.advance(3 * DAY + 60_000);
    await drain();
    h.clock.advance(11 * DAY);
    await drain();
    expect(await outcomes(id)).toEqual(['invitation:sent', 'reminder:sent', 'reminder:sent']);
  });

  it('after downtime past both reminders, only the latest due one goes out', async () => {
    const id = await invite({ email: `downtime.${tag()}@example.test` });
    await drain();
    h.clock.advance(20 * DAY);
    await drain();
    expect(await outcomes(id)).toEqual(['invitation:sent', 'reminder:suppressed', 'reminder:sent']);
    const [invitationAt, reminderAt] = await sentTimes(id);
    expect(reminderAt! - invitationAt!).toBe(20 * DAY);
  });

  it('when the invitation itself is overdue with its reminders, the invitation goes out alone', async () => {
    const id = await invite({ email: `backlog.${tag()}@example.test` });
    h.clock.advance(20 * DAY);
    await drain();
    expect(await outcomes(id)).toEqual(['invitation:sent', 'reminder:suppressed', 'reminder:suppressed']);
    // The next pass, a minute or a day later, does not send them either.
    h.clock.advance(DAY);
    await drain();
    expect(await outcomes(id)).toEqual(['invitation:sent', 'reminder:suppressed', 'reminder:suppressed']);
  });

  it('a member invitation (no invitation e-mail) gets only its latest due reminder', async () => {
    const bob = await makeMember(h);
    const id = await invite({ memberId: bob.id });
    h.clock.advance(15 * DAY);
    await drain();
    expect(await outcomes(id)).toEqual(['reminder:suppressed', 'reminder:sent']);
  });

  it('a reminder that falls due within a minute of another message about the invitation is not sent', async () => {
    const id = await invite({ email: `spacing.${tag()}@example.test` });
    // The invitation goes out late, 30 seconds before its first reminder falls due.
    h.clock.advance(3 * DAY - 30_000);
    await drain();
    h.clock.advance(31_000);
    await drain();
    expect(await outcomes(id)).toEqual(['invitation:sent', 'reminder:suppressed', 'reminder:queued']);
    const times = await sentTimes(id);
    expect(times).toHaveLength(1);
    // The second reminder still comes in its time.
    h.clock.advance(11 * DAY);
    await drain();
    expect(await outcomes(id)).toEqual(['invitation:sent', 'reminder:suppressed', 'reminder:sent']);
  });
});
