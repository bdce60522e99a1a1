/** Measuring one endpoint on Rapport and on the baseline, alternating them, and reading the database while doing so. */
import SQLite from 'better-sqlite3';
import pg from 'pg';
import type { DialectName } from '../src/db/database.js';
import { hammer, type HttpCall, type LatencyResult, type LoadResult, median, sequential } from './load.js';
import type { RunningServer, ServerKind } from './servers.js';

const env = process.env;
export const ROUNDS = Number(env.BENCH_ROUNDS ?? 5);
export const SECONDS = Number(env.BENCH_SECONDS ?? 6);
export const CONNECTIONS = Number(env.BENCH_CONNECTIONS ?? 50);
const WARMUP_SECONDS = 2;
const SEQUENTIAL_SECONDS = 3;

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

/** Reads the database directly: the pools of open invitations, and counts of work done. */
export interface Probe {
  all<T>(sql: string, params?: unknown[]): Promise<T[]>;
  close(): Promise<void>;
}

export function probeOf(dialect: DialectName, url: string): Probe {
  if (dialect === 'sqlite') {
    const db = new SQLite(url.slice('file:'.length), { readonly: true });
    return { all: async <T>(sql: string, params: unknown[] = []) => db.prepare(sql).all(...params) as T[], close: async () => void db.close() };
  }
  const pool = new pg.Pool({ connectionString: url, max: 1 });
  return {
    all: async <T>(sql: string, params: unknown[] = []) => {
      let n = 0;
      return (
        await pool.query(
          sql.replace(/\?/g, () => `$${++n}`),
          params,
        )
      ).rows as T[];
    },
    close: () => pool.end(),
  };
}

export async function lastAuditId(probe: Probe): Promise<number> {
  const [row] = await probe.all<{ id: number | null }>('select max(id) as id from audit_log');
  return Number(row?.id ?? 0);
}

export async function auditSince(probe: Probe, id: number, action: string): Promise<number> {
  const [row] = await probe.all<{ n: number }>('select count(*) as n from audit_log where id > ? and action = ?', [id, action]);
  return Number(row?.n ?? 0);
}

export function log(text: string) {
  console.log(`[${new Date().toISOString().slice(11, 19)}] ${text}`);
}

export const fmt = (n: number, digits = 0) => n.toLocaleString('en-US', { maximumFractionDigits: digits, minimumFractionDigits: digits });

export function figures(rounds: Round[]): ServerFigures {
  return {
    rounds,
    rps: median(rounds.map((r) => r.rps)),
    p50: median(rounds.map((r) => r.p50)),
    p99: median(rounds.map((r) => r.p99)),
    cpuUsPerRequest: median(rounds.map((r) => r.cpuUsPerRequest)),
  };
}

/** ABBA order: round r runs Rapport first when r is even. */
export const order = (r: number): ServerKind[] => (r % 2 === 0 ? ['rapport', 'baseline'] : ['baseline', 'rapport']);

export interface MeasureOptions {
  /** Requests per run, when each must do work that runs out. */
  amount?: () => number;
  /** Counts this audit action after each round, to confirm the work was done. */
  auditAction?: string;
  /** Also measures latency at this steady rate, from 10 connections. */
  steadyRate?: number;
  rounds?: number;
  seconds?: number;
}

/**
 * One endpoint on both servers: a warm-up, then rounds at CONNECTIONS connections that alternate
 * the servers (ABBA), then one request at a time, then optionally a steady rate.
 */
export async function measureEndpoint(
  name: string,
  servers: Record<ServerKind, RunningServer>,
  probe: Probe | null,
  next: () => HttpCall,
  options: MeasureOptions = {},
): Promise<EndpointResult> {
  const roundCount = options.rounds ?? ROUNDS;
  const roundSeconds = options.seconds ?? SECONDS;
  const rounds: Record<ServerKind, Round[]> = { rapport: [], baseline: [] };
  const done: Record<ServerKind, number> = { rapport: 0, baseline: 0 };
  const run = async (kind: ServerKind, seconds: number) => {
    const amount = options.amount?.();
    return hammer({ url: servers[kind].url, connections: CONNECTIONS, seconds, ...(amount ? { amount } : {}), next });
  };
  for (const kind of order(0)) await run(kind, WARMUP_SECONDS);
  for (let r = 0; r < roundCount; r++) {
    for (const kind of order(r)) {
      const before = options.auditAction && probe ? await lastAuditId(probe) : 0;
      const cpuBefore = await servers[kind].cpu();
      const load = await run(kind, roundSeconds);
      const result = { ...load, cpuUsPerRequest: ((await servers[kind].cpu()) - cpuBefore) / Math.max(1, load.requests) };
      if (options.auditAction && probe) done[kind] += await auditSince(probe, before, options.auditAction);
      rounds[kind].push(result);
      log(
        `  ${name} ${kind.padEnd(8)} round ${r + 1}: ${fmt(result.rps)} req/s, p50 ${result.p50} ms, p99 ${result.p99} ms, ${fmt(result.cpuUsPerRequest)} µs CPU/request` +
          `${result.non2xx || result.errors ? `, ${result.non2xx} non-2xx ${JSON.stringify(result.statuses ?? {})}, ${result.errors} errors` : ''}`,
      );
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
      steady[kind] = await hammer({ url: servers[kind].url, connections: 10, seconds: roundSeconds, rate: options.steadyRate, next });
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
