/**
 * Sent invitations: only those awaiting a response, newest first, paged and filtered. With
 * bulk-withdraw: checkboxes, select all (and "all N matching"), and Cancel requests with a
 * confirmation stating the count. Without it: Withdraw per row and a pointer to support.
 */
import { useEffect, useId, useMemo, useRef, useState } from 'react';
import { BalanceSummary } from '../components/balance';
import { ConfirmDialog } from '../components/dialog';
import { SentInvitationRow } from '../components/invitation-row';
import { Empty, ErrorState, Loading, LoadMore } from '../components/status';
import { useToast } from '../components/toasts';
import { api, query } from '../lib/api';
import { formatDateTime, plural, recipientLabel } from '../lib/format';
import { useDebounced, usePaged, useResource, useTitle } from '../lib/hooks';
import { withdrawInvitation } from '../lib/invitations';
import { describeError } from '../lib/messages';
import { Link } from '../lib/router';
import { useMe, useSession } from '../lib/session';
import type { BulkWithdrawResult, Channel, Invitation, Page } from '../lib/types';
import { RecentlyWithdrawn } from './recently-withdrawn';

const PAGE_SIZE = 25;

interface Filters {
  olderThanDays: string;
  channel: '' | Channel;
  q: string;
}

export function SentInvitationsPage() {
  useTitle('Sent invitations');
  const me = useMe();
  const { refresh } = useSession();
  const toast = useToast();
  const bulk = me.features['bulk-withdraw'];

  const [filters, setFilters] = useState<Filters>({ olderThanDays: '', channel: '', q: '' });
  const q = useDebounced(filters.q.trim(), 300);
  const filterQuery = { channel: filters.channel, q, olderThanDays: filters.olderThanDays };
  const filterKey = JSON.stringify(filterQuery);
  const filtered = filters.channel !== '' || q !== '' || filters.olderThanDays !== '';

  const list = usePaged<Invitation>(
    (cursor) => `/invitations/sent${query({ ...filterQuery, status: 'pending', limit: PAGE_SIZE, cursor })}`,
    (path, signal) => api<Page<Invitation>>('GET', path, { signal }),
    [filterKey],
  );
  const [version, setVersion] = useState(0);
  const total = useResource((signal) => api<{ count: number }>('GET', `/invitations/sent/count${query(filterQuery)}`, { signal }), [filterKey, version]);

  const [selected, setSelected] = useState<Set<string>>(new Set());
  const [allMatching, setAllMatching] = useState(false);
  const [confirm, setConfirm] = useState<null | { kind: 'bulk' } | { kind: 'one'; inv: Invitation }>(null);
  const [busy, setBusy] = useState(false);
  const selectAllRef = useRef<HTMLInputElement>(null);
  const formId = useId();

  useEffect(() => {
    setSelected(new Set());
    setAllMatching(false);
  }, [filterKey]);

  const shownIds = useMemo(() => list.items.map((i) => i.id), [list.items]);
  const allShownSelected = shownIds.length > 0 && shownIds.every((id) => selected.has(id));
  const count = total.data?.count;
  const selectedCount = allMatching ? (count ?? 0) : selected.size;

  useEffect(() => {
    if (selectAllRef.current) selectAllRef.current.indeterminate = !allMatching && selected.size > 0 && !allShownSelected;
  }, [selected, allShownSelected, allMatching]);

  const toggle = (id: string) => {
    setAllMatching(false);
    setSelected((current) => {
      const next = new Set(current);
      if (next.has(id)) next.delete(id);
      else next.add(id);
      return next;
    });
  };
  const toggleAll = () => {
    setAllMatching(false);
    setSelected(allShownSelected || allMatching ? new Set() : new Set(shownIds));
  };

  const afterWithdraw = (ids: string[]) => {
    const gone = new Set(ids);
    list.remove((inv) => !gone.has(inv.id));
    setSelected((current) => new Set([...current].filter((id) => !gone.has(id))));
    setVersion((n) => n + 1);
    void refresh();
  };

  const cancelSelected = async () => {
    setBusy(true);
    try {
      const body = allMatching
        ? { filter: { ...(filters.channel ? { channel: filters.channel } : {}), ...(q ? { q } : {}), ...(filters.olderThanDays ? { olderThanDays: Number(filters.olderThanDays) } : {}) } }
        : { ids: [...selected] };
      const result = await api<BulkWithdrawResult>('POST', '/invitations/withdraw', { body });
      const skipped = result.skipped.length;
      toast.success(
        `Canceled ${plural(result.withdrawn, 'request')}. The recipients won't be notified.` +
          (skipped ? ` ${plural(skipped, 'invitation')} could not be canceled: already answered or expired.` : ''),
      );
      if (allMatching) {
        setAllMatching(false);
        setSelected(new Set());
        list.reload();
        setVersion((n) => n + 1);
        void refresh();
      } else afterWithdraw([...result.withdrawnIds, ...result.skipped.map((s) => s.id)]);
      setConfirm(null);
    } catch (err) {
      toast.error(describeError(err));
    } finally {
      setBusy(false);
    }
  };

  const withdrawOne = async (inv: Invitation) => {
    setBusy(true);
    try {
      const done = await withdrawInvitation(inv.id);
      const again = done.reinviteAvailableAt ? ` You can invite them again after ${formatDateTime(done.reinviteAvailableAt)}.` : '';
      toast.success(`Invitation to ${recipientLabel(inv)} withdrawn. They won't be notified.${again}`);
      afterWithdraw([inv.id]);
      setConfirm(null);
    } catch (err) {
      toast.error(describeError(err));
      if ((err as { code?: string }).code === 'not_withdrawable') afterWithdraw([inv.id]);
      setConfirm(null);
    } finally {
      setBusy(false);
    }
  };

  const openBulkConfirm = () => {
    if (selectedCount === 0) {
      toast.show('Select the invitations you want to cancel first.');
      return;
    }
    setConfirm({ kind: 'bulk' });
  };

  return (
    <div className="page">
      <div className="page-head">
        <h1>Sent invitations</h1>
        <p className="muted">Invitations waiting for a response, newest first.</p>
      </div>
      <BalanceSummary me={me} />

      <form className="filters" role="search" aria-label="Filter sent invitations" onSubmit={(e) => e.preventDefault()}>
        <div className="field inline">
          <label htmlFor={`${formId}-age`}>Sent</label>
          <select id={`${formId}-age`} value={filters.olderThanDays} onChange={(e) => setFilters({ ...filters, olderThanDays: e.target.value })}>
            <option value="">Any time</option>
            <option value="7">More than a week ago</option>
            <option value="30">More than 30 days ago</option>
            <option value="90">More than 90 days ago</option>
            <option value="150">More than 150 days ago</option>
          </select>
        </div>
        <div className="field inline">
          <label htmlFor={`${formId}-channel`}>Channel</label>
          <select id={`${formId}-channel`} value={filters.channel} onChange={(e) => setFilters({ ...filters, channel: e.target.value as Filters['channel'] })}>
            <option value="">All channels</option>
            <option value="member">Members</option>
            <option value="email">E-mail</option>
            <option value="sms">Text message</option>
          </select>
        </div>
        <label className="field inline grow">
          <span>Name or address</span>
          <input type="search" value={filters.q} onChange={(e) => setFilters({ ...filters, q: e.target.value })} placeholder="Search" maxLength={200} />
        </label>
      </form>

      <p className="result-count" aria-live="polite">
        {count === undefined ? '\u00a0' : filtered ? `${plural(count, 'invitation')} awaiting a response match these filters` : `${plural(count, 'invitation')} awaiting a response`}
      </p>

      {bulk ? (
        <div className="toolbar">
          <label className="checkbox-label">
            <input ref={selectAllRef} type="checkbox" checked={allMatching || allShownSelected} onChange={toggleAll} disabled={shownIds.length === 0} />
            <span>Select all</span>
          </label>
          <span className="muted selection-count">{selectedCount > 0 ? `${selectedCount.toLocaleString()} selected` : 'None selected'}</span>
          <button type="button" className="button danger" aria-disabled={selectedCount === 0} onClick={openBulkConfirm}>
            Cancel requests
          </button>
        </div>
      ) : (
        <div className="notice">
          <p>
            Canceling many invitations at once isn't available to your account yet. Withdraw them one at a time below, or{' '}
            <Link to="/support/contact">contact support to cancel all your pending invitations</Link>.
          </p>
        </div>
      )}

      {bulk && allShownSelected && !allMatching && count !== undefined && count > shownIds.length && (
        <div className="selection-banner">
          All {shownIds.length.toLocaleString()} shown are selected.{' '}
          <button type="button" className="button-link" onClick={() => setAllMatching(true)}>
            Select all {count.toLocaleString()} matching
          </button>
        </div>
      )}
      {bulk && allMatching && (
        <div className="selection-banner">
          All {(count ?? 0).toLocaleString()} matching invitations are selected.{' '}
          <button type="button" className="button-link" onClick={() => toggleAll()}>
            Clear selection
          </button>
        </div>
      )}

      {list.loading ? (
        <Loading />
      ) : list.error ? (
        <ErrorState error={list.error} onRetry={list.reload} />
      ) : list.items.length === 0 ? (
        <Empty>{filtered ? 'No invitation awaiting a response matches these filters.' : 'No invitation you sent is waiting for a response.'}</Empty>
      ) : (
        <ul className="list" aria-label="Invitations awaiting a response">
          {list.items.map((inv) => (
            <SentInvitationRow
              key={inv.id}
              inv={inv}
              select={
                bulk ? (
                  <input type="checkbox" className="row-check" aria-label={`Select ${recipientLabel(inv)}`} checked={allMatching || selected.has(inv.id)} onChange={() => toggle(inv.id)} />
                ) : undefined
              }
              action={
                bulk ? undefined : (
                  <button type="button" className="button small secondary" aria-label={`Withdraw invitation to ${recipientLabel(inv)}`} onClick={() => setConfirm({ kind: 'one', inv })}>
                    Withdraw
                  </button>
                )
              }
            />
          ))}
        </ul>
      )}
      <LoadMore hasMore={list.hasMore && !list.loading} loading={list.loadingMore} error={list.moreError} onMore={list.loadMore} />

      <RecentlyWithdrawn version={version} />

      {confirm?.kind === 'bulk' && (
        <ConfirmDialog
          title={selectedCount === 1 ? 'Cancel 1 request?' : `Cancel ${selectedCount.toLocaleString()} requests?`}
          confirmLabel="Cancel requests"
          cancelLabel="Keep them"
          danger
          busy={busy}
          onConfirm={() => void cancelSelected()}
          onCancel={() => setConfirm(null)}
        >
          <p>The recipients won't be notified, and no more reminders will be sent to them.</p>
          <p>Canceled invitations don't return to your balance. To invite someone again you'll have to wait a while and, for an e-mail or text invitation, type their address again.</p>
        </ConfirmDialog>
      )}
      {confirm?.kind === 'one' && (
        <ConfirmDialog
          title={`Withdraw the invitation to ${recipientLabel(confirm.inv)}?`}
          confirmLabel="Withdraw"
          cancelLabel="Keep it"
          danger
          busy={busy}
          onConfirm={() => void withdrawOne(confirm.inv)}
          onCancel={() => setConfirm(null)}
        >
          <p>They won't be notified, and no more reminders will be sent. The invitation doesn't return to your balance.</p>
        </ConfirmDialog>
      )}
    </div>
  );
}
