/**
 * The connection change log: every connection made or removed is a row of `connection_changes`,
 * written in the transaction of the change. people/suggestion-cache.ts reads it to know which
 * cached rankings of People You May Know are still exact, and prunes it.
 */
import type { Db, Trx } from '../db/database.js';

/** Logs a connection made or removed between `a` and `b`: rankings that could have changed are no longer used. */
export async function recordConnectionChange(trx: Trx, a: string, b: string, now: string): Promise<void> {
  await trx.insertInto('connection_changes').values({ member_a: a, member_b: b, changed_at: now }).execute();
}

/** Forgets the changes logged before `before`; returns how many. */
export async function deleteConnectionChangesBefore(db: Db, before: string): Promise<number> {
  const result = await db.deleteFrom('connection_changes').where('changed_at', '<', before).executeTakeFirst();
  return Number(result.numDeletedRows);
}
