/** Feature flags (admins): rollout percentage with stable bucketing, allow and deny lists. */
import { type FormEvent, useState } from 'react';
import { ErrorState, Loading } from '../components/status';
import { useToast } from '../components/toasts';
import { api } from '../lib/api';
import { formatDateTime } from '../lib/format';
import { useResource } from '../lib/hooks';
import { describeError } from '../lib/messages';
import type { Flag } from '../lib/types';

const ids = (text: string) => text.split(/[\s,]+/).map((s) => s.trim()).filter(Boolean);

function FlagForm({ flag, onSaved }: { flag: Flag; onSaved(flag: Flag): void }) {
  const toast = useToast();
  const [percent, setPercent] = useState(String(flag.rolloutPercent));
  const [allow, setAllow] = useState(flag.allow.join(', '));
  const [deny, setDeny] = useState(flag.deny.join(', '));
  const [busy, setBusy] = useState(false);
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setBusy(true);
    try {
      const saved = await api<Flag>('PUT', `/admin/features/${encodeURIComponent(flag.key)}`, { body: { rolloutPercent: Number(percent), allow: ids(allow), deny: ids(deny) } });
      onSaved(saved);
      toast.success(`${flag.key} is now at ${saved.rolloutPercent}%.`);
    } catch (err) {
      toast.error(describeError(err));
    } finally {
      setBusy(false);
    }
  };
  return (
    <form className="card section form" onSubmit={submit} aria-labelledby={`flag-${flag.key}`}>
      <h3 id={`flag-${flag.key}`}>{flag.key}</h3>
      <p className="meta">{flag.updatedAt ? `Changed ${formatDateTime(flag.updatedAt)}` : 'Never changed'}</p>
      <label className="field inline">
        <span>Rollout percentage</span>
        <input type="number" min={0} max={100} step={1} required value={percent} onChange={(e) => setPercent(e.target.value)} />
      </label>
      <label className="field">
        <span>Always on for (member ids)</span>
        <textarea rows={2} value={allow} onChange={(e) => setAllow(e.target.value)} />
      </label>
      <label className="field">
        <span>Always off for (member ids)</span>
        <textarea rows={2} value={deny} onChange={(e) => setDeny(e.target.value)} />
      </label>
      <div>
        <button type="submit" className="button primary" disabled={busy}>
          Save {flag.key}
        </button>
      </div>
    </form>
  );
}

export function FlagsSection() {
  const flags = useResource((signal) => api<{ items: Flag[] }>('GET', '/admin/features', { signal }), []);
  return (
    <section aria-labelledby="flags-title">
      <h2 id="flags-title">Feature flags</h2>
      <p className="muted">A member who has a feature keeps it as the percentage grows. There is no self-service early access.</p>
      {flags.loading && !flags.data ? (
        <Loading />
      ) : flags.error || !flags.data ? (
        <ErrorState error={flags.error} onRetry={flags.reload} />
      ) : (
        <div className="grid-2">
          {flags.data.items.map((flag) => (
            <FlagForm key={flag.key} flag={flag} onSaved={(saved) => flags.setData((c) => c && { items: c.items.map((f) => (f.key === saved.key ? saved : f)) })} />
          ))}
        </div>
      )}
    </section>
  );
}
