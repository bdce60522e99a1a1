/** The invitation actions the pages share. */
import { api } from './api';
import type { Invitation } from './types';

const at = (id: string) => `/invitations/${encodeURIComponent(id)}`;

export type Recipient = { memberId: string; email?: string } | { email: string } | { phone: string };

/** A random key; crypto.randomUUID exists only on HTTPS and localhost. */
function randomKey(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  return Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
}

/** Sends one invitation; the idempotency key makes a retried click send it once. */
export function sendInvitation(recipient: Recipient, message: string | null): Promise<Invitation> {
  const key = randomKey();
  return api<Invitation>('POST', '/invitations', { body: { ...recipient, ...(message ? { message } : {}) }, headers: { 'idempotency-key': key } });
}

export const acceptInvitation = (id: string) => api<{ invitation: Invitation }>('POST', `${at(id)}/accept`);

export const ignoreInvitation = (id: string, reason?: 'dont_know' | 'spam') =>
  api<Invitation>('POST', `${at(id)}/ignore`, { body: reason ? { reason } : {} });

export const withdrawInvitation = (id: string, via?: 'inbox') => api<Invitation>('POST', `${at(id)}/withdraw`, { body: via ? { via } : {} });

export const getInvitation = (id: string, signal?: AbortSignal) => api<Invitation>('GET', at(id), { signal });
