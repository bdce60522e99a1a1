/**
 * Support: a member without bulk withdraw asks support to cancel every pending invitation they
 * sent; an agent previews the count and carries it out on their behalf, with a reason.
 */
import { recordAudit } from '../audit/store.js';
import type { Actor, Deps } from '../context.js';
import { type Db, transact } from '../db/database.js';
import type { SupportRequestTable } from '../db/schema.js';
import { enqueueMessages } from '../outbox/store.js';
import { AppError } from '../errors.js';
import { addToBalance, findMemberById, lockMember } from '../members/store.js';
import { iso } from '../shared/clock.js';
import { newId } from '../shared/crypto.js';
import type { Cursor } from '../shared/pagination.js';
import { previewWithdraw, withdrawManyIn } from '../invitations/withdraw.js';
import { closeSupportRequest, findOpenSupportRequest, findSupportRequestOf, insertSupportRequest, selectSupportRequests } from './store.js';

export type SupportRequestKind = SupportRequestTable['kind'];

export async function fileSupportRequest(db: Db, deps: Deps, actor: Actor, kind: SupportRequestKind, message: string | null) {
  const now = iso(deps.clock.now());
  return transact(db, async (trx) => {
    // One open request of a kind at a time: asking twice is refused, so the work is not queued twice.
    // The member's row orders two requests of theirs sent at once (SQLite has one writer already).
    await lockMember(trx, deps.dialect, actor.memberId);
    const open = await findOpenSupportRequest(trx, actor.memberId, kind);
    if (open) {
      throw new AppError(
        'support_request_open',
        'You already have an open request to cancel all pending invitations; support will handle it, and you will be told here when it is done.',
        { requestId: open.id, createdAt: open.created_at },
      );
    }
    const row = await insertSupportRequest(trx, {
      id: newId(),
      member_id: actor.memberId,
      kind,
      message,
      status: 'open',
      created_at: now,
      resolved_at: null,
      resolved_by: null,
      result: null,
    });
    await recordAudit(trx, {
      at: now,
      actorId: actor.memberId,
      action: 'support.requested',
      subjectMemberId: actor.memberId,
      path: actor.path,
      details: { requestId: row.id, kind },
    });
    return row;
  });
}

/** Requests, newest first: a member sees their own; agents see everyone's (optionally only open ones). */
export async function listSupportRequests(db: Db, viewer: Actor, opts: { status?: 'open' | 'done'; cursor: Cursor | null; limit: number }) {
  const memberId = viewer.role === 'member' ? viewer.memberId : undefined;
  return selectSupportRequests(db, { memberId, status: opts.status, cursor: opts.cursor, limit: opts.limit + 1 });
}

export interface WithdrawAllInput {
  memberId: string;
  reason: string;
  dryRun?: boolean;
  requestId?: string;
}

/**
 * Withdraws every open invitation the member sent, on their behalf. With `dryRun` it only counts.
 * With `requestId` the request is marked done and the member is told, in the same transaction.
 */
export async function supportWithdrawAll(db: Db, deps: Deps, agent: Actor, input: WithdrawAllInput): Promise<{ count: number; withdrawnIds: string[] }> {
  if (agent.role === 'member') throw new AppError('forbidden', 'Only support agents can do this.');
  const reason = input.reason.trim();
  if (reason === '') throw new AppError('validation_failed', 'reason: must not be empty.');
  const member = await findMemberById(db, input.memberId);
  if (!member) throw new AppError('not_found', 'That member does not exist.');
  if (input.dryRun) return { count: await previewWithdraw(db, deps, member.id), withdrawnIds: [] };

  const now = iso(deps.clock.now());
  const result = await transact(db, async (trx) => {
    let request: { id: string } | undefined;
    if (input.requestId) {
      request = await findSupportRequestOf(trx, input.requestId, member.id);
      if (!request) throw new AppError('not_found', 'That support request does not exist for this member.');
    }
    const done = await withdrawManyIn(trx, deps, agent, member.id, { filter: {} }, { reason, requestId: input.requestId ?? null });
    await recordAudit(trx, {
      at: now,
      actorId: agent.memberId,
      action: 'support.withdraw_all',
      subjectMemberId: member.id,
      path: agent.path,
      details: { reason, count: done.withdrawn, requestId: input.requestId ?? null },
    });
    if (request) {
      if (await closeSupportRequest(trx, request.id, agent.memberId, JSON.stringify({ withdrawn: done.withdrawn }), now)) {
        await enqueueMessages(
          trx,
          [
            {
              kind: 'support_request_done',
              channel: 'email',
              recipient: member.email,
              dueAt: now,
              payload: { requestId: request.id, withdrawn: done.withdrawn },
            },
          ],
          now,
        );
      }
    }
    return done;
  });
  if (result.withdrawn > 0) deps.onTransition?.('pending', 'withdrawn', result.withdrawn);
  return { count: result.withdrawn, withdrawnIds: result.withdrawnIds };
}

/** Grants invitations to a member's balance (admins only), audited with the reason. */
export async function grantBalance(db: Db, deps: Deps, admin: Actor, memberId: string, grant: number, reason: string): Promise<number> {
  if (admin.role !== 'admin') throw new AppError('forbidden', 'Only admins can grant invitations.');
  if (!Number.isInteger(grant) || grant < 1 || grant > 1_000_000) throw new AppError('validation_failed', 'grant: must be a whole number from 1 to 1000000.');
  if (reason.trim() === '') throw new AppError('validation_failed', 'reason: must not be empty.');
  const now = iso(deps.clock.now());
  return transact(db, async (trx) => {
    const available = await addToBalance(trx, memberId, grant);
    if (available === undefined) throw new AppError('not_found', 'That member does not exist.');
    await recordAudit(trx, {
      at: now,
      actorId: admin.memberId,
      action: 'balance.granted',
      subjectMemberId: memberId,
      path: admin.path,
      details: { grant, reason: reason.trim(), available },
    });
    return available;
  });
}
