/**
 * The page a link in an invitation e-mail or SMS opens: accept (after logging in or signing up,
 * the invitation's address pre-filled), or a neutral "no longer available".
 */
import { useState } from 'react';
import { ErrorState, Loading } from '../components/status';
import { api, ApiError } from '../lib/api';
import { useResource, useTitle } from '../lib/hooks';
import { describeError } from '../lib/messages';
import { Link } from '../lib/router';
import { useSession } from '../lib/session';
import type { LinkInfo } from '../lib/types';
import type { PageProps } from '../app';

function Unavailable() {
  return (
    <div className="page narrow">
      <div className="card section">
        <h1>This invitation is no longer available</h1>
        <p>You can still find people you know on Rapport.</p>
        <p>
          <Link to="/">Go to Rapport</Link>
        </p>
      </div>
    </div>
  );
}

export function InvitationLinkPage({ params }: PageProps) {
  const token = params.token!;
  const { me, refresh } = useSession();
  const link = useResource((signal) => api<LinkInfo>('GET', `/invitation-links/${encodeURIComponent(token)}`, { signal, quiet401: true }), [token]);
  const [accepted, setAccepted] = useState<string | null>(null);
  const [gone, setGone] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  useTitle(link.data?.available && link.data.sender ? `Invitation from ${link.data.sender.name}` : 'Invitation');

  if (link.loading && !link.data) return <Loading />;
  if (link.error) {
    return (
      <div className="page narrow">
        <h1>Invitation</h1>
        <ErrorState error={link.error} onRetry={link.reload} />
      </div>
    );
  }
  const info = link.data!;
  if (!info.available || gone) return <Unavailable />;
  const sender = info.sender?.name ?? 'Someone';
  const here = `/i/${encodeURIComponent(token)}`;
  const params2 = new URLSearchParams({ next: here, ...(info.email ? { email: info.email } : {}) }).toString();

  const accept = async () => {
    setBusy(true);
    setError(null);
    try {
      const result = await api<{ connection: { memberId: string } }>('POST', `/invitation-links/${encodeURIComponent(token)}/accept`);
      setAccepted(result.connection.memberId);
      void refresh();
    } catch (err) {
      if (err instanceof ApiError && err.code === 'invitation_unavailable') setGone(true);
      else setError(describeError(err));
    } finally {
      setBusy(false);
    }
  };

  if (accepted) {
    return (
      <div className="page narrow">
        <div className="card section" role="status">
          <h1>You're now connected with {sender}</h1>
          <p>
            <Link to={`/members/${encodeURIComponent(accepted)}`}>See {sender}'s profile</Link>
          </p>
        </div>
      </div>
    );
  }

  return (
    <div className="page narrow">
      <div className="card section">
        <h1>{sender} invited you to connect</h1>
        {info.message && <p className="note">{info.message}</p>}
        {error && (
          <p className="form-error" role="alert">
            {error}
          </p>
        )}
        {me ? (
          <>
            <p>
              You're logged in as {me.member.name} ({me.member.email}).
            </p>
            <button type="button" className="button primary" onClick={() => void accept()} disabled={busy} aria-busy={busy}>
              {busy ? 'Accepting…' : 'Accept'}
            </button>
          </>
        ) : (
          <>
            <p>Log in or create an account to accept.</p>
            <div className="button-row">
              <Link to={`/login?${params2}`} className="button primary">
                Log in to accept
              </Link>
              <Link to={`/signup?${params2}`} className="button secondary">
                Sign up to accept
              </Link>
            </div>
          </>
        )}
      </div>
    </div>
  );
}
