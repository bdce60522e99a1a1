/**
 * People You May Know: the invitations waiting for my answer on top, an invite-by-address form,
 * and suggestions ranked by mutual connections, each with Connect (optional note) and Dismiss.
 */
import { useQuery } from '@tanstack/react-query';
import { type FormEvent, useEffect, useId, useState } from 'react';
import { Link, useLocation } from 'react-router';
import { ConnectDialog } from '../components/connect-dialog';
import { NoteField, noteFits } from '../components/note-field';
import { QueryState } from '../components/query-state';
import { Empty } from '../components/status';
import { useToast } from '../components/toasts';
import { initials, plural } from '../lib/format';
import { useTitle } from '../lib/hooks';
import { newestReceivedQuery, useAnswer, useSendInvitation } from '../lib/invitations';
import { describeError } from '../lib/messages';
import { fetchSuggestionsPage, useDismissSuggestion } from '../lib/people';
import { keys, usePagedQuery } from '../lib/query';
import { useMe } from '../lib/session';
import type { Invitation, Suggestion } from '../lib/types';

function mutualText(s: Suggestion): string | null {
  if (s.mutualConnections === 0) return s.sameDomain ? 'Shares your e-mail domain' : null;
  const names = s.mutualNames.slice(0, 2);
  const rest = s.mutualConnections - names.length;
  const list = rest > 0 ? `${names.join(', ')} and ${plural(rest, 'other')}` : names.join(' and ');
  return `${plural(s.mutualConnections, 'mutual connection')}${list ? `: ${list}` : ''}`;
}

function WaitingInvitations() {
  const me = useMe();
  const toast = useToast();
  const newest = useQuery({ ...newestReceivedQuery(3), select: (page) => page.items });
  const answer = useAnswer();

  const respond = async (inv: Invitation, action: 'accept' | 'ignore') => {
    try {
      await answer.mutateAsync({ id: inv.id, answer: action });
      toast.success(action === 'accept' ? `You're now connected with ${inv.sender.name}.` : `Invitation from ${inv.sender.name} ignored.`);
    } catch (err) {
      toast.error(describeError(err));
    }
  };
  const busy = (inv: Invitation) => answer.isPending && answer.variables?.id === inv.id;

  return (
    <section id="invitations" className="card section" aria-labelledby="invitations-title">
      <div className="section-head">
        <h2 id="invitations-title">Invitations</h2>
        {me.receivedPending > 0 && <Link to="/invitations/received">Manage all {me.receivedPending.toLocaleString()}</Link>}
      </div>
      <QueryState query={newest} empty={<p className="muted">Nothing is waiting for your answer.</p>}>
        {(items) => (
          <ul className="list compact">
            {items.map((inv) => (
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
                  <button
                    type="button"
                    className="button small primary"
                    disabled={busy(inv)}
                    aria-label={`Accept invitation from ${inv.sender.name}`}
                    onClick={() => void respond(inv, 'accept')}
                  >
                    Accept
                  </button>
                  <button
                    type="button"
                    className="button small secondary"
                    disabled={busy(inv)}
                    aria-label={`Ignore invitation from ${inv.sender.name}`}
                    onClick={() => void respond(inv, 'ignore')}
                  >
                    Ignore
                  </button>
                </div>
              </li>
            ))}
          </ul>
        )}
      </QueryState>
    </section>
  );
}

/** A number as invitations take it: international form, `+` and 8 to 15 digits. */
const PHONE = /^(\+|00)[1-9]\d{7,14}$/;
const ADDRESS_HINT = 'Enter an e-mail address or a phone number in international form, such as +14155550123.';

function InviteByAddress() {
  const toast = useToast();
  const send = useSendInvitation();
  const [address, setAddress] = useState('');
  const [note, setNote] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  // What is wrong with the address as typed: shown under it, cleared as soon as it changes.
  const [addressError, setAddressError] = useState<string | null>(null);
  const hintId = useId();
  const errorId = useId();

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const value = address.trim();
    const phone = value.replace(/[\s().-]/g, '');
    if (!value.includes('@') && !PHONE.test(phone)) {
      setAddressError(ADDRESS_HINT);
      return;
    }
    if (!noteFits(note)) return;
    setBusy(true);
    setError(null);
    try {
      await send.mutateAsync({ recipient: value.includes('@') ? { email: value } : { phone }, message: note.trim() || null });
      toast.success(`Invitation sent to ${value}.`);
      setAddress('');
      setNote('');
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
          <input
            value={address}
            onChange={(e) => {
              setAddress(e.target.value);
              setAddressError(null);
            }}
            required
            maxLength={254}
            aria-invalid={addressError !== null}
            aria-describedby={addressError ? `${errorId} ${hintId}` : hintId}
            autoComplete="off"
          />
          {addressError && (
            <small id={errorId} className="inline-error">
              {addressError}
            </small>
          )}
          <small id={hintId} className="muted">
            A mobile number in international form, such as +14155550123.
          </small>
        </label>
        <NoteField label="Note (optional)" rows={2} value={note} onChange={setNote} />
        <div>
          <button type="submit" className="button primary" disabled={busy || !noteFits(note)} aria-busy={busy}>
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
  const list = usePagedQuery({ queryKey: keys.suggestions, fetchPage: fetchSuggestionsPage });
  const dismissal = useDismissSuggestion();
  const [connecting, setConnecting] = useState<Suggestion | null>(null);
  const [invited, setInvited] = useState<Set<string>>(new Set());

  useEffect(() => {
    if (hash === '#invitations') document.getElementById('invitations')?.scrollIntoView();
  }, [hash]);

  const dismiss = async (s: Suggestion) => {
    try {
      await dismissal.mutateAsync({ memberId: s.member.id });
      toast.success(`${s.member.name} won't be suggested again.`, {
        label: 'Undo',
        run: () => void dismissal.mutateAsync({ memberId: s.member.id, undo: true }).catch((err: unknown) => toast.error(describeError(err))),
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
        <QueryState
          query={list}
          empty={<Empty>No suggestions right now. Connect with a few people and more will appear here.</Empty>}
          moreLabel="Show more people"
        >
          {(items) => (
            <ul className="cards">
              {items.map((s) => {
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
        </QueryState>
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
