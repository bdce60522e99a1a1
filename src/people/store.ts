/**
 * Queries of People You May Know: the connections graph two hops out, the pages of suggestions,
 * dismissals, and each member's cached ranking (see suggestion-cache.ts).
 */
import { sql } from 'kysely';
import type { Db, DialectName, Trx } from '../db/database.js';

/** The CTE `mine`: the member's connections (one `id` per row). */
export function mine(memberId: string) {
  return sql`mine as (
      select member_b as id from connections where member_a = ${memberId}
      union all
      select member_a as id from connections where member_b = ${memberId}
    )`;
}

/** The CTEs `mine` and `hop`: everyone two hops away, once per path through one of the member's connections (`cand`). */
export function twoHops(memberId: string) {
  return sql`${mine(memberId)},
    hop as (
      select c.member_b as cand from mine m join connections c on c.member_a = m.id
      union all
      select c.member_a as cand from mine m join connections c on c.member_b = m.id
    )`;
}

/** A suggestion as a page's query returns it. */
export interface SuggestionRow {
  id: string;
  name: string;
  headline: string;
  created_at: string;
  mutual: number;
  same_domain: number;
}

/** What a page of suggestions is asked for. */
export interface SuggestionQuery {
  memberId: string;
  offset: number;
  limit: number;
  domain: string | null;
  nowIso: string;
  cooldownSince: string;
}

/**
 * Everyone a member's invitations, dismissals, blocks and reports keep out of their suggestions. Of the
 * member's own invitations, only those to a member they chose count while open or cooling down: an
 * e-mail or SMS invitation that reached someone must not make them vanish, which would tell whose
 * address it was. A report keeps the reporter out whichever way they were invited.
 */
function exclusions(memberId: string, nowIso: string, cooldownSince: string) {
  return sql`
    select dismissed_id as id from suggestion_dismissals where member_id = ${memberId}
    union all
    select recipient_member_id from invitations
    where sender_id = ${memberId} and recipient_member_id is not null
      and (
        (channel = 'member' and status in ('pending', 'ignored') and expires_at > ${nowIso})
        or (channel = 'member' and status = 'withdrawn' and withdrawn_at > ${cooldownSince})
        or ignore_reason in ('dont_know', 'spam')
      )
    union all
    -- nor anyone in a block with me, whichever of us made it
    select blocked_id from member_blocks where blocker_id = ${memberId}
    union all
    select blocker_id from member_blocks where blocked_id = ${memberId}
    union all
    -- nor is someone I reported (as unknown to me, or as spam)
    select sender_id from invitations
    where recipient_member_id = ${memberId}
      and ((status in ('pending', 'ignored') and expires_at > ${nowIso}) or ignore_reason in ('dont_know', 'spam'))
  `;
}

/** The sort of every page: mutual connections, then a shared domain, then newest. */
function rankedPage(dialect: DialectName, query: SuggestionQuery) {
  // Ids tie-break in code-unit order on either database, whatever PostgreSQL's collation.
  const idOrder = dialect === 'postgres' ? sql`m.id collate "C"` : sql`m.id`;
  return sql`order by c.mutual desc, same_domain desc, m.created_at desc, ${idOrder} desc limit ${query.limit + 1} offset ${query.offset}`;
}

/** The expression of the index members_email_domain (migration 0004), so colleagues are found through it. */
function domainOfEmail(dialect: DialectName) {
  return dialect === 'postgres' ? sql`substr(m.email, strpos(m.email, '@') + 1)` : sql`substr(m.email, instr(m.email, '@') + 1)`;
}

/**
 * The page (`limit + 1` rows) from the member's cached ranking, of the candidates with at least as
 * many mutual connections as the one at position `offset + limit + 1` once the member's exclusions
 * are taken out; each row also says how many candidates the ranking holds beyond the exclusions.
 */
export async function rankingPage(db: Db, dialect: DialectName, query: SuggestionQuery): Promise<(SuggestionRow & { available: number })[]> {
  const { memberId, domain } = query;
  const reach = query.offset + query.limit + 1;
  const result = await sql<SuggestionRow & { available: number }>`
    with excluded as (${exclusions(memberId, query.nowIso, query.cooldownSince)}),
    cached as (
      select candidate_id as id, mutual from suggestion_cache
      where member_id = ${memberId} and candidate_id not in (select id from excluded)
    ),
    threshold as (
      select coalesce((select mutual from cached order by mutual desc limit 1 offset ${reach - 1}), 0) as t
    )
    select m.id, m.name, m.headline, m.created_at, c.mutual,
      case when ${domainOfEmail(dialect)} = ${domain} and m.email_verified_at is not null then 1 else 0 end as same_domain,
      (select count(*) from cached) as available
    from cached c cross join members m
    where m.id = c.id and c.mutual >= (select t from threshold)
    ${rankedPage(dialect, query)}
  `.execute(db);
  return result.rows;
}

/** The page (`limit + 1` rows), computed from the network itself. */
export async function networkPage(db: Db, dialect: DialectName, query: SuggestionQuery): Promise<SuggestionRow[]> {
  const { memberId, domain } = query;
  const domainOfEmailM = domainOfEmail(dialect);
  // The page holds the first `offset + limit + 1` candidates of the ranking, and none of them has
  // fewer mutual connections than the one at that position: only those are joined and sorted.
  const reach = query.offset + query.limit + 1;
  const result = await sql<SuggestionRow>`
    with ${twoHops(memberId)},
    excluded as (
      select id from mine
      union all
      select ${memberId}
      union all
      ${exclusions(memberId, query.nowIso, query.cooldownSince)}
    ),
    mutuals as (
      select cand as id, count(*) as mutual from hop group by cand having cand not in (select id from excluded)
    ),
    threshold as (
      select coalesce((select mutual from mutuals order by mutual desc limit 1 offset ${reach - 1}), 0) as t
    ),
    candidates as (
      select id, mutual from mutuals where mutual >= (select t from threshold)
      union all
      -- colleagues with no mutual connection rank last: read only when the page reaches them
      select m.id, 0 as mutual from threshold cross join members m
      where threshold.t = 0 and cast(${domain} as text) is not null and ${domainOfEmailM} = ${domain} and m.email_verified_at is not null
        and m.id not in (select id from excluded) and m.id not in (select id from mutuals)
    )
    select m.id, m.name, m.headline, m.created_at, c.mutual,
      case when ${domainOfEmailM} = ${domain} and m.email_verified_at is not null then 1 else 0 end as same_domain
    -- candidates first: CROSS JOIN keeps SQLite from scanning every member to probe them
    from candidates c cross join members m
    where m.id = c.id
    ${rankedPage(dialect, query)}
  `.execute(db);
  return result.rows;
}

/** The names of the connections `memberId` shares with each of `candidates`, by candidate, then name. */
export async function selectMutualNames(db: Db, memberId: string, candidates: string[]): Promise<{ cand: string; name: string }[]> {
  const result = await sql<{ cand: string; name: string }>`
    with ${mine(memberId)},
    hop as (
      select x.member_a as cand, x.member_b as via from connections x
      where x.member_a in (${sql.join(candidates)}) and x.member_b in (select id from mine)
      union all
      select x.member_b as cand, x.member_a as via from connections x
      where x.member_b in (${sql.join(candidates)}) and x.member_a in (select id from mine)
    )
    -- from the candidates' connections to mine, not the other way round (CROSS JOIN fixes the order in SQLite)
    select hop.cand, members.name from hop cross join members
    where members.id = hop.via
    order by hop.cand, members.name
  `.execute(db);
  return result.rows;
}

/** Records that the member dismissed `otherId`; a dismissal made already stays as it is. */
export async function insertDismissal(db: Db, memberId: string, otherId: string, now: string): Promise<void> {
  await db
    .insertInto('suggestion_dismissals')
    .values({ member_id: memberId, dismissed_id: otherId, created_at: now })
    .onConflict((oc) => oc.columns(['member_id', 'dismissed_id']).doNothing())
    .execute();
}

export async function deleteDismissal(db: Db, memberId: string, otherId: string): Promise<void> {
  await db.deleteFrom('suggestion_dismissals').where('member_id', '=', memberId).where('dismissed_id', '=', otherId).execute();
}

/** The state of the member's cached ranking: when it was computed, its watermark and its threshold. */
export async function findRankingState(db: Db | Trx, memberId: string) {
  return db.selectFrom('suggestion_cache_state').selectAll().where('member_id', '=', memberId).executeTakeFirst();
}

/** The changes a watermark did not see, as a condition on `connection_changes ch`. */
function unseen(dialect: DialectName, watermark: string) {
  return dialect === 'postgres'
    ? sql`ch.xid >= pg_snapshot_xmin(cast(${watermark} as pg_snapshot)) and not pg_visible_in_snapshot(ch.xid, cast(${watermark} as pg_snapshot))`
    : sql`ch.seq > ${Number(watermark)}`;
}

/** The log's position as the current statement sees it. */
function watermarkNow(dialect: DialectName) {
  return dialect === 'postgres' ? sql<string>`pg_current_snapshot()::text` : sql<string>`(select cast(coalesce(max(seq), 0) as text) from connection_changes)`;
}

/** What the change log says about one member's ranking since its watermark. */
export interface Unseen {
  /** Changes the ranking did not see (counted up to `limit`). */
  count: number;
  /** The log as of now: the watermark once these changes are taken into account. */
  watermark: string;
  /** The changes among them that involve the member or one of their connections. */
  relevant: { a: string; b: string; aIsMine: boolean; bIsMine: boolean }[];
}

/** Reads, in one statement (one snapshot), what a ranking with `watermark` did not see, looking at `limit` changes at most. */
export async function unseenChanges(db: Db | Trx, dialect: DialectName, memberId: string, watermark: string, limit: number): Promise<Unseen> {
  const isMine = (column: string) => sql`(
    exists (select 1 from connections c where c.member_a = ${memberId} and c.member_b = ${sql.ref(column)})
    or exists (select 1 from connections c where c.member_b = ${memberId} and c.member_a = ${sql.ref(column)}))`;
  const { rows } = await sql<{ unseen: number; watermark: string; a: string | null; b: string | null; a_mine: unknown; b_mine: unknown }>`
    with recent as (
      select ch.member_a, ch.member_b from connection_changes ch where ${unseen(dialect, watermark)} limit ${limit}
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
    head as (select (select count(*) from recent) as unseen, ${watermarkNow(dialect)} as watermark)
    select head.unseen, head.watermark, relevant.a, relevant.b, relevant.a_mine, relevant.b_mine
    from head left join relevant on 1 = 1
  `.execute(db);
  return {
    count: Number(rows[0]!.unseen),
    watermark: rows[0]!.watermark,
    relevant: rows.filter((r) => r.a !== null).map((r) => ({ a: r.a!, b: r.b!, aIsMine: Number(r.a_mine) === 1, bIsMine: Number(r.b_mine) === 1 })),
  };
}

export async function setRankingWatermark(trx: Trx, memberId: string, watermark: string): Promise<void> {
  await trx.updateTable('suggestion_cache_state').set({ watermark }).where('member_id', '=', memberId).execute();
}

/** The mutual connections of each of `candidates` with the member (those with none are left out). */
export async function countMutuals(trx: Trx, memberId: string, candidates: string[]): Promise<{ cand: string; mutual: number }[]> {
  const { rows } = await sql<{ cand: string; mutual: number }>`
      with ${mine(memberId)},
      theirs as (
        select member_a as cand, member_b as via from connections where member_a in (${sql.join(candidates)})
        union all
        select member_b as cand, member_a as via from connections where member_b in (${sql.join(candidates)})
      )
      select cand, count(*) as mutual from theirs where via in (select id from mine) group by cand
    `.execute(trx);
  return rows;
}

/** Takes `candidates` out of the member's cached ranking. */
export async function deleteCachedCandidates(trx: Trx, memberId: string, candidates: string[]): Promise<void> {
  await trx.deleteFrom('suggestion_cache').where('member_id', '=', memberId).where('candidate_id', 'in', candidates).execute();
}

/** Empties the member's cached ranking. */
export async function clearCachedRanking(trx: Trx, memberId: string): Promise<void> {
  await trx.deleteFrom('suggestion_cache').where('member_id', '=', memberId).execute();
}

export async function insertCachedCandidates(trx: Trx, rows: { member_id: string; candidate_id: string; mutual: number }[]): Promise<void> {
  await trx.insertInto('suggestion_cache').values(rows).execute();
}

/**
 * Counts the member's mutual connections with everyone two hops away (but not their connections),
 * in one statement, so the counts and the watermark come from one snapshot: the candidates with at
 * least as many as the one at position `aim` (all of them when there are fewer), each row with the
 * log's watermark (one row with a null id when there is no candidate).
 */
export async function selectRanking(
  db: Db,
  dialect: DialectName,
  memberId: string,
  aim: number,
): Promise<{ watermark: string; id: string | null; mutual: number | null }[]> {
  const watermark = watermarkNow(dialect);
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
  return rows;
}

/** Sets the state of the member's ranking, made or replaced. */
export async function upsertRankingState(trx: Trx, memberId: string, computedAt: string, watermark: string, threshold: number): Promise<void> {
  await trx
    .insertInto('suggestion_cache_state')
    .values({ member_id: memberId, computed_at: computedAt, watermark, threshold })
    .onConflict((oc) => oc.column('member_id').doUpdateSet({ computed_at: computedAt, watermark, threshold }))
    .execute();
}

/** Forgets the rankings computed before `before`; returns how many. */
export async function deleteRankingsComputedBefore(db: Db, before: string): Promise<number> {
  const result = await db.deleteFrom('suggestion_cache_state').where('computed_at', '<', before).executeTakeFirst();
  return Number(result.numDeletedRows);
}
