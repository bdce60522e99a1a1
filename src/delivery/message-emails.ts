/**
 * The unsubscribe link of notification e-mails: it turns the member's `messageEmails` setting off.
 * Its token is 256 random bits, stored as its SHA-256 only, like an invitation's opt-out token.
 */
import { type Db } from '../db/database.js';
import { AppError } from '../errors.js';
import { sha256 } from '../shared/crypto.js';
import { findMemberById, updateSettings } from '../members/store.js';
import { findMessageEmailTokenMember } from './store.js';

async function memberOf(db: Db, token: string): Promise<string> {
  const memberId = token.length >= 32 && token.length <= 128 ? await findMessageEmailTokenMember(db, sha256(token)) : undefined;
  if (memberId === undefined) throw new AppError('not_found', 'This unsubscribe link is not valid.');
  return memberId;
}

/** Whether the member behind the link still gets notification e-mails. Reading it changes nothing. */
export async function describeMessageEmails(db: Db, token: string): Promise<{ messageEmails: boolean }> {
  const member = await findMemberById(db, await memberOf(db, token));
  if (!member) throw new AppError('not_found', 'This unsubscribe link is not valid.');
  return { messageEmails: member.message_emails === 1 };
}

/** Turns notification e-mails off for the member behind the link; doing it twice is harmless. */
export async function unsubscribeMessageEmails(db: Db, token: string): Promise<{ messageEmails: boolean }> {
  const changed = await updateSettings(db, await memberOf(db, token), { messageEmails: false });
  if (!changed) throw new AppError('not_found', 'This unsubscribe link is not valid.');
  return { messageEmails: false };
}
