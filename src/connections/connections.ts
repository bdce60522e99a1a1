/** Connections: undirected pairs made by accepted invitations; either side may remove one. */
import { recordAudit } from '../audit/store.js';
import type { Actor, Deps } from '../context.js';
import { type Db, transact } from '../db/database.js';
import { AppError } from '../errors.js';
import { iso } from '../shared/clock.js';
import type { Cursor } from '../shared/pagination.js';
import { recordConnectionChange } from './change-log-store.js';
import { deleteConnection, selectConnections } from './store.js';

/** A member's connections, newest first (`limit + 1` rows). */
export async function listConnections(db: Db, memberId: string, cursor: Cursor | null, limit: number) {
  return selectConnections(db, memberId, cursor, limit + 1);
}

export async function removeConnection(db: Db, deps: Deps, actor: Actor, otherId: string): Promise<void> {
  const [lo, hi] = actor.memberId < otherId ? [actor.memberId, otherId] : [otherId, actor.memberId];
  const now = iso(deps.clock.now());
  await transact(db, async (trx) => {
    if (!(await deleteConnection(trx, lo, hi))) throw new AppError('not_found', 'You are not connected with that member.');
    await recordConnectionChange(trx, lo, hi, now);
    await recordAudit(trx, { at: now, actorId: actor.memberId, action: 'connection.removed', subjectMemberId: otherId, path: actor.path });
  });
}
