/**
 * Opting out: the link in every invitation and reminder stops all further reminders and invitations
 * to that address or number, without the sender having to act.
 */
import { recordAudit } from '../audit/store.js';
import type { Deps } from '../context.js';
import { type Db, transact } from '../db/database.js';
import { AppError } from '../errors.js';
import { iso } from '../shared/clock.js';
import { sha256 } from '../shared/crypto.js';

/** Shows enough of an address for its owner to recognise it, and no more. */
function maskAddress(recipientKey: string): string {
  const value = recipientKey.slice(2);
  if (recipientKey.startsWith('p:')) return `${value.slice(0, 3)}…${value.slice(-2)}`;
  const [local = '', domain = ''] = value.split('@');
  return `${local.slice(0, 1)}…@${domain}`;
}

async function keyOf(db: Db, token: string): Promise<string> {
  const row =
    token.length >= 32 && token.length <= 128
      ? await db.selectFrom('opt_out_tokens').select('recipient_key').where('token_hash', '=', sha256(token)).executeTakeFirst()
      : undefined;
  if (!row) throw new AppError('not_found', 'This opt-out link is not valid.');
  return row.recipient_key;
}

export interface OptOutView {
  channel: 'email' | 'sms';
  address: string;
  optedOut: boolean;
}

/** What the link would stop. Reading it changes nothing. */
export async function describeOptOut(db: Db, token: string): Promise<OptOutView> {
  const key = await keyOf(db, token);
  const done = await db.selectFrom('opt_outs').select('recipient_key').where('recipient_key', '=', key).executeTakeFirst();
  return { channel: key.startsWith('p:') ? 'sms' : 'email', address: maskAddress(key), optedOut: done !== undefined };
}

/** Stops every reminder and invitation to the address or number; doing it twice is harmless. */
export async function optOut(db: Db, deps: Deps, token: string): Promise<OptOutView> {
  const key = await keyOf(db, token);
  const now = iso(deps.clock.now());
  const channel = key.startsWith('p:') ? 'sms' : 'email';
  await transact(db, async (trx) => {
    const added = await trx
      .insertInto('opt_outs')
      .values({ recipient_key: key, created_at: now })
      .onConflict((oc) => oc.column('recipient_key').doNothing())
      .executeTakeFirst();
    await trx
      .updateTable('outbox')
      .set({ status: 'suppressed' })
      .where('recipient', '=', key.slice(2))
      .where('channel', '=', channel)
      .where('kind', 'in', ['invitation', 'reminder'])
      .where('status', 'in', ['queued', 'failed'])
      .execute();
    if ((added.numInsertedOrUpdatedRows ?? 0n) > 0n) {
      await recordAudit(trx, { at: now, actorId: null, action: 'recipient.opted_out', subjectMemberId: null, path: 'link', details: { channel } });
    }
  });
  return { channel, address: maskAddress(key), optedOut: true };
}
