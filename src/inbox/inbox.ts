/** The inbox: a member's invitations as messages, in a Received and a Sent folder (SQL in store.ts). */
import type { Db, Trx } from '../db/database.js';
import type { Cursor } from '../shared/pagination.js';
import { countUnreadByFolder, type Folder, inboxPageQuery } from './store.js';

export type { Folder } from './store.js';

/** A page of a folder, newest first (`limit + 1` rows, see toPage). */
export async function listInbox(db: Db, memberId: string, folder: Folder, cursor: Cursor | null, limit: number, now: Date) {
  return inboxPageQuery(db, memberId, folder, cursor, limit, now).execute();
}

export interface UnreadCounts {
  received: number;
  sent: number;
  total: number;
}

/** How many unread messages each folder holds, and in all. */
export async function countUnread(db: Db | Trx, memberId: string): Promise<UnreadCounts> {
  const { received, sent } = await countUnreadByFolder(db, memberId);
  return { received, sent, total: received + sent };
}
