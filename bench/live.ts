/**
 * Live delivery, part of the messaging case: BENCH_MSG_LISTENERS (50) members each hold one event
 * stream (GET /api/v1/events, one tab each) on one Rapport process, and one more member sends into a
 * group conversation with all of them through another process on the same database (PostgreSQL:
 * LISTEN/NOTIFY between the two; SQLite: one process, its in-process bus). For each message, the
 * time from the send's request start until each listener has its `message` event; first paced
 * sends (BENCH_MSG_LIVE_SENDS, 200, at BENCH_MSG_LIVE_RATE, 20 a second), then a burst of
 * BENCH_MSG_LIVE_BURST (100) sent all at once. Every listener must get every message exactly once.
 */
import { Agent, request as httpRequest } from 'node:http';
import { performance } from 'node:perf_hooks';
import { openDatabase } from '../src/db/database.js';
import { sha256 } from '../src/shared/crypto.js';
import { type HttpCall, percentile, timedCall } from './load.js';
import { fmt, log } from './measure.js';

const env = process.env;
export const LISTENERS = Number(env.BENCH_MSG_LISTENERS ?? 50);
export const LIVE_SENDS = Number(env.BENCH_MSG_LIVE_SENDS ?? 200);
export const LIVE_RATE = Number(env.BENCH_MSG_LIVE_RATE ?? 20);
export const LIVE_BURST = Number(env.BENCH_MSG_LIVE_BURST ?? 100);
/** How long after the last send every listener may take to have everything. */
const SETTLE_MS = 15_000;
const DAY = 86_400_000;

const SENDER = 'live-sender';
const GROUP = 'live-group';
const listenerId = (i: number) => `live-l${i.toString().padStart(3, '0')}`;
const tokenOf = (id: string) => `rpt_${sha256(`bench-live:${id}`)}`;

export interface Spread {
  count: number;
  p50: number;
  p99: number;
  max: number;
}

export interface LivePhase {
  name: string;
  sends: number;
  /** Sends answered 201. */
  sent: number;
  /** The send requests' own time, request start to reply. */
  send: Spread;
  /** Request start until one listener has the event: one figure per message and listener. */
  delivery: Spread;
  /** Request start until the last listener has the event: one figure per message. */
  all: Spread;
  /**
   * From the send's reply until one listener has the event (negative when the event came first):
   * what fanning out adds to the send itself, without the time sends queue behind each other.
   */
  afterReply: Spread;
}

export interface LiveResult {
  /** How the listeners' streams and the sends are served. */
  setup: string;
  listeners: number;
  phases: LivePhase[];
  /** Listener × message pairs received more than once, and never. */
  duplicates: number;
  missing: number;
  /** Whether every listener received every message exactly once. */
  exactlyOnce: boolean;
}

/** The sender, the listeners, their bearer tokens and the group conversation of them all. */
export async function seedLive(url: string, now: number): Promise<void> {
  const handle = openDatabase(url);
  try {
    await handle.db.transaction().execute(async (trx) => {
      const ids = [SENDER, ...Array.from({ length: LISTENERS }, (_, i) => listenerId(i))];
      const at = new Date(now - DAY).toISOString();
      await trx
        .insertInto('members')
        .values(
          ids.map((id, i) => ({
            id,
            email: `${id}@live.example`,
            name: i === 0 ? 'Sam Sender' : `Listener ${i}`,
            headline: '',
            password_hash: 'unused',
            role: 'member' as const,
            invitation_balance: 100,
            findable_by_email: 1,
            created_at: at,
          })),
        )
        .execute();
      await trx
        .insertInto('auth_tokens')
        .values(
          ids.map((id) => ({
            token_hash: sha256(tokenOf(id)),
            member_id: id,
            kind: 'bearer' as const,
            created_at: new Date(now).toISOString(),
            expires_at: new Date(now + 365 * DAY).toISOString(),
          })),
        )
        .execute();
      await trx
        .insertInto('conversations')
        .values({
          id: GROUP,
          kind: 'group',
          subject: 'Live delivery',
          pair_key: null,
          created_by: SENDER,
          created_at: at,
          last_message_at: at,
          last_message_id: null,
        })
        .execute();
      await trx
        .insertInto('conversation_members')
        .values(ids.map((id) => ({ conversation_id: GROUP, member_id: id, joined_at: at, last_activity_at: at })))
        .execute();
    });
  } finally {
    await handle.destroy();
  }
}

interface Listener {
  /** When each message (by its number in the run) arrived, one entry per arrival. */
  arrivals: Map<number, number[]>;
  close(): void;
}

/** Opens the member's event stream; resolves once the server has answered 200. */
function listen(base: string, id: string, agent: Agent, textIndex: (text: string) => number | undefined): Promise<Listener> {
  return new Promise((resolve, reject) => {
    const req = httpRequest(`${base}/api/v1/events`, { agent, headers: { authorization: `Bearer ${tokenOf(id)}`, accept: 'text/event-stream' } });
    req.on('error', reject);
    req.on('response', (res) => {
      if (res.statusCode !== 200) return reject(new Error(`${id}: GET /api/v1/events answered ${res.statusCode}`));
      const arrivals = new Map<number, number[]>();
      let buffer = '';
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => {
        const received = performance.now();
        buffer += chunk;
        let end: number;
        while ((end = buffer.indexOf('\n\n')) >= 0) {
          const block = buffer.slice(0, end);
          buffer = buffer.slice(end + 2);
          let event = '';
          let data = '';
          for (const line of block.split('\n')) {
            if (line.startsWith('event: ')) event = line.slice(7);
            else if (line.startsWith('data: ')) data += line.slice(6);
          }
          if (event !== 'message') continue;
          const n = textIndex((JSON.parse(data) as { text: string }).text);
          if (n === undefined) continue;
          const list = arrivals.get(n) ?? [];
          list.push(received);
          arrivals.set(n, list);
        }
      });
      res.on('error', () => {});
      resolve({ arrivals, close: () => req.destroy() });
    });
    req.end();
  });
}

const spread = (values: number[]): Spread => ({
  count: values.length,
  p50: percentile(values, 50),
  p99: percentile(values, 99),
  max: values.length ? values.reduce((a, b) => Math.max(a, b), -Infinity) : Number.NaN,
});

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/**
 * Measures live delivery: listeners on `streamsUrl`, sends through `sendsUrl` (the same URL on
 * SQLite, another process's on PostgreSQL).
 */
export async function benchLive(streamsUrl: string, sendsUrl: string, setup: string): Promise<LiveResult> {
  const prefix = `live ${Date.now().toString(36)} #`;
  const textIndex = (text: string) => (text.startsWith(prefix) ? Number(text.slice(prefix.length)) : undefined);
  const streamAgent = new Agent({ keepAlive: false, maxSockets: Infinity });
  const sendAgent = new Agent({ keepAlive: true, maxSockets: LIVE_BURST });
  const listeners: Listener[] = [];
  try {
    for (let i = 0; i < LISTENERS; i++) listeners.push(await listen(streamsUrl, listenerId(i), streamAgent, textIndex));
    // The streams are positioned after the member's latest event once the reply has started; a
    // moment more lets the first announcement find them all attached.
    await sleep(500);

    const started: number[] = [];
    const statuses: number[] = [];
    const sendMs: number[] = [];
    const send = async (n: number) => {
      const call: HttpCall = {
        method: 'POST',
        path: `/api/v1/conversations/${GROUP}/messages`,
        headers: { authorization: `Bearer ${tokenOf(SENDER)}`, 'content-type': 'application/json' },
        body: JSON.stringify({ text: `${prefix}${n}` }),
      };
      started[n] = performance.now();
      const reply = await timedCall(sendsUrl, sendAgent, call).catch(() => ({ status: 0, ms: Number.NaN, body: '' }));
      statuses[n] = reply.status;
      sendMs[n] = reply.ms;
    };

    const phases: { name: string; from: number; to: number }[] = [];
    // Paced: one send every 1/rate seconds, whether the previous one has been answered or not.
    log(`  live delivery: ${fmt(LIVE_SENDS)} sends at ${fmt(LIVE_RATE)} a second, ${fmt(LISTENERS)} listeners (${setup})`);
    const pending: Promise<void>[] = [];
    const pacedStart = performance.now();
    for (let n = 0; n < LIVE_SENDS; n++) {
      const due = pacedStart + (n * 1000) / LIVE_RATE;
      const wait = due - performance.now();
      if (wait > 0) await sleep(wait);
      pending.push(send(n));
    }
    await Promise.all(pending);
    phases.push({ name: `paced, ${fmt(LIVE_RATE)}/s`, from: 0, to: LIVE_SENDS });
    await waitForAll(listeners, 0, LIVE_SENDS, statuses);

    log(`  live delivery: a burst of ${fmt(LIVE_BURST)} sends at once`);
    const burst: Promise<void>[] = [];
    for (let n = LIVE_SENDS; n < LIVE_SENDS + LIVE_BURST; n++) burst.push(send(n));
    await Promise.all(burst);
    phases.push({ name: `burst of ${fmt(LIVE_BURST)}`, from: LIVE_SENDS, to: LIVE_SENDS + LIVE_BURST });
    await waitForAll(listeners, 0, LIVE_SENDS + LIVE_BURST, statuses);
    // A little longer, so that a message delivered twice has the time to show it.
    await sleep(500);

    let duplicates = 0;
    let missing = 0;
    const result: LivePhase[] = phases.map(({ name, from, to }) => {
      const delivery: number[] = [];
      const all: number[] = [];
      const afterReply: number[] = [];
      let sent = 0;
      for (let n = from; n < to; n++) {
        if (statuses[n] !== 201) continue;
        sent++;
        let last = 0;
        let complete = true;
        for (const l of listeners) {
          const times = l.arrivals.get(n) ?? [];
          if (times.length === 0) {
            missing++;
            complete = false;
            continue;
          }
          if (times.length > 1) duplicates++;
          const ms = times[0]! - started[n]!;
          delivery.push(ms);
          afterReply.push(ms - sendMs[n]!);
          last = Math.max(last, ms);
        }
        if (complete) all.push(last);
      }
      const sends = sendMs.slice(from, to).filter((ms) => Number.isFinite(ms));
      return { name, sends: to - from, sent, send: spread(sends), delivery: spread(delivery), all: spread(all), afterReply: spread(afterReply) };
    });
    // Messages the listeners got that were never answered 201 count as duplicates too: nothing was sent.
    for (const l of listeners) for (const [n] of l.arrivals) if (statuses[n] !== 201) duplicates++;
    const failedSends = result.reduce((sum, p) => sum + p.sends - p.sent, 0);
    for (const p of result) {
      log(
        `  live delivery, ${p.name}: ${fmt(p.sent)}/${fmt(p.sends)} sent (send p50 ${fmt(p.send.p50, 1)} ms); each listener p50 ${fmt(p.delivery.p50, 1)} ms, p99 ${fmt(p.delivery.p99, 1)} ms, max ${fmt(p.delivery.max, 1)} ms; all listeners p99 ${fmt(p.all.p99, 1)} ms; after the send's reply p50 ${fmt(p.afterReply.p50, 1)} ms, p99 ${fmt(p.afterReply.p99, 1)} ms`,
      );
    }
    if (missing || duplicates || failedSends) log(`  WARNING: live delivery: ${missing} missing, ${duplicates} duplicated, ${failedSends} sends failed`);
    return { setup, listeners: LISTENERS, phases: result, duplicates, missing, exactlyOnce: missing === 0 && duplicates === 0 && failedSends === 0 };
  } finally {
    for (const l of listeners) l.close();
    streamAgent.destroy();
    sendAgent.destroy();
  }
}

/** Waits until every listener has every message sent with 201 in [from, to), or SETTLE_MS. */
async function waitForAll(listeners: Listener[], from: number, to: number, statuses: number[]): Promise<void> {
  const until = performance.now() + SETTLE_MS;
  const done = () => listeners.every((l) => Array.from({ length: to - from }, (_, k) => from + k).every((n) => statuses[n] !== 201 || l.arrivals.has(n)));
  while (!done() && performance.now() < until) await sleep(50);
}
