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
 * Then, on each database, the heavy-member case (heavy.ts): a database grown after both servers
 * opened it and never analysed, with one sender of 100,000 open invitations; and the messaging case
 * (messaging.ts): 1,000,000 messages over 100,000 conversations, grown and never analysed the same way.
 *
 * Settings: BENCH_ROUNDS (5), BENCH_SECONDS per round (6), BENCH_CONNECTIONS (50), BENCH_BULK_OPS (20),
 * BENCH_ONLY=sqlite|postgres, BENCH_CASES=main,heavy,messaging (all three; any of them), BENCH_CPU_PROF=1 (V8 CPU
 * profiles of the servers, in bench/results), BENCH_NO_DOCS=1 (do not update docs/PERFORMANCE.md);
 * the heavy and messaging cases' own settings are in heavy.ts and messaging.ts.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Agent } from 'node:http';
import { performance } from 'node:perf_hooks';
import { migrate, openDatabase, type DialectName } from '../src/db/database.js';
import { HEAVY_SENDERS, NEWCOMERS, newcomerId, SENDERS, senderId, senderToken } from './dataset.js';
import { copyPostgresSeed, copySqliteSeed, type DatasetMeta, dropPostgresCopy, ensurePostgresSeed, ensureSqliteSeed, removeSqliteCopy } from './generate.js';
import { benchHeavy, HEAVY_ROUNDS, HEAVY_SECONDS, type HeavyResult } from './heavy.js';
import { benchMessaging, type MessagingResult, printMessaging } from './messaging.js';
import { hammer, type HttpCall, type LoadResult, median, percentile, timedCall } from './load.js';
import { CONNECTIONS, type EndpointResult, fmt, log, measureEndpoint, order, type Probe, probeOf, ROUNDS, SECONDS } from './measure.js';
import { machineInfo, printTable, updatePerformanceDoc } from './report.js';
import { compareSql, sendScript, type SqlComparison } from './same-sql.js';
import { benchConfig, type RunningServer, type ServerKind, startServer } from './servers.js';

const HERE = dirname(fileURLToPath(import.meta.url));
const RESULTS_DIR = join(HERE, 'results');

const env = process.env;
const BULK_OPS = Number(env.BENCH_BULK_OPS ?? 20);
const BULK_SIZE = 1_000;
/** A steady rate for the sent list's latency below saturation, from 10 connections. */
const STEADY_RATE = 100;
const SERVER_URL = env.BENCH_DATABASE_URL ?? env.TEST_DATABASE_URL;

/** Two heavy senders are kept for the same-SQL check; nothing else touches them. */
const CHECK_SENDERS = [HEAVY_SENDERS - 2, HEAVY_SENDERS - 1] as const;
const BULK_SENDERS = HEAVY_SENDERS - 2;

const JSON_HEADERS = { 'content-type': 'application/json' };
const auth = (i: number) => ({ authorization: `Bearer ${senderToken(i)}` });

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
  settings: { rounds: number; seconds: number; connections: number; bulkOps: number; bulkSize: number; heavyRounds: number; heavySeconds: number };
  /** The 1,000,000-invitation dataset, per database (when BENCH_CASES has `main`). */
  dialects: DialectResult[];
  /** The heavy-member case, per database (when BENCH_CASES has `heavy`). */
  heavy: HeavyResult[];
  /** The messaging case, per database (when BENCH_CASES has `messaging`). */
  messaging: MessagingResult[];
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
    const body: Record<string, string> =
      kind < 14 ? { memberId: newcomerId((round + i * 7) % NEWCOMERS) } : kind < 18 ? { email: `guest${n}@mail.example` } : { phone: `+1${3_000_000_000 + n}` };
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
  for (const kind of order(0))
    log(`  bulk ${kind.padEnd(8)} one at a time: p50 ${percentile(ms[kind], 50).toFixed(1)} ms, p99 ${percentile(ms[kind], 99).toFixed(1)} ms`);

  // As many operations at once as there are connections, twice per server: operations per second.
  const burst: Record<ServerKind, LoadResult[]> = { rapport: [], baseline: [] };
  const burstSize = Math.min(CONNECTIONS, Math.floor(ops.length / 4));
  if (burstSize >= 2) {
    for (let r = 0; r < 2; r++) {
      for (const kind of order(r)) {
        // Each operation waits for all those before it (one writer at a time on SQLite): no timeout.
        const result = await hammer({
          url: servers[kind].url,
          connections: burstSize,
          seconds: 600,
          timeout: 600,
          amount: burstSize,
          next: () => work.bulk(take()),
        });
        burst[kind].push(result);
        log(
          `  bulk ${kind.padEnd(8)} ${burstSize} at once: ${fmt(result.rps, 1)} operations/s, p99 ${result.p99} ms` +
            `${result.non2xx || result.errors ? `, ${result.non2xx} non-2xx, ${result.errors} errors` : ''}`,
        );
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
    const [versionRow] = await probe.all<{ v: string }>(
      dialect === 'sqlite' ? 'select sqlite_version() as v' : "select current_setting('server_version') as v",
    );
    const version = `${dialect === 'sqlite' ? 'SQLite' : 'PostgreSQL'} ${versionRow!.v.split(' ')[0]}`;

    const config = benchConfig(url);
    log(`${dialect}: checking that both servers run the same SQL`);
    const sameSql = await compareSql(dialect, url, config, sendScript(CHECK_SENDERS[0]), sendScript(CHECK_SENDERS[1]));
    for (const c of sameSql.filter((s) => !s.same)) {
      log(
        `  WARNING: ${c.request}: the statements differ\n    Rapport:  ${c.rapport.join('\n              ')}\n    baseline: ${c.baseline.join('\n              ')}`,
      );
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
    settings: {
      rounds: ROUNDS,
      seconds: SECONDS,
      connections: CONNECTIONS,
      bulkOps: BULK_OPS,
      bulkSize: BULK_SIZE,
      heavyRounds: HEAVY_ROUNDS,
      heavySeconds: HEAVY_SECONDS,
    },
    dialects: [],
    heavy: [],
    messaging: [],
  };
  const cases = (env.BENCH_CASES ?? 'main,heavy,messaging').split(',');
  for (const dialect of dialects) {
    if (cases.includes('main')) results.dialects.push(await benchDialect(dialect));
    if (cases.includes('heavy')) results.heavy.push(await benchHeavy(dialect, SERVER_URL));
    if (cases.includes('messaging')) results.messaging.push(await benchMessaging(dialect, SERVER_URL));
  }

  mkdirSync(RESULTS_DIR, { recursive: true });
  const file = join(RESULTS_DIR, `${results.date.slice(0, 19).replace(/:/g, '-')}.json`);
  writeFileSync(file, `${JSON.stringify(results, null, 2)}\n`);
  printTable(results);
  printMessaging(results.messaging);
  console.log(`\nResults: ${file}`);
  if (!env.BENCH_NO_DOCS) console.log(`Updated ${updatePerformanceDoc(results)}`);
}

await main();
