/**
 * Conversations between members: the threads, each member's side of them (folder, read position,
 * unread count, what they cleared), the messages in order, and reports to support.
 */
import { type Kysely, sql } from 'kysely';

/** Creates the messaging tables and the indexes every list of them is read by. */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('conversations')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('kind', 'text', (c) => c.notNull().check(sql`kind in ('direct', 'group')`))
    .addColumn('subject', 'text')
    // The unordered member pair `<lower id>|<higher id>` of a direct conversation, null for a group:
    // two members racing to start one make one conversation.
    .addColumn('pair_key', 'text', (c) => c.unique())
    .addColumn('created_by', 'text', (c) => c.notNull().references('members.id'))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('last_message_at', 'text', (c) => c.notNull())
    .addColumn('last_message_id', 'text')
    // The ordering key of the latest message; a send takes the next one under this row's lock.
    .addColumn('last_seq', 'integer', (c) => c.notNull().defaultTo(0))
    .addCheckConstraint('conversations_pair_is_direct', sql`(kind = 'direct') = (pair_key is not null)`)
    .execute();

  await db.schema
    .createTable('conversation_members')
    .addColumn('conversation_id', 'text', (c) => c.notNull().references('conversations.id').onDelete('cascade'))
    .addColumn('member_id', 'text', (c) => c.notNull().references('members.id').onDelete('cascade'))
    .addColumn('joined_at', 'text', (c) => c.notNull())
    // Which list shows it to this member; `deleted` is none until a new message arrives.
    .addColumn('folder', 'text', (c) =>
      c
        .notNull()
        .defaultTo('inbox')
        .check(sql`folder in ('inbox', 'archived', 'deleted')`),
    )
    // The conversation's last activity, copied here so the member's list is one index range.
    .addColumn('last_activity_at', 'text', (c) => c.notNull())
    .addColumn('muted', 'integer', (c) => c.notNull().defaultTo(0))
    // Messages up to this ordering key are read by the member.
    .addColumn('read_seq', 'integer', (c) => c.notNull().defaultTo(0))
    // Messages up to this ordering key are gone from the member's history ("delete for me").
    .addColumn('cleared_seq', 'integer', (c) => c.notNull().defaultTo(0))
    // Messages of others after read_seq (and cleared_seq), kept with every send and read.
    .addColumn('unread_count', 'integer', (c) =>
      c
        .notNull()
        .defaultTo(0)
        .check(sql`unread_count >= 0`),
    )
    .addPrimaryKeyConstraint('conversation_members_pk', ['conversation_id', 'member_id'])
    .execute();
  // A member's list, most recently active first, one folder at a time; and its unread part alone.
  await db.schema
    .createIndex('conversation_members_list')
    .on('conversation_members')
    .columns(['member_id', 'folder', 'last_activity_at', 'conversation_id'])
    .execute();
  await db.schema
    .createIndex('conversation_members_unread')
    .on('conversation_members')
    .columns(['member_id', 'folder', 'last_activity_at', 'conversation_id'])
    .where(sql.ref('unread_count'), '>', 0)
    .execute();

  await db.schema
    .createTable('messages')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('conversation_id', 'text', (c) => c.notNull().references('conversations.id').onDelete('cascade'))
    .addColumn('seq', 'integer', (c) => c.notNull())
    .addColumn('sender_id', 'text', (c) => c.notNull().references('members.id'))
    .addColumn('text', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  // A thread, newest first, a page at a time; and the one ordering key each message has.
  await db.schema.createIndex('messages_thread').on('messages').columns(['conversation_id', 'seq']).unique().execute();
  // A sender's messages of the last 24 hours, for the daily limit.
  await db.schema.createIndex('messages_sender').on('messages').columns(['sender_id', 'created_at']).execute();

  await db.schema
    .createTable('conversation_reports')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('conversation_id', 'text', (c) => c.notNull().references('conversations.id').onDelete('cascade'))
    .addColumn('reporter_id', 'text', (c) => c.notNull().references('members.id'))
    .addColumn('reason', 'text', (c) => c.notNull().check(sql`reason in ('spam', 'harassment', 'other')`))
    .addColumn('details', 'text')
    // The conversation's latest message when it was reported: the context support is shown.
    .addColumn('up_to_seq', 'integer', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('conversation_reports_order').on('conversation_reports').columns(['created_at', 'id']).execute();
  await db.schema.createIndex('conversation_reports_conversation').on('conversation_reports').column('conversation_id').execute();
}

/** Drops what `up` created. */
export async function down(db: Kysely<any>): Promise<void> {
  for (const table of ['conversation_reports', 'messages', 'conversation_members', 'conversations']) {
    await db.schema.dropTable(table).execute();
  }
}
