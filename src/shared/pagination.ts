/** Keyset pagination over (created_at, id), newest first. Cursors are opaque to clients. */
import { AppError } from '../errors.js';

export interface Cursor {
  at: string;
  id: string;
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

/** Builds a page from `limit + 1` rows fetched in order: the extra row only says there is more. */
export function toPage<R, T>(rows: R[], limit: number, key: (row: R) => Cursor, present: (row: R) => T): Page<T> {
  const more = rows.length > limit;
  const kept = more ? rows.slice(0, limit) : rows;
  const last = kept[kept.length - 1];
  return { items: kept.map(present), nextCursor: more && last ? encodeCursor(key(last)) : null };
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
