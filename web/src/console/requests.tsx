/** The queue of support requests, open first; each leads to the member's withdraw-all. */
import { Link, useSearchParams } from 'react-router';
import { QueryState } from '../components/query-state';
import { Empty } from '../components/status';
import { api, query } from '../lib/api';
import { formatDateTime } from '../lib/format';
import { keys, usePagedQuery } from '../lib/query';

const STATUSES = ['open', 'done', 'all'] as const;
type Shown = (typeof STATUSES)[number];

export function RequestsSection() {
  // Which requests are shown is kept in the URL (?status=), open ones by default.
  const [search, setSearch] = useSearchParams();
  const wanted = search.get('status') as Shown | null;
  const status: Shown = wanted && STATUSES.includes(wanted) ? wanted : 'open';
  const list = usePagedQuery({
    queryKey: keys.supportRequestList(status),
    fetchPage: (cursor, signal) =>
      api('get', '/support/requests', { query: { ...(status === 'all' ? {} : { status }), limit: 25, cursor: cursor ?? undefined }, signal }),
  });
  const show = (value: Shown) => setSearch(value === 'open' ? {} : { status: value }, { replace: true, preventScrollReset: true });
  return (
    <section aria-labelledby="requests-title">
      <div className="section-head">
        <h2 id="requests-title">Requests</h2>
        <div className="field inline">
          <label htmlFor="request-status">Show</label>
          <select id="request-status" value={status} onChange={(e) => show(e.target.value as Shown)}>
            <option value="open">Open</option>
            <option value="done">Done</option>
            <option value="all">All</option>
          </select>
        </div>
      </div>
      <QueryState query={list} empty={<Empty>No {status === 'open' ? 'open ' : status === 'done' ? 'finished ' : ''}requests.</Empty>}>
        {(items) => (
          <ul className="list">
            {items.map((r) => (
              <li key={r.id} className="row">
                <div className="row-main">
                  <p className="row-title">
                    <strong>{r.member.name}</strong> <span className="muted">· {r.member.email}</span>{' '}
                    <span className={`chip ${r.status === 'done' ? 'success' : ''}`}>{r.status === 'done' ? 'Done' : 'Open'}</span>
                  </p>
                  <p className="meta">
                    Cancel all pending invitations · asked {formatDateTime(r.createdAt)}
                    {r.resolvedAt ? ` · done ${formatDateTime(r.resolvedAt)}` : ''}
                  </p>
                  {r.message && <p className="note">{r.message}</p>}
                </div>
                {r.status === 'open' && (
                  <div className="row-actions">
                    <Link
                      className="button small primary"
                      to={`/console/members${query({ member: r.member.id, request: r.id })}`}
                      aria-label={`Handle the request from ${r.member.name}`}
                    >
                      Handle
                    </Link>
                  </div>
                )}
              </li>
            ))}
          </ul>
        )}
      </QueryState>
    </section>
  );
}
