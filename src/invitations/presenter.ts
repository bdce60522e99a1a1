/** What leaves the server about an invitation, decided per viewer. */
import { Type } from '@sinclair/typebox';
import { Iso, Nullable } from '../http/schemas.js';
import { addMs, iso } from '../shared/clock.js';
import { effectiveStatus, senderStatus } from './rules.js';
import type { InvitationView } from './store.js';

export const InvitationSchema = Type.Object(
  {
    id: Type.String(),
    channel: Type.Union([Type.Literal('member'), Type.Literal('email'), Type.Literal('sms')]),
    status: Type.Union(['pending', 'accepted', 'ignored', 'withdrawn', 'expired'].map((s) => Type.Literal(s))),
    sender: Type.Object({ id: Type.String(), name: Type.String() }),
    recipient: Type.Object({
      memberId: Type.Optional(Type.String()),
      name: Type.Optional(Type.String()),
      email: Type.Optional(Type.String()),
      phone: Type.Optional(Type.String()),
    }),
    message: Nullable(Type.String()),
    createdAt: Iso,
    expiresAt: Iso,
    respondedAt: Nullable(Iso),
    withdrawnAt: Nullable(Iso),
    withdrawable: Type.Boolean(),
    delivery: Type.Union(['none', 'queued', 'sent', 'failed', 'bounced'].map((s) => Type.Literal(s))),
    reinviteAvailableAt: Type.Optional(Nullable(Iso)),
  },
  { description: 'An invitation, as its viewer may see it' },
);

export interface PresentOptions {
  now: Date;
  reinviteCooldownMs: number;
}

export interface RecipientView {
  memberId?: string;
  name?: string;
  email?: string;
  phone?: string;
}

/**
 * The recipient as `viewerId` may know them. The one place that decides it: every reply, list,
 * folder and page that shows a recipient takes it from here. To the sender of an e-mail or SMS
 * invitation, the recipient is the address or number they typed, exactly as for a stranger's,
 * even when it reached a member — unless the two are connected, and so know each other. Sending
 * never reveals who owns an address, whatever the member's `findableByEmail`.
 */
export function recipientAsSeenBy(inv: InvitationView, viewerId: string): RecipientView {
  const known = inv.sender_id !== viewerId || inv.channel === 'member' || Boolean(inv.recipient_connected);
  const recipient: RecipientView = {};
  if (known && inv.recipient_member_id) recipient.memberId = inv.recipient_member_id;
  if (known && inv.recipient_name) recipient.name = inv.recipient_name;
  if (inv.recipient_email) recipient.email = inv.recipient_email;
  if (inv.recipient_phone) recipient.phone = inv.recipient_phone;
  return recipient;
}

/** The invitation as `viewerId` may see it: to its sender an ignore still reads as pending. */
export function presentInvitation(inv: InvitationView, viewerId: string, opts: PresentOptions) {
  const isSender = inv.sender_id === viewerId;
  const actual = effectiveStatus(inv, opts.now);
  const status = isSender ? senderStatus(actual) : actual;
  const recipient = recipientAsSeenBy(inv, viewerId);
  const hideResponse = isSender && inv.status === 'ignored';
  return {
    id: inv.id,
    channel: inv.channel,
    status,
    sender: { id: inv.sender_id, name: inv.sender_name },
    recipient,
    message: inv.message,
    createdAt: inv.created_at,
    expiresAt: inv.expires_at,
    respondedAt: hideResponse ? null : inv.responded_at,
    withdrawnAt: inv.withdrawn_at,
    withdrawable: isSender && status === 'pending',
    delivery: isSender ? inv.delivery : 'none',
    ...(isSender && inv.status === 'withdrawn' && inv.withdrawn_at
      ? { reinviteAvailableAt: iso(addMs(new Date(inv.withdrawn_at), opts.reinviteCooldownMs)) }
      : {}),
  };
}
