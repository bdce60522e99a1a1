/** The inbox's queries. A withdrawn invitation is gone from its recipient's side. */
import type { ExpressionBuilder } from 'kysely';
import type { Db, DialectName, Trx } from '../db/database.js';
import type { Database } from '../db/schema.js';
import { lockInIdOrder } from '../invitations/store.js';
import type { Cursor } from '../shared/pagination.js';

export type Folder = 'received' | 'sent';

/**
 * The invitations a recipient's Received folder shows: ignored ones are archived, withdrawn ones are
 * gone, and an ignored one that expired stays archived. Written as `status in (…)` first so the
 * `invitations_received` index (recipient, status, …) can narrow by status too.
 */
export function visibleToRecipient(eb: ExpressionBuilder<Database, 'invitations'>) {
  return eb.and([
    eb('invitations.status', 'in', ['pending', 'accepted', 'expired']),
    eb.or([eb('invitations.status', '<>', 'expired'), eb('invitations.ignore_reason', 'is', null)]),
  ]);
}

export async function listInbox(db: Db, memberId: string, folder: Folder, cursor: Cursor | null, limit: number) {
  let query = db
    .selectFrom('invitations')
    .innerJoin('members as sender', 'sender.id', 'invitations.sender_id')
    .leftJoin('members as recipient', 'recipient.id', 'invitations.recipient_member_id')
    .selectAll('invitations')
    .select(['sender.name as sender_name', 'recipient.name as recipient_name']);
  query =
    folder === 'sent'
      ? query.where('invitations.sender_id', '=', memberId)
      : query
          .where('invitations.recipient_member_id', '=', memberId)
          .where(visibleToRecipient);
  if (cursor) {
    query = query.where((eb) =>
      eb.or([
        eb('invitations.created_at', '<', cursor.at),
        eb.and([eb('invitations.created_at', '=', cursor.at), eb('invitations.id', '<', cursor.id)]),
      ]),
    );
  }
  return query.orderBy('invitations.created_at', 'desc').orderBy('invitations.id', 'desc').limit(limit + 1).execute();
}

export interface UnreadCounts {
  received: number;
  sent: number;
  total: number;
}

/**
 * The unread messages of each folder, counted as the folders list them, in one statement. Each
 * count reads only the member's own range of an index: `invitations_received` for the Received
 * folder, one led by `sender_id` for the Sent folder (a test checks the plans on both databases).
 */
export function unreadCountsQuery(db: Db | Trx, memberId: string) {
  return db.selectNoFrom((eb) => [
    eb
      .selectFrom('invitations')
      .select((e) => e.fn.countAll<number>().as('n'))
      .where('invitations.recipient_member_id', '=', memberId)
      .where(visibleToRecipient)
      .where('invitations.recipient_read', '=', 0)
      .as('received'),
    eb
      .selectFrom('invitations')
      .select((e) => e.fn.countAll<number>().as('n'))
      .where('invitations.sender_id', '=', memberId)
      .where('invitations.sender_read', '=', 0)
      .as('sent'),
  ]);
}

/** How many unread messages each folder holds, and in all. */
export async function countUnread(db: Db | Trx, memberId: string): Promise<UnreadCounts> {
  const row = await unreadCountsQuery(db, memberId).executeTakeFirstOrThrow();
  const received = Number(row.received ?? 0);
  const sent = Number(row.sent ?? 0);
  return { received, sent, total: received + sent };
}

/** The side of an invitation a member is on, when their inbox shows it to them. */
export async function findInboxSide(db: Db | Trx, memberId: string, id: string): Promise<{ folder: Folder; read: boolean } | undefined> {
  const row = await db
    .selectFrom('invitations')
    .select(['invitations.sender_id', 'invitations.sender_read', 'invitations.recipient_read'])
    .where('invitations.id', '=', id)
    .where((eb) =>
      eb.or([eb('invitations.sender_id', '=', memberId), eb.and([eb('invitations.recipient_member_id', '=', memberId), visibleToRecipient(eb)])]),
    )
    .executeTakeFirst();
  if (!row) return undefined;
  return row.sender_id === memberId ? { folder: 'sent', read: row.sender_read === 1 } : { folder: 'received', read: row.recipient_read === 1 };
}

/** Sets one message's read flag on the member's side; a message no longer shown is left alone. */
export async function setRead(db: Db | Trx, memberId: string, id: string, folder: Folder, read: boolean): Promise<void> {
  const flag = read ? 1 : 0;
  const query = db.updateTable('invitations').where('invitations.id', '=', id);
  if (folder === 'sent') {
    await query.set({ sender_read: flag }).where('invitations.sender_id', '=', memberId).where('invitations.sender_read', '<>', flag).execute();
  } else {
    await query
      .set({ recipient_read: flag })
      .where('invitations.recipient_member_id', '=', memberId)
      .where(visibleToRecipient)
      .where('invitations.recipient_read', '<>', flag)
      .execute();
  }
}

/** Marks every unread message of a folder read, taking the rows in id order; returns how many. */
export async function markFolderRead(trx: Trx, dialect: DialectName, memberId: string, folder: Folder): Promise<number> {
  const narrow = <QB extends { where: (...args: any[]) => QB }>(query: QB): QB =>
    folder === 'sent'
      ? query.where('invitations.sender_id', '=', memberId).where('invitations.sender_read', '=', 0)
      : query.where('invitations.recipient_member_id', '=', memberId).where(visibleToRecipient).where('invitations.recipient_read', '=', 0);
  await lockInIdOrder(trx, dialect, narrow);
  const set = folder === 'sent' ? { sender_read: 1 } : { recipient_read: 1 };
  const result = await narrow(trx.updateTable('invitations').set(set)).executeTakeFirst();
  return Number(result.numUpdatedRows);
}
