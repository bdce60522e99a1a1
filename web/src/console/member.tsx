/**
 * A member, found by name, e-mail address or id: withdraw all their pending invitations (count
 * first), grant balance.
 */
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { Link, Navigate, useNavigate, useSearchParams } from 'react-router';
import { ConfirmDialog } from '../components/dialog';
import { QueryState } from '../components/query-state';
import { Empty, Loading } from '../components/status';
import { useToast } from '../components/toasts';
import { api, query } from '../lib/api';
import { formatDate, plural } from '../lib/format';
import { describeError } from '../lib/messages';
import { profileQuery } from '../lib/people';
import { invalidate, keys, usePagedQuery } from '../lib/query';
import { useMe } from '../lib/session';
import type { Profile, Role } from '../lib/types';

function WithdrawAll({ member, requestId }: { member: Profile; requestId: string | null }) {
  const toast = useToast();
  const [reason, setReason] = useState(requestId ? 'The member asked support to cancel all their pending invitations.' : '');
  const [preview, setPreview] = useState<number | null>(null);
  const [done, setDone] = useState<number | null>(null);
  const [confirming, setConfirming] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const client = useQueryClient();
  const withdrawAll = useMutation({
    mutationFn: (dryRun: boolean) =>
      api('post', '/admin/members/{id}/invitations/withdraw-all', {
        params: { id: member.id },
        body: { reason: reason.trim(), dryRun, ...(requestId && !dryRun ? { requestId } : {}) },
      }),
    // A dry run changes nothing; the real one closes the request and writes the audit trail.
    onSuccess: (_result, dryRun) => dryRun || invalidate(client, keys.supportRequests, keys.audit),
  });
  const busy = withdrawAll.isPending;

  const run = async (dryRun: boolean) => {
    setError(null);
    try {
      const result = await withdrawAll.mutateAsync(dryRun);
      if (dryRun) setPreview(result.count);
      else {
        setDone(result.count);
        setPreview(null);
        toast.success(`Withdrew ${plural(result.count, 'invitation')} for ${member.name}.`);
      }
    } catch (err) {
      setError(describeError(err));
    } finally {
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
            <textarea
              rows={2}
              required
              maxLength={1000}
              value={reason}
              onChange={(e) => {
                setReason(e.target.value);
                setPreview(null);
              }}
            />
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
            <p role="status">{preview === 0 ? `${member.name} has no pending invitations.` : `${plural(preview, 'pending invitation')} would be withdrawn.`}</p>
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
  const client = useQueryClient();
  const grantBalance = useMutation({
    mutationFn: () => api('post', '/admin/members/{id}/balance', { params: { id: member.id }, body: { grant: Number(grant), reason: reason.trim() } }),
    onSuccess: () => invalidate(client, keys.audit),
  });
  const busy = grantBalance.isPending;
  const available = grantBalance.data?.available ?? null;
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    try {
      const result = await grantBalance.mutateAsync();
      toast.success(`${member.name} now has ${plural(result.available, 'invitation')} available.`);
    } catch (err) {
      toast.error(describeError(err));
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

const ROLE_LABEL: Record<Role, string> = { member: 'Member', support: 'Support', admin: 'Admin' };

/** The members matching `q`; an exact e-mail address or id opens its member at once. */
function SearchResults({ q }: { q: string }) {
  const list = usePagedQuery({
    queryKey: keys.memberSearch(q),
    fetchPage: (cursor, signal) => api('get', '/support/members', { query: { q, limit: 20, cursor: cursor ?? undefined }, signal }),
  });
  const first = list.firstPage;
  const only = first && first.match !== 'name' && first.items.length === 1 ? first.items[0] : undefined;
  if (only) return <Navigate to={`/console/members${query({ member: only.id, q, exact: 1 })}`} replace />;
  return (
    <QueryState query={list} loading={<Loading label="Searching…" />} empty={<Empty>No member matches “{q}”.</Empty>} moreLabel="More matches">
      {(items) => (
        <>
          <p className="result-count" role="status">
            {list.hasNextPage ? `Showing the first ${plural(items.length, 'match', 'matches')}.` : `${plural(items.length, 'match', 'matches')} found.`}
          </p>
          <ul className="list" aria-label={`Members matching “${q}”`}>
            {items.map((m) => (
              <li key={m.id} className="row">
                <div className="row-main">
                  <p className="row-title">
                    <Link to={`/console/members${query({ member: m.id, q })}`}>{m.name}</Link>
                    {m.restricted && <span className="chip">Restricted</span>}
                  </p>
                  <p className="meta">
                    <span className="party">{m.email}</span> · {ROLE_LABEL[m.role]} · joined {formatDate(m.createdAt)}
                    {m.headline ? ` · ${m.headline}` : ''}
                  </p>
                </div>
              </li>
            ))}
          </ul>
        </>
      )}
    </QueryState>
  );
}

export function MemberSection() {
  const me = useMe();
  const navigate = useNavigate();
  const [search] = useSearchParams();
  const memberId = search.get('member') ?? '';
  const requestId = search.get('request');
  const q = search.get('q') ?? '';
  // Opened straight from an exact e-mail address or id: there is no list of matches to go back to.
  const exact = search.get('exact') === '1';
  const [typed, setTyped] = useState(q);
  const [shownQ, setShownQ] = useState(q);
  if (shownQ !== q) {
    // A new search in the URL (this form, Back, a link): the box says it.
    setShownQ(q);
    setTyped(q);
  }
  const profile = useQuery({ ...profileQuery(memberId), enabled: memberId !== '' });

  const find = (event: FormEvent) => {
    event.preventDefault();
    const text = typed.trim();
    if (text) void navigate(`/console/members${query({ q: text })}`);
  };

  return (
    <section aria-labelledby="member-title">
      <h2 id="member-title">Members</h2>
      <form className="filters" role="search" aria-label="Member lookup" onSubmit={find}>
        <label className="field inline grow">
          <span>Find a member</span>
          <input
            type="search"
            value={typed}
            onChange={(e) => setTyped(e.target.value)}
            required
            maxLength={200}
            autoComplete="off"
            aria-describedby="find-member-hint"
          />
        </label>
        <button type="submit" className="button primary">
          Search
        </button>
      </form>
      <p id="find-member-hint" className="meta">
        A name or part of one, an e-mail address, or a member id.
      </p>
      {!memberId ? (
        q ? (
          <SearchResults q={q} />
        ) : (
          <p className="muted">Find a member, or pick a request from the queue.</p>
        )
      ) : (
        <QueryState query={profile}>
          {(found) => (
            <div key={found.id}>
              <div className="card section">
                <h3>{found.name}</h3>
                <p className="muted">{found.headline}</p>
                <p className="meta">
                  Id {found.id}
                  {requestId ? ' · handling a support request' : ''}
                </p>
                <p>
                  <Link to={`/console/audit?memberId=${encodeURIComponent(found.id)}`}>Audit trail for this member</Link>
                  {q && !exact && (
                    <>
                      {' · '}
                      <Link to={`/console/members${query({ q })}`}>Back to the matches for “{q}”</Link>
                    </>
                  )}
                </p>
              </div>
              <WithdrawAll member={found} requestId={requestId} />
              {me.member.role === 'admin' && <GrantBalance member={found} />}
            </div>
          )}
        </QueryState>
      )}
    </section>
  );
}
