/**
 * Member lookup for support agents: an exact e-mail address (primary, or a verified additional one)
 * or id is one or two indexed probes; any other text is a name search, names that start with it
 * first, then names that only contain it.
 */
import type { Actor } from '../context.js';
import type { Db, DialectName } from '../db/database.js';
import type { MemberRow } from '../db/schema.js';
import { AppError } from '../errors.js';
import { toPage } from '../shared/pagination.js';
import { normalizeEmail } from './accounts.js';
import { findMemberByAnyEmail } from './email-store.js';
import { findMembersByName, type NameCursor, type NameRow, type Tier } from './search-store.js';
import { findMemberById } from './store.js';

/** How the text matched: the page holds one member for `email` and `id`, any number for `name`. */
export type MemberMatch = 'email' | 'id' | 'name';

export interface MemberSearchInput {
  q: string;
  cursor?: string;
  limit: number;
}

export interface MemberSearchResult {
  match: MemberMatch;
  members: MemberRow[];
  nextCursor: string | null;
}

// Ids are 16 random bytes in base64url; anything else cannot be one and is not looked up as one.
const ID_SHAPE = /^[A-Za-z0-9_-]{1,64}$/;

function encodeNameCursor(c: NameCursor): string {
  return Buffer.from(JSON.stringify([c.tier === 'prefix' ? 'p' : 'c', c.key, c.id])).toString('base64url');
}

function decodeNameCursor(text: string | undefined): NameCursor | null {
  if (text === undefined || text === '') return null;
  try {
    const value: unknown = JSON.parse(Buffer.from(text, 'base64url').toString('utf8'));
    // A NUL could only come from a forged cursor, and PostgreSQL text cannot hold one.
    const isText = (v: unknown): v is string => typeof v === 'string' && !v.includes('\u0000');
    if (Array.isArray(value) && value.length === 3 && (value[0] === 'p' || value[0] === 'c') && isText(value[1]) && isText(value[2])) {
      return { tier: value[0] === 'p' ? 'prefix' : 'contains', key: value[1], id: value[2] };
    }
  } catch {
    // fall through to the validation error
  }
  throw new AppError('validation_failed', 'cursor: not a cursor returned by this list.');
}

/**
 * Finds members by exact e-mail address (normalised as at sign-up), exact id, or name. Only
 * support agents and admins may search.
 */
export async function searchMembers(db: Db, dialect: DialectName, agent: Actor, input: MemberSearchInput): Promise<MemberSearchResult> {
  if (agent.role === 'member') throw new AppError('forbidden', 'Only support agents can look members up.');
  const q = input.q.trim();
  if (q === '') throw new AppError('validation_failed', 'q: must not be blank.', { field: 'q' });
  const cursor = decodeNameCursor(input.cursor);

  const email = normalizeEmail(q);
  if (email) {
    // The primary address, or an additional one the member has verified.
    const found = cursor ? undefined : await findMemberByAnyEmail(db, email);
    return { match: 'email', members: found ? [found] : [], nextCursor: null };
  }
  if (!cursor && ID_SHAPE.test(q)) {
    const found = await findMemberById(db, q);
    if (found) return { match: 'id', members: [found], nextCursor: null };
  }

  // One row more than the page, to know whether there is a next one.
  const want = input.limit + 1;
  const rows: (NameRow & { tier: Tier })[] = [];
  if (!cursor || cursor.tier === 'prefix') {
    for (const row of await findMembersByName(db, dialect, q, 'prefix', cursor, want)) rows.push({ ...row, tier: 'prefix' });
  }
  if (rows.length < want) {
    const after = cursor?.tier === 'contains' ? cursor : null;
    for (const row of await findMembersByName(db, dialect, q, 'contains', after, want - rows.length)) rows.push({ ...row, tier: 'contains' });
  }
  const page = toPage(
    rows,
    input.limit,
    (last) => ({ tier: last.tier, key: last.name_key, id: last.id }),
    ({ name_key: _key, tier: _tier, ...member }) => member,
    encodeNameCursor,
  );
  return { match: 'name', members: page.items, nextCursor: page.nextCursor };
}

/** A member as support sees them in a list of matches. */
export function presentFoundMember(m: MemberRow) {
  return {
    id: m.id,
    name: m.name,
    email: m.email,
    emailVerified: m.email_verified_at !== null,
    role: m.role,
    headline: m.headline,
    createdAt: m.created_at,
    restricted: m.restricted_at !== null,
  };
}
