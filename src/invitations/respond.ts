/** The recipient's answers: accept (makes the connection), ignore, "I don't know", spam. */
import { recordAudit } from '../audit/store.js';
import type { Actor, Deps } from '../context.js';
import { insertConnection, insertConnectionLogged } from '../connections/store.js';
import { type Db, dialectOf, type Trx, transact } from '../db/database.js';
import type { IgnoreReason, InvitationRow } from '../db/schema.js';
import { recordEvents } from '../events/store.js';
import { enqueueMessages } from '../outbox/store.js';
import { recordConnectionChange } from '../connections/change-log-store.js';
import { AppError } from '../errors.js';
import { markRestricted, primaryEmailOf } from '../members/store.js';
import { addMs, iso } from '../shared/clock.js';
import { pairKey } from '../shared/pairs.js';
import { effectiveStatus } from './rules.js';
import { TRANSITIONS } from './state.js';
import { applyMove, countReportsSince, findInvitation, type InvitationView, lockInIdOrder, otherInvitationsOfPair, suppressQueuedMessages } from './store.js';

export interface Connection {
  memberId: string;
  connectedAt: string;
  invitationId: string | null;
}

const gone = () => new AppError('not_found', 'That invitation does not exist.');

/** The invitation as its recipient may see it: a withdrawn one does not exist for them. */
export async function findReceived(db: Db | Trx, memberId: string, id: string): Promise<InvitationView> {
  const inv = await findInvitation(db, id);
  if (!inv || inv.recipient_member_id !== memberId || inv.status === 'withdrawn') throw gone();
  return inv;
}

function notPending(inv: InvitationRow, now: Date): AppError {
  const status = effectiveStatus(inv, now);
  if (status === 'withdrawn') return gone();
  return new AppError('not_pending', `This invitation is no longer waiting for a response (it is ${status}).`, { status });
}

/** Accepts inside `trx`: the conditional write decides any race; the connection is made with it. */
export async function acceptIn(trx: Trx, deps: Deps, actor: Actor, id: string): Promise<{ invitation: InvitationView; connection: Connection }> {
  const nowDate = deps.clock.now();
  const now = iso(nowDate);
  const inv = await findReceived(trx, actor.memberId, id);
  // Accepting may close the pair's other open invitations too: all of them are taken up front.
  const pair = pairKey(inv.sender_id, actor.memberId);
  await lockInIdOrder(trx, deps.dialect, [(eb) => eb('invitations.pair_key', '=', pair)]);
  // The acceptance is news to the sender: their copy in the Sent folder becomes unread. An e-mail
  // invitation accepted through its link joins the pair only now, as it stops being pending, so it
  // never competes with the pair's pending invitation (which it then supersedes).
  const updated = await applyMove(trx, id, 'accept', now, { responded_at: now, recipient_read: 1, sender_read: 0, pair_key: pair });
  // Another action may have committed since `inv` was read: judge by the row as it is now.
  if (!updated) throw notPending((await findInvitation(trx, id)) ?? inv, nowDate);
  await connect(trx, inv.sender_id, actor.memberId, id, now);
  await suppressQueuedMessages(trx, [id]);
  await closeSuperseded(trx, inv.sender_id, actor.memberId, id, now);
  const senderEmail = await primaryEmailOf(trx, inv.sender_id);
  await enqueueMessages(trx, [{ kind: 'invitation_accepted', channel: 'email', recipient: senderEmail, invitationId: id, dueAt: now, payload: {} }], now);
  await recordAudit(trx, {
    at: now,
    actorId: actor.memberId,
    action: 'invitation.accepted',
    subjectMemberId: inv.sender_id,
    invitationId: id,
    path: actor.path,
  });
  const accepted = { id, status: 'accepted' };
  await recordEvents(
    trx,
    [inv.sender_id, actor.memberId].map((memberId) => ({ memberId, type: 'invitation' as const, data: accepted })),
    now,
  );
  return {
    invitation: { ...inv, ...updated },
    connection: { memberId: inv.sender_id, connectedAt: now, invitationId: id },
  };
}

/**
 * Once two members are connected, any other invitation still open between them (one the acceptor
 * had sent and the other had ignored) has nothing left to ask: it is withdrawn by the system.
 */
async function closeSuperseded(trx: Trx, a: string, b: string, acceptedId: string, now: string): Promise<void> {
  const open = await otherInvitationsOfPair(trx, pairKey(a, b), acceptedId, TRANSITIONS.withdraw.from);
  for (const { id } of open) {
    const closed = await applyMove(trx, id, 'withdraw', now, { withdrawn_at: now, withdrawn_by: null, withdraw_path: 'system' });
    if (!closed) continue;
    await suppressQueuedMessages(trx, [id]);
    await recordAudit(trx, { at: now, actorId: null, action: 'invitation.superseded', subjectMemberId: closed.sender_id, invitationId: id, path: 'system' });
  }
}

/** Records the connection of two members; an existing one stays as it is. */
export async function connect(trx: Trx, a: string, b: string, invitationId: string | null, now: string): Promise<void> {
  const [lo, hi] = a < b ? [a, b] : [b, a];
  if (dialectOf(trx) === 'postgres') {
    // The connection and its entry in the change log in one statement: one round trip, not two.
    await insertConnectionLogged(trx, lo, hi, invitationId, now);
    return;
  }
  if (await insertConnection(trx, lo, hi, invitationId, now)) await recordConnectionChange(trx, lo, hi, now);
}

export async function acceptInvitation(db: Db, deps: Deps, actor: Actor, id: string) {
  const result = await transact(db, (trx) => acceptIn(trx, deps, actor, id));
  deps.onTransition?.('pending', 'accepted', 1);
  return result;
}

/**
 * Ignores inside `trx`. A report ("I don't know this person", spam) also counts against the sender,
 * who is restricted once they collect too many within the window.
 */
async function ignoreIn(trx: Trx, deps: Deps, actor: Actor, id: string, reason: IgnoreReason): Promise<InvitationView> {
  const nowDate = deps.clock.now();
  const now = iso(nowDate);
  const inv = await findReceived(trx, actor.memberId, id);
  const updated = await applyMove(trx, id, 'ignore', now, { responded_at: now, ignore_reason: reason, recipient_read: 1 });
  if (!updated) throw notPending((await findInvitation(trx, id)) ?? inv, nowDate);
  await suppressQueuedMessages(trx, [id]);
  await recordAudit(trx, {
    at: now,
    actorId: actor.memberId,
    action: reason === 'ignore' ? 'invitation.ignored' : `invitation.reported.${reason}`,
    subjectMemberId: inv.sender_id,
    invitationId: id,
    path: actor.path,
  });
  if (reason !== 'ignore') await restrictIfReported(trx, deps, inv.sender_id, nowDate);
  // Only the recipient's own streams: to its sender an ignored invitation still reads as pending.
  await recordEvents(trx, [{ memberId: actor.memberId, type: 'invitation', data: { id, status: 'ignored' } }], now);
  return { ...inv, ...updated };
}

async function restrictIfReported(trx: Trx, deps: Deps, senderId: string, nowDate: Date): Promise<void> {
  const since = iso(addMs(nowDate, -deps.config.reportWindowMs));
  const reports = await countReportsSince(trx, senderId, since);
  if (reports < deps.config.restrictionThreshold) return;
  const now = iso(nowDate);
  if (await markRestricted(trx, senderId, now)) {
    await recordAudit(trx, {
      at: now,
      actorId: null,
      action: 'member.restricted',
      subjectMemberId: senderId,
      path: 'system',
      details: { reports },
    });
  }
}

export async function ignoreInvitation(db: Db, deps: Deps, actor: Actor, id: string, reason: IgnoreReason) {
  const result = await transact(db, (trx) => ignoreIn(trx, deps, actor, id, reason));
  deps.onTransition?.('pending', 'ignored', 1);
  return result;
}

export interface RespondResult {
  done: string[];
  skipped: { id: string; reason: string }[];
}

/** Accepts or ignores many at once; each is judged alone, and what could not be done is reported. */
export async function respondMany(db: Db, deps: Deps, actor: Actor, ids: readonly string[], action: 'accept' | 'ignore'): Promise<RespondResult> {
  const result: RespondResult = { done: [], skipped: [] };
  for (const id of new Set(ids)) {
    try {
      if (action === 'accept') await acceptInvitation(db, deps, actor, id);
      else await ignoreInvitation(db, deps, actor, id, 'ignore');
      result.done.push(id);
    } catch (error) {
      if (!(error instanceof AppError)) throw error;
      result.skipped.push({ id, reason: error.code });
    }
  }
  return result;
}
