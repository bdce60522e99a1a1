/** The expiry sweep. Reads never wait for it (see effectiveStatus); it makes expiry visible in rows. */
import type { Deps } from '../context.js';
import type { Db } from '../db/database.js';
import { iso } from '../shared/clock.js';
import { expireDue, suppressQueuedMessages } from './store.js';

/** Materialises every expired invitation and cancels its pending messages; returns how many. */
export async function expireSweep(db: Db, deps: Deps): Promise<number> {
  const now = iso(deps.clock.now());
  const ids = await db.transaction().execute(async (trx) => {
    const expired = await expireDue(trx, now);
    await suppressQueuedMessages(trx, expired);
    return expired;
  });
  if (ids.length > 0) deps.onTransition?.('pending', 'expired', ids.length);
  return ids.length;
}
