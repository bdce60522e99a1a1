/**
 * The Add Connections icon: a badge of invitations waiting for my answer, and a dropdown (opened by
 * hovering, focusing or clicking) listing the newest with Accept and Ignore, and links Invitations
 * and See all to the People You May Know page.
 */
import { useEffect, useId, useRef, useState } from 'react';
import { api, type ApiError } from '../lib/api';
import { acceptInvitation, ignoreInvitation } from '../lib/invitations';
import { describeError } from '../lib/messages';
import { Link } from '../lib/router';
import { useSession } from '../lib/session';
import type { Invitation, Page } from '../lib/types';
import { AddConnectionsIcon } from './icons';
import { Badge, ErrorState } from './status';
import { useToast } from './toasts';

const PYMK = '/people-you-may-know';

export function AddConnections({ pending }: { pending: number }) {
  const [open, setOpen] = useState(false);
  const [items, setItems] = useState<Invitation[] | null>(null);
  const [error, setError] = useState<ApiError | null>(null);
  const [busy, setBusy] = useState<string | null>(null);
  const [attempt, setAttempt] = useState(0);
  const wrapper = useRef<HTMLDivElement>(null);
  const button = useRef<HTMLButtonElement>(null);
  const closeTimer = useRef<number | undefined>(undefined);
  const ignoreFocus = useRef(false);
  const panelId = useId();
  const countId = useId();
  const { refresh } = useSession();
  const toast = useToast();

  useEffect(() => {
    if (!open) return;
    const controller = new AbortController();
    setError(null);
    api<Page<Invitation>>('GET', '/invitations/received?limit=5', { signal: controller.signal }).then(
      (page) => setItems(page.items),
      (err: unknown) => {
        if (!controller.signal.aborted) setError(err as ApiError);
      },
    );
    const onPointer = (event: PointerEvent) => {
      if (!wrapper.current?.contains(event.target as Node)) setOpen(false);
    };
    document.addEventListener('pointerdown', onPointer);
    return () => {
      controller.abort();
      document.removeEventListener('pointerdown', onPointer);
    };
  }, [open, attempt, pending]);

  useEffect(() => () => window.clearTimeout(closeTimer.current), []);

  const show = () => {
    window.clearTimeout(closeTimer.current);
    setOpen(true);
  };
  const hideSoon = () => {
    window.clearTimeout(closeTimer.current);
    closeTimer.current = window.setTimeout(() => setOpen(false), 300);
  };

  const answer = async (inv: Invitation, action: 'accept' | 'ignore') => {
    setBusy(inv.id);
    try {
      if (action === 'accept') await acceptInvitation(inv.id);
      else await ignoreInvitation(inv.id);
      setItems((list) => list?.filter((i) => i.id !== inv.id) ?? null);
      toast.success(action === 'accept' ? `You're now connected with ${inv.sender.name}.` : `Invitation from ${inv.sender.name} ignored.`);
      void refresh();
    } catch (err) {
      toast.error(describeError(err));
    } finally {
      setBusy(null);
    }
  };

  return (
    <div
      className="popover-wrapper"
      ref={wrapper}
      onMouseEnter={show}
      onMouseLeave={hideSoon}
      onBlur={(event) => {
        if (!wrapper.current?.contains(event.relatedTarget as Node | null)) setOpen(false);
      }}
      onKeyDown={(event) => {
        if (event.key === 'Escape' && open) {
          event.preventDefault();
          setOpen(false);
          ignoreFocus.current = true;
          button.current?.focus();
          ignoreFocus.current = false;
        }
      }}
    >
      <button
        ref={button}
        type="button"
        className="icon-button"
        aria-label="Add Connections"
        aria-expanded={open}
        aria-controls={open ? panelId : undefined}
        aria-describedby={countId}
        title="Add Connections"
        onFocus={() => {
          if (!ignoreFocus.current) show();
        }}
        onClick={show}
      >
        <AddConnectionsIcon />
        <Badge count={pending} />
      </button>
      <span id={countId} className="visually-hidden">
        {pending === 1 ? '1 invitation waiting for your answer' : `${pending} invitations waiting for your answer`}
      </span>
      {open && (
        <div id={panelId} className="popover" role="group" aria-labelledby={`${panelId}-title`}>
          <div className="popover-head">
            <h2 id={`${panelId}-title`} className="popover-title">
              Waiting for your answer
            </h2>
            <Link to={`${PYMK}#invitations`} onClick={() => setOpen(false)}>
              Invitations
            </Link>
          </div>
          {error ? (
            <ErrorState error={error} onRetry={() => setAttempt((n) => n + 1)} />
          ) : items === null ? (
            <p className="muted popover-note">Loading…</p>
          ) : items.length === 0 ? (
            <p className="muted popover-note">Nothing is waiting for your answer.</p>
          ) : (
            <ul className="popover-list">
              {items.map((inv) => (
                <li key={inv.id} className="popover-item">
                  <div className="popover-who">
                    <Link to={`/members/${encodeURIComponent(inv.sender.id)}`} onClick={() => setOpen(false)}>
                      {inv.sender.name}
                    </Link>
                    {inv.message && <p className="note-preview">{inv.message}</p>}
                  </div>
                  <div className="row-actions">
                    <button type="button" className="button small primary" aria-label={`Accept invitation from ${inv.sender.name}`} disabled={busy === inv.id} onClick={() => void answer(inv, 'accept')}>
                      Accept
                    </button>
                    <button type="button" className="button small secondary" aria-label={`Ignore invitation from ${inv.sender.name}`} disabled={busy === inv.id} onClick={() => void answer(inv, 'ignore')}>
                      Ignore
                    </button>
                  </div>
                </li>
              ))}
            </ul>
          )}
          <div className="popover-foot">
            <Link to={PYMK} onClick={() => setOpen(false)}>
              See all
            </Link>
          </div>
        </div>
      )}
    </div>
  );
}
