/**
 * My settings: my name and headline, my e-mail addresses, whether people who know one of them can
 * find me, who may invite me, and the members I blocked (each with Unblock).
 */
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useId, useState } from 'react';
import { BlockDialog } from '../components/block-dialog';
import { EmailAddresses } from '../components/email-addresses';
import { ProfileForm } from '../components/profile-form';
import { QueryState } from '../components/query-state';
import { useToast } from '../components/toasts';
import { Link } from 'react-router';
import { Empty } from '../components/status';
import { api } from '../lib/api';
import { blockKeys, fetchBlockedPage } from '../lib/blocks';
import { formatDate, initials } from '../lib/format';
import { useTitle } from '../lib/hooks';
import { describeError } from '../lib/messages';
import { keys, usePagedQuery } from '../lib/query';
import { useMe } from '../lib/session';
import type { Settings } from '../lib/types';

type InvitationsFrom = Settings['invitationsFrom'];

const WHO: { value: InvitationsFrom; label: string; hint: string }[] = [
  { value: 'anyone', label: 'Anyone', hint: 'Any member can invite you.' },
  { value: 'email_known', label: 'Only people who know my e-mail address', hint: 'An invitation to you must carry one of your addresses.' },
  { value: 'nobody', label: 'Nobody', hint: 'No invitations at all, also none by e-mail or text message to your addresses.' },
];

function BlockedMembers() {
  const list = usePagedQuery({ queryKey: blockKeys.list, fetchPage: fetchBlockedPage, param: 'blockedPages' });
  const [unblocking, setUnblocking] = useState<{ id: string; name: string } | null>(null);
  return (
    <section className="card section" aria-labelledby="blocked-title">
      <h2 id="blocked-title">Blocked members</h2>
      <p className="muted">
        Members you blocked can't message you or invite you, and you can't message them. They aren't told, neither when you block them nor when you unblock
        them.
      </p>
      <QueryState query={list} empty={<Empty>You haven't blocked anyone.</Empty>}>
        {(items) => (
          <ul className="list" aria-label="Blocked members">
            {items.map(({ member, blockedAt }) => (
              <li key={member.id} className="row">
                <span className="avatar" aria-hidden="true">
                  {initials(member.name)}
                </span>
                <div className="row-main">
                  <p className="row-title">
                    <Link to={`/members/${encodeURIComponent(member.id)}`}>{member.name}</Link>
                  </p>
                  <p className="meta">
                    {member.headline && `${member.headline} · `}Blocked {formatDate(blockedAt)}
                  </p>
                </div>
                <div className="row-actions">
                  <button type="button" className="button small secondary" aria-label={`Unblock ${member.name}`} onClick={() => setUnblocking(member)}>
                    Unblock
                  </button>
                </div>
              </li>
            ))}
          </ul>
        )}
      </QueryState>
      {unblocking && <BlockDialog member={unblocking} block={false} onClose={() => setUnblocking(null)} />}
    </section>
  );
}

export function SettingsPage() {
  useTitle('Settings');
  const me = useMe();
  const toast = useToast();
  const client = useQueryClient();
  const settings = useQuery({ queryKey: keys.settings, queryFn: ({ signal }) => api('get', '/me/settings', { signal }) });
  const [busy, setBusy] = useState(false);
  const groupId = useId();

  const change = async (body: Partial<Settings>) => {
    setBusy(true);
    try {
      client.setQueryData(keys.settings, await api('patch', '/me/settings', { body }));
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
      <ProfileForm />
      <EmailAddresses />
      <section className="card section" aria-labelledby="privacy-title">
        <h2 id="privacy-title">Privacy</h2>
        <QueryState query={settings}>
          {(data) => (
            <>
              <label className="checkbox-label">
                <input type="checkbox" checked={data.findableByEmail} disabled={busy} onChange={(e) => void change({ findableByEmail: e.target.checked })} />
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
                      checked={data.invitationsFrom === option.value}
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
        </QueryState>
      </section>
      <BlockedMembers />
    </div>
  );
}
