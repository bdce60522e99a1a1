/** My settings: my e-mail addresses, and whether people who know one of them can find me. */
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { EmailAddresses } from '../components/email-addresses';
import { QueryState } from '../components/query-state';
import { useToast } from '../components/toasts';
import { api } from '../lib/api';
import { useTitle } from '../lib/hooks';
import { describeError } from '../lib/messages';
import { keys } from '../lib/query';
import { useMe } from '../lib/session';

export function SettingsPage() {
  useTitle('Settings');
  const me = useMe();
  const toast = useToast();
  const client = useQueryClient();
  const settings = useQuery({ queryKey: keys.settings, queryFn: ({ signal }) => api('get', '/me/settings', { signal }) });
  const [busy, setBusy] = useState(false);

  const change = async (findableByEmail: boolean) => {
    setBusy(true);
    try {
      client.setQueryData(keys.settings, await api('patch', '/me/settings', { body: { findableByEmail } }));
      toast.success('Settings saved.');
    } catch (err) {
      toast.error(describeError(err));
    } finally {
      setBusy(false);
    }
  };

  return (
    <div className="page narrow">
      <div className="page-head">
        <h1>Settings</h1>
        <p className="muted">
          Signed in as {me.member.name} ({me.member.email})
        </p>
      </div>
      <EmailAddresses />
      <section className="card section" aria-labelledby="privacy-title">
        <h2 id="privacy-title">Privacy</h2>
        <QueryState query={settings}>
          {(data) => (
            <label className="checkbox-label">
              <input type="checkbox" checked={data.findableByEmail} disabled={busy} onChange={(e) => void change(e.target.checked)} />
              <span>People who import a contacts file with one of my e-mail addresses (the primary one or a verified one) can find me</span>
            </label>
          )}
        </QueryState>
      </section>
    </div>
  );
}
