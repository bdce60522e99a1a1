/** The transactional outbox: messages are rows written in the same transaction as their cause. */
import type { Trx } from '../db/database.js';
import { newId } from '../shared/crypto.js';

/** What each kind of message carries, as its cause writes it. */
export interface MessagePayloads {
  invitation: Record<string, never>;
  /** The n-th reminder of the schedule, from 1. */
  reminder: { reminder: number };
  invitation_accepted: Record<string, never>;
  support_request_done: { requestId: string; withdrawn: number };
  /** The verification link's token of an address, and when that link stops working. */
  email_verification: { verifyToken: string; expiresAt: string };
  /**
   * Unread messages in a conversation, to one of its members: the message that opened the
   * coalescing window, and when that window ends.
   */
  message_email: { conversationId: string; memberId: string; messageId: string; windowUntil: string };
}

export type MessageKind = keyof MessagePayloads;

/** Payload version written with every message; a worker reading another version is to convert it. */
export const PAYLOAD_VERSION = 1;

interface Message<K extends MessageKind> {
  kind: K;
  channel: 'email' | 'sms';
  recipient: string;
  invitationId?: string | null;
  dueAt: string;
  payload: MessagePayloads[K];
}

/** A message to enqueue: its payload is the one of its kind. */
export type OutgoingMessage = { [K in MessageKind]: Message<K> }[MessageKind];

/**
 * A payload as the worker reads it back: the version, and for invitations and reminders the secrets
 * of their links, which the worker adds when it first claims the message (so a resend is identical)
 * and removes once it is done with it.
 */
export type StoredPayload<K extends MessageKind> = MessagePayloads[K] & { v: number } & LinkSecrets;

/** The secrets a payload may hold while its message is being sent, and no longer once it is done. */
export interface LinkSecrets {
  linkToken?: string;
  optOutToken?: string;
  verifyToken?: string;
  /** The one-click unsubscribe link of a notification e-mail. */
  unsubscribeToken?: string;
}

/** A queued message's kind with its payload, so code that reads one narrows on `kind`. */
export type QueuedMessage = { [K in MessageKind]: { kind: K; payload: StoredPayload<K> } }[MessageKind];

/** Reads a row's payload as the one of its kind. */
export function readMessage(row: { kind: string; payload: string }): QueuedMessage {
  return { kind: row.kind, payload: JSON.parse(row.payload) } as QueuedMessage;
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
        payload: JSON.stringify({ v: PAYLOAD_VERSION, ...m.payload }),
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
