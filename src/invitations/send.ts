/** Sending an invitation: every refusal of PRODUCT.md, checked inside one transaction. */
import { cleanMultiline } from '../shared/text.js';
import { recordAudit } from '../audit/store.js';
import type { Actor, Deps } from '../context.js';
import { type Db, isUniqueViolation, type Trx, transact } from '../db/database.js';
import type { Channel, MemberRow } from '../db/schema.js';
import { hasOptedOut } from '../outbox/opt-out-store.js';
import { AppError } from '../errors.js';
import { normalizeEmail } from '../members/accounts.js';
import { findMemberByAnyEmail, isAddressOf } from '../members/email-store.js';
import { areConnected, findMemberById, findMembersByPhone, lockMember, takeFromBalance } from '../members/store.js';
import { recordEvents } from '../events/store.js';
import { enqueueMessages, type OutgoingMessage } from '../outbox/store.js';
import { addMs, iso, WEEK_MS } from '../shared/clock.js';
import { newId } from '../shared/crypto.js';
import { pairKey } from '../shared/pairs.js';
import { attachToOwner } from './attach.js';
import { recipientUnavailable, takesInvitationFrom } from './availability.js';
import { recordExpiries } from './expire.js';
import { normalizePhone, recipientKey } from './rules.js';
import {
  expireDue,
  findInvitation,
  hasOpenInvitationTo,
  insertInvitation,
  type InvitationView,
  lastWithdrawnTo,
  releaseAddressInvitations,
  sentSince,
} from './store.js';

export const MESSAGE_MAX = 300;

export type RecipientInput = { memberId: string; email?: string } | { email: string } | { phone: string };

export interface SendInput {
  recipient: RecipientInput;
  message?: string | null;
}

interface ResolvedRecipient {
  channel: Channel;
  key: string;
  /** The member the sender chose, for a member invitation. */
  member: MemberRow | undefined;
  /**
   * The members whose verified address or whose number an e-mail or SMS invitation goes to. They
   * are judged as recipients, but the sender is never told who they are (presenter.ts).
   */
  owners: MemberRow[];
  /** The invitation names one of the recipient's e-mail addresses (see availability.ts). */
  carriesAddress: boolean;
  email: string | null;
  phone: string | null;
}

/** Keeps a personal note plain: trimmed, control and invisible characters other than newlines removed. */
function cleanMessage(message: string | null | undefined): string | null {
  if (message === null || message === undefined) return null;
  const text = cleanMultiline(message);
  if (text.length > MESSAGE_MAX) {
    throw new AppError('validation_failed', `message: must be at most ${MESSAGE_MAX} characters.`);
  }
  return text === '' ? null : text;
}

async function resolveRecipient(trx: Trx, sender: MemberRow, input: RecipientInput): Promise<ResolvedRecipient> {
  if ('memberId' in input) {
    if (input.memberId === sender.id) throw new AppError('self_invitation', 'You cannot invite yourself.');
    const member = await findMemberById(trx, input.memberId);
    if (!member) throw new AppError('not_found', 'That member does not exist.');
    const typed = input.email === undefined ? null : normalizeEmail(input.email);
    // Their address: the primary one they gave (verified or not), or a verified additional one.
    const carriesAddress = typed !== null && (typed === member.email || (await isAddressOf(trx, member.id, typed)));
    // A restricted sender is told so: it depends on them alone and says nothing about the member.
    // It comes before the member's own `email_known`, which asks for the same address: a restricted
    // sender who typed it satisfies both, and one who did not hears `email_required` whatever the
    // member's setting, so the setting never shows. An unrestricted sender refused by `email_known`
    // hears `recipient_unavailable`, the same as for any other refusal by the recipient.
    if (sender.restricted_at !== null && !carriesAddress) {
      throw new AppError('email_required', "Your invitations now need the recipient's e-mail address: type the address they use on Rapport.");
    }
    return { channel: 'member', key: recipientKey('member', member.id), member, owners: [], carriesAddress, email: null, phone: null };
  }
  if ('email' in input) {
    const email = normalizeEmail(input.email);
    if (!email) throw new AppError('validation_failed', 'email: is not an e-mail address.');
    if (email === sender.email) throw new AppError('self_invitation', 'You cannot invite yourself.');
    // A verified address reaches its member, the primary one or an additional one alike.
    const owner = await findMemberByAnyEmail(trx, email);
    if (owner?.id === sender.id) throw new AppError('self_invitation', 'You cannot invite yourself.');
    return { channel: 'email', key: recipientKey('email', email), member: undefined, owners: owner ? [owner] : [], carriesAddress: true, email, phone: null };
  }
  const phone = normalizePhone(input.phone);
  if (!phone) throw new AppError('validation_failed', 'phone: is not a phone number in international form (+14155550123).');
  if (phone === sender.phone) throw new AppError('self_invitation', 'You cannot invite yourself.');
  const owners = await findMembersByPhone(trx, phone);
  return { channel: 'sms', key: recipientKey('sms', phone), member: undefined, owners, carriesAddress: true, email: null, phone };
}

/** Sends one invitation inside `trx`; throws an AppError with the refusal's code. */
export async function sendInvitationIn(trx: Trx, deps: Deps, actor: Actor, input: SendInput): Promise<InvitationView> {
  const { config } = deps;
  const nowDate = deps.clock.now();
  const now = iso(nowDate);
  const message = cleanMessage(input.message);
  // One sender's sends run one at a time, so the weekly count is exact under any concurrency.
  const sender = await lockMember(trx, deps.dialect, actor.memberId);
  if (!sender) throw new AppError('unauthenticated', 'Your account no longer exists.');
  const to = await resolveRecipient(trx, sender, input.recipient);

  if (to.channel !== 'member') {
    if (await hasOptedOut(trx, to.key)) {
      throw new AppError('recipient_opted_out', 'This address has asked not to receive invitations from Rapport.');
    }
  }

  // Connected members know each other: refusing says nothing they do not know.
  for (const known of to.member ? [to.member] : to.owners) {
    if (await areConnected(trx, sender.id, known.id)) throw new AppError('already_connected', `You are already connected with ${known.name}.`);
  }

  // Only a member invitation takes the pair's slot (one pending invitation per pair). An e-mail
  // invitation to a member's address is judged by its address alone, as one to a stranger's is:
  // any refusal that depended on who owns the address would tell the sender.
  const owner = to.channel === 'email' ? to.owners[0] : undefined;
  const pair = to.member ? pairKey(sender.id, to.member.id) : owner ? pairKey(sender.id, owner.id) : null;
  await recordExpiries(trx, await expireDue(trx, deps.dialect, now, { pairKey: pair, senderId: sender.id, recipientKey: to.key }), now);
  // A pending invitation of the pair counts only for a member invitation.
  if (await hasOpenInvitationTo(trx, sender.id, to.key, to.member ? pair : null))
    throw new AppError('invitation_pending', 'An invitation between you is already waiting for a response.');

  // The cooldown follows what the sender addressed: the member they chose, or the address or number
  // they typed. Across the two it cannot hold without telling whose address it is, so instead: an
  // e-mail invitation to the address of a member the sender withdrew from within the cooldown is
  // sent as to any address but does not reach that member in the app (attach.ts); a member
  // invitation after a withdrawn e-mail invitation that had reached the member goes through.
  const cooldownSince = iso(addMs(nowDate, -config.reinviteCooldownMs));
  const lastWithdrawn = await lastWithdrawnTo(trx, sender.id, to.key, cooldownSince);
  if (lastWithdrawn) {
    const retryAt = iso(addMs(new Date(lastWithdrawn), config.reinviteCooldownMs));
    throw new AppError('reinvite_cooldown', `You withdrew an invitation to this person recently; you can invite them again after ${retryAt}.`, {
      retryAt,
    });
  }

  // After the checks a sender could explain by their own invitations (pending, cooldown), so that a
  // report hidden behind a still "pending" invitation never shows through as a different answer.
  for (const recipient of to.member ? [to.member] : to.owners) {
    if (!(await takesInvitationFrom(trx, recipient, sender.id, to.carriesAddress))) throw recipientUnavailable();
  }

  if (!(await takeFromBalance(trx, sender.id))) {
    throw new AppError('balance_exhausted', 'You have no invitations left. Support can grant more.');
  }

  const week = await sentSince(trx, sender.id, iso(addMs(nowDate, -WEEK_MS)));
  if (week.count >= config.weeklyInvitationLimit) {
    const retryAt = week.oldest ? iso(addMs(new Date(week.oldest), WEEK_MS)) : now;
    throw new AppError(
      'weekly_limit_reached',
      `You have sent ${week.count} invitations in the last 7 days, the most allowed; you can send more after ${retryAt}.`,
      { retryAt },
    );
  }

  // The sender's e-mail or SMS invitation that reached this member gives the pair's slot up to the
  // member invitation, and stays an invitation to its address.
  if (to.member && pair) await releaseAddressInvitations(trx, deps.dialect, sender.id, pair);

  const id = newId();
  // The member an address's invitation reached, if it did.
  let reached: string | null;
  try {
    await insertInvitation(trx, {
      id,
      sender_id: sender.id,
      channel: to.channel,
      recipient_member_id: to.member?.id ?? null,
      recipient_email: to.email,
      recipient_phone: to.phone,
      recipient_key: to.key,
      pair_key: to.member ? pair : null,
      message,
      status: 'pending',
      ignore_reason: null,
      created_at: now,
      expires_at: iso(addMs(nowDate, config.invitationTtlMs)),
      responded_at: null,
      withdrawn_at: null,
      withdrawn_by: null,
      withdraw_path: null,
      delivery: to.channel === 'member' ? 'none' : 'queued',
      sender_read: 1,
      recipient_read: 0,
    });
    reached = owner !== undefined && (await attachToOwner(trx, deps, { id, sender_id: sender.id }, owner)) ? owner.id : null;
  } catch (error) {
    // Two sends racing for the same pair (or an address's owner): the unique index picks the winner.
    // The transaction is rolled back either way; this one's refusal reads as any pending one does.
    if (isUniqueViolation(error)) throw new AppError('invitation_pending', 'An invitation between you is already waiting for a response.');
    throw error;
  }
  await enqueueMessages(trx, invitationMessages(id, to, nowDate, config.reminderScheduleMs), now);
  await recordAudit(trx, {
    at: now,
    actorId: actor.memberId,
    action: 'invitation.sent',
    subjectMemberId: sender.id,
    invitationId: id,
    path: actor.path,
    details: { channel: to.channel, recipientMemberId: to.member?.id ?? reached },
  });
  const recipientId = to.member?.id ?? reached;
  if (recipientId) {
    const data = { id, status: 'pending' };
    await recordEvents(
      trx,
      [sender.id, recipientId].map((memberId) => ({ memberId, type: 'invitation' as const, data })),
      now,
    );
  }
  const created = await findInvitation(trx, id);
  return created!;
}

/** The invitation message and its reminders, each due at its time. */
function invitationMessages(id: string, to: ResolvedRecipient, now: Date, schedule: readonly number[]): OutgoingMessage[] {
  // A member is reached in the app; their reminders come as e-mail notifications.
  const channel = to.channel === 'sms' ? 'sms' : 'email';
  // A member's notifications go to their primary address only once it is verifiably theirs.
  const address = to.phone ?? to.email ?? (to.member?.email_verified_at ? to.member.email : undefined);
  if (!address) return [];
  const messages: OutgoingMessage[] = [];
  if (to.channel !== 'member') {
    messages.push({ kind: 'invitation', channel, recipient: address, invitationId: id, dueAt: iso(now), payload: {} });
  }
  schedule.forEach((offset, index) => {
    messages.push({
      kind: 'reminder',
      channel,
      recipient: address,
      invitationId: id,
      dueAt: iso(addMs(now, offset)),
      payload: { reminder: index + 1 },
    });
  });
  return messages;
}

/** Sends one invitation in its own transaction. */
export async function sendInvitation(db: Db, deps: Deps, actor: Actor, input: SendInput): Promise<InvitationView> {
  try {
    const created = await transact(db, (trx) => sendInvitationIn(trx, deps, actor, input));
    deps.onTransition?.('new', 'pending', 1);
    return created;
  } catch (error) {
    // Two sends racing for the same pair: the database's unique index picks the winner.
    if (isUniqueViolation(error)) {
      throw new AppError('invitation_pending', 'An invitation between you is already waiting for a response.');
    }
    throw error;
  }
}
