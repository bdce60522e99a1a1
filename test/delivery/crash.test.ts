/**
 * A crash loses nothing: 5,000 invitation e-mails are queued, a real worker process sends them to a
 * real SMTP server and is killed with SIGKILL in the middle of sending, ten times over, then left to
 * finish. Every message arrives; the only repeats are messages that were in flight at a kill, each
 * under its original Message-ID and with its original links; a transaction that rolled back sends
 * nothing. Each worker run gets an SMTP server of its own, so every copy says which run sent it.
 */
import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config.js';
import type { Deps } from '../../src/context.js';
import type { DialectName } from '../../src/db/database.js';
import { messageIdOf } from '../../src/delivery/transports.js';
import { deliveryOptions } from '../../src/delivery/worker.js';
import { sendInvitationIn } from '../../src/invitations/send.js';
import { systemClock } from '../../src/shared/clock.js';
import { sha256 } from '../../src/shared/crypto.js';
import { createTestDatabase, DIALECTS, type TestDatabase } from '../support/databases.js';
import { TestSmtpServer } from '../support/smtp.js';
import { seedEmailInvitations, startWorkerProcess, type WorkerProcess } from '../support/worker-process.js';

const MESSAGES = 5_000;
const KILLS = 10;
/** Messages each killed run gets to deliver (at least) before it is killed. */
const BEFORE_KILL = 300;
/** What one worker can have sent but not yet recorded when it dies: a batch on each of its lanes. */
const inFlight = (dialect: DialectName) => {
  const { batchSize, lanes } = deliveryOptions(loadConfig({}), dialect);
  return batchSize * lanes;
};
const MAIL_FROM = 'Rapport <invites@rapport.example>';
const PUBLIC_URL = 'https://rapport.example';

async function until(condition: () => boolean | Promise<boolean>, what: string, timeoutMs = 120_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

interface Copy {
  run: number;
  acceptToken: string;
  optOutToken: string;
  text: string;
}

// The two databases' runs go side by side: most of each is waiting for worker processes to start.
describe('delivery through kill -9 of its worker', () => {
  it.concurrent.each(DIALECTS)(
    `delivers all ${MESSAGES.toLocaleString('en')} messages through ${KILLS} kills, repeating only messages in flight (%s)`,
    { timeout: 280_000 },
    async (dialect: DialectName) => {
      const database = await createTestDatabase(dialect);
      const servers: TestSmtpServer[] = [];
      let worker: WorkerProcess | undefined;
      try {
        await crashAndRecover(dialect, database, servers, (w) => (worker = w));
      } finally {
        await worker?.kill();
        await Promise.allSettled(servers.map((s) => s.stop()));
        await database.drop();
      }
    },
  );
});

async function crashAndRecover(
  dialect: DialectName,
  database: TestDatabase,
  servers: TestSmtpServer[],
  started: (worker: WorkerProcess) => void,
): Promise<void> {
  const deps: Deps = { config: loadConfig({ DATABASE_URL: database.url, WEEKLY_INVITATION_LIMIT: '100000' }), clock: systemClock, dialect };
  const seeded = await seedEmailInvitations(database.db, deps, { count: MESSAGES, senders: 50, tag: `crash-${dialect}`, sentAt: new Date(Date.now() - 1_000) });
  const outbox = await database.db.selectFrom('outbox').select(['id', 'invitation_id']).execute();
  expect(outbox).toHaveLength(MESSAGES);
  const rolledBack: string[] = [];
  const workers: WorkerProcess[] = [];

  for (let run = 0; run <= KILLS; run++) {
    // A request that wrote an invitation and its message, then failed: its transaction rolls back.
    // (Done while no worker runs: on SQLite this process's write would otherwise wait for the
    // worker's batch, which waits for the SMTP server in this same process.)
    const email = `rolled-back-${run}.${dialect}@example.org`;
    rolledBack.push(email);
    const sender = seeded[run]!.senderId;
    await expect(
      database.db.transaction().execute(async (trx) => {
        await sendInvitationIn(trx, deps, { memberId: sender, role: 'member', path: 'api' }, { recipient: { email } });
        throw new Error('the request failed after the invitation was written');
      }),
    ).rejects.toThrow('the request failed');

    const smtp = await new TestSmtpServer().start();
    servers.push(smtp);
    const worker = await startWorkerProcess(database.url, { SMTP_URL: smtp.url, MAIL_FROM, PUBLIC_URL, DELIVERY_LEASE: '5s', WORKER_POLL_INTERVAL: '50ms' });
    started(worker);
    workers.push(worker);
    if (run < KILLS) {
      // Not a round number of batches: the kill is to land in the middle of one, at a different point each time.
      const target = BEFORE_KILL + Math.floor(Math.random() * deliveryOptions(deps.config, dialect).batchSize);
      await until(() => smtp.received.length >= target, `run ${run} to deliver ${target} messages`);
      await worker.kill();
    } else {
      const open = async () =>
        (
          await database.db
            .selectFrom('outbox')
            .select((eb) => eb.fn.countAll<number>().as('n'))
            .where('status', 'in', ['queued', 'sending'])
            .executeTakeFirstOrThrow()
        ).n;
      await until(async () => Number(await open()) === 0, 'the last run to finish');
      await worker.stop();
    }
  }

  // Every copy of every message, by Message-ID, with the run that sent it.
  const copies = new Map<string, Copy[]>();
  servers.forEach((smtp, run) => {
    for (const { mail } of smtp.received) {
      const text = mail.text ?? '';
      const copy = {
        run,
        acceptToken: /https:\/\/rapport\.example\/i\/([\w-]{43})/.exec(text)?.[1] ?? '',
        optOutToken: /https:\/\/rapport\.example\/opt-out\/([\w-]{43})/.exec(text)?.[1] ?? '',
        text,
      };
      const id = mail.messageId ?? '';
      copies.set(id, [...(copies.get(id) ?? []), copy]);
    }
  });

  // None lost: every queued message arrived, under the Message-ID of its outbox row.
  const expected = new Set(outbox.map((row) => `<${row.id}.rapport@rapport.example>`));
  expect(outbox.map((row) => messageIdOf(row, MAIL_FROM))).toEqual([...expected]);
  const missing = [...expected].filter((id) => !copies.has(id));
  expect(missing).toEqual([]);
  // Nothing else arrived: in particular nothing of the rolled-back transactions.
  expect([...copies.keys()].filter((id) => !expected.has(id))).toEqual([]);
  const allRecipients = new Set(servers.flatMap((s) => s.received.map((m) => m.to)));
  expect(rolledBack.filter((email) => allRecipients.has(email))).toEqual([]);
  expect(await database.db.selectFrom('invitations').select('id').where('recipient_email', 'in', rolledBack).execute()).toEqual([]);

  // Repeats: only of messages in flight at a kill, identical to the first copy, and few.
  const repeatsOfRun = new Array<number>(KILLS + 1).fill(0);
  const problems: string[] = [];
  for (const [id, list] of copies) {
    const [first, ...again] = list.sort((a, b) => a.run - b.run);
    for (const [k, copy] of again.entries()) {
      // A repeat is charged to the run that sent the copy before it and died before recording it.
      const killed = list[k]!.run;
      repeatsOfRun[killed] = repeatsOfRun[killed]! + 1;
      if (copy.acceptToken !== first!.acceptToken || copy.optOutToken !== first!.optOutToken || copy.text !== first!.text) {
        problems.push(`${id}: the copy sent by run ${copy.run} differs from the one sent by run ${first!.run}`);
      }
    }
    const runs = list.map((c) => c.run);
    if (new Set(runs).size !== runs.length) problems.push(`${id}: sent twice by one run (${runs.join(', ')})`);
    // Every copy but the last was sent by a run that was then killed before it recorded it.
    for (const copy of list.slice(0, -1)) if (copy.run === KILLS) problems.push(`${id}: repeated after the run that was not killed`);
  }
  expect(problems, workers.map((w, run) => `run ${run}:\n${w.output()}`).join('\n')).toEqual([]);
  expect(workers.filter((w) => w.output().includes('delivery pass failed')).map((w) => w.output())).toEqual([]);
  for (let run = 0; run < KILLS; run++)
    expect(repeatsOfRun[run], `repeats of messages in flight when run ${run} was killed`).toBeLessThanOrEqual(inFlight(dialect));
  expect(repeatsOfRun[KILLS]).toBe(0);
  const repeats = repeatsOfRun.reduce((a, b) => a + b, 0);
  expect(repeats).toBeLessThanOrEqual(KILLS * inFlight(dialect));

  // The kills did hit claimed work: some messages had to be claimed again after their lease.
  const reclaimed = await database.db.selectFrom('outbox').select(['id', 'attempts']).where('attempts', '>', 1).execute();
  expect(reclaimed.length).toBeGreaterThan(0);
  const reclaimedIds = new Set(reclaimed.map((r) => `<${r.id}.rapport@rapport.example>`));
  expect([...copies].filter(([id, list]) => list.length > 1 && !reclaimedIds.has(id)).map(([id]) => id)).toEqual([]);

  // The links in the e-mails are the ones the database knows, and every message is recorded sent.
  const linkHashes = new Set((await database.db.selectFrom('invitation_links').select('token_hash').execute()).map((r) => r.token_hash));
  const deadLinks = [...copies.values()].filter((list) => !linkHashes.has(sha256(list[0]!.acceptToken)));
  expect(deadLinks).toHaveLength(0);
  const statuses = await database.db
    .selectFrom('outbox')
    .select('status')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .groupBy('status')
    .execute();
  expect(statuses.map((s) => [s.status, Number(s.n)])).toEqual([['sent', MESSAGES]]);
  const delivery = await database.db
    .selectFrom('invitations')
    .select('delivery')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .groupBy('delivery')
    .execute();
  expect(delivery.map((d) => [d.delivery, Number(d.n)])).toEqual([['sent', MESSAGES]]);
  console.log(`${dialect}: ${KILLS} kills, ${repeats} repeats (${repeatsOfRun.join(' ')}), ${reclaimed.length} messages claimed again`);
}
