/** Invitations withdrawn lately, with when each recipient can be invited again (the cooldown). */
import { useState } from 'react';
import { ErrorState, Loading } from '../components/status';
import { api } from '../lib/api';
import { formatDateTime, recipientLabel } from '../lib/format';
import { useResource } from '../lib/hooks';
import type { Invitation, Page } from '../lib/types';

function Withdrawn({ version }: { version: number }) {
  const page = useResource((signal) => api<Page<Invitation>>('GET', '/invitations/sent?status=withdrawn&limit=10', { signal }), [version]);
  if (page.loading && !page.data) return <Loading />;
  if (page.error) return <ErrorState error={page.error} onRetry={page.reload} />;
  const items = page.data?.items ?? [];
  if (items.length === 0) return <p className="muted">You haven't withdrawn any invitation.</p>;
  const now = Date.now();
  return (
    <ul className="plain-list">
      {items.map((inv) => {
        const again = inv.reinviteAvailableAt;
        return (
          <li key={inv.id}>
            <strong>{recipientLabel(inv)}</strong>
            {inv.withdrawnAt && <span className="muted"> · withdrawn {formatDateTime(inv.withdrawnAt)}</span>}
            <br />
            {again && Date.parse(again) > now ? <span>You can invite them again after {formatDateTime(again)}.</span> : <span>You can invite them again now.</span>}
          </li>
        );
      })}
    </ul>
  );
}

export function RecentlyWithdrawn({ version }: { version: number }) {
  const [open, setOpen] = useState(false);
  return (
    <details className="card details" onToggle={(e) => setOpen((e.target as HTMLDetailsElement).open)}>
      <summary>Recently withdrawn, and when you can invite them again</summary>
      {open && <Withdrawn version={version} />}
    </details>
  );
}
