/**
 * The inbox: its folders a page at a time, and their read state. Opening a message reads it;
 * everything can be read at once. Each change puts the server's new counts on the badges at once.
 */
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api } from './api';
import { editCachedItems, invalidate, keys, setCached } from './query';
import type { InboxItem, InboxUnread, Me } from './types';

export type Folder = 'received' | 'sent';

export const fetchInboxPage = (folder: Folder) => (cursor: string | null, signal: AbortSignal) =>
  api('get', '/inbox', { query: { folder, limit: 25, cursor: cursor ?? undefined }, signal });

type Client = ReturnType<typeof useQueryClient>;

/** The read state the server now has: on the badges, and on the rows of the cached folders. */
async function showRead(client: Client, unread: InboxUnread, read: boolean, which: (item: InboxItem) => boolean, folder?: Folder): Promise<void> {
  const lists = folder ? keys.inboxFolder(folder) : keys.inbox;
  await Promise.all([
    setCached<Me | null>(client, keys.me, (me) => me && { ...me, inboxUnread: unread }),
    editCachedItems<InboxItem>(client, lists, (items) => items.map((item) => (which(item) ? { ...item, read } : item))),
  ]);
  invalidate(client, keys.me, lists);
}

export function useMarkRead() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (id: string) => api('post', '/inbox/{id}/read', { params: { id } }),
    onSuccess: (done) => showRead(client, done.unread, true, (item) => item.id === done.id),
  });
}

export function useMarkUnread() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (id: string) => api('post', '/inbox/{id}/unread', { params: { id } }),
    onSuccess: (done) => showRead(client, done.unread, false, (item) => item.id === done.id),
  });
}

/** Marks every message of `folder` read, or of both folders without one. */
export function useMarkAllRead() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (folder?: Folder) => api('post', '/inbox/read-all', { query: folder ? { folder } : {} }),
    onSuccess: (done, folder) => showRead(client, done.unread, true, () => true, folder),
  });
}
