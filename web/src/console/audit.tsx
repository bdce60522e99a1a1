/** The audit trail, newest first, filtered by member and action. */
import { type FormEvent, useState } from 'react';
import { useNavigate, useSearchParams } from 'react-router';
import { QueryState } from '../components/query-state';
import { Empty } from '../components/status';
import { api, query } from '../lib/api';
import { formatDateTime } from '../lib/format';
import { keys, usePagedQuery } from '../lib/query';

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
  const [search] = useSearchParams();
  const memberId = search.get('memberId') ?? '';
  const action = search.get('action') ?? '';
  const list = usePagedQuery({
    queryKey: keys.auditList(memberId, action),
    fetchPage: (cursor, signal) =>
      api('get', '/admin/audit', {
        query: { ...(memberId ? { memberId } : {}), ...(action ? { action } : {}), limit: 50, cursor: cursor ?? undefined },
        signal,
      }),
  });
  return (
    <section aria-labelledby="audit-title">
      <h2 id="audit-title">Audit trail</h2>
      <AuditFilters memberId={memberId} action={action} />
      <QueryState query={list} empty={<Empty>Nothing recorded matches.</Empty>}>
        {(items) => (
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
                {items.map((item) => (
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
      </QueryState>
    </section>
  );
}

function AuditFilters({ memberId, action }: { memberId: string; action: string }) {
  const navigate = useNavigate();
  const [typedMember, setTypedMember] = useState(memberId);
  const [typedAction, setTypedAction] = useState(action);
  const [shown, setShown] = useState({ memberId, action });
  if (shown.memberId !== memberId || shown.action !== action) {
    // The URL's filter changed (Back, a link from a member's page): the form says it again.
    setShown({ memberId, action });
    setTypedMember(memberId);
    setTypedAction(action);
  }
  const apply = (event: FormEvent) => {
    event.preventDefault();
    void navigate(`/console/audit${query({ memberId: typedMember.trim(), action: typedAction.trim() })}`);
  };
  return (
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
  );
}
