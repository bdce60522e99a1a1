/** A member's profile, with the relationship and the one action that fits it. */
import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { Link, useParams } from 'react-router';
import { BlockDialog } from '../components/block-dialog';
import { ConnectDialog } from '../components/connect-dialog';
import { ConfirmDialog } from '../components/dialog';
import { QueryState } from '../components/query-state';
import { ErrorState } from '../components/status';
import { useToast } from '../components/toasts';
import { initials } from '../lib/format';
import { useTitle } from '../lib/hooks';
import { blockedIdsQuery } from '../lib/blocks';
import { useAnswer } from '../lib/invitations';
import { describeError } from '../lib/messages';
import { findReceivedFrom, profileQuery, useRemoveConnection } from '../lib/people';
import type { Profile } from '../lib/types';

function ProfileCard({ p, reload }: { p: Profile; reload(): void }) {
  const toast = useToast();
  const answer = useAnswer();
  const removal = useRemoveConnection();
  const [connecting, setConnecting] = useState(false);
  const [removing, setRemoving] = useState(false);
  const [finding, setFinding] = useState(false);
  const [blocking, setBlocking] = useState(false);
  const blocked = useQuery({ ...blockedIdsQuery, enabled: p.relationship !== 'self' });
  const iBlocked = blocked.data?.has(p.id) ?? false;
  const busy = finding || answer.isPending || removal.isPending;

  const respond = async (action: 'accept' | 'ignore') => {
    setFinding(true);
    try {
      const inv = await findReceivedFrom(p.id);
      if (!inv) throw new Error('gone');
      await answer.mutateAsync({ id: inv.id, answer: action });
      toast.success(action === 'accept' ? `You're now connected with ${p.name}.` : `Invitation from ${p.name} ignored.`);
    } catch (err) {
      toast.error(describeError(err));
      // Whatever happened to it, the profile says where we stand now.
      reload();
    } finally {
      setFinding(false);
    }
  };

  const removeConnection = async () => {
    try {
      await removal.mutateAsync(p.id);
      toast.success(`You're no longer connected with ${p.name}.`);
    } catch (err) {
      toast.error(describeError(err));
    } finally {
      setRemoving(false);
    }
  };

  return (
    <div className="page narrow">
      <div className="card profile">
        <span className="avatar xlarge" aria-hidden="true">
          {initials(p.name)}
        </span>
        <h1>{p.name}</h1>
        {p.headline && <p className="muted">{p.headline}</p>}
        <div className="profile-actions">
          {p.relationship === 'self' && <p className="muted">This is you.</p>}
          {p.relationship === 'none' && (
            <button type="button" className="button primary" onClick={() => setConnecting(true)}>
              Connect
            </button>
          )}
          {p.relationship === 'invitation_sent' && (
            <>
              <span className="chip">Pending</span>
              <p className="muted">
                Your invitation is waiting for a response. <Link to="/invitations/sent">Review invitations awaiting a response</Link>
              </p>
            </>
          )}
          {p.relationship === 'invitation_received' && (
            <>
              <p>{p.name} invited you to connect.</p>
              <button type="button" className="button primary" disabled={busy} onClick={() => void respond('accept')}>
                Accept
              </button>{' '}
              <button type="button" className="button secondary" disabled={busy} onClick={() => void respond('ignore')}>
                Ignore
              </button>
            </>
          )}
          {p.relationship === 'connected' && (
            <>
              <span className="chip success">Connected</span>{' '}
              <Link className="button small primary" to={`/messages/new?to=${encodeURIComponent(p.id)}`} aria-label={`Message ${p.name}`}>
                Message
              </Link>{' '}
              <button type="button" className="button small ghost" onClick={() => setRemoving(true)}>
                Remove connection
              </button>
            </>
          )}
        </div>
        {p.relationship !== 'self' && (
          <div className="profile-actions">
            {iBlocked && <p className="muted">You blocked {p.name}. Neither of you can message the other, and they can't invite you.</p>}
            <button type="button" className="button small ghost" disabled={blocked.isPending} onClick={() => setBlocking(true)}>
              {iBlocked ? `Unblock ${p.name}` : `Block ${p.name}`}
            </button>
          </div>
        )}
      </div>
      {blocking && <BlockDialog member={p} block={!iBlocked} onClose={() => setBlocking(false)} />}
      {/* Sending marks the profile Pending itself (see useSendInvitation). */}
      {connecting && <ConnectDialog member={p} onClose={() => setConnecting(false)} onSent={() => setConnecting(false)} />}
      {removing && (
        <ConfirmDialog
          title={`Remove ${p.name} from your connections?`}
          confirmLabel="Remove"
          cancelLabel="Keep"
          danger
          busy={busy}
          onConfirm={() => void removeConnection()}
          onCancel={() => setRemoving(false)}
        >
          <p>{p.name} won't be notified.</p>
        </ConfirmDialog>
      )}
    </div>
  );
}

export function ProfilePage() {
  const id = useParams().id!;
  const profile = useQuery(profileQuery(id));
  useTitle(profile.data?.name ?? 'Profile');
  return (
    <QueryState
      query={profile}
      failed={(error, retry) => (
        <div className="page narrow">
          <h1>Profile</h1>
          <ErrorState error={error} onRetry={retry} />
        </div>
      )}
    >
      {(p) => <ProfileCard p={p} reload={() => void profile.refetch()} />}
    </QueryState>
  );
}
