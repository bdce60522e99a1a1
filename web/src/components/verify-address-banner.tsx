/** Shown on every page while the member's primary address waits for its verification link. */
import { useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { Link } from 'react-router';
import { api } from '../lib/api';
import { describeError } from '../lib/messages';
import { invalidate, keys } from '../lib/query';
import type { Me } from '../lib/types';
import { useToast } from './toasts';

export function VerifyAddressBanner({ me }: { me: Me }) {
  const toast = useToast();
  const client = useQueryClient();
  const [busy, setBusy] = useState(false);

  const resend = async () => {
    setBusy(true);
    try {
      // Adding one's own primary address again, while it waits, sends a new link.
      await api('post', '/me/emails', { body: { email: me.member.email } });
      invalidate(client, keys.emails);
      toast.success(`We sent a new verification link to ${me.member.email}.`);
    } catch (err) {
      toast.error(describeError(err));
    } finally {
      setBusy(false);
    }
  };

  return (
    <div className="page">
      <div className="notice" role="status">
        <p>
          Verify <strong className="party">{me.member.email}</strong>: open the link we sent to it while signed in. Until then, invitations sent to this address
          don't reach your account.{' '}
          <button type="button" className="button small secondary" onClick={() => void resend()} disabled={busy} aria-busy={busy}>
            Send a new link
          </button>{' '}
          <Link to="/settings">Your addresses</Link>
        </p>
      </div>
    </div>
  );
}
