/**
 * Each member's ranking of People You May Know, kept so that a page of suggestions does not have to
 * count mutual connections across the member's whole two-hop neighbourhood on every request.
 *
 * A cached ranking holds every candidate with at least `threshold` mutual connections, and their
 * counts. It depends only on connections: invitations, dismissals and reports are applied when a
 * page is read, and the order among equal counts (shared domain, newest) comes from the members
 * table then too. So a ranking stays exact until a connection is made or removed that involves the
 * member or one of their connections — the only changes that alter their mutual counts.
 *
 * Every connection change is logged in `connection_changes`, in the same transaction. A ranking
 * records what it saw of that log (its watermark), and is used only while no change it did not see
 * touches the member or one of their connections. On SQLite, writes commit one at a time in
 * sequence order, so the watermark is the last sequence number the computation read. On PostgreSQL
 * sequence numbers are not committed in order, so the watermark is the computation's snapshot, and
 * the log records each change's transaction id: exactly the changes that snapshot could not see are
 * checked. The computation is one statement, so its counts and its watermark come from one snapshot.
 */
import { sql } from 'kysely';
import type { Deps } from '../context.js';
import { type Db, transact, type Trx } from '../db/database.js';
import { addMs, iso } from '../shared/clock.js';
import { mine, twoHops } from './graph.js';

/** A ranking never holds more than this many times the candidates it aims for (`SUGGESTIONS_CACHED`), when many tie at the cut. */
const TIES_FACTOR = 10;
/** How long a ranking may be used at all; the change log is kept an hour longer. */
const RANKING_LIFETIME_MS = 24 * 3_600_000;
const LOG_RETENTION_MS = RANKING_LIFETIME_MS + 3_600_000;
/** Beyond this many unseen changes, computing the ranking again is cheaper than checking them. */
const CHANGES_CHECKED = 2_000;

/** Forgets changes no ranking still in use can be affected by. */
export async function pruneConnectionChanges(db: Db, now: Date): Promise<number> {
  const rankings = await db
    .deleteFrom('suggestion_cache_state')
    .where('computed_at', '<', iso(addMs(now, -RANKING_LIFETIME_MS)))
    .executeTakeFirst();
  const changes = await db
    .deleteFrom('connection_changes')
    .where('changed_at', '<', iso(addMs(now, -LOG_RETENTION_MS)))
    .executeTakeFirst();
  return Number(changes.numDeletedRows) + Number(rankings.numDeletedRows);
}

export interface CachedRanking {
  threshold: number;
}

/** The changes a watermark did not see, as a condition on `connection_changes ch`. */
function unseen(deps: Deps, watermark: string) {
  return deps.dialect === 'postgres'
    ? sql`ch.xid >= pg_snapshot_xmin(cast(${watermark} as pg_snapshot)) and not pg_visible_in_snapshot(ch.xid, cast(${watermark} as pg_snapshot))`
    : sql`ch.seq > ${Number(watermark)}`;
}

/** What the change log says about one member's ranking since its watermark. */
interface Unseen {
  /** Changes the ranking did not see (counted up to CHANGES_CHECKED + 1). */
  count: number;
  /** The log as of now: the watermark once these changes are taken into account. */
  watermark: string;
  /** The changes among them that involve the member or one of their connections. */
  relevant: { a: string; b: string; aIsMine: boolean; bIsMine: boolean }[];
}

/** Reads, in one statement (one snapshot), what a ranking with `watermark` did not see. */
async function unseenChanges(db: Db | Trx, deps: Deps, memberId: string, watermark: string): Promise<Unseen> {
  const isMine = (column: string) => sql`(
    exists (select 1 from connections c where c.member_a = ${memberId} and c.member_b = ${sql.ref(column)})
    or exists (select 1 from connections c where c.member_b = ${memberId} and c.member_a = ${sql.ref(column)}))`;
  const { rows } = await sql<{ unseen: number; watermark: string; a: string | null; b: string | null; a_mine: unknown; b_mine: unknown }>`
    with recent as (
      select ch.member_a, ch.member_b from connection_changes ch where ${unseen(deps, watermark)} limit ${CHANGES_CHECKED + 1}
    ),
    judged as (
      select r.member_a as a, r.member_b as b,
        case when ${isMine('r.member_a')} then 1 else 0 end as a_mine,
        case when ${isMine('r.member_b')} then 1 else 0 end as b_mine
      from recent r
    ),
    relevant as (
      select a, b, a_mine, b_mine from judged
      where a = ${memberId} or b = ${memberId} or a_mine = 1 or b_mine = 1
    ),
    head as (select (select count(*) from recent) as unseen, ${watermarkNow(deps)} as watermark)
    select head.unseen, head.watermark, relevant.a, relevant.b, relevant.a_mine, relevant.b_mine
    from head left join relevant on 1 = 1
  `.execute(db);
  return {
    count: Number(rows[0]!.unseen),
    watermark: rows[0]!.watermark,
    relevant: rows.filter((r) => r.a !== null).map((r) => ({ a: r.a!, b: r.b!, aIsMine: Number(r.a_mine) === 1, bIsMine: Number(r.b_mine) === 1 })),
  };
}

/** The log's position as the current statement sees it. */
function watermarkNow(deps: Deps) {
  return deps.dialect === 'postgres'
    ? sql<string>`pg_current_snapshot()::text`
    : sql<string>`(select cast(coalesce(max(seq), 0) as text) from connection_changes)`;
}

/** Below this many unseen changes, none of them relevant, the watermark is left where it is (no write). */
const ADVANCE_AFTER = 200;

/**
 * The member's cached ranking, brought up to date, or null when it has to be computed again.
 *
 * A change between one of the member's connections and someone else changes that someone's mutual
 * count only: such changes are applied by counting those candidates again, exactly, and storing
 * the new counts with the new watermark. A change to the member's own connections changes every
 * count: the ranking is computed again.
 */
export async function currentRanking(db: Db, deps: Deps, memberId: string): Promise<CachedRanking | null> {
  const state = await db.selectFrom('suggestion_cache_state').selectAll().where('member_id', '=', memberId).executeTakeFirst();
  if (!state || state.computed_at < iso(addMs(deps.clock.now(), -RANKING_LIFETIME_MS))) return null;
  const changes = await unseenChanges(db, deps, memberId, state.watermark);
  if (changes.count > CHANGES_CHECKED) return null;
  if (changes.relevant.some((c) => c.a === memberId || c.b === memberId)) return null;
  if (changes.relevant.length === 0 && changes.count < ADVANCE_AFTER) return { threshold: state.threshold };
  // Brought up to date in one transaction that sees one snapshot throughout (REPEATABLE READ on
  // PostgreSQL; SQLite's write transaction), so the counts agree with the watermark stored with them.
  // A concurrent update of the same ranking makes PostgreSQL abort one of the two, which runs again.
  return transact(
    db,
    async (trx) => {
      const now = await trx.selectFrom('suggestion_cache_state').selectAll().where('member_id', '=', memberId).executeTakeFirst();
      if (!now) return null;
      const fresh = await unseenChanges(trx, deps, memberId, now.watermark);
      if (fresh.count > CHANGES_CHECKED || fresh.relevant.some((c) => c.a === memberId || c.b === memberId)) return null;
      // A candidate's count changes when they connect with, or part from, one of the member's connections.
      const affected = new Set<string>();
      for (const c of fresh.relevant) {
        if (c.aIsMine && !c.bIsMine) affected.add(c.b);
        if (c.bIsMine && !c.aIsMine) affected.add(c.a);
      }
      await recount(trx, memberId, [...affected], now.threshold);
      await trx.updateTable('suggestion_cache_state').set({ watermark: fresh.watermark }).where('member_id', '=', memberId).execute();
      return { threshold: now.threshold };
    },
    { repeatableRead: true },
  );
}

/**
 * Counts again the mutual connections of `candidates` with the member, and keeps in the ranking those
 * that have at least `threshold` (every candidate with that many must be there).
 */
async function recount(trx: Trx, memberId: string, candidates: string[], threshold: number): Promise<void> {
  for (let i = 0; i < candidates.length; i += 500) {
    const chunk = candidates.slice(i, i + 500);
    const { rows } = await sql<{ cand: string; mutual: number }>`
      with ${mine(memberId)},
      theirs as (
        select member_a as cand, member_b as via from connections where member_a in (${sql.join(chunk)})
        union all
        select member_b as cand, member_a as via from connections where member_b in (${sql.join(chunk)})
      )
      select cand, count(*) as mutual from theirs where via in (select id from mine) group by cand
    `.execute(trx);
    await trx.deleteFrom('suggestion_cache').where('member_id', '=', memberId).where('candidate_id', 'in', chunk).execute();
    const kept = rows.map((r) => ({ member_id: memberId, candidate_id: r.cand, mutual: Number(r.mutual) })).filter((r) => r.mutual >= threshold);
    if (kept.length > 0) await trx.insertInto('suggestion_cache').values(kept).execute();
  }
}

/**
 * Counts the member's mutual connections with everyone two hops away (but not their connections),
 * keeps the top of that ranking, and stores it with what it saw of the change log.
 */
export async function computeRanking(db: Db, deps: Deps, memberId: string): Promise<CachedRanking> {
  const aim = deps.config.suggestionsCached;
  const watermark = watermarkNow(deps);
  // One statement: the counts and the watermark come from one snapshot.
  const { rows } = await sql<{ watermark: string; id: string | null; mutual: number | null }>`
    with ${twoHops(memberId)},
    mutuals as (
      select cand as id, count(*) as mutual from hop
      group by cand having cand <> ${memberId} and cand not in (select id from mine)
    ),
    cut as (
      select coalesce((select mutual from mutuals order by mutual desc limit 1 offset ${aim - 1}), 1) as v
    ),
    ranked as (
      select id, mutual from mutuals where mutual >= (select v from cut)
    ),
    seen as (select ${watermark} as watermark)
    select seen.watermark, ranked.id, ranked.mutual from seen left join ranked on 1 = 1
  `.execute(db);
  const watermarkSeen = rows[0]!.watermark;
  let ranked = rows.filter((r) => r.id !== null).map((r) => ({ id: r.id!, mutual: Number(r.mutual) }));
  let threshold = ranked.length > 0 ? Math.min(...ranked.map((r) => r.mutual)) : 1;
  // Too many tie at the cut: keep only those above it.
  while (ranked.length > aim * TIES_FACTOR) {
    threshold += 1;
    ranked = ranked.filter((r) => r.mutual >= threshold);
  }
  // With fewer candidates than the cut, everyone with a mutual connection is kept.
  if (rows.filter((r) => r.id !== null).length < aim) threshold = 1;

  const now = iso(deps.clock.now());
  await transact(db, async (trx) => {
    // The state row first: two computations for one member take turns here.
    await trx
      .insertInto('suggestion_cache_state')
      .values({ member_id: memberId, computed_at: now, watermark: watermarkSeen, threshold })
      .onConflict((oc) => oc.column('member_id').doUpdateSet({ computed_at: now, watermark: watermarkSeen, threshold }))
      .execute();
    await trx.deleteFrom('suggestion_cache').where('member_id', '=', memberId).execute();
    for (let i = 0; i < ranked.length; i += 500) {
      await trx
        .insertInto('suggestion_cache')
        .values(ranked.slice(i, i + 500).map((r) => ({ member_id: memberId, candidate_id: r.id, mutual: r.mutual })))
        .execute();
    }
  });
  return { threshold };
}
