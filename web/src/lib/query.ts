/**
 * The web app's data cache (TanStack Query): one client, the keys every query is stored under, edits
 * of cached lists after an action, and cursor-paged lists whose loaded length lives in the URL.
 *
 * Keys nest, so invalidating a prefix refreshes everything below it: `['invitations', 'sent']`
 * covers the pending list under every filter, its counts and the recently withdrawn.
 */
import { type InfiniteData, QueryClient, type QueryKey, useInfiniteQuery } from '@tanstack/react-query';
import { useCallback, useEffect, useMemo } from 'react';
import { useSearchParams } from 'react-router';
import type { ApiError } from './api';
import type { Channel, Page } from './types';

declare module '@tanstack/react-query' {
  interface Register {
    defaultError: ApiError;
  }
}

export const queryClient = new QueryClient({
  defaultOptions: {
    // A failure is shown at once with its own "Try again"; only the session follows the tab's focus.
    queries: { retry: false, refetchOnWindowFocus: false },
    mutations: { retry: false },
  },
});

/** The filters of my pending sent invitations, as the API takes them. */
export type SentFilters = { channel?: Channel; q?: string; olderThanDays?: number };

export const keys = {
  me: ['me'],
  sent: ['invitations', 'sent'],
  sentList: (filters: SentFilters) => ['invitations', 'sent', 'pending', filters],
  sentCount: (filters: SentFilters) => ['invitations', 'sent', 'count', filters],
  withdrawn: ['invitations', 'sent', 'withdrawn'],
  received: ['invitations', 'received'],
  receivedList: (limit: number) => ['invitations', 'received', limit],
  invitations: ['invitations', 'one'],
  invitation: (id: string) => ['invitations', 'one', id],
  inbox: ['inbox'],
  inboxFolder: (folder: 'received' | 'sent') => ['inbox', folder],
  connections: ['connections'],
  connectionList: (limit: number) => ['connections', limit],
  suggestions: ['people-you-may-know'],
  members: ['members'],
  member: (id: string) => ['members', id],
  settings: ['settings'],
  emails: ['emails'],
  supportRequests: ['support', 'requests'],
  supportRequestList: (status: string) => ['support', 'requests', status],
  memberSearch: (q: string) => ['support', 'members', q],
  audit: ['admin', 'audit'],
  auditList: (memberId: string, action: string) => ['admin', 'audit', memberId, action],
  flags: ['admin', 'features'],
  mailbox: ['dev', 'mailbox'],
  invitationLink: (token: string) => ['invitation-link', token],
  optOut: (token: string) => ['opt-out', token],
  messageEmailsUnsubscribe: (token: string) => ['message-emails-unsubscribe', token],
} satisfies Record<string, QueryKey | ((...args: never[]) => QueryKey)>;

type Cached<T> = Page<T> | InfiniteData<Page<T>, string | null>;

/**
 * Puts what an action returned into the cache. A read of `key` that started before the action would
 * bring the old answer back when it lands, so it is stopped first.
 */
export async function setCached<T>(client: QueryClient, key: QueryKey, update: (data: T | undefined) => T | undefined): Promise<void> {
  await client.cancelQueries({ queryKey: key, exact: true });
  client.setQueryData<T>(key, update);
}

/**
 * Edits the items of every cached list under `key`, paged (Load more) or a single page, so what an
 * action changed shows at once; invalidation then brings the server's view. Reads under way are
 * stopped first, as in setCached.
 */
export async function editCachedItems<T>(client: QueryClient, key: QueryKey, edit: (items: T[]) => T[]): Promise<void> {
  await client.cancelQueries({ queryKey: key });
  client.setQueriesData<Cached<T> | object>({ queryKey: key }, (data) => {
    if (data && 'pages' in data) return { ...data, pages: data.pages.map((page) => ({ ...page, items: edit(page.items) })) };
    // Counts and other replies under the same key are left to their invalidation.
    if (data && 'items' in data && Array.isArray(data.items)) return { ...data, items: edit(data.items) };
    return data;
  });
}

/** Drops the items whose id is in `ids` from every cached list under `key`. */
export function dropCachedItems<T extends { id: string }>(client: QueryClient, key: QueryKey, ids: Iterable<string>): Promise<void> {
  const gone = new Set(ids);
  return editCachedItems<T>(client, key, (items) => items.filter((item) => !gone.has(item.id)));
}

/** Refreshes every query under each key; nothing waits for them. */
export function invalidate(client: QueryClient, ...queryKeys: QueryKey[]): void {
  for (const queryKey of queryKeys) void client.invalidateQueries({ queryKey });
}

/** A cursor-paged list as the pages show it, with the state of its "Load more". */
export interface PagedQuery<T, P extends Page<T> = Page<T>> {
  data: T[] | undefined;
  /** The first page as the API gave it (with whatever else it says about the list). */
  firstPage: P | undefined;
  isPending: boolean;
  isError: boolean;
  isFetching: boolean;
  error: ApiError | null;
  refetch(): unknown;
  hasNextPage: boolean;
  isFetchingNextPage: boolean;
  isFetchNextPageError: boolean;
  fetchNextPage(): unknown;
}

const MAX_PAGES = 20;

export interface PagedOptions<P> {
  queryKey: QueryKey;
  fetchPage(cursor: string | null, signal: AbortSignal): Promise<P>;
  enabled?: boolean;
  /** The search parameter that keeps how many pages the member loaded, so a reload shows as many. */
  param?: string;
}

/** A list loaded a page at a time by "Load more": its pages stay in the cache, and how many are open is in the URL. */
export function usePagedQuery<P extends Page<unknown>>({
  queryKey,
  fetchPage,
  enabled = true,
  param = 'pages',
}: PagedOptions<P>): PagedQuery<P['items'][number], P> {
  const [search, setSearch] = useSearchParams();
  const wanted = Math.min(MAX_PAGES, Math.max(1, Math.trunc(Number(search.get(param))) || 1));
  const query = useInfiniteQuery({
    queryKey,
    queryFn: ({ pageParam, signal }) => fetchPage(pageParam, signal),
    initialPageParam: null as string | null,
    getNextPageParam: (last) => last.nextCursor,
    enabled,
  });
  const { data, hasNextPage, isFetching, isSuccess, fetchNextPage } = query;
  const loaded = data?.pages.length ?? 0;
  const items = useMemo(() => data?.pages.flatMap((page) => page.items as P['items'][number][]), [data]);

  // After a reload the cache is empty: load as many pages as the URL says the member had open.
  useEffect(() => {
    if (isSuccess && !isFetching && hasNextPage && loaded < wanted) void fetchNextPage();
  }, [isSuccess, isFetching, hasNextPage, loaded, wanted, fetchNextPage]);

  const loadMore = useCallback(() => {
    void fetchNextPage();
    setSearch(
      (current) => {
        const next = new URLSearchParams(current);
        next.set(param, String(Math.min(MAX_PAGES, loaded + 1)));
        return next;
      },
      { replace: true, preventScrollReset: true },
    );
  }, [fetchNextPage, setSearch, param, loaded]);

  return {
    data: items,
    firstPage: data?.pages[0],
    isPending: query.isPending,
    isError: query.isError,
    isFetching,
    error: query.error,
    refetch: query.refetch,
    hasNextPage,
    isFetchingNextPage: query.isFetchingNextPage,
    isFetchNextPageError: query.isFetchNextPageError,
    fetchNextPage: loadMore,
  };
}
