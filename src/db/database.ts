/** Opens the database named by a `file:` or `postgres://` URL, and brings its schema up to date. */
import { mkdirSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import SQLite from 'better-sqlite3';
import {
  CompiledQuery,
  type DatabaseConnection,
  type Driver,
  Kysely,
  Migrator,
  PostgresAdapter,
  PostgresDialect,
  SqliteDialect,
  type SqliteDatabase,
  SqliteDriver,
  sql,
  type Transaction,
} from 'kysely';
import pg from 'pg';
import { migrationProvider } from './migrations/index.js';
import type { Database } from './schema.js';

export type Db = Kysely<Database>;
export type Trx = Transaction<Database>;
export type DialectName = 'sqlite' | 'postgres';

export interface DatabaseHandle {
  readonly db: Db;
  readonly dialect: DialectName;
  destroy(): Promise<void>;
}

// COUNT(*) and bigint columns come back as strings by default; every such value here fits a double.
pg.types.setTypeParser(pg.types.builtins.INT8, (value) => Number(value));

/**
 * SQLite transactions that take the write lock up front (BEGIN IMMEDIATE): a transaction that reads
 * and then writes can then never fail because another connection wrote in between; it waits its turn.
 */
class ImmediateSqliteDriver extends SqliteDriver {
  override async beginTransaction(connection: DatabaseConnection): Promise<void> {
    await connection.executeQuery(CompiledQuery.raw('begin immediate'));
  }
}

class ImmediateSqliteDialect extends SqliteDialect {
  readonly #config: ConstructorParameters<typeof SqliteDialect>[0];
  constructor(config: ConstructorParameters<typeof SqliteDialect>[0]) {
    super(config);
    this.#config = config;
  }
  override createDriver(): Driver {
    return new ImmediateSqliteDriver(this.#config);
  }
}

/**
 * Kysely prepares every statement anew, and compiling SQL costs about as much as running these
 * small queries. The most recently used statements are kept, keyed by their SQL text.
 */
function withStatementCache(sqlite: SQLite.Database, size = 256): SqliteDatabase {
  const cache = new Map<string, SQLite.Statement>();
  return {
    close: () => sqlite.close(),
    prepare(sql: string) {
      let statement = cache.get(sql);
      if (statement) cache.delete(sql);
      else statement = sqlite.prepare(sql);
      cache.set(sql, statement);
      if (cache.size > size) cache.delete(cache.keys().next().value!);
      return statement;
    },
  };
}

export interface OpenOptions {
  /** Connections in the PostgreSQL pool. */
  poolSize?: number;
}

/** Opens a database from its URL: `file:PATH` (SQLite, WAL) or `postgres://…`. */
export function openDatabase(url: string, options: OpenOptions = {}): DatabaseHandle {
  if (url.startsWith('file:')) {
    const raw = url.slice('file:'.length);
    const path = raw === ':memory:' ? raw : resolve(raw);
    if (path !== ':memory:') mkdirSync(dirname(path), { recursive: true });
    const sqlite = new SQLite(path);
    sqlite.pragma('journal_mode = WAL');
    sqlite.pragma('synchronous = NORMAL');
    sqlite.pragma('foreign_keys = ON');
    sqlite.pragma('busy_timeout = 5000');
    // Without statistics the planner reads `status IN (…) AND expires_at > ?` as selective and walks
    // every open invitation for one sender's page (seconds at a million rows). SQLite's advice for
    // long-lived connections: analyse what needs it at open, within a bounded time
    // (https://sqlite.org/pragma.html#pragma_optimize).
    sqlite.pragma('optimize = 0x10002');
    const db = new Kysely<Database>({ dialect: new ImmediateSqliteDialect({ database: withStatementCache(sqlite) }) });
    return { db, dialect: 'sqlite', destroy: () => db.destroy() };
  }
  const pool = new pg.Pool({ connectionString: url, max: options.poolSize ?? 10 });
  // An idle client's error (the server restarting) must not crash the process.
  pool.on('error', () => {});
  const db = new Kysely<Database>({ dialect: new PostgresDialect({ pool }) });
  return { db, dialect: 'postgres', destroy: () => db.destroy() };
}

/** Which database a handle or transaction talks to. */
export function dialectOf(db: Db | Trx): DialectName {
  return db.getExecutor().adapter instanceof PostgresAdapter ? 'postgres' : 'sqlite';
}

/**
 * Keeps SQLite's planner statistics current on a long-lived connection, as its documentation
 * advises (https://sqlite.org/pragma.html#pragma_optimize): ANALYZE runs only on the tables that
 * changed enough to need it. A database that started small and grew would otherwise be planned
 * with no statistics at all until the process restarted. PostgreSQL's autovacuum does this itself.
 */
export async function refreshStatistics(db: Db, dialect: DialectName): Promise<void> {
  if (dialect === 'sqlite') await sql`pragma optimize`.execute(db);
}

/** Applies every pending migration; returns the names applied. */
export async function migrate(db: Db): Promise<string[]> {
  const migrator = new Migrator({ db, provider: migrationProvider });
  const { error, results } = await migrator.migrateToLatest();
  if (error) throw error;
  return (results ?? []).filter((r) => r.status === 'Success').map((r) => r.migrationName);
}

/** True when `error` is a unique-constraint violation, on either database. */
export function isUniqueViolation(error: unknown): boolean {
  if (typeof error !== 'object' || error === null) return false;
  const code = (error as { code?: unknown }).code;
  return code === '23505' || code === 'SQLITE_CONSTRAINT_UNIQUE' || code === 'SQLITE_CONSTRAINT_PRIMARYKEY';
}

/**
 * True when PostgreSQL aborted a transaction only because of its timing — a deadlock (40P01) or a
 * serialization failure (40001) — so running it again from the start is correct.
 */
function isTransientConflict(error: unknown): boolean {
  if (typeof error !== 'object' || error === null) return false;
  const code = (error as { code?: unknown }).code;
  return code === '40P01' || code === '40001';
}

/** Attempts a transaction aborted by a transient conflict gets before the error is let through. */
const CONFLICT_ATTEMPTS = 4;

/**
 * Runs `work` in a transaction, again from the start if PostgreSQL aborts it for a transient
 * conflict. Transactions that hold several invitations lock them in id order, so a deadlock should
 * not happen; this is the guard for the one that does, as PostgreSQL's documentation advises. Only
 * for work whose sole effects are in the database: a transaction that also talks to the outside
 * world must not be repeated.
 */
export async function transact<T>(db: Db, work: (trx: Trx) => Promise<T>, options: { repeatableRead?: boolean } = {}): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      // (SQLite's transactions are serializable already.)
      const transaction = options.repeatableRead ? db.transaction().setIsolationLevel('repeatable read') : db.transaction();
      return await transaction.execute(work);
    } catch (error) {
      if (!isTransientConflict(error) || attempt >= CONFLICT_ATTEMPTS) throw error;
      // A short random pause so the two parties to the conflict do not meet again at once.
      await new Promise((resolve) => setTimeout(resolve, Math.random() * 20 * attempt));
    }
  }
}
