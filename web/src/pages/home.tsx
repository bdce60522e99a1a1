/** The home page: a greeting, what waits for me, my balance, and my newest connections. */
import { BalanceSummary } from '../components/balance';
import { ErrorState, Loading } from '../components/status';
import { api } from '../lib/api';
import { useResource, useTitle } from '../lib/hooks';
import { Link } from '../lib/router';
import { useMe } from '../lib/session';
import type { Connection, Page } from '../lib/types';

export function HomePage() {
  useTitle('Home');
  const me = useMe();
  const connections = useResource((signal) => api<Page<Connection>>('GET', '/connections?limit=6', { signal }), []);
  const sent = useResource((signal) => api<{ count: number }>('GET', '/invitations/sent/count', { signal }), []);
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
        {connections.loading && !connections.data ? (
          <Loading />
        ) : connections.error ? (
          <ErrorState error={connections.error} onRetry={connections.reload} />
        ) : connections.data && connections.data.items.length > 0 ? (
          <ul className="plain-list">
            {connections.data.items.map((c) => (
              <li key={c.member.id}>
                <Link to={`/members/${encodeURIComponent(c.member.id)}`}>{c.member.name}</Link>
                <span className="muted"> · {c.member.headline}</span>
              </li>
            ))}
          </ul>
        ) : (
          <p className="muted">No connections yet.</p>
        )}
      </section>
    </div>
  );
}
