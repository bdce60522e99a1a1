/**
 * Four worker processes on one PostgreSQL database share a backlog of 5,000 messages — invitations
 * and their reminders all due at once, as after an outage — and handle each exactly once: every
 * invitation's message is sent once, and every reminder that fell due with its invitation is dropped
 * (it would be a second mail about the same invitation in the same minute). Each worker sends to an
 * SMTP server of its own, so the count by Message-ID covers them all and shows the work was shared.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config.js';
import type { Deps } from '../../src/context.js';
import { systemClock } from '../../src/shared/clock.js';
import { createTestDatabase, deadlocksIn, DIALECTS, type TestDatabase } from '../support/databases.js';
import { TestSmtpServer } from '../support/smtp.js';
import { seedEmailInvitations, startWorkerProcess, type WorkerProcess } from '../support/worker-process.js';

const INVITATIONS = 2_500;
/** Each invitation has its message and one reminder due. */
const MESSAGES = INVITATIONS * 2;
/** What goes out: each invitation's own message; its reminder, due with it, is dropped. */
const SENT = INVITATIONS;
const WORKERS = 4;
const MAIL_FROM = 'Rapport <invites@rapport.example>';

describe.runIf(DIALECTS.includes('postgres'))(`${WORKERS} worker processes on PostgreSQL`, () => {
  let database: TestDatabase;
  const servers: TestSmtpServer[] = [];
  const workers: WorkerProcess[] = [];

  beforeAll(async () => {
    database = await createTestDatabase('postgres');
    const deps: Deps = { config: loadConfig({ DATABASE_URL: database.url }), clock: systemClock, dialect: 'postgres' };
    // Both messages of every invitation are due at the same moment, so an invitation's message and
    // its reminder are as likely as not in batches of different workers at the same time.
    await seedEmailInvitations(database.db, deps, {
      count: INVITATIONS,
      senders: 50,
      tag: 'workers',
      sentAt: new Date(Date.now() - 3_600_000),
      reminderOffsetsMs: [0],
    });
    for (let i = 0; i < WORKERS; i++) servers.push(await new TestSmtpServer().start());
  });

  afterAll(async () => {
    await Promise.allSettled(workers.map((w) => w.kill()));
    await Promise.allSettled(servers.map((s) => s.stop()));
    await database?.drop();
  });

  it(
    `handle each of ${MESSAGES.toLocaleString('en')} messages exactly once, send each invitation once and no reminder due with it, and leave nothing queued`,
    { timeout: 170_000 },
    async () => {
      const outbox = await database.db.selectFrom('outbox').select(['id', 'kind']).execute();
      expect(outbox).toHaveLength(MESSAGES);

      const started = await Promise.allSettled(
        servers.map((smtp) => startWorkerProcess(database.url, { SMTP_URL: smtp.url, MAIL_FROM, WORKER_POLL_INTERVAL: '50ms' })),
      );
      for (const s of started) if (s.status === 'fulfilled') workers.push(s.value);
      const failed = started.find((s) => s.status === 'rejected');
      if (failed) throw (failed as PromiseRejectedResult).reason;

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
      const deadline = Date.now() + 150_000;
      while ((await open()) > 0) {
        if (Date.now() > deadline) throw new Error(`messages still open after 150 s:\n${workers.map((w) => w.output()).join('\n')}`);
        await new Promise((r) => setTimeout(r, 100));
      }
      await Promise.all(workers.map((w) => w.stop()));

      const received = new Map<string, number>();
      for (const smtp of servers) for (const { mail } of smtp.received) received.set(mail.messageId ?? '', (received.get(mail.messageId ?? '') ?? 0) + 1);
      const messageIdOf = (row: { id: string }) => `<${row.id}.rapport@rapport.example>`;
      const invitationMessages = outbox.filter((row) => row.kind === 'invitation').map(messageIdOf);
      expect(invitationMessages).toHaveLength(SENT);
      expect(invitationMessages.filter((id) => received.get(id) !== 1).map((id) => `${id} × ${received.get(id) ?? 0}`)).toEqual([]);
      expect(received.size).toBe(SENT);
      expect(servers.reduce((n, s) => n + s.received.length, 0)).toBe(SENT);

      const statuses = await database.db
        .selectFrom('outbox')
        .select(['kind', 'status'])
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .groupBy(['kind', 'status'])
        .orderBy('kind')
        .execute();
      expect(statuses.map((s) => [s.kind, s.status, Number(s.n)])).toEqual([
        ['invitation', 'sent', SENT],
        ['reminder', 'suppressed', MESSAGES - SENT],
      ]);
      // No pass failed (a deadlock between workers would roll a sent batch back, to be sent again).
      expect(workers.map((w) => w.output()).filter((out) => out.includes('delivery pass failed'))).toEqual([]);
      expect(await deadlocksIn(database)).toBe(0);
      // The work was shared: every worker sent some of it.
      const shares = servers.map((s) => s.received.length);
      expect(
        shares.every((n) => n > 0),
        `messages per worker: ${shares.join(', ')}`,
      ).toBe(true);
      console.log(`postgres: ${WORKERS} workers sent ${shares.join(' + ')} = ${SENT} messages, each once`);
    },
  );
});
