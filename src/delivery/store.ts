/** Queries of the delivery worker, of the links in delivered messages, of opt-outs (recorded here; read through outbox/opt-out-store.ts) and of the dev mailbox. */
import { type Insertable, sql, type Updateable } from 'kysely';
import type { Db, DialectName, Trx } from '../db/database.js';
import type { DevMailboxTable, OutboxRow, OutboxTable } from '../db/schema.js';

/**
 * Outbox rows due now: queued ones whose time has come, and claimed ones whose lease has passed,
 * oldest due first. On PostgreSQL they are locked, and rows another worker is claiming or sending
 * are passed over, not waited for.
 */
export async function selectDueOutbox(trx: Trx, dialect: DialectName, now: string, limit: number): Promise<OutboxRow[]> {
  let due = trx
    .selectFrom('outbox')
    .selectAll()
    .where((eb) =>
      eb.or([eb.and([eb('status', '=', 'queued'), eb('due_at', '<=', now)]), eb.and([eb('status', '=', 'sending'), eb('lease_until', '<=', now)])]),
    )
    .orderBy('due_at')
    .limit(limit);
  if (dialect === 'postgres') due = due.forUpdate().skipLocked();
  return due.execute();
}

export interface NewInvitationLink {
  token_hash: string;
  invitation_id: string;
  created_at: string;
}

export async function insertInvitationLinks(trx: Trx, links: NewInvitationLink[]): Promise<void> {
  await trx.insertInto('invitation_links').values(links).execute();
}

export interface NewOptOutToken {
  token_hash: string;
  recipient_key: string;
  created_at: string;
}

export async function insertOptOutTokens(trx: Trx, tokens: NewOptOutToken[]): Promise<void> {
  await trx.insertInto('opt_out_tokens').values(tokens).execute();
}

/** Sets `changes` and each row's own `payload` on `rows` (and counts an attempt), in one statement. */
export async function setOutbox(
  trx: Trx,
  rows: Pick<OutboxRow, 'id' | 'payload'>[],
  changes: Omit<Updateable<OutboxTable>, 'id' | 'payload' | 'attempts'>,
  { attempt = false } = {},
): Promise<void> {
  if (rows.length === 0) return;
  const payload = sql<string>`case id ${sql.join(
    rows.map((r) => sql`when ${r.id} then ${r.payload}`),
    sql` `,
  )} end`;
  await trx
    .updateTable('outbox')
    .set((eb) => ({ ...changes, payload, ...(attempt ? { attempts: eb('attempts', '+', 1) } : {}) }))
    .where(
      'id',
      'in',
      rows.map((r) => r.id),
    )
    .execute();
}

/** Puts a message back in the queue, due again at `dueAt`. */
export async function requeueOutbox(trx: Trx, id: string, dueAt: string, lastError: string): Promise<void> {
  await trx.updateTable('outbox').set({ status: 'queued', lease_until: null, due_at: dueAt, last_error: lastError }).where('id', '=', id).execute();
}

/** Of `ids`, the rows still being sent, with their leases, in id order; locked on PostgreSQL. */
export async function lockSendingOutbox(trx: Trx, dialect: DialectName, ids: string[]): Promise<Pick<OutboxRow, 'id' | 'lease_until'>[]> {
  let query = trx.selectFrom('outbox').select(['id', 'lease_until']).where('id', 'in', ids).where('status', '=', 'sending').orderBy('id');
  if (dialect === 'postgres') query = query.forUpdate();
  return query.execute();
}

/** What a message about an invitation needs to know of it. */
export interface InvitationFacts {
  id: string;
  status: string;
  expires_at: string;
  message: string | null;
  recipient_member_id: string | null;
  /** When its recipient replied to it: a replied invitation sends no more reminders. */
  replied_at: string | null;
  sender_name: string;
  recipient_name: string | null;
}

/** The invitations `ids` with their sender's and recipient's names, in id order; on PostgreSQL locked (NO KEY UPDATE). */
export async function lockInvitationFacts(trx: Trx, dialect: DialectName, ids: string[]): Promise<InvitationFacts[]> {
  let query = trx
    .selectFrom('invitations')
    .innerJoin('members as sender', 'sender.id', 'invitations.sender_id')
    .leftJoin('members as recipient', 'recipient.id', 'invitations.recipient_member_id')
    .select([
      'invitations.id',
      'invitations.status',
      'invitations.expires_at',
      'invitations.message',
      'invitations.recipient_member_id',
      'invitations.replied_at',
      'sender.name as sender_name',
      'recipient.name as recipient_name',
    ])
    .where('invitations.id', 'in', ids)
    .orderBy('invitations.id');
  if (dialect === 'postgres') query = query.forNoKeyUpdate('invitations');
  return query.execute();
}

/** An invitation's message (the invitation itself or a reminder) as the stale-reminder rule reads it. */
export interface InvitationMessage {
  id: string;
  invitation_id: string;
  kind: string;
  status: string;
  due_at: string;
  sent_at: string | null;
}

/**
 * The invitation messages and reminders of `invitationIds` still to go and already due, or sent
 * since `sentSince`: what decides whether a due reminder is the latest one wanted. Read through the
 * `outbox_invitation_status` index, after the invitations are locked.
 */
export async function invitationMessagesAround(trx: Trx, invitationIds: string[], now: string, sentSince: string): Promise<InvitationMessage[]> {
  if (invitationIds.length === 0) return [];
  return trx
    .selectFrom('outbox')
    .select(['id', 'invitation_id', 'kind', 'status', 'due_at', 'sent_at'])
    .$narrowType<{ invitation_id: string }>()
    .where('invitation_id', 'in', invitationIds)
    .where('kind', 'in', ['invitation', 'reminder'])
    .where((eb) =>
      eb.or([
        eb.and([eb('status', 'in', ['queued', 'sending']), eb('due_at', '<=', now)]),
        eb.and([eb('status', '=', 'sent'), eb('sent_at', '>=', sentSince)]),
      ]),
    )
    .execute();
}

/** Of `keys`, those that opted out. */
export async function optedOutKeys(trx: Trx, keys: string[]): Promise<Set<string>> {
  return new Set((await trx.selectFrom('opt_outs').select('recipient_key').where('recipient_key', 'in', keys).execute()).map((r) => r.recipient_key));
}

/** Of `keys`, those whose messages bounced for good. */
export async function suppressedKeys(trx: Trx, keys: string[]): Promise<Set<string>> {
  return new Set((await trx.selectFrom('suppressions').select('recipient_key').where('recipient_key', 'in', keys).execute()).map((r) => r.recipient_key));
}

/** Records that messages to `recipientKey` bounce for good; a key already recorded stays as it is. */
export async function insertSuppression(trx: Trx, recipientKey: string, reason: string, now: string): Promise<void> {
  await trx
    .insertInto('suppressions')
    .values({ recipient_key: recipientKey, reason, created_at: now })
    .onConflict((oc) => oc.column('recipient_key').doNothing())
    .execute();
}

export type Delivery = 'sent' | 'failed' | 'bounced';

export async function setInvitationDelivery(trx: Trx, invitationId: string, delivery: Delivery): Promise<void> {
  await trx.updateTable('invitations').set({ delivery }).where('id', '=', invitationId).execute();
}

export async function setInvitationsDelivery(trx: Trx, invitationIds: string[], delivery: Delivery): Promise<void> {
  await trx.updateTable('invitations').set({ delivery }).where('id', 'in', invitationIds).execute();
}

/** The invitation behind a link's token, with its sender's name. */
export async function findInvitationByLink(db: Db, tokenHash: string) {
  return db
    .selectFrom('invitation_links')
    .innerJoin('invitations', 'invitations.id', 'invitation_links.invitation_id')
    .innerJoin('members as sender', 'sender.id', 'invitations.sender_id')
    .select([
      'invitations.id',
      'invitations.sender_id',
      'invitations.recipient_member_id',
      'invitations.recipient_email',
      'invitations.status',
      'invitations.expires_at',
      'invitations.message',
      'sender.name as sender_name',
    ])
    .where('invitation_links.token_hash', '=', tokenHash)
    .executeTakeFirst();
}

/** Makes `memberId` the recipient of an invitation that has none yet; false when it has one. */
export async function claimInvitationRecipient(trx: Trx, invitationId: string, memberId: string): Promise<boolean> {
  const claimed = await trx
    .updateTable('invitations')
    .set({ recipient_member_id: memberId })
    .where('id', '=', invitationId)
    .where('recipient_member_id', 'is', null)
    .executeTakeFirst();
  return claimed.numUpdatedRows !== 0n;
}

/** The recipient key an opt-out link's token stands for. */
export async function findOptOutTokenKey(db: Db, tokenHash: string): Promise<string | undefined> {
  return (await db.selectFrom('opt_out_tokens').select('recipient_key').where('token_hash', '=', tokenHash).executeTakeFirst())?.recipient_key;
}

/** Records an opt-out; false when it was recorded already. */
export async function insertOptOut(trx: Trx, recipientKey: string, now: string): Promise<boolean> {
  const added = await trx
    .insertInto('opt_outs')
    .values({ recipient_key: recipientKey, created_at: now })
    .onConflict((oc) => oc.column('recipient_key').doNothing())
    .executeTakeFirst();
  return (added.numInsertedOrUpdatedRows ?? 0n) > 0n;
}

/** Cancels every invitation and reminder to `recipient` by `channel` still waiting to go out. */
export async function suppressInvitationMessagesTo(trx: Trx, recipient: string, channel: 'email' | 'sms'): Promise<void> {
  await trx
    .updateTable('outbox')
    .set({ status: 'suppressed' })
    .where('recipient', '=', recipient)
    .where('channel', '=', channel)
    .where('kind', 'in', ['invitation', 'reminder'])
    .where('status', 'in', ['queued', 'failed'])
    .execute();
}

export async function insertDevMail(trx: Trx, mail: Insertable<DevMailboxTable>): Promise<void> {
  await trx.insertInto('dev_mailbox').values(mail).execute();
}

/** The dev mailbox, newest first, at most `limit` messages, those before id `before` when given. */
export async function listDevMailbox(db: Db, limit: number, before: number | undefined) {
  let query = db.selectFrom('dev_mailbox').selectAll().orderBy('id', 'desc').limit(limit);
  if (before !== undefined) query = query.where('id', '<', before);
  return query.execute();
}

/** What a notification e-mail is judged and written from, as the database is now. */
export interface MessageEmailFacts {
  email: string;
  email_verified_at: string | null;
  suspended_at: string | null;
  message_emails: number;
  muted: number;
  unread_count: number;
  /** The latest unread message of someone else, if any. */
  latest_sender_name: string | null;
  latest_text: string | null;
  subject: string | null;
}

/** The facts of a member's side of a conversation; undefined once they are no participant. */
export async function findMessageEmailFacts(trx: Trx, conversationId: string, memberId: string): Promise<MessageEmailFacts | undefined> {
  const side = await trx
    .selectFrom('conversation_members')
    .innerJoin('members', 'members.id', 'conversation_members.member_id')
    .innerJoin('conversations', 'conversations.id', 'conversation_members.conversation_id')
    .select([
      'members.email',
      'members.email_verified_at',
      'members.suspended_at',
      'members.message_emails',
      'conversation_members.muted',
      'conversation_members.unread_count',
      'conversation_members.read_seq',
      'conversation_members.cleared_seq',
      'conversations.subject',
    ])
    .where('conversation_members.conversation_id', '=', conversationId)
    .where('conversation_members.member_id', '=', memberId)
    .executeTakeFirst();
  if (!side) return undefined;
  const latest = await trx
    .selectFrom('messages')
    .innerJoin('members', 'members.id', 'messages.sender_id')
    .select(['members.name', 'messages.text'])
    .where('messages.conversation_id', '=', conversationId)
    .where('messages.seq', '>', Math.max(side.read_seq, side.cleared_seq))
    .where('messages.sender_id', '<>', memberId)
    .orderBy('messages.seq', 'desc')
    .limit(1)
    .executeTakeFirst();
  return {
    email: side.email,
    email_verified_at: side.email_verified_at,
    suspended_at: side.suspended_at,
    message_emails: side.message_emails,
    muted: side.muted,
    unread_count: side.unread_count,
    latest_sender_name: latest?.name ?? null,
    latest_text: latest?.text ?? null,
    subject: side.subject,
  };
}

/**
 * Closes the notification window a dropped e-mail opened (it was read first), so the next message
 * opens a new one; a window opened since is left alone.
 */
export async function closeMessageEmailWindow(trx: Trx, conversationId: string, memberId: string, windowUntil: string): Promise<void> {
  await trx
    .deleteFrom('message_email_windows')
    .where('conversation_id', '=', conversationId)
    .where('member_id', '=', memberId)
    .where('window_until', '=', windowUntil)
    .execute();
}

export async function insertMessageEmailTokens(trx: Trx, tokens: { token_hash: string; member_id: string; created_at: string }[]): Promise<void> {
  if (tokens.length > 0) await trx.insertInto('message_email_tokens').values(tokens).execute();
}

/** The member a notification e-mail's unsubscribe token was made for. */
export async function findMessageEmailTokenMember(db: Db, tokenHash: string): Promise<string | undefined> {
  return (await db.selectFrom('message_email_tokens').select('member_id').where('token_hash', '=', tokenHash).executeTakeFirst())?.member_id;
}
