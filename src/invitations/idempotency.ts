/**
 * `Idempotency-Key`: the same key with the same body within 24 hours gets the first reply and
 * sends nothing twice; with another body it is refused.
 */
import { type Db, type Trx, transact } from '../db/database.js';
import { isUniqueViolation } from '../db/database.js';
import { AppError, ERROR_STATUS, isErrorCode, ReplayedRefusal } from '../errors.js';
import { addMs, type Clock, iso } from '../shared/clock.js';
import { sha256 } from '../shared/crypto.js';
import {
  claimIdempotencyKey,
  deleteIdempotencyKey,
  deleteIdempotencyKeyMadeAt,
  findIdempotencyKey,
  insertIdempotentRefusal,
  storeIdempotentReply,
} from './idempotency-store.js';

const IDEMPOTENCY_WINDOW_MS = 24 * 3_600_000;

/** The reply of a request made under a key: its body, and whether it is the first reply replayed. */
export interface Replayable<T> {
  body: T;
  replayed: boolean;
}

/** What a key holds once its request is done: the first reply's body, or the refusal it got. */
type Stored<T> = { kind: 'reply'; body: T } | { kind: 'refusal'; error: ReplayedRefusal };

/** The body of a stored refusal, read back as the error it was (a reply the server wrote itself). */
function refusalOf(response: string): ReplayedRefusal {
  const body = JSON.parse(response) as { error?: { code?: unknown; message?: unknown; details?: Record<string, unknown> } };
  const { code, message, details } = body.error ?? {};
  if (!isErrorCode(code) || typeof message !== 'string') throw new Error('An idempotency key holds a refusal that is not an error reply.');
  return new ReplayedRefusal(code, message, details);
}

/** Replays what a key holds: its reply, or its refusal thrown again. */
function replay<T>(stored: Stored<T>): Replayable<T> {
  if (stored.kind === 'refusal') throw stored.error;
  return { body: stored.body, replayed: true };
}

function canonical(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonical).join(',')}]`;
  if (value && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : 1));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonical(v)}`).join(',')}}`;
  }
  return JSON.stringify(value ?? null);
}

/** Checks the key and returns the hash that ties it to this request body. */
function requestHash(key: string, request: unknown): string {
  if (key.length < 1 || key.length > 255) throw new AppError('validation_failed', 'Idempotency-Key: must be 1 to 255 characters.');
  return sha256(canonical(request));
}

async function storedReply<T>(db: Db, memberId: string, key: string, hash: string, now: Date): Promise<Stored<T> | 'none'> {
  const row = await findIdempotencyKey(db, memberId, key);
  if (!row) return 'none';
  if (row.created_at <= iso(addMs(now, -IDEMPOTENCY_WINDOW_MS))) {
    await deleteIdempotencyKeyMadeAt(db, memberId, key, row.created_at);
    return 'none';
  }
  if (row.request_hash !== hash) {
    throw new AppError('idempotency_key_reused', 'This Idempotency-Key was already used with a different request body.');
  }
  if (row.status_code === null || row.response === null) {
    throw new AppError('idempotency_key_in_use', 'A request with this Idempotency-Key is still being processed; retry shortly.');
  }
  if (row.status_code >= 400) return { kind: 'refusal', error: refusalOf(row.response) };
  // The reply this route wrote for the key's first request, so of the route's reply type.
  return { kind: 'reply', body: JSON.parse(row.response) as T };
}

/**
 * Runs `work` in a transaction that also claims the key and stores its reply (sent with `status`),
 * so a reply exists exactly when the work was committed. A refusal is stored too, and replayed as it
 * was: thrown again as a ReplayedRefusal.
 */
export async function idempotent<T>(
  db: Db,
  clock: Clock,
  memberId: string,
  key: string | undefined,
  request: unknown,
  status: number,
  work: (trx: Trx) => Promise<T>,
): Promise<Replayable<T>> {
  if (key === undefined) return { body: await transact(db, work), replayed: false };
  const hash = requestHash(key, request);
  for (let attempt = 0; attempt < 3; attempt++) {
    const now = clock.now();
    const stored = await storedReply<T>(db, memberId, key, hash, now);
    if (stored !== 'none') return replay(stored);
    try {
      const body = await transact(db, async (trx) => {
        await claimIdempotencyKey(trx, memberId, key, hash, iso(now));
        const result = await work(trx);
        await storeIdempotentReply(trx, memberId, key, status, JSON.stringify(result));
        return result;
      });
      return { body, replayed: false };
    } catch (error) {
      if (error instanceof AppError && ERROR_STATUS[error.code] < 500 && error.code !== 'validation_failed') {
        const body = { error: { code: error.code, message: error.message, ...(error.details ? { details: error.details } : {}) } };
        await insertIdempotentRefusal(db, memberId, key, hash, ERROR_STATUS[error.code], JSON.stringify(body), iso(now));
        throw error;
      }
      // Another request with the same key committed first: replay its reply.
      if (isUniqueViolation(error)) continue;
      throw error;
    }
  }
  throw new AppError('idempotency_key_in_use', 'A request with this Idempotency-Key is still being processed; retry shortly.');
}

/**
 * For work that spans several transactions (a batch): the key is claimed first, the reply stored
 * after. A crash in between leaves the key claimed, and a retry is told it is still in progress
 * rather than repeating the work.
 */
export async function idempotentClaimed<T>(
  db: Db,
  clock: Clock,
  memberId: string,
  key: string,
  request: unknown,
  status: number,
  work: () => Promise<T>,
): Promise<Replayable<T>> {
  const hash = requestHash(key, request);
  const now = clock.now();
  const stored = await storedReply<T>(db, memberId, key, hash, now);
  if (stored !== 'none') return replay(stored);
  try {
    await claimIdempotencyKey(db, memberId, key, hash, iso(now));
  } catch (error) {
    if (!isUniqueViolation(error)) throw error;
    const again = await storedReply<T>(db, memberId, key, hash, now);
    if (again !== 'none') return replay(again);
    throw new AppError('idempotency_key_in_use', 'A request with this Idempotency-Key is still being processed; retry shortly.');
  }
  try {
    const body = await work();
    await storeIdempotentReply(db, memberId, key, status, JSON.stringify(body));
    return { body, replayed: false };
  } catch (error) {
    await deleteIdempotencyKey(db, memberId, key);
    throw error;
  }
}
