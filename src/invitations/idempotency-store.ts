/** Queries of the `Idempotency-Key` records: each member's keys, the request they came with and its reply. */
import type { Selectable } from 'kysely';
import type { Db, Trx } from '../db/database.js';
import type { IdempotencyKeyTable } from '../db/schema.js';

export type IdempotencyKeyRow = Selectable<IdempotencyKeyTable>;

export async function findIdempotencyKey(db: Db, memberId: string, key: string): Promise<IdempotencyKeyRow | undefined> {
  return db.selectFrom('idempotency_keys').selectAll().where('member_id', '=', memberId).where('key', '=', key).executeTakeFirst();
}

/** Forgets the key, if it is still the one made at `createdAt`. */
export async function deleteIdempotencyKeyMadeAt(db: Db, memberId: string, key: string, createdAt: string): Promise<void> {
  await db.deleteFrom('idempotency_keys').where('member_id', '=', memberId).where('key', '=', key).where('created_at', '=', createdAt).execute();
}

export async function deleteIdempotencyKey(db: Db, memberId: string, key: string): Promise<void> {
  await db.deleteFrom('idempotency_keys').where('member_id', '=', memberId).where('key', '=', key).execute();
}

/** Claims the key for a request with no reply yet; a key claimed already is a unique violation. */
export async function claimIdempotencyKey(db: Db | Trx, memberId: string, key: string, requestHash: string, now: string): Promise<void> {
  await db
    .insertInto('idempotency_keys')
    .values({ member_id: memberId, key, request_hash: requestHash, status_code: null, response: null, created_at: now })
    .execute();
}

/** Stores the reply of the request that claimed the key. */
export async function storeIdempotentReply(db: Db | Trx, memberId: string, key: string, status: number, response: string): Promise<void> {
  await db.updateTable('idempotency_keys').set({ status_code: status, response }).where('member_id', '=', memberId).where('key', '=', key).execute();
}

/** Stores a refusal as the key's reply, unless the key was claimed meanwhile. */
export async function insertIdempotentRefusal(
  db: Db,
  memberId: string,
  key: string,
  requestHash: string,
  status: number,
  response: string,
  now: string,
): Promise<void> {
  await db
    .insertInto('idempotency_keys')
    .values({ member_id: memberId, key, request_hash: requestHash, status_code: status, response, created_at: now })
    .onConflict((oc) => oc.columns(['member_id', 'key']).doNothing())
    .execute();
}
