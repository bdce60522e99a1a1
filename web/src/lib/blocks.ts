/**
 * Blocking: the members I blocked, and blocking or unblocking one. A block stops messages and
 * invitations both ways and withdraws the pending invitations between the two; nobody is told.
 */
import { queryOptions, useMutation, useQueryClient } from '@tanstack/react-query';
import { api } from './api';
import { conversationKeys } from './conversations';
import { invalidate, keys, setCached } from './query';
import type { Page } from './types';

export const blockKeys = {
  all: ['blocked'],
  list: ['blocked', 'list'],
  ids: ['blocked', 'ids'],
};

export const fetchBlockedPage = (cursor: string | null, signal: AbortSignal) =>
  api('get', '/me/blocked', { query: { limit: 50, cursor: cursor ?? undefined }, signal });

type BlockedItem = Awaited<ReturnType<typeof fetchBlockedPage>>['items'][number];

/** The ids of everyone I blocked (the first pages: enough to tell a thread or a profile). */
export const blockedIdsQuery = queryOptions({
  queryKey: blockKeys.ids,
  queryFn: async ({ signal }): Promise<Set<string>> => {
    const ids = new Set<string>();
    let cursor: string | null = null;
    for (let i = 0; i < 10; i++) {
      const page: Page<BlockedItem> = await api('get', '/me/blocked', { query: { limit: 100, cursor: cursor ?? undefined }, signal });
      for (const item of page.items) ids.add(item.member.id);
      cursor = page.nextCursor;
      if (!cursor) break;
    }
    return ids;
  },
});

/** Blocks (`block: true`) or unblocks a member; what they touch is read again. */
export function useBlock() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: ({ memberId, block }: { memberId: string; block: boolean }) =>
      block ? api('post', '/members/{id}/block', { params: { id: memberId }, body: {} }) : api('delete', '/members/{id}/block', { params: { id: memberId } }),
    onSuccess: async (_done, { memberId, block }) => {
      // Shown at once where the block is read; the list in Settings follows from the server.
      await setCached<Set<string>>(client, blockKeys.ids, (ids) => {
        const next = new Set(ids);
        if (block) next.add(memberId);
        else next.delete(memberId);
        return next;
      });
      invalidate(client, blockKeys.all, conversationKeys.all, keys.member(memberId), keys.received, keys.sent, keys.invitations, keys.inbox, keys.me);
    },
  });
}
