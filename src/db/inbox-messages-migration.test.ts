import { type Kysely, Migrator } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, DIALECTS, type TestDatabase } from '../../test/support/databases.js';
import { migrationProvider } from './migrations/index.js';

const BEFORE = '2026_12_01_0013_messaging';
const AT = '2026-01-01T00:00:00.000Z';
const at = (minute: number) => `2026-01-01T00:${String(minute).padStart(2, '0')}:00.000Z`;

const member = (id: string) => ({
  id,
  email: `${id}@old.example`,
  name: `Member ${id}`,
  headline: '',
  phone: null,
  password_hash: 'x',
  role: 'member' as const,
  invitation_balance: 1,
  restricted_at: null,
  findable_by_email: 1,
  created_at: AT,
  email_verified_at: AT,
});

describe.each(DIALECTS)('migration 0017, the classic inbox’s messages (%s)', (dialect) => {
  let database: TestDatabase;
  beforeAll(async () => {
    database = await createTestDatabase(dialect, { migrated: false });
  });
  afterAll(async () => database?.drop());

  it('fills each member’s Received and Sent folders from the messages they still have, nothing they cleared', async () => {
    const { db } = database;
    const untyped: Kysely<any> = db;
    const migrator = new Migrator({ db, provider: migrationProvider });
    expect((await migrator.migrateTo(BEFORE)).error).toBeUndefined();

    await untyped.insertInto('members').values(['a', 'b', 'c'].map(member)).execute();
    const conversation = (id: string, kind: 'direct' | 'group', pair: string | null, lastSeq: number) => ({
      id,
      kind,
      subject: null,
      pair_key: pair,
      created_by: 'a',
      created_at: AT,
      last_message_at: AT,
      last_message_id: null,
      last_seq: lastSeq,
    });
    await untyped
      .insertInto('conversations')
      .values([conversation('d', 'direct', 'a|b', 3), conversation('g', 'group', null, 1)])
      .execute();
    const side = (conversationId: string, memberId: string, clearedSeq = 0) => ({
      conversation_id: conversationId,
      member_id: memberId,
      joined_at: AT,
      last_activity_at: AT,
      cleared_seq: clearedSeq,
      read_seq: clearedSeq,
    });
    await untyped
      .insertInto('conversation_members')
      .values([side('d', 'a'), side('d', 'b', 1), side('g', 'a'), side('g', 'b'), side('g', 'c')])
      .execute();
    const message = (id: string, conversationId: string, seq: number, sender: string, minute: number) => ({
      id,
      conversation_id: conversationId,
      seq,
      sender_id: sender,
      text: `text ${id}`,
      created_at: at(minute),
    });
    await untyped
      .insertInto('messages')
      .values([message('m1', 'd', 1, 'a', 1), message('m2', 'd', 2, 'b', 2), message('m3', 'd', 3, 'a', 3), message('g1', 'g', 1, 'c', 4)])
      .execute();

    const latest = await migrator.migrateToLatest();
    expect(latest.error).toBeUndefined();
    expect(latest.results?.map((r) => r.migrationName)).toContain('2026_12_01_0017_inbox_messages');

    const rows = await db
      .selectFrom('inbox_messages')
      .select(['member_id', 'message_id', 'conversation_id', 'folder', 'seq', 'created_at'])
      .orderBy('member_id')
      .orderBy('message_id')
      .execute();
    expect(rows).toEqual([
      { member_id: 'a', message_id: 'g1', conversation_id: 'g', folder: 'received', seq: 1, created_at: at(4) },
      { member_id: 'a', message_id: 'm1', conversation_id: 'd', folder: 'sent', seq: 1, created_at: at(1) },
      { member_id: 'a', message_id: 'm2', conversation_id: 'd', folder: 'received', seq: 2, created_at: at(2) },
      { member_id: 'a', message_id: 'm3', conversation_id: 'd', folder: 'sent', seq: 3, created_at: at(3) },
      // b cleared the direct conversation up to its first message.
      { member_id: 'b', message_id: 'g1', conversation_id: 'g', folder: 'received', seq: 1, created_at: at(4) },
      { member_id: 'b', message_id: 'm2', conversation_id: 'd', folder: 'sent', seq: 2, created_at: at(2) },
      { member_id: 'b', message_id: 'm3', conversation_id: 'd', folder: 'received', seq: 3, created_at: at(3) },
      { member_id: 'c', message_id: 'g1', conversation_id: 'g', folder: 'sent', seq: 1, created_at: at(4) },
    ]);
  });
});
