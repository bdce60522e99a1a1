/** Every query of messaging: conversations, each member's side of them, messages and reports. */
import { type ExpressionBuilder, sql } from 'kysely';
import type { Db, DialectName, Trx } from '../db/database.js';
import { readThrough } from '../db/indexed-by.js';
import type { ConversationFolder, ConversationKind, Database, ReportReason } from '../db/schema.js';
import { containsPattern } from '../shared/like.js';
import type { Cursor } from '../shared/pagination.js';
import { attachmentsOfMessages, type AttachmentView } from './attachment-store.js';

/** A conversation as one member sees it: the conversation's row and that member's side of it. */
export interface ConversationView {
  id: string;
  kind: ConversationKind;
  subject: string | null;
  created_at: string;
  last_message_at: string;
  last_message_id: string | null;
  last_seq: number;
  member_id: string;
  folder: ConversationFolder;
  muted: number;
  read_seq: number;
  cleared_seq: number;
  unread_count: number;
  last_activity_at: string;
}

/** A message's row with its sender's name. */
type MessageRowView = {
  id: string;
  conversation_id: string;
  seq: number;
  sender_id: string;
  sender_name: string;
  text: string;
  created_at: string;
};

/** A message with its sender's name and its attachments. */
export interface MessageView extends MessageRowView {
  attachments: AttachmentView[];
}

/** Adds each message's attachments (one query for them all). */
async function withAttachments(db: Db | Trx, rows: MessageRowView[]): Promise<MessageView[]> {
  const attachments = await attachmentsOfMessages(
    db,
    rows.map((r) => r.id),
  );
  return rows.map((row) => ({ ...row, attachments: attachments.filter((a) => a.message_id === row.id) }));
}

export interface Participant {
  conversation_id: string;
  id: string;
  name: string;
  headline: string;
}

const viewColumns = [
  'conversations.id',
  'conversations.kind',
  'conversations.subject',
  'conversations.created_at',
  'conversations.last_message_at',
  'conversations.last_message_id',
  'conversations.last_seq',
  'conversation_members.member_id',
  'conversation_members.folder',
  'conversation_members.muted',
  'conversation_members.read_seq',
  'conversation_members.cleared_seq',
  'conversation_members.unread_count',
  'conversation_members.last_activity_at',
] as const;

function views(db: Db | Trx) {
  return db.selectFrom('conversation_members').innerJoin('conversations', 'conversations.id', 'conversation_members.conversation_id').select(viewColumns);
}

/**
 * Waits for sends in flight to the conversation to commit, and holds further ones off until this
 * transaction ends (on PostgreSQL; SQLite has one writer), so a read position or a clearing is
 * taken against every message sent before it. Returns the conversation's latest ordering key.
 */
export async function holdConversation(trx: Trx, dialect: DialectName, conversationId: string): Promise<number | undefined> {
  let query = trx.selectFrom('conversations').select('last_seq').where('id', '=', conversationId);
  if (dialect === 'postgres') query = query.forShare();
  return (await query.executeTakeFirst())?.last_seq;
}

/** Members among `ids` that exist, with whether each is connected with `memberId`. */
export async function connectionsAmong(db: Db | Trx, memberId: string, ids: string[]): Promise<Set<string>> {
  if (ids.length === 0) return new Set();
  const rows = await db
    .selectFrom('connections')
    .select(['member_a', 'member_b'])
    .where((eb) =>
      eb.or([eb.and([eb('member_a', '=', memberId), eb('member_b', 'in', ids)]), eb.and([eb('member_b', '=', memberId), eb('member_a', 'in', ids)])]),
    )
    .execute();
  return new Set(rows.map((r) => (r.member_a === memberId ? r.member_b : r.member_a)));
}

/** The direct conversation of a member pair, if there is one. */
export async function findDirectConversation(db: Db | Trx, pairKey: string): Promise<{ id: string } | undefined> {
  return db.selectFrom('conversations').select('id').where('pair_key', '=', pairKey).executeTakeFirst();
}

export interface NewConversation {
  id: string;
  kind: ConversationKind;
  subject: string | null;
  pairKey: string | null;
  createdBy: string;
  memberIds: string[];
  now: string;
}

/**
 * Creates a conversation with its members. A direct one whose pair already has one (a concurrent
 * start that committed first) is not created: false, and the caller reads that one back.
 */
export async function insertConversation(trx: Trx, c: NewConversation): Promise<boolean> {
  const inserted = await trx
    .insertInto('conversations')
    .values({
      id: c.id,
      kind: c.kind,
      subject: c.subject,
      pair_key: c.pairKey,
      created_by: c.createdBy,
      created_at: c.now,
      last_message_at: c.now,
      last_message_id: null,
    })
    .onConflict((oc) => oc.column('pair_key').doNothing())
    .returning('id')
    .executeTakeFirst();
  if (!inserted) return false;
  await trx
    .insertInto('conversation_members')
    .values(c.memberIds.map((memberId) => ({ conversation_id: c.id, member_id: memberId, joined_at: c.now, last_activity_at: c.now })))
    .execute();
  return true;
}

/** The conversation as `memberId` sees it; undefined when they are not one of its members. */
export async function findConversationView(db: Db | Trx, conversationId: string, memberId: string): Promise<ConversationView | undefined> {
  return views(db).where('conversation_members.conversation_id', '=', conversationId).where('conversation_members.member_id', '=', memberId).executeTakeFirst();
}

/** The ids of a conversation's members. */
export async function memberIdsOf(db: Db | Trx, conversationId: string): Promise<string[]> {
  const rows = await db.selectFrom('conversation_members').select('member_id').where('conversation_id', '=', conversationId).execute();
  return rows.map((r) => r.member_id);
}

/** Messages `senderId` sent since `since`: how many, and when the oldest of them was. */
export async function sentSince(db: Db | Trx, senderId: string, since: string): Promise<{ count: number; oldest: string | null }> {
  const row = await db
    .selectFrom('messages')
    .select((eb) => [eb.fn.countAll<number>().as('count'), eb.fn.min('created_at').as('oldest')])
    .where('sender_id', '=', senderId)
    .where('created_at', '>', since)
    .executeTakeFirstOrThrow();
  return { count: Number(row.count), oldest: (row.oldest as string | null) ?? null };
}

export interface NewMessage {
  id: string;
  conversationId: string;
  senderId: string;
  text: string;
  now: string;
}

/**
 * Appends a message: takes the conversation's next ordering key (the row's lock orders concurrent
 * sends), brings the conversation back to every member's inbox, counts it unread for the others and
 * marks everything read for its sender. Returns the ordering key.
 */
export async function appendMessage(trx: Trx, m: NewMessage): Promise<number> {
  const { last_seq: seq } = await trx
    .updateTable('conversations')
    .set((eb) => ({ last_seq: eb('last_seq', '+', 1), last_message_at: m.now, last_message_id: m.id }))
    .where('id', '=', m.conversationId)
    .returning('last_seq')
    .executeTakeFirstOrThrow();
  await trx
    .insertInto('messages')
    .values({ id: m.id, conversation_id: m.conversationId, seq, sender_id: m.senderId, text: m.text, created_at: m.now })
    .execute();
  await trx
    .updateTable('conversation_members')
    .set((eb) => ({ unread_count: eb('unread_count', '+', 1), folder: 'inbox', last_activity_at: m.now }))
    .where('conversation_id', '=', m.conversationId)
    .where('member_id', '<>', m.senderId)
    .execute();
  await trx
    .updateTable('conversation_members')
    .set({ read_seq: seq, unread_count: 0, folder: 'inbox', last_activity_at: m.now })
    .where('conversation_id', '=', m.conversationId)
    .where('member_id', '=', m.senderId)
    .execute();
  // The classic inbox's rows: Sent for the sender, Received for every other member.
  const members = await trx.selectFrom('conversation_members').select('member_id').where('conversation_id', '=', m.conversationId).execute();
  await trx
    .insertInto('inbox_messages')
    .values(
      members.map(({ member_id }) => ({
        member_id,
        message_id: m.id,
        conversation_id: m.conversationId,
        folder: member_id === m.senderId ? ('sent' as const) : ('received' as const),
        seq,
        created_at: m.now,
      })),
    )
    .execute();
  return seq;
}

/** Others' messages after `afterSeq` in the conversation, as `memberId` would count them unread. */
function unreadAfter(eb: ExpressionBuilder<Database, 'conversation_members'>, conversationId: string, memberId: string, afterSeq: number) {
  return eb
    .selectFrom('messages')
    .select(eb.fn.countAll<number>().as('n'))
    .where('messages.conversation_id', '=', conversationId)
    .where('messages.seq', '>', afterSeq)
    .whereRef('messages.seq', '>', 'conversation_members.cleared_seq')
    .where('messages.sender_id', '<>', memberId);
}

/** Moves the member's read position forward to `upToSeq` (never back), and recounts what is unread; false when it was there already. */
export async function markReadUpTo(trx: Trx, conversationId: string, memberId: string, upToSeq: number): Promise<boolean> {
  const result = await trx
    .updateTable('conversation_members')
    .set((eb) => ({ read_seq: upToSeq, unread_count: unreadAfter(eb, conversationId, memberId, upToSeq) }))
    .where('conversation_id', '=', conversationId)
    .where('member_id', '=', memberId)
    .where('read_seq', '<', upToSeq)
    .executeTakeFirst();
  return result.numUpdatedRows > 0n;
}

/** The ordering key of the latest message of someone else that `memberId` still has in their history. */
export async function latestFromOthers(db: Db | Trx, conversationId: string, memberId: string, afterSeq: number): Promise<number | undefined> {
  const row = await db
    .selectFrom('messages')
    .select('seq')
    .where('conversation_id', '=', conversationId)
    .where('seq', '>', afterSeq)
    .where('sender_id', '<>', memberId)
    .orderBy('seq', 'desc')
    .limit(1)
    .executeTakeFirst();
  return row?.seq;
}

/** Moves the member's read position back to just before `seq` (never forward), and recounts. */
export async function markUnreadFrom(trx: Trx, conversationId: string, memberId: string, seq: number): Promise<void> {
  await trx
    .updateTable('conversation_members')
    .set((eb) => ({ read_seq: seq - 1, unread_count: unreadAfter(eb, conversationId, memberId, seq - 1) }))
    .where('conversation_id', '=', conversationId)
    .where('member_id', '=', memberId)
    .where('read_seq', '>=', seq)
    .execute();
}

/** Sets the member's mute and folder (either may be left as it is). */
export async function updateMembership(db: Db | Trx, conversationId: string, memberId: string, change: { muted?: boolean; folder?: ConversationFolder }) {
  const set = { ...(change.muted !== undefined ? { muted: change.muted ? 1 : 0 } : {}), ...(change.folder ? { folder: change.folder } : {}) };
  if (Object.keys(set).length === 0) return;
  await db.updateTable('conversation_members').set(set).where('conversation_id', '=', conversationId).where('member_id', '=', memberId).execute();
}

/** "Delete for me": the member's history is cleared up to `uptoSeq` and the conversation leaves their lists. */
export async function clearForMember(trx: Trx, conversationId: string, memberId: string, upToSeq: number): Promise<void> {
  await trx
    .updateTable('conversation_members')
    .set({ folder: 'deleted', cleared_seq: upToSeq, read_seq: upToSeq, unread_count: 0 })
    .where('conversation_id', '=', conversationId)
    .where('member_id', '=', memberId)
    .execute();
  // Gone from the classic inbox's folders too.
  await trx.deleteFrom('inbox_messages').where('member_id', '=', memberId).where('conversation_id', '=', conversationId).where('seq', '<=', upToSeq).execute();
}

export interface ListFilter {
  folder: 'inbox' | 'archived';
  unreadOnly: boolean;
  q?: string;
}

/**
 * The statement for a page of a member's conversations, most recently active first (`limit + 1`
 * rows): one range of `conversation_members_list` (or of its unread part), whatever the member's
 * other conversations. (The unread part's condition is written as the index's, `> 0`, so SQLite
 * can tell the index serves it.)
 */
export function conversationPageQuery(db: Db, memberId: string, filter: ListFilter, cursor: Cursor | null, limit: number) {
  let query = views(db).where('conversation_members.member_id', '=', memberId).where('conversation_members.folder', '=', filter.folder);
  if (filter.unreadOnly) query = query.where(sql<boolean>`conversation_members.unread_count > 0`);
  if (cursor) {
    // The `<=` alone bounds the index range; the rest only drops the ties already shown.
    query = query
      .where('conversation_members.last_activity_at', '<=', cursor.at)
      .where((eb) => eb.or([eb('conversation_members.last_activity_at', '<', cursor.at), eb('conversation_members.conversation_id', '<', cursor.id)]));
  }
  if (filter.q) {
    const pattern = sql<string>`${containsPattern(filter.q.toLowerCase())} escape '\\'`;
    query = query.where((eb) =>
      eb.or([
        eb(sql<string>`lower(conversations.subject)`, 'like', pattern),
        eb.exists(
          eb
            .selectFrom('conversation_members as others')
            .innerJoin('members', 'members.id', 'others.member_id')
            .select('others.member_id')
            .whereRef('others.conversation_id', '=', 'conversation_members.conversation_id')
            .where('others.member_id', '<>', memberId)
            .where(sql<string>`lower(members.name)`, 'like', pattern),
        ),
      ]),
    );
  }
  const ordered = query
    .orderBy('conversation_members.last_activity_at', 'desc')
    .orderBy('conversation_members.conversation_id', 'desc')
    .limit(limit + 1);
  return readThrough(db, ordered, 'conversation_members', filter.unreadOnly ? 'conversation_members_unread' : 'conversation_members_list');
}

/** A page of a member's conversations (see conversationPageQuery). */
export async function listConversationViews(db: Db, memberId: string, filter: ListFilter, cursor: Cursor | null, limit: number): Promise<ConversationView[]> {
  return conversationPageQuery(db, memberId, filter, cursor, limit).execute();
}

/** The members of each conversation, in the order they joined (then by name). */
export async function participantsOf(db: Db | Trx, conversationIds: string[]): Promise<Participant[]> {
  if (conversationIds.length === 0) return [];
  return db
    .selectFrom('conversation_members')
    .innerJoin('members', 'members.id', 'conversation_members.member_id')
    .select(['conversation_members.conversation_id', 'members.id', 'members.name', 'members.headline'])
    .where('conversation_members.conversation_id', 'in', conversationIds)
    .orderBy('conversation_members.joined_at')
    .orderBy('members.name')
    .orderBy('members.id')
    .execute();
}

function messageViews(db: Db | Trx) {
  return db
    .selectFrom('messages')
    .innerJoin('members', 'members.id', 'messages.sender_id')
    .select([
      'messages.id',
      'messages.conversation_id',
      'messages.seq',
      'messages.sender_id',
      'members.name as sender_name',
      'messages.text',
      'messages.created_at',
    ]);
}

/** Messages by id. */
export async function findMessages(db: Db | Trx, ids: string[]): Promise<MessageView[]> {
  if (ids.length === 0) return [];
  return withAttachments(db, await messageViews(db).where('messages.id', 'in', ids).execute());
}

/** A message of the conversation by its id. */
export async function findMessageIn(db: Db | Trx, conversationId: string, messageId: string): Promise<MessageView | undefined> {
  const row = await messageViews(db).where('messages.id', '=', messageId).where('messages.conversation_id', '=', conversationId).executeTakeFirst();
  return row ? (await withAttachments(db, [row]))[0] : undefined;
}

/**
 * The statement for a page of a thread, newest first (`limit + 1` rows): the messages after
 * `afterSeq` (what the member cleared) and before `beforeSeq` (the cursor), one range of
 * `messages_thread`, however long the thread.
 */
export function threadPageQuery(db: Db, conversationId: string, afterSeq: number, beforeSeq: number | undefined, limit: number) {
  let query = messageViews(db).where('messages.conversation_id', '=', conversationId).where('messages.seq', '>', afterSeq);
  if (beforeSeq !== undefined) query = query.where('messages.seq', '<', beforeSeq);
  return readThrough(db, query.orderBy('messages.seq', 'desc').limit(limit + 1), 'messages', 'messages_thread');
}

/** A page of a thread (see threadPageQuery). */
export async function threadPage(db: Db, conversationId: string, afterSeq: number, beforeSeq: number | undefined, limit: number): Promise<MessageView[]> {
  return withAttachments(db, await threadPageQuery(db, conversationId, afterSeq, beforeSeq, limit).execute());
}

/** The member's conversations with unread messages, and how many each has. */
export async function unreadConversations(db: Db | Trx, memberId: string): Promise<{ conversation_id: string; unread_count: number }[]> {
  return db
    .selectFrom('conversation_members')
    .select(['conversation_id', 'unread_count'])
    .where('member_id', '=', memberId)
    .where(sql<boolean>`unread_count > 0`)
    .orderBy('conversation_id')
    .execute();
}

/** Unread messages of the member across every conversation their lists show. */
export async function countUnreadMessages(db: Db, memberId: string): Promise<number> {
  const row = await db
    .selectFrom('conversation_members')
    .select((eb) => eb.fn.coalesce(eb.fn.sum<number>('unread_count'), sql<number>`0`).as('n'))
    .where('member_id', '=', memberId)
    .where(sql<boolean>`unread_count > 0`)
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

export interface NewReport {
  id: string;
  conversationId: string;
  reporterId: string;
  reason: ReportReason;
  details: string | null;
  /** The conversation's latest message when it was reported: the context support is shown. */
  upToSeq: number;
  now: string;
}

export async function insertReport(db: Db | Trx, r: NewReport): Promise<void> {
  await db
    .insertInto('conversation_reports')
    .values({
      id: r.id,
      conversation_id: r.conversationId,
      reporter_id: r.reporterId,
      reason: r.reason,
      details: r.details,
      up_to_seq: r.upToSeq,
      created_at: r.now,
    })
    .execute();
}

/** A page of reports, newest first (`limit + 1` rows), with the reporter's name and the subject. */
export async function listReports(db: Db, cursor: Cursor | null, limit: number) {
  let query = db
    .selectFrom('conversation_reports')
    .innerJoin('members', 'members.id', 'conversation_reports.reporter_id')
    .innerJoin('conversations', 'conversations.id', 'conversation_reports.conversation_id')
    .select([
      'conversation_reports.id',
      'conversation_reports.conversation_id',
      'conversation_reports.reporter_id',
      'members.name as reporter_name',
      'conversation_reports.reason',
      'conversation_reports.details',
      'conversation_reports.up_to_seq',
      'conversation_reports.created_at',
      'conversations.kind',
      'conversations.subject',
    ]);
  if (cursor) {
    query = query
      .where('conversation_reports.created_at', '<=', cursor.at)
      .where((eb) => eb.or([eb('conversation_reports.created_at', '<', cursor.at), eb('conversation_reports.id', '<', cursor.id)]));
  }
  return query
    .orderBy('conversation_reports.created_at', 'desc')
    .orderBy('conversation_reports.id', 'desc')
    .limit(limit + 1)
    .execute();
}

/** The latest `count` messages of a conversation up to `upToSeq`, newest first. */
export async function latestMessages(db: Db, conversationId: string, upToSeq: number, count: number): Promise<MessageView[]> {
  const rows = await messageViews(db)
    .where('messages.conversation_id', '=', conversationId)
    .where('messages.seq', '<=', upToSeq)
    .orderBy('messages.seq', 'desc')
    .limit(count)
    .execute();
  return withAttachments(db, rows);
}

/** The id of the conversation's message at `seq`. */
export async function messageIdAt(db: Db | Trx, conversationId: string, seq: number): Promise<string | undefined> {
  const row = await db.selectFrom('messages').select('id').where('conversation_id', '=', conversationId).where('seq', '=', seq).executeTakeFirst();
  return row?.id;
}

/**
 * The members of the conversation other than `senderId` who want e-mails about its new messages:
 * not muted, `message_emails` on, a verified primary address, not suspended. With that address.
 */
export async function messageEmailRecipients(trx: Trx, conversationId: string, senderId: string): Promise<{ member_id: string; email: string }[]> {
  return trx
    .selectFrom('conversation_members')
    .innerJoin('members', 'members.id', 'conversation_members.member_id')
    .select(['conversation_members.member_id', 'members.email'])
    .where('conversation_members.conversation_id', '=', conversationId)
    .where('conversation_members.member_id', '<>', senderId)
    .where('conversation_members.muted', '=', 0)
    .where('members.message_emails', '=', 1)
    .where('members.email_verified_at', 'is not', null)
    .where('members.suspended_at', 'is', null)
    .execute();
}

/**
 * Opens a notification window until `until` for each member whose window on the conversation is
 * closed (none yet, or it ended by `now`); returns those members: each is to get one e-mail. A
 * member whose window is open is left as they are (their e-mail is queued already). Concurrent
 * sends meet on the window's row, so one of them opens it.
 */
export async function openMessageEmailWindows(trx: Trx, conversationId: string, memberIds: string[], until: string, now: string): Promise<string[]> {
  if (memberIds.length === 0) return [];
  const rows = await trx
    .insertInto('message_email_windows')
    .values([...memberIds].sort().map((id) => ({ conversation_id: conversationId, member_id: id, window_until: until })))
    .onConflict((oc) =>
      oc
        .columns(['conversation_id', 'member_id'])
        .doUpdateSet((eb) => ({ window_until: eb.ref('excluded.window_until') }))
        .where('message_email_windows.window_until', '<=', now),
    )
    .returning('member_id')
    .execute();
  return rows.map((r) => r.member_id);
}
