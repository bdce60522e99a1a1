/**
 * An admin's hold on a member's access: revoking every session and bearer token at once, and
 * suspending the account (no credential of theirs works and none is issued while it lasts).
 */
import { recordAudit } from '../audit/store.js';
import type { Actor, Deps } from '../context.js';
import { type Db, transact } from '../db/database.js';
import { AppError, notFound } from '../errors.js';
import { findMemberById, setSuspension } from '../members/store.js';
import { iso } from '../shared/clock.js';
import { deleteMemberCredentials } from './token-store.js';

function requireAdmin(actor: Actor): void {
  if (actor.role !== 'admin') throw new AppError('forbidden', 'Only admins can do this.');
}

function reasonOf(reason: string | undefined, required: boolean): string | null {
  const text = reason?.trim() ?? '';
  if (required && text === '') throw new AppError('validation_failed', 'reason: must not be empty.');
  return text === '' ? null : text;
}

/** Revokes every session and bearer token of a member at once, audited; how many there were. */
export async function revokeMemberCredentials(db: Db, deps: Deps, admin: Actor, memberId: string, reason?: string): Promise<{ revoked: number }> {
  requireAdmin(admin);
  const why = reasonOf(reason, false);
  const now = iso(deps.clock.now());
  return transact(db, async (trx) => {
    if (!(await findMemberById(trx, memberId))) throw notFound('That member');
    const revoked = await deleteMemberCredentials(trx, memberId);
    await recordAudit(trx, {
      at: now,
      actorId: admin.memberId,
      action: 'member.credentials_revoked',
      subjectMemberId: memberId,
      path: admin.path,
      details: { revoked, reason: why },
    });
    return { revoked };
  });
}

export interface Suspension {
  id: string;
  suspendedAt: string | null;
}

/**
 * Suspends a member: from the next request on, none of their sessions or bearer tokens works and
 * they can neither log in nor get a token. Their credentials are kept (unsuspending brings them
 * back); revoke them as well when they may be in the wrong hands. Suspending twice changes nothing.
 */
export async function suspendMember(db: Db, deps: Deps, admin: Actor, memberId: string, reason: string): Promise<Suspension> {
  requireAdmin(admin);
  const why = reasonOf(reason, true);
  // An admin who suspended themselves could not undo it; another admin or the CLI can.
  if (memberId === admin.memberId) throw new AppError('forbidden', 'You cannot suspend your own account.');
  return changeSuspension(db, deps, admin, memberId, true, why);
}

/** Lifts a member's suspension; their unexpired credentials work again. Audited when it changes anything. */
export async function unsuspendMember(db: Db, deps: Deps, admin: Actor, memberId: string, reason?: string): Promise<Suspension> {
  requireAdmin(admin);
  const why = reasonOf(reason, false);
  return changeSuspension(db, deps, admin, memberId, false, why);
}

/** Sets or lifts the suspension and reads the member back, auditing only a change. */
async function changeSuspension(db: Db, deps: Deps, admin: Actor, memberId: string, suspend: boolean, why: string | null): Promise<Suspension> {
  const now = iso(deps.clock.now());
  return transact(db, async (trx) => {
    const changed = await setSuspension(trx, memberId, suspend ? now : null);
    const member = await findMemberById(trx, memberId);
    if (!member) throw notFound('That member');
    if (changed)
      await recordAudit(trx, {
        at: now,
        actorId: admin.memberId,
        action: suspend ? 'member.suspended' : 'member.unsuspended',
        subjectMemberId: memberId,
        path: admin.path,
        details: { reason: why },
      });
    return { id: member.id, suspendedAt: member.suspended_at };
  });
}
