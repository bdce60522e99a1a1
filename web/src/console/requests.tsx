/** The queue of support requests, open first; each leads to the member's withdraw-all. */
import { useState } from 'react';
import { Empty, ErrorState, Loading, LoadMore } from '../components/status';
import { api, query } from '../lib/api';
import { formatDateTime } from '../lib/format';
import { usePaged } from '../lib/hooks';
import { Link } from '../lib/router';
import type { Page, SupportRequest } from '../lib/types';

export function RequestsSection() {
  const [status, setStatus] = useState<'open' | 'done' | ''>('open');
  const list = usePaged<SupportRequest>(
    (cursor) => `/support/requests${query({ status, limit: 25, cursor })}`,
    (path, signal) => api<Page<SupportRequest>>('GET', path, { signal }),
    [status],
  );
  return (
    <section aria-labelledby="requests-title">
      <div className="section-head">
        <h2 id="requests-title">Requests</h2>
        <div className="field inline">
          <label htmlFor="request-status">Show</label>
          <select id="request-status" value={status} onChange={(e) => setStatus(e.target.value as typeof status)}>
            <option value="open">Open</option>
            <option value="done">Done</option>
            <option value="">All</option>
          </select>
        </div>
      </div>
      {list.loading ? (
        <Loading />
      ) : list.error ? (
        <ErrorState error={list.error} onRetry={list.reload} />
      ) : list.items.length === 0 ? (
        <Empty>No {status === 'open' ? 'open ' : status === 'done' ? 'finished ' : ''}requests.</Empty>
      ) : (
        <ul className="list">
          {list.items.map((r) => (
            <li key={r.id} className="row">
              <div className="row-main">
                <p className="row-title">
                  <strong>{r.member.name}</strong> <span className="muted">· {r.member.email}</span>{' '}
                  <span className={`chip ${r.status === 'done' ? 'success' : ''}`}>{r.status === 'done' ? 'Done' : 'Open'}</span>
                </p>
                <p className="meta">Cancel all pending invitations · asked {formatDateTime(r.createdAt)}{r.resolvedAt ? ` · done ${formatDateTime(r.resolvedAt)}` : ''}</p>
                {r.message && <p className="note">{r.message}</p>}
              </div>
              {r.status === 'open' && (
                <div className="row-actions">
                  <Link className="button small primary" to={`/console/members${query({ member: r.member.id, request: r.id })}`} aria-label={`Handle the request from ${r.member.name}`}>
                    Handle
                  </Link>
                </div>
              )}
            </li>
          ))}
        </ul>
      )}
      <LoadMore hasMore={list.hasMore && !list.loading} loading={list.loadingMore} error={list.moreError} onMore={list.loadMore} />
    </section>
  );
}
