/**
 * The page a link in an invitation e-mail or SMS opens: accept (after logging in or signing up,
 * the invitation's address pre-filled), or a neutral "no longer available".
 */
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { Link, useParams } from 'react-router';
import { QueryState } from '../components/query-state';
import { ErrorState } from '../components/status';
import { api, ApiError } from '../lib/api';
import { useTitle } from '../lib/hooks';
import { describeError } from '../lib/messages';
import { invalidate, keys } from '../lib/query';
import { useSession } from '../lib/session';
import type { LinkInfo } from '../lib/types';

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

export function InvitationLinkPage() {
  const token = useParams().token!;
  const link = useQuery({
    queryKey: keys.invitationLink(token),
    queryFn: ({ signal }) => api('get', '/invitation-links/{token}', { params: { token }, signal, quiet401: true }),
  });
  useTitle(link.data?.available && link.data.sender ? `Invitation from ${link.data.sender.name}` : 'Invitation');
  return (
    <QueryState
      query={link}
      failed={(error, retry) => (
        <div className="page narrow">
          <h1>Invitation</h1>
          <ErrorState error={error} onRetry={retry} />
        </div>
      )}
    >
      {(info) => <LinkInvitation token={token} info={info} />}
    </QueryState>
  );
}

function LinkInvitation({ token, info }: { token: string; info: LinkInfo }) {
  const { me } = useSession();
  const client = useQueryClient();
  const [gone, setGone] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const accept = useMutation({
    mutationFn: () => api('post', '/invitation-links/{token}/accept', { params: { token } }),
    onSuccess: () => invalidate(client, keys.me, keys.connections, keys.received, keys.inbox, keys.members),
  });
  if (!info.available || gone) return <Unavailable />;
  const sender = info.sender?.name ?? 'Someone';
  const here = `/i/${encodeURIComponent(token)}`;
  const params = new URLSearchParams({ next: here, ...(info.email ? { email: info.email } : {}) }).toString();

  const onAccept = async () => {
    setError(null);
    try {
      await accept.mutateAsync();
    } catch (err) {
      if (err instanceof ApiError && err.code === 'invitation_unavailable') setGone(true);
      else setError(describeError(err));
    }
  };

  if (accept.data) {
    const memberId = accept.data.connection.memberId;
    return (
      <div className="page narrow">
        <div className="card section" role="status">
          <h1>You're now connected with {sender}</h1>
          <p>
            <Link to={`/members/${encodeURIComponent(memberId)}`}>See {sender}'s profile</Link>
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
            <button type="button" className="button primary" onClick={() => void onAccept()} disabled={accept.isPending} aria-busy={accept.isPending}>
              {accept.isPending ? 'Accepting…' : 'Accept'}
            </button>
          </>
        ) : (
          <>
            <p>Log in or create an account to accept.</p>
            <div className="button-row">
              <Link to={`/login?${params}`} className="button primary">
                Log in to accept
              </Link>
              <Link to={`/signup?${params}`} className="button secondary">
                Sign up to accept
              </Link>
            </div>
          </>
        )}
      </div>
    </div>
  );
}
