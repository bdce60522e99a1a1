/**
 * What a query shows, the same everywhere: loading, an error with "Try again", empty, or its data,
 * and for a paged list its "Load more" with that step's own error.
 */
import type { ReactNode } from 'react';
import { ErrorState, Loading, LoadMore } from './status';

/** The parts of a TanStack query result (or a paged list) that decide what is shown. */
export interface Loadable<T> {
  data: T | undefined;
  isPending: boolean;
  isError: boolean;
  isFetching: boolean;
  error: unknown;
  refetch(): unknown;
  hasNextPage?: boolean;
  isFetchingNextPage?: boolean;
  isFetchNextPageError?: boolean;
  fetchNextPage?(): unknown;
}

export interface QueryStateProps<T> {
  query: Loadable<T>;
  children(data: T): ReactNode;
  /** Shown instead of `children` when the data is an empty list (or `isEmpty` says so). */
  empty?: ReactNode;
  isEmpty?(data: T): boolean;
  loading?: ReactNode;
  /** How a failure reads; by default the error state with "Try again". */
  failed?(error: unknown, retry: () => void): ReactNode;
  moreLabel?: string;
}

const emptyList = (data: unknown) => Array.isArray(data) && data.length === 0;

export function QueryState<T>({ query, children, empty, isEmpty = emptyList, loading = <Loading />, failed, moreLabel }: QueryStateProps<T>) {
  const retry = () => void query.refetch();
  // A failed "Load more" keeps the list; a failed load (or reload) replaces it.
  const loadFailed = query.isError && !query.isFetchNextPageError;
  if (query.isPending || (loadFailed && query.isFetching)) return loading;
  if (loadFailed || query.data === undefined) return failed ? failed(query.error, retry) : <ErrorState error={query.error} onRetry={retry} />;
  const data = query.data;
  return (
    <>
      {empty !== undefined && isEmpty(data) ? empty : children(data)}
      {query.fetchNextPage && (
        <LoadMore
          hasMore={query.hasNextPage ?? false}
          loading={query.isFetchingNextPage ?? false}
          error={query.isFetchNextPageError ? query.error : undefined}
          onMore={() => void query.fetchNextPage?.()}
          label={moreLabel}
        />
      )}
    </>
  );
}
