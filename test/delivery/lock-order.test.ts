/**
 * The order in which transactions lock invitations on PostgreSQL, where it decides whether two of
 * them can deadlock. Every transaction that holds several invitations takes them in id order, and
 * the delivery worker takes a batch's invitations before its messages, as a withdrawal does; so a
 * withdrawal and a batch, or two bulk changes, wait for each other and never each hold what the
 * other wants. (SQLite has a single writer: nothing to order there.)
 *
 * Each test holds one invitation in a transaction of its own, starts the transaction under test,
 * waits until it is stuck behind that invitation, and then probes with NOWAIT which rows it already
 * holds.
 */
import { sql, type Transaction } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config.js';
import type { Actor, Deps } from '../../src/context.js';
import type { Database } from '../../src/db/schema.js';
import { sendersFor } from '../../src/delivery/transports.js';
import { claimDue, deliverBatch } from '../../src/delivery/worker.js';
import { withdrawMany } from '../../src/invitations/withdraw.js';
import { systemClock } from '../../src/shared/clock.js';
import { createTestDatabase, deadlocksIn, DIALECTS, type TestDatabase } from '../support/databases.js';
import { seedEmailInvitations } from '../support/worker-process.js';

describe.runIf(DIALECTS.includes('postgres'))('lock order on PostgreSQL', () => {
  let database: TestDatabase;
  let deps: Deps;

  beforeAll(async () => {
    database = await createTestDatabase('postgres');
    deps = { config: loadConfig({ DATABASE_URL: database.url }), clock: systemClock, dialect: 'postgres' };
  });
  afterAll(async () => {
    await database?.drop();
  });

  /** Holds the invitation `id` (as a withdrawal does) until `release()`. */
  async function hold(id: string): Promise<{ release(): Promise<void> }> {
    let release!: () => void;
    const released = new Promise<void>((resolve) => (release = resolve));
    let held!: () => void;
    const holding = new Promise<void>((resolve) => (held = resolve));
    const done = database.db.transaction().execute(async (trx) => {
      await trx.selectFrom('invitations').select('id').where('id', '=', id).forNoKeyUpdate().execute();
      held();
      await released;
    });
    await holding;
    return {
      async release() {
        release();
        await done;
      },
    };
  }

  /** Resolves once some transaction in this database waits for a lock. */
  async function somethingWaits(): Promise<void> {
    const name = new URL(database.url).pathname.slice(1);
    for (const deadline = Date.now() + 10_000; Date.now() < deadline;) {
      const { rows } = await sql<{ n: number }>`select count(*)::int as n from pg_stat_activity where datname = ${name} and wait_event_type = 'Lock'`.execute(
        database.db,
      );
      if (rows[0]!.n > 0) return;
      await new Promise((r) => setTimeout(r, 20));
    }
    throw new Error('nothing came to wait for a lock within 10 s');
  }

  /** Whether `id` of `table` can be locked right now, or another transaction holds it. */
  async function isFree(table: 'invitations' | 'outbox', id: string): Promise<boolean> {
    try {
      await database.db
        .transaction()
        .execute((trx: Transaction<Database>) => trx.selectFrom(table).select('id').where('id', '=', id).forNoKeyUpdate().noWait().execute());
      return true;
    } catch (error) {
      if ((error as { code?: string }).code === '55P03') return false;
      throw error;
    }
  }

  it("a delivery batch waits for a withdrawal holding its invitation before it takes any of the batch's messages", async () => {
    const [invitation] = await seedEmailInvitations(database.db, deps, {
      count: 1,
      senders: 1,
      tag: 'batch-order',
      sentAt: new Date(Date.now() - 4 * 86_400_000),
      invitationMessage: false,
      reminderOffsetsMs: [3 * 86_400_000],
    });
    const rows = await claimDue(database.db, deps);
    expect(rows.map((r) => r.invitation_id)).toEqual([invitation!.invitationId]);

    const withdrawal = await hold(invitation!.invitationId);
    const senders = sendersFor(deps.config);
    const batch = deliverBatch(database.db, deps, senders, rows);
    await somethingWaits();
    // The batch is stuck behind the invitation and holds none of its messages: a withdrawal that
    // goes on to cancel them cannot find one of them taken.
    expect(await isFree('outbox', rows[0]!.id)).toBe(true);
    await withdrawal.release();
    expect(await batch).toMatchObject({ sent: 1 });
    senders.close();
  });

  it('a bulk withdrawal takes its invitations in id order, whatever order it finds them in', async () => {
    const seeded = await seedEmailInvitations(database.db, deps, {
      count: 20,
      senders: 1,
      tag: 'bulk-order',
      sentAt: new Date(Date.now() - 86_400_000),
      staggerMs: 1_000,
    });
    // Seeded in creation order, which the bulk withdrawal's index walks; the ids are random.
    const byId = seeded.map((s) => s.invitationId).sort();
    const middle = byId[10]!;
    const creation = seeded.map((s) => s.invitationId);
    const position = creation.indexOf(middle);
    // The test says something only if some invitation's creation and id orders disagree around the held one.
    expect(creation.some((id, i) => i < position !== id < middle)).toBe(true);

    const other = await hold(middle);
    const actor: Actor = { memberId: seeded[0]!.senderId, role: 'member', path: 'api' };
    const bulk = withdrawMany(database.db, deps, actor, { filter: {} });
    await somethingWaits();
    const free = await Promise.all(byId.map(async (id) => [id, await isFree('invitations', id)] as const));
    // Everything before the held invitation in id order is the bulk withdrawal's; nothing after it yet.
    expect(free.filter(([id]) => id !== middle).map(([id, isFreeNow]) => [id < middle ? 'before' : 'after', isFreeNow])).toEqual(
      byId.filter((id) => id !== middle).map((id) => (id < middle ? ['before', false] : ['after', true])),
    );
    await other.release();
    expect((await bulk).withdrawn).toBe(20);
    expect(await deadlocksIn(database)).toBe(0);
  });
});
