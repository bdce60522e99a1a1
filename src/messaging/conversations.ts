/**
 * Conversations between members: starting (or reusing) one, sending, reading, muting, archiving,
 * deleting for oneself, reporting, and the lists. Only participants reach a conversation; to anyone
 * else it does not exist.
 */
import type { Actor, Deps } from '../context.js';
import { type Db, type Trx, transact } from '../db/database.js';
import { type NewEvent, recordEvents } from '../events/store.js';
import { enqueueMessages, type OutgoingMessage } from '../outbox/store.js';
import type { ConversationFolder, ReportReason } from '../db/schema.js';
import { AppError } from '../errors.js';
import { lockMember } from '../members/store.js';
import { pairKey } from '../shared/pairs.js';
import { addMs, iso } from '../shared/clock.js';
import { newId } from '../shared/crypto.js';
import type { Cursor } from '../shared/pagination.js';
import { cleanLine, cleanMultiline } from '../shared/text.js';
import { blockedEitherWayAmong } from '../connections/blocks-store.js';
import { hasRepliedPendingBetween } from '../invitations/store.js';
import { attachToMessage } from './attachments.js';
import { presentMessage } from './message-object.js';
import {
  appendMessage,
  clearForMember,
  connectionsAmong,
  type ConversationView,
  findConversationView,
  findDirectConversation,
  findMessageIn,
  findMessages,
  holdConversation,
  insertConversation,
  insertReport,
  latestFromOthers,
  latestMessages,
  listConversationViews,
  listReports,
  type ListFilter,
  markReadUpTo,
  markUnreadFrom as markUnreadFromSeq,
  memberIdsOf,
  messageEmailRecipients,
  messageIdAt,
  type MessageView,
  openMessageEmailWindows,
  type Participant,
  participantsOf,
  sentSince,
  threadPage,
  updateMembership,
} from './store.js';

export const TEXT_MAX = 8000;
export const SUBJECT_MAX = 200;
export const DETAILS_MAX = 2000;
/** Participants of one conversation, its starter included. */
export const PARTICIPANTS_MAX = 50;
export const DAY_MS = 24 * 3_600_000;
/** Messages support is shown of a reported conversation. */
export const REPORT_CONTEXT = 20;
/** A member gets at most one notification e-mail per conversation in this long. */
export const MESSAGE_EMAIL_WINDOW_MS = 3_600_000;

/** A conversation as its member sees it, with what its object shows. */
export interface ConversationDetail {
  view: ConversationView;
  participants: Participant[];
  lastMessage: MessageView | null;
}

const notFound = () => new AppError('not_found', 'That conversation does not exist.');
const notConnected = () => new AppError('not_connected', 'You can only write to members you are connected with.');

/** A message's text as it is stored: control characters other than newlines removed, 1 to 8,000 characters. */
export function cleanText(text: string): string {
  const cleaned = cleanMultiline(text);
  if (cleaned === '') throw new AppError('validation_failed', 'text: must not be empty.', { field: 'text' });
  if ([...cleaned].length > TEXT_MAX) throw new AppError('validation_failed', `text: must be at most ${TEXT_MAX} characters.`, { field: 'text' });
  return cleaned;
}

/** Adds what each conversation's object shows: its participants and the last message its member still has. */
export async function detailsOf(db: Db | Trx, views: ConversationView[]): Promise<ConversationDetail[]> {
  const participants = await participantsOf(
    db,
    views.map((v) => v.id),
  );
  const lastIds = views.filter((v) => v.last_message_id !== null && v.last_seq > v.cleared_seq).map((v) => v.last_message_id!);
  const messages = new Map((await findMessages(db, lastIds)).map((m) => [m.id, m]));
  return views.map((view) => ({
    view,
    participants: participants.filter((p) => p.conversation_id === view.id),
    lastMessage: view.last_seq > view.cleared_seq && view.last_message_id ? (messages.get(view.last_message_id) ?? null) : null,
  }));
}

async function detailOf(db: Db | Trx, view: ConversationView): Promise<ConversationDetail> {
  return (await detailsOf(db, [view]))[0]!;
}

/** The conversation as the actor sees it; not_found unless they take part in it. */
async function viewFor(db: Db | Trx, actor: Actor, conversationId: string): Promise<ConversationView> {
  const view = await findConversationView(db, conversationId, actor.memberId);
  if (!view) throw notFound();
  return view;
}

/** Refuses a send past MESSAGE_DAILY_LIMIT in the last 24 hours; the sender's row is locked already. */
export async function checkDailyLimit(trx: Trx, deps: Deps, senderId: string, now: Date): Promise<void> {
  const limit = deps.config.messageDailyLimit;
  const sent = await sentSince(trx, senderId, iso(addMs(now, -DAY_MS)));
  if (sent.count >= limit) {
    const retryAt = sent.oldest ? iso(addMs(new Date(sent.oldest), DAY_MS)) : iso(addMs(now, DAY_MS));
    throw new AppError('message_limit_reached', `You can send ${limit} messages in any 24 hours; try again after ${retryAt}.`, { retryAt, limit });
  }
}

export async function lockSender(trx: Trx, deps: Deps, actor: Actor) {
  const me = await lockMember(trx, deps.dialect, actor.memberId);
  if (!me) throw new AppError('unauthenticated', 'Your account no longer exists.');
  return me;
}

/**
 * Appends the message, queues the notification e-mails it calls for (at most one per member and
 * conversation per window: a member whose window is open has one queued already, which tells of
 * this message too), and tells every participant's open streams, the sender's other tabs included.
 */
async function append(
  trx: Trx,
  deps: Deps,
  actor: Actor,
  conversationId: string,
  text: string,
  now: Date,
  attachmentIds: readonly string[] = [],
): Promise<MessageView> {
  const id = newId();
  const nowIso = iso(now);
  await appendMessage(trx, { id, conversationId, senderId: actor.memberId, text, now: nowIso });
  // In the message's transaction: a refused attachment sends nothing.
  if (attachmentIds.length > 0) await attachToMessage(trx, actor, id, attachmentIds);
  const message = (await findMessageIn(trx, conversationId, id))!;
  const wanting = await messageEmailRecipients(trx, conversationId, actor.memberId);
  if (wanting.length > 0) {
    const windowUntil = iso(addMs(now, MESSAGE_EMAIL_WINDOW_MS));
    const opened = new Set(
      await openMessageEmailWindows(
        trx,
        conversationId,
        wanting.map((w) => w.member_id),
        windowUntil,
        nowIso,
      ),
    );
    const dueAt = iso(addMs(now, deps.config.messageEmailDelayMs));
    const mails: OutgoingMessage[] = wanting
      .filter((w) => opened.has(w.member_id))
      .map((w) => ({
        kind: 'message_email',
        channel: 'email',
        recipient: w.email,
        dueAt,
        payload: { conversationId, memberId: w.member_id, messageId: id, windowUntil },
      }));
    await enqueueMessages(trx, mails, nowIso);
  }
  const data = presentMessage(message);
  const events: NewEvent[] = (await memberIdsOf(trx, conversationId)).map((memberId) => ({ memberId, type: 'message', data }));
  await recordEvents(trx, events, nowIso);
  return message;
}

export interface StartInput {
  memberIds: string[];
  text: string;
  subject?: string | null;
  /** The actor's uploads to send with the message. */
  attachmentIds?: string[];
}

export interface Started {
  /** False when the direct conversation of the pair already existed and was reused. */
  created: boolean;
  conversation: ConversationDetail;
  message: MessageView;
}

/**
 * Starts a conversation with connections (a group: connected with each), or with one other member
 * reuses their direct conversation (see checkMayWriteDirect for who may write in one).
 */
export async function startConversation(db: Db, deps: Deps, actor: Actor, input: StartInput): Promise<Started> {
  const text = cleanText(input.text);
  const subject = input.subject ? cleanLine(input.subject) || null : null;
  const others = [...new Set(input.memberIds)].filter((id) => id !== actor.memberId);
  if (others.length === 0) throw new AppError('validation_failed', 'memberIds: name at least one member other than yourself.', { field: 'memberIds' });
  if (others.length + 1 > PARTICIPANTS_MAX) {
    throw new AppError('too_many_participants', `A conversation has at most ${PARTICIPANTS_MAX} participants, you included.`, { max: PARTICIPANTS_MAX });
  }
  return transact(db, async (trx) => {
    const now = deps.clock.now();
    await lockSender(trx, deps, actor);
    if (others.length === 1) await checkMayWriteDirect(trx, actor.memberId, others[0]!, now);
    else await checkMayStartGroup(trx, actor.memberId, others);
    await checkDailyLimit(trx, deps, actor.memberId, now);
    return startIn(trx, deps, actor, others, text, subject, now, input.attachmentIds);
  });
}

/**
 * Who may write in a direct conversation: two connected members, or the two members of a pending
 * invitation its recipient has replied to (until it is answered otherwise, withdrawn or expires);
 * never two members one of whom blocked the other. Every refusal is the same `not_connected`, so
 * that a block reads as no connection.
 */
export async function checkMayWriteDirect(trx: Trx, memberId: string, otherId: string, now: Date): Promise<void> {
  if ((await blockedEitherWayAmong(trx, memberId, [otherId])).size > 0) throw notConnected();
  if ((await connectionsAmong(trx, memberId, [otherId])).has(otherId)) return;
  if (await hasRepliedPendingBetween(trx, memberId, otherId, iso(now))) return;
  throw notConnected();
}

/**
 * Who may start a group: a member connected with each of the others and in no block with any of
 * them. Once started, a group goes on for everyone whatever blocks come later (see blocks.ts).
 */
async function checkMayStartGroup(trx: Trx, memberId: string, others: string[]): Promise<void> {
  const connected = await connectionsAmong(trx, memberId, others);
  if (others.some((id) => !connected.has(id))) throw notConnected();
  if ((await blockedEitherWayAmong(trx, memberId, others)).size > 0) throw notConnected();
}

/**
 * Starts the conversation of the actor with `others` (with one other member: reuses theirs) and
 * appends the first message, once the caller has checked that they may write. Two members starting
 * theirs at once make one: the pair's unique key lets one insert win, and the other reads it back.
 */
export async function startIn(
  trx: Trx,
  deps: Deps,
  actor: Actor,
  others: string[],
  text: string,
  subject: string | null,
  now: Date,
  attachmentIds: readonly string[] = [],
): Promise<Started> {
  let conversationId: string;
  let created = true;
  const pair = others.length === 1 ? pairKey(actor.memberId, others[0]!) : null;
  const existing = pair ? await findDirectConversation(trx, pair) : undefined;
  if (existing) {
    conversationId = existing.id;
    created = false;
  } else {
    conversationId = newId();
    const inserted = await insertConversation(trx, {
      id: conversationId,
      kind: pair ? 'direct' : 'group',
      subject,
      pairKey: pair,
      createdBy: actor.memberId,
      memberIds: [actor.memberId, ...others],
      now: iso(now),
    });
    if (!inserted) {
      // A concurrent start of the same pair committed first: this message goes into that one.
      conversationId = (await findDirectConversation(trx, pair!))!.id;
      created = false;
    }
  }
  const message = await append(trx, deps, actor, conversationId, text, now, attachmentIds);
  const conversation = await detailOf(trx, (await findConversationView(trx, conversationId, actor.memberId))!);
  return { created, conversation, message };
}

/**
 * Sends a message into a conversation inside `trx` (the caller's, so an Idempotency-Key can be
 * claimed with it). In a direct conversation the two must still be able to write to each other
 * (checkMayWriteDirect); a group goes on whatever blocks there are between its members.
 */
export async function sendMessageIn(
  trx: Trx,
  deps: Deps,
  actor: Actor,
  conversationId: string,
  rawText: string,
  attachmentIds: readonly string[] = [],
): Promise<MessageView> {
  const text = cleanText(rawText);
  const now = deps.clock.now();
  await lockSender(trx, deps, actor);
  const view = await viewFor(trx, actor, conversationId);
  if (view.kind === 'direct') {
    for (const other of (await memberIdsOf(trx, conversationId)).filter((id) => id !== actor.memberId)) {
      await checkMayWriteDirect(trx, actor.memberId, other, now);
    }
  }
  await checkDailyLimit(trx, deps, actor.memberId, now);
  return append(trx, deps, actor, conversationId, text, now, attachmentIds);
}

/** Sends a message into a conversation. */
export async function sendMessage(db: Db, deps: Deps, actor: Actor, conversationId: string, text: string): Promise<MessageView> {
  return transact(db, (trx) => sendMessageIn(trx, deps, actor, conversationId, text));
}

/** A conversation as the actor sees it. */
export async function getConversation(db: Db, actor: Actor, conversationId: string): Promise<ConversationDetail> {
  return detailOf(db, await viewFor(db, actor, conversationId));
}

/** Mutes or unmutes, archives or brings back to the inbox, for the actor only. */
export async function updateConversation(
  db: Db,
  actor: Actor,
  conversationId: string,
  change: { muted?: boolean; archived?: boolean },
): Promise<ConversationDetail> {
  const view = await viewFor(db, actor, conversationId);
  const folder: ConversationFolder | undefined = change.archived === undefined ? undefined : change.archived ? 'archived' : 'inbox';
  await updateMembership(db, view.id, actor.memberId, { muted: change.muted, folder });
  return getConversation(db, actor, conversationId);
}

/** "Delete for me": gone from the actor's lists, with its history so far, until a new message arrives. */
export async function deleteConversation(db: Db, deps: Deps, actor: Actor, conversationId: string): Promise<void> {
  await transact(db, async (trx) => {
    const view = await viewFor(trx, actor, conversationId);
    const lastSeq = (await holdConversation(trx, deps.dialect, view.id)) ?? view.last_seq;
    await clearForMember(trx, view.id, actor.memberId, lastSeq);
  });
}

/** Marks the conversation read up to a message of it (by default its latest); never moves back. */
export async function markRead(db: Db, deps: Deps, actor: Actor, conversationId: string, upTo?: string): Promise<void> {
  await transact(db, async (trx) => {
    const view = await viewFor(trx, actor, conversationId);
    const lastSeq = (await holdConversation(trx, deps.dialect, view.id)) ?? view.last_seq;
    let seq = lastSeq;
    let upToId: string | undefined;
    if (upTo !== undefined) {
      const message = await findMessageIn(trx, view.id, upTo);
      if (!message || message.seq <= view.cleared_seq) throw new AppError('not_found', 'That message is not in this conversation.');
      seq = message.seq;
      upToId = message.id;
    }
    // Nothing moved (read that far already): nobody is told again.
    if (!(await markReadUpTo(trx, view.id, actor.memberId, seq))) return;
    upToId ??= seq > 0 ? await messageIdAt(trx, view.id, seq) : undefined;
    if (upToId === undefined) return;
    // Every participant's streams (the reader's other tabs too) learn how far the reader has read.
    const data = { conversationId: view.id, memberId: actor.memberId, upTo: upToId };
    const now = iso(deps.clock.now());
    await recordEvents(
      trx,
      (await memberIdsOf(trx, view.id)).map((memberId) => ({ memberId, type: 'read' as const, data })),
      now,
    );
  });
}

/** Marks the latest message of someone else unread again (nothing to do when there is none). */
export async function markUnread(db: Db, deps: Deps, actor: Actor, conversationId: string): Promise<void> {
  await transact(db, async (trx) => {
    const view = await viewFor(trx, actor, conversationId);
    await holdConversation(trx, deps.dialect, view.id);
    const latest = await latestFromOthers(trx, view.id, actor.memberId, view.cleared_seq);
    if (latest !== undefined) await markUnreadFromSeq(trx, view.id, actor.memberId, latest);
  });
}

/**
 * Marks a message of someone else unread again, with every later one: the read position moves back
 * to just before it (never forward). A message the actor no longer has is not_found.
 */
export async function markUnreadFrom(db: Db, deps: Deps, actor: Actor, conversationId: string, messageId: string): Promise<void> {
  await transact(db, async (trx) => {
    const view = await viewFor(trx, actor, conversationId);
    await holdConversation(trx, deps.dialect, view.id);
    const message = await findMessageIn(trx, view.id, messageId);
    if (!message || message.seq <= view.cleared_seq) throw new AppError('not_found', 'That message is not in this conversation.');
    if (message.sender_id !== actor.memberId) await markUnreadFromSeq(trx, view.id, actor.memberId, message.seq);
  });
}

export interface Report {
  id: string;
  conversationId: string;
  reason: ReportReason;
  details: string | null;
  createdAt: string;
}

/** Reports a conversation to support, who are shown it with its latest messages. */
export async function reportConversation(
  db: Db,
  deps: Deps,
  actor: Actor,
  conversationId: string,
  input: { reason: ReportReason; details?: string | null },
): Promise<Report> {
  const view = await viewFor(db, actor, conversationId);
  const details = input.details ? cleanMultiline(input.details) || null : null;
  const report = { id: newId(), conversationId: view.id, reason: input.reason, details, createdAt: iso(deps.clock.now()) };
  await insertReport(db, { ...report, reporterId: actor.memberId, upToSeq: view.last_seq, now: report.createdAt });
  return report;
}

/** A page of the actor's conversations (`limit + 1`), most recently active first. */
export async function listConversations(db: Db, actor: Actor, filter: ListFilter, cursor: Cursor | null, limit: number): Promise<ConversationDetail[]> {
  return detailsOf(db, await listConversationViews(db, actor.memberId, filter, cursor, limit));
}

/** A page of a thread (`limit + 1`), newest first, without what the actor cleared. */
export async function listMessages(db: Db, actor: Actor, conversationId: string, beforeSeq: number | undefined, limit: number): Promise<MessageView[]> {
  const view = await viewFor(db, actor, conversationId);
  return threadPage(db, view.id, view.cleared_seq, beforeSeq, limit);
}

/** A page of reports for support (`limit + 1`), newest first, each with its conversation's participants and latest messages. */
export async function listReportsForSupport(db: Db, cursor: Cursor | null, limit: number) {
  const reports = await listReports(db, cursor, limit);
  const participants = await participantsOf(db, [...new Set(reports.map((r) => r.conversation_id))]);
  return Promise.all(
    reports.map(async (r) => ({
      report: r,
      participants: participants.filter((p) => p.conversation_id === r.conversation_id),
      messages: await latestMessages(db, r.conversation_id, r.up_to_seq, REPORT_CONTEXT),
    })),
  );
}
