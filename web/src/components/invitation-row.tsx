/** One invitation in a list: who, how, the note (as text), when, and its delivery. */
import type { ReactNode } from 'react';
import { CHANNEL_LABEL, formatDateTime, initials, recipientLabel, relativeTime } from '../lib/format';
import { Link } from 'react-router';
import type { Delivery, Invitation } from '../lib/types';

const DELIVERY_TEXT: Record<Delivery, string | null> = {
  none: null,
  queued: 'Queued for delivery',
  sent: 'Delivered',
  failed: 'Delivery failed',
  bounced: 'Bounced: check the address and send a new invitation',
};

export function When({ iso, prefix }: { iso: string; prefix: string }) {
  return (
    <>
      {prefix}{' '}
      <time dateTime={iso} title={formatDateTime(iso)}>
        {relativeTime(iso)}
      </time>
    </>
  );
}

/** The person side of a row: the other party's name (a profile link for members) and the channel. */
export function Party({ name, memberId, extra }: { name: string; memberId?: string; extra?: string }) {
  return (
    <span className="party">
      {memberId ? <Link to={`/members/${encodeURIComponent(memberId)}`}>{name}</Link> : <span className="party-name">{name}</span>}
      {extra && extra !== name && <span className="muted"> · {extra}</span>}
    </span>
  );
}

export function SentInvitationRow({ inv, select, action }: { inv: Invitation; select?: ReactNode; action?: ReactNode }) {
  const label = recipientLabel(inv);
  const delivery = DELIVERY_TEXT[inv.delivery];
  const problem = inv.delivery === 'failed' || inv.delivery === 'bounced';
  return (
    <li className="row">
      {select}
      <span className="avatar" aria-hidden="true">
        {initials(label)}
      </span>
      <div className="row-main">
        <p className="row-title">
          <Party name={label} memberId={inv.recipient.memberId} extra={inv.recipient.name ? (inv.recipient.email ?? inv.recipient.phone) : undefined} />
          <span className="chip">{CHANNEL_LABEL[inv.channel]}</span>
        </p>
        {inv.message && <p className="note">{inv.message}</p>}
        <p className="meta">
          <When iso={inv.createdAt} prefix="Sent" /> · <When iso={inv.expiresAt} prefix="expires" />
          {delivery && (
            <>
              {' '}
              · <span className={problem ? 'warning-text' : undefined}>{delivery}</span>
            </>
          )}
        </p>
      </div>
      {action && <div className="row-actions">{action}</div>}
    </li>
  );
}
