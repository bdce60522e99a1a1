/**
 * The process's live event streams. Each open stream belongs to a member and knows the number of
 * the last event it was sent; when a member's events are announced (PostgreSQL NOTIFY on one
 * dedicated listening connection, or the in-process bus on SQLite), the member's new events are
 * read once from the table and written to each of their streams. Nothing is held in memory beyond
 * what the socket has not taken yet, and a stream whose client falls too far behind is ended: its
 * client reconnects with Last-Event-ID and catches up from the table.
 */
import type { Writable } from 'node:stream';
import type { Config } from '../config.js';
import type { Db, DialectName } from '../db/database.js';
import { listen, type Listener } from '../db/listen.js';
import { AppError } from '../errors.js';
import { EVENTS_CHANNEL, eventsAfter, latestEventSeq, localEventBus, type StoredEvent } from './store.js';

/** Events read per query while catching a member's streams up. */
const PAGE = 100;

interface Stream {
  memberId: string;
  lastSeq: number;
  out: Writable | null;
  ended: boolean;
  /** More than `eventQueueBytes` wait for the client: nothing more is written until it takes them. */
  draining: boolean;
}

interface MemberStreams {
  streams: Set<Stream>;
  running: boolean;
  /** Set by an announcement while a catch-up runs: another pass is needed. */
  again: boolean;
}

/** A stream slot taken for a member: attach the output once the reply's headers are written. */
export interface Reservation {
  /** Starts sending to `out` (the events after the reservation's position first). */
  attach(out: Writable): void;
  /** Gives the slot back without sending anything. */
  cancel(): void;
}

export type HubConfig = Pick<Config, 'databaseUrl' | 'eventHeartbeatMs' | 'eventStreamsPerMember' | 'eventQueueBytes'>;

/** Formats one event as Server-Sent Events: its number is the `id:`. */
export function formatEvent(e: StoredEvent): string {
  return `id: ${e.seq}\nevent: ${e.type}\ndata: ${e.data}\n\n`;
}

export class EventHub {
  readonly #members = new Map<string, MemberStreams>();
  #listener: Listener | undefined;
  #heartbeat: NodeJS.Timeout | undefined;
  #closed = false;
  readonly #onLocal = (ids: string[]) => this.#announce(ids);

  constructor(
    private readonly db: Db,
    private readonly dialect: DialectName,
    private readonly config: HubConfig,
    private readonly log: (msg: string, err?: unknown) => void = () => {},
  ) {}

  /** Open streams, for all members or one. */
  count(memberId?: string): number {
    if (memberId !== undefined) return this.#members.get(memberId)?.streams.size ?? 0;
    let n = 0;
    for (const m of this.#members.values()) n += m.streams.size;
    return n;
  }

  /**
   * Takes a stream slot for the member, positioned after `lastEventId` (a reconnecting client's
   * Last-Event-ID) or, without one, after their latest event. 429 too_many_streams past the limit.
   */
  async reserve(memberId: string, lastEventId: number | null): Promise<Reservation> {
    if (this.#closed) throw new AppError('too_many_streams', 'The server is shutting down; reconnect shortly.');
    const entry = this.#entry(memberId);
    if (entry.streams.size >= this.config.eventStreamsPerMember) {
      this.#dropIfEmpty(memberId);
      throw new AppError('too_many_streams', `At most ${this.config.eventStreamsPerMember} event streams may be open at once.`, {
        max: this.config.eventStreamsPerMember,
      });
    }
    const stream: Stream = { memberId, lastSeq: 0, out: null, ended: false, draining: false };
    // Counted at once, so concurrent connections cannot pass the limit together.
    entry.streams.add(stream);
    try {
      await this.#listening();
      const latest = await latestEventSeq(this.db, memberId);
      // A position past the latest event (a client of another database, say) would skip events to come.
      stream.lastSeq = lastEventId === null ? latest : Math.min(lastEventId, latest);
    } catch (error) {
      this.#remove(stream);
      throw error;
    }
    return {
      attach: (out) => {
        if (stream.ended) {
          out.end();
          return;
        }
        stream.out = out;
        out.on('close', () => this.#remove(stream));
        out.on('error', () => this.#remove(stream));
        this.#ensureHeartbeat();
        this.#kick(memberId);
      },
      cancel: () => this.#remove(stream),
    };
  }

  /** Ends every stream and stops listening. */
  async close(): Promise<void> {
    this.#closed = true;
    for (const entry of this.#members.values()) {
      for (const stream of entry.streams) this.#end(stream, false);
    }
    this.#members.clear();
    if (this.#heartbeat) clearInterval(this.#heartbeat);
    this.#heartbeat = undefined;
    localEventBus.off('events', this.#onLocal);
    const listener = this.#listener;
    this.#listener = undefined;
    await listener?.close();
  }

  #entry(memberId: string): MemberStreams {
    let entry = this.#members.get(memberId);
    if (!entry) {
      entry = { streams: new Set(), running: false, again: false };
      this.#members.set(memberId, entry);
    }
    return entry;
  }

  #dropIfEmpty(memberId: string) {
    const entry = this.#members.get(memberId);
    if (entry && entry.streams.size === 0 && !entry.running) this.#members.delete(memberId);
  }

  /** Starts listening for announcements the first time a stream opens. */
  async #listening(): Promise<void> {
    if (this.dialect === 'sqlite') {
      if (!this.#listener) {
        localEventBus.on('events', this.#onLocal);
        this.#listener = { ready: Promise.resolve(), close: async () => {} };
      }
      return;
    }
    this.#listener ??= listen(this.config.databaseUrl, EVENTS_CHANNEL, {
      onNotification: (payload) => this.#announce(payload.split(',')),
      // Announcements made while the connection was down are lost: every open stream catches up.
      onConnected: () => this.#announce([...this.#members.keys()]),
      onError: (error) => this.log('event listener connection failed', error),
    });
    await this.#listener.ready;
  }

  #announce(memberIds: string[]) {
    for (const id of memberIds) if (this.#members.has(id)) this.#kick(id);
  }

  /** Catches the member's streams up with the table; one pass at a time per member. */
  #kick(memberId: string) {
    const entry = this.#members.get(memberId);
    if (!entry || this.#closed) return;
    entry.again = true;
    if (entry.running) return;
    entry.running = true;
    void (async () => {
      try {
        while (entry.again && !this.#closed) {
          entry.again = false;
          for (;;) {
            // A stream whose client has not taken what it was given yet waits: its events stay in the table.
            const live = [...entry.streams].filter((s) => s.out && !s.ended && !s.draining);
            if (live.length === 0) break;
            const from = Math.min(...live.map((s) => s.lastSeq));
            const events = await eventsAfter(this.db, memberId, from, PAGE);
            for (const stream of live) this.#write(stream, events);
            if (events.length < PAGE) break;
          }
        }
      } catch (error) {
        if (!this.#closed) {
          this.log('reading events failed', error);
          setTimeout(() => this.#kick(memberId), 1_000).unref();
        }
      } finally {
        entry.running = false;
        this.#dropIfEmpty(memberId);
      }
    })();
  }

  /**
   * Writes what the stream has not had yet. What its client has not taken is all this process
   * holds for it: past `eventQueueBytes` nothing more is written until it has taken that (then the
   * rest is read from the table), and a client that does not within two heartbeat intervals is too
   * slow: the stream ends, and the client catches up when it reconnects with Last-Event-ID.
   */
  #write(stream: Stream, events: StoredEvent[]) {
    const out = stream.out;
    if (!out || stream.ended || stream.draining) return;
    const fresh = events.filter((e) => e.seq > stream.lastSeq);
    if (fresh.length === 0) return;
    out.write(fresh.map(formatEvent).join(''));
    stream.lastSeq = fresh[fresh.length - 1]!.seq;
    this.#watchBacklog(stream, out);
  }

  #watchBacklog(stream: Stream, out: Writable) {
    if (stream.ended || stream.draining || out.writableLength <= this.config.eventQueueBytes) return;
    stream.draining = true;
    const done = () => {
      clearTimeout(timer);
      out.off('drain', done);
      stream.draining = false;
      // What was announced meanwhile is read now.
      this.#kick(stream.memberId);
    };
    const timer = setTimeout(
      () => {
        out.off('drain', done);
        this.#end(stream, true);
      },
      Math.max(2 * this.config.eventHeartbeatMs, 1_000),
    );
    timer.unref();
    out.on('drain', done);
  }

  #ensureHeartbeat() {
    if (this.#heartbeat) return;
    this.#heartbeat = setInterval(() => {
      for (const entry of this.#members.values()) {
        for (const stream of entry.streams) {
          if (!stream.out || stream.ended || stream.draining) continue;
          stream.out.write(': heartbeat\n\n');
          this.#watchBacklog(stream, stream.out);
        }
      }
      if (this.count() === 0 && this.#heartbeat) {
        clearInterval(this.#heartbeat);
        this.#heartbeat = undefined;
      }
    }, this.config.eventHeartbeatMs);
    this.#heartbeat.unref();
  }

  /** Ends a stream: `cut` (a client too far behind) destroys the socket rather than wait for it to drain. */
  #end(stream: Stream, cut: boolean) {
    if (stream.ended) return;
    stream.ended = true;
    const out = stream.out;
    if (out) {
      if (cut) out.destroy();
      else {
        out.end();
        // A client that takes nothing does not hold the shutdown up.
        setTimeout(() => out.destroy(), 1_000).unref();
      }
    }
    this.#remove(stream);
  }

  #remove(stream: Stream) {
    stream.ended = true;
    const entry = this.#members.get(stream.memberId);
    if (!entry) return;
    entry.streams.delete(stream);
    this.#dropIfEmpty(stream.memberId);
  }
}
