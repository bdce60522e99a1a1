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
import { hasOptedOut } from '../outbox/opt-out-store.js';
import { findOptOutTokenKey, insertOptOut, suppressInvitationMessagesTo } from './store.js';

/** Shows enough of an address for its owner to recognise it, and no more. */
function maskAddress(recipientKey: string): string {
  const value = recipientKey.slice(2);
  if (recipientKey.startsWith('p:')) return `${value.slice(0, 3)}…${value.slice(-2)}`;
  const [local = '', domain = ''] = value.split('@');
  return `${local.slice(0, 1)}…@${domain}`;
}

async function keyOf(db: Db, token: string): Promise<string> {
  const key = token.length >= 32 && token.length <= 128 ? await findOptOutTokenKey(db, sha256(token)) : undefined;
  if (key === undefined) throw new AppError('not_found', 'This opt-out link is not valid.');
  return key;
}

export interface OptOutView {
  channel: 'email' | 'sms';
  address: string;
  optedOut: boolean;
}

/** What the link would stop. Reading it changes nothing. */
export async function describeOptOut(db: Db, token: string): Promise<OptOutView> {
  const key = await keyOf(db, token);
  return { channel: key.startsWith('p:') ? 'sms' : 'email', address: maskAddress(key), optedOut: await hasOptedOut(db, key) };
}

/** Stops every reminder and invitation to the address or number; doing it twice is harmless. */
export async function optOut(db: Db, deps: Deps, token: string): Promise<OptOutView> {
  const key = await keyOf(db, token);
  const now = iso(deps.clock.now());
  const channel = key.startsWith('p:') ? 'sms' : 'email';
  await transact(db, async (trx) => {
    const added = await insertOptOut(trx, key, now);
    await suppressInvitationMessagesTo(trx, key.slice(2), channel);
    if (added) {
      await recordAudit(trx, { at: now, actorId: null, action: 'recipient.opted_out', subjectMemberId: null, path: 'link', details: { channel } });
    }
  });
  return { channel, address: maskAddress(key), optedOut: true };
}
