/**
 * People You May Know: the invitations waiting for my answer on top, an invite-by-address form,
 * and suggestions ranked by mutual connections, each with Connect (optional note) and Dismiss.
 */
import { type FormEvent, useEffect, useId, useState } from 'react';
import { ConnectDialog, NOTE_MAX } from '../components/connect-dialog';
import { Empty, ErrorState, Loading, LoadMore } from '../components/status';
import { useToast } from '../components/toasts';
import { api } from '../lib/api';
import { initials, plural } from '../lib/format';
import { usePaged, useResource, useTitle } from '../lib/hooks';
import { acceptInvitation, ignoreInvitation, sendInvitation } from '../lib/invitations';
import { describeError } from '../lib/messages';
import { Link, useLocation } from '../lib/router';
import { useMe, useSession } from '../lib/session';
import type { Invitation, Page, Suggestion } from '../lib/types';

function mutualText(s: Suggestion): string | null {
  if (s.mutualConnections === 0) return s.sameDomain ? 'Shares your e-mail domain' : null;
  const names = s.mutualNames.slice(0, 2);
  const rest = s.mutualConnections - names.length;
  const list = rest > 0 ? `${names.join(', ')} and ${plural(rest, 'other')}` : names.join(' and ');
  return `${plural(s.mutualConnections, 'mutual connection')}${list ? `: ${list}` : ''}`;
}

function WaitingInvitations() {
  const me = useMe();
  const { refresh } = useSession();
  const toast = useToast();
  const page = useResource((signal) => api<Page<Invitation>>('GET', '/invitations/received?limit=3', { signal }), [me.receivedPending]);
  const [busy, setBusy] = useState<string | null>(null);

  const answer = async (inv: Invitation, action: 'accept' | 'ignore') => {
    setBusy(inv.id);
    try {
      if (action === 'accept') await acceptInvitation(inv.id);
      else await ignoreInvitation(inv.id);
      page.setData((current) => current && { ...current, items: current.items.filter((i) => i.id !== inv.id) });
      toast.success(action === 'accept' ? `You're now connected with ${inv.sender.name}.` : `Invitation from ${inv.sender.name} ignored.`);
      void refresh();
    } catch (err) {
      toast.error(describeError(err));
    } finally {
      setBusy(null);
    }
  };

  return (
    <section id="invitations" className="card section" aria-labelledby="invitations-title">
      <div className="section-head">
        <h2 id="invitations-title">Invitations</h2>
        {me.receivedPending > 0 && <Link to="/invitations/received">Manage all {me.receivedPending.toLocaleString()}</Link>}
      </div>
      {page.loading && !page.data ? (
        <Loading />
      ) : page.error ? (
        <ErrorState error={page.error} onRetry={page.reload} />
      ) : !page.data || page.data.items.length === 0 ? (
        <p className="muted">Nothing is waiting for your answer.</p>
      ) : (
        <ul className="list compact">
          {page.data.items.map((inv) => (
            <li key={inv.id} className="row">
              <span className="avatar" aria-hidden="true">
                {initials(inv.sender.name)}
              </span>
              <div className="row-main">
                <p className="row-title">
                  <Link to={`/members/${encodeURIComponent(inv.sender.id)}`}>{inv.sender.name}</Link>
                </p>
                {inv.message && <p className="note">{inv.message}</p>}
              </div>
              <div className="row-actions">
                <button type="button" className="button small primary" disabled={busy === inv.id} aria-label={`Accept invitation from ${inv.sender.name}`} onClick={() => void answer(inv, 'accept')}>
                  Accept
                </button>
                <button type="button" className="button small secondary" disabled={busy === inv.id} aria-label={`Ignore invitation from ${inv.sender.name}`} onClick={() => void answer(inv, 'ignore')}>
                  Ignore
                </button>
              </div>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}

function InviteByAddress() {
  const toast = useToast();
  const { refresh } = useSession();
  const [address, setAddress] = useState('');
  const [note, setNote] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const hintId = useId();

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const value = address.trim();
    if (!value) return;
    setBusy(true);
    setError(null);
    try {
      await sendInvitation(value.includes('@') ? { email: value } : { phone: value.replace(/[\s().-]/g, '') }, note.trim() || null);
      toast.success(`Invitation sent to ${value}.`);
      setAddress('');
      setNote('');
      void refresh();
    } catch (err) {
      setError(describeError(err));
    } finally {
      setBusy(false);
    }
  };

  return (
    <section className="card section" aria-labelledby="invite-title">
      <h2 id="invite-title">Invite by e-mail or phone</h2>
      <form className="form" onSubmit={submit}>
        {error && (
          <p className="form-error" role="alert">
            {error}
          </p>
        )}
        <label className="field">
          <span>E-mail address or mobile number</span>
          <input value={address} onChange={(e) => setAddress(e.target.value)} required maxLength={254} aria-describedby={hintId} autoComplete="off" />
          <small id={hintId} className="muted">
            A mobile number in international form, such as +14155550123.
          </small>
        </label>
        <label className="field">
          <span>Note (optional)</span>
          <textarea rows={2} maxLength={NOTE_MAX} value={note} onChange={(e) => setNote(e.target.value)} />
        </label>
        <div>
          <button type="submit" className="button primary" disabled={busy} aria-busy={busy}>
            {busy ? 'Sending…' : 'Send invitation'}
          </button>{' '}
          <Link to="/contacts/import" className="button-link">
            Import contacts
          </Link>
        </div>
      </form>
    </section>
  );
}

export function PeopleYouMayKnowPage() {
  useTitle('People You May Know');
  const toast = useToast();
  const { hash } = useLocation();
  const list = usePaged<Suggestion>(
    (cursor) => `/people-you-may-know?limit=12${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`,
    (path, signal) => api<Page<Suggestion>>('GET', path, { signal }),
    [],
  );
  const [connecting, setConnecting] = useState<Suggestion | null>(null);
  const [invited, setInvited] = useState<Set<string>>(new Set());

  useEffect(() => {
    if (hash === '#invitations') document.getElementById('invitations')?.scrollIntoView();
  }, [hash]);

  const dismiss = async (s: Suggestion) => {
    try {
      await api('POST', `/people-you-may-know/${encodeURIComponent(s.member.id)}/dismiss`);
      list.remove((x) => x.member.id !== s.member.id);
      toast.success(`${s.member.name} won't be suggested again.`, {
        label: 'Undo',
        run: () => {
          api('DELETE', `/people-you-may-know/${encodeURIComponent(s.member.id)}/dismiss`).then(list.reload, (err: unknown) => toast.error(describeError(err)));
        },
      });
    } catch (err) {
      toast.error(describeError(err));
    }
  };

  return (
    <div className="page">
      <div className="page-head">
        <h1>People You May Know</h1>
      </div>
      <WaitingInvitations />
      <section className="section" aria-labelledby="suggestions-title">
        <h2 id="suggestions-title">Suggestions for you</h2>
        {list.loading ? (
          <Loading />
        ) : list.error ? (
          <ErrorState error={list.error} onRetry={list.reload} />
        ) : list.items.length === 0 ? (
          <Empty>No suggestions right now. Connect with a few people and more will appear here.</Empty>
        ) : (
          <ul className="cards">
            {list.items.map((s) => {
              const mutual = mutualText(s);
              const sent = invited.has(s.member.id);
              return (
                <li key={s.member.id} className="card person">
                  <span className="avatar large" aria-hidden="true">
                    {initials(s.member.name)}
                  </span>
                  <p className="person-name">
                    <Link to={`/members/${encodeURIComponent(s.member.id)}`}>{s.member.name}</Link>
                  </p>
                  <p className="muted person-headline">{s.member.headline}</p>
                  {mutual && <p className="meta">{mutual}</p>}
                  <div className="person-actions">
                    {sent ? (
                      <span className="chip">Pending</span>
                    ) : (
                      <button type="button" className="button small primary" aria-label={`Connect with ${s.member.name}`} onClick={() => setConnecting(s)}>
                        Connect
                      </button>
                    )}
                    <button type="button" className="button small ghost" aria-label={`Dismiss ${s.member.name}`} onClick={() => void dismiss(s)}>
                      Dismiss
                    </button>
                  </div>
                </li>
              );
            })}
          </ul>
        )}
        <LoadMore hasMore={list.hasMore && !list.loading} loading={list.loadingMore} error={list.moreError} onMore={list.loadMore} label="Show more people" />
      </section>
      <InviteByAddress />
      {connecting && (
        <ConnectDialog
          member={connecting.member}
          onClose={() => setConnecting(null)}
          onSent={() => {
            setInvited((current) => new Set(current).add(connecting.member.id));
            setConnecting(null);
          }}
        />
      )}
    </div>
  );
}
