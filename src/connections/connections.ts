/** Connections: undirected pairs made by accepted invitations; either side may remove one. */
import { recordAudit } from '../audit/store.js';
import type { Actor, Deps } from '../context.js';
import { type Db, transact } from '../db/database.js';
import { AppError } from '../errors.js';
import { recordConnectionChange } from '../people/suggestion-cache.js';
import { iso } from '../shared/clock.js';
import { type Cursor, keysetBefore, whereAll } from '../shared/pagination.js';

/** A member's connections, newest first (`limit + 1` rows). */
export async function listConnections(db: Db, memberId: string, cursor: Cursor | null, limit: number) {
  const sides = db
    .selectFrom('connections')
    .select(['member_b as other_id', 'created_at'])
    .where('member_a', '=', memberId)
    .unionAll(db.selectFrom('connections').select(['member_a as other_id', 'created_at']).where('member_b', '=', memberId))
    .as('c');
  const query = db
    .selectFrom(sides)
    .innerJoin('members', 'members.id', 'c.other_id')
    .select(['members.id', 'members.name', 'members.headline', 'c.created_at']);
  return whereAll(query, keysetBefore({ at: 'c.created_at', id: 'members.id' }, cursor))
    .orderBy('c.created_at', 'desc')
    .orderBy('members.id', 'desc')
    .limit(limit + 1)
    .execute();
}

export async function removeConnection(db: Db, deps: Deps, actor: Actor, otherId: string): Promise<void> {
  const [lo, hi] = actor.memberId < otherId ? [actor.memberId, otherId] : [otherId, actor.memberId];
  const now = iso(deps.clock.now());
  await transact(db, async (trx) => {
    const result = await trx.deleteFrom('connections').where('member_a', '=', lo).where('member_b', '=', hi).executeTakeFirst();
    if (result.numDeletedRows === 0n) throw new AppError('not_found', 'You are not connected with that member.');
    await recordConnectionChange(trx, lo, hi, now);
    await recordAudit(trx, { at: now, actorId: actor.memberId, action: 'connection.removed', subjectMemberId: otherId, path: actor.path });
  });
}
