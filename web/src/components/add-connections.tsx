/**
 * The Add Connections icon: a badge of invitations waiting for my answer, and a dropdown (opened by
 * hovering, focusing or clicking) listing the newest with Accept and Ignore, and links Invitations
 * and See all to the People You May Know page.
 */
import { useQuery } from '@tanstack/react-query';
import { useEffect, useId, useRef, useState } from 'react';
import { Link } from 'react-router';
import { type Answer, newestReceivedQuery, useAnswer } from '../lib/invitations';
import { describeError } from '../lib/messages';
import type { Invitation } from '../lib/types';
import { AddConnectionsIcon } from './icons';
import { QueryState } from './query-state';
import { Badge } from './status';
import { useToast } from './toasts';

const PYMK = '/people-you-may-know';

export function AddConnections({ pending }: { pending: number }) {
  const [open, setOpen] = useState(false);
  const wrapper = useRef<HTMLDivElement>(null);
  const button = useRef<HTMLButtonElement>(null);
  const closeTimer = useRef<number | undefined>(undefined);
  const ignoreFocus = useRef(false);
  const panelId = useId();
  const countId = useId();
  const toast = useToast();
  // Read each time the dropdown opens; the badge's count changing reads it again (see app.tsx).
  const newest = useQuery({ ...newestReceivedQuery(5), enabled: open, select: (page) => page.items });
  const answer = useAnswer();

  useEffect(() => {
    if (!open) return;
    const onPointer = (event: PointerEvent) => {
      if (!wrapper.current?.contains(event.target as Node)) setOpen(false);
    };
    document.addEventListener('pointerdown', onPointer);
    return () => document.removeEventListener('pointerdown', onPointer);
  }, [open]);

  useEffect(() => () => window.clearTimeout(closeTimer.current), []);

  const show = () => {
    window.clearTimeout(closeTimer.current);
    setOpen(true);
  };
  const hideSoon = () => {
    window.clearTimeout(closeTimer.current);
    closeTimer.current = window.setTimeout(() => setOpen(false), 300);
  };

  const respond = async (inv: Invitation, action: Extract<Answer, 'accept' | 'ignore'>) => {
    try {
      await answer.mutateAsync({ id: inv.id, answer: action });
      toast.success(action === 'accept' ? `You're now connected with ${inv.sender.name}.` : `Invitation from ${inv.sender.name} ignored.`);
    } catch (err) {
      toast.error(describeError(err));
    }
  };
  const busy = (inv: Invitation) => answer.isPending && answer.variables?.id === inv.id;

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
          <QueryState
            query={newest}
            loading={<p className="muted popover-note">Loading…</p>}
            empty={<p className="muted popover-note">Nothing is waiting for your answer.</p>}
          >
            {(items) => (
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
                      <button
                        type="button"
                        className="button small primary"
                        aria-label={`Accept invitation from ${inv.sender.name}`}
                        disabled={busy(inv)}
                        onClick={() => void respond(inv, 'accept')}
                      >
                        Accept
                      </button>
                      <button
                        type="button"
                        className="button small secondary"
                        aria-label={`Ignore invitation from ${inv.sender.name}`}
                        disabled={busy(inv)}
                        onClick={() => void respond(inv, 'ignore')}
                      >
                        Ignore
                      </button>
                    </div>
                  </li>
                ))}
              </ul>
            )}
          </QueryState>
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
