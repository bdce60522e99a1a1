/**
 * A dedicated PostgreSQL connection that LISTENs on one channel, outside the pool (a pooled
 * connection is shared, so it cannot hold a LISTEN). Dropped connections are opened again, with
 * a growing pause, and `onConnected` is told each time so the caller can catch up on what it missed.
 */
import pg from 'pg';

export interface Listener {
  /** Resolves once the first LISTEN is in place (or the first attempt failed; retries go on). */
  readonly ready: Promise<void>;
  close(): Promise<void>;
}

export interface ListenOptions {
  onNotification: (payload: string) => void;
  /** After every (re-)established LISTEN. */
  onConnected?: () => void;
  onError?: (error: unknown) => void;
  /** Longest pause between reconnection attempts. */
  maxBackoffMs?: number;
}

/** Channel names are ours, never input; quoted anyway. */
const quoteIdent = (name: string) => `"${name.replace(/"/g, '""')}"`;

export function listen(url: string, channel: string, options: ListenOptions): Listener {
  let closed = false;
  let client: pg.Client | undefined;
  let timer: NodeJS.Timeout | undefined;
  let backoff = 100;
  let resolveReady!: () => void;
  const ready = new Promise<void>((resolve) => (resolveReady = resolve));

  const retry = () => {
    if (closed || timer) return;
    timer = setTimeout(() => {
      timer = undefined;
      void connect();
    }, backoff);
    timer.unref();
    backoff = Math.min(backoff * 2, options.maxBackoffMs ?? 5_000);
  };

  const connect = async () => {
    if (closed) return;
    const c = new pg.Client({ connectionString: url });
    client = c;
    let dropped = false;
    const drop = (error?: unknown) => {
      if (dropped) return;
      dropped = true;
      if (error && !closed) options.onError?.(error);
      c.removeAllListeners('notification');
      c.end().catch(() => {});
      if (client === c) client = undefined;
      retry();
    };
    c.on('error', drop);
    c.on('end', () => drop());
    c.on('notification', (n) => {
      if (n.channel === channel && n.payload !== undefined) options.onNotification(n.payload);
    });
    try {
      await c.connect();
      await c.query(`LISTEN ${quoteIdent(channel)}`);
      if (closed) {
        await c.end().catch(() => {});
        return;
      }
      backoff = 100;
      options.onConnected?.();
    } catch (error) {
      drop(error);
    } finally {
      resolveReady();
    }
  };

  void connect();
  return {
    ready,
    async close() {
      closed = true;
      if (timer) clearTimeout(timer);
      const c = client;
      client = undefined;
      resolveReady();
      if (c) {
        c.removeAllListeners();
        c.on('error', () => {});
        await c.end().catch(() => {});
      }
    },
  };
}
