/**
 * Withdrawal, the heart of the product: the recipient is not told, the invitation leaves their
 * lists, its queued messages are never sent (cancelled at once for one withdrawal; for many, dropped
 * by the delivery worker as each comes due), the balance is not refunded, and an audit row says who
 * did it, for whom, and through which path.
 */
import { recordAudit } from '../audit/store.js';
import type { Actor, Deps } from '../context.js';
import { type Db, type Trx, transact } from '../db/database.js';
import { recordEvents } from '../events/store.js';
import type { InvitationStatus } from '../db/schema.js';
import { AppError } from '../errors.js';
import { iso } from '../shared/clock.js';
import { effectiveStatus } from './rules.js';
import {
  applyMove,
  countWithdrawable,
  findInvitation,
  findInvitations,
  type InvitationView,
  type SentFilter,
  suppressQueuedMessages,
  withdrawMatching,
} from './store.js';

const gone = () => new AppError('not_found', 'That invitation does not exist.');

/** Withdraws one invitation of the actor's. Repeating it is harmless: the second call changes nothing. */
export async function withdrawInvitation(db: Db, deps: Deps, actor: Actor, id: string): Promise<InvitationView> {
  const nowDate = deps.clock.now();
  const now = iso(nowDate);
  const result = await transact(db, async (trx) => {
    const inv = await findInvitation(trx, id);
    if (!inv || inv.sender_id !== actor.memberId) throw gone();
    const updated = await applyMove(trx, id, 'withdraw', now, {
      withdrawn_at: now,
      withdrawn_by: actor.memberId,
      withdraw_path: actor.path,
    });
    if (!updated) {
      // Another action may have committed since `inv` was read: judge by the row as it is now.
      const current = (await findInvitation(trx, id)) ?? inv;
      const status = effectiveStatus(current, nowDate);
      if (status === 'withdrawn') return { invitation: current, changed: null };
      throw new AppError('not_withdrawable', `This invitation can no longer be withdrawn (it is ${status}).`, { status });
    }
    await suppressQueuedMessages(trx, [id]);
    await recordAudit(trx, {
      at: now,
      actorId: actor.memberId,
      action: 'invitation.withdrawn',
      subjectMemberId: inv.sender_id,
      invitationId: id,
      path: actor.path,
      details: { recipientMemberId: inv.recipient_member_id, channel: inv.channel },
    });
    // To its recipient a withdrawn invitation is gone (404): the event says so, and nothing more.
    const data = { id, status: 'withdrawn' };
    const told = [inv.sender_id, ...(inv.recipient_member_id ? [inv.recipient_member_id] : [])];
    await recordEvents(
      trx,
      told.map((memberId) => ({ memberId, type: 'invitation' as const, data })),
      now,
    );
    return { invitation: { ...inv, ...updated }, changed: inv.status as InvitationStatus | null };
  });
  if (result.changed) deps.onTransition?.(result.changed, 'withdrawn', 1);
  return result.invitation;
}

export type BulkTarget = { ids: readonly string[] } | { filter: SentFilter };

export interface BulkWithdrawResult {
  withdrawn: number;
  withdrawnIds: string[];
  skipped: { id: string; reason: 'not_found' | 'not_withdrawable' | 'already_withdrawn' }[];
}

/**
 * Withdraws many invitations of one sender in one transaction: all that are still open are taken,
 * and, for a list of ids, each one that could not be is reported with a reason.
 */
export async function withdrawManyIn(
  trx: Trx,
  deps: Deps,
  actor: Actor,
  senderId: string,
  target: BulkTarget,
  details: Record<string, unknown> = {},
): Promise<BulkWithdrawResult> {
  const nowDate = deps.clock.now();
  const now = iso(nowDate);
  const ids = 'ids' in target ? [...new Set(target.ids)] : null;
  const rows = await withdrawMatching(
    trx,
    deps.dialect,
    senderId,
    ids ? { ids } : target,
    { withdrawn_at: now, withdrawn_by: actor.memberId, withdraw_path: actor.path },
    nowDate,
  );
  const withdrawnIds = rows.map((r) => r.id);
  const skipped: BulkWithdrawResult['skipped'] = [];
  if (ids) {
    const taken = new Set(withdrawnIds);
    const rest = ids.filter((id) => !taken.has(id));
    const found = new Map((await findInvitations(trx, rest)).map((inv) => [inv.id, inv]));
    for (const id of rest) {
      const inv = found.get(id);
      if (!inv || inv.sender_id !== senderId) skipped.push({ id, reason: 'not_found' });
      else if (inv.status === 'withdrawn') skipped.push({ id, reason: 'already_withdrawn' });
      else skipped.push({ id, reason: 'not_withdrawable' });
    }
  }
  // Their queued messages are left for the delivery worker, which drops each one as it comes due: it
  // sends nothing for an invitation that no longer waits for an answer, checked under the
  // invitation's lock (see delivery/worker.ts). Cancelling them here would cost most of the
  // operation (two or three outbox rows, and their index entries, per invitation).
  await recordAudit(
    trx,
    withdrawnIds.map((id) => ({
      at: now,
      actorId: actor.memberId,
      action: 'invitation.withdrawn',
      subjectMemberId: senderId,
      invitationId: id,
      path: actor.path,
      details,
    })),
  );
  return { withdrawn: withdrawnIds.length, withdrawnIds, skipped };
}

export async function withdrawMany(db: Db, deps: Deps, actor: Actor, target: BulkTarget): Promise<BulkWithdrawResult> {
  const result = await transact(db, (trx) => withdrawManyIn(trx, deps, actor, actor.memberId, target));
  if (result.withdrawn > 0) deps.onTransition?.('pending', 'withdrawn', result.withdrawn);
  return result;
}

/** How many open invitations a sender has that `filter` would take. */
export async function previewWithdraw(db: Db, deps: Deps, senderId: string, filter: SentFilter = {}): Promise<number> {
  return countWithdrawable(db, senderId, filter, deps.clock.now());
}
