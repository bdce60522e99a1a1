/**
 * Sent invitations: only those awaiting a response, newest first, paged and filtered. With
 * bulk-withdraw: checkboxes, select all (and "all N matching"), and Cancel requests with a
 * confirmation stating the count. Without it: Withdraw per row and a pointer to support.
 */
import { useQuery } from '@tanstack/react-query';
import { useCallback, useEffect, useId, useMemo, useRef, useState } from 'react';
import { Link, useSearchParams } from 'react-router';
import { BalanceSummary } from '../components/balance';
import { ConfirmDialog } from '../components/dialog';
import { SentInvitationRow } from '../components/invitation-row';
import { QueryState } from '../components/query-state';
import { Empty } from '../components/status';
import { useToast } from '../components/toasts';
import { formatDateTime, plural, recipientLabel, reinviteBlockedUntil } from '../lib/format';
import { useTitle } from '../lib/hooks';
import { fetchSentPage, sentCountQuery, useBulkWithdraw, useWithdraw } from '../lib/invitations';
import { describeError } from '../lib/messages';
import { keys, type SentFilters, usePagedQuery } from '../lib/query';
import { useMe } from '../lib/session';
import type { Channel, Invitation } from '../lib/types';
import { RecentlyWithdrawn } from './recently-withdrawn';

const PAGE_SIZE = 25;
const AGES = ['7', '30', '90', '150'];
const CHANNELS: Channel[] = ['member', 'email', 'sms'];
const NO_IDS: ReadonlySet<string> = new Set();

/** The filters, as the URL keeps them (so Back and reload keep them too); anything else reads as none. */
function filtersIn(search: URLSearchParams) {
  const age = search.get('olderThanDays') ?? '';
  const channel = (search.get('channel') ?? '') as '' | Channel;
  return {
    olderThanDays: AGES.includes(age) ? age : '',
    channel: CHANNELS.includes(channel as Channel) ? channel : '',
    q: (search.get('q') ?? '').trim().slice(0, 200),
  };
}

/** What is selected, for the filters it was chosen under: other filters start with nothing selected. */
interface Selection {
  filterKey: string;
  ids: ReadonlySet<string>;
  allMatching: boolean;
}

export function SentInvitationsPage() {
  useTitle('Sent invitations');
  const me = useMe();
  const toast = useToast();
  const bulk = me.features['bulk-withdraw'];
  const [search, setSearch] = useSearchParams();
  const { olderThanDays, channel, q } = filtersIn(search);
  const filters: SentFilters = { ...(channel ? { channel } : {}), ...(q ? { q } : {}), ...(olderThanDays ? { olderThanDays: Number(olderThanDays) } : {}) };
  const filterKey = JSON.stringify(filters);
  const filtered = filterKey !== '{}';

  /** Changes the filters in the URL; the list starts again from its first page. */
  const setFilter = useCallback(
    (name: 'olderThanDays' | 'channel' | 'q', value: string) =>
      setSearch(
        (current) => {
          const next = new URLSearchParams(current);
          if (value) next.set(name, value);
          else next.delete(name);
          next.delete('pages');
          return next;
        },
        { replace: true, preventScrollReset: true },
      ),
    [setSearch],
  );

  // The search box shows what is typed; the URL (and the list) follow once typing pauses.
  const [typed, setTyped] = useState(q);
  const [shownQ, setShownQ] = useState(q);
  if (shownQ !== q) {
    // The URL changed by itself (Back, a link): the box follows it, unless it already says the same.
    setShownQ(q);
    if (typed.trim() !== q) setTyped(q);
  }
  useEffect(() => {
    const wanted = typed.trim().slice(0, 200);
    if (wanted === q) return;
    const timer = window.setTimeout(() => setFilter('q', wanted), 300);
    return () => window.clearTimeout(timer);
  }, [typed, q, setFilter]);

  const list = usePagedQuery({ queryKey: keys.sentList(filters), fetchPage: fetchSentPage(filters, PAGE_SIZE) });
  const total = useQuery(sentCountQuery(filters));
  const withdrawal = useWithdraw();
  const bulkWithdrawal = useBulkWithdraw();
  const busy = withdrawal.isPending || bulkWithdrawal.isPending;

  const [selection, setSelection] = useState<Selection>({ filterKey, ids: NO_IDS, allMatching: false });
  const selected = selection.filterKey === filterKey ? selection.ids : NO_IDS;
  const allMatching = selection.filterKey === filterKey && selection.allMatching;
  const select = (ids: ReadonlySet<string>, all = false) => setSelection({ filterKey, ids, allMatching: all });
  const [confirm, setConfirm] = useState<null | { kind: 'bulk' } | { kind: 'one'; inv: Invitation }>(null);
  const selectAllRef = useRef<HTMLInputElement>(null);
  const formId = useId();

  const items = list.data;
  const shownIds = useMemo(() => (items ?? []).map((i) => i.id), [items]);
  const allShownSelected = shownIds.length > 0 && shownIds.every((id) => selected.has(id));
  const count = total.data?.count;
  const selectedCount = allMatching ? (count ?? 0) : selected.size;

  useEffect(() => {
    if (selectAllRef.current) selectAllRef.current.indeterminate = !allMatching && selected.size > 0 && !allShownSelected;
  }, [selected, allShownSelected, allMatching]);

  const toggle = (id: string) => {
    const next = new Set(selected);
    if (next.has(id)) next.delete(id);
    else next.add(id);
    select(next);
  };
  const toggleAll = () => select(allShownSelected || allMatching ? NO_IDS : new Set(shownIds));

  /** The withdrawn ones leave the selection (the lists and counts are refreshed by the action). */
  const unselect = (ids: string[]) => {
    const gone = new Set(ids);
    setSelection((current) => ({ ...current, ids: new Set([...current.ids].filter((id) => !gone.has(id))) }));
  };

  const cancelSelected = async () => {
    try {
      const result = await bulkWithdrawal.mutateAsync(allMatching ? { filter: filters } : { ids: [...selected] });
      const skipped = result.skipped.length;
      toast.success(
        `Canceled ${plural(result.withdrawn, 'request')}. The recipients won't be notified.` +
          (skipped ? ` ${plural(skipped, 'invitation')} could not be canceled: already answered or expired.` : ''),
      );
      if (allMatching) select(NO_IDS);
      else unselect([...result.withdrawnIds, ...result.skipped.map((s) => s.id)]);
      setConfirm(null);
    } catch (err) {
      toast.error(describeError(err));
    }
  };

  const withdrawOne = async (inv: Invitation) => {
    try {
      const done = await withdrawal.mutateAsync({ id: inv.id });
      const again = done.reinviteAvailableAt ? ` You can invite them again after ${formatDateTime(done.reinviteAvailableAt)}.` : '';
      toast.success(`Invitation to ${recipientLabel(inv)} withdrawn. They won't be notified.${again}`);
      unselect([inv.id]);
    } catch (err) {
      toast.error(describeError(err));
      if ((err as { code?: string }).code === 'not_withdrawable') unselect([inv.id]);
    } finally {
      setConfirm(null);
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
          <select id={`${formId}-age`} value={olderThanDays} onChange={(e) => setFilter('olderThanDays', e.target.value)}>
            <option value="">Any time</option>
            <option value="7">More than a week ago</option>
            <option value="30">More than 30 days ago</option>
            <option value="90">More than 90 days ago</option>
            <option value="150">More than 150 days ago</option>
          </select>
        </div>
        <div className="field inline">
          <label htmlFor={`${formId}-channel`}>Channel</label>
          <select id={`${formId}-channel`} value={channel} onChange={(e) => setFilter('channel', e.target.value)}>
            <option value="">All channels</option>
            <option value="member">Members</option>
            <option value="email">E-mail</option>
            <option value="sms">Text message</option>
          </select>
        </div>
        <label className="field inline grow">
          <span>Name or address</span>
          <input type="search" value={typed} onChange={(e) => setTyped(e.target.value)} placeholder="Search" maxLength={200} />
        </label>
      </form>

      <p className="result-count" aria-live="polite">
        {count === undefined
          ? '\u00a0'
          : filtered
            ? `${plural(count, 'invitation')} awaiting a response match these filters`
            : `${plural(count, 'invitation')} awaiting a response`}
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
          <button type="button" className="button-link" onClick={() => select(selected, true)}>
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

      <QueryState
        query={list}
        empty={<Empty>{filtered ? 'No invitation awaiting a response matches these filters.' : 'No invitation you sent is waiting for a response.'}</Empty>}
      >
        {(shown) => (
          <ul className="list" aria-label="Invitations awaiting a response">
            {shown.map((inv) => (
              <SentInvitationRow
                key={inv.id}
                inv={inv}
                select={
                  bulk ? (
                    <input
                      type="checkbox"
                      className="row-check"
                      aria-label={`Select ${recipientLabel(inv)}`}
                      checked={allMatching || selected.has(inv.id)}
                      onChange={() => toggle(inv.id)}
                    />
                  ) : undefined
                }
                action={
                  <button
                    type="button"
                    className="button small secondary"
                    aria-label={`Withdraw invitation to ${recipientLabel(inv)}`}
                    onClick={() => setConfirm({ kind: 'one', inv })}
                  >
                    Withdraw
                  </button>
                }
              />
            ))}
          </ul>
        )}
      </QueryState>

      <RecentlyWithdrawn />

      {confirm?.kind === 'bulk' && (
        <ConfirmDialog
          title={selectedCount === 1 ? 'Cancel 1 request?' : `Cancel ${selectedCount.toLocaleString()} requests?`}
          confirmLabel="Cancel requests"
          cancelLabel={selectedCount === 1 ? 'Keep it' : 'Keep them'}
          danger
          busy={busy}
          onConfirm={() => void cancelSelected()}
          onCancel={() => setConfirm(null)}
        >
          <p>
            {selectedCount === 1
              ? "The recipient won't be notified, and no more reminders will be sent to them."
              : "The recipients won't be notified, and no more reminders will be sent to them."}
          </p>
          <p>
            {selectedCount === 1 ? "You won't be able to invite this person again" : "You won't be able to invite these people again"} until{' '}
            <strong>{reinviteBlockedUntil(me.rules.reinviteCooldownSeconds)}</strong>, and canceled invitations don't return to your balance. For an e-mail or
            text invitation, you'll have to type the address again.
          </p>
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
          <p>
            You won't be able to invite them again until <strong>{reinviteBlockedUntil(me.rules.reinviteCooldownSeconds)}</strong>.
          </p>
        </ConfirmDialog>
      )}
    </div>
  );
}
