/** The queries of support's member lookup by name, on the index `members_name_search`. */
import { type RawBuilder, type SelectQueryBuilder, sql } from 'kysely';
import type { Db, DialectName } from '../db/database.js';
import type { Database, MemberRow } from '../db/schema.js';
import { containsPattern } from '../shared/like.js';

/** Name matches come in two tiers: names that start with the text, then names that contain it. */
export type Tier = 'prefix' | 'contains';

export interface NameCursor {
  tier: Tier;
  key: string;
  id: string;
}

// Sorts after every character a name holds, so [text, text + MAX) is every key starting with text.
const MAX_CHAR = '\u{10FFFF}';

/**
 * The name as the index `members_name_search` holds it. The database lower-cases both sides, so
 * case folds the same way on either side of the comparison; on PostgreSQL the "C" collation makes
 * a range of keys exactly the keys with a prefix (SQLite compares bytes anyway). SQLite's lower()
 * folds ASCII letters only: there "émile" does not find "Émile", though "Émile" and "ÉMILE" do.
 */
function nameKey(dialect: DialectName): RawBuilder<string> {
  return dialect === 'postgres' ? sql<string>`(lower(name) collate "C")` : sql<string>`lower(name)`;
}

const folded = (text: string) => sql<string>`lower(cast(${text} as text))`;

export type NameRow = MemberRow & { name_key: string };

/**
 * One tier of a name search, in index order (key, id), after `after`, at most `limit` rows. The
 * prefix tier is a range of the index; the contains tier walks the index in the same order and
 * stops once it has `limit` rows, so only a text that few names contain reads the whole index.
 */
export function nameSearchQuery(db: Db, dialect: DialectName, text: string, tier: Tier, after: NameCursor | null, limit: number) {
  const key = nameKey(dialect);
  let query: SelectQueryBuilder<Database, 'members', NameRow> = db.selectFrom('members').selectAll().select(key.as('name_key'));
  const from = folded(text);
  const to = folded(text + MAX_CHAR);
  // A later page starts at the cursor's key (past `from` in either tier): the scalar bound lets
  // both databases enter the index there; the row comparison then skips what the page before held.
  if (after) query = query.where(sql<boolean>`${key} >= ${after.key}`).where(sql<boolean>`(${key}, id) > (${after.key}, ${after.id})`);
  if (tier === 'prefix') {
    if (!after) query = query.where(sql<boolean>`${key} >= ${from}`);
    query = query.where(sql<boolean>`${key} < ${to}`);
  } else {
    query = query.where(sql<boolean>`${key} like ${folded(containsPattern(text))} escape '\\'`).where(sql<boolean>`not (${key} >= ${from} and ${key} < ${to})`);
  }
  return query.orderBy(key).orderBy('id').limit(limit);
}

/** The rows of `nameSearchQuery`. */
export async function findMembersByName(db: Db, dialect: DialectName, text: string, tier: Tier, after: NameCursor | null, limit: number): Promise<NameRow[]> {
  return nameSearchQuery(db, dialect, text, tier, after, limit).execute();
}
