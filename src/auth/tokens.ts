/** Sessions and bearer tokens: 256 random bits handed out once, only their SHA-256 kept. */
import { cleanLine } from '../shared/text.js';
import { createHmac } from 'node:crypto';
import type { Db } from '../db/database.js';
import type { MemberRow } from '../db/schema.js';
import { notFound } from '../errors.js';
import { memberMayAuthenticate } from '../members/access.js';
import { addMs, iso } from '../shared/clock.js';
import { newId, newToken, safeEqual, sha256 } from '../shared/crypto.js';
import { type Cursor, type Page, toPage } from '../shared/pagination.js';
import {
  type CredentialKind,
  deleteBearerToken,
  deleteCredential,
  findLiveCredential,
  insertCredential,
  listBearerTokens,
  touchCredential,
} from './token-store.js';

export const SESSION_TTL_MS = 30 * 86_400_000;
const BEARER_TTL_MS = 365 * 86_400_000;

/**
 * How stale `last_used_at` may get. Recording every use would make every authenticated request,
 * reads included, a write (on SQLite, one more turn at the single writer lock); a member choosing
 * which token to revoke needs "when", not "which second".
 */
export const LAST_USED_PRECISION_MS = 60_000;

export const TOKEN_NAME_MAX = 100;

export type TokenKind = CredentialKind;

/** A token's name as given, kept to one plain line: no control, format or separator characters. */
function cleanTokenName(name: string | null | undefined): string | null {
  if (name === null || name === undefined) return null;
  const text = cleanLine(name);
  return text === '' ? null : [...text].slice(0, TOKEN_NAME_MAX).join('');
}

/** Issues a credential of `kind` for a member; the caller is the only one who ever sees the token. */
export async function issueCredential(
  db: Db,
  memberId: string,
  kind: TokenKind,
  now: Date,
  name: string | null = null,
): Promise<{ id: string; token: string }> {
  const token = newToken(kind === 'bearer' ? 'rpt_' : '');
  const id = newId();
  await insertCredential(db, {
    id,
    tokenHash: sha256(token),
    memberId,
    kind,
    name: cleanTokenName(name),
    createdAt: iso(now),
    expiresAt: iso(addMs(now, kind === 'session' ? SESSION_TTL_MS : BEARER_TTL_MS)),
  });
  return { id, token };
}

/** Issues a credential and returns only its secret. */
export async function issueToken(db: Db, memberId: string, kind: TokenKind, now: Date): Promise<string> {
  return (await issueCredential(db, memberId, kind, now)).token;
}

export interface ResolvedCredential {
  member: MemberRow;
  /** The id of the credential presented, so the request can revoke exactly it. */
  credentialId: string;
}

/** The member a live token of `kind` belongs to, if that member may authenticate; records the use. */
export async function resolveToken(db: Db, token: string, kind: TokenKind, now: Date): Promise<ResolvedCredential | undefined> {
  if (token.length < 32 || token.length > 128) return undefined;
  const found = await findLiveCredential(db, sha256(token), kind, iso(now));
  if (!found || !memberMayAuthenticate(found.member)) return undefined;
  const staleBefore = iso(addMs(now, -LAST_USED_PRECISION_MS));
  if (found.lastUsedAt === null || found.lastUsedAt < staleBefore) await touchCredential(db, found.id, iso(now), staleBefore);
  return { member: found.member, credentialId: found.id };
}

/** Revokes one credential by id (log-out revokes the one it was called with). */
export async function revokeCredential(db: Db, credentialId: string): Promise<void> {
  await deleteCredential(db, credentialId);
}

export interface TokenSummary {
  id: string;
  name: string | null;
  createdAt: string;
  lastUsedAt: string | null;
}

/** A member's live bearer tokens, newest first: what they are called and when used, never the secret. */
export async function listTokens(db: Db, memberId: string, now: Date, page: { cursor: Cursor | null; limit: number }): Promise<Page<TokenSummary>> {
  const rows = await listBearerTokens(db, memberId, iso(now), page.cursor, page.limit);
  return toPage(
    rows,
    page.limit,
    (r) => ({ at: r.created_at, id: r.id }),
    (r) => ({ id: r.id, name: r.name, createdAt: r.created_at, lastUsedAt: r.last_used_at }),
  );
}

/** Revokes one of a member's bearer tokens at once; another member's or an unknown id is `not_found`. */
export async function revokeBearerToken(db: Db, memberId: string, id: string): Promise<void> {
  if ((await deleteBearerToken(db, memberId, id)) === 0) throw notFound('That token');
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
