/** The "E-mail addresses" section of the settings: list, add (a link is mailed to verify it), remove. */
import { queryOptions, useQuery, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useId, useState } from 'react';
import { api, ApiError } from '../lib/api';
import { formatDateTime } from '../lib/format';
import { describeError } from '../lib/messages';
import { invalidate, keys } from '../lib/query';
import type { MemberEmail, MemberEmailList } from '../lib/types';
import { Dialog } from './dialog';
import { QueryState } from './query-state';
import { useToast } from './toasts';

export const emailsQuery = queryOptions({ queryKey: keys.emails, queryFn: ({ signal }) => api('get', '/me/emails', { signal }) });

const STATE_LABEL: Record<MemberEmail['state'], string> = {
  primary: 'Primary',
  verified: 'Verified',
  pending: 'Waiting for verification',
  expired: 'Link expired',
};

function stateNote(address: MemberEmail): string {
  if (address.primary && !address.verified) {
    return `You sign in with this address. Invitations sent to it reach you once you open the link we sent to it while signed in${address.state === 'pending' && address.verificationExpiresAt ? ` (it works until ${formatDateTime(address.verificationExpiresAt)})` : ''}.`;
  }
  switch (address.state) {
    case 'primary':
      return 'You sign in with this address.';
    case 'verified':
      return 'People who have this address in their contacts can find you, if your privacy setting allows it.';
    case 'pending':
      return address.verificationExpiresAt
        ? `Open the link we sent to this address while signed in. It works until ${formatDateTime(address.verificationExpiresAt)}.`
        : 'Open the link we sent to this address while signed in.';
    case 'expired':
      return 'The verification link no longer works. Send a new one.';
  }
}

export function EmailAddresses() {
  const toast = useToast();
  const client = useQueryClient();
  const list = useQuery(emailsQuery);
  const setList = (update: (current: MemberEmailList) => MemberEmailList) => client.setQueryData<MemberEmailList>(keys.emails, (c) => c && update(c));
  const [email, setEmail] = useState('');
  const [adding, setAdding] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [working, setWorking] = useState<string | null>(null);
  const [removing, setRemoving] = useState<MemberEmail | null>(null);
  const inputId = useId();
  const hintId = useId();

  const upsert = (address: MemberEmail) =>
    setList((current) => ({
      ...current,
      items: current.items.some((a) => a.email === address.email)
        ? current.items.map((a) => (a.email === address.email ? address : a))
        : [...current.items, address],
    }));

  const sendLink = async (value: string): Promise<void> => {
    const address = await api('post', '/me/emails', { body: { email: value } });
    upsert(address);
    toast.success(`We sent a verification link to ${address.email}.`);
  };

  const add = async (event: FormEvent) => {
    event.preventDefault();
    if (email.trim() === '') {
      setError('Type the e-mail address you want to add.');
      return;
    }
    setAdding(true);
    setError(null);
    try {
      await sendLink(email.trim());
      setEmail('');
    } catch (err) {
      setError(describeError(err));
    } finally {
      setAdding(false);
    }
  };

  const resend = async (address: MemberEmail) => {
    setWorking(address.email);
    try {
      await sendLink(address.email);
    } catch (err) {
      toast.error(describeError(err));
    } finally {
      setWorking(null);
    }
  };

  const remove = async (address: MemberEmail) => {
    setWorking(address.email);
    try {
      await api('delete', '/me/emails/{email}', { params: { email: address.email } });
      setList((current) => ({ ...current, items: current.items.filter((a) => a.email !== address.email) }));
      toast.success(`${address.email} was removed from your account.`);
      setRemoving(null);
    } catch (err) {
      // Already gone (removed in another tab): the list is simply out of date.
      if (err instanceof ApiError && err.code === 'not_found') {
        setRemoving(null);
        invalidate(client, keys.emails);
      } else toast.error(describeError(err));
    } finally {
      setWorking(null);
    }
  };

  const data = list.data;
  const additional = data ? data.items.filter((a) => !a.primary).length : 0;
  const full = data ? additional >= data.maxAdditional : false;

  return (
    <section className="card section" aria-labelledby="emails-title">
      <h2 id="emails-title">E-mail addresses</h2>
      <p className="muted">Add the other addresses people know you by. Each one needs to be verified before it counts as yours.</p>
      <QueryState query={list}>
        {(data) => (
          <>
            <ul className="list compact" aria-label="Your e-mail addresses">
              {data.items.map((address) => (
                <li key={address.email} className="row">
                  <div className="row-main">
                    <p className="row-title">
                      <span className="party">{address.email}</span>
                      <span className={address.state === 'verified' || address.state === 'primary' ? 'chip success' : 'chip'}>
                        {STATE_LABEL[address.state]}
                      </span>
                    </p>
                    <p className="meta">{stateNote(address)}</p>
                  </div>
                  {!(address.primary && address.verified) && (
                    <div className="row-actions wrap">
                      {!address.verified && (
                        <button
                          type="button"
                          className="button small secondary"
                          onClick={() => void resend(address)}
                          disabled={working !== null}
                          aria-busy={working === address.email}
                          aria-label={`Send a new link to ${address.email}`}
                        >
                          Send a new link
                        </button>
                      )}
                      {!address.primary && (
                        <button
                          type="button"
                          className="button small ghost"
                          onClick={() => setRemoving(address)}
                          disabled={working !== null}
                          aria-label={`Remove ${address.email}`}
                        >
                          Remove
                        </button>
                      )}
                    </div>
                  )}
                </li>
              ))}
            </ul>
            <form className="form" onSubmit={(e) => void add(e)} noValidate>
              <div className="field">
                <label htmlFor={inputId}>Add an e-mail address</label>
                <input
                  id={inputId}
                  type="email"
                  autoComplete="email"
                  maxLength={254}
                  value={email}
                  onChange={(e) => setEmail(e.target.value)}
                  disabled={adding || full}
                  aria-describedby={hintId}
                  aria-invalid={error !== null}
                />
                <small id={hintId} className="muted">
                  {full
                    ? `You have ${additional} of ${data.maxAdditional} additional addresses. Remove one to add another.`
                    : `We'll e-mail a link to the address; open it while signed in to verify it. ${additional} of ${data.maxAdditional} additional addresses used.`}
                </small>
              </div>
              {error && (
                <p className="form-error" role="alert">
                  {error}
                </p>
              )}
              <div>
                <button type="submit" className="button primary" disabled={adding || full} aria-busy={adding}>
                  {adding ? 'Adding…' : 'Add address'}
                </button>
              </div>
            </form>
          </>
        )}
      </QueryState>
      {removing && (
        <Dialog title={`Remove ${removing.email}?`} onClose={() => setRemoving(null)} busy={working !== null}>
          <p>
            {removing.verified
              ? 'People who have only this address will no longer find you by it, and new invitations sent to it will not reach your account.'
              : 'The verification link sent to it will stop working.'}
          </p>
          <div className="dialog-actions">
            <button type="button" className="button secondary" onClick={() => setRemoving(null)} disabled={working !== null}>
              Cancel
            </button>
            <button type="button" className="button danger" onClick={() => void remove(removing)} disabled={working !== null} aria-busy={working !== null}>
              {working ? 'Removing…' : 'Remove address'}
            </button>
          </div>
        </Dialog>
      )}
    </section>
  );
}
