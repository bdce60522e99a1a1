/** Every query of attachments: uploads, linking them to a message, who may read them, and their cleanup. */
import { sql } from 'kysely';
import type { Db, DialectName, Trx } from '../db/database.js';
import type { AttachmentRow } from '../db/schema.js';

/** An attachment as a message shows it. */
export interface AttachmentView {
  id: string;
  message_id: string | null;
  name: string;
  size: number;
  content_type: string;
}

const viewColumns = ['id', 'message_id', 'name', 'size', 'content_type'] as const;

/**
 * Orders, on PostgreSQL, everything done with the blob `hash` in the transaction (storing it with a
 * new row, or removing it once no row uses it) against everything else done with it, until the
 * transaction ends. SQLite has one writer already.
 */
export async function lockBlob(trx: Trx, dialect: DialectName, hash: string): Promise<void> {
  if (dialect === 'postgres') await sql`select pg_advisory_xact_lock(hashtext(${`attachment-blob:${hash}`}))`.execute(trx);
}

export async function insertAttachment(trx: Trx, row: Omit<AttachmentRow, 'message_id' | 'position'>): Promise<void> {
  await trx
    .insertInto('attachments')
    .values({ ...row, message_id: null, position: null })
    .execute();
}

/** Bytes `uploaderId` uploaded since `since`, and when the oldest of those uploads was. */
export async function uploadedSince(db: Db | Trx, uploaderId: string, since: string): Promise<{ bytes: number; oldest: string | null }> {
  const row = await db
    .selectFrom('attachments')
    .select((eb) => [eb.fn.coalesce(eb.fn.sum<number>('size'), sql<number>`0`).as('bytes'), eb.fn.min('created_at').as('oldest')])
    .where('uploader_id', '=', uploaderId)
    .where('created_at', '>', since)
    .executeTakeFirstOrThrow();
  return { bytes: Number(row.bytes), oldest: (row.oldest as string | null) ?? null };
}

/**
 * Sends the upload `id` of `uploaderId` in `messageId`, at `position`, if it is still unsent: a
 * conditional update, so of two sends of the same upload one links it and the other finds none.
 * True when it was linked.
 */
export async function linkAttachment(trx: Trx, id: string, uploaderId: string, messageId: string, position: number): Promise<boolean> {
  const result = await trx
    .updateTable('attachments')
    .set({ message_id: messageId, position })
    .where('id', '=', id)
    .where('uploader_id', '=', uploaderId)
    .where('message_id', 'is', null)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

/** The attachments of the messages, each message's in the order they were listed. */
export async function attachmentsOfMessages(db: Db | Trx, messageIds: string[]): Promise<AttachmentView[]> {
  if (messageIds.length === 0) return [];
  return db.selectFrom('attachments').select(viewColumns).where('message_id', 'in', messageIds).orderBy('message_id').orderBy('position').execute();
}

/**
 * The attachment `id` if `memberId` may read it: they uploaded it, or it was sent in a message that
 * is still in their history of that conversation (not cleared by a "delete for me").
 */
export async function findReadableAttachment(db: Db | Trx, id: string, memberId: string): Promise<AttachmentRow | undefined> {
  return db
    .selectFrom('attachments')
    .selectAll()
    .where('id', '=', id)
    .where((eb) =>
      eb.or([
        eb('uploader_id', '=', memberId),
        eb.exists(
          eb
            .selectFrom('messages')
            .innerJoin('conversation_members', 'conversation_members.conversation_id', 'messages.conversation_id')
            .select('messages.id')
            .whereRef('messages.id', '=', 'attachments.message_id')
            .where('conversation_members.member_id', '=', memberId)
            .whereRef('messages.seq', '>', 'conversation_members.cleared_seq'),
        ),
      ]),
    )
    .executeTakeFirst();
}

/** Up to `limit` uploads never sent and made before `before`, oldest first. */
export async function unsentBefore(db: Db, before: string, limit: number): Promise<{ id: string; sha256: string }[]> {
  return db
    .selectFrom('attachments')
    .select(['id', 'sha256'])
    .where('message_id', 'is', null)
    .where('created_at', '<', before)
    .orderBy('created_at')
    .limit(limit)
    .execute();
}

/** Deletes those of `ids` still unsent (a send that linked one meanwhile keeps it); returns their blobs' hashes. */
export async function deleteUnsent(trx: Trx, ids: string[]): Promise<string[]> {
  if (ids.length === 0) return [];
  const rows = await trx.deleteFrom('attachments').where('id', 'in', ids).where('message_id', 'is', null).returning('sha256').execute();
  return rows.map((r) => r.sha256);
}

/** Whether any attachment still uses the blob `hash`. */
export async function blobInUse(db: Db | Trx, hash: string): Promise<boolean> {
  const row = await db.selectFrom('attachments').select('id').where('sha256', '=', hash).limit(1).executeTakeFirst();
  return row !== undefined;
}
