/** Queries of members' additional e-mail addresses and of members by any of their addresses. */
import { type Selectable, sql } from 'kysely';
import type { Db, DialectName, Trx } from '../db/database.js';
import type { MemberEmailTable, MemberRow } from '../db/schema.js';
import { findMemberByEmail } from './store.js';

export type MemberEmailRow = Selectable<MemberEmailTable>;

/** A member's additional addresses, oldest first. */
export async function listMemberEmails(db: Db | Trx, memberId: string): Promise<MemberEmailRow[]> {
  return db.selectFrom('member_emails').selectAll().where('member_id', '=', memberId).orderBy('created_at').orderBy('email').execute();
}

export async function findMemberEmail(db: Db | Trx, memberId: string, email: string): Promise<MemberEmailRow | undefined> {
  return db.selectFrom('member_emails').selectAll().where('member_id', '=', memberId).where('email', '=', email).executeTakeFirst();
}

export async function countMemberEmails(trx: Trx, memberId: string): Promise<number> {
  const row = await trx
    .selectFrom('member_emails')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('member_id', '=', memberId)
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

export async function insertMemberEmail(trx: Trx, row: MemberEmailRow): Promise<void> {
  await trx.insertInto('member_emails').values(row).execute();
}

/** Gives a pending address a new verification link; the previous one stops working. */
export async function replaceVerificationToken(trx: Trx, memberId: string, email: string, tokenHash: string, expiresAt: string): Promise<boolean> {
  const result = await trx
    .updateTable('member_emails')
    .set({ token_hash: tokenHash, token_expires_at: expiresAt })
    .where('member_id', '=', memberId)
    .where('email', '=', email)
    .where('verified_at', 'is', null)
    .executeTakeFirst();
  return result.numUpdatedRows > 0n;
}

export async function deleteMemberEmail(trx: Trx, memberId: string, email: string): Promise<boolean> {
  const result = await trx.deleteFrom('member_emails').where('member_id', '=', memberId).where('email', '=', email).executeTakeFirst();
  return result.numDeletedRows > 0n;
}

export async function findMemberEmailByToken(trx: Trx, tokenHash: string): Promise<MemberEmailRow | undefined> {
  return trx.selectFrom('member_emails').selectAll().where('token_hash', '=', tokenHash).executeTakeFirst();
}

/** Marks a pending address verified, if its link is still `tokenHash`; false when it is not. */
export async function markEmailVerified(trx: Trx, memberId: string, email: string, tokenHash: string, now: string): Promise<boolean> {
  const result = await trx
    .updateTable('member_emails')
    .set({ verified_at: now })
    .where('member_id', '=', memberId)
    .where('email', '=', email)
    .where('token_hash', '=', tokenHash)
    .where('verified_at', 'is', null)
    .executeTakeFirst();
  return result.numUpdatedRows > 0n;
}

/**
 * Of `tokenHashes`, those of addresses — added or primary — still waiting for verification with a
 * link that has not expired.
 */
export async function liveVerificationHashes(trx: Trx, tokenHashes: string[], now: string): Promise<Set<string>> {
  if (tokenHashes.length === 0) return new Set();
  const rows = await trx
    .selectFrom('member_emails')
    .select('token_hash')
    .where('token_hash', 'in', tokenHashes)
    .where('verified_at', 'is', null)
    .where('token_expires_at', '>', now)
    .unionAll(
      trx
        .selectFrom('members')
        .select('email_token_hash as token_hash')
        .where('email_token_hash', 'in', tokenHashes)
        .where('email_verified_at', 'is', null)
        .where('email_token_expires_at', '>', now),
    )
    .execute();
  return new Set(rows.map((r) => r.token_hash!));
}

/**
 * Serialises, until the transaction ends, everything that could make `email` someone's: sign-up with
 * it and verification of it. SQLite has a single writer already.
 */
export async function lockAddress(trx: Trx, dialect: DialectName, email: string): Promise<void> {
  if (dialect === 'postgres') await sql`select pg_advisory_xact_lock(hashtext(${`member-email:${email}`}))`.execute(trx);
}

/** The member who has verified `email`, as primary or additional address, if anyone has. */
export async function ownerOfAddress(db: Db | Trx, email: string): Promise<string | undefined> {
  return (await findMemberByAnyEmail(db, email))?.id;
}

/**
 * Looks a member up by any address that is theirs, case-insensitively: the primary one or an
 * additional one, once verified. Two indexed look-ups (an OR across the tables would scan members).
 */
export async function findMemberByAnyEmail(db: Db | Trx, email: string): Promise<MemberRow | undefined> {
  const normalized = email.toLowerCase();
  return (
    (await findMemberByEmail(db, normalized)) ??
    db
      .selectFrom('member_emails')
      .innerJoin('members', 'members.id', 'member_emails.member_id')
      .selectAll('members')
      .where('member_emails.email', '=', normalized)
      .where('member_emails.verified_at', 'is not', null)
      .executeTakeFirst()
  );
}

/** True when `email` is `memberId`'s verified primary or verified additional address. */
export async function isAddressOf(db: Db | Trx, memberId: string, email: string): Promise<boolean> {
  return (await findMemberByAnyEmail(db, email))?.id === memberId;
}

export interface FoundMember {
  id: string;
  name: string;
  headline: string;
  /** The address (of those asked about) that matched. */
  email: string;
}

/**
 * Members findable by e-mail who have any of `emails` (lower-cased) as verified primary or
 * verified additional address: one statement, each branch on its unique index.
 */
export async function findFindableMembersByEmails(db: Db | Trx, emails: string[]): Promise<FoundMember[]> {
  if (emails.length === 0) return [];
  return db
    .selectFrom('members')
    .select(['id', 'name', 'headline', 'email'])
    .where('email', 'in', emails)
    .where('email_verified_at', 'is not', null)
    .where('findable_by_email', '=', 1)
    .unionAll(
      db
        .selectFrom('member_emails')
        .innerJoin('members', 'members.id', 'member_emails.member_id')
        .select(['members.id', 'members.name', 'members.headline', 'member_emails.email'])
        .where('member_emails.email', 'in', emails)
        .where('member_emails.verified_at', 'is not', null)
        .where('members.findable_by_email', '=', 1),
    )
    .execute();
}

/**
 * Pending, unexpired e-mail invitations to `email` that no member has received yet. Not an ignored
 * one (an answer is final for its recipient), nor one past its expiry that no sweep has reached yet
 * (it reads and acts as expired).
 */
export async function waitingInvitationsTo(trx: Trx, email: string, now: string) {
  return trx
    .selectFrom('invitations')
    .select(['id', 'sender_id'])
    .where('recipient_key', '=', `e:${email}`)
    .where('recipient_member_id', 'is', null)
    .where('status', '=', 'pending')
    .where('expires_at', '>', now)
    .orderBy('id')
    .execute();
}

/**
 * True when an open invitation (pending, or ignored and still awaiting an answer to its sender)
 * joins the pair, other than `exceptId`.
 */
export async function openInvitationForPair(trx: Trx, pair: string, now: string, exceptId: string): Promise<boolean> {
  const row = await trx
    .selectFrom('invitations')
    .select('id')
    .where('pair_key', '=', pair)
    .where('status', 'in', ['pending', 'ignored'])
    .where('expires_at', '>', now)
    .where('id', '<>', exceptId)
    .executeTakeFirst();
  return row !== undefined;
}

/** Hands a waiting invitation to the member it was addressed to; false when it was taken meanwhile. */
export async function attachInvitation(trx: Trx, invitationId: string, memberId: string, pair: string): Promise<boolean> {
  const result = await trx
    .updateTable('invitations')
    .set({ recipient_member_id: memberId, pair_key: pair })
    .where('id', '=', invitationId)
    .where('recipient_member_id', 'is', null)
    .where('status', '=', 'pending')
    .executeTakeFirst();
  return result.numUpdatedRows > 0n;
}
