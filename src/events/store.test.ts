import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, DIALECTS, type TestDatabase } from '../../test/support/databases.js';
import { transact } from '../db/database.js';
import { insertMember } from '../members/store.js';
import { newId } from '../shared/crypto.js';
import { eventsAfter, latestEventSeq, pruneEvents, recordEvents } from './store.js';

describe.each(DIALECTS)('the event store (%s)', (dialect) => {
  let database: TestDatabase;
  const now = '2026-06-01T09:00:00.000Z';
  const member = async () => {
    const id = newId();
    await insertMember(database.db, {
      id,
      email: `e.${id.slice(0, 8).toLowerCase()}@example.test`,
      name: 'E',
      passwordHash: 'x',
      role: 'member',
      balance: 0,
      createdAt: now,
    });
    return id;
  };

  beforeAll(async () => {
    database = await createTestDatabase(dialect, { poolSize: 12 });
  });
  afterAll(async () => database?.drop());

  it('numbers each member’s events 1, 2, 3, … with no gap or repeat, even from concurrent transactions and rolled-back ones', async () => {
    const [a, b] = [await member(), await member()];
    await Promise.all(
      Array.from({ length: 20 }, (_, i) =>
        transact(database.db, async (trx) => {
          await recordEvents(
            trx,
            [
              { memberId: i % 2 ? a : b, type: 'read', data: { i } },
              { memberId: a, type: 'message', data: { i } },
              { memberId: b, type: 'message', data: { i } },
            ],
            now,
          );
        }),
      ),
    );
    await expect(
      transact(database.db, async (trx) => {
        await recordEvents(trx, [{ memberId: a, type: 'message', data: { rolledBack: true } }], now);
        throw new Error('rolled back');
      }),
    ).rejects.toThrow('rolled back');
    for (const m of [a, b]) {
      const events = await eventsAfter(database.db, m, 0, 1000);
      expect(events.map((e) => e.seq)).toEqual(Array.from({ length: 30 }, (_, i) => i + 1));
      expect(events.some((e) => JSON.parse(e.data).rolledBack)).toBe(false);
      expect(await latestEventSeq(database.db, m)).toBe(30);
    }
    // Within one transaction, a member's events keep the order they were given in.
    const mine = await eventsAfter(database.db, a, 0, 1000);
    for (let k = 0; k + 1 < mine.length; k++) {
      const [x, y] = [JSON.parse(mine[k]!.data) as { i: number }, JSON.parse(mine[k + 1]!.data) as { i: number }];
      if (x.i === y.i) expect([mine[k]!.type, mine[k + 1]!.type]).toEqual(['read', 'message']);
    }
    expect(await eventsAfter(database.db, a, 28, 1)).toHaveLength(1);
    expect(await latestEventSeq(database.db, 'nobody')).toBe(0);
  });

  it('commits numbers in order: a reader that reads on from the last number it saw never skips one', async () => {
    const m = await member();
    const seen: number[] = [];
    let writing = true;
    const reader = (async () => {
      while (writing || seen.length < 40) {
        const events = await eventsAfter(database.db, m, seen.at(-1) ?? 0, 100);
        seen.push(...events.map((e) => e.seq));
        if (events.length === 0) await new Promise((r) => setTimeout(r, 1));
      }
    })();
    await Promise.all(
      Array.from({ length: 40 }, (_, i) =>
        transact(database.db, async (trx) => {
          await recordEvents(trx, [{ memberId: m, type: 'message', data: { i } }], now);
          // Holding the transaction open a while after numbering: a later number must not commit first.
          await new Promise((r) => setTimeout(r, Math.random() * 15));
        }),
      ),
    );
    writing = false;
    await reader;
    expect(seen).toEqual(Array.from({ length: 40 }, (_, i) => i + 1));
  });

  it('writes events for more members than one statement takes, and prunes old ones', async () => {
    const ids: string[] = [];
    for (let i = 0; i < 520; i++) ids.push(await member());
    await transact(database.db, (trx) =>
      recordEvents(
        trx,
        ids.flatMap((memberId) => [
          { memberId, type: 'invitation' as const, data: { id: 'x', status: 'expired' } },
          { memberId, type: 'invitation' as const, data: { id: 'y', status: 'expired' } },
        ]),
        '2026-05-01T00:00:00.000Z',
      ),
    );
    expect((await eventsAfter(database.db, ids[519]!, 0, 10)).map((e) => e.seq)).toEqual([1, 2]);
    expect(await pruneEvents(database.db, '2026-05-02T00:00:00.000Z')).toBeGreaterThanOrEqual(1040);
    expect(await eventsAfter(database.db, ids[0]!, 0, 10)).toEqual([]);
    // The numbering goes on after pruning: a reconnecting client's Last-Event-ID stays meaningful.
    await transact(database.db, (trx) => recordEvents(trx, [{ memberId: ids[0]!, type: 'read', data: {} }], now));
    expect((await eventsAfter(database.db, ids[0]!, 0, 10)).map((e) => e.seq)).toEqual([3]);
  });
});
