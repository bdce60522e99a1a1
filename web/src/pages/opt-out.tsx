/** The opt-out link in every invitation and reminder: stop all of them to this address or number. */
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useParams } from 'react-router';
import { QueryState } from '../components/query-state';
import { ErrorState } from '../components/status';
import { api, ApiError } from '../lib/api';
import { useTitle } from '../lib/hooks';
import { describeError } from '../lib/messages';
import { keys } from '../lib/query';
import type { OptOutInfo } from '../lib/types';

function Invalid() {
  return (
    <div className="page narrow">
      <div className="card section">
        <h1>This link isn't valid</h1>
        <p>Check that the whole link was copied from the message.</p>
      </div>
    </div>
  );
}

export function OptOutPage() {
  useTitle('Stop invitations');
  const token = useParams().token!;
  const info = useQuery({
    queryKey: keys.optOut(token),
    queryFn: ({ signal }) => api('get', '/opt-out/{token}', { params: { token }, signal, quiet401: true }),
  });
  return (
    <QueryState
      query={info}
      failed={(error, retry) =>
        error instanceof ApiError && error.code === 'not_found' ? (
          <Invalid />
        ) : (
          <div className="page narrow">
            <h1>Stop invitations</h1>
            <ErrorState error={error} onRetry={retry} />
          </div>
        )
      }
    >
      {(data) => <OptOut token={token} info={data} />}
    </QueryState>
  );
}

function OptOut({ token, info }: { token: string; info: OptOutInfo }) {
  const client = useQueryClient();
  const stop = useMutation({
    mutationFn: () => api('post', '/opt-out/{token}', { params: { token }, quiet401: true }),
    onSuccess: (result) => client.setQueryData(keys.optOut(token), result),
  });
  const { address, channel, optedOut } = info;
  const what = channel === 'sms' ? 'this number' : 'this address';
  const error = stop.error ? (stop.error instanceof ApiError ? describeError(stop.error) : 'Something went wrong.') : null;

  return (
    <div className="page narrow">
      <div className="card section">
        {optedOut ? (
          <div role="status">
            <h1>You won't hear from Rapport again</h1>
            <p>No more invitations or reminders will be sent to {address}.</p>
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
            <button type="button" className="button primary" onClick={() => stop.mutate()} disabled={stop.isPending} aria-busy={stop.isPending}>
              {stop.isPending ? 'Stopping…' : 'Stop all invitations and reminders'}
            </button>
          </>
        )}
      </div>
    </div>
  );
}
