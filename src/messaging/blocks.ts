/**
 * Blocking a member: from then on neither may invite or write to the other, whichever of the two
 * tries, and every refusal reads as it would without a block (`recipient_unavailable` for an
 * invitation, `not_connected` for a message), so a block cannot be detected. Blocking withdraws the
 * open invitations between the two (invitations/blocking.ts says how, so that the other cannot tell)
 * and removes nothing else: a connection stays, conversations stay in both members' lists, and a
 * group conversation both take part in goes on for everyone, as on the large professional networks;
 * only a direct conversation between the two, or a new one that would include both, is refused.
 * Nobody is told. Unblocking restores only the possibility: nothing closed comes back.
 */
import type { Actor, Deps } from '../context.js';
import { type Db, transact } from '../db/database.js';
import { countBlocksSince, deleteBlock, insertBlock, listBlocked } from '../connections/blocks-store.js';
import { AppError } from '../errors.js';
import { closeInvitationsForBlock } from '../invitations/blocking.js';
import { findMemberById, lockMember } from '../members/store.js';
import { addMs, iso } from '../shared/clock.js';
import type { Cursor } from '../shared/pagination.js';
import { DAY_MS } from './conversations.js';

/** New blocks a member may make in any 24 hours: enough for anyone defending themselves, not for scripting. */
export const BLOCK_DAILY_LIMIT = 100;

const unknownMember = () => new AppError('not_found', 'That member does not exist.');

/** Blocks `otherId` for the actor; blocking again changes nothing. */
export async function blockMember(db: Db, deps: Deps, actor: Actor, otherId: string): Promise<void> {
  if (otherId === actor.memberId) throw new AppError('self_block', 'You cannot block yourself.');
  const result = await transact(db, async (trx) => {
    const nowDate = deps.clock.now();
    const now = iso(nowDate);
    // Both members' rows, in id order, before anything else: every invitation and message either of
    // them sends takes its sender's row first, so none can slip past the block between its check and
    // its write (it waits, then sees the block); and the daily count is exact.
    for (const id of [actor.memberId, otherId].sort()) {
      if (await lockMember(trx, deps.dialect, id)) continue;
      if (id === actor.memberId) throw new AppError('unauthenticated', 'Your account no longer exists.');
      throw unknownMember();
    }
    if (!(await insertBlock(trx, actor.memberId, otherId, now))) return null;
    // Counted with the new one, so a repeated block of someone blocked already is never refused.
    if ((await countBlocksSince(trx, actor.memberId, iso(addMs(nowDate, -DAY_MS)))) > BLOCK_DAILY_LIMIT) {
      throw new AppError('rate_limited', `You can block ${BLOCK_DAILY_LIMIT} members in any 24 hours; try again later.`);
    }
    return closeInvitationsForBlock(trx, deps, actor, otherId);
  });
  if (result?.withdrawn.length) deps.onTransition?.('pending', 'withdrawn', result.withdrawn.length);
  if (result?.ignored.length) deps.onTransition?.('pending', 'ignored', result.ignored.length);
}

/** Lifts the actor's block of `otherId`; unblocking someone not blocked changes nothing. */
export async function unblockMember(db: Db, actor: Actor, otherId: string): Promise<void> {
  if (otherId === actor.memberId) throw new AppError('self_block', 'You cannot block or unblock yourself.');
  if (!(await findMemberById(db, otherId))) throw unknownMember();
  await deleteBlock(db, actor.memberId, otherId);
}

/** A page (`limit + 1` rows) of the members the actor blocked, newest block first. */
export async function listBlockedMembers(db: Db, actor: Actor, cursor: Cursor | null, limit: number) {
  return listBlocked(db, actor.memberId, cursor, limit);
}
