/** My connections, newest first, each with Message. */
import { Link } from 'react-router';
import { QueryState } from '../components/query-state';
import { Empty } from '../components/status';
import { formatDate, initials } from '../lib/format';
import { useTitle } from '../lib/hooks';
import { fetchConnectionsPage } from '../lib/people';
import { keys, usePagedQuery } from '../lib/query';

const PAGE_SIZE = 50;

export function ConnectionsPage() {
  useTitle('Connections');
  const list = usePagedQuery({ queryKey: keys.connectionList(PAGE_SIZE), fetchPage: fetchConnectionsPage(PAGE_SIZE) });
  return (
    <div className="page">
      <div className="page-head">
        <h1>Connections</h1>
      </div>
      <QueryState
        query={list}
        empty={
          <Empty>
            You have no connections yet. <Link to="/people-you-may-know">Find people you may know</Link>
          </Empty>
        }
      >
        {(items) => (
          <ul className="list">
            {items.map((c) => (
              <li key={c.member.id} className="row">
                <span className="avatar" aria-hidden="true">
                  {initials(c.member.name)}
                </span>
                <div className="row-main">
                  <p className="row-title">
                    <Link to={`/members/${encodeURIComponent(c.member.id)}`}>{c.member.name}</Link>
                  </p>
                  <p className="meta">
                    {c.member.headline ? `${c.member.headline} · ` : ''}connected {formatDate(c.connectedAt)}
                  </p>
                </div>
                <div className="row-actions">
                  <Link className="button small secondary" to={`/messages/new?to=${encodeURIComponent(c.member.id)}`} aria-label={`Message ${c.member.name}`}>
                    Message
                  </Link>
                </div>
              </li>
            ))}
          </ul>
        )}
      </QueryState>
    </div>
  );
}
