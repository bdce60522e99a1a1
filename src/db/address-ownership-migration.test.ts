import { type Kysely, Migrator, sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, DIALECTS, type TestDatabase } from '../../test/support/databases.js';
import { migrationProvider } from './migrations/index.js';

const BEFORE = '2026_11_26_0008_outbox_by_invitation';
const AT = '2026-01-01T00:00:00.000Z';

const member = (id: string, email: string) => ({
  id,
  email,
  name: `Member ${id}`,
  headline: '',
  phone: null,
  password_hash: 'x',
  role: 'member' as const,
  invitation_balance: 1,
  restricted_at: null,
  findable_by_email: 1,
  created_at: AT,
});

describe.each(DIALECTS)('migration 0011, address ownership (%s)', (dialect) => {
  let database: TestDatabase;
  beforeAll(async () => {
    database = await createTestDatabase(dialect, { migrated: false });
  });
  afterAll(async () => database?.drop());

  it('keeps every member and what refers to them, takes existing addresses as verified, and lets an unverified claim share an address', async () => {
    const { db } = database;
    // Rows of the schema before the migration, or not valid in any: not of today's types.
    const untyped: Kysely<any> = db;
    const migrator = new Migrator({ db, provider: migrationProvider });
    const first = await migrator.migrateTo(BEFORE);
    expect(first.error).toBeUndefined();
    // Rows in the tables that refer to members, some of them with ON DELETE CASCADE.
    await untyped
      .insertInto('members')
      .values([member('a', 'a@old.example'), member('b', 'b@old.example')])
      .execute();
    await db
      .insertInto('auth_tokens')
      .values({ token_hash: 'h', member_id: 'a', kind: 'bearer', created_at: AT, expires_at: '2027-01-01T00:00:00.000Z' })
      .execute();
    await db
      .insertInto('member_emails')
      .values({ member_id: 'a', email: 'a@extra.example', verified_at: AT, token_hash: null, token_expires_at: null, created_at: AT })
      .execute();
    await db.insertInto('connections').values({ member_a: 'a', member_b: 'b', invitation_id: null, created_at: AT }).execute();

    const latest = await migrator.migrateToLatest();
    expect(latest.error).toBeUndefined();
    expect(latest.results?.map((r) => r.migrationName)).toContain('2026_12_01_0011_address_ownership');

    const rows = await db.selectFrom('members').select(['id', 'email', 'email_verified_at', 'invitations_from']).orderBy('id').execute();
    expect(rows).toEqual([
      { id: 'a', email: 'a@old.example', email_verified_at: AT, invitations_from: 'anyone' },
      { id: 'b', email: 'b@old.example', email_verified_at: AT, invitations_from: 'anyone' },
    ]);
    expect(await db.selectFrom('auth_tokens').select('member_id').execute()).toEqual([{ member_id: 'a' }]);
    expect(await db.selectFrom('member_emails').select('email').execute()).toEqual([{ email: 'a@extra.example' }]);
    expect(await db.selectFrom('connections').select(['member_a', 'member_b']).execute()).toEqual([{ member_a: 'a', member_b: 'b' }]);

    // A claim may share an address; a second verified one may not; foreign keys still hold.
    await db
      .insertInto('members')
      .values({ ...member('c', 'a@old.example'), email_verified_at: null })
      .execute();
    await expect(
      db
        .insertInto('members')
        .values({ ...member('d', 'a@old.example'), email_verified_at: AT })
        .execute(),
    ).rejects.toThrow();
    await expect(
      db.insertInto('auth_tokens').values({ token_hash: 'orphan', member_id: 'nobody', kind: 'bearer', created_at: AT, expires_at: AT }).execute(),
    ).rejects.toThrow();
    await expect(
      untyped
        .insertInto('members')
        .values({ ...member('e', 'e@old.example'), invitations_from: 'strangers' })
        .execute(),
    ).rejects.toThrow();
    if (dialect === 'sqlite') {
      expect((await sql<{ foreign_keys: number }>`pragma foreign_keys`.execute(db)).rows[0]!.foreign_keys).toBe(1);
    }
  });
});
