/**
 * Whether a member takes an invitation from a sender: their `invitationsFrom` setting, a block
 * between the two (either way), and their earlier answers to that sender. Every refusal is the same error with the same words, so a sender
 * cannot tell a setting from a report, nor one setting from another.
 */
import type { Db, Trx } from '../db/database.js';
import type { MemberRow } from '../db/schema.js';
import { AppError } from '../errors.js';
import { isBlockedEitherWay } from '../connections/blocks-store.js';
import { hasReportedSender } from './store.js';

export const recipientUnavailable = () => new AppError('recipient_unavailable', 'This person is not accepting invitations from you.');

/**
 * True when `recipient` takes an invitation from `senderId`. `carriesAddress`: the invitation names
 * one of the recipient's e-mail addresses — always so for an e-mail or SMS invitation, which is sent
 * to an address or number the sender typed; for a member invitation, when it came with their address.
 */
export async function takesInvitationFrom(db: Db | Trx, recipient: MemberRow, senderId: string, carriesAddress: boolean): Promise<boolean> {
  if (recipient.invitations_from === 'nobody') return false;
  if (recipient.invitations_from === 'email_known' && !carriesAddress) return false;
  // A block stops invitations both ways, by whichever channel, for as long as it stands.
  if (await isBlockedEitherWay(db, recipient.id, senderId)) return false;
  // "I don't know this person" (or spam) stops that sender for good, whichever channel they try next.
  return !(await hasReportedSender(db, recipient.id, senderId));
}
