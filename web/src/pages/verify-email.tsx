/**
 * The link mailed to an address (the primary one at sign-up, or an added one): verifies it for the
 * signed-in member, or says it no longer works.
 */
import { useEffect } from 'react';
import { ErrorState, Loading } from '../components/status';
import { api } from '../lib/api';
import { useResource, useTitle } from '../lib/hooks';
import { Link } from '../lib/router';
import { useSession } from '../lib/session';
import type { MemberEmail } from '../lib/types';
import type { PageProps } from '../app';

export function VerifyEmailPage({ params }: PageProps) {
  useTitle('Verify e-mail address');
  const token = params.token!;
  // Verifying again is harmless, so a second render's request changes nothing.
  const result = useResource((signal) => api<MemberEmail>('POST', `/emails/verify/${encodeURIComponent(token)}`, { signal }), [token]);
  const { refresh } = useSession();
  // A verified primary address ends the "verify your address" notice.
  const verifiedPrimary = result.data?.primary === true;
  useEffect(() => {
    if (verifiedPrimary) void refresh();
  }, [verifiedPrimary, refresh]);

  if (result.loading && !result.data) return <Loading label="Verifying your address…" />;
  if (result.error?.code === 'verification_unavailable') {
    return (
      <div className="page narrow">
        <div className="card section">
          <h1>This link is no longer valid</h1>
          <p>
            It may have expired, been replaced by a newer link, or belong to another account. Links work for 24 hours, and only for the account they were sent
            for.
          </p>
          <p>
            <Link to="/settings">Go to your settings</Link> to send a new link.
          </p>
        </div>
      </div>
    );
  }
  if (result.error || !result.data) {
    return (
      <div className="page narrow">
        <h1>Verify e-mail address</h1>
        <ErrorState error={result.error} onRetry={result.reload} />
      </div>
    );
  }
  return (
    <div className="page narrow">
      <div className="card section" role="status">
        <h1>Your address is verified</h1>
        <p>
          <strong className="party">{result.data.email}</strong> is now {result.data.primary ? 'yours on Rapport' : 'one of your e-mail addresses'}. Invitations
          sent to it reach you.
        </p>
        <p>
          <Link to="/settings">Back to your settings</Link>
        </p>
      </div>
    </div>
  );
}
