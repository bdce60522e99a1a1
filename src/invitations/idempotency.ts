/**
 * `Idempotency-Key`: the same key with the same body within 24 hours gets the first reply and
 * sends nothing twice; with another body it is refused.
 */
import { type Db, type Trx, transact } from '../db/database.js';
import { isUniqueViolation } from '../db/database.js';
import { AppError, ERROR_STATUS } from '../errors.js';
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

export interface StoredReply {
  status: number;
  body: unknown;
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

async function storedReply(db: Db, memberId: string, key: string, hash: string, now: Date): Promise<StoredReply | 'none'> {
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
  return { status: row.status_code, body: JSON.parse(row.response) };
}

/**
 * Runs `work` in a transaction that also claims the key and stores the reply, so a reply exists
 * exactly when the work was committed. A refusal is stored too, and replayed as it was.
 */
export async function idempotent(
  db: Db,
  clock: Clock,
  memberId: string,
  key: string | undefined,
  request: unknown,
  work: (trx: Trx) => Promise<StoredReply>,
): Promise<StoredReply & { replayed: boolean }> {
  if (key === undefined) return { ...(await transact(db, work)), replayed: false };
  const hash = requestHash(key, request);
  for (let attempt = 0; attempt < 3; attempt++) {
    const now = clock.now();
    const stored = await storedReply(db, memberId, key, hash, now);
    if (stored !== 'none') return { ...stored, replayed: true };
    try {
      const reply = await transact(db, async (trx) => {
        await claimIdempotencyKey(trx, memberId, key, hash, iso(now));
        const result = await work(trx);
        await storeIdempotentReply(trx, memberId, key, result.status, JSON.stringify(result.body));
        return result;
      });
      return { ...reply, replayed: false };
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
export async function idempotentClaimed(
  db: Db,
  clock: Clock,
  memberId: string,
  key: string,
  request: unknown,
  work: () => Promise<StoredReply>,
): Promise<StoredReply & { replayed: boolean }> {
  const hash = requestHash(key, request);
  const now = clock.now();
  const stored = await storedReply(db, memberId, key, hash, now);
  if (stored !== 'none') return { ...stored, replayed: true };
  try {
    await claimIdempotencyKey(db, memberId, key, hash, iso(now));
  } catch (error) {
    if (!isUniqueViolation(error)) throw error;
    const again = await storedReply(db, memberId, key, hash, now);
    if (again !== 'none') return { ...again, replayed: true };
    throw new AppError('idempotency_key_in_use', 'A request with this Idempotency-Key is still being processed; retry shortly.');
  }
  try {
    const reply = await work();
    await storeIdempotentReply(db, memberId, key, reply.status, JSON.stringify(reply.body));
    return { ...reply, replayed: false };
  } catch (error) {
    await deleteIdempotencyKey(db, memberId, key);
    throw error;
  }
}
