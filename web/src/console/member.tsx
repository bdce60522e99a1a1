/** A member, looked up by id: withdraw all their pending invitations (count first), grant balance. */
import { type FormEvent, useState } from 'react';
import { ConfirmDialog } from '../components/dialog';
import { ErrorState, Loading } from '../components/status';
import { useToast } from '../components/toasts';
import { api } from '../lib/api';
import { plural } from '../lib/format';
import { useResource } from '../lib/hooks';
import { describeError } from '../lib/messages';
import { Link, navigate, useLocation } from '../lib/router';
import { useMe } from '../lib/session';
import type { Profile } from '../lib/types';

function WithdrawAll({ member, requestId }: { member: Profile; requestId: string | null }) {
  const toast = useToast();
  const [reason, setReason] = useState(requestId ? 'The member asked support to cancel all their pending invitations.' : '');
  const [preview, setPreview] = useState<number | null>(null);
  const [done, setDone] = useState<number | null>(null);
  const [confirming, setConfirming] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  const run = async (dryRun: boolean) => {
    setBusy(true);
    setError(null);
    try {
      const result = await api<{ count: number }>('POST', `/admin/members/${encodeURIComponent(member.id)}/invitations/withdraw-all`, {
        body: { reason: reason.trim(), dryRun, ...(requestId && !dryRun ? { requestId } : {}) },
      });
      if (dryRun) setPreview(result.count);
      else {
        setDone(result.count);
        setPreview(null);
        toast.success(`Withdrew ${plural(result.count, 'invitation')} for ${member.name}.`);
      }
    } catch (err) {
      setError(describeError(err));
    } finally {
      setBusy(false);
      setConfirming(false);
    }
  };

  const count = (event: FormEvent) => {
    event.preventDefault();
    void run(true);
  };

  return (
    <section className="card section" aria-labelledby="withdraw-all-title">
      <h3 id="withdraw-all-title">Withdraw all pending invitations</h3>
      {done !== null ? (
        <p role="status" className="success-text">
          Done: withdrew {plural(done, 'invitation')} on behalf of {member.name}.{requestId ? ' The request is marked done.' : ''}
        </p>
      ) : (
        <form className="form" onSubmit={count}>
          {error && (
            <p className="form-error" role="alert">
              {error}
            </p>
          )}
          <label className="field">
            <span>Reason (kept in the audit trail)</span>
            <textarea rows={2} required maxLength={1000} value={reason} onChange={(e) => { setReason(e.target.value); setPreview(null); }} />
          </label>
          <div className="button-row">
            <button type="submit" className="button secondary" disabled={busy || reason.trim() === ''}>
              Count pending invitations
            </button>
            {preview !== null && preview > 0 && (
              <button type="button" className="button danger" disabled={busy} onClick={() => setConfirming(true)}>
                Withdraw {plural(preview, 'invitation')}
              </button>
            )}
          </div>
          {preview !== null && (
            <p role="status">
              {preview === 0 ? `${member.name} has no pending invitations.` : `${plural(preview, 'pending invitation')} would be withdrawn.`}
            </p>
          )}
        </form>
      )}
      {confirming && preview !== null && (
        <ConfirmDialog
          title={`Withdraw ${plural(preview, 'invitation')} for ${member.name}?`}
          confirmLabel="Withdraw all"
          cancelLabel="Go back"
          danger
          busy={busy}
          onConfirm={() => void run(false)}
          onCancel={() => setConfirming(false)}
        >
          <p>The recipients won't be notified. This is recorded in the audit trail under your name.</p>
        </ConfirmDialog>
      )}
    </section>
  );
}

function GrantBalance({ member }: { member: Profile }) {
  const toast = useToast();
  const [grant, setGrant] = useState('100');
  const [reason, setReason] = useState('');
  const [busy, setBusy] = useState(false);
  const [available, setAvailable] = useState<number | null>(null);
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setBusy(true);
    try {
      const result = await api<{ available: number }>('POST', `/admin/members/${encodeURIComponent(member.id)}/balance`, { body: { grant: Number(grant), reason: reason.trim() } });
      setAvailable(result.available);
      toast.success(`${member.name} now has ${plural(result.available, 'invitation')} available.`);
    } catch (err) {
      toast.error(describeError(err));
    } finally {
      setBusy(false);
    }
  };
  return (
    <section className="card section" aria-labelledby="grant-title">
      <h3 id="grant-title">Grant invitations</h3>
      <form className="form" onSubmit={submit}>
        <label className="field inline">
          <span>Invitations to add</span>
          <input type="number" min={1} max={1000000} required value={grant} onChange={(e) => setGrant(e.target.value)} />
        </label>
        <label className="field">
          <span>Reason (kept in the audit trail)</span>
          <input required maxLength={1000} value={reason} onChange={(e) => setReason(e.target.value)} />
        </label>
        <div>
          <button type="submit" className="button primary" disabled={busy}>
            Grant
          </button>
        </div>
        {available !== null && <p role="status">Available now: {available.toLocaleString()}.</p>}
      </form>
    </section>
  );
}

export function MemberSection() {
  const me = useMe();
  const { search } = useLocation();
  const memberId = search.get('member') ?? '';
  const requestId = search.get('request');
  const [typed, setTyped] = useState(memberId);
  const profile = useResource((signal) => (memberId ? api<Profile>('GET', `/members/${encodeURIComponent(memberId)}`, { signal }) : Promise.resolve(null)), [memberId]);

  const lookUp = (event: FormEvent) => {
    event.preventDefault();
    const id = typed.trim();
    if (id) navigate(`/console/members?member=${encodeURIComponent(id)}`);
  };

  return (
    <section aria-labelledby="member-title">
      <h2 id="member-title">Members</h2>
      <form className="filters" role="search" aria-label="Look up a member" onSubmit={lookUp}>
        <label className="field inline grow">
          <span>Member id</span>
          <input value={typed} onChange={(e) => setTyped(e.target.value)} required maxLength={64} autoComplete="off" />
        </label>
        <button type="submit" className="button primary">
          Look up
        </button>
      </form>
      {!memberId ? (
        <p className="muted">Enter a member's id, or pick a request from the queue.</p>
      ) : profile.loading && !profile.data ? (
        <Loading />
      ) : profile.error || !profile.data ? (
        <ErrorState error={profile.error} onRetry={profile.reload} />
      ) : (
        <div key={profile.data.id}>
          <div className="card section">
            <h3>{profile.data.name}</h3>
            <p className="muted">{profile.data.headline}</p>
            <p className="meta">Id {profile.data.id}{requestId ? ' · handling a support request' : ''}</p>
            <p>
              <Link to={`/console/audit?memberId=${encodeURIComponent(profile.data.id)}`}>Audit trail for this member</Link>
            </p>
          </div>
          <WithdrawAll member={profile.data} requestId={requestId} />
          {me.member.role === 'admin' && <GrantBalance member={profile.data} />}
        </div>
      )}
    </section>
  );
}
