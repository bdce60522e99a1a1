/** The unsubscribe link of every e-mail about unread messages: stop those e-mails (the `messageEmails` setting). */
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Link, useParams } from 'react-router';
import { QueryState } from '../components/query-state';
import { ErrorState } from '../components/status';
import { api, ApiError } from '../lib/api';
import { useTitle } from '../lib/hooks';
import { describeError } from '../lib/messages';
import { keys } from '../lib/query';

function Invalid() {
  return (
    <div className="page narrow">
      <div className="card section">
        <h1>This link isn't valid</h1>
        <p>Check that the whole link was copied from the e-mail. You can also turn these e-mails off in Settings.</p>
      </div>
    </div>
  );
}

export function MessageEmailsUnsubscribePage() {
  useTitle('Stop e-mails about messages');
  const token = useParams().token!;
  const client = useQueryClient();
  const info = useQuery({
    queryKey: keys.messageEmailsUnsubscribe(token),
    queryFn: ({ signal }) => api('get', '/message-emails/unsubscribe/{token}', { params: { token }, signal, quiet401: true }),
  });
  const stop = useMutation({
    mutationFn: () => api('post', '/message-emails/unsubscribe/{token}', { params: { token }, quiet401: true }),
    onSuccess: (result) => client.setQueryData(keys.messageEmailsUnsubscribe(token), result),
  });
  return (
    <QueryState
      query={info}
      failed={(error, retry) =>
        error instanceof ApiError && error.code === 'not_found' ? (
          <Invalid />
        ) : (
          <div className="page narrow">
            <h1>Stop e-mails about messages</h1>
            <ErrorState error={error} onRetry={retry} />
          </div>
        )
      }
    >
      {(data) => (
        <div className="page narrow">
          <div className="card section">
            {!data.messageEmails ? (
              <div role="status">
                <h1>No more e-mails about messages</h1>
                <p>
                  Rapport won't e-mail you about unread messages. New messages still arrive in your inbox; you can turn these e-mails back on in{' '}
                  <Link to="/settings">Settings</Link>.
                </p>
              </div>
            ) : (
              <>
                <h1>Stop e-mails about messages</h1>
                <p>Rapport e-mails you when a message waits unread for a while. Stop those e-mails? Messages still arrive in your inbox.</p>
                {stop.error && (
                  <p className="form-error" role="alert">
                    {stop.error instanceof ApiError ? describeError(stop.error) : 'Something went wrong.'}
                  </p>
                )}
                <button type="button" className="button primary" onClick={() => stop.mutate()} disabled={stop.isPending} aria-busy={stop.isPending}>
                  {stop.isPending ? 'Stopping…' : 'Stop e-mails about messages'}
                </button>
              </>
            )}
          </div>
        </div>
      )}
    </QueryState>
  );
}
