/** My settings: my e-mail addresses, whether people who know one of them can find me, and who may invite me. */
import { useId, useState } from 'react';
import { EmailAddresses } from '../components/email-addresses';
import { ErrorState, Loading } from '../components/status';
import { useToast } from '../components/toasts';
import { api } from '../lib/api';
import { useResource, useTitle } from '../lib/hooks';
import { describeError } from '../lib/messages';
import { useMe } from '../lib/session';

type InvitationsFrom = 'anyone' | 'email_known' | 'nobody';

interface Settings {
  findableByEmail: boolean;
  invitationsFrom: InvitationsFrom;
}

const WHO: { value: InvitationsFrom; label: string; hint: string }[] = [
  { value: 'anyone', label: 'Anyone', hint: 'Any member can invite you.' },
  { value: 'email_known', label: 'Only people who know my e-mail address', hint: 'An invitation to you must carry one of your addresses.' },
  { value: 'nobody', label: 'Nobody', hint: 'No invitations at all, also none by e-mail or text message to your addresses.' },
];

export function SettingsPage() {
  useTitle('Settings');
  const me = useMe();
  const toast = useToast();
  const settings = useResource((signal) => api<Settings>('GET', '/me/settings', { signal }), []);
  const [busy, setBusy] = useState(false);
  const groupId = useId();

  const change = async (body: Partial<Settings>) => {
    setBusy(true);
    try {
      const next = await api<Settings>('PATCH', '/me/settings', { body });
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
          <>
            <label className="checkbox-label">
              <input
                type="checkbox"
                checked={settings.data.findableByEmail}
                disabled={busy}
                onChange={(e) => void change({ findableByEmail: e.target.checked })}
              />
              <span>People who import a contacts file with one of my e-mail addresses (the primary one or a verified one) can find me</span>
            </label>
            <fieldset className="choice-group" aria-describedby={`${groupId}-note`}>
              <legend>Who may invite me</legend>
              {WHO.map((option) => (
                <label key={option.value} className="checkbox-label">
                  <input
                    type="radio"
                    name={`${groupId}-invitations-from`}
                    value={option.value}
                    checked={settings.data!.invitationsFrom === option.value}
                    disabled={busy}
                    onChange={() => void change({ invitationsFrom: option.value })}
                  />
                  <span>
                    {option.label} <span className="muted">— {option.hint}</span>
                  </span>
                </label>
              ))}
              <small id={`${groupId}-note`} className="muted">
                Whoever you don't accept invitations from is only told that you aren't accepting invitations from them, never why.
              </small>
            </fieldset>
          </>
        )}
      </section>
    </div>
  );
}
