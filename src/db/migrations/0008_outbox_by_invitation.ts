/** An invitation's queued messages, by invitation and status. */
import type { Kysely } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
  // Withdrawing or accepting cancels an invitation's queued messages: `invitation_id IN (…) AND
  // status IN (…)`. With only `invitation_id` indexed, a planner without fresh statistics (a
  // database that grew since it was opened, or not yet analysed) took `outbox_due` for the status
  // and read every queued message; an index on both columns is the better match on any statistics.
  await db.schema.createIndex('outbox_invitation_status').on('outbox').columns(['invitation_id', 'status']).execute();
  await db.schema.dropIndex('outbox_invitation').execute();
}
