/**
 * People You May Know at scale: `listSuggestions` (first page) for members with about 1,000
 * connections, against the cost of merely reading their two-hop neighbourhood with a bare query.
 *
 * The network: members in communities of 1,000 (a company, a school); each member makes
 * CONNECTIONS / MEMBERS connections, 80 % inside their community and 20 % anywhere, so friends of
 * friends overlap as they do in real networks. SUBJECTS members get 1,000 connections of their own
 * (half in their community, half anywhere), some sent and received invitations in every state and
 * some dismissals; half of them have a company address (so colleagues are suggested too), half a
 * webmail one. Besides them, MEMBERS / 2 invitations in random states between random members.
 *
 *   node --import tsx bench/suggestions.ts [sqlite|postgres|both]
 *
 * Settings: PYMK_MEMBERS (1,000,000), PYMK_CONNECTIONS (20,000,000), PYMK_PG_MEMBERS (250,000) and
 * PYMK_PG_CONNECTIONS (5,000,000: the full size takes PostgreSQL well over 15 minutes to generate on
 * 2 cores), PYMK_SUBJECTS (20), PYMK_ROUNDS (15), BENCH_DATABASE_URL or TEST_DATABASE_URL (the
 * PostgreSQL server; its database rapport_bench_pymk_<size>_v<version> is the cache). The SQLite
 * database is cached under bench/.data. Results go to bench/results/suggestions-*.json.
 */
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, totalmem, loadavg } from 'node:os';
import { dirname, join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import SQLite from 'better-sqlite3';
import { sql } from 'kysely';
import pg from 'pg';
import { loadConfig } from '../src/config.js';
import { type Db, type DialectName, migrate, openDatabase, transact } from '../src/db/database.js';
import { twoHops } from '../src/people/store.js';
import { listSuggestions } from '../src/people/suggestions.js';
import { connect } from '../src/invitations/respond.js';
import { ManualClock } from '../src/shared/clock.js';
import { seededRandom } from '../src/shared/random.js';
import { invitationRow as withDefaults } from '../test/support/factories.js';

const HERE = dirname(fileURLToPath(import.meta.url));
const DATA_DIR = join(HERE, '.data');
const RESULTS_DIR = join(HERE, 'results');
const VERSION = 1;
const COMMUNITY = 1_000;
const SUBJECT_CONNECTIONS = 1_000;
const DAY = 86_400_000;
/** "Now" of the generated network: every time in it is relative to this. */
const NOW = Date.parse('2026-06-01T00:00:00.000Z');

const env = process.env;
const SUBJECTS = Number(env.PYMK_SUBJECTS ?? 20);
const ROUNDS = Number(env.PYMK_ROUNDS ?? 15);
/** Connections made between random members before each round, as the rest of the network goes on. */
const CHURN_PER_ROUND = Number(env.PYMK_CHURN ?? 100);

interface Size {
  members: number;
  connections: number;
}

interface Meta extends Size {
  version: number;
  actualConnections: number;
  invitations: number;
  subjects: number[];
  generationSeconds: number;
  generatedAt: string;
}

/** 22-character ids like real ones, ordered as their index (fixed-width prefix). */
export function memberId(i: number): string {
  return String(i).padStart(8, '0') + createHash('md5').update(String(i)).digest('hex').slice(0, 14);
}
const ID_SQL = (col: string) => `lpad(${col}::text, 8, '0') || substr(md5(${col}::text), 1, 14)`;

function emailOf(i: number, subjects: Set<number>, subjectRank: Map<number, number>): string {
  // Subjects alternate: even ranks at their community's company, odd ones at a webmail provider.
  if (subjects.has(i)) return subjectRank.get(i)! % 2 === 0 ? `u${i}@c${Math.floor(i / COMMUNITY)}.example` : `u${i}@gmail.com`;
  return i % 10 < 6 ? `u${i}@gmail.com` : `u${i}@c${Math.floor(i / COMMUNITY)}.example`;
}

function subjectIndexes(members: number): number[] {
  return Array.from({ length: SUBJECTS }, (_, s) => Math.floor((members * (s + 0.5)) / SUBJECTS) + 7);
}

const iso = (ms: number) => new Date(ms).toISOString();
const log = (text: string) => console.log(`[${new Date().toISOString().slice(11, 19)}] ${text}`);

/** Every edge of the network as a sorted, de-duplicated list of a * 2^21 + b (a < b). */
function generateEdges(size: Size, subjects: number[]): Float64Array {
  const random = seededRandom(42);
  const { members } = size;
  const perMember = Math.max(1, Math.round(size.connections / members));
  const capacity = members * perMember + subjects.length * SUBJECT_CONNECTIONS;
  const packed = new Float64Array(capacity);
  let n = 0;
  const add = (a: number, b: number) => {
    if (a === b || b < 0 || b >= members) return;
    packed[n++] = a < b ? a * 2 ** 21 + b : b * 2 ** 21 + a;
  };
  for (let a = 0; a < members; a++) {
    const base = Math.floor(a / COMMUNITY) * COMMUNITY;
    for (let k = 0; k < perMember; k++) {
      add(a, random() < 0.8 ? base + Math.floor(random() * COMMUNITY) : Math.floor(random() * members));
    }
  }
  for (const s of subjects) {
    const base = Math.floor(s / COMMUNITY) * COMMUNITY;
    for (let k = 0; k < SUBJECT_CONNECTIONS / 2; k++) add(s, base + k + (base + k >= s ? 1 : 0));
    for (let k = 0; k < SUBJECT_CONNECTIONS / 2; k++) add(s, Math.floor(random() * members));
  }
  const sorted = packed.subarray(0, n).sort();
  let m = 0;
  for (let i = 0; i < sorted.length; i++) if (i === 0 || sorted[i] !== sorted[i - 1]) sorted[m++] = sorted[i]!;
  return sorted.subarray(0, m);
}

interface InvitationSeed {
  sender: number;
  recipient: number;
  kind: 'pending' | 'ignored' | 'dont_know' | 'withdrawn_recent' | 'withdrawn_old' | 'expired' | 'accepted';
  ageDays: number;
}

const KINDS: InvitationSeed['kind'][] = ['pending', 'pending', 'pending', 'ignored', 'dont_know', 'withdrawn_recent', 'withdrawn_old', 'expired', 'accepted'];

function invitationRow(seed: InvitationSeed, n: number) {
  const [sender, recipient] = [memberId(seed.sender), memberId(seed.recipient)];
  const created = NOW - seed.ageDays * DAY - 1000;
  const status = seed.kind === 'dont_know' ? 'ignored' : seed.kind === 'withdrawn_recent' || seed.kind === 'withdrawn_old' ? 'withdrawn' : seed.kind;
  const withdrawnAt = seed.kind === 'withdrawn_recent' ? NOW - 5 * DAY : seed.kind === 'withdrawn_old' ? NOW - 60 * DAY : null;
  return withDefaults({
    id: `inv${String(n).padStart(12, '0')}x`,
    sender_id: sender,
    channel: 'member',
    recipient_member_id: recipient,
    status,
    ignore_reason: seed.kind === 'ignored' ? 'ignore' : seed.kind === 'dont_know' ? 'dont_know' : null,
    created_at: iso(created),
    expires_at: iso(seed.kind === 'expired' ? NOW - DAY : created + 180 * DAY),
    responded_at: status === 'ignored' || status === 'accepted' ? iso(created + 1000) : null,
    withdrawn_at: withdrawnAt === null ? null : iso(withdrawnAt),
    withdrawn_by: withdrawnAt === null ? null : sender,
    withdraw_path: withdrawnAt === null ? null : 'web',
  });
}

/** Random invitations between anyone, plus each subject's: sent to and received from friends of friends. */
function generateInvitations(
  size: Size,
  subjects: number[],
  twoHops: Map<number, number[]>,
): { invitations: InvitationSeed[]; dismissals: [number, number][] } {
  const random = seededRandom(7);
  const pairs = new Set<string>();
  const invitations: InvitationSeed[] = [];
  const push = (seed: InvitationSeed) => {
    if (seed.sender === seed.recipient) return;
    const key = seed.sender < seed.recipient ? `${seed.sender}|${seed.recipient}` : `${seed.recipient}|${seed.sender}`;
    if (pairs.has(key)) return;
    pairs.add(key);
    invitations.push(seed);
  };
  const kind = () => KINDS[Math.floor(random() * KINDS.length)]!;
  const dismissals: [number, number][] = [];
  for (const s of subjects) {
    const near = twoHops.get(s)!;
    const pick = () => near[Math.floor(random() * near.length)]!;
    for (let k = 0; k < 150; k++) push({ sender: s, recipient: pick(), kind: kind(), ageDays: Math.floor(random() * 60) });
    for (let k = 0; k < 50; k++) push({ sender: pick(), recipient: s, kind: random() < 0.5 ? 'pending' : 'ignored', ageDays: Math.floor(random() * 60) });
    for (let k = 0; k < 50; k++) dismissals.push([s, pick()]);
  }
  for (let k = 0; k < size.members / 2; k++) {
    push({ sender: Math.floor(random() * size.members), recipient: Math.floor(random() * size.members), kind: kind(), ageDays: Math.floor(random() * 200) });
  }
  return { invitations, dismissals: [...new Map(dismissals.map((d) => [`${d[0]}|${d[1]}`, d])).values()] };
}

/** Friends of friends of each subject, by index (from the sorted edge list). */
function twoHopsOf(edges: Float64Array, subjects: number[]): Map<number, number[]> {
  const wanted = new Set(subjects);
  const friends = new Map<number, number[]>(subjects.map((s) => [s, []]));
  for (const e of edges) {
    const a = Math.floor(e / 2 ** 21);
    const b = e - a * 2 ** 21;
    if (wanted.has(a)) friends.get(a)!.push(b);
    if (wanted.has(b)) friends.get(b)!.push(a);
  }
  const friendOf = new Map<number, number[]>();
  for (const [s, list] of friends) for (const f of list) friendOf.set(f, [...(friendOf.get(f) ?? []), s]);
  const friendSets = new Map([...friends].map(([s, list]) => [s, new Set(list)]));
  const result = new Map<number, Set<number>>(subjects.map((s) => [s, new Set()]));
  const visit = (f: number, c: number) => {
    for (const s of friendOf.get(f) ?? []) if (c !== s && !friendSets.get(s)!.has(c)) result.get(s)!.add(c);
  };
  for (const e of edges) {
    const a = Math.floor(e / 2 ** 21);
    const b = e - a * 2 ** 21;
    visit(a, b);
    visit(b, a);
  }
  return new Map([...result].map(([s, set]) => [s, [...set]]));
}

// ---------------------------------------------------------------- SQLite

async function ensureSqlite(size: Size): Promise<{ path: string; meta: Meta }> {
  mkdirSync(DATA_DIR, { recursive: true });
  const path = join(DATA_DIR, `pymk-v${VERSION}-${size.members}-${size.connections}.db`);
  const existing = readSqliteMeta(path);
  if (existing) {
    log(`SQLite: using the cached ${path.slice(HERE.length - 5)}`);
    return { path, meta: existing };
  }
  const started = performance.now();
  const tmp = `${path}.tmp`;
  for (const suffix of ['', '-wal', '-shm']) rmSync(tmp + suffix, { force: true });
  const handle = openDatabase(`file:${tmp}`);
  await migrate(handle.db);
  await handle.destroy();

  const raw = new SQLite(tmp);
  raw.pragma('journal_mode = OFF');
  raw.pragma('synchronous = OFF');
  raw.pragma('locking_mode = EXCLUSIVE');
  raw.pragma('cache_size = -2000000');
  raw.pragma('temp_store = FILE');
  raw.pragma('foreign_keys = OFF');
  // Built after the rows are in: sorting once is far faster than inserting into it row by row.
  raw.exec('drop index connections_b');

  const subjects = subjectIndexes(size.members);
  const subjectSet = new Set(subjects);
  const subjectRank = new Map(subjects.map((s, r) => [s, r]));
  log(`SQLite: generating ${size.members.toLocaleString('en-US')} members`);
  const insertMember = raw.prepare(
    `insert into members (id, email, name, headline, phone, password_hash, role, invitation_balance, restricted_at, findable_by_email, created_at, email_verified_at)
     values (?, ?, ?, '', null, 'x', 'member', 1000, null, 1, ?, ?)`,
  );
  raw.transaction(() => {
    for (let i = 0; i < size.members; i++) {
      const at = iso(NOW - (size.members - i) * 1000);
      insertMember.run(memberId(i), emailOf(i, subjectSet, subjectRank), `Member ${i}`, at, at);
    }
  })();

  log('SQLite: generating connections');
  const edges = generateEdges(size, subjects);
  log(`SQLite: writing ${edges.length.toLocaleString('en-US')} connections`);
  const ids: string[] = Array.from({ length: size.members }, (_, i) => memberId(i));
  const insertConnection = raw.prepare(`insert into connections (member_a, member_b, invitation_id, created_at) values (?, ?, null, ?)`);
  const since = iso(NOW - 400 * DAY);
  const CHUNK = 2_000_000;
  for (let start = 0; start < edges.length; start += CHUNK) {
    raw.transaction(() => {
      const end = Math.min(edges.length, start + CHUNK);
      for (let i = start; i < end; i++) {
        const e = edges[i]!;
        const a = Math.floor(e / 2 ** 21);
        insertConnection.run(ids[a], ids[e - a * 2 ** 21], since);
      }
    })();
    log(`  ${Math.min(edges.length, start + CHUNK).toLocaleString('en-US')}`);
  }
  log('SQLite: indexing connections by member_b');
  raw.exec('create index connections_b on connections (member_b, member_a)');

  const { invitations, dismissals } = generateInvitations(size, subjects, twoHopsOf(edges, subjects));
  log(`SQLite: writing ${invitations.length.toLocaleString('en-US')} invitations`);
  const columns = Object.keys(invitationRow(invitations[0]!, 0));
  const insertInvitation = raw.prepare(`insert into invitations (${columns.join(', ')}) values (${columns.map((c) => `@${c}`).join(', ')})`);
  const insertDismissal = raw.prepare(`insert or ignore into suggestion_dismissals (member_id, dismissed_id, created_at) values (?, ?, ?)`);
  raw.transaction(() => {
    invitations.forEach((seed, n) => insertInvitation.run(invitationRow(seed, n)));
    for (const [m, d] of dismissals) insertDismissal.run(ids[m], ids[d], iso(NOW - DAY));
  })();
  log('SQLite: analyze');
  raw.exec('analyze');
  const meta: Meta = {
    ...size,
    version: VERSION,
    actualConnections: edges.length,
    invitations: invitations.length,
    subjects,
    generationSeconds: Math.round((performance.now() - started) / 1000),
    generatedAt: new Date().toISOString(),
  };
  raw.exec(`create table bench_meta (key text primary key, value text not null)`);
  raw.prepare(`insert into bench_meta values ('meta', ?)`).run(JSON.stringify(meta));
  raw.pragma('locking_mode = NORMAL');
  raw.pragma('journal_mode = WAL');
  raw.close();
  renameSync(tmp, path);
  log(`SQLite: generated in ${meta.generationSeconds} s`);
  return { path, meta };
}

function readSqliteMeta(path: string): Meta | null {
  if (!existsSync(path)) return null;
  const db = new SQLite(path, { readonly: true });
  try {
    const row = db.prepare(`select value from bench_meta where key = 'meta'`).get() as { value: string } | undefined;
    return row ? (JSON.parse(row.value) as Meta) : null;
  } catch {
    return null;
  } finally {
    db.close();
  }
}

// ---------------------------------------------------------------- PostgreSQL

function adminUrl(): string | undefined {
  return env.BENCH_DATABASE_URL ?? env.TEST_DATABASE_URL;
}

async function ensurePostgres(size: Size): Promise<{ url: string; meta: Meta }> {
  const admin = adminUrl()!;
  const name = `rapport_bench_pymk_${size.members}_${size.connections}_v${VERSION}`;
  const url = new URL(admin);
  url.pathname = `/${name}`;
  const client = new pg.Client({ connectionString: admin });
  await client.connect();
  const exists = (await client.query('select 1 from pg_database where datname = $1', [name])).rowCount! > 0;
  if (exists) {
    const meta = await readPostgresMeta(url.toString());
    if (meta) {
      await client.end();
      log(`PostgreSQL: using the cached database ${name}`);
      return { url: url.toString(), meta };
    }
    await client.query(`drop database ${name} with (force)`);
  }
  await client.query(`create database ${name}`);
  await client.end();

  const started = performance.now();
  const handle = openDatabase(url.toString(), { poolSize: 1 });
  await migrate(handle.db);
  await handle.destroy();

  const db = new pg.Client({ connectionString: url.toString() });
  await db.connect();
  await db.query(`set maintenance_work_mem = '1GB'`);
  await db.query(`set work_mem = '512MB'`);
  await db.query(`set synchronous_commit = off`);
  const subjects = subjectIndexes(size.members);
  const perMember = Math.max(1, Math.round(size.connections / size.members));

  log(`PostgreSQL: generating ${size.members.toLocaleString('en-US')} members`);
  await db.query('alter table connections drop constraint connections_pk');
  await db.query('drop index connections_b');
  await db.query(
    `insert into members (id, email, name, headline, phone, password_hash, role, invitation_balance, restricted_at, findable_by_email, created_at, email_verified_at)
     select ${ID_SQL('i')},
       case when i = any($2::int[]) then
         case when array_position($2::int[], i) % 2 = 1 then 'u' || i || '@c' || (i / ${COMMUNITY}) || '.example' else 'u' || i || '@gmail.com' end
       when i % 10 < 6 then 'u' || i || '@gmail.com' else 'u' || i || '@c' || (i / ${COMMUNITY}) || '.example' end,
       'Member ' || i, '', null, 'x', 'member', 1000, null, 1,
       to_char((timestamptz '${iso(NOW)}' - ($1::int - i) * interval '1 second') at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"'),
       to_char((timestamptz '${iso(NOW)}' - ($1::int - i) * interval '1 second') at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')
     from generate_series(0, $1::int - 1) i`,
    [size.members, subjects],
  );

  log(`PostgreSQL: generating about ${(size.members * perMember).toLocaleString('en-US')} connections`);
  await db.query(`select setseed(0.42)`);
  // The same model as on SQLite: 80 % inside the community of 1,000, 20 % anywhere; then subjects.
  await db.query(
    `create temporary table edges as
     select distinct least(a, b) as a, greatest(a, b) as b from (
       select a, case when random() < 0.8 then (a / ${COMMUNITY}) * ${COMMUNITY} + floor(random() * ${COMMUNITY})::int
                      else floor(random() * $1::int)::int end as b
       from generate_series(0, $1::int - 1) a, generate_series(1, $2::int) k
       union all
       select s, (s / ${COMMUNITY}) * ${COMMUNITY} + k + case when (s / ${COMMUNITY}) * ${COMMUNITY} + k >= s then 1 else 0 end
       from unnest($3::int[]) s, generate_series(0, ${SUBJECT_CONNECTIONS / 2 - 1}) k
       union all
       select s, floor(random() * $1::int)::int from unnest($3::int[]) s, generate_series(1, ${SUBJECT_CONNECTIONS / 2}) k
     ) e where a <> b and b < $1::int`,
    [size.members, perMember, subjects],
  );
  const since = iso(NOW - 400 * DAY);
  log('PostgreSQL: writing connections');
  await db.query(`insert into connections (member_a, member_b, invitation_id, created_at) select ${ID_SQL('a')}, ${ID_SQL('b')}, null, '${since}' from edges`);
  log('PostgreSQL: indexing connections');
  await db.query('alter table connections add constraint connections_pk primary key (member_a, member_b)');
  await db.query('create index connections_b on connections (member_b, member_a)');
  const actualConnections = Number((await db.query('select count(*) as n from edges')).rows[0].n);
  // Statistics before the queries below: without them PostgreSQL plans a fresh table badly.
  await db.query('analyze connections');
  await db.query('analyze members');

  // Friends of friends of each subject, for their invitations and dismissals.
  const twoHops = new Map<number, number[]>();
  for (const s of subjects) {
    const rows = await db.query(
      `with f as (select member_b as x from connections where member_a = $1 union select member_a from connections where member_b = $1)
       select distinct substr(c, 1, 8)::int as c
       from (select e.member_b as c from f join connections e on e.member_a = f.x union all select e.member_a from f join connections e on e.member_b = f.x) h
       where c <> $1 and c not in (select x from f)`,
      [memberId(s)],
    );
    twoHops.set(
      s,
      rows.rows.map((r: { c: number }) => r.c),
    );
  }
  const { invitations, dismissals } = generateInvitations(size, subjects, twoHops);
  log(`PostgreSQL: writing ${invitations.length.toLocaleString('en-US')} invitations`);
  const columns = Object.keys(invitationRow(invitations[0]!, 0));
  const BATCH = 20_000;
  for (let start = 0; start < invitations.length; start += BATCH) {
    const rows = invitations.slice(start, start + BATCH).map((seed, k) => invitationRow(seed, start + k));
    const arrays = columns.map((c) => rows.map((r) => (r as Record<string, unknown>)[c]));
    await db.query(
      `insert into invitations (${columns.join(', ')}) select * from unnest(${columns.map((c, i) => `$${i + 1}::${c.endsWith('_read') ? 'int' : 'text'}[]`).join(', ')})`,
      arrays,
    );
  }
  await db.query(
    `insert into suggestion_dismissals (member_id, dismissed_id, created_at) select ${ID_SQL('m')}, ${ID_SQL('d')}, $3 from unnest($1::int[], $2::int[]) as t(m, d) on conflict do nothing`,
    [dismissals.map((d) => d[0]), dismissals.map((d) => d[1]), iso(NOW - DAY)],
  );
  log('PostgreSQL: analyze');
  await db.query('analyze');
  const meta: Meta = {
    ...size,
    version: VERSION,
    actualConnections,
    invitations: invitations.length,
    subjects,
    generationSeconds: Math.round((performance.now() - started) / 1000),
    generatedAt: new Date().toISOString(),
  };
  await db.query(`create table bench_meta (key text primary key, value text not null)`);
  await db.query(`insert into bench_meta values ('meta', $1)`, [JSON.stringify(meta)]);
  await db.end();
  log(`PostgreSQL: generated in ${meta.generationSeconds} s`);
  return { url: url.toString(), meta };
}

async function readPostgresMeta(url: string): Promise<Meta | null> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const row = (await client.query(`select value from bench_meta where key = 'meta'`)).rows[0] as { value: string } | undefined;
    return row ? (JSON.parse(row.value) as Meta) : null;
  } catch {
    return null;
  } finally {
    await client.end();
  }
}

// ---------------------------------------------------------------- Measuring

/** The floor: reading the rows of the two hops and nothing else. */
async function readTwoHops(db: Db, id: string): Promise<number> {
  const result = await sql<{ n: number }>`
    with ${twoHops(id)}
    select count(*) as n from hop
  `.execute(db);
  return Number(result.rows[0]!.n);
}

/** The two hops grouped by candidate: the least any ranking by mutual connections must do. */
async function groupTwoHops(db: Db, id: string): Promise<number> {
  const result = await sql<{ n: number }>`
    with ${twoHops(id)}
    select count(*) as n from (select cand, count(*) as k from hop group by cand) g
  `.execute(db);
  return Number(result.rows[0]!.n);
}

const percentile = (values: number[], p: number) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
};
const ms = (v: number) => Math.round(v * 10) / 10;

interface Measured {
  dialect: DialectName;
  meta: Meta;
  degree: { min: number; max: number };
  hopRows: { min: number; max: number };
  candidates: { min: number; max: number };
  suggestions: { all: number[]; company: number[]; webmail: number[] };
  /** The same page with the cached rankings turned off (SUGGESTIONS_CACHED=0): computed from the network. */
  live: number[];
  /** The same page right after the member's ranking was dropped: computed, stored, then read. */
  cold: number[];
  /** Warm reads that found their ranking still exact, and those that had to compute it again. */
  hits: number;
  patched: number;
  recomputed: number;
  /** Connections made elsewhere in the network between rounds (each logged), which warm reads check. */
  churn: number;
  twoHopRead: number[];
  twoHopGroup: number[];
  /** Microseconds per member insert, with and without the index members_email_domain. */
  domainIndex?: { withIndex: number; withoutIndex: number };
  /** Microseconds per connection made, with its entry in the change log and without. */
  changeLog?: { withLog: number; withoutLog: number };
}

async function measure(dialect: DialectName, url: string, meta: Meta): Promise<Measured> {
  const handle = openDatabase(url, { poolSize: 2 });
  const db = handle.db;
  // A cached network made before a later migration gets it now (and says what that cost).
  const migrating = performance.now();
  const applied = await migrate(handle.db);
  if (applied.length > 0) log(`${dialect}: applied ${applied.join(', ')} in ${Math.round(performance.now() - migrating)} ms`);
  const config = loadConfig({ DATABASE_URL: url });
  const deps = { config, clock: new ManualClock(NOW), dialect };
  const liveDeps = { ...deps, config: loadConfig({ DATABASE_URL: url, SUGGESTIONS_CACHED: '0' }) };
  await db.deleteFrom('suggestion_cache_state').execute();
  const ids = meta.subjects.map(memberId);
  const degrees: number[] = [];
  const hopRows: number[] = [];
  const candidates: number[] = [];
  for (const id of ids) {
    const row = await sql<{
      n: number;
    }>`select (select count(*) from connections where member_a = ${id}) + (select count(*) from connections where member_b = ${id}) as n`.execute(db);
    degrees.push(Number(row.rows[0]!.n));
    hopRows.push(await readTwoHops(db, id));
    candidates.push(await groupTwoHops(db, id));
  }
  // Warm-up: one pass of everything, so each measured call finds the same cache state.
  for (const id of ids) {
    await listSuggestions(db, deps, id, 0, 20);
    await readTwoHops(db, id);
  }
  const result: Measured = {
    dialect,
    meta,
    degree: { min: Math.min(...degrees), max: Math.max(...degrees) },
    hopRows: { min: Math.min(...hopRows), max: Math.max(...hopRows) },
    candidates: { min: Math.min(...candidates), max: Math.max(...candidates) },
    suggestions: { all: [], company: [], webmail: [] },
    live: [],
    cold: [],
    hits: 0,
    patched: 0,
    recomputed: 0,
    churn: 0,
    twoHopRead: [],
    twoHopGroup: [],
  };
  const random = seededRandom(7);
  const made: [string, string][] = [];
  const stateOf = async (id: string) => {
    const row = await db.selectFrom('suggestion_cache_state').select(['computed_at', 'watermark']).where('member_id', '=', id).executeTakeFirst();
    return `${row?.computed_at} ${row?.watermark}`;
  };
  for (let round = 0; round < ROUNDS; round++) {
    // Between rounds the network changes elsewhere: connections between random members, each logged,
    // as the app makes them. A warm read checks them; a change next to a subject makes them recompute.
    await transact(db, async (trx) => {
      for (let i = 0; i < CHURN_PER_ROUND; i++) {
        const a = memberId(Math.floor(random() * meta.members));
        const b = memberId(Math.floor(random() * meta.members));
        if (a === b) continue;
        await connect(trx, a, b, null, iso(NOW));
        made.push(a < b ? [a, b] : [b, a]);
      }
    });
    result.churn += CHURN_PER_ROUND;
    deps.clock.advance(1_000);
    for (const [rank, id] of ids.entries()) {
      // Alternate the order, so neither query always runs on the cache the other just warmed.
      const order = (round + rank) % 2 === 0;
      const timeRead = async () => {
        const t = performance.now();
        await readTwoHops(db, id);
        result.twoHopRead.push(performance.now() - t);
      };
      const before = await stateOf(id);
      let cachedPage: string[] = [];
      const timeList = async () => {
        const t = performance.now();
        const page = await listSuggestions(db, deps, id, 0, 20);
        const took = performance.now() - t;
        if (page.items.length !== 20) throw new Error(`subject ${id}: only ${page.items.length} suggestions`);
        cachedPage = page.items.map((i) => i.member.id);
        result.suggestions.all.push(took);
        result.suggestions[rank % 2 === 0 ? 'company' : 'webmail'].push(took);
      };
      let livePage: string[] = [];
      const timeLive = async () => {
        const t = performance.now();
        const page = await listSuggestions(db, liveDeps, id, 0, 20);
        result.live.push(performance.now() - t);
        livePage = page.items.map((i) => i.member.id);
      };
      if (order) {
        await timeList();
        await timeLive();
        await timeRead();
      } else {
        await timeRead();
        await timeLive();
        await timeList();
      }
      const after = await stateOf(id);
      if (after === before) result.hits += 1;
      else if (after.split(' ')[0] === before.split(' ')[0]) result.patched += 1;
      else result.recomputed += 1;
      if (cachedPage.join() !== livePage.join()) throw new Error(`subject ${id}: the cached ranking's page differs from the network's`);
      // Cold: the ranking dropped, then the page (computed, stored and read).
      await db.deleteFrom('suggestion_cache_state').where('member_id', '=', id).execute();
      const c = performance.now();
      await listSuggestions(db, deps, id, 0, 20);
      result.cold.push(performance.now() - c);
      const t = performance.now();
      await groupTwoHops(db, id);
      result.twoHopGroup.push(performance.now() - t);
    }
  }
  // The network as it was: the churn's connections and their log entries go.
  await transact(db, async (trx) => {
    for (const [a, b] of made) await trx.deleteFrom('connections').where('member_a', '=', a).where('member_b', '=', b).execute();
    await trx.deleteFrom('connection_changes').execute();
    await trx.deleteFrom('suggestion_cache_state').execute();
  });
  result.domainIndex = await domainIndexWriteCost(db);
  result.changeLog = await changeLogWriteCost(db, meta);
  await handle.destroy();
  return result;
}

class Rollback extends Error {}

/**
 * What the index members_email_domain costs a sign-up: single-row member inserts with and without it,
 * each set in a transaction that is rolled back (the network is left as it was).
 */
async function domainIndexWriteCost(db: Db): Promise<{ withIndex: number; withoutIndex: number }> {
  const N = 3_000;
  const run = async (dropIndex: boolean) => {
    let took = 0;
    await db
      .transaction()
      .execute(async (trx) => {
        if (dropIndex) await sql`drop index members_email_domain`.execute(trx);
        const t = performance.now();
        for (let i = 0; i < N; i++) {
          await trx
            .insertInto('members')
            .values({
              id: `w${i}-${dropIndex}`,
              email: `writer${i}@c${i % 997}.example`,
              name: 'Writer',
              headline: '',
              phone: null,
              password_hash: 'x',
              role: 'member',
              invitation_balance: 1,
              restricted_at: null,
              findable_by_email: 1,
              created_at: iso(NOW),
              email_verified_at: iso(NOW),
            })
            .execute();
        }
        took = performance.now() - t;
        throw new Rollback();
      })
      .catch((error) => {
        if (!(error instanceof Rollback)) throw error;
      });
    return (took / N) * 1000;
  };
  const withIndex: number[] = [];
  const withoutIndex: number[] = [];
  for (let round = 0; round < 6; round++) {
    // Alternated, so that neither always runs on the cache the other warmed.
    if (round % 2 === 0) {
      withIndex.push(await run(false));
      withoutIndex.push(await run(true));
    } else {
      withoutIndex.push(await run(true));
      withIndex.push(await run(false));
    }
  }
  return { withIndex: percentile(withIndex, 50), withoutIndex: percentile(withoutIndex, 50) };
}

/**
 * What the change log costs a connection: single connections made with \`connect\` (insert and log
 * entry) against the bare insert, each set in a transaction that is rolled back.
 */
async function changeLogWriteCost(db: Db, meta: Meta): Promise<{ withLog: number; withoutLog: number }> {
  const N = 2_000;
  const random = seededRandom(11);
  const run = async (logged: boolean) => {
    let took = 0;
    await db
      .transaction()
      .execute(async (trx) => {
        const pairs = Array.from({ length: N }, () => {
          const a = memberId(Math.floor(random() * meta.members));
          const b = memberId(Math.floor(random() * meta.members));
          return a < b ? [a, b] : [b, a];
        }).filter(([a, b]) => a !== b);
        const t = performance.now();
        for (const [a, b] of pairs) {
          if (logged) await connect(trx, a!, b!, null, iso(NOW));
          else {
            await trx
              .insertInto('connections')
              .values({ member_a: a!, member_b: b!, invitation_id: null, created_at: iso(NOW) })
              .onConflict((oc) => oc.columns(['member_a', 'member_b']).doNothing())
              .execute();
          }
        }
        took = ((performance.now() - t) / pairs.length) * 1000;
        throw new Rollback();
      })
      .catch((error) => {
        if (!(error instanceof Rollback)) throw error;
      });
    return took;
  };
  const withLog: number[] = [];
  const withoutLog: number[] = [];
  for (let round = 0; round < 6; round++) {
    if (round % 2 === 0) {
      withLog.push(await run(true));
      withoutLog.push(await run(false));
    } else {
      withoutLog.push(await run(false));
      withLog.push(await run(true));
    }
  }
  return { withLog: percentile(withLog, 50), withoutLog: percentile(withoutLog, 50) };
}

function summarize(m: Measured): string {
  const line = (label: string, values: number[]) => `| ${label} | ${ms(percentile(values, 50))} | ${ms(percentile(values, 99))} | ${values.length} |`;
  return [
    `${m.dialect}: ${m.meta.members.toLocaleString('en-US')} members, ${m.meta.actualConnections.toLocaleString('en-US')} connections, ${m.meta.invitations.toLocaleString('en-US')} invitations (generated in ${m.meta.generationSeconds} s)`,
    `subjects: ${m.meta.subjects.length}, ${m.degree.min}–${m.degree.max} connections each, ${m.hopRows.min.toLocaleString('en-US')}–${m.hopRows.max.toLocaleString('en-US')} two-hop rows, ${m.candidates.min.toLocaleString('en-US')}–${m.candidates.max.toLocaleString('en-US')} distinct candidates`,
    '',
    '| query | p50 ms | p99 ms | samples |',
    '| --- | ---: | ---: | ---: |',
    line('listSuggestions, first page of 20 (all subjects)', m.suggestions.all),
    line('— the same page, cached rankings off (from the network)', m.live),
    line('— the same page, ranking just dropped (computed, stored, read)', m.cold),
    line('— subjects with a company address', m.suggestions.company),
    line('— subjects with a webmail address', m.suggestions.webmail),
    line('bare read of the two hops (count of rows)', m.twoHopRead),
    line('two hops grouped by candidate', m.twoHopGroup),
    '',
    `warm reads: ${m.hits} used their ranking as it was, ${m.patched} brought it up to date, ${m.recomputed} computed it again (${m.churn.toLocaleString('en-US')} connections made elsewhere, ${CHURN_PER_ROUND} before each round)`,
    ...(m.changeLog
      ? [`connection made: ${Math.round(m.changeLog.withLog)} µs with its change-log entry, ${Math.round(m.changeLog.withoutLog)} µs without`]
      : []),
    ...(m.domainIndex
      ? [
          '',
          `member insert: ${Math.round(m.domainIndex.withIndex)} µs with the index members_email_domain, ${Math.round(m.domainIndex.withoutIndex)} µs without`,
        ]
      : []),
  ].join('\n');
}

async function main() {
  const which = (process.argv[2] ?? 'both') as DialectName | 'both';
  const sqliteSize: Size = { members: Number(env.PYMK_MEMBERS ?? 1_000_000), connections: Number(env.PYMK_CONNECTIONS ?? 20_000_000) };
  const pgSize: Size = {
    members: Number(env.PYMK_PG_MEMBERS ?? 250_000),
    connections: Number(env.PYMK_PG_CONNECTIONS ?? 5_000_000),
  };
  console.log(
    `machine: ${cpus().length} × ${cpus()[0]?.model}, ${Math.round(totalmem() / 2 ** 30)} GB, load ${loadavg()
      .map((l) => l.toFixed(1))
      .join(' ')}`,
  );
  const results: Measured[] = [];
  if (which === 'sqlite' || which === 'both') {
    const { path, meta } = await ensureSqlite(sqliteSize);
    results.push(await measure('sqlite', `file:${path}`, meta));
    console.log(`\n${summarize(results.at(-1)!)}\n`);
  }
  if ((which === 'postgres' || which === 'both') && adminUrl()) {
    const { url, meta } = await ensurePostgres(pgSize);
    results.push(await measure('postgres', url, meta));
    console.log(`\n${summarize(results.at(-1)!)}\n`);
  }
  mkdirSync(RESULTS_DIR, { recursive: true });
  const file = join(RESULTS_DIR, `suggestions-${new Date().toISOString().replace(/[:.]/g, '-')}.json`);
  writeFileSync(file, JSON.stringify({ loadAfter: loadavg(), results }, null, 2));
  console.log(
    `load average after: ${loadavg()
      .map((l) => l.toFixed(1))
      .join(' ')}; raw figures in ${file.slice(HERE.length - 5)}`,
  );
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  main().catch((error) => {
    console.error(error);
    process.exit(1);
  });
}
