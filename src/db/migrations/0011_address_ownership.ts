/** A primary address is the member's once verified; only a verified one is unique. */
import { type Kysely, sql } from 'kysely';
import { dropSqliteEmailUniqueness, isPostgres } from './helpers.js';

export async function up(db: Kysely<any>): Promise<void> {
  const pg = isPostgres(db);
  // A primary address is the member's once they open the link mailed to it, as an added one is.
  // Accounts that existed before are taken as verified: they have been receiving mail there.
  await db.schema.alterTable('members').addColumn('email_verified_at', 'text').execute();
  await db.schema.alterTable('members').addColumn('email_token_hash', 'text').execute();
  await db.schema.alterTable('members').addColumn('email_token_expires_at', 'text').execute();
  await db.schema
    .alterTable('members')
    .addColumn('invitations_from', 'text', (c) =>
      c
        .notNull()
        .defaultTo('anyone')
        .check(sql`invitations_from in ('anyone', 'email_known', 'nobody')`),
    )
    .execute();
  await sql`update members set email_verified_at = created_at`.execute(db);

  // Until it is verified, an address claimed at sign-up must not stop its owner from signing up
  // with it too: only a verified primary address is unique.
  if (pg) await sql`alter table members drop constraint members_email_key`.execute(db);
  else await dropSqliteEmailUniqueness(db);
  await db.schema.createIndex('members_email').on('members').column('email').execute();
  await db.schema.createIndex('members_email_verified').on('members').column('email').unique().where(sql.ref('email_verified_at'), 'is not', null).execute();
  await db.schema.createIndex('members_email_token').on('members').column('email_token_hash').unique().execute();
}
