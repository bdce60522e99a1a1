/** People You May Know: dismissed suggestions, and reports found by sender. */
import type { Kysely } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
  // "Not now" on a suggestion: stored, and reversible.
  await db.schema
    .createTable('suggestion_dismissals')
    .addColumn('member_id', 'text', (c) => c.notNull().references('members.id'))
    .addColumn('dismissed_id', 'text', (c) => c.notNull().references('members.id'))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('suggestion_dismissals_pk', ['member_id', 'dismissed_id'])
    .execute();
  // Reports against a sender, found by recipient when excluding them from the sender's suggestions.
  await db.schema.createIndex('invitations_reports').on('invitations').columns(['sender_id', 'ignore_reason']).execute();
}
