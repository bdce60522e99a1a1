/** Open invitations in list order, by sender and by sender and channel. */
import { type Kysely, sql } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
  // Lists of invitations are read newest first, (created_at, id), a page at a time, each from
  // ranges of indexes that hold its rows in that order once their equality columns are fixed, so
  // a page reads its own rows and stops whatever the member's other rows (the stores name the
  // indexes on SQLite). An open invitation, pending or ignored, is pending to its sender, and no
  // (sender_id, status, created_at) index orders the two statuses together; these partial indexes
  // hold only open invitations, and lose their entry when one is withdrawn.
  const open = sql<boolean>`status in ('pending', 'ignored')`;
  const index = (name: string, columns: string[]) => db.schema.createIndex(name).on('invitations').columns(columns).where(open);
  await index('invitations_open_by_sender', ['sender_id', 'created_at', 'id', 'expires_at']).execute();
  await index('invitations_open_by_sender_channel', ['sender_id', 'channel', 'created_at', 'id', 'expires_at']).execute();
}
