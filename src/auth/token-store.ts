/** Queries of sessions and bearer tokens (`auth_tokens`), found by the SHA-256 of their secret or by id. */
import type { Db, Trx } from '../db/database.js';
import type { MemberRow } from '../db/schema.js';
import { type Cursor, keysetBefore, whereAll } from '../shared/pagination.js';

export type CredentialKind = 'session' | 'bearer';

export interface NewCredential {
  id: string;
  tokenHash: string;
  memberId: string;
  kind: CredentialKind;
  name: string | null;
  createdAt: string;
  expiresAt: string;
}

export async function insertCredential(db: Db | Trx, c: NewCredential): Promise<void> {
  await db
    .insertInto('auth_tokens')
    .values({
      token_hash: c.tokenHash,
      id: c.id,
      member_id: c.memberId,
      kind: c.kind,
      name: c.name,
      created_at: c.createdAt,
      expires_at: c.expiresAt,
      last_used_at: null,
    })
    .execute();
}

export interface LiveCredential {
  id: string;
  lastUsedAt: string | null;
  member: MemberRow;
}

/** The unexpired credential of `kind` whose secret hashes to `tokenHash`, with its member. */
export async function findLiveCredential(db: Db, tokenHash: string, kind: CredentialKind, now: string): Promise<LiveCredential | undefined> {
  const row = await db
    .selectFrom('auth_tokens')
    .innerJoin('members', 'members.id', 'auth_tokens.member_id')
    .selectAll('members')
    .select(['auth_tokens.id as credential_id', 'auth_tokens.last_used_at as credential_last_used_at'])
    .where('auth_tokens.token_hash', '=', tokenHash)
    .where('auth_tokens.kind', '=', kind)
    .where('auth_tokens.expires_at', '>', now)
    .executeTakeFirst();
  if (!row) return undefined;
  const { credential_id, credential_last_used_at, ...member } = row;
  return { id: credential_id, lastUsedAt: credential_last_used_at, member };
}

/**
 * Records a use, unless one at or after `staleBefore` is already recorded. The condition makes the
 * write happen once per period however many requests and processes race for it.
 */
export async function touchCredential(db: Db, id: string, now: string, staleBefore: string): Promise<void> {
  await db
    .updateTable('auth_tokens')
    .set({ last_used_at: now })
    .where('id', '=', id)
    .where((eb) => eb.or([eb('last_used_at', 'is', null), eb('last_used_at', '<', staleBefore)]))
    .execute();
}

/** A member's unexpired bearer tokens, newest first, after `cursor`; `limit + 1` rows at most. */
export async function listBearerTokens(db: Db, memberId: string, now: string, cursor: Cursor | null, limit: number) {
  const query = db
    .selectFrom('auth_tokens')
    .select(['id', 'name', 'created_at', 'last_used_at'])
    .where('member_id', '=', memberId)
    .where('kind', '=', 'bearer')
    .where('expires_at', '>', now);
  return whereAll(query, keysetBefore({ at: 'created_at', id: 'id' }, cursor))
    .orderBy('created_at', 'desc')
    .orderBy('id', 'desc')
    .limit(limit + 1)
    .execute();
}

/** Deletes the credential `id`; the number deleted (0 or 1). */
export async function deleteCredential(db: Db | Trx, id: string): Promise<number> {
  const result = await db.deleteFrom('auth_tokens').where('id', '=', id).executeTakeFirst();
  return Number(result.numDeletedRows);
}

/** Deletes the bearer token `id` if it is `memberId`'s; the number deleted (0 or 1). */
export async function deleteBearerToken(db: Db | Trx, memberId: string, id: string): Promise<number> {
  const result = await db.deleteFrom('auth_tokens').where('id', '=', id).where('member_id', '=', memberId).where('kind', '=', 'bearer').executeTakeFirst();
  return Number(result.numDeletedRows);
}

/** Deletes every session and bearer token of a member; how many there were. */
export async function deleteMemberCredentials(trx: Trx, memberId: string): Promise<number> {
  const result = await trx.deleteFrom('auth_tokens').where('member_id', '=', memberId).executeTakeFirst();
  return Number(result.numDeletedRows);
}
