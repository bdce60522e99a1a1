/** Contact support: ask that all pending invitations sent from my account be canceled for me. */
import { type FormEvent, useState } from 'react';
import { ErrorState, Loading } from '../components/status';
import { api } from '../lib/api';
import { formatDateTime } from '../lib/format';
import { useResource, useTitle } from '../lib/hooks';
import { describeError } from '../lib/messages';
import type { Page, SupportRequest } from '../lib/types';

export function ContactSupportPage() {
  useTitle('Contact support');
  const [message, setMessage] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [sent, setSent] = useState<SupportRequest | null>(null);
  const requests = useResource((signal) => api<Page<SupportRequest>>('GET', '/support/requests?limit=10', { signal }), [sent?.id]);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setBusy(true);
    setError(null);
    try {
      setSent(await api<SupportRequest>('POST', '/support/requests', { body: { kind: 'withdraw_all_pending', ...(message.trim() ? { message: message.trim() } : {}) } }));
      setMessage('');
    } catch (err) {
      setError(describeError(err));
    } finally {
      setBusy(false);
    }
  };

  return (
    <div className="page narrow">
      <div className="page-head">
        <h1>Contact support</h1>
        <p className="muted">If you can't cancel many invitations at once yourself, we can cancel all pending invitations sent from your account on your behalf.</p>
      </div>
      {sent ? (
        <div className="card section success-panel" role="status">
          <h2>Request sent</h2>
          <p>We've received your request to cancel all pending invitations sent from your account. We'll let you know here when it's done.</p>
          <button type="button" className="button secondary" onClick={() => setSent(null)}>
            Write another request
          </button>
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
        {requests.loading && !requests.data ? (
          <Loading />
        ) : requests.error ? (
          <ErrorState error={requests.error} onRetry={requests.reload} />
        ) : !requests.data || requests.data.items.length === 0 ? (
          <p className="muted">You haven't asked for anything yet.</p>
        ) : (
          <ul className="plain-list">
            {requests.data.items.map((r) => (
              <li key={r.id}>
                <strong>Cancel all pending invitations</strong> · asked {formatDateTime(r.createdAt)} ·{' '}
                {r.status === 'done' ? <span className="chip success">Done{r.resolvedAt ? ` ${formatDateTime(r.resolvedAt)}` : ''}</span> : <span className="chip">Open</span>}
              </li>
            ))}
          </ul>
        )}
      </section>
    </div>
  );
}
