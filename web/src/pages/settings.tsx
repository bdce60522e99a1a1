/** My settings: my e-mail addresses, and whether people who know one of them can find me. */
import { useState } from 'react';
import { EmailAddresses } from '../components/email-addresses';
import { ErrorState, Loading } from '../components/status';
import { useToast } from '../components/toasts';
import { api } from '../lib/api';
import { useResource, useTitle } from '../lib/hooks';
import { describeError } from '../lib/messages';
import { useMe } from '../lib/session';

interface Settings {
  findableByEmail: boolean;
}

export function SettingsPage() {
  useTitle('Settings');
  const me = useMe();
  const toast = useToast();
  const settings = useResource((signal) => api<Settings>('GET', '/me/settings', { signal }), []);
  const [busy, setBusy] = useState(false);

  const change = async (findableByEmail: boolean) => {
    setBusy(true);
    try {
      const next = await api<Settings>('PATCH', '/me/settings', { body: { findableByEmail } });
      settings.setData(() => next);
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
        {settings.loading && !settings.data ? (
          <Loading />
        ) : settings.error || !settings.data ? (
          <ErrorState error={settings.error} onRetry={settings.reload} />
        ) : (
          <label className="checkbox-label">
            <input type="checkbox" checked={settings.data.findableByEmail} disabled={busy} onChange={(e) => void change(e.target.checked)} />
            <span>People who import a contacts file with one of my e-mail addresses (the primary one or a verified one) can find me</span>
          </label>
        )}
      </section>
    </div>
  );
}
