/**
 * An e-mail invitation reaches the in-app list of the member whose address it was sent to, once the
 * address is verifiably theirs: when it is sent, or when they verify the address later. The sender
 * is not told either way (see presenter.ts).
 */
import type { Deps } from '../context.js';
import type { Trx } from '../db/database.js';
import type { MemberRow } from '../db/schema.js';
import { attachInvitation, openInvitationForPair, waitingInvitationsTo } from '../members/email-store.js';
import { areConnected } from '../members/store.js';
import { addMs, iso } from '../shared/clock.js';
import { pairKey } from '../shared/pairs.js';
import { takesInvitationFrom } from './availability.js';
import { withdrewFromRecently } from './store.js';

/**
 * Hands one pending e-mail invitation to the member who owns its address, unless: the member sent
 * it; the pair already has an open invitation (the pair holds one at a time) or a connection; the
 * sender withdrew an invitation to the member within the re-invite cooldown; or the member takes no
 * invitations from that sender. Left alone, it stays an invitation to the address, whose e-mailed
 * link still works, and reads to the sender exactly the same. False when it was not handed over.
 */
export async function attachToOwner(trx: Trx, deps: Deps, inv: { id: string; sender_id: string }, owner: MemberRow): Promise<boolean> {
  if (inv.sender_id === owner.id) return false;
  const nowDate = deps.clock.now();
  const now = iso(nowDate);
  const pair = pairKey(inv.sender_id, owner.id);
  if (await openInvitationForPair(trx, pair, now, inv.id)) return false;
  if (await areConnected(trx, inv.sender_id, owner.id)) return false;
  if (await withdrewFromRecently(trx, inv.sender_id, owner.id, iso(addMs(nowDate, -deps.config.reinviteCooldownMs)))) return false;
  if (!(await takesInvitationFrom(trx, owner, inv.sender_id, true))) return false;
  return attachInvitation(trx, inv.id, owner.id, pair);
}

/** Hands every invitation waiting for `email` to `owner`, who has just made it theirs; returns how many. */
export async function attachWaitingInvitations(trx: Trx, deps: Deps, owner: MemberRow, email: string): Promise<number> {
  let attached = 0;
  for (const inv of await waitingInvitationsTo(trx, email, iso(deps.clock.now()))) {
    if (await attachToOwner(trx, deps, inv, owner)) attached++;
  }
  return attached;
}
