/** Sessions and bearer tokens: 256 random bits handed out once, only their SHA-256 kept. */
import { createHmac } from 'node:crypto';
import type { Db } from '../db/database.js';
import type { MemberRow } from '../db/schema.js';
import { addMs, iso } from '../shared/clock.js';
import { newToken, safeEqual, sha256 } from '../shared/crypto.js';

export const SESSION_TTL_MS = 30 * 86_400_000;
export const BEARER_TTL_MS = 365 * 86_400_000;

export type TokenKind = 'session' | 'bearer';

/** Issues a token of `kind` for a member; the caller is the only one who ever sees it. */
export async function issueToken(db: Db, memberId: string, kind: TokenKind, now: Date): Promise<string> {
  const token = newToken(kind === 'bearer' ? 'rpt_' : '');
  await db
    .insertInto('auth_tokens')
    .values({
      token_hash: sha256(token),
      member_id: memberId,
      kind,
      created_at: iso(now),
      expires_at: iso(addMs(now, kind === 'session' ? SESSION_TTL_MS : BEARER_TTL_MS)),
    })
    .execute();
  return token;
}

/** The member a live token of `kind` belongs to. */
export async function resolveToken(db: Db, token: string, kind: TokenKind, now: Date): Promise<MemberRow | undefined> {
  if (token.length < 32 || token.length > 128) return undefined;
  return db
    .selectFrom('auth_tokens')
    .innerJoin('members', 'members.id', 'auth_tokens.member_id')
    .selectAll('members')
    .where('auth_tokens.token_hash', '=', sha256(token))
    .where('auth_tokens.kind', '=', kind)
    .where('auth_tokens.expires_at', '>', iso(now))
    .executeTakeFirst();
}

export async function revokeToken(db: Db, token: string): Promise<void> {
  await db.deleteFrom('auth_tokens').where('token_hash', '=', sha256(token)).execute();
}

/**
 * The CSRF token of a session, derived from the session secret itself: any process can check it
 * without storing it, and it is worthless without the cookie it belongs to.
 */
export function csrfTokenFor(sessionToken: string): string {
  return createHmac('sha256', sessionToken).update('rapport-csrf-v1').digest('base64url');
}

export function checkCsrf(sessionToken: string, presented: string | undefined): boolean {
  return typeof presented === 'string' && safeEqual(csrfTokenFor(sessionToken), presented);
}
