/** A member's profile, with the relationship and the one action that fits it. */
import { useState } from 'react';
import { ConnectDialog } from '../components/connect-dialog';
import { ConfirmDialog } from '../components/dialog';
import { ErrorState, Loading } from '../components/status';
import { useToast } from '../components/toasts';
import { api } from '../lib/api';
import { initials } from '../lib/format';
import { useResource, useTitle } from '../lib/hooks';
import { acceptInvitation, ignoreInvitation } from '../lib/invitations';
import { describeError } from '../lib/messages';
import { Link } from '../lib/router';
import { useSession } from '../lib/session';
import type { Invitation, Page, Profile } from '../lib/types';
import type { PageProps } from '../app';

/** The pending invitation from `senderId` to me, looked for in the first pages of my received list. */
async function findReceivedFrom(senderId: string): Promise<Invitation | null> {
  let cursor: string | null = null;
  for (let i = 0; i < 10; i++) {
    const page: Page<Invitation> = await api<Page<Invitation>>('GET', `/invitations/received?limit=100${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`);
    const hit = page.items.find((inv) => inv.sender.id === senderId);
    if (hit) return hit;
    cursor = page.nextCursor;
    if (!cursor) return null;
  }
  return null;
}

export function ProfilePage({ params }: PageProps) {
  const id = params.id!;
  const profile = useResource((signal) => api<Profile>('GET', `/members/${encodeURIComponent(id)}`, { signal }), [id]);
  useTitle(profile.data?.name ?? 'Profile');
  const { refresh } = useSession();
  const toast = useToast();
  const [connecting, setConnecting] = useState(false);
  const [removing, setRemoving] = useState(false);
  const [busy, setBusy] = useState(false);

  if (profile.loading && !profile.data) return <Loading />;
  if (profile.error || !profile.data) {
    return (
      <div className="page narrow">
        <h1>Profile</h1>
        <ErrorState error={profile.error} onRetry={profile.reload} />
      </div>
    );
  }
  const p = profile.data;
  const setRelationship = (relationship: Profile['relationship']) => profile.setData((c) => c && { ...c, relationship });

  const respond = async (action: 'accept' | 'ignore') => {
    setBusy(true);
    try {
      const inv = await findReceivedFrom(p.id);
      if (!inv) throw new Error('gone');
      if (action === 'accept') await acceptInvitation(inv.id);
      else await ignoreInvitation(inv.id);
      toast.success(action === 'accept' ? `You're now connected with ${p.name}.` : `Invitation from ${p.name} ignored.`);
      void refresh();
    } catch (err) {
      toast.error(describeError(err));
    } finally {
      setBusy(false);
      profile.reload();
    }
  };

  const removeConnection = async () => {
    setBusy(true);
    try {
      await api('DELETE', `/connections/${encodeURIComponent(p.id)}`);
      toast.success(`You're no longer connected with ${p.name}.`);
      setRelationship('none');
    } catch (err) {
      toast.error(describeError(err));
    } finally {
      setBusy(false);
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
              <button type="button" className="button small ghost" onClick={() => setRemoving(true)}>
                Remove connection
              </button>
            </>
          )}
        </div>
      </div>
      {connecting && (
        <ConnectDialog
          member={p}
          onClose={() => setConnecting(false)}
          onSent={() => {
            setConnecting(false);
            setRelationship('invitation_sent');
          }}
        />
      )}
      {removing && (
        <ConfirmDialog title={`Remove ${p.name} from your connections?`} confirmLabel="Remove" cancelLabel="Keep" danger busy={busy} onConfirm={() => void removeConnection()} onCancel={() => setRemoving(false)}>
          <p>{p.name} won't be notified.</p>
        </ConfirmDialog>
      )}
    </div>
  );
}
