/** Support's member lookup by name. */
import { type Kysely, sql } from 'kysely';
import { isPostgres } from './helpers.js';

export async function up(db: Kysely<any>): Promise<void> {
  // Support's member lookup by name reads this index in order: a name prefix is one range of it.
  // PostgreSQL's "C" collation orders by code point, as SQLite does, so the range is exactly the
  // names with that prefix whatever the database's locale.
  const key = isPostgres(db) ? sql`(lower(name) collate "C")` : sql`lower(name)`;
  await sql`create index members_name_search on members (${key}, id)`.execute(db);
}
