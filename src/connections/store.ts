/** Queries of connections: undirected pairs of members, stored once as (member_a, member_b) with member_a < member_b. */
import type { Db, Trx } from '../db/database.js';
import { type Cursor, keysetBefore, whereAll } from '../shared/pagination.js';

/** A member's connections, newest first, at most `limit` rows after `cursor`. */
export async function selectConnections(db: Db, memberId: string, cursor: Cursor | null, limit: number) {
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
    .limit(limit)
    .execute();
}

/** Removes the connection of `lo` and `hi` (`lo < hi`); false when there was none. */
export async function deleteConnection(trx: Trx, lo: string, hi: string): Promise<boolean> {
  const result = await trx.deleteFrom('connections').where('member_a', '=', lo).where('member_b', '=', hi).executeTakeFirst();
  return result.numDeletedRows !== 0n;
}

function connectionInsert(trx: Trx, lo: string, hi: string, invitationId: string | null, now: string) {
  return trx
    .insertInto('connections')
    .values({ member_a: lo, member_b: hi, invitation_id: invitationId, created_at: now })
    .onConflict((oc) => oc.columns(['member_a', 'member_b']).doNothing());
}

/** Records the connection of `lo` and `hi` (`lo < hi`); an existing one stays as it is. Whether it was made. */
export async function insertConnection(trx: Trx, lo: string, hi: string, invitationId: string | null, now: string): Promise<boolean> {
  const made = await connectionInsert(trx, lo, hi, invitationId, now).executeTakeFirst();
  return Number(made.numInsertedOrUpdatedRows ?? 0n) > 0;
}

/**
 * Records the connection of `lo` and `hi` (`lo < hi`) and, when it is new, its entry in the change
 * log, in one statement (PostgreSQL only: a data-modifying CTE).
 */
export async function insertConnectionLogged(trx: Trx, lo: string, hi: string, invitationId: string | null, now: string): Promise<void> {
  await trx
    .with('made', () => connectionInsert(trx, lo, hi, invitationId, now).returning(['member_a', 'member_b']))
    .insertInto('connection_changes')
    .columns(['member_a', 'member_b', 'changed_at'])
    .expression((eb) => eb.selectFrom('made').select(['made.member_a', 'made.member_b', eb.val(now).as('changed_at')]))
    .execute();
}
