/** Members by their e-mail address's domain, for colleagues. */
import { type Kysely, sql } from 'kysely';
import { isPostgres } from './helpers.js';

export async function up(db: Kysely<any>): Promise<void> {
  // Colleagues (same e-mail domain) are looked up by this expression, the one the query uses.
  const domain = isPostgres(db) ? sql`(substr(email, strpos(email, '@') + 1))` : sql`substr(email, instr(email, '@') + 1)`;
  await sql`create index members_email_domain on members (${domain})`.execute(db);
}
