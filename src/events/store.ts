/**
 * Each member's stream of live events: written in the same transaction as the change they tell of,
 * numbered per member in commit order, and announced once committed (PostgreSQL NOTIFY, delivered
 * on commit; on SQLite the process's own bus). The announcement carries only member ids: whoever
 * listens reads the events themselves.
 */
import { EventEmitter } from 'node:events';
import { sql } from 'kysely';
import { type Db, dialectOf, type Trx } from '../db/database.js';
import type { MemberEventType } from '../db/schema.js';

/** The PostgreSQL channel events are announced on. */
export const EVENTS_CHANNEL = 'rapport_events';

/**
 * On SQLite (one process, one connection whose statements take turns) events are announced here. A
 * listener's read queues behind the writing transaction, so it sees the events once they commit.
 */
export const localEventBus = new EventEmitter();
localEventBus.setMaxListeners(0);

export interface NewEvent {
  memberId: string;
  type: MemberEventType;
  data: unknown;
}

export interface StoredEvent {
  seq: number;
  type: MemberEventType;
  data: string;
}

/** Member ids per NOTIFY payload (PostgreSQL's limit is 8,000 bytes; ids are 22 characters). */
const IDS_PER_NOTIFY = 200;
/** Rows per statement: well within both databases' limits on parameters (an expiry sweep may write thousands). */
const CHUNK = 500;

/**
 * Records events in the caller's transaction. Call it once per transaction, after its other writes:
 * it locks each member's counter (in member id order, so two such transactions never deadlock) until
 * the transaction ends, which is what makes the numbers follow commit order.
 */
export async function recordEvents(trx: Trx, events: NewEvent[], now: string): Promise<void> {
  if (events.length === 0) return;
  const counts = new Map<string, number>();
  for (const e of events) counts.set(e.memberId, (counts.get(e.memberId) ?? 0) + 1);
  const memberIds = [...counts.keys()].sort();
  // The first number of each member's events in this transaction.
  const next = new Map<string, number>();
  // Chunks in id order keep the locks in id order.
  for (let i = 0; i < memberIds.length; i += CHUNK) {
    const counters = await trx
      .insertInto('member_event_counters')
      .values(memberIds.slice(i, i + CHUNK).map((id) => ({ member_id: id, last_seq: counts.get(id)! })))
      .onConflict((oc) => oc.column('member_id').doUpdateSet((eb) => ({ last_seq: eb('member_event_counters.last_seq', '+', eb.ref('excluded.last_seq')) })))
      .returning(['member_id', 'last_seq'])
      .execute();
    for (const c of counters) next.set(c.member_id, Number(c.last_seq) - counts.get(c.member_id)! + 1);
  }
  const rows = events.map((e) => {
    const seq = next.get(e.memberId)!;
    next.set(e.memberId, seq + 1);
    return { member_id: e.memberId, seq, type: e.type, data: JSON.stringify(e.data), created_at: now };
  });
  for (let i = 0; i < rows.length; i += CHUNK)
    await trx
      .insertInto('member_events')
      .values(rows.slice(i, i + CHUNK))
      .execute();
  if (dialectOf(trx) === 'postgres') {
    for (let i = 0; i < memberIds.length; i += IDS_PER_NOTIFY) {
      await sql`select pg_notify(${EVENTS_CHANNEL}, ${memberIds.slice(i, i + IDS_PER_NOTIFY).join(',')})`.execute(trx);
    }
  } else {
    setImmediate(() => localEventBus.emit('events', memberIds));
  }
}

/** The member's events after `afterSeq`, oldest first, at most `limit`. */
export async function eventsAfter(db: Db, memberId: string, afterSeq: number, limit: number): Promise<StoredEvent[]> {
  const rows = await db
    .selectFrom('member_events')
    .select(['seq', 'type', 'data'])
    .where('member_id', '=', memberId)
    .where('seq', '>', afterSeq)
    .orderBy('seq')
    .limit(limit)
    .execute();
  return rows.map((r) => ({ seq: Number(r.seq), type: r.type, data: r.data }));
}

/** The number of the member's latest event (0 before the first). */
export async function latestEventSeq(db: Db, memberId: string): Promise<number> {
  const row = await db.selectFrom('member_event_counters').select('last_seq').where('member_id', '=', memberId).executeTakeFirst();
  return Number(row?.last_seq ?? 0);
}

/** Deletes events written before `before`; returns how many. */
export async function pruneEvents(db: Db, before: string): Promise<number> {
  const result = await db.deleteFrom('member_events').where('created_at', '<', before).executeTakeFirst();
  return Number(result.numDeletedRows);
}
