/** Pure rules about invitations: keys, effective status, what each side sees. */
import type { Channel, InvitationRow, InvitationStatus } from '../db/schema.js';
import { OPEN_STATES } from './state.js';

export function recipientKey(channel: Channel, value: string): string {
  return channel === 'member' ? `m:${value}` : channel === 'email' ? `e:${value}` : `p:${value}`;
}

/** Normalises a phone number to E.164 (`+` and 8 to 15 digits); null when it is not one. */
export function normalizePhone(input: string): string | null {
  const compact = input.trim().replace(/[\s().-]/g, '');
  const withPlus = compact.startsWith('00') ? `+${compact.slice(2)}` : compact;
  return /^\+[1-9]\d{7,14}$/.test(withPlus) ? withPlus : null;
}

/** Expiry is never late: an open invitation past its `expiresAt` is expired, swept or not. */
export function effectiveStatus(row: Pick<InvitationRow, 'status' | 'expires_at'>, now: Date): InvitationStatus {
  if (OPEN_STATES.includes(row.status) && row.expires_at <= now.toISOString()) return 'expired';
  return row.status;
}

/** The status the sender sees: an ignore is never revealed to them. */
export function senderStatus(status: InvitationStatus): InvitationStatus {
  return status === 'ignored' ? 'pending' : status;
}

/** The subject line of an invitation as a message in the inbox. */
export function invitationSubject(senderName: string, recipientName: string | null, forSender: boolean): string {
  return forSender ? `Invitation to connect with ${recipientName ?? 'you'}` : `${senderName} would like to connect`;
}
