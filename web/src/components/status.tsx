/** Loading, error (with retry) and empty states, the same on every page (QueryState puts them together). */
import type { ReactNode } from 'react';
import { describeError } from '../lib/messages';

export function Loading({ label = 'Loading…' }: { label?: string }) {
  return (
    <div className="loading" role="status" aria-live="polite">
      <span className="spinner" aria-hidden="true" />
      <span>{label}</span>
    </div>
  );
}

export function ErrorState({ error, onRetry, title = "This couldn't be loaded" }: { error: unknown; onRetry?: () => void; title?: string }) {
  return (
    <div className="error-state" role="alert">
      <p className="error-title">{title}</p>
      <p>{describeError(error)}</p>
      {onRetry && (
        <button type="button" className="button secondary" onClick={onRetry}>
          Try again
        </button>
      )}
    </div>
  );
}

export function Empty({ children }: { children: ReactNode }) {
  return <div className="empty">{children}</div>;
}

/** The "Load more" foot of a paged list, with its own error and retry. */
export function LoadMore({
  hasMore,
  loading,
  error,
  onMore,
  label = 'Load more',
}: {
  hasMore: boolean;
  loading: boolean;
  error: unknown;
  onMore(): void;
  label?: string;
}) {
  if (!hasMore) return null;
  return (
    <div className="load-more">
      {error ? <p className="inline-error">{describeError(error)}</p> : null}
      <button type="button" className="button secondary" onClick={onMore} disabled={loading} aria-busy={loading}>
        {loading ? 'Loading…' : error ? 'Try again' : label}
      </button>
    </div>
  );
}

/**
 * A number in a small red dot. It is drawn by CSS from an attribute, so it is no part of the icon
 * button's name ("Add Connections", exactly); the button's description says the number instead.
 */
export function Badge({ count }: { count: number }) {
  if (count <= 0) return null;
  return <span className="badge" data-count={count > 99 ? '99+' : String(count)} aria-hidden="true" />;
}
