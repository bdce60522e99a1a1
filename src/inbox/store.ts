/** The inbox's SQL. A withdrawn invitation is gone from its recipient's side. */
import type { Expression, ExpressionBuilder, SqlBool } from 'kysely';
import type { Db, DialectName, Trx } from '../db/database.js';
import { readThrough } from '../db/indexed-by.js';
import type { Database, InvitationStatus } from '../db/schema.js';
import { afterCursor, type Conditions, type InvitationCondition, lockInIdOrder, pageOf, type Range, sentRanges } from '../invitations/store.js';
import { type Cursor, whereAll } from '../shared/pagination.js';

export type Folder = 'received' | 'sent';

/**
 * The invitations a recipient's Received folder shows: ignored ones are archived, withdrawn ones are
 * gone, and an ignored one that expired stays archived. Written as `status in (…)` first so the
 * `invitations_received` index (recipient, status, …) can narrow by status too.
 */
export function visibleToRecipient(eb: ExpressionBuilder<Database, 'invitations'>): Expression<SqlBool> {
  return eb.and([
    eb('invitations.status', 'in', ['pending', 'accepted', 'expired']),
    eb.or([eb('invitations.status', '<>', 'expired'), eb('invitations.ignore_reason', 'is', null)]),
  ]);
}

/** The member's side of their messages in `folder`: what that folder shows them. */
function inFolder(memberId: string, folder: Folder): Conditions {
  return folder === 'sent'
    ? [(eb) => eb('invitations.sender_id', '=', memberId)]
    : [(eb) => eb('invitations.recipient_member_id', '=', memberId), visibleToRecipient];
}

/** The column holding whether the member on that side has read the message. */
const READ_FLAG = { sent: 'sender_read', received: 'recipient_read' } as const;

/** Messages of `folder` whose read flag on the member's side is `flag`, or (`<>`) is not. */
function readFlagIs(folder: Folder, op: '=' | '<>', flag: 0 | 1): InvitationCondition {
  return (eb) => eb(`invitations.${READ_FLAG[folder]}`, op, flag);
}

/**
 * Where each folder's rows lie, in the folder's order: the Sent folder is every invitation of the
 * sender (the sent list's "all"), the Received folder one range of `invitations_received` for each
 * status it shows (those visibleToRecipient keeps).
 */
function folderRanges(memberId: string, folder: Folder, now: string): [Range, ...Range[]] {
  if (folder === 'sent') return sentRanges(memberId, 'all', false, now);
  const status = (state: InvitationStatus, narrow: Conditions = []): Range => ({
    index: 'invitations_received',
    narrow: [(eb) => eb('invitations.recipient_member_id', '=', memberId), (eb) => eb('invitations.status', '=', state), ...narrow],
  });
  return [status('pending'), status('accepted'), status('expired', [(eb) => eb('invitations.ignore_reason', 'is', null)])];
}

/** The statement for a page of a folder, newest first (`limit + 1` rows). */
export function inboxPageQuery(db: Db, memberId: string, folder: Folder, cursor: Cursor | null, limit: number, now: Date) {
  return pageOf(db, folderRanges(memberId, folder, now.toISOString()), afterCursor(cursor), limit);
}

/**
 * The unread messages of each folder, counted as the folders list them, in one statement. Each
 * count reads only the member's own range of an index: `invitations_received` for the Received
 * folder, one led by `sender_id` for the Sent folder (a test checks the plans on both databases).
 */
export function unreadCountsQuery(db: Db | Trx, memberId: string) {
  return db.selectNoFrom((eb) =>
    (['received', 'sent'] as const).map((folder) =>
      whereAll(
        eb.selectFrom('invitations').select((e) => e.fn.countAll<number>().as('n')),
        [...inFolder(memberId, folder), readFlagIs(folder, '=', 0)],
      ).as(folder),
    ),
  );
}

/** How many unread messages each folder holds. */
export async function countUnreadByFolder(db: Db | Trx, memberId: string): Promise<Record<Folder, number>> {
  const row = await unreadCountsQuery(db, memberId).executeTakeFirstOrThrow();
  return { received: Number(row.received ?? 0), sent: Number(row.sent ?? 0) };
}

/** The side of an invitation a member is on, when their inbox shows it to them. */
export async function findInboxSide(db: Db | Trx, memberId: string, id: string): Promise<{ folder: Folder; read: boolean } | undefined> {
  const row = await db
    .selectFrom('invitations')
    .select(['invitations.sender_id', 'invitations.sender_read', 'invitations.recipient_read'])
    .where('invitations.id', '=', id)
    .where((eb) => eb.or([eb('invitations.sender_id', '=', memberId), eb.and([eb('invitations.recipient_member_id', '=', memberId), visibleToRecipient(eb)])]))
    .executeTakeFirst();
  if (!row) return undefined;
  return row.sender_id === memberId ? { folder: 'sent', read: row.sender_read === 1 } : { folder: 'received', read: row.recipient_read === 1 };
}

/** Sets one message's read flag on the member's side; a message no longer shown is left alone. */
export async function setRead(db: Db | Trx, memberId: string, id: string, folder: Folder, read: boolean): Promise<void> {
  const flag = read ? 1 : 0;
  await whereAll(db.updateTable('invitations').set({ [READ_FLAG[folder]]: flag }), [
    ...inFolder(memberId, folder),
    (eb) => eb('invitations.id', '=', id),
    readFlagIs(folder, '<>', flag),
  ]).execute();
}

/** Marks every unread message of a folder read, taking the rows in id order; returns how many. */
export async function markFolderRead(trx: Trx, dialect: DialectName, memberId: string, folder: Folder): Promise<number> {
  const unread: Conditions = [...inFolder(memberId, folder), readFlagIs(folder, '=', 0)];
  await lockInIdOrder(trx, dialect, unread);
  const result = await whereAll(trx.updateTable('invitations').set({ [READ_FLAG[folder]]: 1 }), unread).executeTakeFirst();
  return Number(result.numUpdatedRows);
}

/** A message as a folder lists it: the member's row of it, the message, its conversation and the member's read position. */
export interface InboxMessageRow {
  id: string;
  conversation_id: string;
  seq: number;
  created_at: string;
  text: string;
  sender_id: string;
  sender_name: string;
  subject: string | null;
  kind: 'direct' | 'group';
  read_seq: number;
}

/**
 * The statement for a page of a folder's messages, newest first (`limit + 1` rows): one range of
 * `inbox_messages_folder`, the member's rows of that folder, whatever else they have.
 */
export function inboxMessagePageQuery(db: Db, memberId: string, folder: Folder, cursor: Cursor | null, limit: number) {
  let query = readThrough(db, db.selectFrom('inbox_messages'), 'inbox_messages', 'inbox_messages_folder')
    .innerJoin('messages', 'messages.id', 'inbox_messages.message_id')
    .innerJoin('members', 'members.id', 'messages.sender_id')
    .innerJoin('conversations', 'conversations.id', 'inbox_messages.conversation_id')
    .innerJoin('conversation_members', (join) =>
      join
        .onRef('conversation_members.conversation_id', '=', 'inbox_messages.conversation_id')
        .onRef('conversation_members.member_id', '=', 'inbox_messages.member_id'),
    )
    .select([
      'inbox_messages.message_id as id',
      'inbox_messages.conversation_id',
      'inbox_messages.seq',
      'inbox_messages.created_at',
      'messages.text',
      'messages.sender_id',
      'members.name as sender_name',
      'conversations.subject',
      'conversations.kind',
      'conversation_members.read_seq',
    ])
    .where('inbox_messages.member_id', '=', memberId)
    .where('inbox_messages.folder', '=', folder);
  if (cursor) {
    // The `<=` alone bounds the index range; the rest only drops the ties already shown.
    query = query
      .where('inbox_messages.created_at', '<=', cursor.at)
      .where((eb) => eb.or([eb('inbox_messages.created_at', '<', cursor.at), eb('inbox_messages.message_id', '<', cursor.id)]));
  }
  return query
    .orderBy('inbox_messages.created_at', 'desc')
    .orderBy('inbox_messages.message_id', 'desc')
    .limit(limit + 1);
}

/** The member's row of a message their folders show, if they have one. */
export async function findInboxMessage(db: Db | Trx, memberId: string, messageId: string) {
  return db
    .selectFrom('inbox_messages')
    .innerJoin('conversation_members', (join) =>
      join
        .onRef('conversation_members.conversation_id', '=', 'inbox_messages.conversation_id')
        .onRef('conversation_members.member_id', '=', 'inbox_messages.member_id'),
    )
    .select(['inbox_messages.message_id', 'inbox_messages.conversation_id', 'inbox_messages.folder', 'inbox_messages.seq', 'conversation_members.read_seq'])
    .where('inbox_messages.member_id', '=', memberId)
    .where('inbox_messages.message_id', '=', messageId)
    .executeTakeFirst();
}
