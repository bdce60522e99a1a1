/**
 * The message composer: a labelled text area, Send, and the "Press Enter to send" setting (kept in
 * this browser). With it, Enter sends and Shift+Enter starts a new line; without it, Enter is a new
 * line and Ctrl/⌘+Enter sends.
 */
import { type FormEvent, type KeyboardEvent, useId, useState } from 'react';
import { useEnterToSend } from '../lib/conversations';
import { describeError } from '../lib/messages';

export interface ComposerProps {
  label: string;
  onSend(text: string): Promise<unknown>;
  busy?: boolean;
  submitLabel?: string;
  autoFocus?: boolean;
}

export function Composer({ label, onSend, busy = false, submitLabel = 'Send', autoFocus = false }: ComposerProps) {
  const [text, setText] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [enterToSend, setEnterToSend] = useEnterToSend();
  const id = useId();

  const submit = async () => {
    if (busy || text.trim() === '') return;
    try {
      setError(null);
      await onSend(text);
      setText('');
    } catch (err) {
      setError(describeError(err));
    }
  };

  const onKeyDown = (event: KeyboardEvent<HTMLTextAreaElement>) => {
    if (event.key !== 'Enter' || event.nativeEvent.isComposing) return;
    const sends = enterToSend ? !event.shiftKey : event.ctrlKey || event.metaKey;
    if (!sends) return;
    event.preventDefault();
    void submit();
  };

  return (
    <form
      className="composer"
      onSubmit={(event: FormEvent) => {
        event.preventDefault();
        void submit();
      }}
    >
      <label htmlFor={`${id}-text`} className="visually-hidden">
        {label}
      </label>
      <textarea
        id={`${id}-text`}
        rows={3}
        maxLength={8000}
        placeholder={label}
        value={text}
        onChange={(e) => setText(e.target.value)}
        onKeyDown={onKeyDown}
        aria-describedby={`${id}-hint`}
        aria-invalid={error ? true : undefined}
        autoFocus={autoFocus}
      />
      {error && (
        <p className="form-error" role="alert">
          {error}
        </p>
      )}
      <div className="composer-actions">
        <label className="checkbox-label">
          <input type="checkbox" checked={enterToSend} onChange={(e) => setEnterToSend(e.target.checked)} /> Press Enter to send
        </label>
        <span id={`${id}-hint`} className="muted">
          {enterToSend ? 'Shift+Enter for a new line' : 'Ctrl+Enter to send'}
        </span>
        <button type="submit" className="button primary" disabled={busy || text.trim() === ''}>
          {submitLabel}
        </button>
      </div>
    </form>
  );
}
