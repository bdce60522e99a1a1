/**
 * Replying to an invitation: its recipient writes to its sender without accepting it. The reply
 * opens (or reuses) the pair's direct conversation, in which both may then write while the
 * invitation waits (checkMayWriteDirect), and records that the invitation was answered, so the
 * delivery worker sends no more of its reminders. The invitation itself stays pending: to its sender
 * it reads as before, with a message from its recipient. The recipient of an e-mail invitation that
 * reached them in the app may reply too: the conversation then shows the sender who they are, which
 * is theirs to tell (as accepting would).
 */
import type { Actor, Deps } from '../context.js';
import { type Db, transact } from '../db/database.js';
import { AppError } from '../errors.js';
import { effectiveStatus } from '../invitations/rules.js';
import { iso } from '../shared/clock.js';
import { findInvitation, markReplied } from '../invitations/store.js';
import { checkDailyLimit, checkMayWriteDirect, cleanText, lockSender, type Started, startIn } from './conversations.js';

const gone = () => new AppError('not_found', 'That invitation does not exist.');

/**
 * The recipient's reply to a pending invitation. Anyone else, and the recipient of one withdrawn,
 * hears not_found, as for any invitation they cannot see; one answered, ignored or expired is
 * `not_pending`, as for accepting it.
 */
export async function replyToInvitation(db: Db, deps: Deps, actor: Actor, invitationId: string, rawText: string): Promise<Started> {
  const text = cleanText(rawText);
  return transact(db, async (trx) => {
    const nowDate = deps.clock.now();
    const now = iso(nowDate);
    await lockSender(trx, deps, actor);
    const inv = await findInvitation(trx, invitationId);
    if (!inv || inv.recipient_member_id !== actor.memberId || inv.status === 'withdrawn') throw gone();
    // The conditional write decides a race with a withdrawal, an answer or the expiry: one wins.
    if (!(await markReplied(trx, inv.id, now))) {
      const current = (await findInvitation(trx, inv.id)) ?? inv;
      const status = effectiveStatus(current, nowDate);
      if (status === 'withdrawn') throw gone();
      throw new AppError('not_pending', `This invitation is no longer waiting for a response (it is ${status}).`, { status });
    }
    await checkMayWriteDirect(trx, actor.memberId, inv.sender_id, nowDate);
    await checkDailyLimit(trx, deps, actor.memberId, nowDate);
    return startIn(trx, deps, actor, [inv.sender_id], text, null, nowDate);
  });
}
