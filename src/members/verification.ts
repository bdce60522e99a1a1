/** The verification link mailed to an address, the primary one at sign-up or an added one. */
import type { Trx } from '../db/database.js';
import { enqueueMessages } from '../outbox/store.js';
import { addMs, iso } from '../shared/clock.js';
import { newToken, sha256 } from '../shared/crypto.js';

const VERIFICATION_TTL_MS = 24 * 3_600_000;

export interface VerificationLink {
  /** 256 random bits; it travels only in the message, the database keeps `hash`. */
  token: string;
  hash: string;
  expiresAt: string;
}

/** A new link, valid for VERIFICATION_TTL_MS from `now`. */
export function verificationLink(now: Date): VerificationLink {
  const token = newToken();
  return { token, hash: sha256(token), expiresAt: iso(addMs(now, VERIFICATION_TTL_MS)) };
}

/** Queues the e-mail carrying the link to `email`, in the transaction that stored the link's hash. */
export async function queueVerificationMail(trx: Trx, email: string, link: VerificationLink, now: string): Promise<void> {
  await enqueueMessages(
    trx,
    [{ kind: 'email_verification', channel: 'email', recipient: email, dueAt: now, payload: { verifyToken: link.token, expiresAt: link.expiresAt } }],
    now,
  );
}
