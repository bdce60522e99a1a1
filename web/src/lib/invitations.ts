/**
 * Invitations: the lists and counts the pages read, and the actions on them. Each action edits the
 * cached lists it changes at once and invalidates exactly the queries whose answer it changes.
 */
import { queryOptions, useMutation, useQueryClient } from '@tanstack/react-query';
import { api, ApiError, type Body } from './api';
import { dropCachedItems, editCachedItems, invalidate, keys, type SentFilters, setCached } from './query';
import type { InboxItem, Invitation, Profile } from './types';

export type Recipient = { memberId: string; email?: string } | { email: string } | { phone: string };

/** The pending invitations I sent matching `filters`, a page at a time. */
export const fetchSentPage = (filters: SentFilters, limit: number) => (cursor: string | null, signal: AbortSignal) =>
  api('get', '/invitations/sent', { query: { ...filters, status: 'pending', limit, cursor: cursor ?? undefined }, signal });

export const sentCountQuery = (filters: SentFilters) =>
  queryOptions({ queryKey: keys.sentCount(filters), queryFn: ({ signal }) => api('get', '/invitations/sent/count', { query: filters, signal }) });

/** The invitations I withdrew lately, with when each recipient can be invited again. */
export const withdrawnQuery = queryOptions({
  queryKey: keys.withdrawn,
  queryFn: ({ signal }) => api('get', '/invitations/sent', { query: { status: 'withdrawn', limit: 10 }, signal }),
});

/** Invitations waiting for my answer, a page of `limit` at a time. */
export const fetchReceivedPage = (limit: number) => (cursor: string | null, signal: AbortSignal) =>
  api('get', '/invitations/received', { query: { limit, cursor: cursor ?? undefined }, signal });

/** The newest invitations waiting for my answer (the Add Connections dropdown, People You May Know). */
export const newestReceivedQuery = (limit: number) =>
  queryOptions({ queryKey: keys.receivedList(limit), queryFn: ({ signal }) => fetchReceivedPage(limit)(null, signal) });

export const invitationQuery = (id: string) =>
  queryOptions({ queryKey: keys.invitation(id), queryFn: ({ signal }) => api('get', '/invitations/{id}', { params: { id }, signal }) });

/** A random key; crypto.randomUUID exists only on HTTPS and localhost. */
function randomKey(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  return Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
}

type Client = ReturnType<typeof useQueryClient>;

/** Puts an invitation's new state wherever it is shown on its own: its message, its row in the inbox. */
async function showInvitation(client: Client, inv: Invitation, folder: 'received' | 'sent'): Promise<void> {
  await Promise.all([
    setCached(client, keys.invitation(inv.id), () => inv),
    editCachedItems<InboxItem>(client, keys.inboxFolder(folder), (items) =>
      items.map((item) => (item.invitation?.id === inv.id ? { ...item, invitation: inv } : item)),
    ),
  ]);
}

/** Sends one invitation; the idempotency key makes a retried click send it once. */
export function useSendInvitation() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: ({ recipient, message }: { recipient: Recipient; message: string | null }) =>
      api('post', '/invitations', { body: { ...recipient, ...(message ? { message } : {}) }, headers: { 'idempotency-key': randomKey() } }),
    onSuccess: async (inv) => {
      const memberId = inv.recipient.memberId;
      if (memberId) await setCached<Profile>(client, keys.member(memberId), (p) => p && { ...p, relationship: 'invitation_sent' });
      invalidate(client, keys.sent, keys.inboxFolder('sent'), keys.me, ...(memberId ? [keys.member(memberId)] : []));
    },
  });
}

/** Sends invitations to many e-mail addresses at once (contacts import). */
export function useSendBatch() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (emails: string[]) => api('post', '/invitations/batch', { body: { recipients: emails.map((email) => ({ email })) } }),
    onSuccess: () => invalidate(client, keys.sent, keys.inboxFolder('sent'), keys.me),
  });
}

/** After withdrawals: gone from the pending lists, counted again everywhere. */
async function afterWithdrawal(client: Client, ids: string[]): Promise<void> {
  await dropCachedItems<Invitation>(client, keys.sent, ids);
  invalidate(client, keys.sent, keys.inboxFolder('sent'), keys.me, keys.members);
}

/** Withdraws one invitation I sent (from the inbox with `via: 'inbox'`). */
export function useWithdraw() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: ({ id, via }: { id: string; via?: 'inbox' }) => api('post', '/invitations/{id}/withdraw', { params: { id }, body: via ? { via } : {} }),
    onSuccess: async (inv) => {
      await showInvitation(client, inv, 'sent');
      await afterWithdrawal(client, [inv.id]);
    },
    onError: async (err, { id }) => {
      // Answered or expired meanwhile: it is no longer pending, wherever it is shown.
      if (err instanceof ApiError && err.code === 'not_withdrawable') await afterWithdrawal(client, [id]);
      invalidate(client, keys.invitation(id));
    },
  });
}

/** Withdraws the chosen invitations, or all that match a filter. */
export function useBulkWithdraw() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (body: Body<'/invitations/withdraw', 'post'>) => api('post', '/invitations/withdraw', { body }),
    onSuccess: async (result) => {
      // The skipped ones are no longer pending either: answered or expired meanwhile.
      await afterWithdrawal(client, [...result.withdrawnIds, ...result.skipped.map((s) => s.id)]);
      invalidate(client, keys.invitations);
    },
  });
}

export type Answer = 'accept' | 'ignore' | 'dont_know' | 'spam';

/** After answers: gone from the waiting lists, badges and the senders' profiles read again. */
async function afterAnswers(client: Client, ids: string[], accepted: boolean): Promise<void> {
  await dropCachedItems<Invitation>(client, keys.received, ids);
  invalidate(client, keys.received, keys.inboxFolder('received'), keys.me, keys.members, ...(accepted ? [keys.connections, keys.suggestions] : []));
}

const answerOne = async (id: string, answer: Answer): Promise<Invitation> => {
  if (answer === 'accept') return (await api('post', '/invitations/{id}/accept', { params: { id } })).invitation;
  return api('post', '/invitations/{id}/ignore', { params: { id }, body: answer === 'ignore' ? {} : { reason: answer } });
};

/** Accepts or ignores (optionally saying why) one invitation to me. */
export function useAnswer() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: ({ id, answer }: { id: string; answer: Answer }) => answerOne(id, answer),
    onSuccess: async (inv, { answer }) => {
      await showInvitation(client, inv, 'received');
      await afterAnswers(client, [inv.id], answer === 'accept');
    },
    onError: async (err, { id }) => {
      // Withdrawn or answered elsewhere meanwhile: no longer waiting.
      if (err instanceof ApiError && (err.code === 'not_pending' || err.code === 'not_found')) await afterAnswers(client, [id], false);
    },
  });
}

/** Answers many invitations: accept and ignore in one request, the reports one by one. */
export function useAnswerMany() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: async ({ ids, answer }: { ids: string[]; answer: Answer }): Promise<{ done: string[]; failed: number }> => {
      if (answer === 'accept' || answer === 'ignore') {
        const result = await api('post', '/invitations/respond', { body: { ids, action: answer } });
        return { done: result.done, failed: result.skipped.length };
      }
      const outcomes = await Promise.allSettled(ids.map((id) => answerOne(id, answer)));
      return { done: ids.filter((_, i) => outcomes[i]!.status === 'fulfilled'), failed: outcomes.filter((o) => o.status === 'rejected').length };
    },
    // Every one asked about is settled: answered now, or already answered or withdrawn.
    onSuccess: async (_result, { ids, answer }) => {
      await afterAnswers(client, ids, answer === 'accept');
      invalidate(client, keys.invitations);
    },
  });
}

/**
 * Replies to an invitation I received without answering it: the reply opens (or continues) the
 * conversation with its sender; the invitation stays pending.
 */
export function useReplyToInvitation() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: ({ id, text }: { id: string; text: string }) => api('post', '/invitations/{id}/reply', { params: { id }, body: { text } }),
    onSuccess: () => invalidate(client, ['conversations'], keys.inbox, keys.me),
  });
}
