import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Migrator } from 'kysely';
import pg from 'pg';
import { describe, expect, it } from 'vitest';
import { DIALECTS } from '../../test/support/databases.js';
import { listTokens, resolveToken } from '../auth/tokens.js';
import { sha256 } from '../shared/crypto.js';
import { type DatabaseHandle, type DialectName, openDatabase } from './database.js';
import { migrationProvider } from './migrations/index.js';

/** A database with no schema yet, and a way to delete it. */
async function emptyDatabase(dialect: DialectName): Promise<{ handle: DatabaseHandle; drop(): Promise<void> }> {
  if (dialect === 'sqlite') {
    const dir = mkdtempSync(join(tmpdir(), 'rapport-migrate-'));
    const handle = openDatabase(`file:${join(dir, 'db.sqlite')}`);
    return { handle, drop: async () => (await handle.destroy(), rmSync(dir, { recursive: true, force: true })) };
  }
  const admin = process.env.TEST_DATABASE_URL!;
  const name = `rapport_mig_${Date.now().toString(36)}_${Math.random().toString(36).slice(2, 8)}`;
  const query = async (text: string) => {
    const client = new pg.Client({ connectionString: admin });
    await client.connect();
    await client.query(text).finally(() => client.end());
  };
  await query(`create database ${name}`);
  const url = new URL(admin);
  url.pathname = `/${name}`;
  const handle = openDatabase(url.toString(), { poolSize: 2 });
  return { handle, drop: async () => (await handle.destroy(), await query(`drop database if exists ${name} with (force)`)) };
}

describe('the migration provider', () => {
  it('names every migration exactly as existing databases recorded it, in the order they run', async () => {
    // Kysely runs migrations in the order of their names and refuses a database whose recorded
    // names are not a prefix of these: renaming or reordering one breaks every existing database.
    const names = Object.keys(await migrationProvider.getMigrations());
    expect(names).toEqual([
      '2026_11_26_0001_initial',
      '2026_11_26_0002_delivery',
      '2026_11_26_0003_people',
      '2026_11_26_0004_people_domain',
      '2026_11_26_0005_member_emails',
      '2026_11_26_0006_suggestion_cache',
      '2026_11_26_0007_member_search',
      '2026_11_26_0008_outbox_by_invitation',
      '2026_12_01_0009_open_invitation_order',
      '2026_12_01_0010_credentials',
      '2026_12_01_0011_address_ownership',
      '2026_12_01_0012_login_devices',
      '2026_12_01_0013_messaging',
      '2026_12_01_0014_blocks_and_replies',
      '2026_12_01_0015_attachments',
      '2026_12_01_0016_events_and_message_emails',
      '2026_12_01_0017_inbox_messages',
    ]);
    expect([...names].sort()).toEqual(names);
  });
});

describe.each(DIALECTS)('the credentials migration (%s)', (dialect) => {
  it('keeps every session and token working, gives each its own id, and ids rows written without one', async () => {
    const { handle, drop } = await emptyDatabase(dialect);
    try {
      const db = handle.db;
      const migrator = new Migrator({ db, provider: migrationProvider });
      const before = await migrator.migrateTo('2026_11_26_0008_outbox_by_invitation');
      expect(before.error).toBeUndefined();
      const now = new Date('2026-06-01T09:00:00.000Z');
      await db
        .insertInto('members')
        .values({
          id: 'm1',
          email: 'm1@example.test',
          name: 'M',
          headline: '',
          phone: null,
          password_hash: 'x',
          role: 'member',
          invitation_balance: 1,
          restricted_at: null,
          findable_by_email: 1,
          created_at: now.toISOString(),
        })
        .execute();
      const secrets = ['s'.repeat(43), `rpt_${'a'.repeat(43)}`, `rpt_${'b'.repeat(43)}`];
      // Rows as the schema before this migration had them (its columns only).
      const old = db.withTables<{ auth_tokens: { token_hash: string; member_id: string; kind: string; created_at: string; expires_at: string } }>();
      for (const [i, secret] of secrets.entries()) {
        await old
          .insertInto('auth_tokens')
          .values({
            token_hash: sha256(secret),
            member_id: 'm1',
            kind: i === 0 ? 'session' : 'bearer',
            created_at: now.toISOString(),
            expires_at: '2027-01-01T00:00:00.000Z',
          })
          .execute();
      }

      const after = await migrator.migrateTo('2026_12_01_0010_credentials');
      expect(after.error).toBeUndefined();
      const rows = await db.selectFrom('auth_tokens').selectAll().execute();
      expect(rows).toHaveLength(3);
      expect(new Set(rows.map((r) => r.id)).size).toBe(3);
      for (const r of rows) expect(r).toMatchObject({ id: expect.stringMatching(/^[0-9a-f-]{32,36}$/), name: null, last_used_at: null });
      const session = await resolveToken(db, secrets[0]!, 'session', now);
      expect(session?.member.id).toBe('m1');
      expect(session?.credentialId).toBe(rows.find((r) => r.kind === 'session')!.id);
      expect((await resolveToken(db, secrets[1]!, 'bearer', now))?.member.suspended_at).toBeNull();
      expect((await listTokens(db, 'm1', now, { cursor: null, limit: 10 })).items).toHaveLength(2);

      // A writer that knows nothing of ids still gets one; two rows never share one.
      await old
        .insertInto('auth_tokens')
        .values({ token_hash: 'h4', member_id: 'm1', kind: 'bearer', created_at: now.toISOString(), expires_at: '2027-01-01T00:00:00.000Z' })
        .execute();
      const written = await db.selectFrom('auth_tokens').select('id').where('token_hash', '=', 'h4').executeTakeFirstOrThrow();
      expect(written.id).not.toBe('');
      await expect(
        db
          .insertInto('auth_tokens')
          .values({
            token_hash: 'h5',
            id: written.id,
            member_id: 'm1',
            kind: 'bearer',
            name: null,
            created_at: now.toISOString(),
            expires_at: now.toISOString(),
            last_used_at: null,
          })
          .execute(),
      ).rejects.toThrow();
    } finally {
      await drop();
    }
  });
});
