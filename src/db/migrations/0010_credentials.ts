/** Bearer tokens' ids, names and last use; members' suspension. */
import { type Kysely, sql } from 'kysely';
import { isPostgres } from './helpers.js';

export async function up(db: Kysely<any>): Promise<void> {
  // Bearer tokens get an id a member can name them by (the secret's hash must never leave the
  // server), an optional name, and when they were last used. Rows written without an id (by an older
  // release still running during a deploy, or a bulk loader) get a random one from the default.
  if (isPostgres(db)) {
    await sql`alter table auth_tokens add column id text not null default gen_random_uuid()::text`.execute(db);
    await db.schema.alterTable('auth_tokens').addColumn('name', 'text').execute();
    await db.schema.alterTable('auth_tokens').addColumn('last_used_at', 'text').execute();
    await db.schema.dropIndex('auth_tokens_member').execute();
  } else {
    // SQLite adds no column with an expression default: the table is rebuilt, as its documentation
    // describes (https://sqlite.org/lang_altertable.html#otheralter), in one transaction.
    await db.transaction().execute(async (trx) => {
      await sql`create table auth_tokens_next (
          token_hash text primary key,
          id text not null default (lower(hex(randomblob(16)))),
          member_id text not null references members (id) on delete cascade,
          kind text not null check (kind in ('session', 'bearer')),
          name text,
          created_at text not null,
          expires_at text not null,
          last_used_at text
        )`.execute(trx);
      await sql`insert into auth_tokens_next (token_hash, member_id, kind, created_at, expires_at)
          select token_hash, member_id, kind, created_at, expires_at from auth_tokens`.execute(trx);
      await sql`drop table auth_tokens`.execute(trx);
      await sql`alter table auth_tokens_next rename to auth_tokens`.execute(trx);
    });
  }
  await db.schema.createIndex('auth_tokens_id').on('auth_tokens').column('id').unique().execute();
  // A member's tokens newest first (the list), and all of a member's credentials (revoking them).
  await db.schema.createIndex('auth_tokens_member_list').on('auth_tokens').columns(['member_id', 'kind', 'created_at', 'id']).execute();
  // Set while an admin has suspended the member: none of their credentials works, none is issued.
  await db.schema.alterTable('members').addColumn('suspended_at', 'text').execute();
}
