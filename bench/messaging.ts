/**
 * The messaging case of `npm run bench`: 1,000,000 messages over 100,000 conversations, in a
 * database both servers opened while it was empty, then grown and never analysed. One member (a
 * recruiter) is in 20,000 conversations, one of them a thread of 100,000 messages; another member is
 * in 20. A page of the conversation list and a page of a thread are measured against the baseline's
 * messaging routes (bare Fastify running the least SQL that could serve them, messaging-baseline.ts),
 * and a page must cost the same whatever the member's number of conversations or the thread's length.
 * Before measuring, both servers' first pages of every case are compared: they must be the same JSON.
 *
 * Settings: BENCH_MSG_CONVERSATIONS (100,000), BENCH_MSG_MESSAGES (1,000,000), BENCH_MSG_HEAVY
 * (20,000 conversations), BENCH_MSG_LONG (100,000 messages), BENCH_MSG_ROUNDS (3),
 * BENCH_MSG_SECONDS (4), besides BENCH_CONNECTIONS and BENCH_CPU_PROF; and live delivery's (live.ts):
 * BENCH_MSG_LISTENERS (50), BENCH_MSG_LIVE_SENDS (200), BENCH_MSG_LIVE_RATE (20 a second),
 * BENCH_MSG_LIVE_BURST (100). Live delivery is measured after the pages, on the grown database: on
 * PostgreSQL with a second Rapport process taking the sends, on SQLite with the one process.
 */
import { mkdirSync } from 'node:fs';
import { Agent } from 'node:http';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { type DialectName, openDatabase } from '../src/db/database.js';
import { sha256 } from '../src/shared/crypto.js';
import { FIRST_NAMES, LAST_NAMES } from '../src/shared/names.js';
import { encodeCursor, encodeNumberCursor } from '../src/shared/pagination.js';
import { pairKey } from '../src/shared/pairs.js';
import { type CaseDatabase, createCaseDatabase, DATA_DIR, dropCaseDatabase } from './generate.js';
import { type HttpCall, timedCall } from './load.js';
import { type EndpointResult, fmt, log, measureEndpoint, probeOf } from './measure.js';
import { benchLive, type LiveResult, seedLive } from './live.js';
import { type RunningServer, type ServerKind, startServer } from './servers.js';

const env = process.env;
export const CONVERSATIONS = Number(env.BENCH_MSG_CONVERSATIONS ?? 100_000);
export const MESSAGES = Number(env.BENCH_MSG_MESSAGES ?? 1_000_000);
export const HEAVY_CONVERSATIONS = Number(env.BENCH_MSG_HEAVY ?? 20_000);
export const LONG_THREAD = Number(env.BENCH_MSG_LONG ?? 100_000);
export const MSG_ROUNDS = Number(env.BENCH_MSG_ROUNDS ?? 3);
export const MSG_SECONDS = Number(env.BENCH_MSG_SECONDS ?? 4);
const LIGHT_CONVERSATIONS = 20;
/** Members besides the two measured ones; the heavy member talks with each of the first ones. */
const MEMBERS = Math.max(HEAVY_CONVERSATIONS + LIGHT_CONVERSATIONS + 10, 20_000);
/** Cursors spread through the heavy member's list and the long thread, for the later pages. */
const PAGES = 200;
const PG_NAME = 'rapport_bench_messaging';
const SQLITE_FILE = join(DATA_DIR, 'messaging-run.db');
const MINUTE = 60_000;
const DAY = 86_400_000;

const TEXTS = [
  'Thanks for connecting! Do you have time for a short call this week?',
  'Great to meet you at the meetup yesterday.',
  'Could you send me the slides from your talk?',
  'We are hiring a senior engineer for the platform team; would you be interested?',
  'Sounds good, Thursday at 10 works for me.',
  'Here is the link to the design document we discussed.',
  'Congratulations on the new role! 🎉',
  'I will get back to you after I talk to the team.',
  'Could you introduce me to someone on the data team?',
  'Merci, à bientôt !',
];

export interface MessagingResult {
  dialect: DialectName;
  version: string;
  sizes: { conversations: number; messages: number; members: number; heavyConversations: number; longThread: number };
  growSeconds: number;
  /** Whether both servers gave the same first page of every case. */
  sameReplies: { endpoint: string; same: boolean }[];
  endpoints: EndpointResult[];
  /** Live delivery: event streams on one process, sends through another (one process on SQLite). */
  live: LiveResult;
  seconds: number;
}

const tokenOf = (name: string) => `rpt_${sha256(`bench-messaging:${name}`)}`;
const memberId = (i: number) => `mm${i.toString(36).padStart(6, '0')}`;
const conversationId = (i: number) => `mc${i.toString(36).padStart(6, '0')}`;
const messageId = (c: number, seq: number) => `mx${c.toString(36).padStart(6, '0')}${seq.toString(36).padStart(5, '0')}`;
const HEAVY = 'msg-heavy';
const LIGHT = 'msg-light';
/** The long thread is the heavy member's first conversation; the light member's first is short. */
const LONG = 0;
const SHORT = HEAVY_CONVERSATIONS;

interface Conversation {
  n: number;
  members: string[];
  kind: 'direct' | 'group';
  messages: number;
  /** When its last message was sent. */
  last: number;
}

/** Conversation `n`, as a pure function of its number. */
function conversation(n: number, now: number): Conversation {
  const last = now - MINUTE - ((n * 7_919) % (90 * 1_440)) * MINUTE;
  if (n < HEAVY_CONVERSATIONS) return { n, kind: 'direct', members: [HEAVY, memberId(n)], messages: n === LONG ? LONG_THREAD : 1 + ((n * 31) % 17), last };
  if (n < HEAVY_CONVERSATIONS + LIGHT_CONVERSATIONS) {
    return { n, kind: 'direct', members: [LIGHT, memberId(n)], messages: n === SHORT ? 10 : 1 + ((n * 31) % 17), last };
  }
  // The others, among the members: pairs (a, a + k) are all different; one in ten is a group.
  const rest = n - HEAVY_CONVERSATIONS - LIGHT_CONVERSATIONS;
  const a = rest % MEMBERS;
  const k = 1 + Math.floor(rest / MEMBERS);
  const group = rest % 10 === 9;
  const members = group
    ? [memberId(a), memberId((a + k) % MEMBERS), memberId((a + k + 101) % MEMBERS), memberId((a + k + 211) % MEMBERS)]
    : [memberId(a), memberId((a + k) % MEMBERS)];
  return { n, kind: group ? 'group' : 'direct', members, messages: 1 + ((n * 31) % 17), last };
}

/** This case's database (see createCaseDatabase). */
const placeOf = (dialect: DialectName, serverUrl: string | undefined): CaseDatabase => ({ dialect, serverUrl, sqliteFile: SQLITE_FILE, pgName: PG_NAME });
const createDatabase = (dialect: DialectName, serverUrl: string | undefined) =>
  createCaseDatabase(placeOf(dialect, serverUrl), ['conversations', 'conversation_members', 'messages', 'members', 'auth_tokens']);
const dropDatabase = (dialect: DialectName, serverUrl: string | undefined) => dropCaseDatabase(placeOf(dialect, serverUrl));

/** How many messages conversation `n` gets, so that all of them add up to MESSAGES. */
function messageCounts(now: number): Conversation[] {
  const all = Array.from({ length: CONVERSATIONS }, (_, n) => conversation(n, now));
  // Scale the others so the total is MESSAGES; the long and the short thread keep their lengths.
  const fixed = all[LONG]!.messages + all[SHORT]!.messages;
  const others = all.reduce((sum, c) => sum + c.messages, 0) - fixed;
  const factor = (MESSAGES - fixed) / others;
  let total = fixed;
  for (const c of all) {
    if (c.n === LONG || c.n === SHORT) continue;
    c.messages = Math.max(1, Math.round(c.messages * factor));
    total += c.messages;
  }
  // Rounding leaves a few too many or too few: the last conversation takes the difference.
  const last = all[all.length - 1]!;
  last.messages = Math.max(1, last.messages + MESSAGES - total);
  return all;
}

/** Writes the rows into the database the servers already have open, in large statements. */
async function grow(url: string, conversations: Conversation[], now: number): Promise<number> {
  const handle = openDatabase(url);
  const db = handle.db;
  let messages = 0;
  try {
    await db.transaction().execute(async (trx) => {
      const member = (id: string, i: number) => ({
        id,
        email: `${id}@messaging.example`,
        name:
          id === HEAVY
            ? 'Rita Recruiter'
            : id === LIGHT
              ? 'Lena Light'
              : `${FIRST_NAMES[i % FIRST_NAMES.length]} ${LAST_NAMES[Math.floor(i / FIRST_NAMES.length) % LAST_NAMES.length]}`,
        headline: i % 3 === 0 ? '' : 'Engineer at Northwind',
        password_hash: 'unused',
        role: 'member' as const,
        invitation_balance: 100,
        findable_by_email: 1,
        created_at: new Date(now - 800 * DAY).toISOString(),
      });
      const members = [member(HEAVY, -1), member(LIGHT, -2), ...Array.from({ length: MEMBERS }, (_, i) => member(memberId(i), i))];
      for (let i = 0; i < members.length; i += 1_000)
        await trx
          .insertInto('members')
          .values(members.slice(i, i + 1_000))
          .execute();
      await trx
        .insertInto('auth_tokens')
        .values(
          [HEAVY, LIGHT].map((id) => ({
            token_hash: sha256(tokenOf(id)),
            member_id: id,
            kind: 'bearer' as const,
            created_at: new Date(now).toISOString(),
            expires_at: new Date(now + 365 * DAY).toISOString(),
          })),
        )
        .execute();

      let convRows: Record<string, unknown>[] = [];
      let memberRows: Record<string, unknown>[] = [];
      const messageRows: Record<string, unknown>[] = [];
      // Conversations and their members go in before their messages (the foreign keys).
      const flush = async (force: boolean) => {
        const writeMessages = messageRows.length >= 1_000 || (force && messageRows.length > 0);
        if (convRows.length >= 1_000 || ((force || writeMessages) && convRows.length > 0)) {
          await trx
            .insertInto('conversations')
            .values(convRows as never)
            .execute();
          convRows = [];
        }
        if (memberRows.length >= 1_000 || ((force || writeMessages) && memberRows.length > 0)) {
          for (let i = 0; i < memberRows.length; i += 1_000)
            await trx
              .insertInto('conversation_members')
              .values(memberRows.slice(i, i + 1_000) as never)
              .execute();
          memberRows = [];
        }
        while (messageRows.length >= 1_000 || (force && messageRows.length > 0)) {
          await trx
            .insertInto('messages')
            .values(messageRows.splice(0, 1_000) as never)
            .execute();
        }
      };
      for (const c of conversations) {
        const at = (seq: number) => new Date(c.last - (c.messages - seq) * (c.n === LONG ? 30_000 : 7 * MINUTE)).toISOString();
        const lastAt = at(c.messages);
        const id = conversationId(c.n);
        convRows.push({
          id,
          kind: c.kind,
          subject: c.kind === 'group' ? `Project ${c.n}` : null,
          pair_key: c.kind === 'direct' ? pairKey(c.members[0]!, c.members[1]!) : null,
          created_by: c.members[0],
          created_at: at(1),
          last_message_at: lastAt,
          last_message_id: messageId(c.n, c.messages),
          last_seq: c.messages,
        });
        const senderOf = (seq: number) => c.members[seq % c.members.length]!;
        // One member in five has the latest two messages unread (those of the others).
        c.members.forEach((m, i) => {
          const unread = (c.n + i) % 5 === 0 ? Math.min(2, c.messages) : 0;
          const unreadOfOthers = Array.from({ length: unread }, (_, k) => c.messages - k).filter((seq) => senderOf(seq) !== m).length;
          memberRows.push({
            conversation_id: id,
            member_id: m,
            joined_at: at(1),
            folder: 'inbox',
            last_activity_at: lastAt,
            muted: 0,
            read_seq: c.messages - unread,
            cleared_seq: 0,
            unread_count: unreadOfOthers,
          });
        });
        for (let seq = 1; seq <= c.messages; seq++) {
          messageRows.push({
            id: messageId(c.n, seq),
            conversation_id: id,
            seq,
            sender_id: senderOf(seq),
            text: TEXTS[(c.n + seq) % TEXTS.length]!,
            created_at: at(seq),
          });
          messages++;
          if (messageRows.length >= 5_000) await flush(false);
        }
        await flush(false);
      }
      await flush(true);
    });
  } finally {
    await handle.destroy();
  }
  return messages;
}

const get = (member: string, path: string): HttpCall => ({ method: 'GET', path, headers: { authorization: `Bearer ${tokenOf(member)}` } });

/** Whether both servers answer `call` with the same status and JSON. */
async function sameReply(servers: Record<ServerKind, RunningServer>, call: HttpCall): Promise<boolean> {
  const agent = new Agent({ keepAlive: true });
  try {
    const [a, b] = await Promise.all([timedCall(servers.rapport.url, agent, call), timedCall(servers.baseline.url, agent, call)]);
    return a.status === 200 && a.status === b.status && JSON.stringify(JSON.parse(a.body)) === JSON.stringify(JSON.parse(b.body));
  } finally {
    agent.destroy();
  }
}

export async function benchMessaging(dialect: DialectName, serverUrl: string | undefined): Promise<MessagingResult> {
  const started = performance.now();
  const now = Date.now();
  log(`${dialect}, messaging: an empty database, opened by both servers`);
  const url = await createDatabase(dialect, serverUrl);
  const servers: Partial<Record<ServerKind | 'sender', RunningServer>> = {};
  const probe = probeOf(dialect, url);
  try {
    const profileDir = env.BENCH_CPU_PROF ? join(DATA_DIR, '..', 'results', 'profiles', `messaging-${dialect}`) : undefined;
    if (profileDir) mkdirSync(profileDir, { recursive: true });
    servers.rapport = await startServer('rapport', dialect, url, profileDir);
    servers.baseline = await startServer('baseline', dialect, url, profileDir);
    const running = servers as Record<ServerKind, RunningServer>;

    const conversations = messageCounts(now);
    const growStarted = performance.now();
    const messages = await grow(url, conversations, now);
    await seedLive(url, now);
    const growSeconds = Math.round((performance.now() - growStarted) / 1000);
    log(`${dialect}, messaging: grew to ${fmt(messages)} messages in ${fmt(CONVERSATIONS)} conversations in ${growSeconds} s`);

    const [versionRow] = await probe.all<{ v: string }>(
      dialect === 'sqlite' ? 'select sqlite_version() as v' : "select current_setting('server_version') as v",
    );
    const version = `${dialect === 'sqlite' ? 'SQLite' : 'PostgreSQL'} ${versionRow!.v.split(' ')[0]}`;

    // The heavy member's list in its order (most recent activity first), and the long thread's pages.
    const heavyList = conversations
      .filter((c) => c.members.includes(HEAVY))
      .map((c) => ({ at: new Date(c.last).toISOString(), id: conversationId(c.n) }))
      .sort((a, b) => (a.at !== b.at ? (a.at < b.at ? 1 : -1) : a.id < b.id ? 1 : -1));
    const listCursors = Array.from({ length: PAGES }, (_, i) => encodeCursor(heavyList[Math.floor(((i + 1) * (heavyList.length - 1)) / (PAGES + 1))]!));
    const threadCursors = Array.from({ length: PAGES }, (_, i) => encodeNumberCursor(1 + Math.floor(((i + 1) * (LONG_THREAD - 1)) / (PAGES + 1))));
    let listPage = 0;
    let threadPage = 0;
    const long = conversationId(LONG);
    const short = conversationId(SHORT);
    const cases: [string, () => HttpCall][] = [
      [`conversation list, ${fmt(LIGHT_CONVERSATIONS)} conversations`, () => get(LIGHT, '/api/v1/conversations')],
      [`conversation list, ${fmt(HEAVY_CONVERSATIONS)} conversations`, () => get(HEAVY, '/api/v1/conversations')],
      [
        `conversation list, ${fmt(HEAVY_CONVERSATIONS)} conversations, pages all through it`,
        () => get(HEAVY, `/api/v1/conversations?cursor=${listCursors[listPage++ % PAGES]}`),
      ],
      [`thread, 10 messages`, () => get(LIGHT, `/api/v1/conversations/${short}/messages`)],
      [`thread, ${fmt(LONG_THREAD)} messages, newest page`, () => get(HEAVY, `/api/v1/conversations/${long}/messages`)],
      [
        `thread, ${fmt(LONG_THREAD)} messages, pages all through it`,
        () => get(HEAVY, `/api/v1/conversations/${long}/messages?cursor=${threadCursors[threadPage++ % PAGES]}`),
      ],
    ];
    const sameReplies: MessagingResult['sameReplies'] = [];
    for (const [name, next] of cases) {
      const same = await sameReply(running, next());
      sameReplies.push({ endpoint: name, same });
      if (!same) log(`  WARNING: ${name}: Rapport and the baseline answer differently`);
    }
    listPage = 0;
    threadPage = 0;
    const endpoints: EndpointResult[] = [];
    for (const [name, next] of cases) {
      log(`${dialect}, messaging: ${name}`);
      endpoints.push(await measureEndpoint(name, running, null, next, { rounds: MSG_ROUNDS, seconds: MSG_SECONDS }));
    }
    log(`${dialect}, messaging: live delivery`);
    let live: LiveResult;
    if (dialect === 'postgres') {
      servers.sender = await startServer('rapport', dialect, url);
      live = await benchLive(running.rapport.url, servers.sender.url, 'streams on process A, sends through process B, LISTEN/NOTIFY between them');
    } else {
      live = await benchLive(running.rapport.url, running.rapport.url, 'streams and sends on one process, its in-process bus');
    }
    return {
      dialect,
      version,
      sizes: { conversations: CONVERSATIONS, messages, members: MEMBERS + 2, heavyConversations: HEAVY_CONVERSATIONS, longThread: LONG_THREAD },
      growSeconds,
      sameReplies,
      endpoints,
      live,
      seconds: Math.round((performance.now() - started) / 1000),
    };
  } finally {
    await servers.rapport?.stop();
    await servers.baseline?.stop();
    await servers.sender?.stop();
    await probe.close();
    await dropDatabase(dialect, serverUrl);
  }
}

/** The messaging figures as a table, one row per endpoint. */
export function printMessaging(results: MessagingResult[]): void {
  for (const r of results) {
    console.log(`\nMessaging, ${r.version}: ${fmt(r.sizes.messages)} messages in ${fmt(r.sizes.conversations)} conversations (grown in ${r.growSeconds} s)`);
    console.log('| endpoint | Rapport req/s | baseline req/s | ratio | Rapport p50 ms | baseline p50 ms | same reply |');
    console.log('| --- | ---: | ---: | ---: | ---: | ---: | --- |');
    for (const e of r.endpoints) {
      const same = r.sameReplies.find((s) => s.endpoint === e.endpoint)?.same ? 'yes' : 'NO';
      console.log(
        `| ${e.endpoint} | ${fmt(e.rapport.rps)} | ${fmt(e.baseline.rps)} | ${fmt(e.ratio * 100)} % | ${fmt(e.rapport.p50, 1)} | ${fmt(e.baseline.p50, 1)} | ${same} |`,
      );
    }
    printLive(r.live);
  }
}

/** The live-delivery figures: one row per phase, times from the send's request start. */
function printLive(l: LiveResult): void {
  console.log(`\nLive delivery, ${fmt(l.listeners)} listeners (one stream each), ${l.setup}:`);
  console.log(
    '| sends | sent | send p50 ms | each listener p50 ms | p99 ms | max ms | all listeners p50 ms | p99 ms | max ms | after the reply p50 ms | p99 ms |',
  );
  console.log('| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |');
  for (const p of l.phases) {
    console.log(
      `| ${p.name} | ${fmt(p.sent)}/${fmt(p.sends)} | ${fmt(p.send.p50, 1)} | ${fmt(p.delivery.p50, 1)} | ${fmt(p.delivery.p99, 1)} | ${fmt(p.delivery.max, 1)} | ${fmt(p.all.p50, 1)} | ${fmt(p.all.p99, 1)} | ${fmt(p.all.max, 1)} | ${fmt(p.afterReply.p50, 1)} | ${fmt(p.afterReply.p99, 1)} |`,
    );
  }
  console.log(
    l.exactlyOnce
      ? 'Every listener received every message exactly once.'
      : `NOT exactly once: ${fmt(l.missing)} listener-message pairs missing, ${fmt(l.duplicates)} duplicated.`,
  );
}
