/**
 * Delivery throughput. The worker's own loop (claim a batch, send it in one transaction, record the
 * outcomes) sends invitation e-mails from the outbox to a loopback SMTP server that accepts
 * everything; the limit is nodemailer sending the same messages straight to that server through a
 * pool with the same settings, with nothing else to do. Both run in this process, in alternating
 * order, for several rounds; the SMTP server runs in a process of its own. Medians are reported,
 * with the CPU each side cost per message (this process, the SMTP server, and on Linux the
 * PostgreSQL backends), which is what bounds throughput on a small machine.
 *
 * Run: `node --import tsx bench/delivery.ts`. SQLite always; PostgreSQL too when BENCH_DATABASE_URL
 * (or TEST_DATABASE_URL) names a server (a fresh database is made on it and dropped after).
 * BENCH_MESSAGES (per round, default 2000) and BENCH_ROUNDS (default 5) size the run;
 * BENCH_BATCH, BENCH_LANES and BENCH_CONCURRENCY try other worker settings than the defaults.
 */
import { fork } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { cpus, tmpdir, totalmem } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import nodemailer from 'nodemailer';
import pg from 'pg';
import { SMTPServer } from 'smtp-server';
import { loadConfig } from '../src/config.js';
import type { Deps } from '../src/context.js';
import { type DatabaseHandle, type DialectName, migrate, openDatabase } from '../src/db/database.js';
import { enqueueMessages, type OutgoingMessage } from '../src/outbox/store.js';
import { renderInvitationEmail } from '../src/delivery/templates.js';
import { messageIdOf, sendersFor, SMTP_POOL } from '../src/delivery/transports.js';
import { deliveryOptions, type DeliveryOptions, drainDue } from '../src/delivery/worker.js';
import { insertMember } from '../src/members/store.js';
import { addMs, iso, systemClock } from '../src/shared/clock.js';
import { newId, newToken } from '../src/shared/crypto.js';
import { invitationRow } from '../test/support/factories.js';

const MESSAGES = Number(process.env.BENCH_MESSAGES ?? 2000);
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 5);
const SENDERS = 50;
/** Messages handed to nodemailer's pool at a time when it sends alone: four per connection. */
const DIRECT_IN_FLIGHT = SMTP_POOL.maxConnections * 4;
const MAIL_FROM = 'Rapport <invites@rapport.example>';
const PUBLIC_URL = 'https://rapport.example';

/** The SMTP server: accepts every message and throws its content away, as fast as it can. */
function runSink(): void {
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS', 'AUTH'],
    logger: false,
    onData(stream, _session, callback) {
      stream.on('end', () => callback());
      stream.resume();
    },
  });
  server.listen(0, '127.0.0.1', () => {
    const address = server.server.address();
    process.send!({ port: typeof address === 'object' && address ? address.port : 0 });
  });
  // Asked for its CPU time, so each measurement can say where the CPU went.
  process.on('message', () => process.send!({ cpuMs: cpuMsOf(process.cpuUsage()) }));
  process.on('disconnect', () => process.exit(0));
}

const cpuMsOf = (usage: NodeJS.CpuUsage) => (usage.user + usage.system) / 1000;

interface Sink {
  url: string;
  cpuMs(): Promise<number>;
  stop(): void;
}

async function startSink(): Promise<Sink> {
  const child = fork(fileURLToPath(import.meta.url), ['sink'], { execArgv: ['--import', 'tsx'], stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
  const port = await new Promise<number>((resolve, reject) => {
    child.once('message', (m) => resolve((m as { port: number }).port));
    child.once('exit', (code) => reject(new Error(`the SMTP sink exited (${code}) before listening`)));
  });
  return {
    url: `smtp://127.0.0.1:${port}`,
    cpuMs: () =>
      new Promise((resolve) => {
        child.once('message', (m) => resolve((m as { cpuMs: number }).cpuMs));
        child.send('cpu');
      }),
    stop: () => child.kill('SIGTERM'),
  };
}

/** CPU time of the PostgreSQL backends serving `database` (Linux only: read from /proc; else 0). */
function databaseCpuMs(database: string | null): number {
  if (!database || !existsSync('/proc/self/stat')) return 0;
  let ms = 0;
  for (const pid of readdirSync('/proc').filter((p) => /^\d+$/.test(p))) {
    try {
      if (!readFileSync(`/proc/${pid}/cmdline`, 'utf8').includes(` ${database} `)) continue;
      const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
      ms += ((Number(fields[11]) + Number(fields[12])) * 1000) / 100;
    } catch {
      // the process ended meanwhile
    }
  }
  return ms;
}

interface Cpu {
  self: number;
  sink: number;
  database: number;
}

/** Runs `work` and says how much CPU this process, the SMTP server and the database spent on it. */
async function withCpu<T>(sink: Sink, database: string | null, work: () => Promise<T>): Promise<{ result: T; cpu: Cpu }> {
  const before = { self: cpuMsOf(process.cpuUsage()), sink: await sink.cpuMs(), database: databaseCpuMs(database) };
  const result = await work();
  const after = { self: cpuMsOf(process.cpuUsage()), sink: await sink.cpuMs(), database: databaseCpuMs(database) };
  return { result, cpu: { self: after.self - before.self, sink: after.sink - before.sink, database: after.database - before.database } };
}

interface BenchDatabase {
  handle: DatabaseHandle;
  url: string;
  /** The PostgreSQL database's name (null for SQLite). */
  name: string | null;
  drop(): Promise<void>;
}

async function createDatabase(dialect: DialectName, serverUrl?: string): Promise<BenchDatabase> {
  if (dialect === 'sqlite') {
    const dir = mkdtempSync(join(tmpdir(), 'rapport-bench-delivery-'));
    const url = `file:${join(dir, 'bench.db')}`;
    const handle = openDatabase(url);
    await migrate(handle.db);
    return {
      handle,
      url,
      name: null,
      drop: async () => {
        await handle.destroy();
        rmSync(dir, { recursive: true, force: true });
      },
    };
  }
  const name = `rapport_bench_delivery_${Date.now().toString(36)}`;
  const admin = async (sql: string) => {
    const client = new pg.Client({ connectionString: serverUrl });
    await client.connect();
    await client.query(sql);
    await client.end();
  };
  await admin(`create database ${name}`);
  const url = new URL(serverUrl!);
  url.pathname = `/${name}`;
  const handle = openDatabase(url.toString());
  await migrate(handle.db);
  return {
    handle,
    url: url.toString(),
    name,
    drop: async () => {
      await handle.destroy();
      await admin(`drop database if exists ${name} with (force)`);
    },
  };
}

/** Pending e-mail invitations with their invitation messages due now, as sending writes them. */
async function seed(db: BenchDatabase, deps: Deps, senderIds: string[], count: number, tag: string): Promise<void> {
  const nowDate = new Date();
  const now = iso(nowDate);
  for (let start = 0; start < count; start += 500) {
    await db.handle.db.transaction().execute(async (trx) => {
      const rows = Array.from({ length: Math.min(500, count - start) }, (_, k) => {
        const i = start + k;
        const recipient = `r${i}.${tag}@example.org`;
        return { id: newId(), sender: senderIds[i % senderIds.length]!, recipient };
      });
      await trx
        .insertInto('invitations')
        .values(
          rows.map((r) =>
            invitationRow({
              id: r.id,
              sender_id: r.sender,
              recipient_email: r.recipient,
              message: 'It was good to meet you at the conference; let us keep in touch.',
              created_at: now,
              expires_at: iso(addMs(nowDate, deps.config.invitationTtlMs)),
            }),
          ),
        )
        .execute();
      const messages: OutgoingMessage[] = rows.map((r) => ({
        kind: 'invitation',
        channel: 'email',
        recipient: r.recipient,
        invitationId: r.id,
        dueAt: now,
        payload: {},
      }));
      await enqueueMessages(trx, messages, now);
    });
  }
}

/** The worker's loop, as `rapport worker` runs it while there is work; returns messages per second. */
async function timeWorker(db: BenchDatabase, deps: Deps, options: DeliveryOptions, expected: number): Promise<number> {
  const senders = sendersFor(deps.config);
  const started = performance.now();
  const handled = await drainDue(db.handle.db, deps, senders, options);
  const seconds = (performance.now() - started) / 1000;
  senders.close();
  const left = await db.handle.db
    .selectFrom('outbox')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('status', '!=', 'sent')
    .executeTakeFirstOrThrow();
  if (handled !== expected || Number(left.n) !== 0) throw new Error(`the worker handled ${handled} messages of ${expected}; ${left.n} not sent`);
  return expected / seconds;
}

/**
 * nodemailer alone, same pool, same messages, kept busy: a new message is handed over as soon as one
 * is done, with DIRECT_IN_FLIGHT waiting. (Handing all of them over at once was slower, not faster.)
 */
async function timeDirect(smtpUrl: string, count: number, tag: string): Promise<number> {
  const transport = nodemailer.createTransport({ url: smtpUrl, ...SMTP_POOL });
  const mails = Array.from({ length: count }, (_, i) => {
    const rendered = renderInvitationEmail({
      senderName: `Sender ${i % SENDERS}`,
      message: 'It was good to meet you at the conference; let us keep in touch.',
      acceptUrl: `${PUBLIC_URL}/i/${newToken()}`,
      optOutUrl: `${PUBLIC_URL}/opt-out/${newToken()}`,
      unsubscribeUrl: `${PUBLIC_URL}/api/v1/opt-out/${newToken()}`,
    });
    return {
      from: MAIL_FROM,
      to: `r${i}.${tag}@example.org`,
      subject: rendered.subject,
      text: rendered.text,
      html: rendered.html,
      messageId: messageIdOf({ id: newId() }, MAIL_FROM),
      headers: { 'List-Unsubscribe': `<${rendered.unsubscribeUrl}>`, 'List-Unsubscribe-Post': 'List-Unsubscribe=One-Click' },
    };
  });
  const started = performance.now();
  let next = 0;
  await Promise.all(
    Array.from({ length: DIRECT_IN_FLIGHT }, async () => {
      while (next < mails.length) await transport.sendMail(mails[next++]!);
    }),
  );
  const seconds = (performance.now() - started) / 1000;
  transport.close();
  return count / seconds;
}

const perMessage = (cpus: Cpu[]) => ({
  self: median(cpus.map((c) => (c.self * 1000) / MESSAGES)),
  sink: median(cpus.map((c) => (c.sink * 1000) / MESSAGES)),
  database: median(cpus.map((c) => (c.database * 1000) / MESSAGES)),
});

const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  const mid = Math.floor(s.length / 2);
  return s.length % 2 ? s[mid]! : (s[mid - 1]! + s[mid]!) / 2;
};

async function benchDialect(dialect: DialectName, sink: Sink, serverUrl?: string) {
  const smtpUrl = sink.url;
  const db = await createDatabase(dialect, serverUrl);
  try {
    const config = loadConfig({ DATABASE_URL: db.url, SMTP_URL: smtpUrl, MAIL_FROM, PUBLIC_URL, LOG_LEVEL: 'silent' });
    const deps: Deps = { config, clock: systemClock, dialect };
    const base = deliveryOptions(config, dialect);
    const options: DeliveryOptions = {
      ...base,
      batchSize: Number(process.env.BENCH_BATCH ?? base.batchSize),
      concurrency: Number(process.env.BENCH_CONCURRENCY ?? base.concurrency),
      lanes: Number(process.env.BENCH_LANES ?? base.lanes),
    };
    const senderIds: string[] = [];
    for (let i = 0; i < SENDERS; i++) {
      const id = newId();
      await insertMember(db.handle.db, {
        id,
        email: `sender${i}.${id.toLowerCase()}@example.test`,
        name: `Sender ${i}`,
        passwordHash: 'x',
        role: 'member',
        balance: 3000,
        createdAt: iso(new Date()),
      });
      senderIds.push(id);
    }
    // Warm-up (connections, JIT), not counted.
    await seed(db, deps, senderIds, 200, 'warm');
    await timeWorker(db, deps, options, 200);
    await timeDirect(smtpUrl, 200, 'warm');

    const worker: number[] = [];
    const direct: number[] = [];
    const workerCpu: Cpu[] = [];
    const directCpu: Cpu[] = [];
    for (let round = 0; round < ROUNDS; round++) {
      await seed(db, deps, senderIds, MESSAGES, `w${round}`);
      const runWorker = async () => {
        const { result, cpu } = await withCpu(sink, db.name, () => timeWorker(db, deps, options, MESSAGES));
        worker.push(result);
        workerCpu.push(cpu);
      };
      const runDirect = async () => {
        const { result, cpu } = await withCpu(sink, db.name, () => timeDirect(smtpUrl, MESSAGES, `d${round}`));
        direct.push(result);
        directCpu.push(cpu);
      };
      if (round % 2 === 0) {
        await runDirect();
        await runWorker();
      } else {
        await runWorker();
        await runDirect();
      }
      console.log(
        `  ${dialect} round ${round + 1}: nodemailer ${direct.at(-1)!.toFixed(0)}/s, worker ${worker.at(-1)!.toFixed(0)}/s (${((worker.at(-1)! / direct.at(-1)!) * 100).toFixed(0)}%)`,
      );
    }
    return {
      dialect,
      options,
      direct: median(direct),
      worker: median(worker),
      ratio: median(worker.map((w, i) => w / direct[i]!)),
      ratios: worker.map((w, i) => w / direct[i]!),
      // CPU per message in microseconds, medians of the rounds.
      directCpu: perMessage(directCpu),
      workerCpu: perMessage(workerCpu),
    };
  } finally {
    await db.drop();
  }
}

async function main() {
  const serverUrl = process.env.BENCH_DATABASE_URL ?? process.env.TEST_DATABASE_URL;
  console.log(
    `Delivery benchmark: ${ROUNDS} rounds of ${MESSAGES} messages; ${cpus().length} × ${cpus()[0]?.model ?? 'unknown CPU'}, ${Math.round(totalmem() / 2 ** 30)} GiB, Node ${process.version}`,
  );
  const sink = await startSink();
  const results = [];
  try {
    results.push(await benchDialect('sqlite', sink));
    if (serverUrl) results.push(await benchDialect('postgres', sink, serverUrl));
  } finally {
    sink.stop();
  }
  console.log(
    '\n| database | batch × lanes, concurrency | nodemailer alone, median (msg/s) | worker, median (msg/s) | worker / nodemailer, median of rounds (each round) |',
  );
  console.log('| --- | --- | --- | --- | --- |');
  for (const r of results) {
    const each = r.ratios.map((x) => `${(x * 100).toFixed(0)}`).join(', ');
    console.log(
      `| ${r.dialect} | ${r.options.batchSize} × ${r.options.lanes}, ${r.options.concurrency} | ${r.direct.toFixed(0)} | ${r.worker.toFixed(0)} | ${(r.ratio * 100).toFixed(0)}% (${each}) |`,
    );
  }
  console.log('\nCPU per message (µs, median of rounds): sender process + SMTP server + PostgreSQL backends = total\n');
  console.log('| database | nodemailer alone | worker |');
  console.log('| --- | --- | --- |');
  const cpuText = (c: { self: number; sink: number; database: number }) =>
    `${c.self.toFixed(0)} + ${c.sink.toFixed(0)} + ${c.database.toFixed(0)} = ${(c.self + c.sink + c.database).toFixed(0)}`;
  for (const r of results) console.log(`| ${r.dialect} | ${cpuText(r.directCpu)} | ${cpuText(r.workerCpu)} |`);
}

if (process.argv[2] === 'sink') runSink();
else await main();
