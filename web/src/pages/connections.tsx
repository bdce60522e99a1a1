/** My connections, newest first. */
import { Empty, ErrorState, Loading, LoadMore } from '../components/status';
import { api } from '../lib/api';
import { formatDate, initials } from '../lib/format';
import { usePaged, useTitle } from '../lib/hooks';
import { Link } from '../lib/router';
import type { Connection, Page } from '../lib/types';

export function ConnectionsPage() {
  useTitle('Connections');
  const list = usePaged<Connection>(
    (cursor) => `/connections?limit=50${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`,
    (path, signal) => api<Page<Connection>>('GET', path, { signal }),
    [],
  );
  return (
    <div className="page">
      <div className="page-head">
        <h1>Connections</h1>
      </div>
      {list.loading ? (
        <Loading />
      ) : list.error ? (
        <ErrorState error={list.error} onRetry={list.reload} />
      ) : list.items.length === 0 ? (
        <Empty>
          You have no connections yet. <Link to="/people-you-may-know">Find people you may know</Link>
        </Empty>
      ) : (
        <ul className="list">
          {list.items.map((c) => (
            <li key={c.member.id} className="row">
              <span className="avatar" aria-hidden="true">
                {initials(c.member.name)}
              </span>
              <div className="row-main">
                <p className="row-title">
                  <Link to={`/members/${encodeURIComponent(c.member.id)}`}>{c.member.name}</Link>
                </p>
                <p className="meta">
                  {c.member.headline} · connected {formatDate(c.connectedAt)}
                </p>
              </div>
            </li>
          ))}
        </ul>
      )}
      <LoadMore hasMore={list.hasMore && !list.loading} loading={list.loadingMore} error={list.moreError} onMore={list.loadMore} />
    </div>
  );
}
