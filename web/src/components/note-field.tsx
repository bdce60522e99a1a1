/**
 * The personal note of an invitation: a counter as one types, and more than NOTE_MAX characters
 * refused where it is typed (marked invalid, described by the message), never cut silently.
 */
import { type Ref, useId } from 'react';

export const NOTE_MAX = 300;

/** Characters as the server counts them (code points, so an emoji is one). */
export const noteLength = (note: string): number => [...note].length;

/** Whether the note can be sent as it is. */
export const noteFits = (note: string): boolean => noteLength(note) <= NOTE_MAX;

export function NoteField({
  label,
  value,
  onChange,
  rows = 4,
  inputRef,
}: {
  label: string;
  value: string;
  onChange: (value: string) => void;
  rows?: number;
  inputRef?: Ref<HTMLTextAreaElement>;
}) {
  const countId = useId();
  const length = noteLength(value);
  const over = length - NOTE_MAX;
  return (
    <label className="field">
      <span>{label}</span>
      <textarea ref={inputRef} rows={rows} value={value} onChange={(e) => onChange(e.target.value)} aria-describedby={countId} aria-invalid={over > 0} />
      <small id={countId} className={over > 0 ? 'inline-error' : 'muted'} aria-live="polite">
        {over > 0
          ? `${length} of ${NOTE_MAX} characters: remove ${over} ${over === 1 ? 'character' : 'characters'} to send it.`
          : `${length} of ${NOTE_MAX} characters`}
      </small>
    </label>
  );
}
