/** Queries of members and their connections' counts. */
import type { Db, DialectName, Trx } from '../db/database.js';
import type { InvitationsFrom, MemberRow, Role } from '../db/schema.js';

export async function findMemberById(db: Db | Trx, id: string): Promise<MemberRow | undefined> {
  return db.selectFrom('members').selectAll().where('id', '=', id).executeTakeFirst();
}

/**
 * The member whose verified primary address `email` is, case-insensitively (addresses are stored
 * lower-cased). An address only claimed at sign-up is nobody's yet.
 */
export async function findMemberByEmail(db: Db | Trx, email: string): Promise<MemberRow | undefined> {
  return db.selectFrom('members').selectAll().where('email', '=', email.toLowerCase()).where('email_verified_at', 'is not', null).executeTakeFirst();
}

/** Of the accounts that claim `email` as primary address without having verified it, the newest `limit`. */
export async function findUnverifiedClaims(db: Db | Trx, email: string, limit: number): Promise<MemberRow[]> {
  return db
    .selectFrom('members')
    .selectAll()
    .where('email', '=', email.toLowerCase())
    .where('email_verified_at', 'is', null)
    .orderBy('created_at', 'desc')
    .orderBy('id', 'desc')
    .limit(limit)
    .execute();
}

/** Members whose phone number is `phone` (E.164). */
export async function findMembersByPhone(db: Db | Trx, phone: string): Promise<MemberRow[]> {
  return db.selectFrom('members').selectAll().where('phone', '=', phone).execute();
}

export interface NewMember {
  id: string;
  email: string;
  name: string;
  headline?: string;
  phone?: string | null;
  passwordHash: string;
  role: Role;
  balance: number;
  createdAt: string;
  /**
   * When the primary address was verified: `createdAt` unless given. Sign-up gives null and the
   * hash of the link it mails, as `emailToken`.
   */
  emailVerifiedAt?: string | null;
  emailToken?: { hash: string; expiresAt: string };
}

export async function insertMember(db: Db | Trx, m: NewMember): Promise<MemberRow> {
  return db
    .insertInto('members')
    .values({
      id: m.id,
      email: m.email.toLowerCase(),
      name: m.name,
      headline: m.headline ?? '',
      phone: m.phone ?? null,
      password_hash: m.passwordHash,
      role: m.role,
      invitation_balance: m.balance,
      restricted_at: null,
      findable_by_email: 1,
      created_at: m.createdAt,
      email_verified_at: m.emailVerifiedAt === undefined ? m.createdAt : m.emailVerifiedAt,
      email_token_hash: m.emailToken?.hash ?? null,
      email_token_expires_at: m.emailToken?.expiresAt ?? null,
    })
    .returningAll()
    .executeTakeFirstOrThrow();
}

/** Gives an unverified primary address a new verification link; the previous one stops working. */
export async function replacePrimaryToken(trx: Trx, memberId: string, tokenHash: string, expiresAt: string): Promise<boolean> {
  const result = await trx
    .updateTable('members')
    .set({ email_token_hash: tokenHash, email_token_expires_at: expiresAt })
    .where('id', '=', memberId)
    .where('email_verified_at', 'is', null)
    .executeTakeFirst();
  return result.numUpdatedRows > 0n;
}

export async function findMemberByPrimaryToken(trx: Trx, tokenHash: string): Promise<MemberRow | undefined> {
  return trx.selectFrom('members').selectAll().where('email_token_hash', '=', tokenHash).executeTakeFirst();
}

/**
 * Marks the member's primary address verified, if its link is still `tokenHash`; false when it is
 * not. The link's hash stays, so opening the link again finds the address verified.
 */
export async function markPrimaryVerified(trx: Trx, memberId: string, tokenHash: string, now: string): Promise<boolean> {
  const result = await trx
    .updateTable('members')
    .set({ email_verified_at: now })
    .where('id', '=', memberId)
    .where('email_token_hash', '=', tokenHash)
    .where('email_verified_at', 'is', null)
    .executeTakeFirst();
  return result.numUpdatedRows > 0n;
}

export interface SettingsChange {
  findableByEmail?: boolean;
  invitationsFrom?: InvitationsFrom;
  messageEmails?: boolean;
}

/** Applies the given settings; returns the member as changed. */
export async function updateSettings(db: Db | Trx, memberId: string, change: SettingsChange): Promise<MemberRow | undefined> {
  const set = {
    ...(change.findableByEmail !== undefined ? { findable_by_email: change.findableByEmail ? 1 : 0 } : {}),
    ...(change.invitationsFrom !== undefined ? { invitations_from: change.invitationsFrom } : {}),
    ...(change.messageEmails !== undefined ? { message_emails: change.messageEmails ? 1 : 0 } : {}),
  };
  if (Object.keys(set).length === 0) return findMemberById(db, memberId);
  return db.updateTable('members').set(set).where('id', '=', memberId).returningAll().executeTakeFirst();
}

/** Takes one invitation from the balance; false when there is none left. */
export async function takeFromBalance(trx: Trx, memberId: string): Promise<boolean> {
  const result = await trx
    .updateTable('members')
    .set((eb) => ({ invitation_balance: eb('invitation_balance', '-', 1) }))
    .where('id', '=', memberId)
    .where('invitation_balance', '>', 0)
    .executeTakeFirst();
  return result.numUpdatedRows > 0n;
}

export async function addToBalance(trx: Trx, memberId: string, grant: number): Promise<number | undefined> {
  const row = await trx
    .updateTable('members')
    .set((eb) => ({ invitation_balance: eb('invitation_balance', '+', grant) }))
    .where('id', '=', memberId)
    .returning('invitation_balance')
    .executeTakeFirst();
  return row?.invitation_balance;
}

export async function areConnected(db: Db | Trx, a: string, b: string): Promise<boolean> {
  const [lo, hi] = a < b ? [a, b] : [b, a];
  const row = await db.selectFrom('connections').select('member_a').where('member_a', '=', lo).where('member_b', '=', hi).executeTakeFirst();
  return row !== undefined;
}

/** Sets or clears a member's suspension, only if that changes it; whether it did. */
export async function setSuspension(trx: Trx, memberId: string, at: string | null): Promise<boolean> {
  const result = await trx
    .updateTable('members')
    .set({ suspended_at: at })
    .where('id', '=', memberId)
    .where('suspended_at', at === null ? 'is not' : 'is', null)
    .executeTakeFirst();
  return result.numUpdatedRows > 0n;
}

/**
 * The member, locked until the transaction ends (on PostgreSQL; SQLite has a single writer
 * already), so that their sends (invitations and messages) run one at a time and the weekly and
 * daily counts are exact, and their address count is exact under concurrent adds. NO KEY UPDATE:
 * rows that merely refer to the member, such as an invitation to them, are not held up by it.
 */
export async function lockMember(trx: Trx, dialect: DialectName, memberId: string): Promise<MemberRow | undefined> {
  let query = trx.selectFrom('members').selectAll().where('id', '=', memberId);
  if (dialect === 'postgres') query = query.forNoKeyUpdate();
  return query.executeTakeFirst();
}

/** The member's primary address. */
export async function primaryEmailOf(trx: Trx, memberId: string): Promise<string> {
  return (await trx.selectFrom('members').select('email').where('id', '=', memberId).executeTakeFirstOrThrow()).email;
}

/** Restricts the member, unless they already are; whether this did. */
export async function markRestricted(trx: Trx, memberId: string, now: string): Promise<boolean> {
  const changed = await trx.updateTable('members').set({ restricted_at: now }).where('id', '=', memberId).where('restricted_at', 'is', null).executeTakeFirst();
  return changed.numUpdatedRows > 0n;
}

/** True when the database has at least one member. */
export async function hasAnyMember(db: Db): Promise<boolean> {
  return (await db.selectFrom('members').select('id').limit(1).executeTakeFirst()) !== undefined;
}

/** Sets the member's name or headline (those given); returns the member as changed. */
export async function updateProfile(db: Db | Trx, memberId: string, change: { name?: string; headline?: string }): Promise<MemberRow | undefined> {
  const set = { ...(change.name !== undefined ? { name: change.name } : {}), ...(change.headline !== undefined ? { headline: change.headline } : {}) };
  if (Object.keys(set).length === 0) return findMemberById(db, memberId);
  return db.updateTable('members').set(set).where('id', '=', memberId).returningAll().executeTakeFirst();
}
