/** Queries of members and their connections' counts. */
import type { Db, Trx } from '../db/database.js';
import type { MemberRow, Role } from '../db/schema.js';

export async function findMemberById(db: Db | Trx, id: string): Promise<MemberRow | undefined> {
  return db.selectFrom('members').selectAll().where('id', '=', id).executeTakeFirst();
}

/** Looks a member up by e-mail, case-insensitively (addresses are stored lower-cased). */
export async function findMemberByEmail(db: Db | Trx, email: string): Promise<MemberRow | undefined> {
  return db.selectFrom('members').selectAll().where('email', '=', email.toLowerCase()).executeTakeFirst();
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
    })
    .returningAll()
    .executeTakeFirstOrThrow();
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
  const row = await db
    .selectFrom('connections')
    .select('member_a')
    .where('member_a', '=', lo)
    .where('member_b', '=', hi)
    .executeTakeFirst();
  return row !== undefined;
}

/** Sets or clears a member's suspension, only if that changes it; whether it did. */
export async function setSuspension(trx: Db | Trx, memberId: string, at: string | null): Promise<boolean> {
  const result = await trx
    .updateTable('members')
    .set({ suspended_at: at })
    .where('id', '=', memberId)
    .where('suspended_at', at === null ? 'is not' : 'is', null)
    .executeTakeFirst();
  return result.numUpdatedRows > 0n;
}
