/**
 * Withdrawals racing reminders that are being sent. 1,000 invitations have a reminder due; a real
 * worker sends them, in order, to an SMTP server in this process, while half of the invitations are
 * withdrawn through the HTTP API, each about when the worker reaches it. On SQLite the API and the
 * worker are one `rapport serve` process (the embedded deployment); on PostgreSQL they are separate
 * processes. No reminder may reach the server after a withdrawal committed.
 *
 * Why the check is sound: the SMTP server notes when each message's data arrived. The worker holds
 * the invitations of its batch (share lock on PostgreSQL, the write lock on SQLite) from the moment
 * it checks them until it has recorded the batch, after the server accepted every message; so a
 * withdrawal commits either before the check (and the reminder is dropped) or after the reminder
 * arrived. The withdrawal's commit comes before its HTTP reply, so a reminder that arrived after
 * the reply came back is, for certain, a reminder sent after the withdrawal committed.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { issueToken } from '../../src/auth/tokens.js';
import { loadConfig } from '../../src/config.js';
import type { Deps } from '../../src/context.js';
import type { DialectName } from '../../src/db/database.js';
import { systemClock } from '../../src/shared/clock.js';
import { createTestDatabase, deadlocksIn, DIALECTS, type TestDatabase } from '../support/databases.js';
import { callServer, mapLimit, startServerProcess } from '../support/servers.js';
import { TestSmtpServer } from '../support/smtp.js';
import { type SeededInvitation, seedEmailInvitations, startServeProcess, startWorkerProcess, type WorkerProcess } from '../support/worker-process.js';

const INVITATIONS = 1_000;
const DAY = 86_400_000;
/** A withdrawal is sent once the server has received reminders up to between this many before and after its own. */
const LEAD_FROM = -10;
const LEAD_TO = 30;
const WITHDRAWALS_IN_FLIGHT = 20;

interface Withdrawal {
  index: number;
  invitation: SeededInvitation;
  startedAt: number;
  returnedAt: number;
  status: number;
  body: { status?: string };
}

describe.each(DIALECTS)('withdrawals racing reminders in flight (%s)', (dialect: DialectName) => {
  let database: TestDatabase;
  let smtp: TestSmtpServer;
  /** When the data of each message to an address arrived at the SMTP server. */
  const arrivals = new Map<string, number[]>();
  let arrived = 0;
  /** The highest invitation number (`r<n>.…@example.org`) a reminder arrived for. */
  let furthest = -1;
  /** Where withdrawals are sent, and what sends the reminders: one process on SQLite, two on PostgreSQL. */
  let api: { url: string; kill(): Promise<void>; output(): string } | undefined;
  let worker: WorkerProcess | undefined;

  beforeAll(async () => {
    database = await createTestDatabase(dialect);
    smtp = await new TestSmtpServer().start();
    smtp.script = (to) => {
      arrivals.set(to, [...(arrivals.get(to) ?? []), Date.now()]);
      arrived++;
      furthest = Math.max(furthest, Number(/^r(\d+)\./.exec(to)?.[1] ?? -1));
      return undefined;
    };
    const env = { SMTP_URL: smtp.url, MAIL_FROM: 'Rapport <invites@rapport.example>', WORKER_POLL_INTERVAL: '50ms' };
    if (dialect === 'sqlite') {
      // The embedded deployment: `rapport serve` runs the API and the worker in one process.
      const serve = await startServeProcess(database.url, env);
      api = serve;
      worker = serve;
    } else {
      // At scale: API processes and worker processes apart, sharing the database.
      const server = await startServerProcess(database.url);
      api = { url: server.url, output: server.output, kill: server.stop };
      worker = await startWorkerProcess(database.url, env);
    }
  });

  afterAll(async () => {
    await worker?.kill();
    await api?.kill();
    await smtp?.stop();
    await database?.drop();
  });

  it(
    `sends no reminder after its invitation's withdrawal committed (${INVITATIONS / 2} withdrawals against ${INVITATIONS} reminders)`,
    { timeout: 150_000 },
    async () => {
      // Invitations sent a little under three days ago, 5 ms apart: their first reminders (3 days) come
      // due one after another, starting in a few seconds, once everything here is written. (On SQLite
      // this process must not write while the worker sends: its wait for the lock would stop the SMTP
      // server in this same process that the worker waits for.)
      const deps: Deps = { config: loadConfig({ DATABASE_URL: database.url }), clock: systemClock, dialect };
      const firstDue = Date.now() + 6_000;
      const seeded = await seedEmailInvitations(database.db, deps, {
        count: INVITATIONS,
        senders: 20,
        tag: `race-${dialect}`,
        sentAt: new Date(firstDue - 3 * DAY),
        staggerMs: 5,
        invitationMessage: false,
        reminderOffsetsMs: [3 * DAY],
      });
      const tokens = new Map<string, string>();
      for (const senderId of new Set(seeded.map((s) => s.senderId))) tokens.set(senderId, await issueToken(database.db, senderId, 'bearer', new Date()));
      expect(arrived).toBe(0);
      expect(Date.now()).toBeLessThan(firstDue);

      const targets = seeded.map((invitation, index) => ({ invitation, index })).filter(({ index }) => index % 2 === 1);

      const withdrawals: Withdrawal[] = await mapLimit(targets, WITHDRAWALS_IN_FLIGHT, async ({ invitation, index }) => {
        // Keep pace with the worker: each withdrawal goes out when the server has received reminders
        // up to a little before or after its own, so some stop their reminder in the queue, some meet
        // it being sent, and some come after it.
        const lead = LEAD_FROM + Math.floor(Math.random() * (LEAD_TO - LEAD_FROM + 1));
        // (The last invitation that is not withdrawn is as far as reminders are sure to get.)
        const awaited = Math.min(index - lead, INVITATIONS - 2);
        const deadline = Date.now() + 60_000;
        while (furthest < awaited && Date.now() < deadline) await new Promise((r) => setTimeout(r, 2));
        const startedAt = Date.now();
        const reply = await callServer(api!.url, 'POST', `/api/v1/invitations/${invitation.invitationId}/withdraw`, tokens.get(invitation.senderId)!, {});
        return { index, invitation, startedAt, returnedAt: Date.now(), status: reply.status, body: reply.body as Withdrawal['body'] };
      });

      const open = async () =>
        Number(
          (
            await database.db
              .selectFrom('outbox')
              .select((eb) => eb.fn.countAll<number>().as('n'))
              .where('status', 'in', ['queued', 'sending'])
              .executeTakeFirstOrThrow()
          ).n,
        );
      const deadline = Date.now() + 60_000;
      while ((await open()) > 0) {
        if (Date.now() > deadline) throw new Error(`reminders still open after a minute:\n${worker!.output()}`);
        await new Promise((r) => setTimeout(r, 50));
      }
      await worker!.stop();
      await api!.kill();

      // Every withdrawal went through, and none had to be retried: the worker and the withdrawals
      // lock invitations in the same order, so they wait for each other but never deadlock.
      const refused = withdrawals.filter((w) => w.status !== 200 || w.body.status !== 'withdrawn');
      expect(
        refused.map((w) => `${w.index}: ${w.status} ${JSON.stringify(w.body)}`),
        api!.output(),
      ).toEqual([]);
      expect(await deadlocksIn(database)).toBe(0);

      // The heart of it: nothing arrived for a withdrawn invitation after its withdrawal returned.
      const late = withdrawals.flatMap((w) =>
        (arrivals.get(w.invitation.recipient) ?? [])
          .filter((at) => at > w.returnedAt)
          .map((at) => `${w.index}: reminder arrived ${at - w.returnedAt} ms after the withdrawal returned`),
      );
      expect(late).toEqual([]);

      // What the database says agrees with what arrived: a withdrawn invitation's reminder is either
      // sent (it arrived, before the withdrawal) or suppressed (nothing arrived); the others all went.
      const rows = await database.db.selectFrom('outbox').select(['invitation_id', 'status', 'kind']).execute();
      const statusOf = new Map(rows.map((r) => [r.invitation_id, r.status]));
      const withdrawnIds = new Set(withdrawals.map((w) => w.invitation.invitationId));
      const mismatches: string[] = [];
      for (const invitation of seeded) {
        const copies = arrivals.get(invitation.recipient)?.length ?? 0;
        const status = statusOf.get(invitation.invitationId);
        const expected = withdrawnIds.has(invitation.invitationId) ? (status === 'sent' ? 1 : 0) : 1;
        if (copies !== expected || (!withdrawnIds.has(invitation.invitationId) && status !== 'sent') || !['sent', 'suppressed'].includes(status ?? '')) {
          mismatches.push(`${invitation.recipient}: ${status}, ${copies} arrived`);
        }
      }
      expect(mismatches).toEqual([]);
      expect(smtp.received.every(({ mail }) => mail.subject?.startsWith('Reminder:'))).toBe(true);

      // The race was run: withdrawals came before, during and after their reminder was sent.
      const before = withdrawals.filter((w) => statusOf.get(w.invitation.invitationId) === 'suppressed').length;
      const during = withdrawals.filter((w) => (arrivals.get(w.invitation.recipient) ?? []).some((at) => at >= w.startedAt && at <= w.returnedAt)).length;
      const after = withdrawals.filter((w) => (arrivals.get(w.invitation.recipient) ?? []).some((at) => at < w.startedAt)).length;
      console.log(
        `${dialect}: of ${withdrawals.length} withdrawals, ${before} stopped their reminder, ${during} waited for it to be sent, ${after} came after it was sent`,
      );
      expect(before).toBeGreaterThan(0);
      expect(during).toBeGreaterThan(0);
      expect(after).toBeGreaterThan(0);
    },
  );
});
