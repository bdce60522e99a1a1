/** "Connect with X": an optional note (plain text, at most 300 characters), and the e-mail when restricted. */
import { type FormEvent, useRef, useState } from 'react';
import { useSendInvitation } from '../lib/invitations';
import { describeError } from '../lib/messages';
import { useSession } from '../lib/session';
import type { Invitation } from '../lib/types';
import { Dialog } from './dialog';
import { NoteField, noteFits } from './note-field';
import { useToast } from './toasts';

export function ConnectDialog({ member, onClose, onSent }: { member: { id: string; name: string }; onClose(): void; onSent(inv: Invitation): void }) {
  const { me } = useSession();
  const send = useSendInvitation();
  const toast = useToast();
  const [note, setNote] = useState('');
  const [email, setEmail] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const noteRef = useRef<HTMLTextAreaElement>(null);
  const restricted = me?.restricted ?? false;

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    // A note that is too long is refused where it is typed; nothing is cut.
    if (!noteFits(note)) return;
    setBusy(true);
    setError(null);
    try {
      const inv = await send.mutateAsync({
        recipient: restricted ? { memberId: member.id, email: email.trim() } : { memberId: member.id },
        message: note.trim() || null,
      });
      toast.success(`Invitation sent to ${member.name}.`);
      onSent(inv);
    } catch (err) {
      setError(describeError(err));
      setBusy(false);
    }
  };

  return (
    <Dialog title={`Connect with ${member.name}`} onClose={onClose} initialFocus={noteRef} busy={busy}>
      <form onSubmit={submit} className="form">
        {error && (
          <p className="form-error" role="alert">
            {error}
          </p>
        )}
        {restricted && (
          <label className="field">
            <span>{member.name}'s e-mail address</span>
            <input type="email" required value={email} onChange={(e) => setEmail(e.target.value)} autoComplete="off" />
          </label>
        )}
        <NoteField label="Add a note (optional)" value={note} onChange={setNote} inputRef={noteRef} />
        <div className="dialog-actions">
          <button type="button" className="button secondary" onClick={onClose} disabled={busy}>
            Cancel
          </button>
          <button type="submit" className="button primary" disabled={busy || !noteFits(note)} aria-busy={busy}>
            {busy ? 'Sending…' : 'Send invitation'}
          </button>
        </div>
      </form>
    </Dialog>
  );
}
