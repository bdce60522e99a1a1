/** Contact support: ask that all pending invitations sent from my account be canceled for me. */
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { QueryState } from '../components/query-state';
import { api } from '../lib/api';
import { formatDateTime } from '../lib/format';
import { useTitle } from '../lib/hooks';
import { describeError } from '../lib/messages';
import { invalidate, keys } from '../lib/query';
import type { SupportRequest } from '../lib/types';

/** My own requests (support agents see everyone's in the console). */
const MINE = 'mine';

export function ContactSupportPage() {
  useTitle('Contact support');
  const client = useQueryClient();
  const [message, setMessage] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [sent, setSent] = useState<SupportRequest | null>(null);
  const requests = useQuery({
    queryKey: keys.supportRequestList(MINE),
    queryFn: ({ signal }) => api('get', '/support/requests', { query: { limit: 10 }, signal }),
    select: (page) => page.items,
  });
  const ask = useMutation({
    mutationFn: (text: string) => api('post', '/support/requests', { body: { kind: 'withdraw_all_pending', ...(text ? { message: text } : {}) } }),
    onSuccess: () => invalidate(client, keys.supportRequests),
  });
  const busy = ask.isPending;
  // One open request at a time: while one is open, the page says so instead of offering the form.
  const open = requests.data?.find((r) => r.status === 'open') ?? null;

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setError(null);
    try {
      setSent(await ask.mutateAsync(message.trim()));
      setMessage('');
    } catch (err) {
      setError(describeError(err));
    }
  };

  return (
    <div className="page narrow">
      <div className="page-head">
        <h1>Contact support</h1>
        <p className="muted">
          If you can't cancel many invitations at once yourself, we can cancel all pending invitations sent from your account on your behalf.
        </p>
      </div>
      {sent ? (
        <div className="card section success-panel" role="status">
          <h2>Request sent</h2>
          <p>We've received your request to cancel all pending invitations sent from your account. We'll let you know here when it's done.</p>
        </div>
      ) : open ? (
        <div className="card section" role="status">
          <h2>Your request is open</h2>
          <p>
            You asked on {formatDateTime(open.createdAt)} to cancel all pending invitations sent from your account. Support will handle it, and you'll see it
            marked done here; you can ask again after that.
          </p>
        </div>
      ) : (
        <form className="card form" onSubmit={submit}>
          {error && (
            <p className="form-error" role="alert">
              {error}
            </p>
          )}
          <fieldset className="field">
            <legend>What can we do for you?</legend>
            <label className="checkbox-label">
              <input type="radio" name="kind" value="withdraw_all_pending" checked readOnly />
              <span>Cancel all pending invitations sent from my account</span>
            </label>
          </fieldset>
          <label className="field">
            <span>Anything we should know? (optional)</span>
            <textarea rows={4} maxLength={2000} value={message} onChange={(e) => setMessage(e.target.value)} />
          </label>
          <div>
            <button type="submit" className="button primary" disabled={busy} aria-busy={busy}>
              {busy ? 'Sending…' : 'Send request'}
            </button>
          </div>
        </form>
      )}
      <section className="section" aria-labelledby="requests-title">
        <h2 id="requests-title">Your requests</h2>
        <QueryState query={requests} empty={<p className="muted">You haven't asked for anything yet.</p>}>
          {(items) => (
            <ul className="plain-list">
              {items.map((r) => (
                <li key={r.id}>
                  <strong>Cancel all pending invitations</strong> · asked {formatDateTime(r.createdAt)} ·{' '}
                  {r.status === 'done' ? (
                    <span className="chip success">Done{r.resolvedAt ? ` ${formatDateTime(r.resolvedAt)}` : ''}</span>
                  ) : (
                    <span className="chip">Open</span>
                  )}
                </li>
              ))}
            </ul>
          )}
        </QueryState>
      </section>
    </div>
  );
}
