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

/** The invitation as `viewerId` may see it: to its sender an ignore still reads as pending. */
export function presentInvitation(inv: InvitationView, viewerId: string, opts: PresentOptions) {
  const isSender = inv.sender_id === viewerId;
  const actual = effectiveStatus(inv, opts.now);
  const status = isSender ? senderStatus(actual) : actual;
  const recipient: { memberId?: string; name?: string; email?: string; phone?: string } = {};
  if (inv.recipient_member_id) recipient.memberId = inv.recipient_member_id;
  if (inv.recipient_name) recipient.name = inv.recipient_name;
  if (inv.recipient_email) recipient.email = inv.recipient_email;
  if (inv.recipient_phone) recipient.phone = inv.recipient_phone;
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

export type InvitationDto = ReturnType<typeof presentInvitation>;
