/** What a member sees of themselves and of others: balance, weekly window, relationships. */
import type { Deps } from '../context.js';
import type { Db } from '../db/database.js';
import type { MemberRow } from '../db/schema.js';
import { AppError } from '../errors.js';
import { featuresFor } from '../flags/flags.js';
import { countUnread } from '../inbox/inbox.js';
import { countReceivedPending, openInvitationsOfPair, sentSince } from '../invitations/store.js';
import { presentSelf } from '../members/accounts.js';
import { areConnected, findMemberById } from '../members/store.js';
import { countUnreadMessages } from '../messaging/store.js';
import { addMs, iso, WEEK_MS } from '../shared/clock.js';
import { pairKey } from '../shared/pairs.js';

export type Relationship = 'self' | 'connected' | 'invitation_sent' | 'invitation_received' | 'none';

/** Everything `GET /me` returns. */
export async function describeSelf(
  db: Db,
  deps: Deps,
  member: Pick<MemberRow, 'id' | 'name' | 'email' | 'email_verified_at' | 'role' | 'headline' | 'invitation_balance' | 'restricted_at'>,
) {
  const now = deps.clock.now();
  const week = await sentSince(db, member.id, iso(addMs(now, -WEEK_MS)));
  const [features, receivedPending, inboxUnread, unreadMessages] = await Promise.all([
    featuresFor(db, member.id),
    countReceivedPending(db, member.id, now),
    countUnread(db, member.id),
    countUnreadMessages(db, member.id),
  ]);
  return {
    member: presentSelf(member),
    balance: {
      available: member.invitation_balance,
      weeklyLimit: deps.config.weeklyInvitationLimit,
      sentLast7Days: week.count,
      weeklyWindowFreesAt: week.oldest ? iso(addMs(new Date(week.oldest), WEEK_MS)) : null,
    },
    restricted: member.restricted_at !== null,
    rules: { reinviteCooldownSeconds: Math.round(deps.config.reinviteCooldownMs / 1000) },
    features,
    receivedPending,
    inboxUnread,
    unread: { messages: unreadMessages, invitations: inboxUnread.received },
  };
}

/**
 * How `viewerId` stands with `otherId`. An e-mail or SMS invitation the viewer sent that reached the
 * other member does not make it `invitation_sent`: the viewer is not to know whose address it was.
 */
export async function relationshipBetween(db: Db, deps: Deps, viewerId: string, otherId: string): Promise<Relationship> {
  if (viewerId === otherId) return 'self';
  if (await areConnected(db, viewerId, otherId)) return 'connected';
  const open = await openInvitationsOfPair(db, pairKey(viewerId, otherId), iso(deps.clock.now()));
  // The sender of an ignored invitation still sees it as sent; its recipient no longer sees it.
  if (open.some((i) => i.sender_id === viewerId && i.channel === 'member')) return 'invitation_sent';
  if (open.some((i) => i.sender_id === otherId && i.status === 'pending')) return 'invitation_received';
  return 'none';
}

export async function describeMember(db: Db, deps: Deps, viewerId: string, id: string) {
  const member = await findMemberById(db, id);
  if (!member) throw new AppError('not_found', 'That member does not exist.');
  return {
    id: member.id,
    name: member.name,
    headline: member.headline,
    relationship: await relationshipBetween(db, deps, viewerId, member.id),
  };
}
