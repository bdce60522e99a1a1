/** People: profiles, my connections, suggestions, and what I do with them. */
import { queryOptions, useMutation, useQueryClient } from '@tanstack/react-query';
import { api } from './api';
import { editCachedItems, invalidate, keys, setCached } from './query';
import type { Invitation, Page, Profile, Suggestion } from './types';

export const profileQuery = (id: string) =>
  queryOptions({ queryKey: keys.member(id), queryFn: ({ signal }) => api('get', '/members/{id}', { params: { id }, signal }) });

export const fetchConnectionsPage = (limit: number) => (cursor: string | null, signal: AbortSignal) =>
  api('get', '/connections', { query: { limit, cursor: cursor ?? undefined }, signal });

/** My newest connections (the home page). */
export const newestConnectionsQuery = queryOptions({
  queryKey: keys.connectionList(6),
  queryFn: ({ signal }) => fetchConnectionsPage(6)(null, signal),
});

export const fetchSuggestionsPage = (cursor: string | null, signal: AbortSignal) =>
  api('get', '/people-you-may-know', { query: { limit: 12, cursor: cursor ?? undefined }, signal });

/** The pending invitation from `senderId` to me, looked for in the first pages of my received list. */
export async function findReceivedFrom(senderId: string): Promise<Invitation | null> {
  let cursor: string | null = null;
  for (let i = 0; i < 10; i++) {
    const page: Page<Invitation> = await api('get', '/invitations/received', { query: { limit: 100, cursor: cursor ?? undefined } });
    const hit = page.items.find((inv) => inv.sender.id === senderId);
    if (hit) return hit;
    cursor = page.nextCursor;
    if (!cursor) return null;
  }
  return null;
}

/** Stops suggesting a member; `undo` suggests them again. */
export function useDismissSuggestion() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: ({ memberId, undo = false }: { memberId: string; undo?: boolean }) =>
      api(undo ? 'delete' : 'post', '/people-you-may-know/{memberId}/dismiss', { params: { memberId } }),
    onSuccess: async (_done, { memberId, undo }) => {
      if (undo) invalidate(client, keys.suggestions);
      else await editCachedItems<Suggestion>(client, keys.suggestions, (items) => items.filter((s) => s.member.id !== memberId));
    },
  });
}

export function useRemoveConnection() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (memberId: string) => api('delete', '/connections/{memberId}', { params: { memberId } }),
    onSuccess: async (_done, memberId) => {
      await setCached<Profile>(client, keys.member(memberId), (p) => p && { ...p, relationship: 'none' });
      invalidate(client, keys.connections, keys.suggestions, keys.member(memberId));
    },
  });
}
