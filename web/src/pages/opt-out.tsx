/** The opt-out link in every invitation and reminder: stop all of them to this address or number. */
import { useState } from 'react';
import { ErrorState, Loading } from '../components/status';
import { api, ApiError } from '../lib/api';
import { useResource, useTitle } from '../lib/hooks';
import { describeError } from '../lib/messages';
import type { OptOutInfo } from '../lib/types';
import type { PageProps } from '../app';

export function OptOutPage({ params }: PageProps) {
  useTitle('Stop invitations');
  const token = params.token!;
  const info = useResource((signal) => api<OptOutInfo>('GET', `/opt-out/${encodeURIComponent(token)}`, { signal, quiet401: true }), [token]);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  if (info.loading && !info.data) return <Loading />;
  if (info.error?.code === 'not_found') {
    return (
      <div className="page narrow">
        <div className="card section">
          <h1>This link isn't valid</h1>
          <p>Check that the whole link was copied from the message.</p>
        </div>
      </div>
    );
  }
  if (info.error || !info.data) {
    return (
      <div className="page narrow">
        <h1>Stop invitations</h1>
        <ErrorState error={info.error} onRetry={info.reload} />
      </div>
    );
  }
  const { address, channel, optedOut } = info.data;
  const what = channel === 'sms' ? 'this number' : 'this address';

  const stop = async () => {
    setBusy(true);
    setError(null);
    try {
      const result = await api<OptOutInfo>('POST', `/opt-out/${encodeURIComponent(token)}`, { quiet401: true });
      info.setData(() => result);
    } catch (err) {
      setError(err instanceof ApiError ? describeError(err) : 'Something went wrong.');
    } finally {
      setBusy(false);
    }
  };

  return (
    <div className="page narrow">
      <div className="card section">
        {optedOut ? (
          <div role="status">
            <h1>You won't hear from Rapport again</h1>
            <p>
              No more invitations or reminders will be sent to {address}.
            </p>
          </div>
        ) : (
          <>
            <h1>Stop invitations and reminders</h1>
            <p>
              Rapport will send no more invitations or reminders to {what}: {address}. Nobody else needs to do anything.
            </p>
            {error && (
              <p className="form-error" role="alert">
                {error}
              </p>
            )}
            <button type="button" className="button primary" onClick={() => void stop()} disabled={busy} aria-busy={busy}>
              {busy ? 'Stopping…' : 'Stop all invitations and reminders'}
            </button>
          </>
        )}
      </div>
    </div>
  );
}
