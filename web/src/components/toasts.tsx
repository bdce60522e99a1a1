/** Toasts: short outcomes announced politely (errors assertively), outside any modal dialog. */
import { createContext, type ReactNode, useCallback, useContext, useMemo, useRef, useState } from 'react';
import { createPortal } from 'react-dom';
import { CloseIcon } from './icons';

export type ToastKind = 'success' | 'error' | 'info';

interface Toast {
  id: number;
  kind: ToastKind;
  text: string;
  action?: { label: string; run(): void };
}

export interface Toaster {
  show(text: string, kind?: ToastKind, action?: Toast['action']): void;
  success(text: string, action?: Toast['action']): void;
  error(text: string): void;
}

const ToastContext = createContext<Toaster | null>(null);

export function ToastProvider({ children }: { children: ReactNode }) {
  const [toasts, setToasts] = useState<Toast[]>([]);
  const next = useRef(1);

  const dismiss = useCallback((id: number) => setToasts((list) => list.filter((t) => t.id !== id)), []);
  const show = useCallback(
    (text: string, kind: ToastKind = 'info', action?: Toast['action']) => {
      const id = next.current++;
      setToasts((list) => [...list.slice(-3), { id, kind, text, action }]);
      window.setTimeout(() => dismiss(id), kind === 'error' ? 12_000 : 8_000);
    },
    [dismiss],
  );
  const toaster = useMemo<Toaster>(() => ({ show, success: (text, action) => show(text, 'success', action), error: (text) => show(text, 'error') }), [show]);

  const render = (kind: 'polite' | 'assertive') => (
    <div className="toast-stack" role={kind === 'assertive' ? 'alert' : 'status'} aria-live={kind} aria-atomic="false">
      {toasts
        .filter((t) => (t.kind === 'error') === (kind === 'assertive'))
        .map((t) => (
          <div key={t.id} className={`toast toast-${t.kind}`}>
            <span className="toast-text">{t.text}</span>
            {t.action && (
              <button
                type="button"
                className="button-link"
                onClick={() => {
                  t.action!.run();
                  dismiss(t.id);
                }}
              >
                {t.action.label}
              </button>
            )}
            <button type="button" className="icon-button small" aria-label="Close notification" onClick={() => dismiss(t.id)}>
              <CloseIcon />
            </button>
          </div>
        ))}
    </div>
  );

  return (
    <ToastContext.Provider value={toaster}>
      {children}
      {createPortal(
        <div className="toasts">
          {render('polite')}
          {render('assertive')}
        </div>,
        document.body,
      )}
    </ToastContext.Provider>
  );
}

export function useToast(): Toaster {
  const toaster = useContext(ToastContext);
  if (!toaster) throw new Error('useToast outside ToastProvider');
  return toaster;
}
