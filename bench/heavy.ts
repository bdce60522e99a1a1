/**
 * The heavy-member case of `npm run bench`: a database that both servers opened while it was empty,
 * then grew and was never analysed (no ANALYZE, autovacuum off for its tables, no SQLite
 * `PRAGMA optimize` after the growth), holding one sender with 100,000 open invitations, one with
 * 300, and a recipient with 10,000 pending, among 1,000 average senders. Their lists are measured
 * as the other endpoints are, against the baseline running the same SQL: the first page of each
 * sender's sent list, pages from all through the heavy sender's list, and the recipient's first
 * page of the received list.
 *
 * Settings: BENCH_HEAVY_OPEN (100,000), BENCH_HEAVY_RECEIVED (10,000), BENCH_HEAVY_ROUNDS (3),
 * BENCH_HEAVY_SECONDS (4), besides BENCH_CONNECTIONS.
 */
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import SQLite from 'better-sqlite3';
import { type DialectName, openDatabase } from '../src/db/database.js';
import type { Channel, InvitationStatus, NewInvitation } from '../src/db/schema.js';
import { sha256 } from '../src/shared/crypto.js';
import { encodeCursor } from '../src/shared/pagination.js';
import { invitationRow } from '../test/support/factories.js';
import { type CaseDatabase, createCaseDatabase, DATA_DIR, dropCaseDatabase } from './generate.js';
import type { HttpCall } from './load.js';
import { type EndpointResult, log, measureEndpoint, probeOf } from './measure.js';
import { compareSql, listScript, type SqlComparison } from './same-sql.js';
import { benchConfig, type RunningServer, type ServerKind, startServer } from './servers.js';

const env = process.env;
export const HEAVY_OPEN = Number(env.BENCH_HEAVY_OPEN ?? 100_000);
export const LIGHT_OPEN = 300;
export const RECEIVED = Number(env.BENCH_HEAVY_RECEIVED ?? 10_000);
export const HEAVY_ROUNDS = Number(env.BENCH_HEAVY_ROUNDS ?? 3);
export const HEAVY_SECONDS = Number(env.BENCH_HEAVY_SECONDS ?? 4);
/** Average senders around them, each with this many invitations. */
const AVERAGE_SENDERS = 1_000;
const AVERAGE_INVITATIONS = 40;
/** Answered, withdrawn and expired invitations of the heavy and the light sender, per open one. */
const CLOSED_SHARE = 0.25;
/** Cursors spread through the heavy sender's list, for the later pages. */
const PAGES = 200;
const PG_NAME = 'rapport_bench_heavy';
const SQLITE_FILE = join(DATA_DIR, 'heavy-run.db');
const CHECK_FILE = join(DATA_DIR, 'heavy-check.db');

const DAY = 86_400_000;
const TTL = 180 * DAY;

export interface HeavyResult {
  dialect: DialectName;
  version: string;
  sizes: { heavyOpen: number; lightOpen: number; received: number; invitations: number; members: number };
  /** Seconds it took to write the rows into the open database. */
  growSeconds: number;
  /** Whether statistics of `invitations` existed when the measuring began (they must not). */
  analysed: boolean;
  sameSql: SqlComparison[];
  endpoints: EndpointResult[];
  seconds: number;
}

/** A bearer token of the shape Rapport issues (only its hash is stored). */
const tokenOf = (name: string) => `rpt_${sha256(`bench-heavy:${name}`)}`;
const memberId = (i: number) => `hm${i.toString(36).padStart(6, '0')}`;
const HEAVY = 'heavy-sender';
const LIGHT = 'light-sender';
const BUSY = 'busy-recipient';

interface Grown {
  members: Record<string, unknown>[];
  invitations: NewInvitation[];
  /** The heavy sender's open invitations in the sent list's order. */
  heavyList: NewInvitation[];
}

/** The rows, as pure functions of their number, relative to `now`. */
function dataset(now: number): Grown {
  const helpers = Math.max(RECEIVED, Math.ceil(HEAVY_OPEN * 0.2), AVERAGE_SENDERS) + AVERAGE_SENDERS;
  const member = (id: string, name: string) => ({
    id,
    email: `${id}@heavy.example`,
    name,
    headline: '',
    phone: null,
    password_hash: 'unused',
    role: 'member',
    invitation_balance: 1_000_000,
    restricted_at: null,
    findable_by_email: 1,
    created_at: new Date(now - 800 * DAY).toISOString(),
  });
  const members = [member(HEAVY, 'Heavy Sender'), member(LIGHT, 'Light Sender'), member(BUSY, 'Busy Recipient')];
  for (let i = 0; i < helpers; i++) members.push(member(memberId(i), `Member ${i}`));

  let n = 0;
  const invitation = (sender: string, status: InvitationStatus, channel: Channel, to: string, created: number): NewInvitation => {
    n += 1;
    return invitationRow({
      id: `hi${n.toString(36).padStart(7, '0')}`,
      sender_id: sender,
      channel,
      recipient_member_id: channel === 'member' ? to : null,
      recipient_email: channel === 'email' ? to : null,
      recipient_phone: channel === 'sms' ? to : null,
      message: n % 3 === 0 ? 'We are hiring for a role that fits your profile; let us connect.' : null,
      status,
      ignore_reason: status === 'ignored' ? 'ignore' : null,
      created_at: new Date(created).toISOString(),
      expires_at: new Date(created + TTL).toISOString(),
      responded_at: status === 'accepted' || status === 'ignored' ? new Date(created + DAY).toISOString() : null,
      withdrawn_at: status === 'withdrawn' ? new Date(created + 2 * DAY).toISOString() : null,
      withdrawn_by: status === 'withdrawn' ? sender : null,
      withdraw_path: status === 'withdrawn' ? 'web' : null,
      delivery: channel === 'member' ? 'none' : 'sent',
    });
  };
  const minutesAgo = (k: number, days: number) => now - DAY - ((k * 7_919) % (days * 1_440)) * 60_000;
  const invitations: NewInvitation[] = [];
  const sender = (id: string, open: number) => {
    for (let k = 0; k < open; k++) {
      // Half e-mail addresses, three in ten numbers, two in ten members (a tenth of whom ignored it).
      const channel: Channel = k % 10 < 5 ? 'email' : k % 10 < 8 ? 'sms' : 'member';
      const to =
        channel === 'member'
          ? memberId(Math.floor(k / 10) * 2 + (k % 10) - 8)
          : channel === 'email'
            ? `${id}.${k}@mail.example`
            : `+1${id.length}${String(k).padStart(9, '0')}`;
      invitations.push(invitation(id, channel === 'member' && k % 100 === 8 ? 'ignored' : 'pending', channel, to, minutesAgo(k, 150)));
    }
    for (let k = 0; k < Math.round(open * CLOSED_SHARE); k++) {
      const status = (['accepted', 'withdrawn', 'expired'] as const)[k % 3]!;
      invitations.push(invitation(id, status, 'email', `${id}.closed${k}@mail.example`, minutesAgo(k, 300)));
    }
  };
  sender(HEAVY, HEAVY_OPEN);
  sender(LIGHT, LIGHT_OPEN);
  for (let k = 0; k < RECEIVED; k++) invitations.push(invitation(memberId(k), 'pending', 'member', BUSY, minutesAgo(k, 150)));
  for (let s = 0; s < AVERAGE_SENDERS; s++) {
    const id = memberId(helpers - AVERAGE_SENDERS + s);
    for (let k = 0; k < AVERAGE_INVITATIONS; k++) {
      const status = (['pending', 'pending', 'accepted', 'withdrawn', 'expired'] as const)[k % 5]!;
      invitations.push(invitation(id, status, 'email', `${id}.${k}@mail.example`, minutesAgo(s * AVERAGE_INVITATIONS + k, 300)));
    }
  }
  const heavyList = invitations
    .filter((r) => r.sender_id === HEAVY && (r.status === 'pending' || r.status === 'ignored'))
    .sort((a, b) => (a.created_at !== b.created_at ? (a.created_at < b.created_at ? 1 : -1) : a.id < b.id ? 1 : -1));
  return { members, invitations, heavyList };
}

/** This case's database (see createCaseDatabase). */
const placeOf = (dialect: DialectName, serverUrl: string | undefined): CaseDatabase => ({ dialect, serverUrl, sqliteFile: SQLITE_FILE, pgName: PG_NAME });
const createDatabase = (dialect: DialectName, serverUrl: string | undefined) =>
  createCaseDatabase(placeOf(dialect, serverUrl), ['invitations', 'members', 'auth_tokens']);
const dropDatabase = (dialect: DialectName, serverUrl: string | undefined) => dropCaseDatabase(placeOf(dialect, serverUrl));

/** Writes the rows into the database the servers already have open, in large statements. */
async function grow(url: string, rows: Grown, now: number): Promise<void> {
  const handle = openDatabase(url);
  try {
    await handle.db.transaction().execute(async (trx) => {
      for (let i = 0; i < rows.members.length; i += 1_000)
        await trx
          .insertInto('members')
          .values(rows.members.slice(i, i + 1_000) as never)
          .execute();
      await trx
        .insertInto('auth_tokens')
        .values(
          [HEAVY, LIGHT, BUSY].map((id) => ({
            token_hash: sha256(tokenOf(id)),
            member_id: id,
            kind: 'bearer' as const,
            created_at: new Date(now).toISOString(),
            expires_at: new Date(now + 365 * DAY).toISOString(),
          })),
        )
        .execute();
      for (let i = 0; i < rows.invitations.length; i += 1_000)
        await trx
          .insertInto('invitations')
          .values(rows.invitations.slice(i, i + 1_000))
          .execute();
    });
  } finally {
    await handle.destroy();
  }
}

const get = (member: string, path: string): HttpCall => ({ method: 'GET', path, headers: { authorization: `Bearer ${tokenOf(member)}` } });

export async function benchHeavy(dialect: DialectName, serverUrl: string | undefined): Promise<HeavyResult> {
  const started = performance.now();
  const now = Date.now();
  log(`${dialect}, heavy member: an empty database, opened by both servers`);
  const url = await createDatabase(dialect, serverUrl);
  const servers: Partial<Record<ServerKind, RunningServer>> = {};
  const probe = probeOf(dialect, url);
  try {
    servers.rapport = await startServer('rapport', dialect, url);
    servers.baseline = await startServer('baseline', dialect, url);
    const running = servers as Record<ServerKind, RunningServer>;

    const rows = dataset(now);
    const growStarted = performance.now();
    await grow(url, rows, now);
    const growSeconds = Math.round((performance.now() - growStarted) / 1000);
    log(`${dialect}, heavy member: grew to ${rows.invitations.length.toLocaleString('en-US')} invitations in ${growSeconds} s`);

    const [versionRow] = await probe.all<{ v: string }>(
      dialect === 'sqlite' ? 'select sqlite_version() as v' : "select current_setting('server_version') as v",
    );
    const version = `${dialect === 'sqlite' ? 'SQLite' : 'PostgreSQL'} ${versionRow!.v.split(' ')[0]}`;
    const analysed =
      dialect === 'sqlite'
        ? (await probe.all<{ n: number }>("select count(*) as n from sqlite_master where name = 'sqlite_stat1'"))[0]!.n > 0 &&
          (await probe.all<{ n: number }>("select count(*) as n from sqlite_stat1 where tbl = 'invitations'"))[0]!.n > 0
        : (
            await probe.all<{ done: boolean }>(
              "select (last_analyze is not null or last_autoanalyze is not null) as done from pg_stat_user_tables where relname = 'invitations'",
            )
          )[0]!.done;
    if (analysed) log('  WARNING: the database has statistics; the case is meant to run without them');

    // Rapport's check instance would analyse a SQLite file it opens (PRAGMA optimize), so it runs on a copy.
    let checkUrl = url;
    if (dialect === 'sqlite') {
      rmSync(CHECK_FILE, { force: true });
      const source = new SQLite(SQLITE_FILE, { readonly: true });
      source.prepare('vacuum into ?').run(CHECK_FILE);
      source.close();
      checkUrl = `file:${CHECK_FILE}`;
    }
    const script = { token: tokenOf(HEAVY), run: listScript };
    const sameSql = await compareSql(dialect, checkUrl, benchConfig(checkUrl), script, script);
    for (const suffix of ['', '-wal', '-shm']) rmSync(CHECK_FILE + suffix, { force: true });
    for (const c of sameSql.filter((s) => !s.same)) {
      log(
        `  WARNING: ${c.request}: the statements differ\n    Rapport:  ${c.rapport.join('\n              ')}\n    baseline: ${c.baseline.join('\n              ')}`,
      );
    }

    const cursors = Array.from({ length: PAGES }, (_, i) => {
      const row = rows.heavyList[Math.floor(((i + 1) * (rows.heavyList.length - 1)) / (PAGES + 1))]!;
      return encodeCursor({ at: row.created_at, id: row.id });
    });
    let page = 0;
    const cases: [string, () => HttpCall][] = [
      [`sent list, ${LIGHT_OPEN.toLocaleString('en-US')} pending`, () => get(LIGHT, '/api/v1/invitations/sent')],
      [`sent list, ${HEAVY_OPEN.toLocaleString('en-US')} pending`, () => get(HEAVY, '/api/v1/invitations/sent')],
      [
        `sent list, ${HEAVY_OPEN.toLocaleString('en-US')} pending, pages all through it`,
        () => get(HEAVY, `/api/v1/invitations/sent?cursor=${cursors[page++ % PAGES]}`),
      ],
      [`received list, ${RECEIVED.toLocaleString('en-US')} pending`, () => get(BUSY, '/api/v1/invitations/received')],
    ];
    const endpoints: EndpointResult[] = [];
    for (const [name, next] of cases) {
      log(`${dialect}, heavy member: ${name}`);
      endpoints.push(await measureEndpoint(name, running, null, next, { rounds: HEAVY_ROUNDS, seconds: HEAVY_SECONDS }));
    }
    const members = rows.members.length;
    return {
      dialect,
      version,
      sizes: { heavyOpen: HEAVY_OPEN, lightOpen: LIGHT_OPEN, received: RECEIVED, invitations: rows.invitations.length, members },
      growSeconds,
      analysed,
      sameSql,
      endpoints,
      seconds: Math.round((performance.now() - started) / 1000),
    };
  } finally {
    await servers.rapport?.stop();
    await servers.baseline?.stop();
    await probe.close();
    await dropDatabase(dialect, serverUrl);
  }
}
