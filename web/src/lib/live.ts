/**
 * Live events (`GET /api/v1/events`, Server-Sent Events): a new message, a read, an invitation's
 * change refresh what shows them. Where the server does not offer the stream, the first failure
 * closes it for good and the pages simply refresh after each action, as they do anyway.
 */
import { useQueryClient } from '@tanstack/react-query';
import { useEffect } from 'react';
import { conversationKeys } from './conversations';
import { invalidate, keys } from './query';

export function useLiveEvents(enabled: boolean): void {
  const client = useQueryClient();
  useEffect(() => {
    if (!enabled || typeof EventSource === 'undefined') return;
    const source = new EventSource('/api/v1/events', { withCredentials: true });
    const refresh =
      (...queryKeys: (readonly unknown[])[]) =>
      () =>
        invalidate(client, ...queryKeys);
    source.addEventListener('message', refresh(conversationKeys.all, keys.me, keys.inbox));
    source.addEventListener('read', refresh(conversationKeys.all, keys.me, keys.inbox));
    source.addEventListener('invitation', refresh(keys.received, keys.sent, keys.invitations, keys.me, keys.inbox));
    // A stream that never opened (no such endpoint, or refused) is not retried; a dropped one reconnects by itself.
    source.addEventListener('error', () => {
      if (source.readyState === EventSource.CLOSED) source.close();
    });
    return () => source.close();
  }, [client, enabled]);
}
