/** What more than one migration needs. */
import { type Kysely, sql } from 'kysely';

/** True when `db` runs on PostgreSQL. */
export function isPostgres(db: Kysely<any>): boolean {
  return db.getExecutor().adapter.constructor.name === 'PostgresAdapter';
}

/**
 * SQLite cannot drop a column's UNIQUE constraint: the table is rebuilt without it, as its
 * documentation describes (https://sqlite.org/lang_altertable.html#otheralter), from its own
 * definition so that every column and index it has is kept.
 */
export async function dropSqliteEmailUniqueness(db: Kysely<any>): Promise<void> {
  const table = await sql<{ sql: string }>`select sql from sqlite_master where type = 'table' and name = 'members'`.execute(db);
  const definition = table.rows[0]?.sql ?? '';
  const rebuilt = definition
    .replace('"email" text not null unique', '"email" text not null')
    .replace(/^CREATE TABLE "members"/, 'CREATE TABLE "members_rebuilt"');
  if (rebuilt === definition || !rebuilt.startsWith('CREATE TABLE "members_rebuilt"'))
    throw new Error('members: unexpected table definition, cannot drop the e-mail uniqueness');
  const indexes = await sql<{ sql: string }>`select sql from sqlite_master where type = 'index' and tbl_name = 'members' and sql is not null`.execute(db);
  // Foreign keys cannot be switched off inside a transaction, and must be off while the table is replaced.
  await sql`pragma foreign_keys = off`.execute(db);
  try {
    await db.transaction().execute(async (trx) => {
      await sql.raw(rebuilt).execute(trx);
      await sql`insert into members_rebuilt select * from members`.execute(trx);
      await sql`drop table members`.execute(trx);
      await sql`alter table members_rebuilt rename to members`.execute(trx);
      for (const index of indexes.rows) await sql.raw(index.sql).execute(trx);
      const broken = await sql`pragma foreign_key_check`.execute(trx);
      if (broken.rows.length > 0) throw new Error('members: the rebuilt table breaks a foreign key');
    });
  } finally {
    await sql`pragma foreign_keys = on`.execute(db);
  }
}
