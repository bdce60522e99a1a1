/** Queries of support requests. */
import type { Selectable } from 'kysely';
import type { Db, Trx } from '../db/database.js';
import type { SupportRequestTable } from '../db/schema.js';
import { type Cursor, keysetBefore, whereAll } from '../shared/pagination.js';

export type SupportRequestRow = Selectable<SupportRequestTable>;

/** The member's open request of `kind`, if there is one. */
export async function findOpenSupportRequest(trx: Trx, memberId: string, kind: SupportRequestRow['kind']): Promise<SupportRequestRow | undefined> {
  return trx
    .selectFrom('support_requests')
    .selectAll()
    .where('member_id', '=', memberId)
    .where('kind', '=', kind)
    .where('status', '=', 'open')
    .executeTakeFirst();
}

export async function insertSupportRequest(trx: Trx, row: SupportRequestRow): Promise<SupportRequestRow> {
  return trx.insertInto('support_requests').values(row).returningAll().executeTakeFirstOrThrow();
}

/**
 * Requests with their member's name and address, newest first, at most `limit` after `cursor`:
 * only `memberId`'s when given, only those with `status` when given.
 */
export async function selectSupportRequests(db: Db, opts: { memberId?: string; status?: 'open' | 'done'; cursor: Cursor | null; limit: number }) {
  let query = db
    .selectFrom('support_requests')
    .innerJoin('members', 'members.id', 'support_requests.member_id')
    .selectAll('support_requests')
    .select(['members.name as member_name', 'members.email as member_email']);
  if (opts.memberId) query = query.where('support_requests.member_id', '=', opts.memberId);
  if (opts.status) query = query.where('support_requests.status', '=', opts.status);
  return whereAll(query, keysetBefore({ at: 'support_requests.created_at', id: 'support_requests.id' }, opts.cursor))
    .orderBy('support_requests.created_at', 'desc')
    .orderBy('support_requests.id', 'desc')
    .limit(opts.limit)
    .execute();
}

/** Request `id`, if it is `memberId`'s. */
export async function findSupportRequestOf(trx: Trx, id: string, memberId: string): Promise<{ id: string } | undefined> {
  return trx.selectFrom('support_requests').select('id').where('id', '=', id).where('member_id', '=', memberId).executeTakeFirst();
}

/** Marks an open request done by `agentId` with its result; false when it was not open. */
export async function closeSupportRequest(trx: Trx, id: string, agentId: string, result: string, now: string): Promise<boolean> {
  const closed = await trx
    .updateTable('support_requests')
    .set({ status: 'done', resolved_at: now, resolved_by: agentId, result })
    .where('id', '=', id)
    .where('status', '=', 'open')
    .executeTakeFirst();
  return closed.numUpdatedRows > 0n;
}
