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
  // The domain is matched literally: `%` and `_` in an address would otherwise match other domains.
  const domainPattern = domain ? `%@${domain.replace(/[\\%_]/g, '\\$&')}` : null;
  // Ids tie-break in code-unit order on either database, whatever PostgreSQL's collation.
  const idOrder = deps.dialect === 'postgres' ? sql`m.id collate "C"` : sql`m.id`;

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
    ranked as (
      select cand as id, count(*) as mutual from hop where cand <> ${memberId} group by cand
      union all
      select id, 0 as mutual from members where cast(${domainPattern} as text) is not null and email like ${domainPattern} escape '\\' and id <> ${memberId}
    ),
    candidates as (
      select id, max(mutual) as mutual from ranked group by id
    )
    select m.id, m.name, m.headline, m.created_at, c.mutual,
      case when cast(${domainPattern} as text) is not null and m.email like ${domainPattern} escape '\\' then 1 else 0 end as same_domain
    from candidates c
    join members m on m.id = c.id
    where not exists (select 1 from mine where mine.id = c.id)
      and not exists (select 1 from suggestion_dismissals d where d.member_id = ${memberId} and d.dismissed_id = c.id)
      and not exists (
        select 1 from invitations i
        where i.sender_id = ${memberId} and i.recipient_member_id = c.id
          and (
            (i.status in ('pending', 'ignored') and i.expires_at > ${nowIso})
            or (i.status = 'withdrawn' and i.withdrawn_at > ${cooldownSince})
            or i.ignore_reason in ('dont_know', 'spam')
          )
      )
      and not exists (
        select 1 from invitations i
        where i.sender_id = c.id and i.recipient_member_id = ${memberId}
          and (
            (i.status in ('pending', 'ignored') and i.expires_at > ${nowIso})
            -- nor is someone I reported (as unknown to me, or as spam)
            or i.ignore_reason in ('dont_know', 'spam')
          )
      )
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
      select c.member_b as cand, m.id as via from mine m join connections c on c.member_a = m.id
      where c.member_b in (${sql.join(candidates)})
      union all
      select c.member_a as cand, m.id as via from mine m join connections c on c.member_b = m.id
      where c.member_a in (${sql.join(candidates)})
    )
    select hop.cand, members.name from hop join members on members.id = hop.via
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

