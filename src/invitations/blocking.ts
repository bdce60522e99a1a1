/**
 * What a block does to the invitations between the two members, in the blocker's transaction.
 * Nobody is told, and neither side's lists show anything that only a block would explain:
 * - the blocker's own member invitations to the other are withdrawn, as the blocker could have done
 *   (the recipient sees one vanish as after any withdrawal; the blocker's re-invite cooldown runs, as
 *   after any withdrawal of theirs);
 * - the blocker's own e-mail or SMS invitations to an address or number of the other's stay pending
 *   to the blocker, who must not learn whose address it was (withdrawing them would tell), but leave
 *   the other's in-app list and send them nothing more;
 * - the other's pending invitations to the blocker, in the app or to an address or number of theirs,
 *   are ignored, as the blocker could have done: to their sender an ignored invitation reads as still
 *   pending until it expires, so the block does not show, and ignoring starts no cooldown and counts
 *   as no report.
 * None of them waits for an answer from the other side any more, so their queued messages (the e-mail
 * or SMS, its reminders) are cancelled here, and a withdrawn or ignored one's would be dropped by the
 * delivery worker anyway.
 */
import { recordAudit } from '../audit/store.js';
import type { Actor, Deps } from '../context.js';
import type { Trx } from '../db/database.js';
import { iso } from '../shared/clock.js';
import { applyMove, detachFromMember, lockOpenInvitationsBetween, suppressQueuedMessages } from './store.js';

export interface ClosedByBlock {
  withdrawn: string[];
  ignored: string[];
  /** The blocker's e-mail and SMS invitations that had reached the other: silenced, still pending to the blocker. */
  silenced: string[];
}

/** Closes (or silences) the open invitations between `actor` (the blocker) and `blockedId`, as described above. */
export async function closeInvitationsForBlock(trx: Trx, deps: Deps, actor: Actor, blockedId: string): Promise<ClosedByBlock> {
  const now = iso(deps.clock.now());
  const closed: ClosedByBlock = { withdrawn: [], ignored: [], silenced: [] };
  for (const inv of await lockOpenInvitationsBetween(trx, deps.dialect, actor.memberId, blockedId, now)) {
    if (inv.sender_id === actor.memberId && inv.channel !== 'member') {
      await detachFromMember(trx, inv.id);
      closed.silenced.push(inv.id);
    } else if (inv.sender_id === actor.memberId) {
      const done = await applyMove(trx, inv.id, 'withdraw', now, { withdrawn_at: now, withdrawn_by: actor.memberId, withdraw_path: actor.path });
      if (!done) continue;
      closed.withdrawn.push(inv.id);
      await recordAudit(trx, {
        at: now,
        actorId: actor.memberId,
        action: 'invitation.withdrawn',
        subjectMemberId: inv.sender_id,
        invitationId: inv.id,
        path: actor.path,
        details: { recipientMemberId: inv.recipient_member_id, channel: inv.channel, cause: 'block' },
      });
    } else if (inv.status === 'pending') {
      const done = await applyMove(trx, inv.id, 'ignore', now, { responded_at: now, ignore_reason: 'ignore', recipient_read: 1 });
      if (!done) continue;
      closed.ignored.push(inv.id);
      await recordAudit(trx, {
        at: now,
        actorId: actor.memberId,
        action: 'invitation.ignored',
        subjectMemberId: inv.sender_id,
        invitationId: inv.id,
        path: actor.path,
        details: { cause: 'block' },
      });
    }
  }
  await suppressQueuedMessages(trx, [...closed.withdrawn, ...closed.ignored, ...closed.silenced]);
  return closed;
}
