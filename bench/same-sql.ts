/**
 * The check that keeps the baseline honest: the same short script of requests is sent to Rapport
 * (as `openDatabase` and `buildApp` make it) and to the baseline, in this process, while every
 * statement either of them hands to the driver is recorded (better-sqlite3's Statement and pg's
 * Client are watched). The lists are compared request by request; placeholders and the length of IN
 * lists and VALUES rows are normalised, everything else must be identical.
 */
import SQLite from 'better-sqlite3';
import type { FastifyInstance } from 'fastify';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import type { Config } from '../src/config.js';
import { type DialectName, openDatabase } from '../src/db/database.js';
import { buildApp } from '../src/app.js';
import { systemClock } from '../src/shared/clock.js';
import { buildBaseline } from './baseline.js';
import { newcomerId, senderToken } from './dataset.js';

export interface SqlComparison {
  request: string;
  same: boolean;
  rapport: string[];
  baseline: string[];
}

/** Collapses placeholders, IN lists and VALUES rows, which differ only in length. */
export function normaliseSql(sql: string): string {
  return sql
    .replace(/\$\d+/g, '?')
    .replace(/\(\?(, \?)*\)/g, '(?…)')
    .replace(/\(\?…\)(, \(\?…\))+/g, '(?…)…')
    .trim();
}

interface Inject {
  inject(opts: { method: 'GET' | 'POST'; url: string; headers: Record<string, string>; payload?: unknown }): Promise<{ statusCode: number; body: string }>;
}

/** Sends one request of a script under `label`, as one member, and returns the parsed reply. */
export type ScriptCall = (label: string, method: 'GET' | 'POST', url: string, payload?: unknown) => Promise<any>;

/** A script of requests, run once on each server; `tag` tells them apart where a request must differ. */
export interface Script {
  token: string;
  run(call: ScriptCall, tag: 'rapport' | 'baseline'): Promise<void>;
}

/** Sends to a member, an address and a number, one withdrawal, the sent list and its next page, the received list, a bulk withdrawal. */
export function sendScript(senderIndex: number): Script {
  return {
    token: senderToken(senderIndex),
    async run(call, tag) {
      const toMember = await call('send to a member', 'POST', '/api/v1/invitations', { memberId: newcomerId(senderIndex % 100), message: 'Hello' });
      const toEmail = await call('send to an e-mail address', 'POST', '/api/v1/invitations', { email: `check-${tag}@mail.example` });
      const toPhone = await call('send to a phone number', 'POST', '/api/v1/invitations', { phone: tag === 'rapport' ? '+14000000001' : '+14000000002' });
      await call('withdraw', 'POST', `/api/v1/invitations/${toMember.id}/withdraw`, {});
      await listScript(call);
      await call('bulk withdraw', 'POST', '/api/v1/invitations/withdraw', { ids: [toEmail.id, toPhone.id] });
    },
  };
}

/** The sent list, its next page and the received list. */
export async function listScript(call: ScriptCall): Promise<void> {
  const first = await call('sent list', 'GET', '/api/v1/invitations/sent');
  if (first.nextCursor) await call('sent list, next page', 'GET', `/api/v1/invitations/sent?cursor=${first.nextCursor}`);
  await call('received list', 'GET', '/api/v1/invitations/received');
}

async function runScript(app: Inject, script: Script, tag: 'rapport' | 'baseline', record: (label: string) => void) {
  const headers = { authorization: `Bearer ${script.token}`, 'content-type': 'application/json' };
  const call: ScriptCall = async (label, method, url, payload) => {
    record(label);
    const reply = await app.inject({ method, url, headers, ...(payload === undefined ? {} : { payload }) });
    if (reply.statusCode >= 300) throw new Error(`${tag} ${label}: ${reply.statusCode} ${reply.body}`);
    return JSON.parse(reply.body);
  };
  await script.run(call, tag);
  record('');
}

/** Calls `log` with the SQL of every statement run through better-sqlite3 or pg until the returned undo is called. */
function watchDrivers(log: (sql: string) => void): () => void {
  const probe = new SQLite(':memory:');
  const statement = Object.getPrototypeOf(probe.prepare('select 1')) as Record<'run' | 'get' | 'all' | 'iterate', (...args: unknown[]) => unknown>;
  probe.close();
  const originals = { run: statement.run, get: statement.get, all: statement.all, iterate: statement.iterate };
  for (const name of ['run', 'get', 'all', 'iterate'] as const) {
    const original = originals[name];
    statement[name] = function (this: { source: string }, ...args: unknown[]) {
      log(this.source);
      return original.apply(this, args);
    };
  }
  const client = pg.Client.prototype as unknown as { query: (...args: unknown[]) => unknown };
  const query = client.query;
  client.query = function (this: unknown, ...args: unknown[]) {
    const first = args[0];
    log(typeof first === 'string' ? first : (first as { text: string }).text);
    return query.apply(this, args);
  };
  return () => {
    Object.assign(statement, originals);
    client.query = query;
  };
}

/** Runs a script on each server over `url` (each its own, so that neither repeats the other's writes). */
export async function compareSql(dialect: DialectName, url: string, config: Config, rapportScript: Script, baselineScript: Script): Promise<SqlComparison[]> {
  const capture = () => {
    const byRequest = new Map<string, string[]>();
    let current = '';
    return {
      byRequest,
      record: (label: string) => {
        current = label;
        if (label) byRequest.set(label, []);
      },
      log: (sql: string) => {
        if (current) byRequest.get(current)!.push(normaliseSql(sql));
      },
    };
  };

  const r = capture();
  const b = capture();
  let active = r;
  const unwatch = watchDrivers((sql) => active.log(sql));
  try {
    const handle = openDatabase(url);
    const { app } = await buildApp({ db: handle.db, deps: { config, clock: systemClock, dialect }, logger: false });
    try {
      await runScript(app as unknown as Inject, rapportScript, 'rapport', r.record);
    } finally {
      await app.close();
      await handle.destroy();
    }
    active = b;
    const baseline: FastifyInstance = await buildBaseline({ dialect, url, config });
    try {
      await runScript(baseline as unknown as Inject, baselineScript, 'baseline', b.record);
    } finally {
      await baseline.close();
    }
  } finally {
    unwatch();
  }

  return [...r.byRequest.keys()].map((request) => {
    const rapport = r.byRequest.get(request) ?? [];
    const base = b.byRequest.get(request) ?? [];
    return { request, same: rapport.join('\n') === base.join('\n'), rapport, baseline: base };
  });
}

// `node --import tsx bench/same-sql.ts`: the check alone, on a fresh copy of the SQLite dataset.
if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const { copySqliteSeed, ensureSqliteSeed, removeSqliteCopy } = await import('./generate.js');
  const { migrate } = await import('../src/db/database.js');
  const { benchConfig } = await import('./servers.js');
  await ensureSqliteSeed();
  const url = copySqliteSeed();
  const handle = openDatabase(url);
  await migrate(handle.db);
  await handle.destroy();
  const results = await compareSql('sqlite', url, benchConfig(url), sendScript(0), sendScript(1)).finally(removeSqliteCopy);
  for (const r of results) {
    console.log(`${r.same ? 'same     ' : 'DIFFERENT'} ${r.request}`);
    if (!r.same) {
      r.rapport.forEach((sql, i) => {
        if (sql !== r.baseline[i]) console.log(`  Rapport:  ${sql}\n  baseline: ${r.baseline[i] ?? '(nothing)'}`);
      });
      if (r.baseline.length > r.rapport.length) console.log(`  baseline also: ${r.baseline.slice(r.rapport.length).join('\n                 ')}`);
    }
  }
}
