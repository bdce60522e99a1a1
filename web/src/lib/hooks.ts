/** Loading data with loading, error and retry states, and paged lists with "Load more". */
import { type DependencyList, useCallback, useEffect, useRef, useState } from 'react';
import { ApiError } from './api';
import type { Page } from './types';

export interface Resource<T> {
  data: T | undefined;
  error: ApiError | undefined;
  loading: boolean;
  reload(): void;
  setData(update: (current: T | undefined) => T | undefined): void;
}

const asApiError = (error: unknown) => (error instanceof ApiError ? error : new ApiError(0, 'unexpected', String(error)));
const isAbort = (error: unknown) => error instanceof DOMException && error.name === 'AbortError';

/** Loads `load()` whenever `deps` change (or `reload()` is called); the previous load is aborted. */
export function useResource<T>(load: (signal: AbortSignal) => Promise<T>, deps: DependencyList): Resource<T> {
  const [data, setDataState] = useState<T>();
  const [error, setError] = useState<ApiError>();
  const [loading, setLoading] = useState(true);
  const [attempt, setAttempt] = useState(0);
  const loadRef = useRef(load);
  loadRef.current = load;

  useEffect(() => {
    const controller = new AbortController();
    setLoading(true);
    setError(undefined);
    loadRef.current(controller.signal).then(
      (value) => {
        if (controller.signal.aborted) return;
        setDataState(value);
        setLoading(false);
      },
      (err: unknown) => {
        if (controller.signal.aborted || isAbort(err)) return;
        setError(asApiError(err));
        setLoading(false);
      },
    );
    return () => controller.abort();
  }, [...deps, attempt]);

  const reload = useCallback(() => setAttempt((n) => n + 1), []);
  const setData = useCallback((update: (current: T | undefined) => T | undefined) => setDataState(update), []);
  return { data, error, loading, reload, setData };
}

export interface PagedList<T> {
  items: T[];
  loading: boolean;
  error: ApiError | undefined;
  hasMore: boolean;
  loadingMore: boolean;
  moreError: ApiError | undefined;
  loadMore(): void;
  reload(): void;
  /** Drops items (after a withdrawal or an answer) without reloading. */
  remove(keep: (item: T) => boolean): void;
  update(change: (item: T) => T): void;
}

/** A cursor-paged list: the first page loads whenever `deps` change; `loadMore()` appends the next. */
export function usePaged<T>(pathFor: (cursor: string | null) => string, fetchPage: (path: string, signal: AbortSignal) => Promise<Page<T>>, deps: DependencyList): PagedList<T> {
  const [items, setItems] = useState<T[]>([]);
  const [cursor, setCursor] = useState<string | null>(null);
  const [loading, setLoading] = useState(true);
  const [error, setError] = useState<ApiError>();
  const [loadingMore, setLoadingMore] = useState(false);
  const [moreError, setMoreError] = useState<ApiError>();
  const [attempt, setAttempt] = useState(0);
  const generation = useRef(0);
  const pathRef = useRef(pathFor);
  pathRef.current = pathFor;
  const fetchRef = useRef(fetchPage);
  fetchRef.current = fetchPage;

  useEffect(() => {
    const controller = new AbortController();
    const mine = ++generation.current;
    setLoading(true);
    setError(undefined);
    setMoreError(undefined);
    fetchRef.current(pathRef.current(null), controller.signal).then(
      (page) => {
        if (generation.current !== mine) return;
        setItems(page.items);
        setCursor(page.nextCursor);
        setLoading(false);
      },
      (err: unknown) => {
        if (generation.current !== mine || isAbort(err)) return;
        setItems([]);
        setCursor(null);
        setError(asApiError(err));
        setLoading(false);
      },
    );
    return () => controller.abort();
  }, [...deps, attempt]);

  const loadMore = useCallback(() => {
    if (!cursor || loadingMore) return;
    const mine = generation.current;
    setLoadingMore(true);
    setMoreError(undefined);
    fetchRef.current(pathRef.current(cursor), new AbortController().signal).then(
      (page) => {
        if (generation.current !== mine) return;
        setItems((current) => [...current, ...page.items]);
        setCursor(page.nextCursor);
        setLoadingMore(false);
      },
      (err: unknown) => {
        if (generation.current !== mine) return;
        setMoreError(asApiError(err));
        setLoadingMore(false);
      },
    );
  }, [cursor, loadingMore]);

  return {
    items,
    loading,
    error,
    hasMore: cursor !== null,
    loadingMore,
    moreError,
    loadMore,
    reload: useCallback(() => setAttempt((n) => n + 1), []),
    remove: useCallback((keep: (item: T) => boolean) => setItems((current) => current.filter(keep)), []),
    update: useCallback((change: (item: T) => T) => setItems((current) => current.map(change)), []),
  };
}

/** `value`, once it has stopped changing for `ms`. */
export function useDebounced<T>(value: T, ms: number): T {
  const [settled, setSettled] = useState(value);
  useEffect(() => {
    const timer = window.setTimeout(() => setSettled(value), ms);
    return () => window.clearTimeout(timer);
  }, [value, ms]);
  return settled;
}

/** Sets the document's title while a page is shown. */
export function useTitle(title: string): void {
  useEffect(() => {
    document.title = title ? `${title} · Rapport` : 'Rapport';
  }, [title]);
}
