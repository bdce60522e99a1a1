/**
 * Read and unread items. Each side of an invitation has its own flag: the recipient's is unread
 * until they open or answer it; the sender's becomes unread again when the invitation is accepted.
 * A message is read as its conversation is: up to the member's read position in the thread, so
 * both views of messaging agree (one's own messages are always read).
 */
import type { Actor, Deps } from '../context.js';
import { type Db, transact } from '../db/database.js';
import { AppError } from '../errors.js';
import { hasFeature } from '../flags/flags.js';
import { markRead, markUnreadFrom } from '../messaging/conversations.js';
import { unreadConversations } from '../messaging/store.js';
import { countUnread, type Folder, type UnreadCounts } from './inbox.js';
import { findInboxMessage, findInboxSide, markFolderRead, setRead } from './store.js';

export interface MarkResult {
  id: string;
  read: boolean;
  unread: UnreadCounts;
}

/**
 * Marks one message read (or unread again) for the member, on the side they are on. A message their
 * inbox does not show them (another member's, or withdrawn, to its recipient) does not exist.
 */
export async function markMessage(db: Db, deps: Deps, actor: Actor, id: string, read: boolean): Promise<MarkResult> {
  const memberId = actor.memberId;
  const message = await findInboxMessage(db, memberId, id);
  if (message) {
    if (message.folder === 'sent') return { id, read: true, unread: await countUnread(db, memberId) };
    if (read) await markRead(db, deps, actor, message.conversation_id, id);
    else await markUnreadFrom(db, deps, actor, message.conversation_id, id);
    return { id, read, unread: await countUnread(db, memberId) };
  }
  // With new-messaging, invitations have left the inbox.
  const side = (await hasFeature(db, memberId, 'new-messaging')) ? undefined : await findInboxSide(db, memberId, id);
  if (!side) throw new AppError('not_found', 'That message does not exist.');
  if (side.read !== read) await setRead(db, memberId, id, side.folder, read);
  return { id, read, unread: await countUnread(db, memberId) };
}

/**
 * Marks every item of the folders read: the invitations in one transaction; with the Received
 * folder, every conversation with unread messages too, each up to its latest message (as reading
 * it would). Returns how many items became read.
 */
export async function markAllRead(db: Db, deps: Deps, actor: Actor, folders: readonly Folder[]): Promise<{ marked: number; unread: UnreadCounts }> {
  const memberId = actor.memberId;
  let marked = await transact(db, async (trx) => {
    let n = 0;
    for (const folder of folders) n += await markFolderRead(trx, deps.dialect, memberId, folder);
    return n;
  });
  if (folders.includes('received')) {
    for (const c of await unreadConversations(db, memberId)) {
      await markRead(db, deps, actor, c.conversation_id);
      marked += c.unread_count;
    }
  }
  return { marked, unread: await countUnread(db, memberId) };
}
