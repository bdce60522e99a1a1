/**
 * The link mailed to an address (the primary one at sign-up, or an added one): verifies it for the
 * signed-in member, or says it no longer works.
 */
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useEffect } from 'react';
import { Link, useParams } from 'react-router';
import { ErrorState, Loading } from '../components/status';
import { api } from '../lib/api';
import { useTitle } from '../lib/hooks';
import { invalidate, keys } from '../lib/query';

export function VerifyEmailPage() {
  useTitle('Verify e-mail address');
  const token = useParams().token!;
  const client = useQueryClient();
  const { mutate: verify, ...result } = useMutation({
    mutationFn: (value: string) => api('post', '/emails/verify/{token}', { params: { token: value } }),
    // A verified primary address also ends the "verify your address" notice.
    onSuccess: () => invalidate(client, keys.emails, keys.me),
  });
  // Opening the link verifies the address; verifying again is harmless, so a retry may repeat it.
  useEffect(() => {
    verify(token);
  }, [token, verify]);

  if (result.isIdle || result.isPending) return <Loading label="Verifying your address…" />;
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
        <ErrorState error={result.error} onRetry={() => verify(token)} />
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
