/**
 * Modal dialogs: role=dialog with aria-modal, the page behind made inert, focus kept inside
 * (Tab wraps), Escape closes, and focus returned to where it was.
 */
import { type ReactNode, type RefObject, useEffect, useEffectEvent, useId, useRef } from 'react';
import { createPortal } from 'react-dom';

const FOCUSABLE = 'a[href], button:not([disabled]), input:not([disabled]), select:not([disabled]), textarea:not([disabled]), [tabindex]:not([tabindex="-1"])';

export interface DialogProps {
  title: string;
  children: ReactNode;
  onClose(): void;
  /** What gets focus first; by default the first focusable element. */
  initialFocus?: RefObject<HTMLElement | null>;
  /** Escape and the backdrop do nothing while true (a request is in flight). */
  busy?: boolean;
}

export function Dialog({ title, children, onClose, initialFocus, busy = false }: DialogProps) {
  const titleId = useId();
  const panel = useRef<HTMLDivElement>(null);
  // Escape reads the latest `busy` and `onClose` without setting the dialog up again.
  const escape = useEffectEvent(() => {
    if (!busy) onClose();
  });

  useEffect(() => {
    const previous = document.activeElement as HTMLElement | null;
    const root = document.getElementById('root');
    root?.setAttribute('aria-hidden', 'true');
    root?.setAttribute('inert', '');
    const first = initialFocus?.current ?? panel.current?.querySelector<HTMLElement>(FOCUSABLE) ?? panel.current;
    first?.focus();
    // On the document, not the dialog: a button disabled while busy drops focus to the body.
    const onKeyDown = (event: globalThis.KeyboardEvent) => {
      if (event.key === 'Escape') {
        event.preventDefault();
        escape();
        return;
      }
      if (event.key !== 'Tab' || !panel.current) return;
      const items = Array.from(panel.current.querySelectorAll<HTMLElement>(FOCUSABLE));
      const active = document.activeElement;
      const inside = panel.current.contains(active);
      if (items.length === 0) {
        event.preventDefault();
        panel.current.focus();
        return;
      }
      const firstItem = items[0]!;
      const lastItem = items[items.length - 1]!;
      if (event.shiftKey && (active === firstItem || !inside)) {
        event.preventDefault();
        lastItem.focus();
      } else if (!event.shiftKey && (active === lastItem || !inside)) {
        event.preventDefault();
        firstItem.focus();
      }
    };
    document.addEventListener('keydown', onKeyDown);
    return () => {
      document.removeEventListener('keydown', onKeyDown);
      root?.removeAttribute('aria-hidden');
      root?.removeAttribute('inert');
      if (previous && document.contains(previous)) previous.focus();
    };
  }, [initialFocus]);

  // When a request ends, focus that fell to the body (from a disabled button) comes back inside.
  useEffect(() => {
    if (busy || !panel.current) return;
    if (!panel.current.contains(document.activeElement)) {
      (panel.current.querySelector<HTMLElement>(FOCUSABLE) ?? panel.current).focus();
    }
  }, [busy]);

  return createPortal(
    <div className="dialog-backdrop" onMouseDown={(e) => e.target === e.currentTarget && !busy && onClose()}>
      <div ref={panel} className="dialog" role="dialog" aria-modal="true" aria-labelledby={titleId} tabIndex={-1}>
        <h2 id={titleId} className="dialog-title">
          {title}
        </h2>
        {children}
      </div>
    </div>,
    document.body,
  );
}

export interface ConfirmDialogProps {
  title: string;
  children?: ReactNode;
  confirmLabel: string;
  cancelLabel: string;
  danger?: boolean;
  busy?: boolean;
  onConfirm(): void;
  onCancel(): void;
}

/** A question with two answers; the safe one has focus first. */
export function ConfirmDialog({ title, children, confirmLabel, cancelLabel, danger = false, busy = false, onConfirm, onCancel }: ConfirmDialogProps) {
  const safe = useRef<HTMLButtonElement>(null);
  return (
    <Dialog title={title} onClose={onCancel} initialFocus={safe} busy={busy}>
      <div className="dialog-body">{children}</div>
      <div className="dialog-actions">
        <button ref={safe} type="button" className="button secondary" onClick={onCancel} disabled={busy}>
          {cancelLabel}
        </button>
        <button type="button" className={`button ${danger ? 'danger' : 'primary'}`} onClick={onConfirm} disabled={busy} aria-busy={busy}>
          {busy ? 'Working…' : confirmLabel}
        </button>
      </div>
    </Dialog>
  );
}
