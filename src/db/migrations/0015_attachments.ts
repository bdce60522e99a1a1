/**
 * Attachments: files a member uploaded, each sent in at most one message. The bytes live in a blob
 * store under their SHA-256 (`sha256`), so two rows with identical bytes share one blob.
 */
import { type Kysely, sql } from 'kysely';

/** Creates the attachments table and the indexes its reads and its cleanup use. */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('attachments')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('uploader_id', 'text', (c) => c.notNull().references('members.id').onDelete('cascade'))
    // Null until the upload is sent in a message; set once, by the send that wins.
    .addColumn('message_id', 'text', (c) => c.references('messages.id').onDelete('cascade'))
    // Its place among the message's attachments, in the order the sender listed them.
    .addColumn('position', 'integer')
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('content_type', 'text', (c) => c.notNull())
    .addColumn('size', 'integer', (c) => c.notNull().check(sql`size > 0`))
    .addColumn('sha256', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  // The attachments of a page of messages.
  await db.schema.createIndex('attachments_message').on('attachments').column('message_id').execute();
  // A member's uploads of the last 24 hours, for the daily quota.
  await db.schema.createIndex('attachments_uploader').on('attachments').columns(['uploader_id', 'created_at']).execute();
  // Whether a blob is still used by any row.
  await db.schema.createIndex('attachments_blob').on('attachments').column('sha256').execute();
  // Uploads never sent, oldest first, for the cleanup.
  await db.schema.createIndex('attachments_unsent').on('attachments').column('created_at').where(sql.ref('message_id'), 'is', null).execute();
}

/** Drops what `up` created. */
export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('attachments').execute();
}
