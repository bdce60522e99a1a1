import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, DIALECTS, type TestDatabase } from '../../test/support/databases.js';
import { refreshStatistics } from './database.js';

describe.each(DIALECTS)('refreshStatistics (%s)', (dialect) => {
  let database: TestDatabase;
  beforeAll(async () => {
    database = await createTestDatabase(dialect);
  });
  afterAll(async () => database?.drop());

  it('gives a database that grew after it was opened the statistics its planner needs', async () => {
    const { db } = database;
    const rows = Array.from({ length: 3_000 }, (_, i) => ({
      id: `m${i}`,
      email: `m${i}@stats.example`,
      name: `Member ${i}`,
      headline: '',
      phone: null,
      password_hash: 'x',
      role: 'member' as const,
      invitation_balance: 1,
      restricted_at: null,
      findable_by_email: 1,
      created_at: '2026-01-01T00:00:00.000Z',
    }));
    for (let i = 0; i < rows.length; i += 500)
      await db
        .insertInto('members')
        .values(rows.slice(i, i + 500))
        .execute();
    await db.selectFrom('members').select('id').where('email', '=', 'm7@stats.example').execute();
    if (dialect === 'sqlite') {
      const before = await sql<{ n: number }>`select count(*) as n from sqlite_master where name = 'sqlite_stat1'`.execute(db);
      const analysed = async () => (await sql<{ tbl: string }>`select tbl from sqlite_stat1 where tbl = 'members'`.execute(db)).rows.length;
      // Opened empty: no statistics for members yet (or none at all).
      if (Number(before.rows[0]!.n) > 0) expect(await analysed()).toBe(0);
      await refreshStatistics(db, dialect);
      expect(await analysed()).toBeGreaterThan(0);
    } else {
      // Nothing to do on PostgreSQL: autovacuum gathers statistics in its own time, and until it has,
      // the planner still finds a member by address through the index, never by reading the table.
      await expect(refreshStatistics(db, dialect)).resolves.toBeUndefined();
      const plan = await sql<{ 'QUERY PLAN': string }>`explain select id from members where email = ${'m7@stats.example'}`.execute(db);
      const text = plan.rows.map((r) => r['QUERY PLAN']).join('\n');
      expect(text).toMatch(/Index (Only )?Scan using members_email|Bitmap Index Scan on members_email/);
      expect(text).not.toMatch(/Seq Scan/);
    }
  });
});
