/** Invitations withdrawn lately, with when each recipient can be invited again (the cooldown). */
import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { QueryState } from '../components/query-state';
import { formatDateTime, recipientLabel } from '../lib/format';
import { withdrawnQuery } from '../lib/invitations';

function Withdrawn() {
  const page = useQuery({ ...withdrawnQuery, select: (reply) => reply.items });
  // "Again now" is judged at the time of the answer, so the list reads the same on every render.
  const asOf = page.dataUpdatedAt;
  return (
    <QueryState query={page} empty={<p className="muted">You haven't withdrawn any invitation.</p>}>
      {(items) => (
        <ul className="plain-list">
          {items.map((inv) => {
            const again = inv.reinviteAvailableAt;
            return (
              <li key={inv.id}>
                <strong>{recipientLabel(inv)}</strong>
                {inv.withdrawnAt && <span className="muted"> · withdrawn {formatDateTime(inv.withdrawnAt)}</span>}
                <br />
                {again && Date.parse(again) > asOf ? (
                  <span>You can invite them again after {formatDateTime(again)}.</span>
                ) : (
                  <span>You can invite them again now.</span>
                )}
              </li>
            );
          })}
        </ul>
      )}
    </QueryState>
  );
}

export function RecentlyWithdrawn() {
  const [open, setOpen] = useState(false);
  return (
    <details className="card details" onToggle={(e) => setOpen((e.target as HTMLDetailsElement).open)}>
      <summary>Recently withdrawn, and when you can invite them again</summary>
      {open && <Withdrawn />}
    </details>
  );
}
