/** Keyset pagination over (created_at, id), newest first. Cursors are opaque to clients. */
import type { Expression, ExpressionBuilder, ReferenceExpression, SelectQueryBuilder, SqlBool, UpdateQueryBuilder } from 'kysely';
import { AppError } from '../errors.js';

export interface Cursor {
  at: string;
  id: string;
}

/** Where a newest-first page ends: at or before `at`, and with an id below `id` where `at` is the same. */
export interface Bound {
  at: string;
  id?: string;
}

/** A reusable piece of a WHERE clause over the tables `TB` (https://kysely.dev/docs/recipes/reusable-helpers). */
export type Condition<DB, TB extends keyof DB> = (eb: ExpressionBuilder<DB, TB>) => Expression<SqlBool>;

interface Narrowable<DB, TB extends keyof DB> {
  where(condition: Condition<DB, TB>): Narrowable<DB, TB>;
}

/** `query` with every one of `conditions`, each its own `where`, so the statement reads `… and a and b`. */
export function whereAll<DB, TB extends keyof DB, O>(
  query: SelectQueryBuilder<DB, TB, O>,
  conditions: readonly Condition<DB, TB>[],
): SelectQueryBuilder<DB, TB, O>;
export function whereAll<DB, UT extends keyof DB, TB extends keyof DB, O>(
  query: UpdateQueryBuilder<DB, UT, TB, O>,
  conditions: readonly Condition<DB, TB>[],
): UpdateQueryBuilder<DB, UT, TB, O>;
export function whereAll<DB, TB extends keyof DB>(query: Narrowable<DB, TB>, conditions: readonly Condition<DB, TB>[]): Narrowable<DB, TB> {
  return conditions.reduce((q, condition) => q.where(condition), query);
}

/** The columns a list is ordered by, newest first: a time, and an id among rows of the same time. */
export interface ListKey<DB, TB extends keyof DB> {
  at: ReferenceExpression<DB, TB>;
  id: ReferenceExpression<DB, TB>;
}

/** Newest first by `key`, `limit + 1` rows (see toPage). */
export function newestFirst<DB, TB extends keyof DB, O>(
  query: SelectQueryBuilder<DB, TB, O>,
  key: ListKey<DB, TB>,
  limit: number,
): SelectQueryBuilder<DB, TB, O> {
  return query
    .orderBy(key.at, 'desc')
    .orderBy(key.id, 'desc')
    .limit(limit + 1);
}

/**
 * The rows of a list ordered newest first by the key (at, id) that come after `bound`: at or before
 * `bound.at`, and, when the bound is a row's cursor, after that row. Two conditions, each for its own
 * `where`: the first, a scalar upper bound on `at`, is a range of an index ordered by (…, at, id),
 * so a page seeks to its first row instead of walking past every newer one.
 */
export function keysetBefore<DB, TB extends keyof DB>(key: ListKey<DB, TB>, bound: Bound | null): Condition<DB, TB>[] {
  if (!bound) return [];
  const { at, id } = bound;
  const upTo: Condition<DB, TB> = (eb) => eb(key.at, '<=', at);
  if (id === undefined) return [upTo];
  return [upTo, (eb) => eb.or([eb(key.at, '<', at), eb(key.id, '<', id)])];
}

export function encodeCursor(cursor: Cursor): string {
  return Buffer.from(JSON.stringify([cursor.at, cursor.id])).toString('base64url');
}

export function decodeCursor(text: string | undefined): Cursor | null {
  if (text === undefined || text === '') return null;
  try {
    const value: unknown = JSON.parse(Buffer.from(text, 'base64url').toString('utf8'));
    if (Array.isArray(value) && value.length === 2 && typeof value[0] === 'string' && typeof value[1] === 'string') {
      return { at: value[0], id: value[1] };
    }
  } catch {
    // fall through to the validation error
  }
  throw new AppError('validation_failed', 'cursor: not a cursor returned by this list.');
}

export interface Page<T> {
  items: T[];
  nextCursor: string | null;
}

/**
 * Builds a page from `limit + 1` rows fetched in order: the extra row only says there is more. The
 * next cursor is the last row's key, written by `encode` (for a list not keyed by (created_at, id)).
 */
export function toPage<R, T>(rows: R[], limit: number, key: (row: R) => Cursor, present: (row: R) => T): Page<T>;
export function toPage<R, T, K>(rows: R[], limit: number, key: (row: R) => K, present: (row: R) => T, encode: (key: K) => string): Page<T>;
export function toPage<R, T, K>(rows: R[], limit: number, key: (row: R) => K, present: (row: R) => T, encode?: (key: K) => string): Page<T> {
  const more = rows.length > limit;
  const kept = more ? rows.slice(0, limit) : rows;
  const last = kept[kept.length - 1];
  const write = encode ?? ((k: K) => encodeCursor(k as Cursor));
  return { items: kept.map(present), nextCursor: more && last ? write(key(last)) : null };
}

/** A cursor over a whole number: the id of the last row of a page, or an offset. */
export function encodeNumberCursor(value: number): string {
  return Buffer.from(String(value)).toString('base64url');
}

/** Reads a cursor of encodeNumberCursor; undefined when there is none. */
export function decodeNumberCursor(text: string | undefined, max = Number.MAX_SAFE_INTEGER): number | undefined {
  if (text === undefined || text === '') return undefined;
  const value = Number(Buffer.from(text, 'base64url').toString('utf8'));
  if (!Number.isSafeInteger(value) || value < 0 || value > max) {
    throw new AppError('validation_failed', 'cursor: not a cursor returned by this list.');
  }
  return value;
}
