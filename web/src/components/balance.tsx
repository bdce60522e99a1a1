/** The sender's balance, weekly window and restriction, where they matter. */
import { formatDateTime, plural } from '../lib/format';
import type { Me } from '../lib/types';

export function BalanceSummary({ me }: { me: Me }) {
  const { available, weeklyLimit, sentLast7Days, weeklyWindowFreesAt } = me.balance;
  const atLimit = sentLast7Days >= weeklyLimit;
  const nearLimit = !atLimit && sentLast7Days >= weeklyLimit * 0.8;
  return (
    <div className="balance" aria-label="Your invitations">
      <p>
        <strong>{plural(available, 'invitation')}</strong> available in your balance · <strong>{sentLast7Days.toLocaleString()}</strong> of{' '}
        {weeklyLimit.toLocaleString()} sent in the last 7 days
      </p>
      {atLimit && weeklyWindowFreesAt && (
        <p className="warning-text">You've reached the weekly limit. You can send more after {formatDateTime(weeklyWindowFreesAt)}.</p>
      )}
      {nearLimit && weeklyWindowFreesAt && (
        <p className="muted">
          You're close to the weekly limit; the oldest of this week's invitations leaves the 7-day window on {formatDateTime(weeklyWindowFreesAt)}.
        </p>
      )}
      {available === 0 && <p className="warning-text">Your balance is empty: contact support to ask for more invitations.</p>}
      {me.restricted && (
        <p className="warning-text">Several recipients said they don't know you, so each invitation you send now needs the recipient's e-mail address.</p>
      )}
    </div>
  );
}
