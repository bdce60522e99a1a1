/**
 * Replying to a received invitation without accepting it: a small composer in a dialog. Sending
 * opens the conversation with its sender (Messages, or the message in the classic inbox); the
 * invitation keeps waiting for an answer.
 */
import { type FormEvent, useId, useState } from 'react';
import { useNavigate } from 'react-router';
import { useReplyToInvitation } from '../lib/invitations';
import { describeError } from '../lib/messages';
import { useMe } from '../lib/session';
import type { Invitation } from '../lib/types';
import { Dialog } from './dialog';

export function ReplyDialog({ invitation, onClose }: { invitation: Invitation; onClose(): void }) {
  const me = useMe();
  const navigate = useNavigate();
  const reply = useReplyToInvitation();
  const [text, setText] = useState('');
  const [error, setError] = useState<string | null>(null);
  const id = useId();
  const name = invitation.sender.name;

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (reply.isPending || text.trim() === '') return;
    try {
      setError(null);
      const done = await reply.mutateAsync({ id: invitation.id, text });
      onClose();
      void navigate(
        me.features['new-messaging']
          ? `/messages/${encodeURIComponent(done.conversation.id)}`
          : `/inbox/sent/message/${encodeURIComponent(done.conversation.id)}/${encodeURIComponent(done.message.id)}`,
      );
    } catch (err) {
      setError(describeError(err));
    }
  };

  return (
    <Dialog title={`Reply to ${name}`} onClose={onClose} busy={reply.isPending}>
      <form className="stack" onSubmit={(e) => void submit(e)}>
        <p className="muted" id={`${id}-note`}>
          This starts a conversation with {name}. It doesn't accept the invitation: you can still accept or ignore it afterwards.
        </p>
        <label className="field">
          <span>Your message</span>
          <textarea
            rows={4}
            maxLength={8000}
            value={text}
            onChange={(e) => setText(e.target.value)}
            aria-describedby={`${id}-note`}
            aria-invalid={error ? true : undefined}
          />
        </label>
        {error && (
          <p className="form-error" role="alert">
            {error}
          </p>
        )}
        <div className="button-row">
          <button type="button" className="button secondary" onClick={onClose} disabled={reply.isPending}>
            Cancel
          </button>
          <button type="submit" className="button primary" disabled={reply.isPending || text.trim() === ''}>
            {reply.isPending ? 'Sending…' : 'Send reply'}
          </button>
        </div>
      </form>
    </Dialog>
  );
}
