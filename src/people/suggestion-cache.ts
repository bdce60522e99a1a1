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
import type { Deps } from '../context.js';
import { type Db, transact, type Trx } from '../db/database.js';
import { deleteConnectionChangesBefore } from '../connections/change-log-store.js';
import { addMs, iso } from '../shared/clock.js';
import {
  clearCachedRanking,
  countMutuals,
  deleteCachedCandidates,
  deleteRankingsComputedBefore,
  findRankingState,
  insertCachedCandidates,
  selectRanking,
  setRankingWatermark,
  unseenChanges,
  upsertRankingState,
} from './store.js';

/** A ranking never holds more than this many times the candidates it aims for (`SUGGESTIONS_CACHED`), when many tie at the cut. */
const TIES_FACTOR = 10;
/** How long a ranking may be used at all; the change log is kept an hour longer. */
const RANKING_LIFETIME_MS = 24 * 3_600_000;
const LOG_RETENTION_MS = RANKING_LIFETIME_MS + 3_600_000;
/** Beyond this many unseen changes, computing the ranking again is cheaper than checking them. */
const CHANGES_CHECKED = 2_000;

/** Forgets changes no ranking still in use can be affected by. */
export async function pruneConnectionChanges(db: Db, now: Date): Promise<number> {
  const rankings = await deleteRankingsComputedBefore(db, iso(addMs(now, -RANKING_LIFETIME_MS)));
  const changes = await deleteConnectionChangesBefore(db, iso(addMs(now, -LOG_RETENTION_MS)));
  return changes + rankings;
}

export interface CachedRanking {
  threshold: number;
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
  const state = await findRankingState(db, memberId);
  if (!state || state.computed_at < iso(addMs(deps.clock.now(), -RANKING_LIFETIME_MS))) return null;
  const changes = await unseenChanges(db, deps.dialect, memberId, state.watermark, CHANGES_CHECKED + 1);
  if (changes.count > CHANGES_CHECKED) return null;
  if (changes.relevant.some((c) => c.a === memberId || c.b === memberId)) return null;
  if (changes.relevant.length === 0 && changes.count < ADVANCE_AFTER) return { threshold: state.threshold };
  // Brought up to date in one transaction that sees one snapshot throughout (REPEATABLE READ on
  // PostgreSQL; SQLite's write transaction), so the counts agree with the watermark stored with them.
  // A concurrent update of the same ranking makes PostgreSQL abort one of the two, which runs again.
  return transact(
    db,
    async (trx) => {
      const now = await findRankingState(trx, memberId);
      if (!now) return null;
      const fresh = await unseenChanges(trx, deps.dialect, memberId, now.watermark, CHANGES_CHECKED + 1);
      if (fresh.count > CHANGES_CHECKED || fresh.relevant.some((c) => c.a === memberId || c.b === memberId)) return null;
      // A candidate's count changes when they connect with, or part from, one of the member's connections.
      const affected = new Set<string>();
      for (const c of fresh.relevant) {
        if (c.aIsMine && !c.bIsMine) affected.add(c.b);
        if (c.bIsMine && !c.aIsMine) affected.add(c.a);
      }
      await recount(trx, memberId, [...affected], now.threshold);
      await setRankingWatermark(trx, memberId, fresh.watermark);
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
    const rows = await countMutuals(trx, memberId, chunk);
    await deleteCachedCandidates(trx, memberId, chunk);
    const kept = rows.map((r) => ({ member_id: memberId, candidate_id: r.cand, mutual: Number(r.mutual) })).filter((r) => r.mutual >= threshold);
    if (kept.length > 0) await insertCachedCandidates(trx, kept);
  }
}

/**
 * Counts the member's mutual connections with everyone two hops away (but not their connections),
 * keeps the top of that ranking, and stores it with what it saw of the change log.
 */
export async function computeRanking(db: Db, deps: Deps, memberId: string): Promise<CachedRanking> {
  const aim = deps.config.suggestionsCached;
  // One statement: the counts and the watermark come from one snapshot.
  const rows = await selectRanking(db, deps.dialect, memberId, aim);
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
    await upsertRankingState(trx, memberId, now, watermarkSeen, threshold);
    await clearCachedRanking(trx, memberId);
    for (let i = 0; i < ranked.length; i += 500) {
      await insertCachedCandidates(
        trx,
        ranked.slice(i, i + 500).map((r) => ({ member_id: memberId, candidate_id: r.id, mutual: r.mutual })),
      );
    }
  });
  return { threshold };
}
