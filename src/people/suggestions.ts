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

export interface Suggestion {
  member: { id: string; name: string; headline: string };
  mutualConnections: number;
  /** Up to three of the connections the two share. */
  mutualNames: string[];
  sameDomain: boolean;
}

/** Mail providers whose domain says nothing about who someone works with. */
const PUBLIC_DOMAINS = new Set(['gmail.com', 'googlemail.com', 'outlook.com', 'hotmail.com', 'live.com', 'yahoo.com', 'icloud.com', 'me.com', 'aol.com', 'proton.me', 'protonmail.com', 'gmx.com', 'gmx.de', 'mail.com', 'yandex.ru']);

export function domainOf(email: string): string | null {
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
 * One page of suggestions for `memberId`. `offset` pages through the ranking (suggestions change as
 * the network does, so a keyset over a ranking gains nothing here).
 */
export async function listSuggestions(db: Db, deps: Deps, memberId: string, offset: number, limit: number): Promise<{ items: Suggestion[]; more: boolean }> {
  const me = await findMemberById(db, memberId);
  if (!me) throw new AppError('not_found', 'That member does not exist.');
  const now = deps.clock.now();
  const nowIso = iso(now);
  const cooldownSince = iso(addMs(now, -deps.config.reinviteCooldownMs));
  const domain = domainOf(me.email);
  // Ids tie-break in code-unit order on either database, whatever PostgreSQL's collation.
  const idOrder = deps.dialect === 'postgres' ? sql`m.id collate "C"` : sql`m.id`;
  // The expression of the index members_email_domain (migration 0004), so colleagues are found through it.
  const domainOfEmail = deps.dialect === 'postgres' ? sql`substr(m.email, strpos(m.email, '@') + 1)` : sql`substr(m.email, instr(m.email, '@') + 1)`;
  // The page holds the first `offset + limit + 1` candidates of the ranking, and none of them has
  // fewer mutual connections than the one at that position: only those are joined and sorted.
  const reach = offset + limit + 1;

  const result = await sql<Row>`
    with mine as (
      select member_b as id from connections where member_a = ${memberId}
      union all
      select member_a as id from connections where member_b = ${memberId}
    ),
    hop as (
      select c.member_b as cand from mine m join connections c on c.member_a = m.id
      union all
      select c.member_a as cand from mine m join connections c on c.member_b = m.id
    ),
    excluded as (
      select id from mine
      union all
      select ${memberId}
      union all
      select dismissed_id from suggestion_dismissals where member_id = ${memberId}
      union all
      select recipient_member_id from invitations
      where sender_id = ${memberId} and recipient_member_id is not null
        and (
          (status in ('pending', 'ignored') and expires_at > ${nowIso})
          or (status = 'withdrawn' and withdrawn_at > ${cooldownSince})
          or ignore_reason in ('dont_know', 'spam')
        )
      union all
      -- nor is someone I reported (as unknown to me, or as spam)
      select sender_id from invitations
      where recipient_member_id = ${memberId}
        and ((status in ('pending', 'ignored') and expires_at > ${nowIso}) or ignore_reason in ('dont_know', 'spam'))
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
      where threshold.t = 0 and cast(${domain} as text) is not null and ${domainOfEmail} = ${domain}
        and m.id not in (select id from excluded) and m.id not in (select id from mutuals)
    )
    select m.id, m.name, m.headline, m.created_at, c.mutual,
      case when ${domainOfEmail} = ${domain} then 1 else 0 end as same_domain
    -- candidates first: CROSS JOIN keeps SQLite from scanning every member to probe them
    from candidates c cross join members m
    where m.id = c.id
    order by c.mutual desc, same_domain desc, m.created_at desc, ${idOrder} desc
    limit ${limit + 1} offset ${offset}
  `.execute(db);

  const rows = result.rows.map((r) => ({ ...r, mutual: Number(r.mutual), same_domain: Number(r.same_domain) }));
  const more = rows.length > limit;
  const page = more ? rows.slice(0, limit) : rows;
  const names = await mutualNames(db, memberId, page.filter((r) => r.mutual > 0).map((r) => r.id));
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

/** Up to three names of the connections `memberId` shares with each candidate. */
async function mutualNames(db: Db, memberId: string, candidates: string[]): Promise<Map<string, string[]>> {
  const names = new Map<string, string[]>();
  if (candidates.length === 0) return names;
  const result = await sql<{ cand: string; name: string }>`
    with mine as (
      select member_b as id from connections where member_a = ${memberId}
      union all
      select member_a as id from connections where member_b = ${memberId}
    ),
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

