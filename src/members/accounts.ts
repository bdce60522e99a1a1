/** Accounts: creating members, checking passwords, and what a member looks like to others. */
import { cleanLine } from '../shared/text.js';
import type { Deps } from '../context.js';
import { type Db, isUniqueViolation, transact } from '../db/database.js';
import type { MemberRow, Role } from '../db/schema.js';
import { AppError } from '../errors.js';
import { newId } from '../shared/crypto.js';
import { iso } from '../shared/clock.js';
import { checkNewPassword, hashPassword, verifyPassword } from './passwords.js';
import { findMemberByEmail, insertMember } from './store.js';
import { lockAddress, verifiedOwnerOf } from './email-store.js';
import { recordAudit } from '../audit/store.js';
import { pairKey } from '../invitations/rules.js';
import { memberMayAuthenticate } from '../auth/tokens.js';

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
 * Creates a member. Pending e-mail invitations to the address start reaching the new member's
 * in-app list at once.
 */
export async function createMember(db: Db, deps: Deps, input: NewAccount, actorId: string | null = null): Promise<MemberRow> {
  const email = normalizeEmail(input.email);
  if (!email) throw new AppError('validation_failed', 'email: is not an e-mail address.');
  const name = cleanLine(input.name);
  if (name === '') throw new AppError('validation_failed', 'name: must not be empty.', { field: 'name' });
  const headline = cleanLine(input.headline ?? '');
  checkNewPassword(input.password, { email, name });
  const passwordHash = await hashPassword(input.password);
  const now = iso(deps.clock.now());
  try {
    return await transact(db, async (trx) => {
      // An address another member has verified is theirs; the lock orders this against its verification.
      await lockAddress(trx, deps.dialect, email);
      if (await verifiedOwnerOf(trx, email)) throw new AppError('email_taken', 'An account with this e-mail address already exists.');
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
      });
      const waiting = await trx
        .selectFrom('invitations')
        .select(['id', 'sender_id'])
        .where('recipient_key', '=', `e:${email}`)
        .where('recipient_member_id', 'is', null)
        .where('status', 'in', ['pending', 'ignored'])
        .execute();
      for (const inv of waiting) {
        await trx
          .updateTable('invitations')
          .set({ recipient_member_id: member.id, pair_key: pairKey(inv.sender_id, member.id) })
          .where('id', '=', inv.id)
          .execute();
      }
      await recordAudit(trx, {
        at: now,
        actorId: actorId ?? member.id,
        action: 'member.created',
        subjectMemberId: member.id,
        path: actorId ? 'cli' : 'web',
        details: { role: member.role },
      });
      return member;
    });
  } catch (error) {
    if (isUniqueViolation(error)) throw new AppError('email_taken', 'An account with this e-mail address already exists.');
    throw error;
  }
}

/**
 * The member whose e-mail and password these are, if they may log in; `invalid_credentials`
 * otherwise, in the same time and words whatever the reason (a suspended account reads as a wrong
 * password, so the answer tells a guesser nothing).
 */
export async function authenticate(db: Db, email: string, password: string): Promise<MemberRow> {
  const normalized = normalizeEmail(email);
  const member = normalized ? await findMemberByEmail(db, normalized) : undefined;
  const ok = await verifyPassword(member?.password_hash, password);
  if (!member || !ok || !memberMayAuthenticate(member)) throw new AppError('invalid_credentials', 'The e-mail address or password is wrong.');
  return member;
}

/** The member as they see themselves. */
export function presentSelf(m: MemberRow) {
  return { id: m.id, name: m.name, email: m.email, role: m.role, headline: m.headline };
}
