/**
 * Real databases for tests: SQLite always, PostgreSQL whenever TEST_DATABASE_URL is set. Each call
 * gets a database of its own (a temporary file, or a fresh PostgreSQL database on that server),
 * so test files run in parallel and need no cleanup between tests.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { type DatabaseHandle, type DialectName, migrate, openDatabase } from '../../src/db/database.js';

export const DIALECTS: DialectName[] = process.env.TEST_DATABASE_URL ? ['sqlite', 'postgres'] : ['sqlite'];

export interface TestDatabase extends DatabaseHandle {
  url: string;
  /** Destroys the handle and deletes the database. */
  drop(): Promise<void>;
}

function adminUrl(): string {
  const url = process.env.TEST_DATABASE_URL;
  if (!url) throw new Error('TEST_DATABASE_URL is not set');
  return url;
}

/** A new database of `dialect`, migrated unless `migrated: false`. */
export async function createTestDatabase(dialect: DialectName, options: { poolSize?: number; migrated?: boolean } = {}): Promise<TestDatabase> {
  if (dialect === 'sqlite') {
    const dir = mkdtempSync(join(tmpdir(), 'rapport-test-'));
    const url = `file:${join(dir, 'test.db')}`;
    const handle = openDatabase(url);
    if (options.migrated !== false) await migrate(handle.db);
    return {
      ...handle,
      url,
      async drop() {
        await handle.destroy();
        rmSync(dir, { recursive: true, force: true });
      },
    };
  }
  const name = `rapport_t_${Date.now().toString(36)}_${Math.random().toString(36).slice(2, 8)}`;
  const admin = new pg.Client({ connectionString: adminUrl() });
  await admin.connect();
  await admin.query(`create database ${name}`);
  await admin.end();
  const url = new URL(adminUrl());
  url.pathname = `/${name}`;
  const handle = openDatabase(url.toString(), { poolSize: options.poolSize ?? 10 });
  if (options.migrated !== false) await migrate(handle.db);
  return {
    ...handle,
    url: url.toString(),
    async drop() {
      await handle.destroy();
      const client = new pg.Client({ connectionString: adminUrl() });
      await client.connect();
      await client.query(`drop database if exists ${name} with (force)`);
      await client.end();
    },
  };
}

/**
 * Deadlocks PostgreSQL has detected in this test database (0 on SQLite, which cannot deadlock). The
 * count is flushed by each server process as it exits: read it once the processes are stopped.
 * A transaction that deadlocked is retried and may well succeed, so this is how a test sees one.
 */
export async function deadlocksIn(database: TestDatabase): Promise<number> {
  if (database.dialect !== 'postgres') return 0;
  const name = new URL(database.url).pathname.slice(1);
  const client = new pg.Client({ connectionString: adminUrl() });
  await client.connect();
  try {
    const { rows } = await client.query<{ deadlocks: number }>('select deadlocks from pg_stat_database where datname = $1', [name]);
    return Number(rows[0]?.deadlocks ?? 0);
  } finally {
    await client.end();
  }
}
