/**
 * `npm run bench`: Rapport against a bare-Fastify baseline running the same SQL, on a generated
 * database of 1,000,000 invitations over 10,000 senders, for sending, withdrawing one, withdrawing
 * 1,000 at once and the sent list. SQLite always; PostgreSQL too when BENCH_DATABASE_URL (or
 * TEST_DATABASE_URL) names a server, on which the databases rapport_bench_seed (the cached dataset)
 * and rapport_bench (each run's copy) are made.
 *
 * Rounds alternate the two servers (ABBA), each server runs in a process of its own, and every
 * request does real work: each send goes to a new recipient, each withdrawal takes an invitation
 * that is still open. Medians of the rounds are reported, with the ratio Rapport / baseline.
 *
 * Settings: BENCH_ROUNDS (5), BENCH_SECONDS per round (6), BENCH_CONNECTIONS (50), BENCH_BULK_OPS (20),
 * BENCH_ONLY=sqlite|postgres, BENCH_CPU_PROF=1 (V8 CPU profiles of the servers, in bench/results),
 * BENCH_NO_DOCS=1 (do not update docs/PERFORMANCE.md).
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Agent } from 'node:http';
import { performance } from 'node:perf_hooks';
import SQLite from 'better-sqlite3';
import pg from 'pg';
import { migrate, openDatabase, type DialectName } from '../src/db/database.js';
import { HEAVY_SENDERS, NEWCOMERS, newcomerId, SENDERS, senderId, senderToken } from './dataset.js';
import {
  copyPostgresSeed,
  copySqliteSeed,
  type DatasetMeta,
  dropPostgresCopy,
  ensurePostgresSeed,
  ensureSqliteSeed,
  removeSqliteCopy,
} from './generate.js';
import { hammer, type HttpCall, type LatencyResult, type LoadResult, median, percentile, sequential, timedCall } from './load.js';
import { machineInfo, printTable, updatePerformanceDoc } from './report.js';
import { compareSql, type SqlComparison } from './same-sql.js';
import { benchConfig, type RunningServer, type ServerKind, startServer } from './servers.js';

const HERE = dirname(fileURLToPath(import.meta.url));
const RESULTS_DIR = join(HERE, 'results');

const env = process.env;
const ROUNDS = Number(env.BENCH_ROUNDS ?? 5);
const SECONDS = Number(env.BENCH_SECONDS ?? 6);
const CONNECTIONS = Number(env.BENCH_CONNECTIONS ?? 50);
const BULK_OPS = Number(env.BENCH_BULK_OPS ?? 20);
const BULK_SIZE = 1_000;
const WARMUP_SECONDS = 2;
const SEQUENTIAL_SECONDS = 3;
/** A steady rate for the sent list's latency below saturation, from 10 connections. */
const STEADY_RATE = 100;
const SERVER_URL = env.BENCH_DATABASE_URL ?? env.TEST_DATABASE_URL;

/** Two heavy senders are kept for the same-SQL check; nothing else touches them. */
const CHECK_SENDERS = [HEAVY_SENDERS - 2, HEAVY_SENDERS - 1] as const;
const BULK_SENDERS = HEAVY_SENDERS - 2;

const JSON_HEADERS = { 'content-type': 'application/json' };
const auth = (i: number) => ({ authorization: `Bearer ${senderToken(i)}` });

/** One measured round, with the server's CPU time per completed request. */
export interface Round extends LoadResult {
  cpuUsPerRequest: number;
}

export interface ServerFigures {
  rounds: Round[];
  rps: number;
  p50: number;
  p99: number;
  /** Median of the rounds' server CPU time per request, in microseconds. */
  cpuUsPerRequest: number;
  sequential?: LatencyResult;
  /** Latency at a steady, moderate rate (the sent list). */
  steady?: LoadResult;
  /** Rows of work the database shows for this server's measured rounds (audit entries). */
  done?: number;
}

export interface EndpointResult {
  endpoint: string;
  rapport: ServerFigures;
  baseline: ServerFigures;
  /** Rapport's median throughput over the baseline's. */
  ratio: number;
  /** The baseline's CPU time per request over Rapport's: the throughput ratio when the server's core is the limit. */
  cpuRatio: number;
}

export interface BulkFigures {
  ms: number[];
  p50: number;
  p99: number;
  burst: LoadResult[];
  burstOpsPerSecond: number;
}

export interface BulkResult {
  rapport: BulkFigures;
  baseline: BulkFigures;
  /** Rapport's sequential operations per second over the baseline's. */
  ratio: number;
  burstRatio: number;
}

export interface DialectResult {
  dialect: DialectName;
  version: string;
  dataset: DatasetMeta;
  sameSql: SqlComparison[];
  endpoints: EndpointResult[];
  bulk: BulkResult;
  seconds: number;
}

export interface BenchResults {
  date: string;
  machine: ReturnType<typeof machineInfo>;
  settings: { rounds: number; seconds: number; connections: number; bulkOps: number; bulkSize: number };
  dialects: DialectResult[];
}

/** Reads the database directly: the pools of open invitations, and counts of work done. */
interface Probe {
  all<T>(sql: string, params?: unknown[]): Promise<T[]>;
  close(): Promise<void>;
}

function probeOf(dialect: DialectName, url: string): Probe {
  if (dialect === 'sqlite') {
    const db = new SQLite(url.slice('file:'.length), { readonly: true });
    return { all: async <T>(sql: string, params: unknown[] = []) => db.prepare(sql).all(...params) as T[], close: async () => void db.close() };
  }
  const pool = new pg.Pool({ connectionString: url, max: 1 });
  return {
    all: async <T>(sql: string, params: unknown[] = []) => {
      let n = 0;
      return (await pool.query(sql.replace(/\?/g, () => `$${++n}`), params)).rows as T[];
    },
    close: () => pool.end(),
  };
}

async function lastAuditId(probe: Probe): Promise<number> {
  const [row] = await probe.all<{ id: number | null }>('select max(id) as id from audit_log');
  return Number(row?.id ?? 0);
}

async function auditSince(probe: Probe, id: number, action: string): Promise<number> {
  const [row] = await probe.all<{ n: number }>('select count(*) as n from audit_log where id > ? and action = ?', [id, action]);
  return Number(row?.n ?? 0);
}

interface OpenInvitation {
  id: string;
  sender: number;
}

/** The request sources of one database's run; each hands out work that has not been done yet. */
class Workload {
  private sendCounter = 0;
  private listCounter = 0;
  private withdrawCursor = 0;
  reused = 0;
  private readonly senders: number[];

  constructor(
    private readonly withdrawPool: OpenInvitation[],
    readonly bulkOps: { sender: number; ids: string[] }[],
  ) {
    this.senders = Array.from({ length: SENDERS }, (_, i) => i).filter((i) => !(CHECK_SENDERS as readonly number[]).includes(i));
  }

  /** A send to someone the sender has never invited: newcomer, e-mail address or phone number. */
  send(): HttpCall {
    const n = this.sendCounter++;
    const i = this.senders[n % this.senders.length]!;
    const round = Math.floor(n / this.senders.length);
    const kind = n % 20;
    const body: Record<string, string> = kind < 14
      ? { memberId: newcomerId((round + i * 7) % NEWCOMERS) }
      : kind < 18
        ? { email: `guest${n}@mail.example` }
        : { phone: `+1${3_000_000_000 + n}` };
    if (n % 3 === 0) body.message = 'Hello! I would like to add you to my network.';
    return { method: 'POST', path: '/api/v1/invitations', headers: { ...auth(i), ...JSON_HEADERS }, body: JSON.stringify(body) };
  }

  get withdrawLeft(): number {
    return this.withdrawPool.length - this.withdrawCursor;
  }

  /** Withdraws the next invitation of the pool, still open, with its sender's token. */
  withdraw(): HttpCall {
    if (this.withdrawCursor >= this.withdrawPool.length) {
      this.withdrawCursor = 0;
      this.reused++;
    }
    const inv = this.withdrawPool[this.withdrawCursor++]!;
    return { method: 'POST', path: `/api/v1/invitations/${inv.id}/withdraw`, headers: { ...auth(inv.sender), ...JSON_HEADERS }, body: '{}' };
  }

  /** The first page of a sender's pending invitations, every sender in turn. */
  sentList(): HttpCall {
    const i = this.senders[(this.listCounter++ * 7_919) % this.senders.length]!;
    return { method: 'GET', path: '/api/v1/invitations/sent', headers: auth(i) };
  }

  bulk(op: { sender: number; ids: string[] }): HttpCall {
    return {
      method: 'POST',
      path: '/api/v1/invitations/withdraw',
      headers: { ...auth(op.sender), ...JSON_HEADERS },
      body: JSON.stringify({ ids: op.ids }),
    };
  }
}

/** Open invitations to withdraw one by one (not the heavy senders'), in random order (ids are random). */
async function loadWithdrawPool(probe: Probe, now: string): Promise<OpenInvitation[]> {
  const index = new Map(Array.from({ length: SENDERS }, (_, i) => [senderId(i), i]));
  const rows = await probe.all<{ id: string; sender_id: string }>(
    `select id, sender_id from invitations where status in ('pending', 'ignored') and expires_at > ? order by id`,
    [now],
  );
  return rows.flatMap((r) => {
    const sender = index.get(r.sender_id)!;
    return sender >= HEAVY_SENDERS ? [{ id: r.id, sender }] : [];
  });
}

/** Two operations of 1,000 open invitations from each heavy sender, one sender after another. */
async function loadBulkOps(probe: Probe, now: string): Promise<{ sender: number; ids: string[] }[]> {
  const first: { sender: number; ids: string[] }[] = [];
  const second: { sender: number; ids: string[] }[] = [];
  for (let i = 0; i < BULK_SENDERS; i++) {
    const rows = await probe.all<{ id: string }>(
      `select id from invitations where sender_id = ? and status in ('pending', 'ignored') and expires_at > ? order by created_at desc, id desc limit ?`,
      [senderId(i), now, 2 * BULK_SIZE],
    );
    const ids = rows.map((r) => r.id);
    if (ids.length >= BULK_SIZE) first.push({ sender: i, ids: ids.slice(0, BULK_SIZE) });
    if (ids.length >= 2 * BULK_SIZE) second.push({ sender: i, ids: ids.slice(BULK_SIZE) });
  }
  return [...first, ...second];
}

function log(text: string) {
  console.log(`[${new Date().toISOString().slice(11, 19)}] ${text}`);
}

const fmt = (n: number, digits = 0) => n.toLocaleString('en-US', { maximumFractionDigits: digits, minimumFractionDigits: digits });

function figures(rounds: Round[]): ServerFigures {
  return {
    rounds,
    rps: median(rounds.map((r) => r.rps)),
    p50: median(rounds.map((r) => r.p50)),
    p99: median(rounds.map((r) => r.p99)),
    cpuUsPerRequest: median(rounds.map((r) => r.cpuUsPerRequest)),
  };
}

/** ABBA order: round r runs Rapport first when r is even. */
const order = (r: number): ServerKind[] => (r % 2 === 0 ? ['rapport', 'baseline'] : ['baseline', 'rapport']);

async function measureEndpoint(
  name: string,
  servers: Record<ServerKind, RunningServer>,
  probe: Probe,
  next: () => HttpCall,
  options: { amount?: () => number; auditAction?: string; steadyRate?: number } = {},
): Promise<EndpointResult> {
  const rounds: Record<ServerKind, Round[]> = { rapport: [], baseline: [] };
  const done: Record<ServerKind, number> = { rapport: 0, baseline: 0 };
  const run = async (kind: ServerKind, seconds: number) => {
    const amount = options.amount?.();
    return hammer({ url: servers[kind].url, connections: CONNECTIONS, seconds, ...(amount ? { amount } : {}), next });
  };
  for (const kind of order(0)) await run(kind, WARMUP_SECONDS);
  for (let r = 0; r < ROUNDS; r++) {
    for (const kind of order(r)) {
      const before = options.auditAction ? await lastAuditId(probe) : 0;
      const cpuBefore = await servers[kind].cpu();
      const load = await run(kind, SECONDS);
      const result = { ...load, cpuUsPerRequest: (await servers[kind].cpu() - cpuBefore) / Math.max(1, load.requests) };
      if (options.auditAction) done[kind] += await auditSince(probe, before, options.auditAction);
      rounds[kind].push(result);
      log(`  ${name} ${kind.padEnd(8)} round ${r + 1}: ${fmt(result.rps)} req/s, p50 ${result.p50} ms, p99 ${result.p99} ms, ${fmt(result.cpuUsPerRequest)} µs CPU/request` +
        `${result.non2xx || result.errors ? `, ${result.non2xx} non-2xx ${JSON.stringify(result.statuses ?? {})}, ${result.errors} errors` : ''}`);
    }
  }
  const seq: Partial<Record<ServerKind, LatencyResult>> = {};
  for (const kind of order(0)) {
    seq[kind] = await sequential(servers[kind].url, SEQUENTIAL_SECONDS, 5_000, next);
    log(`  ${name} ${kind.padEnd(8)} one connection: p50 ${seq[kind]!.p50.toFixed(2)} ms, p99 ${seq[kind]!.p99.toFixed(2)} ms`);
  }
  const steady: Partial<Record<ServerKind, LoadResult>> = {};
  if (options.steadyRate) {
    for (const kind of order(0)) {
      steady[kind] = await hammer({ url: servers[kind].url, connections: 10, seconds: SECONDS, rate: options.steadyRate, next });
      log(`  ${name} ${kind.padEnd(8)} steady ${options.steadyRate} req/s: p50 ${steady[kind]!.p50} ms, p99 ${steady[kind]!.p99} ms`);
    }
  }
  const extra = (kind: ServerKind) => ({
    sequential: seq[kind],
    ...(steady[kind] ? { steady: steady[kind] } : {}),
    ...(options.auditAction ? { done: done[kind] } : {}),
  });
  const rapport = { ...figures(rounds.rapport), ...extra('rapport') };
  const baseline = { ...figures(rounds.baseline), ...extra('baseline') };
  return { endpoint: name, rapport, baseline, ratio: rapport.rps / baseline.rps, cpuRatio: baseline.cpuUsPerRequest / rapport.cpuUsPerRequest };
}

async function measureBulk(servers: Record<ServerKind, RunningServer>, work: Workload): Promise<BulkResult> {
  const ops = [...work.bulkOps];
  const take = () => {
    const op = ops.shift();
    if (!op) throw new Error('The dataset has no more heavy senders with 1,000 open invitations.');
    return op;
  };
  const agents = { rapport: new Agent({ keepAlive: true, maxSockets: 1 }), baseline: new Agent({ keepAlive: true, maxSockets: 1 }) };
  const ms: Record<ServerKind, number[]> = { rapport: [], baseline: [] };
  try {
    for (let i = -1; i < BULK_OPS; i++) {
      for (const kind of order(i + 1)) {
        const reply = await timedCall(servers[kind].url, agents[kind], work.bulk(take()));
        const withdrawn = reply.status === 200 ? (JSON.parse(reply.body) as { withdrawn: number }).withdrawn : -1;
        if (withdrawn !== BULK_SIZE) throw new Error(`${kind} bulk withdraw: status ${reply.status}, withdrew ${withdrawn}: ${reply.body.slice(0, 200)}`);
        if (i >= 0) ms[kind].push(reply.ms);
      }
    }
  } finally {
    agents.rapport.destroy();
    agents.baseline.destroy();
  }
  for (const kind of order(0)) log(`  bulk ${kind.padEnd(8)} one at a time: p50 ${percentile(ms[kind], 50).toFixed(1)} ms, p99 ${percentile(ms[kind], 99).toFixed(1)} ms`);

  // As many operations at once as there are connections, twice per server: operations per second.
  const burst: Record<ServerKind, LoadResult[]> = { rapport: [], baseline: [] };
  const burstSize = Math.min(CONNECTIONS, Math.floor(ops.length / 4));
  if (burstSize >= 2) {
    for (let r = 0; r < 2; r++) {
      for (const kind of order(r)) {
        // Each operation waits for all those before it (one writer at a time on SQLite): no timeout.
        const result = await hammer({ url: servers[kind].url, connections: burstSize, seconds: 600, timeout: 600, amount: burstSize, next: () => work.bulk(take()) });
        burst[kind].push(result);
        log(`  bulk ${kind.padEnd(8)} ${burstSize} at once: ${fmt(result.rps, 1)} operations/s, p99 ${result.p99} ms` +
          `${result.non2xx || result.errors ? `, ${result.non2xx} non-2xx, ${result.errors} errors` : ''}`);
      }
    }
  }
  const bulkFigures = (kind: ServerKind): BulkFigures => ({
    ms: ms[kind],
    p50: percentile(ms[kind], 50),
    p99: percentile(ms[kind], 99),
    burst: burst[kind],
    burstOpsPerSecond: median(burst[kind].map((b) => b.rps)),
  });
  const rapport = bulkFigures('rapport');
  const baseline = bulkFigures('baseline');
  return { rapport, baseline, ratio: baseline.p50 / rapport.p50, burstRatio: rapport.burstOpsPerSecond / baseline.burstOpsPerSecond };
}

async function benchDialect(dialect: DialectName): Promise<DialectResult> {
  const started = performance.now();
  log(`${dialect}: preparing the dataset`);
  const dataset = dialect === 'sqlite' ? await ensureSqliteSeed() : await ensurePostgresSeed(SERVER_URL!);
  const url = dialect === 'sqlite' ? copySqliteSeed() : await copyPostgresSeed(SERVER_URL!);
  // The cached dataset may predate the newest migrations.
  const handle = openDatabase(url);
  await migrate(handle.db);
  await handle.destroy();

  const probe = probeOf(dialect, url);
  const servers: Partial<Record<ServerKind, RunningServer>> = {};
  try {
    const [versionRow] = await probe.all<{ v: string }>(dialect === 'sqlite' ? 'select sqlite_version() as v' : 'select current_setting(\'server_version\') as v');
    const version = `${dialect === 'sqlite' ? 'SQLite' : 'PostgreSQL'} ${versionRow!.v.split(' ')[0]}`;

    const config = benchConfig(url);
    log(`${dialect}: checking that both servers run the same SQL`);
    const sameSql = await compareSql(dialect, url, config, CHECK_SENDERS[0], CHECK_SENDERS[1]);
    for (const c of sameSql.filter((s) => !s.same)) {
      log(`  WARNING: ${c.request}: the statements differ\n    Rapport:  ${c.rapport.join('\n              ')}\n    baseline: ${c.baseline.join('\n              ')}`);
    }

    const now = new Date(Date.now() + 3_600_000).toISOString();
    const work = new Workload(await loadWithdrawPool(probe, now), await loadBulkOps(probe, now));
    log(`${dialect}: ${fmt(work.withdrawLeft)} open invitations to withdraw one by one, ${work.bulkOps.length} bulk operations of ${fmt(BULK_SIZE)}`);

    const profileDir = env.BENCH_CPU_PROF ? join(RESULTS_DIR, 'profiles', dialect) : undefined;
    if (profileDir) mkdirSync(profileDir, { recursive: true });
    servers.rapport = await startServer('rapport', dialect, url, profileDir);
    servers.baseline = await startServer('baseline', dialect, url, profileDir);
    const running = servers as Record<ServerKind, RunningServer>;

    const endpoints: EndpointResult[] = [];
    log(`${dialect}: send`);
    endpoints.push(await measureEndpoint('send', running, probe, () => work.send(), { auditAction: 'invitation.sent' }));
    log(`${dialect}: withdraw`);
    // Every measured run (2 warm-ups, 2 per round, 2 one-connection runs) gets an equal share of the pool.
    const share = Math.floor(work.withdrawLeft / (2 * ROUNDS + 4));
    endpoints.push(
      await measureEndpoint('withdraw', running, probe, () => work.withdraw(), {
        auditAction: 'invitation.withdrawn',
        amount: () => Math.max(CONNECTIONS, share - 2 * CONNECTIONS),
      }),
    );
    if (work.reused > 0) log(`  WARNING: the withdraw pool ran out ${work.reused} time(s); some withdrawals repeated`);
    log(`${dialect}: sent list`);
    endpoints.push(await measureEndpoint('sent list', running, probe, () => work.sentList(), { steadyRate: STEADY_RATE }));
    log(`${dialect}: bulk withdraw of ${fmt(BULK_SIZE)}`);
    const bulk = await measureBulk(running, work);
    return { dialect, version, dataset, sameSql, endpoints, bulk, seconds: Math.round((performance.now() - started) / 1000) };
  } finally {
    await servers.rapport?.stop();
    await servers.baseline?.stop();
    await probe.close();
    if (dialect === 'postgres') await dropPostgresCopy(SERVER_URL!);
    else removeSqliteCopy();
  }
}

async function main() {
  const only = env.BENCH_ONLY as DialectName | undefined;
  const dialects: DialectName[] = (['sqlite', 'postgres'] as const).filter((d) => (only ? d === only : d === 'sqlite' || SERVER_URL));
  if (dialects.includes('postgres') && !SERVER_URL) throw new Error('BENCH_ONLY=postgres needs BENCH_DATABASE_URL.');
  const results: BenchResults = {
    date: new Date().toISOString(),
    machine: machineInfo(),
    settings: { rounds: ROUNDS, seconds: SECONDS, connections: CONNECTIONS, bulkOps: BULK_OPS, bulkSize: BULK_SIZE },
    dialects: [],
  };
  for (const dialect of dialects) results.dialects.push(await benchDialect(dialect));

  mkdirSync(RESULTS_DIR, { recursive: true });
  const file = join(RESULTS_DIR, `${results.date.slice(0, 19).replace(/:/g, '-')}.json`);
  writeFileSync(file, `${JSON.stringify(results, null, 2)}\n`);
  printTable(results);
  console.log(`\nResults: ${file}`);
  if (!env.BENCH_NO_DOCS) console.log(`Updated ${updatePerformanceDoc(results)}`);
}

await main();
