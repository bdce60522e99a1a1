/** A member's extra e-mail addresses. */
import { type Kysely, sql } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
  // A member's addresses besides the primary one. Anyone may claim an address; only verifying it
  // makes it theirs, so an unverified claim never stands in the way of the address's owner.
  await db.schema
    .createTable('member_emails')
    .addColumn('member_id', 'text', (c) => c.notNull().references('members.id').onDelete('cascade'))
    .addColumn('email', 'text', (c) => c.notNull())
    .addColumn('verified_at', 'text')
    // The hash of the address's latest verification link, and when that link stops working.
    .addColumn('token_hash', 'text')
    .addColumn('token_expires_at', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('member_emails_pk', ['member_id', 'email'])
    .execute();
  // A verified address belongs to one member; contacts import and e-mail invitations look addresses up by it.
  await db.schema
    .createIndex('member_emails_verified')
    .on('member_emails')
    .column('email')
    .unique()
    .where(sql<boolean>`verified_at is not null`)
    .execute();
  await db.schema.createIndex('member_emails_token').on('member_emails').column('token_hash').unique().execute();
}
