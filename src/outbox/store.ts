/** The transactional outbox: messages are rows written in the same transaction as their cause. */
import type { Trx } from '../db/database.js';
import { newId } from '../shared/crypto.js';

export type MessageKind = 'invitation' | 'reminder' | 'invitation_accepted' | 'support_request_done' | 'email_verification';

export interface OutgoingMessage {
  kind: MessageKind;
  channel: 'email' | 'sms';
  recipient: string;
  invitationId?: string | null;
  dueAt: string;
  payload: Record<string, unknown>;
}

export async function enqueueMessages(trx: Trx, messages: OutgoingMessage[], now: string): Promise<void> {
  if (messages.length === 0) return;
  await trx
    .insertInto('outbox')
    .values(
      messages.map((m) => ({
        id: newId(),
        kind: m.kind,
        channel: m.channel,
        recipient: m.recipient,
        invitation_id: m.invitationId ?? null,
        payload: JSON.stringify({ v: 1, ...m.payload }),
        status: 'queued' as const,
        due_at: m.dueAt,
        attempts: 0,
        lease_until: null,
        last_error: null,
        created_at: now,
        sent_at: null,
      })),
    )
    .execute();
}
