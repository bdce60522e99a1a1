/**
 * People You May Know: members two hops away, ranked by how many connections they share with the
 * member, then by a shared e-mail domain, then newest first. Members of the same e-mail domain with
 * no mutual connection are suggested after them.
 */
import { sql } from 'kysely';
import type { Actor, Deps } from '../context.js';
import type { Db } from '../db/database.js';
import { AppError } from '../errors.js';
import { findMemberById } from '../members/store.js';
import { addMs, iso } from '../shared/clock.js';
import { mine, twoHops } from './graph.js';
import { type CachedRanking, computeRanking, currentRanking } from './suggestion-cache.js';

export interface Suggestion {
  member: { id: string; name: string; headline: string };
  mutualConnections: number;
  /** Up to three of the connections the two share. */
  mutualNames: string[];
  sameDomain: boolean;
}

/** Mail providers whose domain says nothing about who someone works with. */
const PUBLIC_DOMAINS = new Set([
  'gmail.com',
  'googlemail.com',
  'outlook.com',
  'hotmail.com',
  'live.com',
  'yahoo.com',
  'icloud.com',
  'me.com',
  'aol.com',
  'proton.me',
  'protonmail.com',
  'gmx.com',
  'gmx.de',
  'mail.com',
  'yandex.ru',
]);

function domainOf(email: string): string | null {
  const domain = email.split('@')[1]?.toLowerCase() ?? null;
  return domain && !PUBLIC_DOMAINS.has(domain) ? domain : null;
}

interface Row {
  id: string;
  name: string;
  headline: string;
  created_at: string;
  mutual: number;
  same_domain: number;
}

/**
 * Everyone a member's invitations, dismissals and reports keep out of their suggestions. Of the
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
    -- nor is someone I reported (as unknown to me, or as spam)
    select sender_id from invitations
    where recipient_member_id = ${memberId}
      and ((status in ('pending', 'ignored') and expires_at > ${nowIso}) or ignore_reason in ('dont_know', 'spam'))
  `;
}

interface Query {
  memberId: string;
  offset: number;
  limit: number;
  domain: string | null;
  nowIso: string;
  cooldownSince: string;
}

/**
 * One page of suggestions for `memberId`. `offset` pages through the ranking (suggestions change as
 * the network does, so a keyset over a ranking gains nothing here). The page comes from the member's
 * cached ranking when that can answer it exactly (see suggestion-cache.ts), else from the network.
 */
export async function listSuggestions(db: Db, deps: Deps, memberId: string, offset: number, limit: number): Promise<{ items: Suggestion[]; more: boolean }> {
  const me = await findMemberById(db, memberId);
  if (!me) throw new AppError('not_found', 'That member does not exist.');
  const now = deps.clock.now();
  const query: Query = {
    memberId,
    offset,
    limit,
    // A domain is a workplace only once the address is verifiably the member's.
    domain: me.email_verified_at !== null ? domainOf(me.email) : null,
    nowIso: iso(now),
    cooldownSince: iso(addMs(now, -deps.config.reinviteCooldownMs)),
  };
  let found: Row[] | null = null;
  if (deps.config.suggestionsCached > 0) {
    const ranking = (await currentRanking(db, deps, memberId)) ?? (await computeRanking(db, deps, memberId));
    found = await fromRanking(db, deps, query, ranking);
  }
  found ??= await fromNetwork(db, deps, query);

  const rows = found.map((r) => ({ ...r, mutual: Number(r.mutual), same_domain: Number(r.same_domain) }));
  const more = rows.length > limit;
  const page = more ? rows.slice(0, limit) : rows;
  const names = await mutualNames(
    db,
    memberId,
    page.filter((r) => r.mutual > 0).map((r) => r.id),
  );
  return {
    items: page.map((r) => ({
      member: { id: r.id, name: r.name, headline: r.headline },
      mutualConnections: r.mutual,
      mutualNames: names.get(r.id) ?? [],
      sameDomain: r.same_domain === 1,
    })),
    more,
  };
}

/** The sort of every page: mutual connections, then a shared domain, then newest. */
function rankedPage(deps: Deps, query: Query) {
  // Ids tie-break in code-unit order on either database, whatever PostgreSQL's collation.
  const idOrder = deps.dialect === 'postgres' ? sql`m.id collate "C"` : sql`m.id`;
  return sql`order by c.mutual desc, same_domain desc, m.created_at desc, ${idOrder} desc limit ${query.limit + 1} offset ${query.offset}`;
}

/** The expression of the index members_email_domain (migration 0004), so colleagues are found through it. */
function domainOfEmail(deps: Deps) {
  return deps.dialect === 'postgres' ? sql`substr(m.email, strpos(m.email, '@') + 1)` : sql`substr(m.email, instr(m.email, '@') + 1)`;
}

/**
 * The page, from the member's cached ranking, or null when the ranking cannot answer it exactly: the
 * page reaches past the candidates it holds (once the member's exclusions are taken out), where
 * candidates with fewer mutual connections, or colleagues with none, may come.
 */
async function fromRanking(db: Db, deps: Deps, query: Query, ranking: CachedRanking): Promise<Row[] | null> {
  const { memberId, domain } = query;
  const reach = query.offset + query.limit + 1;
  const result = await sql<Row & { available: number }>`
    with excluded as (${exclusions(memberId, query.nowIso, query.cooldownSince)}),
    cached as (
      select candidate_id as id, mutual from suggestion_cache
      where member_id = ${memberId} and candidate_id not in (select id from excluded)
    ),
    threshold as (
      select coalesce((select mutual from cached order by mutual desc limit 1 offset ${reach - 1}), 0) as t
    )
    select m.id, m.name, m.headline, m.created_at, c.mutual,
      case when ${domainOfEmail(deps)} = ${domain} and m.email_verified_at is not null then 1 else 0 end as same_domain,
      (select count(*) from cached) as available
    from cached c cross join members m
    where m.id = c.id and c.mutual >= (select t from threshold)
    ${rankedPage(deps, query)}
  `.execute(db);
  const available = result.rows.length > 0 ? Number(result.rows[0]!.available) : 0;
  // Every candidate with `threshold` or more mutual connections is held, so a page within them is exact;
  // and when all with one or more are held, so is any page of a member without colleagues to add.
  const exact = available >= reach || (ranking.threshold <= 1 && domain === null);
  return exact ? result.rows : null;
}

/** The page, computed from the network itself. */
async function fromNetwork(db: Db, deps: Deps, query: Query): Promise<Row[]> {
  const { memberId, domain } = query;
  const domainOfEmailM = domainOfEmail(deps);
  // The page holds the first `offset + limit + 1` candidates of the ranking, and none of them has
  // fewer mutual connections than the one at that position: only those are joined and sorted.
  const reach = query.offset + query.limit + 1;
  const result = await sql<Row>`
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
    ${rankedPage(deps, query)}
  `.execute(db);
  return result.rows;
}

/** Up to three names of the connections `memberId` shares with each candidate. */
async function mutualNames(db: Db, memberId: string, candidates: string[]): Promise<Map<string, string[]>> {
  const names = new Map<string, string[]>();
  if (candidates.length === 0) return names;
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
  for (const row of result.rows) {
    const list = names.get(row.cand) ?? [];
    if (list.length < 3) list.push(row.name);
    names.set(row.cand, list);
  }
  return names;
}

/** "Not now": the member is no longer suggested, until the dismissal is undone. */
export async function dismissSuggestion(db: Db, deps: Deps, actor: Actor, otherId: string): Promise<void> {
  if (otherId === actor.memberId || !(await findMemberById(db, otherId))) throw new AppError('not_found', 'That member does not exist.');
  const now = iso(deps.clock.now());
  await db
    .insertInto('suggestion_dismissals')
    .values({ member_id: actor.memberId, dismissed_id: otherId, created_at: now })
    .onConflict((oc) => oc.columns(['member_id', 'dismissed_id']).doNothing())
    .execute();
}

export async function undoDismissal(db: Db, actor: Actor, otherId: string): Promise<void> {
  await db.deleteFrom('suggestion_dismissals').where('member_id', '=', actor.memberId).where('dismissed_id', '=', otherId).execute();
}
