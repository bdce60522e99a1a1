/**
 * The addresses and numbers that asked for no more invitations. Delivery records them (the opt-out
 * link); sending reads them before it makes an invitation, so the list sits below both.
 */
import type { Db, Trx } from '../db/database.js';

/** True when the address or number `recipientKey` opted out of invitations. */
export async function hasOptedOut(db: Db | Trx, recipientKey: string): Promise<boolean> {
  return (await db.selectFrom('opt_outs').select('recipient_key').where('recipient_key', '=', recipientKey).executeTakeFirst()) !== undefined;
}
