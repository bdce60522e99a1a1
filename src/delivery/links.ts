/**
 * Links in delivered e-mails and SMS. A link of an invitation that was withdrawn, expired or
 * accepted, and an unknown one, all read the same: "no longer available".
 */
import type { Actor, Deps } from '../context.js';
import { isBlockedEitherWay } from '../connections/blocks-store.js';
import { type Db, isUniqueViolation, transact } from '../db/database.js';
import { AppError } from '../errors.js';
import { acceptIn, type Connection } from '../invitations/respond.js';
import { iso } from '../shared/clock.js';
import { sha256 } from '../shared/crypto.js';
import { claimInvitationRecipient, findInvitationByLink } from './store.js';

const unavailable = () => new AppError('invitation_unavailable', 'This invitation is no longer available.');

async function liveInvitation(db: Db, deps: Deps, token: string) {
  if (token.length < 32 || token.length > 128) return undefined;
  const inv = await findInvitationByLink(db, sha256(token));
  if (!inv || inv.status !== 'pending' || inv.expires_at <= iso(deps.clock.now())) return undefined;
  return inv;
}

/** What the link page shows. Reading it never changes anything (mail scanners prefetch links). */
export async function describeLink(db: Db, deps: Deps, token: string) {
  const inv = await liveInvitation(db, deps, token);
  if (!inv) return { available: false as const };
  return {
    available: true as const,
    sender: { name: inv.sender_name },
    message: inv.message,
    ...(inv.recipient_email ? { email: inv.recipient_email } : {}),
  };
}

/** Accepts the invitation behind a link as the signed-in member. */
export async function acceptLink(db: Db, deps: Deps, actor: Actor, token: string): Promise<Connection> {
  const inv = await liveInvitation(db, deps, token);
  if (!inv || inv.sender_id === actor.memberId) throw unavailable();
  if (inv.recipient_member_id !== null && inv.recipient_member_id !== actor.memberId) throw unavailable();
  try {
    const { connection } = await transact(db, async (trx) => {
      // A block between the two stops this way in too: the link reads as any that is no longer valid.
      if (await isBlockedEitherWay(trx, inv.sender_id, actor.memberId)) throw unavailable();
      if (inv.recipient_member_id === null) {
        // Holding the link is the proof: whoever opens it signed in becomes its recipient (acceptIn
        // then gives it the pair's key).
        if (!(await claimInvitationRecipient(trx, inv.id, actor.memberId))) throw unavailable();
      }
      return acceptIn(trx, deps, actor, inv.id);
    });
    deps.onTransition?.('pending', 'accepted', 1);
    return connection;
  } catch (error) {
    if (isUniqueViolation(error)) {
      throw new AppError('invitation_pending', 'Another invitation between you is already waiting: answer that one instead.');
    }
    if (error instanceof AppError && (error.code === 'not_found' || error.code === 'not_pending')) throw unavailable();
    throw error;
  }
}
