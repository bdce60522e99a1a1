/** Accounts: creating members, checking passwords, and what a member looks like to others. */
import { cleanLine } from '../shared/text.js';
import type { Deps } from '../context.js';
import { type Db, isUniqueViolation, transact, type Trx } from '../db/database.js';
import type { MemberRow, Role } from '../db/schema.js';
import { AppError } from '../errors.js';
import { newId } from '../shared/crypto.js';
import { iso } from '../shared/clock.js';
import { checkNewPassword, hashPassword, verifyPassword } from './passwords.js';
import { findMemberByEmail, findUnverifiedClaims, insertMember, updateProfile } from './store.js';
import { lockAddress, ownerOfAddress } from './email-store.js';
import { recordAudit } from '../audit/store.js';
import { queueVerificationMail, verificationLink } from './verification.js';
import { memberMayAuthenticate } from './access.js';

export interface NewAccount {
  name: string;
  email: string;
  password: string;
  role?: Role;
  headline?: string;
  phone?: string | null;
}

/** Normalises and checks an e-mail address; null when it is not one. */
export function normalizeEmail(input: string): string | null {
  const email = input.trim().toLowerCase();
  return /^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(email) && email.length <= 254 ? email : null;
}

/**
 * What else happens, in the transaction that makes an address a member's own (an operator's new
 * account, a followed verification link): the invitations waiting for the address reach the member.
 * It is invitations/attach.ts's `attachWaitingInvitations`, passed in from above (src/app.ts, the
 * CLI) because members/ sits below invitations/; it returns how many invitations it handed over.
 */
export type OnAddressOwned = (trx: Trx, deps: Deps, owner: MemberRow, email: string) => Promise<number>;

/**
 * Creates a member. An account made by sign-up (`verified: false`) only claims its address: a link
 * to verify it is mailed to it, and until it is followed nothing addressed to the address reaches
 * the account. One made by an operator (`verified: true`) owns its address at once, and the
 * invitations waiting for it reach the new member.
 */
export async function createMember(
  db: Db,
  deps: Deps,
  input: NewAccount,
  options: { actorId?: string | null } & ({ verified: false } | { verified: true; onAddressOwned: OnAddressOwned }),
): Promise<MemberRow> {
  const email = normalizeEmail(input.email);
  if (!email) throw new AppError('validation_failed', 'email: is not an e-mail address.');
  const name = cleanLine(input.name);
  if (name === '') throw new AppError('validation_failed', 'name: must not be empty.', { field: 'name' });
  const headline = cleanLine(input.headline ?? '');
  checkNewPassword(input.password, { email, name });
  const passwordHash = await hashPassword(input.password);
  const nowDate = deps.clock.now();
  const now = iso(nowDate);
  const actorId = options.actorId ?? null;
  const link = options.verified ? undefined : verificationLink(nowDate);
  const onAddressOwned = options.verified ? options.onAddressOwned : undefined;
  try {
    return await transact(db, async (trx) => {
      // An address someone has verified is theirs; the lock orders this against its verification.
      // An address only claimed (by a sign-up not yet verified) stands in nobody's way.
      await lockAddress(trx, deps.dialect, email);
      if (await ownerOfAddress(trx, email)) throw new AppError('email_taken', 'An account with this e-mail address already exists.');
      const member = await insertMember(trx, {
        id: newId(),
        email,
        name,
        headline,
        phone: input.phone ?? null,
        passwordHash,
        role: input.role ?? 'member',
        balance: deps.config.initialBalance,
        createdAt: now,
        emailVerifiedAt: link ? null : now,
        ...(link ? { emailToken: { hash: link.hash, expiresAt: link.expiresAt } } : {}),
      });
      if (link) await queueVerificationMail(trx, email, link, now);
      else await onAddressOwned?.(trx, deps, member, email);
      await recordAudit(trx, {
        at: now,
        actorId: actorId ?? member.id,
        action: 'member.created',
        subjectMemberId: member.id,
        path: actorId ? 'cli' : 'web',
        details: { role: member.role, emailVerified: !link },
      });
      return member;
    });
  } catch (error) {
    if (isUniqueViolation(error)) throw new AppError('email_taken', 'An account with this e-mail address already exists.');
    throw error;
  }
}

/**
 * Unverified accounts claiming one address whose passwords a log-in tries, newest first: enough for
 * the owner who signed up after a squatter, few enough that a wrong password costs a bounded number
 * of hash checks.
 */
const LOGIN_CLAIMS = 3;

/**
 * The member whose e-mail and password these are; `invalid_credentials` otherwise. A verified
 * address logs in to its owner only; an address nobody has verified yet logs in to whichever
 * account claiming it has this password (each sign-up chose its own). Once someone verifies the
 * address, the accounts that only claimed it can no longer log in with it. A suspended account
 * reads as a wrong password, so the answer tells a guesser nothing.
 */
export async function authenticate(db: Db, email: string, password: string): Promise<MemberRow> {
  const normalized = normalizeEmail(email);
  const owner = normalized ? await findMemberByEmail(db, normalized) : undefined;
  const candidates = owner ? [owner] : normalized && !(await ownerOfAddress(db, normalized)) ? await findUnverifiedClaims(db, normalized, LOGIN_CLAIMS) : [];
  // Always at least one hash check, so an unknown address takes as long as a wrong password.
  if (candidates.length === 0) await verifyPassword(undefined, password);
  for (const member of candidates) {
    if ((await verifyPassword(member.password_hash, password)) && memberMayAuthenticate(member)) return member;
  }
  throw new AppError('invalid_credentials', 'The e-mail address or password is wrong.');
}

/** The member as they see themselves. */
export function presentSelf(m: Pick<MemberRow, 'id' | 'name' | 'email' | 'email_verified_at' | 'role' | 'headline'>) {
  return { id: m.id, name: m.name, email: m.email, emailVerified: m.email_verified_at !== null, role: m.role, headline: m.headline };
}

/** What a member may change of how others see them. */
export interface ProfileChange {
  name?: string;
  headline?: string;
}

/**
 * Changes the member's name or headline, cleaned as at sign-up (one line, no control or invisible
 * characters); an empty headline is none. Returns the member as changed.
 */
export async function changeProfile(db: Db, memberId: string, change: ProfileChange): Promise<MemberRow> {
  const name = change.name === undefined ? undefined : cleanLine(change.name);
  if (name === '') throw new AppError('validation_failed', 'name: must not be empty.', { field: 'name' });
  const headline = change.headline === undefined ? undefined : cleanLine(change.headline);
  const changed = await updateProfile(db, memberId, { name, headline });
  if (!changed) throw new AppError('unauthenticated', 'Your account no longer exists.');
  return changed;
}
