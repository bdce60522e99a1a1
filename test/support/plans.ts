/** The plans both databases choose for a statement, read as data: which index reads each table, what is sorted, how many rows were read. */
import { type Compilable, CompiledQuery, sql } from 'kysely';
import type { Db } from '../../src/db/database.js';

/** One step of SQLite's EXPLAIN QUERY PLAN, with its children. */
export interface SqliteStep {
  detail: string;
  children: SqliteStep[];
}

export async function sqlitePlan(db: Db, statement: Compilable): Promise<SqliteStep[]> {
  const { sql: text, parameters } = statement.compile();
  const { rows } = await db.executeQuery<{ id: number; parent: number; detail: string }>(CompiledQuery.raw(`explain query plan ${text}`, [...parameters]));
  const steps = new Map<number, SqliteStep>([[0, { detail: '', children: [] }]]);
  for (const row of rows) {
    const step = { detail: row.detail, children: [] };
    steps.set(row.id, step);
    steps.get(row.parent)!.children.push(step);
  }
  return steps.get(0)!.children;
}

export const flatten = (steps: SqliteStep[]): SqliteStep[] => steps.flatMap((s) => [s, ...flatten(s.children)]);

/** A node of PostgreSQL's EXPLAIN (FORMAT JSON). */
export interface PgNode {
  'Node Type': string;
  'Relation Name'?: string;
  'Index Name'?: string;
  'Actual Rows'?: number;
  'Actual Loops'?: number;
  'Rows Removed by Filter'?: number;
  'Rows Removed by Index Recheck'?: number;
  Plans?: PgNode[];
}

export async function pgPlan(db: Db, statement: Compilable, analyse = false): Promise<PgNode> {
  const { sql: text, parameters } = statement.compile();
  const options = analyse ? 'analyze, format json' : 'format json';
  const { rows } = await db.executeQuery<{ 'QUERY PLAN': [{ Plan: PgNode }] }>(CompiledQuery.raw(`explain (${options}) ${text}`, [...parameters]));
  return rows[0]!['QUERY PLAN'][0].Plan;
}

export const pgNodes = (node: PgNode): PgNode[] => [node, ...(node.Plans ?? []).flatMap(pgNodes)];

/** Rows a PostgreSQL plan, run with ANALYZE, read from `table`: those it kept and those its conditions removed, over every loop. */
export function rowsRead(plan: PgNode, table: string): number {
  return pgNodes(plan)
    .filter((n) => n['Relation Name'] === table)
    .reduce(
      (sum, n) => sum + ((n['Actual Rows'] ?? 0) + (n['Rows Removed by Filter'] ?? 0) + (n['Rows Removed by Index Recheck'] ?? 0)) * (n['Actual Loops'] ?? 1),
      0,
    );
}

/** Whether the table's statistics were ever gathered (by ANALYZE, a vacuum, or on SQLite `PRAGMA optimize`). */
export async function analysed(db: Db, dialect: 'sqlite' | 'postgres', table: string): Promise<boolean> {
  if (dialect === 'sqlite') {
    const { rows } = await sql<{ n: number }>`select count(*) as n from sqlite_master where name = 'sqlite_stat1'`.execute(db);
    if (Number(rows[0]!.n) === 0) return false;
    const stats = await sql<{ n: number }>`select count(*) as n from sqlite_stat1 where tbl = ${table}`.execute(db);
    return Number(stats.rows[0]!.n) > 0;
  }
  const { rows } = await sql<{ done: boolean }>`
    select (last_analyze is not null or last_autoanalyze is not null or last_vacuum is not null or last_autovacuum is not null) as done
    from pg_stat_user_tables where relname = ${table}`.execute(db);
  return rows[0]?.done ?? false;
}
