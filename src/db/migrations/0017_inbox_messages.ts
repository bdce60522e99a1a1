/**
 * The classic inbox's view of messages: one row per message for each member whose Received or Sent
 * folder shows it, so a folder's page of messages is one index range of that member's rows, however
 * many conversations and messages they have. Filled from the messages already sent.
 */
import { type Kysely, sql } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('inbox_messages')
    .addColumn('member_id', 'text', (c) => c.notNull().references('members.id').onDelete('cascade'))
    .addColumn('message_id', 'text', (c) => c.notNull().references('messages.id').onDelete('cascade'))
    .addColumn('conversation_id', 'text', (c) => c.notNull().references('conversations.id').onDelete('cascade'))
    // `sent` for the message's sender, `received` for every other member of the conversation.
    .addColumn('folder', 'text', (c) => c.notNull().check(sql`folder in ('received', 'sent')`))
    .addColumn('seq', 'integer', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('inbox_messages_pk', ['member_id', 'message_id'])
    .execute();
  // A folder's page, newest first: one range of the member's rows.
  await db.schema.createIndex('inbox_messages_folder').on('inbox_messages').columns(['member_id', 'folder', 'created_at', 'message_id']).execute();
  // "Delete for me" removes the member's rows of one conversation up to an ordering key.
  await db.schema.createIndex('inbox_messages_conversation').on('inbox_messages').columns(['member_id', 'conversation_id', 'seq']).execute();

  // Every message each member still has in their history (after what they cleared).
  await sql`
    insert into inbox_messages (member_id, message_id, conversation_id, folder, seq, created_at)
    select cm.member_id, m.id, m.conversation_id, case when m.sender_id = cm.member_id then 'sent' else 'received' end, m.seq, m.created_at
    from messages m join conversation_members cm on cm.conversation_id = m.conversation_id
    where m.seq > cm.cleared_seq
  `.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('inbox_messages').execute();
}
