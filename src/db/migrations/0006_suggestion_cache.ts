/** Each member's cached People You May Know ranking and the connection changes that invalidate it. */
import { type Kysely, sql } from 'kysely';
import { isPostgres } from './helpers.js';

export async function up(db: Kysely<any>): Promise<void> {
  const pg = isPostgres(db);
  // Every connection made or removed, in commit order. A cached ranking is good as long as no change
  // since it was computed touches the member or one of their connections.
  let changes = db.schema
    .createTable('connection_changes')
    .addColumn('seq', pg ? 'bigserial' : 'integer', (c) => (pg ? c.primaryKey() : c.primaryKey().autoIncrement()))
    .addColumn('member_a', 'text', (c) => c.notNull())
    .addColumn('member_b', 'text', (c) => c.notNull())
    .addColumn('changed_at', 'text', (c) => c.notNull());
  // On PostgreSQL, sequence numbers are not committed in order; the writing transaction's id, checked
  // against the snapshot a ranking was computed in, says exactly which changes that ranking saw.
  if (pg) changes = changes.addColumn('xid', sql`xid8`, (c) => c.notNull().defaultTo(sql`pg_current_xact_id()`));
  await changes.execute();
  if (pg) await db.schema.createIndex('connection_changes_xid').on('connection_changes').column('xid').execute();
  await db.schema.createIndex('connection_changes_at').on('connection_changes').column('changed_at').execute();
  // A member's ranking: every candidate with at least `threshold` mutual connections.
  await db.schema
    .createTable('suggestion_cache_state')
    .addColumn('member_id', 'text', (c) => c.primaryKey().references('members.id').onDelete('cascade'))
    .addColumn('computed_at', 'text', (c) => c.notNull())
    .addColumn('watermark', 'text', (c) => c.notNull())
    .addColumn('threshold', 'integer', (c) => c.notNull())
    .execute();
  await db.schema
    .createTable('suggestion_cache')
    .addColumn('member_id', 'text', (c) => c.notNull().references('suggestion_cache_state.member_id').onDelete('cascade'))
    .addColumn('candidate_id', 'text', (c) => c.notNull())
    .addColumn('mutual', 'integer', (c) => c.notNull())
    .addPrimaryKeyConstraint('suggestion_cache_pk', ['member_id', 'mutual', 'candidate_id'])
    .execute();
}
