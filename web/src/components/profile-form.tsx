/** The "Profile" section of the settings: the name and headline other members see. */
import { useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useId, useState } from 'react';
import { api } from '../lib/api';
import { describeError } from '../lib/messages';
import { invalidate, keys } from '../lib/query';
import { useMe } from '../lib/session';
import { useToast } from './toasts';

export const HEADLINE_MAX = 200;

export function ProfileForm() {
  const me = useMe();
  const toast = useToast();
  const client = useQueryClient();
  const id = useId();
  const [name, setName] = useState(me.member.name);
  const [headline, setHeadline] = useState(me.member.headline);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const changed = name.trim() !== me.member.name || headline.trim() !== me.member.headline;

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (name.trim() === '') {
      setError('Enter your name.');
      return;
    }
    setBusy(true);
    try {
      const saved = await api('patch', '/me/profile', { body: { name, headline } });
      setName(saved.name);
      setHeadline(saved.headline);
      await invalidate(client, keys.me);
      toast.success(saved.headline ? 'Profile saved: others see your name and headline.' : 'Profile saved: others see your name, with no headline.');
    } catch (err) {
      setError(describeError(err));
    } finally {
      setBusy(false);
    }
  };

  return (
    <section className="card section" aria-labelledby={`${id}-title`}>
      <h2 id={`${id}-title`}>Profile</h2>
      <form className="form" onSubmit={submit} noValidate>
        <label className="field">
          <span>Full name</span>
          <input
            name="name"
            autoComplete="name"
            maxLength={100}
            value={name}
            aria-invalid={error !== null && name.trim() === ''}
            aria-describedby={error ? `${id}-error` : undefined}
            onChange={(e) => {
              setName(e.target.value);
              setError(null);
            }}
          />
        </label>
        <label className="field">
          <span>Headline</span>
          <input
            name="headline"
            maxLength={HEADLINE_MAX}
            placeholder="For example: Product Manager at Northwind"
            value={headline}
            aria-describedby={`${id}-headline-hint`}
            onChange={(e) => {
              setHeadline(e.target.value);
              setError(null);
            }}
          />
          <small id={`${id}-headline-hint`} className="muted">
            Shown with your name in invitations, People You May Know and your profile. {headline.length}/{HEADLINE_MAX}
          </small>
        </label>
        {error && (
          <p id={`${id}-error`} className="form-error" role="alert">
            {error}
          </p>
        )}
        <div>
          <button type="submit" className="button primary" disabled={busy || !changed} aria-busy={busy}>
            {busy ? 'Saving…' : 'Save profile'}
          </button>
        </div>
      </form>
    </section>
  );
}
