/**
 * The message composer: a labelled text area, Send, and the "Press Enter to send" setting (kept in
 * this browser). With it, Enter sends and Shift+Enter starts a new line; without it, Enter is a new
 * line and Ctrl/⌘+Enter sends. Images and PDFs can be attached (Attach files, or dropped on the
 * composer): each is uploaded at once, with its progress, and sent with the message. A composer
 * that cannot send (`refusal`) says why instead.
 */
import { type DragEvent, type FormEvent, type KeyboardEvent, type ReactNode, useId, useRef, useState } from 'react';
import { ApiError } from '../lib/api';
import { ATTACHMENT_TYPES, type Attachment, attachmentUrl, type Outgoing, isAttachmentType, uploadAttachment, useEnterToSend } from '../lib/conversations';
import { formatSize } from '../lib/format';
import { describeError } from '../lib/messages';

export interface ComposerProps {
  label: string;
  onSend(outgoing: Outgoing): Promise<unknown>;
  busy?: boolean;
  submitLabel?: string;
  autoFocus?: boolean;
  /** Why nothing can be sent here (the composer is then disabled and says so). */
  refusal?: ReactNode;
}

/** An attachment of the message being written: uploading, uploaded, or refused. */
interface Upload {
  key: string;
  name: string;
  size: number;
  progress: number;
  attachment?: Attachment;
  error?: string;
}

const MAX_ATTACHMENTS = 10;

/** Why an upload was refused, in words. */
function uploadError(error: unknown, name: string): string {
  if (error instanceof ApiError) {
    if (error.code === 'attachment_too_large' || error.code === 'payload_too_large' || error.status === 413) {
      const max = typeof error.details.maxBytes === 'number' ? ` (at most ${formatSize(error.details.maxBytes)})` : '';
      return `${name} is too large to attach${max}.`;
    }
    if (error.code === 'unsupported_media_type' || error.status === 415) {
      return `${name} can't be attached: it isn't really the image or PDF its name says. Only PNG, JPEG, GIF and WebP images and PDF files can be sent.`;
    }
    if (error.code === 'attachment_quota_reached') return `${name} wasn't attached: you've uploaded as much as you can for today. Try again tomorrow.`;
  }
  return `${name} couldn't be uploaded. ${describeError(error)}`;
}

export function Composer({ label, onSend, busy = false, submitLabel = 'Send', autoFocus = false, refusal }: ComposerProps) {
  const [text, setText] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [uploads, setUploads] = useState<Upload[]>([]);
  const [dragging, setDragging] = useState(false);
  const [enterToSend, setEnterToSend] = useEnterToSend();
  const fileInput = useRef<HTMLInputElement>(null);
  const id = useId();
  const refused = refusal !== undefined && refusal !== null && refusal !== false;
  const uploading = uploads.some((u) => !u.attachment && !u.error);
  const canSend = !busy && !refused && !uploading && text.trim() !== '';

  const edit = (key: string, change: Partial<Upload>) => setUploads((current) => current.map((u) => (u.key === key ? { ...u, ...change } : u)));

  const attach = (files: FileList | File[]) => {
    const chosen = Array.from(files);
    const room = MAX_ATTACHMENTS - uploads.filter((u) => !u.error).length;
    for (const [i, file] of chosen.entries()) {
      const key = `${Date.now()}-${Math.random()}`;
      const upload: Upload = { key, name: file.name, size: file.size, progress: 0 };
      if (i >= room) {
        setUploads((current) => [...current, { ...upload, error: `${file.name} wasn't attached: a message has at most ${MAX_ATTACHMENTS} attachments.` }]);
        continue;
      }
      if (!isAttachmentType(file.type)) {
        setUploads((current) => [
          ...current,
          { ...upload, error: `${file.name} can't be attached. Only PNG, JPEG, GIF and WebP images and PDF files can be sent.` },
        ]);
        continue;
      }
      setUploads((current) => [...current, upload]);
      uploadAttachment(file, file.type, (progress) => edit(key, { progress })).then(
        (attachment) => edit(key, { attachment, progress: 1 }),
        (err: unknown) => edit(key, { error: uploadError(err, file.name) }),
      );
    }
  };

  const submit = async () => {
    if (!canSend) return;
    try {
      setError(null);
      const attachmentIds = uploads.flatMap((u) => (u.attachment ? [u.attachment.id] : []));
      await onSend({ text, attachmentIds });
      setText('');
      setUploads([]);
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

  const onDragOver = (event: DragEvent) => {
    if (refused || !event.dataTransfer.types.includes('Files')) return;
    event.preventDefault();
    setDragging(true);
  };
  const onDrop = (event: DragEvent) => {
    setDragging(false);
    if (refused || event.dataTransfer.files.length === 0) return;
    event.preventDefault();
    attach(event.dataTransfer.files);
  };

  return (
    <form
      className={`composer${dragging ? ' dragging' : ''}`}
      onSubmit={(event: FormEvent) => {
        event.preventDefault();
        void submit();
      }}
      onDragOver={onDragOver}
      onDragLeave={() => setDragging(false)}
      onDrop={onDrop}
    >
      {refused && (
        <p className="composer-refusal" role="status">
          {refusal}
        </p>
      )}
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
        disabled={refused}
      />
      {uploads.length > 0 && (
        <ul className="attachment-list pending" aria-label="Attachments to send">
          {uploads.map((u) => (
            <li key={u.key} className={`attachment-chip${u.error ? ' failed' : ''}`}>
              <span className="attachment-name">{u.name}</span> <span className="muted">{formatSize(u.size)}</span>
              {!u.attachment && !u.error && (
                <progress max={1} value={u.progress} aria-label={`Uploading ${u.name}`}>
                  {Math.round(u.progress * 100)}%
                </progress>
              )}
              {u.attachment && <span className="visually-hidden"> uploaded</span>}
              {u.error && (
                <span className="form-error" role="alert">
                  {u.error}
                </span>
              )}
              <button
                type="button"
                className="button small ghost"
                aria-label={u.error ? `Dismiss ${u.name}` : `Remove ${u.name}`}
                onClick={() => setUploads((current) => current.filter((x) => x.key !== u.key))}
              >
                {u.error ? 'Dismiss' : 'Remove'}
              </button>
            </li>
          ))}
        </ul>
      )}
      {error && (
        <p className="form-error" role="alert">
          {error}
        </p>
      )}
      <div className="composer-actions">
        <input
          ref={fileInput}
          id={`${id}-files`}
          type="file"
          multiple
          accept={ATTACHMENT_TYPES.join(',')}
          hidden
          disabled={refused}
          onChange={(e) => {
            if (e.target.files) attach(e.target.files);
            e.target.value = '';
          }}
        />
        <button type="button" className="button small secondary" disabled={refused} onClick={() => fileInput.current?.click()}>
          Attach files
        </button>
        <label className="checkbox-label">
          <input type="checkbox" checked={enterToSend} onChange={(e) => setEnterToSend(e.target.checked)} /> Press Enter to send
        </label>
        <span id={`${id}-hint`} className="muted">
          {enterToSend ? 'Shift+Enter for a new line' : 'Ctrl+Enter to send'}
        </span>
        <button type="submit" className="button primary" disabled={!canSend}>
          {uploading ? 'Uploading…' : submitLabel}
        </button>
      </div>
    </form>
  );
}

/** A message's attachments: a file chip each, with name and size, downloading the file. */
export function AttachmentList({ attachments }: { attachments: Attachment[] }) {
  if (attachments.length === 0) return null;
  return (
    <ul className="attachment-list" aria-label="Attachments">
      {attachments.map((a) => (
        <li key={a.id} className="attachment-chip">
          <a href={attachmentUrl(a.id)} download={a.name}>
            <span className="attachment-name">{a.name}</span>
          </a>{' '}
          <span className="muted">
            {a.contentType === 'application/pdf' ? 'PDF' : 'Image'}, {formatSize(a.size)}
          </span>
        </li>
      ))}
    </ul>
  );
}
