/**
 * Rate limits kept in the database, so a limit holds across every process serving the API
 * (fixed windows, counted by one upsert).
 */
import type { Db } from '../db/database.js';
import { AppError } from '../errors.js';

/** Counts one hit on `key`; returns the hits in the current window and the ms left in it. */
async function countHit(db: Db, key: string, windowMs: number): Promise<{ current: number; ttl: number }> {
  const now = Date.now();
  const row = await db
    .insertInto('rate_limits')
    .values({ key: key.slice(0, 400), count: 1, reset_at: now + windowMs })
    .onConflict((oc) =>
      oc.column('key').doUpdateSet((eb) => ({
        count: eb
          .case()
          .when('rate_limits.reset_at', '<=', now)
          .then(1)
          .else(eb('rate_limits.count', '+', 1))
          .end(),
        reset_at: eb
          .case()
          .when('rate_limits.reset_at', '<=', now)
          .then(now + windowMs)
          .else(eb.ref('rate_limits.reset_at'))
          .end(),
      })),
    )
    .returning(['count', 'reset_at'])
    .executeTakeFirstOrThrow();
  return { current: Number(row.count), ttl: Math.max(0, Number(row.reset_at) - now) };
}

/** Throws `rate_limited` once `key` has been hit more than `max` times in its window. */
export async function enforceLimit(db: Db, key: string, max: number, windowMs: number): Promise<void> {
  const { current, ttl } = await countHit(db, key, windowMs);
  if (current > max) {
    const seconds = Math.max(1, Math.ceil(ttl / 1000));
    throw new AppError('rate_limited', `Too many attempts; try again in ${seconds} seconds.`, { retryAfterSeconds: seconds });
  }
}

type Callback = (error: Error | null, result?: { current: number; ttl: number }) => void;

/** A store for @fastify/rate-limit over countHit, one key space per route. */
export function databaseRateLimitStore(db: Db) {
  return class DatabaseRateLimitStore {
    readonly #prefix: string;
    constructor(prefix: unknown = 'global') {
      this.#prefix = typeof prefix === 'string' ? prefix : 'global';
    }

    incr(key: string, callback: Callback, timeWindow = 60_000): void {
      countHit(db, `${this.#prefix}:${key}`, timeWindow).then(
        (result) => callback(null, result),
        (error: Error) => callback(error),
      );
    }

    child(routeOptions: object) {
      const route = (routeOptions as { routeInfo?: { url?: string; method?: string } }).routeInfo;
      return new DatabaseRateLimitStore(route?.url ? `${route.method} ${route.url}` : this.#prefix);
    }
  };
}
