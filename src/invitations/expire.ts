/** The expiry sweep. Reads never wait for it (see effectiveStatus); it makes expiry visible in rows. */
import { recordAudit } from '../audit/store.js';
import type { Deps } from '../context.js';
import { type Db, type Trx, transact } from '../db/database.js';
import { recordEvents } from '../events/store.js';
import { iso } from '../shared/clock.js';
import { expireDue, suppressQueuedMessages } from './store.js';

/** Materialises every expired invitation and cancels its pending messages; returns how many. */
export async function expireSweep(db: Db, deps: Deps): Promise<number> {
  const now = iso(deps.clock.now());
  const ids = await transact(db, async (trx) => {
    const expired = await expireDue(trx, deps.dialect, now);
    await recordExpiries(trx, expired, now);
    // Both sides see an expired invitation as expired (an ignored one read as pending to its sender).
    await recordEvents(
      trx,
      expired.flatMap((r) =>
        [r.sender_id, r.recipient_member_id]
          .filter((m): m is string => m !== null)
          .map((memberId) => ({
            memberId,
            type: 'invitation' as const,
            data: { id: r.id, status: 'expired' },
          })),
      ),
      now,
    );
    return expired.map((r) => r.id);
  });
  if (ids.length > 0) deps.onTransition?.('pending', 'expired', ids.length);
  return ids.length;
}

/** Cancels the messages of invitations that just expired and records each expiry in the audit trail. */
export async function recordExpiries(trx: Trx, expired: { id: string; sender_id: string }[], now: string): Promise<void> {
  if (expired.length === 0) return;
  await suppressQueuedMessages(
    trx,
    expired.map((r) => r.id),
  );
  await recordAudit(
    trx,
    expired.map((r) => ({ at: now, actorId: null, action: 'invitation.expired', subjectMemberId: r.sender_id, invitationId: r.id, path: 'system' as const })),
  );
}
