/** Opt-out links and suppressed addresses. */
import type { Kysely } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
  // The opt-out link of each message; only its hash is kept. It names the address, not a person.
  await db.schema
    .createTable('opt_out_tokens')
    .addColumn('token_hash', 'text', (c) => c.primaryKey())
    .addColumn('recipient_key', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  // Addresses that bounced permanently: nothing more is sent to them.
  await db.schema
    .createTable('suppressions')
    .addColumn('recipient_key', 'text', (c) => c.primaryKey())
    .addColumn('reason', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('outbox_recipient').on('outbox').columns(['recipient', 'status']).execute();
}
