/** Feature flags (admins): rollout percentage with stable bucketing, allow and deny lists. */
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { QueryState } from '../components/query-state';
import { useToast } from '../components/toasts';
import { api, type Body } from '../lib/api';
import { formatDateTime } from '../lib/format';
import { describeError } from '../lib/messages';
import { invalidate, keys } from '../lib/query';
import type { Flag } from '../lib/types';

const ids = (text: string) =>
  text
    .split(/[\s,]+/)
    .map((s) => s.trim())
    .filter(Boolean);

function useSaveFlag() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: ({ key, body }: { key: string; body: Body<'/admin/features/{key}', 'put'> }) => api('put', '/admin/features/{key}', { params: { key }, body }),
    onSuccess: (saved) => {
      client.setQueryData<{ items: Flag[] }>(keys.flags, (c) => c && { items: c.items.map((f) => (f.key === saved.key ? saved : f)) });
      invalidate(client, keys.audit);
    },
  });
}

function FlagForm({ flag }: { flag: Flag }) {
  const toast = useToast();
  const save = useSaveFlag();
  const [percent, setPercent] = useState(String(flag.rolloutPercent));
  const [allow, setAllow] = useState(flag.allow.join(', '));
  const [deny, setDeny] = useState(flag.deny.join(', '));
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    try {
      const saved = await save.mutateAsync({ key: flag.key, body: { rolloutPercent: Number(percent), allow: ids(allow), deny: ids(deny) } });
      toast.success(`${flag.key} is now at ${saved.rolloutPercent}%.`);
    } catch (err) {
      toast.error(describeError(err));
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
        <button type="submit" className="button primary" disabled={save.isPending}>
          Save {flag.key}
        </button>
      </div>
    </form>
  );
}

export function FlagsSection() {
  const flags = useQuery({ queryKey: keys.flags, queryFn: ({ signal }) => api('get', '/admin/features', { signal }), select: (reply) => reply.items });
  return (
    <section aria-labelledby="flags-title">
      <h2 id="flags-title">Feature flags</h2>
      <p className="muted">A member who has a feature keeps it as the percentage grows. There is no self-service early access.</p>
      <QueryState query={flags}>
        {(items) => (
          <div className="grid-2">
            {items.map((flag) => (
              <FlagForm key={flag.key} flag={flag} />
            ))}
          </div>
        )}
      </QueryState>
    </section>
  );
}
