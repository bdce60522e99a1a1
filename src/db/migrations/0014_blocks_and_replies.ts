/**
 * Members' blocks (who blocked whom, and when), and the moment the recipient of an invitation
 * replied to it: a replied invitation sends no more reminders.
 */
import type { Kysely } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('member_blocks')
    .addColumn('blocker_id', 'text', (c) => c.notNull().references('members.id').onDelete('cascade'))
    .addColumn('blocked_id', 'text', (c) => c.notNull().references('members.id').onDelete('cascade'))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('member_blocks_pk', ['blocker_id', 'blocked_id'])
    .execute();
  // Whom a member blocked, newest first, a page at a time.
  await db.schema.createIndex('member_blocks_list').on('member_blocks').columns(['blocker_id', 'created_at', 'blocked_id']).execute();
  // Who blocked a member: a block works both ways, so it is looked up from either side.
  await db.schema.createIndex('member_blocks_blocked').on('member_blocks').columns(['blocked_id', 'blocker_id']).execute();

  await db.schema.alterTable('invitations').addColumn('replied_at', 'text').execute();
}

/** Drops what `up` created. */
export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('invitations').dropColumn('replied_at').execute();
  await db.schema.dropTable('member_blocks').execute();
}
