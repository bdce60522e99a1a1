/** Log-in devices: the browsers that have logged in to an account, known by a cookie stored hashed. */
import type { Db } from '../db/database.js';
import { sha256 } from '../shared/crypto.js';

/** Devices kept per member; an older one is forgotten and counts as an unknown client again. */
const DEVICES_KEPT = 20;

/** Whether `token` is a device that has logged in to the account whose primary address is `email`. */
export async function isDeviceOf(db: Db, token: string, email: string): Promise<boolean> {
  const row = await db
    .selectFrom('login_devices')
    .innerJoin('members', 'members.id', 'login_devices.member_id')
    .select('login_devices.member_id')
    .where('login_devices.token_hash', '=', sha256(token))
    .where('members.email', '=', email)
    .executeTakeFirst();
  return row !== undefined;
}

/** Remembers `token` as a device of `memberId`, forgetting the member's oldest past DEVICES_KEPT. */
export async function rememberDevice(db: Db, token: string, memberId: string, at: string): Promise<void> {
  await db
    .insertInto('login_devices')
    .values({ token_hash: sha256(token), member_id: memberId, created_at: at })
    .onConflict((oc) => oc.doNothing())
    .execute();
  const keep = db
    .selectFrom('login_devices')
    .select('token_hash')
    .where('member_id', '=', memberId)
    .orderBy('created_at', 'desc')
    .orderBy('token_hash', 'desc')
    .limit(DEVICES_KEPT);
  await db.deleteFrom('login_devices').where('member_id', '=', memberId).where('token_hash', 'not in', keep).execute();
}
