/**
 * Live events (`GET /api/v1/events`, Server-Sent Events): a new message, a read, an invitation's
 * change refresh what shows them (the open thread, the conversation list, the unread badges).
 *
 * A dropped stream is reconnected by the browser itself, with `Last-Event-ID`, so nothing is missed.
 * A stream the server closed or refused (restarting, too many open streams) is opened afresh after
 * a wait that grows up to a few minutes, and everything it shows is read again since events may
 * have been missed meanwhile. The stream is closed when the member logs out (the hook's owner, the
 * top bar, is only there for a member) and while the browser is offline.
 */
import { useQueryClient } from '@tanstack/react-query';
import { useEffect } from 'react';
import { conversationKeys } from './conversations';
import { invalidate, keys } from './query';

const FIRST_WAIT_MS = 2_000;
const LONGEST_WAIT_MS = 180_000;

export function useLiveEvents(enabled: boolean): void {
  const client = useQueryClient();
  useEffect(() => {
    if (!enabled || typeof EventSource === 'undefined') return;
    let source: EventSource | null = null;
    let timer: number | undefined;
    let wait = FIRST_WAIT_MS;
    let opens = 0;
    let stopped = false;

    const refresh =
      (...queryKeys: (readonly unknown[])[]) =>
      () =>
        invalidate(client, ...queryKeys);
    const refreshAll = refresh(conversationKeys.all, keys.me, keys.inbox, keys.received, keys.sent, keys.invitations);

    const open = () => {
      timer = undefined;
      if (stopped) return;
      const current = new EventSource('/api/v1/events', { withCredentials: true });
      source = current;
      current.addEventListener('open', () => {
        wait = FIRST_WAIT_MS;
        // A new stream (not the browser's resumption of one) starts from now: catch up on what was missed.
        if (opens++ > 0) refreshAll();
      });
      current.addEventListener('message', refresh(conversationKeys.all, keys.me, keys.inbox));
      current.addEventListener('read', refresh(conversationKeys.all, keys.me, keys.inbox));
      current.addEventListener('invitation', refresh(keys.received, keys.sent, keys.invitations, keys.me, keys.inbox));
      current.addEventListener('error', () => {
        // CONNECTING: the browser retries by itself. CLOSED: it gave up; try again later.
        if (current.readyState !== EventSource.CLOSED || stopped) return;
        current.close();
        if (source === current) source = null;
        if (timer === undefined && navigator.onLine !== false) timer = window.setTimeout(open, wait);
        wait = Math.min(LONGEST_WAIT_MS, wait * 2);
      });
    };

    const offline = () => {
      source?.close();
      source = null;
      window.clearTimeout(timer);
      timer = undefined;
    };
    const online = () => {
      if (!source && timer === undefined) open();
    };

    open();
    window.addEventListener('offline', offline);
    window.addEventListener('online', online);
    return () => {
      stopped = true;
      offline();
      window.removeEventListener('offline', offline);
      window.removeEventListener('online', online);
    };
  }, [client, enabled]);
}
