/** The audit trail, newest first, filtered by member and action. */
import { type FormEvent, useState } from 'react';
import { Empty, ErrorState, Loading, LoadMore } from '../components/status';
import { api, query } from '../lib/api';
import { formatDateTime } from '../lib/format';
import { usePaged } from '../lib/hooks';
import { navigate, useLocation } from '../lib/router';
import type { AuditItem, Page } from '../lib/types';

const ACTIONS = [
  'invitation.sent',
  'invitation.accepted',
  'invitation.withdrawn',
  'invitation.expired',
  'support.requested',
  'support.withdraw_all',
  'balance.granted',
  'flag.changed',
  'member.created',
  'member.restricted',
  'connection.removed',
  'recipient.opted_out',
];

export function AuditSection() {
  const { search } = useLocation();
  const memberId = search.get('memberId') ?? '';
  const action = search.get('action') ?? '';
  const [typedMember, setTypedMember] = useState(memberId);
  const [typedAction, setTypedAction] = useState(action);
  const list = usePaged<AuditItem>(
    (cursor) => `/admin/audit${query({ memberId, action, limit: 50, cursor })}`,
    (path, signal) => api<Page<AuditItem>>('GET', path, { signal }),
    [memberId, action],
  );
  const apply = (event: FormEvent) => {
    event.preventDefault();
    navigate(`/console/audit${query({ memberId: typedMember.trim(), action: typedAction.trim() })}`);
  };
  return (
    <section aria-labelledby="audit-title">
      <h2 id="audit-title">Audit trail</h2>
      <form className="filters" role="search" aria-label="Filter the audit trail" onSubmit={apply}>
        <label className="field inline grow">
          <span>Member id</span>
          <input value={typedMember} onChange={(e) => setTypedMember(e.target.value)} maxLength={64} />
        </label>
        <label className="field inline grow">
          <span>Action</span>
          <input value={typedAction} onChange={(e) => setTypedAction(e.target.value)} list="audit-actions" maxLength={64} />
          <datalist id="audit-actions">
            {ACTIONS.map((a) => (
              <option key={a} value={a} />
            ))}
          </datalist>
        </label>
        <button type="submit" className="button primary">
          Filter
        </button>
      </form>
      {list.loading ? (
        <Loading />
      ) : list.error ? (
        <ErrorState error={list.error} onRetry={list.reload} />
      ) : list.items.length === 0 ? (
        <Empty>Nothing recorded matches.</Empty>
      ) : (
        <div className="table-wrap">
          <table className="table">
            <caption className="visually-hidden">Audit trail, newest first</caption>
            <thead>
              <tr>
                <th scope="col">When</th>
                <th scope="col">Who</th>
                <th scope="col">Action</th>
                <th scope="col">For</th>
                <th scope="col">Path</th>
                <th scope="col">Details</th>
              </tr>
            </thead>
            <tbody>
              {list.items.map((item) => (
                <tr key={item.id}>
                  <td>{formatDateTime(item.at)}</td>
                  <td>{item.actor ? (item.actor.name ?? item.actor.id) : 'System'}</td>
                  <td>{item.action}</td>
                  <td>{item.subject ? (item.subject.name ?? item.subject.memberId) : ''}</td>
                  <td>{item.path}</td>
                  <td className="details-cell">{Object.keys(item.details).length ? JSON.stringify(item.details) : ''}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <LoadMore hasMore={list.hasMore && !list.loading} loading={list.loadingMore} error={list.moreError} onMore={list.loadMore} />
    </section>
  );
}
