/** Sending an invitation: every refusal of PRODUCT.md, checked inside one transaction. */
import { cleanMultiline } from '../shared/text.js';
import { recordAudit } from '../audit/store.js';
import type { Actor, Deps } from '../context.js';
import { type Db, type DialectName, isUniqueViolation, type Trx, transact } from '../db/database.js';
import type { Channel, MemberRow } from '../db/schema.js';
import { enqueueMessages, type OutgoingMessage } from '../delivery/outbox.js';
import { AppError } from '../errors.js';
import { normalizeEmail } from '../members/accounts.js';
import { findMemberByAnyEmail, isAddressOf } from '../members/email-store.js';
import { areConnected, findMemberById, takeFromBalance } from '../members/store.js';
import { addMs, iso } from '../shared/clock.js';
import { newId } from '../shared/crypto.js';
import { recordExpiries } from './expire.js';
import { normalizePhone, pairKey, recipientKey } from './rules.js';
import { expireDue, findInvitation, insertInvitation, type InvitationView, sentSince } from './store.js';

export const MESSAGE_MAX = 300;
export const WEEK_MS = 7 * 86_400_000;

export type RecipientInput = { memberId: string; email?: string } | { email: string } | { phone: string };

export interface SendInput {
  recipient: RecipientInput;
  message?: string | null;
}

interface ResolvedRecipient {
  channel: Channel;
  key: string;
  member: MemberRow | undefined;
  email: string | null;
  phone: string | null;
}

/** Keeps a personal note plain: trimmed, control and invisible characters other than newlines removed. */
export function cleanMessage(message: string | null | undefined): string | null {
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
    if (sender.restricted_at !== null) {
      const typed = input.email === undefined ? null : normalizeEmail(input.email);
      if (typed === null || (typed !== member.email && !(await isAddressOf(trx, member.id, typed)))) {
        throw new AppError(
          'email_required',
          "Your invitations now need the recipient's e-mail address: type the address they use on Rapport.",
        );
      }
    }
    return { channel: 'member', key: recipientKey('member', member.id), member, email: null, phone: null };
  }
  if ('email' in input) {
    const email = normalizeEmail(input.email);
    if (!email) throw new AppError('validation_failed', 'email: is not an e-mail address.');
    if (email === sender.email) throw new AppError('self_invitation', 'You cannot invite yourself.');
    // A verified additional address reaches its member as their primary one does.
    const member = await findMemberByAnyEmail(trx, email);
    if (member?.id === sender.id) throw new AppError('self_invitation', 'You cannot invite yourself.');
    return { channel: 'email', key: recipientKey('email', email), member, email, phone: null };
  }
  const phone = normalizePhone(input.phone);
  if (!phone) throw new AppError('validation_failed', 'phone: is not a phone number in international form (+14155550123).');
  if (phone === sender.phone) throw new AppError('self_invitation', 'You cannot invite yourself.');
  return { channel: 'sms', key: recipientKey('sms', phone), member: undefined, email: null, phone };
}

async function lockSender(trx: Trx, senderId: string, dialect: DialectName): Promise<MemberRow> {
  // One sender's sends run one at a time, so the weekly count is exact under any concurrency.
  // (SQLite has a single writer already.) NO KEY UPDATE: rows that merely refer to the member, such
  // as an invitation to them, are not held up by it.
  let query = trx.selectFrom('members').selectAll().where('id', '=', senderId);
  if (dialect === 'postgres') query = query.forNoKeyUpdate();
  const sender = await query.executeTakeFirst();
  if (!sender) throw new AppError('unauthenticated', 'Your account no longer exists.');
  return sender;
}

/** Sends one invitation inside `trx`; throws an AppError with the refusal's code. */
export async function sendInvitationIn(
  trx: Trx,
  deps: Deps,
  actor: Actor,
  input: SendInput,
): Promise<InvitationView> {
  const { config } = deps;
  const nowDate = deps.clock.now();
  const now = iso(nowDate);
  const message = cleanMessage(input.message);
  const sender = await lockSender(trx, actor.memberId, deps.dialect);
  const to = await resolveRecipient(trx, sender, input.recipient);

  if (to.channel !== 'member') {
    const optedOut = await trx.selectFrom('opt_outs').select('recipient_key').where('recipient_key', '=', to.key).executeTakeFirst();
    if (optedOut) {
      throw new AppError('recipient_opted_out', 'This address has asked not to receive invitations from Rapport.');
    }
  }

  const pair = to.member ? pairKey(sender.id, to.member.id) : null;
  if (to.member && (await areConnected(trx, sender.id, to.member.id))) {
    throw new AppError('already_connected', `You are already connected with ${to.member.name}.`);
  }

  await recordExpiries(trx, await expireDue(trx, deps.dialect, now, { pairKey: pair, senderId: sender.id, recipientKey: to.key }), now);
  const open = await trx
    .selectFrom('invitations')
    .select('id')
    .where((eb) =>
      eb.or([
        ...(pair ? [eb.and([eb('pair_key', '=', pair), eb('status', '=', 'pending')])] : []),
        // To its sender an ignored invitation still awaits a response, whichever address it went to.
        ...(pair ? [eb.and([eb('pair_key', '=', pair), eb('sender_id', '=', sender.id), eb('status', '=', 'ignored')])] : []),
        eb.and([eb('sender_id', '=', sender.id), eb('recipient_key', '=', to.key), eb('status', 'in', ['pending', 'ignored'])]),
      ]),
    )
    .executeTakeFirst();
  if (open) throw new AppError('invitation_pending', 'An invitation between you is already waiting for a response.');

  const cooldownSince = iso(addMs(nowDate, -config.reinviteCooldownMs));
  const recent = await trx
    .selectFrom('invitations')
    .select((eb) => eb.fn.max('withdrawn_at').as('last'))
    .where('sender_id', '=', sender.id)
    .where('status', '=', 'withdrawn')
    .where('withdrawn_at', '>', cooldownSince)
    .where((eb) =>
      eb.or([
        eb('recipient_key', '=', to.key),
        ...(to.member ? [eb('recipient_member_id', '=', to.member.id)] : []),
      ]),
    )
    .executeTakeFirst();
  const lastWithdrawn = recent?.last as string | null | undefined;
  if (lastWithdrawn) {
    const retryAt = iso(addMs(new Date(lastWithdrawn), config.reinviteCooldownMs));
    throw new AppError('reinvite_cooldown', `You withdrew an invitation to this person recently; you can invite them again after ${retryAt}.`, {
      retryAt,
    });
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

  const id = newId();
  await insertInvitation(trx, {
    id,
    sender_id: sender.id,
    channel: to.channel,
    recipient_member_id: to.member?.id ?? null,
    recipient_email: to.email,
    recipient_phone: to.phone,
    recipient_key: to.key,
    pair_key: pair,
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

  await enqueueMessages(trx, invitationMessages(id, to, nowDate, config.reminderScheduleMs), now);
  await recordAudit(trx, {
    at: now,
    actorId: actor.memberId,
    action: 'invitation.sent',
    subjectMemberId: sender.id,
    invitationId: id,
    path: actor.path,
    details: { channel: to.channel, recipientMemberId: to.member?.id ?? null },
  });
  const created = await findInvitation(trx, id);
  return created!;
}

/** The invitation message and its reminders, each due at its time. */
function invitationMessages(id: string, to: ResolvedRecipient, now: Date, schedule: readonly number[]): OutgoingMessage[] {
  // A member is reached in the app; their reminders come as e-mail notifications.
  const channel = to.channel === 'sms' ? 'sms' : 'email';
  const address = to.phone ?? to.email ?? to.member?.email;
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
export async function sendInvitation(
  db: Db,
  deps: Deps,
  actor: Actor,
  input: SendInput,
): Promise<InvitationView> {
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
