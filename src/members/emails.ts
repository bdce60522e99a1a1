/**
 * A member's e-mail addresses: the primary one they sign in with, and up to MAX_ADDITIONAL_EMAILS
 * more. Each, the primary one too, is theirs only once they open the link mailed to it while signed
 * in; the first member to do so owns it. Whether an address is already someone else's is never
 * told: adding it looks like adding any address, and its link then fails with the same words as an
 * expired one.
 */
import { recordAudit } from '../audit/store.js';
import type { Actor, Deps } from '../context.js';
import { type Db, isUniqueViolation, type Trx, transact } from '../db/database.js';
import type { MemberRow } from '../db/schema.js';
import { AppError } from '../errors.js';
import { iso } from '../shared/clock.js';
import { sha256 } from '../shared/crypto.js';
import { normalizeEmail, type OnAddressOwned } from './accounts.js';
import {
  countMemberEmails,
  deleteMemberEmail,
  findMemberEmail,
  findMemberEmailByToken,
  insertMemberEmail,
  listMemberEmails,
  lockAddress,
  markEmailVerified,
  type MemberEmailRow,
  ownerOfAddress,
  replaceVerificationToken,
} from './email-store.js';
import { findMemberById, findMemberByPrimaryToken, lockMember, markPrimaryVerified, replacePrimaryToken } from './store.js';
import { queueVerificationMail, verificationLink } from './verification.js';

export const MAX_ADDITIONAL_EMAILS = 10;

export type EmailState = 'primary' | 'verified' | 'pending' | 'expired';

export interface EmailAddressView {
  email: string;
  primary: boolean;
  verified: boolean;
  /** primary; verified; pending (link sent, still valid); expired (link no longer valid: send a new one). */
  state: EmailState;
  verifiedAt: string | null;
  addedAt: string;
  /** Until when the latest link works, while the address waits for verification. */
  verificationExpiresAt: string | null;
}

const unavailable = () =>
  new AppError('verification_unavailable', 'This verification link is no longer valid. Add the address again from your settings to get a new link.');

function present(row: MemberEmailRow, now: string): EmailAddressView {
  const verified = row.verified_at !== null;
  const live = !verified && row.token_expires_at !== null && row.token_expires_at > now;
  return {
    email: row.email,
    primary: false,
    verified,
    state: verified ? 'verified' : live ? 'pending' : 'expired',
    verifiedAt: row.verified_at,
    addedAt: row.created_at,
    verificationExpiresAt: verified ? null : row.token_expires_at,
  };
}

/** The primary address as its member sees it: verified, or waiting for its link like an added one. */
function presentPrimary(member: Pick<MemberRow, 'email' | 'email_verified_at' | 'email_token_expires_at' | 'created_at'>, now: string): EmailAddressView {
  const verified = member.email_verified_at !== null;
  const live = !verified && member.email_token_expires_at !== null && member.email_token_expires_at > now;
  return {
    email: member.email,
    primary: true,
    verified,
    state: verified ? 'primary' : live ? 'pending' : 'expired',
    verifiedAt: member.email_verified_at,
    addedAt: member.created_at,
    verificationExpiresAt: verified ? null : member.email_token_expires_at,
  };
}

/** The primary address first, then the additional ones, oldest first. */
export async function listEmails(
  db: Db,
  deps: Deps,
  member: Pick<MemberRow, 'id' | 'email' | 'email_verified_at' | 'email_token_expires_at' | 'created_at'>,
): Promise<EmailAddressView[]> {
  const now = iso(deps.clock.now());
  return [presentPrimary(member, now), ...(await listMemberEmails(db, member.id)).map((row) => present(row, now))];
}

/** The address as the member typed it, normalised; `validation_failed` when it is not one. */
export function checkedAddress(input: string): string {
  const email = normalizeEmail(input);
  if (!email) throw new AppError('validation_failed', 'email: is not an e-mail address.', { field: 'email' });
  return email;
}

export interface AddedEmail {
  address: EmailAddressView;
  /** False when the address was already waiting and only a new link was sent. */
  created: boolean;
}

/**
 * Adds an unverified address to the member's account (or, for one already waiting — their own
 * primary address too, until it is verified — replaces its link) and queues the e-mail carrying the
 * verification link, in one transaction.
 */
export async function addEmail(db: Db, deps: Deps, actor: Actor, input: string): Promise<AddedEmail> {
  const email = checkedAddress(input);
  const nowDate = deps.clock.now();
  const now = iso(nowDate);
  const link = verificationLink(nowDate);
  try {
    return await transact(db, async (trx) => {
      // Locked, so the address count is exact under concurrent adds.
      const member = await lockMember(trx, deps.dialect, actor.memberId);
      if (!member) throw new AppError('unauthenticated', 'Your account no longer exists.');
      if (email === member.email) {
        if (member.email_verified_at !== null) throw new AppError('email_is_primary', 'This is already your primary e-mail address.');
        await replacePrimaryToken(trx, member.id, link.hash, link.expiresAt);
        await queueVerificationMail(trx, email, link, now);
        await recordAudit(trx, {
          at: now,
          actorId: actor.memberId,
          action: 'member.email_verification_resent',
          subjectMemberId: member.id,
          path: actor.path,
          details: { email, primary: true },
        });
        return { address: presentPrimary({ ...member, email_token_expires_at: link.expiresAt }, now), created: false };
      }
      const existing = await findMemberEmail(trx, member.id, email);
      if (existing?.verified_at) throw new AppError('email_already_added', 'This address is already verified on your account.');
      if (existing) {
        await replaceVerificationToken(trx, member.id, email, link.hash, link.expiresAt);
      } else {
        if ((await countMemberEmails(trx, member.id)) >= MAX_ADDITIONAL_EMAILS) {
          throw new AppError('too_many_emails', `You can add at most ${MAX_ADDITIONAL_EMAILS} e-mail addresses besides your primary one. Remove one first.`);
        }
        await insertMemberEmail(trx, {
          member_id: member.id,
          email,
          verified_at: null,
          token_hash: link.hash,
          token_expires_at: link.expiresAt,
          created_at: now,
        });
      }
      await queueVerificationMail(trx, email, link, now);
      await recordAudit(trx, {
        at: now,
        actorId: actor.memberId,
        action: existing ? 'member.email_verification_resent' : 'member.email_added',
        subjectMemberId: member.id,
        path: actor.path,
        details: { email },
      });
      const row = (await findMemberEmail(trx, member.id, email))!;
      return { address: present(row, now), created: !existing };
    });
  } catch (error) {
    // The same address added twice at once: the first one is there now.
    if (isUniqueViolation(error)) throw new AppError('email_already_added', 'This address was just added to your account.');
    throw error;
  }
}

/** Removes an additional address (verified or not). The primary address cannot be removed. */
export async function removeEmail(db: Db, deps: Deps, actor: Actor, member: Pick<MemberRow, 'id' | 'email'>, input: string): Promise<void> {
  const email = normalizeEmail(input);
  if (email === member.email) throw new AppError('email_is_primary', 'Your primary e-mail address cannot be removed.');
  const now = iso(deps.clock.now());
  await transact(db, async (trx) => {
    if (!email || !(await deleteMemberEmail(trx, member.id, email))) throw new AppError('not_found', 'This address is not on your account.');
    await recordAudit(trx, {
      at: now,
      actorId: actor.memberId,
      action: 'member.email_removed',
      subjectMemberId: member.id,
      path: actor.path,
      details: { email },
    });
  });
}

/**
 * Verifies the address behind a link — an added one, or the primary one given at sign-up — for the
 * signed-in member it was mailed for. Any other case — an unknown, expired or replaced link, another
 * member's link, an address someone else verified first — is the same `verification_unavailable`.
 * Verifying a verified address again is harmless. Invitations waiting for the address reach the
 * member from then on (`onAddressOwned`, in the same transaction).
 */
export async function verifyEmail(db: Db, deps: Deps, actor: Actor, token: string, onAddressOwned: OnAddressOwned): Promise<EmailAddressView> {
  if (token.length < 32 || token.length > 128) throw unavailable();
  const tokenHash = sha256(token);
  // A send racing for the same pair can take the pending-pair slot first: the second attempt sees it.
  for (let attempt = 1; ; attempt++) {
    try {
      return await transact(db, (trx) => verifyIn(trx, deps, actor, tokenHash, onAddressOwned));
    } catch (error) {
      if (!isUniqueViolation(error)) throw error;
      if (attempt >= 2) throw unavailable();
    }
  }
}

async function verifyIn(trx: Trx, deps: Deps, actor: Actor, tokenHash: string, onAddressOwned: OnAddressOwned): Promise<EmailAddressView> {
  const now = iso(deps.clock.now());
  const claim = await findMemberEmailByToken(trx, tokenHash);
  if (!claim) return verifyPrimaryIn(trx, deps, actor, tokenHash, onAddressOwned);
  if (claim.member_id !== actor.memberId) throw unavailable();
  if (claim.verified_at !== null) return present(claim, now);
  if (claim.token_expires_at === null || claim.token_expires_at <= now) throw unavailable();
  await lockAddress(trx, deps.dialect, claim.email);
  if ((await ownerOfAddress(trx, claim.email)) !== undefined) throw unavailable();
  if (!(await markEmailVerified(trx, claim.member_id, claim.email, tokenHash, now))) throw unavailable();
  const member = await findMemberById(trx, claim.member_id);
  if (!member) throw unavailable();
  await recordVerified(trx, deps, actor, member, claim.email, onAddressOwned);
  return present({ ...claim, verified_at: now }, now);
}

/** The primary address's link: the first member to verify an address owns it. */
async function verifyPrimaryIn(trx: Trx, deps: Deps, actor: Actor, tokenHash: string, onAddressOwned: OnAddressOwned): Promise<EmailAddressView> {
  const now = iso(deps.clock.now());
  const member = await findMemberByPrimaryToken(trx, tokenHash);
  if (!member || member.id !== actor.memberId) throw unavailable();
  if (member.email_verified_at !== null) return presentPrimary(member, now);
  if (member.email_token_expires_at === null || member.email_token_expires_at <= now) throw unavailable();
  await lockAddress(trx, deps.dialect, member.email);
  if ((await ownerOfAddress(trx, member.email)) !== undefined) throw unavailable();
  if (!(await markPrimaryVerified(trx, member.id, tokenHash, now))) throw unavailable();
  const verified = { ...member, email_verified_at: now };
  await recordVerified(trx, deps, actor, verified, member.email, onAddressOwned);
  return presentPrimary(verified, now);
}

/** Hands the address's waiting invitations to its new owner, and records the verification. */
async function recordVerified(trx: Trx, deps: Deps, actor: Actor, member: MemberRow, email: string, onAddressOwned: OnAddressOwned): Promise<void> {
  const now = iso(deps.clock.now());
  const attached = await onAddressOwned(trx, deps, member, email);
  await recordAudit(trx, {
    at: now,
    actorId: actor.memberId,
    action: 'member.email_verified',
    subjectMemberId: member.id,
    path: actor.path,
    details: { email, primary: email === member.email, invitationsReceived: attached },
  });
}
