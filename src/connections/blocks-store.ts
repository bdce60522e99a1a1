/**
 * Queries of members' blocks. A block is stored once, by who made it, and works both ways: neither
 * member may invite or write to the other. It sits under invitations, messaging and people, which
 * all ask it.
 */
import type { Db, Trx } from '../db/database.js';
import { type Cursor, keysetBefore, newestFirst, whereAll } from '../shared/pagination.js';

/** Records that `blockerId` blocked `blockedId`; false when they had already. */
export async function insertBlock(trx: Trx, blockerId: string, blockedId: string, now: string): Promise<boolean> {
  const inserted = await trx
    .insertInto('member_blocks')
    .values({ blocker_id: blockerId, blocked_id: blockedId, created_at: now })
    .onConflict((oc) => oc.columns(['blocker_id', 'blocked_id']).doNothing())
    .returning('blocker_id')
    .executeTakeFirst();
  return inserted !== undefined;
}

/** Removes the block `blockerId` made of `blockedId`, if there is one (the other's block of them stays). */
export async function deleteBlock(db: Db | Trx, blockerId: string, blockedId: string): Promise<void> {
  await db.deleteFrom('member_blocks').where('blocker_id', '=', blockerId).where('blocked_id', '=', blockedId).execute();
}

/** True when either of the two members blocked the other. */
export async function isBlockedEitherWay(db: Db | Trx, a: string, b: string): Promise<boolean> {
  return (await blockedEitherWayAmong(db, a, [b])).size > 0;
}

/** Those of `ids` that `memberId` blocked or that blocked `memberId`. */
export async function blockedEitherWayAmong(db: Db | Trx, memberId: string, ids: readonly string[]): Promise<Set<string>> {
  if (ids.length === 0) return new Set();
  const rows = await db
    .selectFrom('member_blocks')
    .select(['blocker_id', 'blocked_id'])
    .where((eb) =>
      eb.or([
        eb.and([eb('blocker_id', '=', memberId), eb('blocked_id', 'in', [...ids])]),
        eb.and([eb('blocked_id', '=', memberId), eb('blocker_id', 'in', [...ids])]),
      ]),
    )
    .execute();
  return new Set(rows.map((r) => (r.blocker_id === memberId ? r.blocked_id : r.blocker_id)));
}

/** How many blocks `blockerId` made after `since`. */
export async function countBlocksSince(db: Db | Trx, blockerId: string, since: string): Promise<number> {
  const row = await db
    .selectFrom('member_blocks')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('blocker_id', '=', blockerId)
    .where('created_at', '>', since)
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

/** The members `blockerId` blocked, newest block first (`limit + 1` rows after `cursor`). */
export async function listBlocked(db: Db, blockerId: string, cursor: Cursor | null, limit: number) {
  const query = db
    .selectFrom('member_blocks')
    .innerJoin('members', 'members.id', 'member_blocks.blocked_id')
    .select(['members.id', 'members.name', 'members.headline', 'member_blocks.created_at'])
    .where('member_blocks.blocker_id', '=', blockerId);
  const key = { at: 'member_blocks.created_at', id: 'member_blocks.blocked_id' } as const;
  return newestFirst(whereAll(query, keysetBefore(key, cursor)), key, limit).execute();
}
