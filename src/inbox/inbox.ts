/** The inbox's queries. A withdrawn invitation is gone from its recipient's side. */
import type { Db } from '../db/database.js';
import type { Cursor } from '../shared/pagination.js';

export type Folder = 'received' | 'sent';

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
          // Ignored invitations are archived, withdrawn ones are gone; an ignored one that expired stays archived.
          .where((eb) =>
            eb.or([
              eb('invitations.status', 'in', ['pending', 'accepted']),
              eb.and([eb('invitations.status', '=', 'expired'), eb('invitations.ignore_reason', 'is', null)]),
            ]),
          );
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
