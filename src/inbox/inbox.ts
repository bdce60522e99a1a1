/**
 * The inbox: a member's invitations and messages, in a Received and a Sent folder (SQL in
 * store.ts). Members with `new-messaging` read their messages as conversations and their
 * invitations in Received/Sent invitations: for them the inbox lists messages only.
 */
import type { Db, Trx } from '../db/database.js';
import { hasFeature } from '../flags/flags.js';
import type { InvitationView } from '../invitations/store.js';
import { participantsOf } from '../messaging/store.js';
import type { Cursor } from '../shared/pagination.js';
import { countUnreadByFolder, type Folder, type InboxMessageRow, inboxMessagePageQuery, inboxPageQuery } from './store.js';

export type { Folder } from './store.js';

/** How long a subject derived from a message's text may be, in characters. */
export const DERIVED_SUBJECT_MAX = 80;

export type InboxEntry =
  | { kind: 'invitation'; created_at: string; id: string; invitation: InvitationView }
  | { kind: 'message'; created_at: string; id: string; message: InboxMessageRow; others: { id: string; name: string }[] };

/** A message's subject line: its conversation's subject, or the first line of its text, shortened. */
export function messageSubject(subject: string | null, text: string): string {
  if (subject) return subject;
  const line = (text.split('\n').find((l) => l.trim() !== '') ?? '').trim().replace(/\s+/g, ' ');
  const chars = [...line];
  return chars.length <= DERIVED_SUBJECT_MAX ? line : `${chars.slice(0, DERIVED_SUBJECT_MAX - 1).join('')}…`;
}

const newestFirst = (a: { created_at: string; id: string }, b: { created_at: string; id: string }) =>
  a.created_at !== b.created_at ? (a.created_at < b.created_at ? 1 : -1) : a.id < b.id ? 1 : a.id > b.id ? -1 : 0;

/**
 * A page of a folder, newest first (`limit + 1` entries, see toPage): the folder's invitations (not
 * with `new-messaging`) and its messages, each read as one page of its own ranges and merged, so
 * a page reads at most `limit + 1` rows of each whatever the member's totals.
 */
export async function listInbox(db: Db, memberId: string, folder: Folder, cursor: Cursor | null, limit: number, now: Date): Promise<InboxEntry[]> {
  const withInvitations = !(await hasFeature(db, memberId, 'new-messaging'));
  const [invitations, messages] = await Promise.all([
    withInvitations ? inboxPageQuery(db, memberId, folder, cursor, limit, now).execute() : Promise.resolve([]),
    inboxMessagePageQuery(db, memberId, folder, cursor, limit).execute(),
  ]);
  const page = [
    ...invitations.map((invitation) => ({ kind: 'invitation' as const, created_at: invitation.created_at, id: invitation.id, invitation })),
    ...messages.map((message) => ({ kind: 'message' as const, created_at: message.created_at, id: message.id, message })),
  ]
    .sort(newestFirst)
    .slice(0, limit + 1);
  const conversations = [...new Set(page.flatMap((e) => (e.kind === 'message' ? [e.message.conversation_id] : [])))];
  const participants = await participantsOf(db, conversations);
  return page.map((e) =>
    e.kind === 'invitation'
      ? e
      : {
          ...e,
          others: participants.filter((p) => p.conversation_id === e.message.conversation_id && p.id !== memberId).map((p) => ({ id: p.id, name: p.name })),
        },
  );
}

export interface UnreadCounts {
  received: number;
  sent: number;
  total: number;
}

/** How many unread invitations each folder holds, and in all (unread messages: `/me`'s `unread.messages`). */
export async function countUnread(db: Db | Trx, memberId: string): Promise<UnreadCounts> {
  const { received, sent } = await countUnreadByFolder(db, memberId);
  return { received, sent, total: received + sent };
}
