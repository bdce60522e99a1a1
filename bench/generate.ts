/**
 * Generates the benchmark database (see dataset.ts) with Rapport's own migrations, then writes the
 * rows directly: prepared statements in one transaction on SQLite, `INSERT … SELECT FROM unnest(…)`
 * batches on PostgreSQL. The result is cached (a file under bench/.data, or a template database on
 * the PostgreSQL server) and every run starts from a fresh copy of it.
 *
 * Run alone: `node --import tsx bench/generate.ts [sqlite|postgres]`.
 */
import { copyFileSync, existsSync, mkdirSync, renameSync, rmSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import SQLite from 'better-sqlite3';
import pg from 'pg';
import { sql } from 'kysely';
import { type DialectName, migrate, openDatabase } from '../src/db/database.js';
import { hashPassword } from '../src/members/passwords.js';
import {
  allInvitations,
  BALANCE,
  DATASET_VERSION,
  INVITATION_COLUMNS,
  MAX_DATASET_AGE_MS,
  memberSeed,
  NEWCOMERS,
  OUTBOX_COLUMNS,
  outboxSeeds,
  RECIPIENTS,
  SENDERS,
  senderToken,
  tokenHash,
} from './dataset.js';

export const DATA_DIR = join(dirname(fileURLToPath(import.meta.url)), '.data');
const BATCH = 5_000;

type Row = Record<string, string | number | null>;

interface TableSpec {
  columns: readonly string[];
  /** PostgreSQL array element type of each column, for unnest(). */
  types: readonly ('text' | 'int')[];
}

const TABLES: Record<string, TableSpec> = {
  members: {
    columns: ['id', 'email', 'name', 'headline', 'phone', 'password_hash', 'role', 'invitation_balance', 'restricted_at', 'findable_by_email', 'created_at'],
    types: ['text', 'text', 'text', 'text', 'text', 'text', 'text', 'int', 'text', 'int', 'text'],
  },
  auth_tokens: {
    columns: ['token_hash', 'member_id', 'kind', 'created_at', 'expires_at'],
    types: ['text', 'text', 'text', 'text', 'text'],
  },
  invitations: {
    columns: INVITATION_COLUMNS,
    types: INVITATION_COLUMNS.map((c) => (c === 'sender_read' || c === 'recipient_read' ? 'int' : 'text')),
  },
  outbox: {
    columns: OUTBOX_COLUMNS,
    types: OUTBOX_COLUMNS.map((c) => (c === 'attempts' ? 'int' : 'text')),
  },
  connections: {
    columns: ['member_a', 'member_b', 'invitation_id', 'created_at'],
    types: ['text', 'text', 'text', 'text'],
  },
  audit_log: {
    columns: ['at', 'actor_id', 'action', 'subject_member_id', 'invitation_id', 'path', 'details'],
    types: ['text', 'text', 'text', 'text', 'text', 'text', 'text'],
  },
  feature_flags: {
    columns: ['key', 'rollout_percent', 'allow_ids', 'deny_ids', 'updated_at'],
    types: ['text', 'int', 'text', 'text', 'text'],
  },
};

type Writer = (table: string, rows: Row[]) => Promise<void>;

export interface DatasetMeta {
  version: number;
  generatedAt: string;
  members: number;
  invitations: number;
  generationSeconds: number;
}

/** Streams every row of the dataset to `write`, in batches. */
async function produce(write: Writer, now: number): Promise<{ invitations: number; members: number }> {
  const nowIso = new Date(now).toISOString();
  const passwordHash = await hashPassword('bench-password');
  const buffers = new Map<string, Row[]>();
  const push = async (table: string, row: Row) => {
    let list = buffers.get(table);
    if (!list) buffers.set(table, (list = []));
    list.push(row);
    if (list.length >= BATCH) {
      buffers.set(table, []);
      await write(table, list);
    }
  };
  const flush = async () => {
    for (const [table, rows] of buffers) if (rows.length > 0) await write(table, rows);
    buffers.clear();
  };

  const recipientEmails = new Map<string, string>();
  let members = 0;
  const groups = [
    ['sender', SENDERS],
    ['recipient', RECIPIENTS],
    ['newcomer', NEWCOMERS],
  ] as const;
  for (const [kind, count] of groups) {
    for (let i = 0; i < count; i++) {
      const m = memberSeed(kind, i, now);
      if (kind === 'recipient') recipientEmails.set(m.id, m.email);
      members++;
      await push('members', {
        ...m,
        phone: null,
        password_hash: passwordHash,
        role: 'member',
        invitation_balance: BALANCE,
        restricted_at: null,
        findable_by_email: 1,
      });
    }
  }
  await flush();
  for (let i = 0; i < SENDERS; i++) {
    await push('auth_tokens', {
      token_hash: tokenHash(senderToken(i)),
      member_id: memberSeed('sender', i, now).id,
      kind: 'bearer',
      created_at: nowIso,
      expires_at: new Date(now + 365 * 86_400_000).toISOString(),
    });
  }
  await flush();

  let invitations = 0;
  for (const inv of allInvitations(now)) {
    invitations++;
    await push('invitations', inv as unknown as Row);
    for (const o of outboxSeeds(inv, inv.recipient_member_id ? (recipientEmails.get(inv.recipient_member_id) ?? null) : null, now)) {
      await push('outbox', o as unknown as Row);
    }
    if (inv.status === 'accepted' && inv.recipient_member_id) {
      const [a, b] = inv.sender_id < inv.recipient_member_id ? [inv.sender_id, inv.recipient_member_id] : [inv.recipient_member_id, inv.sender_id];
      await push('connections', { member_a: a, member_b: b, invitation_id: inv.id, created_at: inv.responded_at });
    }
    await push('audit_log', {
      at: inv.created_at,
      actor_id: inv.sender_id,
      action: 'invitation.sent',
      subject_member_id: inv.sender_id,
      invitation_id: inv.id,
      path: 'web',
      details: JSON.stringify({ channel: inv.channel, recipientMemberId: inv.recipient_member_id }),
    });
    if (inv.status === 'withdrawn') {
      await push('audit_log', {
        at: inv.withdrawn_at,
        actor_id: inv.sender_id,
        action: 'invitation.withdrawn',
        subject_member_id: inv.sender_id,
        invitation_id: inv.id,
        path: inv.withdraw_path ?? 'web',
        details: JSON.stringify({ recipientMemberId: inv.recipient_member_id, channel: inv.channel }),
      });
    }
  }
  // Everybody in the benchmark has bulk withdraw; the flag is still read on every bulk request.
  for (const key of ['bulk-withdraw', 'inbox-withdraw']) {
    await push('feature_flags', { key, rollout_percent: key === 'bulk-withdraw' ? 100 : 50, allow_ids: '[]', deny_ids: '[]', updated_at: nowIso });
  }
  await flush();
  return { invitations, members };
}

function progress(label: string): (table: string, n: number) => void {
  const counts = new Map<string, number>();
  let last = Date.now();
  return (table, n) => {
    counts.set(table, (counts.get(table) ?? 0) + n);
    if (Date.now() - last > 10_000) {
      last = Date.now();
      console.log(`  ${label}: ${[...counts].map(([t, c]) => `${t} ${c.toLocaleString('en-US')}`).join(', ')}`);
    }
  };
}

export const SQLITE_SEED = join(DATA_DIR, `sqlite-v${DATASET_VERSION}.db`);

function readSqliteMeta(path: string): DatasetMeta | null {
  if (!existsSync(path)) return null;
  const db = new SQLite(path, { readonly: true });
  try {
    const row = db.prepare(`select value from bench_meta where key = 'meta'`).get() as { value: string } | undefined;
    return row ? (JSON.parse(row.value) as DatasetMeta) : null;
  } catch {
    return null;
  } finally {
    db.close();
  }
}

function fresh(meta: DatasetMeta | null): meta is DatasetMeta {
  return meta !== null && meta.version === DATASET_VERSION && Date.now() - Date.parse(meta.generatedAt) < MAX_DATASET_AGE_MS;
}

/** The generated SQLite file (made, or made again when stale). */
export async function ensureSqliteSeed(): Promise<DatasetMeta> {
  const cached = readSqliteMeta(SQLITE_SEED);
  if (fresh(cached)) return cached;
  mkdirSync(DATA_DIR, { recursive: true });
  const tmp = `${SQLITE_SEED}.tmp`;
  for (const suffix of ['', '-wal', '-shm']) rmSync(tmp + suffix, { force: true });
  console.log('Generating the SQLite dataset (once; cached under bench/.data)…');
  const started = Date.now();
  const handle = openDatabase(`file:${tmp}`);
  await migrate(handle.db);
  await handle.destroy();

  const db = new SQLite(tmp);
  db.pragma('journal_mode = OFF');
  db.pragma('synchronous = OFF');
  db.pragma('cache_size = -1048576');
  db.pragma('temp_store = MEMORY');
  db.pragma('foreign_keys = OFF');
  const statements = new Map<string, SQLite.Statement>();
  const report = progress('sqlite');
  const write: Writer = async (table, rows) => {
    const spec = TABLES[table]!;
    let stmt = statements.get(table);
    if (!stmt) {
      stmt = db.prepare(`insert into ${table} (${spec.columns.join(', ')}) values (${spec.columns.map(() => '?').join(', ')})`);
      statements.set(table, stmt);
    }
    for (const row of rows) stmt.run(spec.columns.map((c) => row[c] ?? null));
    report(table, rows.length);
  };
  const now = Date.now();
  db.exec('begin');
  const counts = await produce(write, now);
  db.exec('create table bench_meta (key text primary key, value text not null)');
  const meta: DatasetMeta = {
    version: DATASET_VERSION,
    generatedAt: new Date(now).toISOString(),
    ...counts,
    generationSeconds: Math.round((Date.now() - started) / 1000),
  };
  db.prepare(`insert into bench_meta (key, value) values ('meta', ?)`).run(JSON.stringify(meta));
  db.exec('commit');
  db.pragma('journal_mode = DELETE');
  db.close();
  renameSync(tmp, SQLITE_SEED);
  console.log(`  done in ${meta.generationSeconds} s`);
  return meta;
}

const SQLITE_COPY = join(DATA_DIR, 'run.db');

/** A fresh working copy of the SQLite dataset; returns its `file:` URL. */
export function copySqliteSeed(): string {
  removeSqliteCopy();
  copyFileSync(SQLITE_SEED, SQLITE_COPY);
  return `file:${SQLITE_COPY}`;
}

export function removeSqliteCopy(): void {
  for (const suffix of ['', '-wal', '-shm']) rmSync(SQLITE_COPY + suffix, { force: true });
}

export const PG_SEED_DB = 'rapport_bench_seed';
export const PG_RUN_DB = 'rapport_bench';

export function databaseUrl(serverUrl: string, name: string): string {
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  return url.toString();
}

async function withClient<T>(url: string, fn: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return await fn(client);
  } finally {
    await client.end();
  }
}

async function readPgMeta(serverUrl: string): Promise<DatasetMeta | null> {
  const exists = await withClient(serverUrl, (c) => c.query('select 1 from pg_database where datname = $1', [PG_SEED_DB]));
  if (exists.rowCount === 0) return null;
  try {
    return await withClient(databaseUrl(serverUrl, PG_SEED_DB), async (c) => {
      const r = await c.query<{ value: string }>(`select value from bench_meta where key = 'meta'`);
      return r.rows[0] ? (JSON.parse(r.rows[0].value) as DatasetMeta) : null;
    });
  } catch {
    return null;
  }
}

/** The generated template database on the PostgreSQL server at `serverUrl` (made when missing or stale). */
export async function ensurePostgresSeed(serverUrl: string): Promise<DatasetMeta> {
  const cached = await readPgMeta(serverUrl);
  if (fresh(cached)) return cached;
  console.log(`Generating the PostgreSQL dataset (once; kept as database ${PG_SEED_DB})…`);
  const started = Date.now();
  await withClient(serverUrl, async (c) => {
    await c.query(`drop database if exists ${PG_SEED_DB} with (force)`);
    await c.query(`create database ${PG_SEED_DB}`);
  });
  const seedUrl = databaseUrl(serverUrl, PG_SEED_DB);
  const handle = openDatabase(seedUrl);
  await migrate(handle.db);
  await handle.destroy();

  const now = Date.now();
  const meta = await withClient(seedUrl, async (c) => {
    await c.query('set synchronous_commit = off');
    await c.query('begin');
    const report = progress('postgres');
    const write: Writer = async (table, rows) => {
      const spec = TABLES[table]!;
      const arrays = spec.columns.map((col) => rows.map((r) => r[col] ?? null));
      const unnest = spec.types.map((t, i) => `$${i + 1}::${t === 'int' ? 'integer' : 'text'}[]`).join(', ');
      await c.query(`insert into ${table} (${spec.columns.join(', ')}) select * from unnest(${unnest})`, arrays);
      report(table, rows.length);
    };
    const counts = await produce(write, now);
    await c.query('create table bench_meta (key text primary key, value text not null)');
    const m: DatasetMeta = {
      version: DATASET_VERSION,
      generatedAt: new Date(now).toISOString(),
      ...counts,
      generationSeconds: 0,
    };
    await c.query('commit');
    await c.query('vacuum analyze');
    m.generationSeconds = Math.round((Date.now() - started) / 1000);
    await c.query(`insert into bench_meta (key, value) values ('meta', $1)`, [JSON.stringify(m)]);
    return m;
  });
  console.log(`  done in ${meta.generationSeconds} s`);
  return meta;
}

/** A fresh working copy of the PostgreSQL dataset (a database made from the template); returns its URL. */
export async function copyPostgresSeed(serverUrl: string): Promise<string> {
  await withClient(serverUrl, async (c) => {
    await c.query(`drop database if exists ${PG_RUN_DB} with (force)`);
    const version = Number((await c.query<{ v: string }>('show server_version_num')).rows[0]!.v);
    // FILE_COPY (PostgreSQL 15+) copies the files instead of logging every block: seconds, not minutes.
    await c.query(`create database ${PG_RUN_DB} template ${PG_SEED_DB}${version >= 150000 ? ' strategy file_copy' : ''}`);
  });
  return databaseUrl(serverUrl, PG_RUN_DB);
}

export async function dropPostgresCopy(serverUrl: string): Promise<void> {
  await withClient(serverUrl, (c) => c.query(`drop database if exists ${PG_RUN_DB} with (force)`));
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const which = process.argv[2] ?? 'sqlite';
  const serverUrl = process.env.BENCH_DATABASE_URL ?? process.env.TEST_DATABASE_URL;
  if (which === 'postgres') {
    if (!serverUrl) throw new Error('Set BENCH_DATABASE_URL to a PostgreSQL server URL.');
    console.log(await ensurePostgresSeed(serverUrl));
  } else {
    console.log(await ensureSqliteSeed());
  }
}

/** Where a case's own database lives: a file under bench/.data, or a database on the server. */
export interface CaseDatabase {
  dialect: DialectName;
  serverUrl: string | undefined;
  sqliteFile: string;
  pgName: string;
}

/**
 * A new, migrated, empty database for a case (heavy, messaging) that grows it while the servers
 * have it open; on PostgreSQL with autovacuum off for `unvacuumed`, so it is never analysed.
 */
export async function createCaseDatabase(place: CaseDatabase, unvacuumed: readonly string[]): Promise<string> {
  let url: string;
  if (place.dialect === 'sqlite') {
    mkdirSync(DATA_DIR, { recursive: true });
    for (const suffix of ['', '-wal', '-shm']) rmSync(place.sqliteFile + suffix, { force: true });
    url = `file:${place.sqliteFile}`;
  } else {
    const admin = new pg.Client({ connectionString: place.serverUrl });
    await admin.connect();
    await admin.query(`drop database if exists ${place.pgName} with (force)`);
    await admin.query(`create database ${place.pgName}`);
    await admin.end();
    url = databaseUrl(place.serverUrl!, place.pgName);
  }
  const handle = openDatabase(url);
  await migrate(handle.db);
  if (place.dialect === 'postgres') {
    for (const table of unvacuumed) await sql`alter table ${sql.table(table)} set (autovacuum_enabled = false)`.execute(handle.db);
  }
  await handle.destroy();
  return url;
}

/** Removes what createCaseDatabase made. */
export async function dropCaseDatabase(place: CaseDatabase): Promise<void> {
  if (place.dialect === 'sqlite') {
    for (const suffix of ['', '-wal', '-shm']) rmSync(place.sqliteFile + suffix, { force: true });
    return;
  }
  const admin = new pg.Client({ connectionString: place.serverUrl });
  await admin.connect();
  await admin.query(`drop database if exists ${place.pgName} with (force)`);
  await admin.end();
}
