/** The home page: a greeting, what waits for me, my balance, and my newest connections. */
import { useQuery } from '@tanstack/react-query';
import { Link } from 'react-router';
import { BalanceSummary } from '../components/balance';
import { QueryState } from '../components/query-state';
import { useTitle } from '../lib/hooks';
import { sentCountQuery } from '../lib/invitations';
import { newestConnectionsQuery } from '../lib/people';
import { useMe } from '../lib/session';

export function HomePage() {
  useTitle('Home');
  const me = useMe();
  const connections = useQuery({ ...newestConnectionsQuery, select: (page) => page.items });
  const sent = useQuery(sentCountQuery({}));
  const first = me.member.name.split(/\s+/)[0] ?? me.member.name;

  return (
    <div className="page">
      <div className="page-head">
        <h1>Welcome, {first}</h1>
        {me.member.headline && <p className="muted">{me.member.headline}</p>}
      </div>
      <div className="grid-2">
        <section className="card section" aria-labelledby="waiting-title">
          <h2 id="waiting-title">Waiting for your answer</h2>
          <p className="big-number">{me.receivedPending.toLocaleString()}</p>
          <p>
            <Link to="/invitations/received">{me.receivedPending === 1 ? 'See the invitation' : 'See the invitations'} you received</Link>
          </p>
        </section>
        <section className="card section" aria-labelledby="awaiting-title">
          <h2 id="awaiting-title">Awaiting a response</h2>
          <p className="big-number">{sent.data ? sent.data.count.toLocaleString() : '…'}</p>
          <p>
            <Link to="/invitations/sent">Review what you sent</Link>
          </p>
        </section>
      </div>
      <section className="card section" aria-labelledby="balance-title">
        <h2 id="balance-title">Your invitations</h2>
        <BalanceSummary me={me} />
        <p>
          <Link to="/people-you-may-know">Find people you may know</Link>
        </p>
      </section>
      <section className="card section" aria-labelledby="connections-title">
        <div className="section-head">
          <h2 id="connections-title">Your newest connections</h2>
          <Link to="/connections">All connections</Link>
        </div>
        <QueryState query={connections} empty={<p className="muted">No connections yet.</p>}>
          {(items) => (
            <ul className="plain-list">
              {items.map((c) => (
                <li key={c.member.id}>
                  <Link to={`/members/${encodeURIComponent(c.member.id)}`}>{c.member.name}</Link>
                  {c.member.headline && <span className="muted"> · {c.member.headline}</span>}
                </li>
              ))}
            </ul>
          )}
        </QueryState>
      </section>
    </div>
  );
}
