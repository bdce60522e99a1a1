/**
 * Live events and message notification e-mails: each member's stream of events in commit order
 * (a per-member counter, taken under its row's lock, numbers them), the `messageEmails` setting,
 * the window that coalesces a conversation's notification e-mails, and the one-click unsubscribe
 * tokens of those e-mails.
 */
import { type Kysely, sql } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
  // The last event number given to each member; a transaction that writes events for a member
  // takes the next numbers under this row's lock, so numbers follow commit order.
  await db.schema
    .createTable('member_event_counters')
    .addColumn('member_id', 'text', (c) => c.primaryKey().references('members.id').onDelete('cascade'))
    .addColumn('last_seq', 'integer', (c) => c.notNull())
    .execute();
  await db.schema
    .createTable('member_events')
    .addColumn('member_id', 'text', (c) => c.notNull().references('members.id').onDelete('cascade'))
    .addColumn('seq', 'integer', (c) => c.notNull())
    .addColumn('type', 'text', (c) => c.notNull().check(sql`type in ('message', 'read', 'invitation')`))
    // The event's data as the member is shown it (JSON).
    .addColumn('data', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('member_events_pk', ['member_id', 'seq'])
    .execute();
  // Pruning old events.
  await db.schema.createIndex('member_events_created').on('member_events').column('created_at').execute();

  await db.schema
    .alterTable('members')
    .addColumn('message_emails', 'integer', (c) => c.notNull().defaultTo(1))
    .execute();

  // Until when no further notification e-mail about the conversation is queued for the member.
  await db.schema
    .createTable('message_email_windows')
    .addColumn('conversation_id', 'text', (c) => c.notNull().references('conversations.id').onDelete('cascade'))
    .addColumn('member_id', 'text', (c) => c.notNull().references('members.id').onDelete('cascade'))
    .addColumn('window_until', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('message_email_windows_pk', ['conversation_id', 'member_id'])
    .execute();

  // The unsubscribe links of notification e-mails: SHA-256 of a 256-bit random token, never the token.
  await db.schema
    .createTable('message_email_tokens')
    .addColumn('token_hash', 'text', (c) => c.primaryKey())
    .addColumn('member_id', 'text', (c) => c.notNull().references('members.id').onDelete('cascade'))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
}

/** Drops what `up` created. */
export async function down(db: Kysely<any>): Promise<void> {
  for (const table of ['message_email_tokens', 'message_email_windows', 'member_events', 'member_event_counters']) {
    await db.schema.dropTable(table).execute();
  }
  await db.schema.alterTable('members').dropColumn('message_emails').execute();
}
