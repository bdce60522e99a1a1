/**
 * People You May Know: members two hops away, ranked by how many connections they share with the
 * member, then by a shared e-mail domain, then newest first. Members of the same e-mail domain with
 * no mutual connection are suggested after them.
 */
import type { Actor, Deps } from '../context.js';
import type { Db } from '../db/database.js';
import { AppError } from '../errors.js';
import { findMemberById } from '../members/store.js';
import { addMs, iso } from '../shared/clock.js';
import { deleteDismissal, insertDismissal, networkPage, rankingPage, type SuggestionQuery, type SuggestionRow, selectMutualNames } from './store.js';
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

/**
 * One page of suggestions for `memberId`. `offset` pages through the ranking (suggestions change as
 * the network does, so a keyset over a ranking gains nothing here). The page comes from the member's
 * cached ranking when that can answer it exactly (see suggestion-cache.ts), else from the network.
 */
export async function listSuggestions(db: Db, deps: Deps, memberId: string, offset: number, limit: number): Promise<{ items: Suggestion[]; more: boolean }> {
  const me = await findMemberById(db, memberId);
  if (!me) throw new AppError('not_found', 'That member does not exist.');
  const now = deps.clock.now();
  const query: SuggestionQuery = {
    memberId,
    offset,
    limit,
    // A domain is a workplace only once the address is verifiably the member's.
    domain: me.email_verified_at !== null ? domainOf(me.email) : null,
    nowIso: iso(now),
    cooldownSince: iso(addMs(now, -deps.config.reinviteCooldownMs)),
  };
  let found: SuggestionRow[] | null = null;
  if (deps.config.suggestionsCached > 0) {
    const ranking = (await currentRanking(db, deps, memberId)) ?? (await computeRanking(db, deps, memberId));
    found = await fromRanking(db, deps, query, ranking);
  }
  found ??= await networkPage(db, deps.dialect, query);

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

/**
 * The page, from the member's cached ranking, or null when the ranking cannot answer it exactly: the
 * page reaches past the candidates it holds (once the member's exclusions are taken out), where
 * candidates with fewer mutual connections, or colleagues with none, may come.
 */
async function fromRanking(db: Db, deps: Deps, query: SuggestionQuery, ranking: CachedRanking): Promise<SuggestionRow[] | null> {
  const rows = await rankingPage(db, deps.dialect, query);
  const available = rows.length > 0 ? Number(rows[0]!.available) : 0;
  // Every candidate with `threshold` or more mutual connections is held, so a page within them is exact;
  // and when all with one or more are held, so is any page of a member without colleagues to add.
  const exact = available >= query.offset + query.limit + 1 || (ranking.threshold <= 1 && query.domain === null);
  return exact ? rows : null;
}

/** Up to three names of the connections `memberId` shares with each candidate. */
async function mutualNames(db: Db, memberId: string, candidates: string[]): Promise<Map<string, string[]>> {
  const names = new Map<string, string[]>();
  if (candidates.length === 0) return names;
  for (const row of await selectMutualNames(db, memberId, candidates)) {
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
  await insertDismissal(db, actor.memberId, otherId, now);
}

export async function undoDismissal(db: Db, actor: Actor, otherId: string): Promise<void> {
  await deleteDismissal(db, actor.memberId, otherId);
}
